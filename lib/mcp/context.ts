/**
 * What every tool handler gets: the knowledge database (opened once per process, on first use), a logger,
 * and helpers for progress notifications.
 *
 * @module
 */
import { KnowledgeBase } from "../knowledge/mod.ts";
import type { RequestHandlerExtra, ServerNotification, ServerRequest } from "./sdk.ts";
import { type Logger, silentLogger } from "./log.ts";

/** Shared state of one server process (all sessions). */
export interface ServerContext {
  /** The knowledge database; opened on first call and kept. */
  knowledge(): Promise<KnowledgeBase>;
  log: Logger;
}

/** Options of {@linkcode createServerContext}. */
export interface ServerContextOptions {
  /** Knowledge database path (default: `IAM_POLICY_AUTOPILOT_KNOWLEDGE_DB`, then the bundled one). */
  knowledgeDb?: string;
  log?: Logger;
}

/** Creates the shared context; the database opens lazily so `initialize` and `tools/list` stay instant. */
export function createServerContext(options: ServerContextOptions = {}): ServerContext {
  let kb: Promise<KnowledgeBase> | undefined;
  return {
    knowledge() {
      kb ??= KnowledgeBase.open({ path: options.knowledgeDb }).catch((error) => {
        kb = undefined; // let a later call retry (e.g. after the file is fixed)
        throw error;
      });
      return kb;
    },
    log: options.log ?? silentLogger,
  };
}

/** The second argument of a tool handler. */
export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** Progress of one long request; every method is a no-op when the request has no progress token. */
export interface ProgressReporter {
  /** For `analyzeProject`'s `onProgress`: files parsed so far and in total (throttled). */
  files(done: number, total: number): void;
  /** A step after parsing (linking, building policies); sent once, as the last step, before the result. */
  finish(message: string): Promise<void>;
}

/**
 * Sends `notifications/progress` for a request that carries `_meta.progressToken`: one per parsed-files
 * update (at most every `intervalMs`, always for the last file), then one when the result is ready. Progress
 * counts files, plus one final step, so it only ever increases, as the specification requires.
 */
export function progressReporter(extra: ToolExtra, label: string, intervalMs = 200): ProgressReporter {
  const token = extra._meta?.progressToken;
  let last = 0;
  let sent = -1;
  let fileTotal = 0;
  const send = async (progress: number, total: number, message: string) => {
    if (token === undefined || progress <= sent) return;
    sent = progress;
    await extra.sendNotification({
      method: "notifications/progress",
      params: { progressToken: token, progress, total, message },
    }).catch((error) => {
      // the client went away (the result will not be delivered either) or the transport failed
      console.error(`iam-policy-autopilot mcp: debug: progress notification not sent: ${error}`);
    });
  };
  return {
    files(done, total) {
      fileTotal = total;
      const now = Date.now();
      if (done < total && now - last < intervalMs) return;
      last = now;
      send(done, total + 1, `${label}: parsed ${done} of ${total} files`);
    },
    async finish(message) {
      await send(fileTotal + 1, fileTotal + 1, `${label}: ${message}`);
    },
  };
}
