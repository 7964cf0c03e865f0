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
import { linkedFiles, runPatterns } from "../shared/run_patterns.ts";
import { PythonTracker } from "./tracker.ts";

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
  const files = linkedFiles(facts);
  const tracker = new PythonTracker(files, patterns, kb);
  return runPatterns({
    files,
    patterns,
    sites: (file) => file.facts.calls,
    context: (file) => tracker.context(file.index),
    input: (site, ctx): EmitInput => ({
      site,
      makeCall: (fields) => ({
        language: "python",
        method: site.method,
        // Fields' own values override these (keys keep this order); no array made just to be replaced.
        services: fields.services ?? [],
        arguments: fields.arguments ?? ctx.callArguments(site.call.args, site.scope),
        location: site.location,
        expression: site.call.text,
        ...fields,
      }),
    }),
    finishContext: { kb, state: <T>(id: string, init: () => T): T => tracker.state(id, init) },
  });
}
