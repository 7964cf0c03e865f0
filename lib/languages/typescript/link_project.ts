/**
 * Phase 2 for TypeScript / JavaScript: link the facts of every file, let the patterns claim call sites, and
 * return the SdkCalls in input-file order, then source order.
 *
 * @module
 */
import type { KnowledgeBase } from "../../knowledge/knowledge_base.ts";
import type { SdkCall } from "../../types.ts";
import type { FileFacts } from "../language_plugin.ts";
import type { TsFileFacts } from "./facts.ts";
import type { EmitInput, TsPattern } from "./pattern.ts";
import { type LinkedFile, TsTracker } from "./tracker.ts";

/**
 * Resolves call sites of all `facts` (files with errors are ignored) with `patterns`, in order. Every call
 * site is its own SdkCall (no per-file deduplication).
 *
 * @example
 * ```ts ignore
 * const calls = linkTypeScriptProject([clientsFacts, handlerFacts], kb, TYPESCRIPT_PATTERNS);
 * calls.map((c) => `${c.method} ${c.services}`); // ["GetObjectCommand s3", ...]
 * ```
 */
export function linkTypeScriptProject(
  facts: readonly FileFacts<TsFileFacts>[],
  kb: KnowledgeBase,
  patterns: readonly TsPattern[],
): SdkCall[] {
  const files: LinkedFile[] = [];
  for (const f of facts) {
    if (f.error || !f.facts) continue;
    files.push({ index: files.length, path: f.file, facts: f.facts });
  }
  const languages = new Map(facts.map((f) => [f.file, f.language]));
  const tracker = new TsTracker(files, patterns, kb);
  const result: SdkCall[] = [];
  for (const file of files) {
    const ctx = tracker.context(file.index);
    const out: SdkCall[] = [];
    for (const site of file.facts.calls) {
      const input: EmitInput = {
        site,
        makeCall: (fields) => ({
          language: languages.get(file.path) ?? "typescript",
          services: [],
          arguments: [],
          location: site.location,
          expression: site.expr.text,
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
    // Stable sort: calls at the same place keep the order their patterns gave them.
    out.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
    result.push(...out);
  }
  return result;
}
