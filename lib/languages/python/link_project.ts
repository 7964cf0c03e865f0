/**
 * Phase 2 for Python: link the facts of every file, let the patterns claim call sites, then method references
 * and attribute reads, and return the SdkCalls in input-file order, then source order.
 *
 * @module
 */
import type { KnowledgeBase } from "../../knowledge/knowledge_base.ts";
import type { SdkCall } from "../../types.ts";
import type { FileFacts } from "../language_plugin.ts";
import type { AttributeRead, CallSite, MethodReference, PythonFileFacts } from "./facts.ts";
import type { EmitInput, PatternContext, PythonPattern, ReadInput } from "./pattern.ts";
import { linkedFiles, runPatterns, sortBySourcePosition } from "../shared/run_patterns.ts";
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
  const files = linkedFiles(facts);
  const tracker = new PythonTracker(files, patterns, kb);
  const calls = runPatterns({
    files,
    patterns,
    sites: (file) => file.facts.calls,
    context: (file) => tracker.context(file.index),
    input: emitInput,
    finishContext: { kb, state: <T>(id: string, init: () => T): T => tracker.state(id, init) },
  });
  // Method references and attribute reads come after every call site (see `PythonPattern.emitReference`).
  const more = [
    ...claimedCalls(
      files,
      patterns.filter((p) => p.emitReference !== undefined),
      tracker,
      (file) => file.facts.references,
      (pattern, reference, ctx) =>
        pattern.emitReference!(new SiteInput(referenceSite(reference), ctx, reference), ctx),
    ),
    ...claimedCalls(
      files,
      patterns.filter((p) => p.emitRead !== undefined),
      tracker,
      (file) => file.facts.reads,
      (pattern, read, ctx) => pattern.emitRead!(readInput(read), ctx),
    ),
  ];
  return more.length ? mergedByFile(files, calls, more) : calls;
}

/** What the patterns see of one site. */
function emitInput(site: CallSite, ctx: PatternContext): EmitInput {
  return new SiteInput(site, ctx);
}

/**
 * An {@linkcode EmitInput} whose `makeCall` is made only when a pattern asks for it: every site is offered to
 * the patterns, and a closure per site (most make no call) was megabytes of garbage in a large tree.
 */
class SiteInput implements EmitInput {
  readonly site: CallSite;
  declare readonly reference?: MethodReference;
  readonly #ctx: PatternContext;

  constructor(site: CallSite, ctx: PatternContext, reference?: MethodReference) {
    this.site = site;
    this.#ctx = ctx;
    if (reference) this.reference = reference;
  }

  get makeCall(): EmitInput["makeCall"] {
    const site = this.site;
    const ctx = this.#ctx;
    return (fields) => ({
      language: "python",
      method: site.method,
      // Fields' own values override these (keys keep this order); no array made just to be replaced.
      services: fields.services ?? [],
      arguments: fields.arguments ?? ctx.callArguments(site.call.args, site.scope),
      location: site.location,
      expression: site.call.text,
      ...fields,
    });
  }
}

/** What the patterns see of an attribute read (`emitRead`). */
function readInput(read: AttributeRead): ReadInput {
  return {
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
}

/**
 * Every file's `items` (in file order, then their order), each offered to `claimers` in order until one gives
 * calls (an empty list claims it too).
 */
function claimedCalls<Item>(
  files: readonly LinkedFile[],
  claimers: readonly PythonPattern[],
  tracker: PythonTracker,
  items: (file: LinkedFile) => readonly Item[] | undefined,
  claim: (pattern: PythonPattern, item: Item, ctx: PatternContext) => SdkCall[] | undefined,
): SdkCall[] {
  const out: SdkCall[] = [];
  if (!claimers.length) return out;
  for (const file of files) {
    const list = items(file);
    if (!list?.length) continue;
    const ctx = tracker.context(file.index);
    for (const item of list) {
      for (const pattern of claimers) {
        const calls = claim(pattern, item, ctx);
        if (calls) {
          out.push(...calls);
          break;
        }
      }
    }
  }
  return out;
}

/** A method reference read as a call of the method without arguments (`r<start>` ids: no call has one). */
function referenceSite(reference: MethodReference): CallSite {
  const { expr } = reference;
  const id = `r${reference.at}`;
  return {
    id,
    scope: reference.scope,
    at: reference.at,
    call: { k: "call", id, callee: expr, args: [], text: expr.text },
    receiver: expr.object,
    method: expr.name,
    location: reference.location,
  };
}

/** `calls` (grouped by file, each in source order) with `more` put into their files, in source order. */
function mergedByFile(files: readonly LinkedFile[], calls: SdkCall[], more: SdkCall[]): SdkCall[] {
  const perFile = new Map<string, SdkCall[]>(files.map((f) => [f.path, []]));
  for (const call of calls) perFile.get(call.location.file)?.push(call);
  for (const call of more) perFile.get(call.location.file)?.push(call);
  const result: SdkCall[] = [];
  for (const list of perFile.values()) result.push(...sortBySourcePosition(list));
  return result;
}
