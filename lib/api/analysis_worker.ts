/**
 * Worker that runs phase 1 of the language plug-ins (parse + per-file facts) for a batch of files.
 * Messages in: `{ id, files: SourceFile[] }`; out: `{ id, json }` (the `FileFacts[]` as JSON text) or
 * `{ id, facts: FileFacts[] }` when the facts are not plain JSON data, in the same order.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import type { SourceFile } from "../types.ts";
import { analyzeOneFile } from "./analyze_one_file.ts";

self.onmessage = async (event: MessageEvent<{ id: number; files: SourceFile[] }>) => {
  const { id, files } = event.data;
  const facts = [];
  for (const file of files) facts.push(await analyzeOneFile(file));
  // Facts are large object graphs (several times the source size): as JSON text they cross to the main thread
  // several times faster than by structured clone. Only plain JSON data may go that way (checked here).
  const json = jsonIfPlain(facts);
  self.postMessage(json === undefined ? { id, facts } : { id, json });
};

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
