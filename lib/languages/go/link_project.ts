/**
 * Phase 2 for Go: link the facts of every file (a directory is one package, so types, functions and
 * package-level variables declared in one file are known in the others), let the patterns claim call sites,
 * and return the SdkCalls in input-file order, then source order.
 *
 * @module
 */
import type { KnowledgeBase } from "../../knowledge/knowledge_base.ts";
import type { SdkCall } from "../../types.ts";
import type { FileFacts } from "../language_plugin.ts";
import type { GoFileFacts } from "./facts.ts";
import type { EmitInput, GoPattern } from "./pattern.ts";
import { GoTracker, type LinkedFile } from "./tracker.ts";

/**
 * Resolves call sites of all `facts` (files with errors are ignored) with `patterns`, in order.
 *
 * @example
 * ```ts ignore
 * const calls = linkGoProject([storeFacts, handlerFacts], kb, GO_PATTERNS);
 * calls.map((c) => `${c.method} ${c.services}`); // ["GetObject s3", ...]
 * ```
 */
export function linkGoProject(
  facts: readonly FileFacts<GoFileFacts>[],
  kb: KnowledgeBase,
  patterns: readonly GoPattern[],
): SdkCall[] {
  const files: LinkedFile[] = [];
  for (const f of facts) {
    if (f.error || !f.facts) continue;
    files.push({ index: files.length, path: f.file, facts: f.facts });
  }
  const tracker = new GoTracker(files, patterns, kb);
  const perFile = new Map<string, SdkCall[]>(files.map((f) => [f.path, []]));
  for (const file of files) {
    const ctx = tracker.context(file.index);
    const out = perFile.get(file.path)!;
    for (const site of file.facts.calls) {
      const receiver = tracker.methodReceiver(ctx.evaluate(site.receiver, site.fn), site.method);
      const input: EmitInput = {
        site,
        receiver,
        makeCall: (fields) => ({
          language: "go",
          method: site.method,
          services: [],
          arguments: fields.arguments ?? ctx.sdkArguments(site.call.args, site.fn),
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
