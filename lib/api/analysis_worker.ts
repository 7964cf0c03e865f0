/**
 * Worker that runs phase 1 of the language plug-ins (parse + per-file facts) for a batch of files.
 * Messages in: `{ id, files: SourceFile[] }`; out: `{ id, facts: FileFacts[] }` in the same order.
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
  self.postMessage({ id, facts });
};
