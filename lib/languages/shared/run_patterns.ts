/**
 * The phase-2 loop every language plug-in runs: keep the files that parsed, offer each call site to the
 * patterns in order until one claims it, let the patterns add calls once every site was seen, and return the
 * SdkCalls in input-file order, then source order. Languages differ only in how they build a site's
 * {@linkcode RunPatternsOptions.input}, so that part is a callback and the loop lives here once.
 *
 * @module
 */
import type { SdkCall } from "../../types.ts";
import type { FileFacts } from "../language_plugin.ts";

/** A file taking part in linking: its position among the linked files, its path and its facts. */
export interface LinkedFile<Facts> {
  index: number;
  path: string;
  facts: Facts;
}

/** The part of a language's pattern that the dispatch loop calls. */
export interface DispatchPattern<Input, Context, FinishContext> {
  /** SdkCalls for a site; `undefined` when the pattern does not claim it, `[]` to claim it without a call. */
  emit?(input: Input, ctx: Context): SdkCall[] | undefined;
  /** Calls to add after every site of every file was emitted. */
  finish?(ctx: FinishContext): SdkCall[];
}

/** What {@linkcode runPatterns} needs from a language. */
export interface RunPatternsOptions<Facts, Site, Input, Context, FinishContext> {
  /** The linked files, in input order (see {@linkcode linkedFiles}). */
  files: readonly LinkedFile<Facts>[];
  /** The language's patterns, in priority order: the first to claim a site wins. */
  patterns: readonly DispatchPattern<Input, Context, FinishContext>[];
  /** The call sites of a file, in source order. */
  sites(file: LinkedFile<Facts>): readonly Site[];
  /** The pattern context of a file; asked once per file. */
  context(file: LinkedFile<Facts>): Context;
  /** What the patterns see of one site. */
  input(site: Site, ctx: Context, file: LinkedFile<Facts>): Input;
  /** The context of `finish`; without it no pattern's `finish` runs. */
  finishContext?: FinishContext;
}

/**
 * The files of `facts` that can be linked (files with errors or no facts are left out), indexed in order.
 *
 * @example
 * ```ts
 * import { linkedFiles } from "./run_patterns.ts";
 * linkedFiles([
 *   { file: "a.go", language: "go", error: { message: "syntax error", line: 1, column: 1 } },
 *   { file: "b.go", language: "go", facts: { calls: [] } },
 * ]); // [{ index: 0, path: "b.go", facts: { calls: [] } }]
 * ```
 */
export function linkedFiles<Facts>(facts: readonly FileFacts<Facts>[]): LinkedFile<Facts>[] {
  const files: LinkedFile<Facts>[] = [];
  for (const f of facts) {
    if (f.error || !f.facts) continue;
    files.push({ index: files.length, path: f.file, facts: f.facts });
  }
  return files;
}

/**
 * Sorts `calls` in place by line, then column, and returns them. The sort is stable, so calls at the same
 * place keep the order their patterns gave them.
 *
 * @example
 * ```ts
 * import { sortBySourcePosition } from "./run_patterns.ts";
 * const at = (line: number, column: number) => ({ file: "a.ts", line, column });
 * sortBySourcePosition([{ location: at(3, 1) }, { location: at(1, 5) }] as never[]);
 * // locations (1, 5), then (3, 1)
 * ```
 */
export function sortBySourcePosition(calls: SdkCall[]): SdkCall[] {
  return calls.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}

/**
 * Offers every site of every file to `patterns` (the first to return calls claims the site), then runs each
 * pattern's `finish` when a finish context is given, and returns the calls grouped by file in input order,
 * each file's calls in source order. A call `finish` returns for a file that is not linked is dropped.
 *
 * @example
 * ```ts ignore
 * const calls = runPatterns({
 *   files: linkedFiles(facts),
 *   patterns: GO_PATTERNS,
 *   sites: (file) => file.facts.calls,
 *   context: (file) => tracker.context(file.index),
 *   input: (site, ctx) => ({ site, makeCall: (fields) => ({ ...defaults, ...fields }) }),
 *   finishContext: { kb, state: (id, init) => tracker.state(id, init) },
 * });
 * ```
 */
export function runPatterns<Facts, Site, Input, Context, FinishContext>(
  options: RunPatternsOptions<Facts, Site, Input, Context, FinishContext>,
): SdkCall[] {
  const { files, patterns } = options;
  // Only patterns that emit are offered sites (every site asks each of them).
  const emitters = patterns.filter((p) => p.emit !== undefined);
  // Keyed by path so that calls `finish` adds (which know only their location) land in their file's list.
  const perFile = new Map<string, SdkCall[]>(files.map((f) => [f.path, []]));
  for (const file of files) {
    const ctx = options.context(file);
    const out = perFile.get(file.path)!;
    const sites = options.sites(file);
    // Indexed loops: every site passes here, and before the optimising compiler gets to this loop (a CLI run is
    // one cold pass) `for...of` allocates an iterator and a result object per step.
    for (let i = 0; i < sites.length; i++) {
      const input = options.input(sites[i], ctx, file);
      for (let j = 0; j < emitters.length; j++) {
        const calls = emitters[j].emit!(input, ctx);
        if (calls) {
          for (let k = 0; k < calls.length; k++) out.push(calls[k]);
          break;
        }
      }
    }
  }
  if (options.finishContext !== undefined) {
    for (const pattern of patterns) {
      for (const call of pattern.finish?.(options.finishContext) ?? []) {
        perFile.get(call.location.file)?.push(call);
      }
    }
  }
  const result: SdkCall[] = [];
  for (const calls of perFile.values()) result.push(...sortBySourcePosition(calls));
  return result;
}
