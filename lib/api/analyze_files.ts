/**
 * Phase 1 over many files: in-process for a few files, on a pool of Workers (one per core) for more.
 * Results keep the input order, so the output does not depend on scheduling.
 *
 * @module
 */
import type { FileFacts } from "../languages/language_plugin.ts";
import type { SourceFile } from "../types.ts";
import { analyzeOneFile } from "./analyze_one_file.ts";

/** Below this many files (or bytes) a worker's start-up costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 24;
const MIN_BYTES_FOR_WORKERS = 512 * 1024;

/** Options of {@linkcode analyzeFiles}. */
export interface AnalyzeFilesOptions {
  /** Worker count; 0 or 1 analyses in-process. Default: the number of cores (at most 8) for large inputs. */
  workers?: number;
  /** Called after each file (or batch) with files done and total. */
  onProgress?: (done: number, total: number) => void;
}

/** Runs phase 1 of every file's plug-in and returns the facts in input order. */
export async function analyzeFiles(
  files: SourceFile[],
  options: AnalyzeFilesOptions = {},
): Promise<FileFacts[]> {
  const bytes = files.reduce((sum, f) => sum + (f.text?.length ?? 0), 0);
  const cores = Math.min(navigator.hardwareConcurrency || 1, 8);
  const wanted = options.workers ??
    (files.length >= MIN_FILES_FOR_WORKERS || bytes >= MIN_BYTES_FOR_WORKERS ? cores : 1);
  const workers = Math.max(1, Math.min(wanted, files.length));
  if (workers <= 1) {
    const facts: FileFacts[] = [];
    for (const file of files) {
      facts.push(await analyzeOneFile(file));
      options.onProgress?.(facts.length, files.length);
    }
    return facts;
  }
  return await analyzeWithWorkers(files, workers, options.onProgress);
}

/**
 * Never called: keeps the worker module in the module graph, so that `deno install` (and the first
 * `deno run`) of the published package caches it and the worker pool also works offline.
 */
export function analysisWorkerInModuleGraph(): Promise<unknown> {
  return import("./analysis_worker.ts");
}

async function analyzeWithWorkers(
  files: SourceFile[],
  count: number,
  onProgress?: (done: number, total: number) => void,
): Promise<FileFacts[]> {
  const results: FileFacts[] = new Array(files.length);
  // Small batches balance uneven file sizes; each batch is one message round trip.
  const batchSize = Math.max(4, Math.min(64, Math.ceil(files.length / (count * 8))));
  const batches: { start: number; files: SourceFile[] }[] = [];
  for (let start = 0; start < files.length; start += batchSize) {
    batches.push({ start, files: files.slice(start, start + batchSize) });
  }
  let next = 0;
  let done = 0;
  const pool = Array.from(
    { length: count },
    () => new Worker(new URL("./analysis_worker.ts", import.meta.url), { type: "module" }),
  );
  try {
    await Promise.all(pool.map((worker) =>
      new Promise<void>((resolve, reject) => {
        const send = () => {
          if (next >= batches.length) return resolve();
          const id = next++;
          worker.postMessage({ id, files: batches[id].files });
        };
        worker.onmessage = (event: MessageEvent<{ id: number; facts?: FileFacts[]; json?: string }>) => {
          const batch = batches[event.data.id];
          const facts: FileFacts[] = event.data.json !== undefined
            ? JSON.parse(event.data.json)
            : event.data.facts!;
          facts.forEach((fact, i) => (results[batch.start + i] = fact));
          done += batch.files.length;
          onProgress?.(done, files.length);
          send();
        };
        worker.onerror = (event) => {
          event.preventDefault();
          reject(new Error(`analysis worker failed: ${event.message}`));
        };
        send();
      })
    ));
  } finally {
    for (const worker of pool) worker.terminate();
  }
  return results;
}
