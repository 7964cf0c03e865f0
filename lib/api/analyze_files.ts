/**
 * Phase 1 over many files: in-process for a few files; for more, one thread per core: the calling thread and
 * Workers, fed batches from one queue. Results keep the input order, so the output does not depend on scheduling.
 * Where a plug-in splits phase 1 (`LanguagePlugin.packFile`), workers send packed syntax trees and the calling
 * thread collects their facts.
 *
 * @module
 */
import { grammarFor, type GrammarName, loadGrammar } from "../../grammars/mod.ts";
import type { FileFacts, PackedFile } from "../languages/language_plugin.ts";
import type { Language, SourceFile } from "../types.ts";
import { analyzeOneFile, collectPackedOneFile, prepareAnalysis } from "./analyze_one_file.ts";

/** Below this many files (or bytes) a worker's start-up costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 24;
const MIN_BYTES_FOR_WORKERS = 512 * 1024;

/**
 * Batch sizes, in UTF-16 code units of source: each batch is about the remaining work divided by
 * `threads × BATCHES_PER_WORKER_SHARE` (large first, small at the end so that the threads finish together),
 * within these bounds.
 */
const BATCHES_PER_WORKER_SHARE = 4;
const MIN_BATCH_CHARS = 32 * 1024;
const MAX_BATCH_CHARS = 1024 * 1024;
const MAX_BATCH_FILES = 256;
/** Batches queued at each worker: one to work on, one waiting, so it never waits for the calling thread. */
const BATCHES_IN_FLIGHT = 2;

/** Options of {@linkcode analyzeFiles}. */
export interface AnalyzeFilesOptions {
  /**
   * Threads that analyse (the calling one and `workers - 1` Workers); 0 or 1 analyses in-process. Default: the
   * number of cores (at most 8) for large inputs.
   */
  workers?: number;
  /** Called after each file (or batch) with files done and total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * A pool started ahead of time ({@linkcode startAnalysisPool}): used for any non-empty input, whatever its
   * size (it is running already). The caller terminates it.
   */
  pool?: AnalysisPool;
}

/** Runs phase 1 of every file's plug-in and returns the facts in input order. */
export async function analyzeFiles(
  files: SourceFile[],
  options: AnalyzeFilesOptions = {},
): Promise<FileFacts[]> {
  if (options.pool && files.length > 0) return await options.pool.analyze(files, options.onProgress);
  const bytes = files.reduce((sum, f) => sum + (f.text?.length ?? 0), 0);
  const workers = workerCount(files.length, bytes, options.workers);
  if (workers <= 1) {
    const facts: FileFacts[] = [];
    const analysisOptions = prepareAnalysis(files);
    for (const file of files) {
      facts.push(await analyzeOneFile(file, analysisOptions));
      options.onProgress?.(facts.length, files.length);
    }
    return facts;
  }
  const pool = startAnalysisPool(workers);
  try {
    return await pool.analyze(files, options.onProgress);
  } finally {
    pool.terminate();
  }
}

/**
 * How many threads {@linkcode analyzeFiles} uses for `files` files of `bytes` characters in all: `requested`
 * when given, else one per core (at most 8) for large inputs; never more than the files; 1 means in-process.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { workerCount } from "./analyze_files.ts";
 *
 * assert.equal(workerCount(3, 1000), 1);
 * assert.equal(workerCount(3, 1000, 2), 2);
 * ```
 */
export function workerCount(files: number, bytes: number, requested?: number): number {
  const cores = Math.min(navigator.hardwareConcurrency || 1, 8);
  const wanted = requested ??
    (files >= MIN_FILES_FOR_WORKERS || bytes >= MIN_BYTES_FOR_WORKERS ? cores : 1);
  return Math.max(1, Math.min(wanted, files));
}

/**
 * Never called: keeps the worker module in the module graph, so that `deno install` (and the first
 * `deno run`) of the published package caches it and the worker pool also works offline.
 */
export function analysisWorkerInModuleGraph(): Promise<unknown> {
  return import("./analysis_worker.ts");
}

/**
 * Starts an analysis pool now, so that its start-up (module load, tree-sitter runtime and grammars) overlaps
 * with whatever comes before the files are ready, e.g. reading them. Give it to {@linkcode analyzeFiles}
 * (option `pool`) and {@linkcode AnalysisPool.terminate} it when done.
 *
 * @param threads Threads that analyse: the calling one and `threads - 1` workers.
 * @param expected Files expected (path and language): their grammars are loaded ahead, in every thread.
 *
 * @example Usage
 * ```ts ignore
 * const pool = startAnalysisPool(2, [{ path: "app.py", language: "python" }]);
 * try {
 *   const facts = await analyzeFiles(await readFiles(), { pool });
 * } finally {
 *   pool.terminate();
 * }
 * ```
 */
export function startAnalysisPool(
  threads: number,
  expected: readonly { path: string; language: Language }[] = [],
): AnalysisPool {
  return new AnalysisPool(threads, [...new Set(expected.map((f) => grammarFor(f.path, f.language)))].sort());
}

/** A worker's answer for one batch (see analysis_worker.ts): per file, its packed tree or its facts. */
type BatchResult = {
  id: number;
  packed?: (PackedFile | null)[];
  json?: string;
  facts?: (FileFacts | null)[];
};

/** Message id of the start-up message that names the grammars to load ahead; its reply is ignored. */
const WARM_UP_ID = -1;

/** The calling thread analyses too, between turns of its event loop at least this often (ms). */
const MAIN_THREAD_SLICE_MS = 10;

/**
 * Threads running phase 1 on batches of files: `threads - 1` workers, and the calling thread itself (which
 * would otherwise mostly wait; its facts need no copying between threads). See {@linkcode startAnalysisPool}.
 */
export class AnalysisPool {
  /** Threads that analyse, the calling one included. */
  readonly threads: number;
  #workers: Worker[];
  /** Where a worker failure goes: the running `analyze`, or kept for the next one. */
  #onFailure?: (error: Error) => void;
  #failure?: Error;
  #busy = false;

  /**
   * @param threads Threads that analyse: the calling one and `threads - 1` workers (at least none).
   * @param warm Grammars to load before the first files arrive.
   */
  constructor(threads: number, warm: GrammarName[] = []) {
    this.threads = Math.max(1, threads);
    for (const grammar of warm) loadGrammar(grammar).catch(() => {}); // a failure shows with the first file
    this.#workers = Array.from({ length: this.threads - 1 }, () => {
      const worker = new Worker(new URL("./analysis_worker.ts", import.meta.url), { type: "module" });
      // Handled from the start: an unhandled worker error would end the whole process.
      worker.onerror = (event) => {
        event.preventDefault();
        this.#fail(new Error(`analysis worker failed: ${event.message}`));
      };
      if (warm.length) worker.postMessage({ id: WARM_UP_ID, files: [], warm });
      return worker;
    });
  }

  /**
   * Runs phase 1 of every file and returns the facts in input order. One call at a time.
   *
   * @param files The files, with text.
   * @param onProgress Called after each batch with files done and total.
   */
  analyze(files: SourceFile[], onProgress?: (done: number, total: number) => void): Promise<FileFacts[]> {
    if (this.#busy) return Promise.reject(new Error("AnalysisPool.analyze: one call at a time"));
    if (this.#failure) return Promise.reject(this.#failure);
    this.#busy = true;
    return new Promise<FileFacts[]>((resolve, reject) => {
      const results: FileFacts[] = new Array(files.length);
      const analysisOptions = prepareAnalysis(files);
      const batches: { start: number; end: number }[] = [];
      const sizes = files.map((f) => f.text?.length ?? 0);
      let remaining = sizes.reduce((sum, n) => sum + n, 0);
      let next = 0;
      let done = 0;
      let settled = false;
      const turn = new MessageChannel();
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        this.#busy = false;
        this.#onFailure = undefined;
        for (const worker of this.#workers) worker.onmessage = null;
        turn.port1.close();
        if (error) reject(error);
        else resolve(results);
      };
      this.#onFailure = finish;
      const finished = (batch: { start: number; end: number }) => {
        done += batch.end - batch.start;
        onProgress?.(done, files.length);
        if (done === files.length) finish();
      };
      // Guided self-scheduling: a batch is a share of what is left, so batches shrink towards the end.
      const take = (): { start: number; end: number } | undefined => {
        if (next >= files.length) return undefined;
        const target = Math.min(
          MAX_BATCH_CHARS,
          Math.max(MIN_BATCH_CHARS, remaining / (this.threads * BATCHES_PER_WORKER_SHARE)),
        );
        const start = next;
        let chars = 0;
        while (next < files.length && next - start < MAX_BATCH_FILES && (next === start || chars < target)) {
          chars += sizes[next++];
        }
        remaining -= chars;
        return { start, end: next };
      };
      const send = (worker: Worker) => {
        const batch = take();
        if (!batch) return;
        const id = batches.length;
        batches.push(batch);
        worker.postMessage({ id, files: files.slice(batch.start, batch.end), options: analysisOptions });
      };
      for (const worker of this.#workers) {
        worker.onmessage = async (event: MessageEvent<BatchResult>) => {
          if (settled || event.data.id === WARM_UP_ID) return;
          // Queue the next batch before reading this one's facts: the worker keeps busy meanwhile.
          send(worker);
          const batch = batches[event.data.id];
          try {
            const { json, packed } = event.data;
            const facts: (FileFacts | null)[] = json !== undefined
              ? JSON.parse(json)
              : event.data.facts ?? [];
            for (let i = 0; i < batch.end - batch.start; i++) {
              const index = batch.start + i;
              const tree = packed?.[i];
              results[index] = tree
                ? await collectPackedOneFile(tree, files[index], analysisOptions)
                : facts[i]!;
              if (settled) return;
            }
            finished(batch);
          } catch (error) {
            finish(error instanceof Error ? error : new Error(String(error)));
          }
        };
      }
      if (files.length === 0) return finish();
      for (let round = 0; round < BATCHES_IN_FLIGHT; round++) {
        for (const worker of this.#workers) send(worker);
      }
      // This thread's share: between files, let worker messages in (a message-channel turn, not a timer: nested
      // timers are clamped to milliseconds).
      const letMessagesIn = () =>
        new Promise<void>((resolve) => {
          turn.port1.onmessage = () => resolve();
          turn.port2.postMessage(null);
        });
      (async () => {
        let sliceStart = performance.now();
        for (let batch = take(); batch && !settled; batch = take()) {
          for (let i = batch.start; i < batch.end; i++) {
            results[i] = await analyzeOneFile(files[i], analysisOptions);
            if (performance.now() - sliceStart > MAIN_THREAD_SLICE_MS) {
              await letMessagesIn();
              if (settled) return;
              sliceStart = performance.now();
            }
          }
          finished(batch);
        }
      })().catch((error) => finish(error instanceof Error ? error : new Error(String(error))));
    });
  }

  /** Stops every worker; a running {@linkcode AnalysisPool.analyze} rejects. */
  terminate(): void {
    for (const worker of this.#workers) worker.terminate();
    this.#fail(new Error("analysis pool terminated"));
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    this.#onFailure?.(error);
  }
}
