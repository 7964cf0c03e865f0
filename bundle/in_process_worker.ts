/**
 * In a single-file bundle or compiled binary, `lib/api/analyze_files.ts` cannot start its workers
 * (`new Worker(new URL("./analysis_worker.ts", import.meta.url))` names a file that is not there). This
 * replaces the global `Worker` for that one URL with an in-process stand-in that speaks the same protocol
 * (`{ id, files, options }` in, `{ id, facts }` out: facts only, never packed trees), so analysis of many files runs sequentially in the main
 * thread. Every other URL still gets a real Worker.
 *
 * @module
 */
import type { SourceFile } from "../lib/types.ts";
import { type AnalysisOptions, analyzeOneFile } from "../lib/api/analyze_one_file.ts";

const ANALYSIS_WORKER = /\/analysis_worker\.[jt]s$/;

/** A Worker look-alike that runs the analysis worker's message handler in this thread. */
class InProcessAnalysisWorker extends EventTarget {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  #terminated = false;

  postMessage(message: { id: number; files: SourceFile[]; options?: AnalysisOptions }): void {
    queueMicrotask(async () => {
      try {
        const facts = [];
        for (const file of message.files) {
          facts.push(await analyzeOneFile(structuredClone(file), message.options));
        }
        if (this.#terminated) return;
        const event = new MessageEvent("message", { data: structuredClone({ id: message.id, facts }) });
        this.onmessage?.(event);
        this.dispatchEvent(event);
      } catch (error) {
        if (this.#terminated) return;
        const event = new ErrorEvent("error", { message: String(error), error, cancelable: true });
        this.onerror?.(event);
        this.dispatchEvent(event);
      }
    });
  }

  terminate(): void {
    this.#terminated = true;
  }
}

/** Makes `new Worker(<…/analysis_worker.ts>)` run in-process; other workers are untouched. */
export function installInProcessAnalysisWorker(): void {
  const RealWorker = globalThis.Worker;
  globalThis.Worker = function (url: string | URL, options?: WorkerOptions) {
    if (ANALYSIS_WORKER.test(String(url))) return new InProcessAnalysisWorker();
    return new RealWorker(url, options);
  } as unknown as typeof Worker;
}
