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
import type { EmitInput, PythonPattern, ReadInput } from "./pattern.ts";
import { type LinkedFile, linkedFiles, runPatterns, sortBySourcePosition } from "../shared/run_patterns.ts";
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
  const calls = runPatterns({
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
  const readCalls = attributeReadCalls(files, patterns, tracker);
  return readCalls.size ? withReadCalls(calls, files, readCalls) : calls;
}

/** The calls attribute reads make (see `PythonPattern.emitRead`), by file path; files with none are absent. */
function attributeReadCalls(
  files: readonly LinkedFile<PythonFileFacts>[],
  patterns: readonly PythonPattern[],
  tracker: PythonTracker,
): Map<string, SdkCall[]> {
  const out = new Map<string, SdkCall[]>();
  const readers = patterns.filter((p) => p.emitRead !== undefined);
  if (!readers.length) return out;
  for (const file of files) {
    const reads = file.facts.reads;
    if (!reads) continue;
    const ctx = tracker.context(file.index);
    for (const read of reads) {
      const input: ReadInput = {
        read,
        makeCall: (fields) => ({
          language: "python",
          services: fields.services ?? [],
          arguments: fields.arguments ?? [],
          location: read.location,
          expression: read.read.text,
          ...fields,
        }),
      };
      for (const pattern of readers) {
        const made = pattern.emitRead!(input, ctx);
        if (!made) continue;
        if (made.length) {
          const list = out.get(file.path);
          if (list) list.push(...made);
          else out.set(file.path, made);
        }
        break;
      }
    }
  }
  return out;
}

/** `calls` (grouped by file in input order, each file in source order) with `extra` merged in that order. */
function withReadCalls(
  calls: SdkCall[],
  files: readonly LinkedFile<PythonFileFacts>[],
  extra: Map<string, SdkCall[]>,
): SdkCall[] {
  const byFile = new Map<string, SdkCall[]>();
  for (const call of calls) {
    const list = byFile.get(call.location.file);
    if (list) list.push(call);
    else byFile.set(call.location.file, [call]);
  }
  const out: SdkCall[] = [];
  for (const file of files) {
    const own = byFile.get(file.path) ?? [];
    const more = extra.get(file.path);
    out.push(...(more ? sortBySourcePosition([...own, ...more]) : own));
  }
  return out;
}
