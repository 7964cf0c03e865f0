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
import { linkedFiles, runPatterns } from "../shared/run_patterns.ts";
import { GoTracker } from "./tracker.ts";

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
  const files = linkedFiles(facts);
  const tracker = new GoTracker(files, patterns, kb);
  return runPatterns({
    files,
    patterns,
    // Method values (`invoke(ctx, client.GetObject, in)`) are sites too; `go/method_value` claims them all.
    sites: (file) => [...file.facts.calls, ...(file.facts.methodValues ?? [])],
    context: (file) => tracker.context(file.index),
    input: (site, ctx): EmitInput => ({
      site,
      receiver: tracker.methodReceiver(ctx.evaluate(site.receiver, site.fn), site.method),
      makeCall: (fields) => ({
        language: "go",
        method: site.method,
        services: [],
        arguments: fields.arguments ?? ctx.sdkArguments(site.call.args, site.fn),
        location: site.location,
        expression: site.call.text,
        ...fields,
      }),
    }),
    finishContext: { kb, state: <T>(id: string, init: () => T): T => tracker.state(id, init) },
  });
}
