/**
 * Worker that runs phase 1 of the language plug-ins for a batch of files: parse + per-file facts, or only its
 * first half (parse + packed syntax tree) for plug-ins that split it.
 * Messages in: `{ id, files: SourceFile[], options?: AnalysisOptions, warm?: GrammarName[] }` (the plug-ins'
 * phase-1 options; grammars to load ahead, before the first files arrive); out, in the same order:
 * `{ id, packed, json }` or `{ id, packed, facts }` — per file, its `PackedFile` in `packed` (plug-ins that split
 * phase 1, see `LanguagePlugin.packFile`; its buffers are transferred) or else its `FileFacts` in `json` (as JSON
 * text) or `facts` (when they are not plain JSON data), `null` in the other list; `json`/`facts` are absent when
 * every file was packed.
 *
 * @module
 */
import { type GrammarName, loadGrammar } from "../../grammars/mod.ts";
import type { FileFacts, PackedFile } from "../languages/language_plugin.ts";
import type { SourceFile } from "../types.ts";
import { type AnalysisOptions, analyzeOneFile, packOneFile } from "./analyze_one_file.ts";

/** The worker's global scope (typed here: `/// <reference lib="deno.worker" />` cannot be published). */
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<Batch>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};

/** A batch of files to analyse; `warm` names grammars to load now (a failure shows with the first file). */
type Batch = { id: number; files: SourceFile[]; options?: AnalysisOptions; warm?: GrammarName[] };

/**
 * Batches run one after another in arrival order: two batches that both wait for the first grammar load would
 * otherwise interleave, and the first one's facts would only come back with the second one's.
 */
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event: MessageEvent<Batch>) => {
  queue = queue.then(() => analyzeBatch(event.data));
};

async function analyzeBatch({ id, files, options, warm }: Batch): Promise<void> {
  for (const grammar of warm ?? []) loadGrammar(grammar).catch(() => {});
  // Per file, either its packed syntax tree (plug-ins that split phase 1: the facts are collected by the thread
  // that receives it) or its facts; `null` in the other list.
  const facts: (FileFacts | null)[] = [];
  const packed: (PackedFile | null)[] = [];
  const transfer: ArrayBuffer[] = [];
  for (const file of files) {
    const tree = await packOneFile(file, options);
    packed.push(tree ?? null);
    facts.push(tree ? null : await analyzeOneFile(file, options));
    for (const buffer of tree?.transfer ?? []) transfer.push(buffer);
  }
  if (facts.every((f) => f === null)) return scope.postMessage({ id, packed }, transfer);
  // Facts are large object graphs (several times the source size): as JSON text they cross to the main thread
  // several times faster than by structured clone. Only plain JSON data may go that way (checked here).
  const json = facts.every((f) => f === null || PLAIN_FACTS.has(f.language))
    ? JSON.stringify(facts)
    : jsonIfPlain(facts);
  scope.postMessage(json === undefined ? { id, facts, packed } : { id, json, packed }, transfer);
}

/**
 * Languages whose plug-in builds its facts from object literals, arrays, strings, finite numbers and booleans
 * only (never `undefined` in arrays, class instances or non-finite numbers): their facts skip the per-value
 * check below, which costs about a third of the serialisation on large trees.
 */
const PLAIN_FACTS = new Set<string>(["python"]);

/** JSON text of `value` when JSON round-trips it exactly (plain objects, arrays, strings, finite numbers...). */
function jsonIfPlain(value: unknown): string | undefined {
  let plain = true;
  try {
    const text = JSON.stringify(value, function (this: unknown, _key, v: unknown) {
      if (v === undefined ? Array.isArray(this) : typeof v === "number" ? !Number.isFinite(v) : false) {
        plain = false;
      } else if (typeof v === "object" && v !== null && !Array.isArray(v)) {
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) plain = false;
      }
      return v;
    });
    return plain ? text : undefined;
  } catch {
    return undefined; // bigint, cycles: structured clone copes
  }
}
