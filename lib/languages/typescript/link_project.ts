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
import { linkedFiles, runPatterns } from "../shared/run_patterns.ts";
import { TsTracker } from "./tracker.ts";

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
  const files = linkedFiles(facts);
  const languages = new Map(facts.map((f) => [f.file, f.language]));
  const tracker = new TsTracker(files, patterns, kb);
  // TypeScript patterns declare no `finish`, so no finish context is given.
  return runPatterns({
    files,
    patterns,
    sites: (file) => file.facts.calls,
    context: (file) => tracker.context(file.index),
    input: (site, _ctx, file): EmitInput => ({
      site,
      makeCall: (fields) => ({
        language: languages.get(file.path) ?? "typescript",
        services: [],
        arguments: [],
        location: site.location,
        expression: site.expr.text,
        ...fields,
      }),
    }),
  });
}
