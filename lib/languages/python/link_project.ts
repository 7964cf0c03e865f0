/**
 * Phase 2 for Python: link the facts of every file, let the patterns claim call sites, and return the
 * SdkCalls in input-file order, then source order.
 *
 * @module
 */
import type { KnowledgeBase } from "../../knowledge/knowledge_base.ts";
import type { SdkCall } from "../../types.ts";
import type { FileFacts } from "../language_plugin.ts";
import type { PythonFileFacts } from "./facts.ts";
import type { EmitInput, PythonPattern } from "./pattern.ts";
import { type LinkedFile, PythonTracker } from "./tracker.ts";

/**
 * Resolves call sites of all `facts` (files with errors are ignored) with `patterns`, in order.
 *
 * @example
 * ```ts ignore
 * const calls = linkPythonProject([helpersFacts, handlerFacts], kb, PYTHON_PATTERNS);
 * calls.map((c) => `${c.method} ${c.services}`); // ["get_object s3", ...]
 * ```
 */
export function linkPythonProject(
  facts: readonly FileFacts<PythonFileFacts>[],
  kb: KnowledgeBase,
  patterns: readonly PythonPattern[],
): SdkCall[] {
  const files: LinkedFile[] = [];
  for (const f of facts) {
    if (f.error || !f.facts) continue;
    files.push({ index: files.length, path: f.file, facts: f.facts });
  }
  const tracker = new PythonTracker(files, patterns, kb);
  const perFile = new Map<string, SdkCall[]>(files.map((f) => [f.path, []]));
  for (const file of files) {
    const ctx = tracker.context(file.index);
    const out = perFile.get(file.path)!;
    for (const site of file.facts.calls) {
      const input: EmitInput = {
        site,
        makeCall: (fields) => ({
          language: "python",
          method: site.method,
          services: [],
          arguments: fields.arguments ?? ctx.callArguments(site.call.args, site.scope),
          location: site.location,
          expression: site.call.text,
          ...fields,
        }),
      };
      for (const pattern of patterns) {
        const calls = pattern.emit?.(input, ctx);
        if (calls) {
          out.push(...calls);
          break;
        }
      }
    }
  }
  const finishCtx = { kb, state: <T>(id: string, init: () => T): T => tracker.state(id, init) };
  for (const pattern of patterns) {
    for (const call of pattern.finish?.(finishCtx) ?? []) perFile.get(call.location.file)?.push(call);
  }
  const result: SdkCall[] = [];
  for (const calls of perFile.values()) {
    // Stable sort: calls at the same place keep the order their patterns gave them.
    calls.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
    result.push(...calls);
  }
  return result;
}
