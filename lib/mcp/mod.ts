/**
 * The MCP server of iam-policy-autopilot: tools for AI coding assistants over stdio or streamable HTTP.
 *
 * @example
 * ```ts ignore
 * import { runMcpServer } from "./lib/mcp/mod.ts";
 * await runMcpServer({ transport: "stdio" });
 * ```
 *
 * @module
 */
import { createServerContext } from "./context.ts";
import { stderrLogger } from "./log.ts";
import { serveStdio } from "./stdio.ts";
import { DEFAULT_BIND, DEFAULT_HTTP_PORT, isLoopback, serveHttp } from "./http.ts";
import { UsageError } from "../errors.ts";

export { createMcpServer, SERVER_INSTRUCTIONS, SERVER_NAME } from "./server.ts";
export { createServerContext, type ServerContext } from "./context.ts";
export { DEFAULT_BIND, DEFAULT_HTTP_PORT, isLoopback, MCP_PATH, serveHttp } from "./http.ts";
export { serveStdio } from "./stdio.ts";

/** Options of {@linkcode runMcpServer}, as the `mcp-server` command takes them. */
export interface McpServerOptions {
  transport?: "stdio" | "http";
  port?: number;
  bind?: string;
  /** Required to bind a non-loopback address. */
  allowRemote?: boolean;
  /** Extra `Host` names accepted over HTTP. */
  allowedHosts?: string[];
  knowledgeDb?: string;
}

/**
 * Runs the server until the client disconnects (stdio) or SIGINT/SIGTERM (HTTP).
 *
 * @throws {UsageError} a non-loopback bind without `allowRemote`.
 */
export async function runMcpServer(options: McpServerOptions = {}): Promise<void> {
  const log = stderrLogger();
  const ctx = createServerContext({ knowledgeDb: options.knowledgeDb, log });
  if ((options.transport ?? "stdio") === "stdio") {
    await serveStdio(ctx);
    return;
  }
  const bind = options.bind ?? DEFAULT_BIND;
  if (!isLoopback(bind) && !options.allowRemote) {
    throw new UsageError(
      `--bind ${bind} would expose the server beyond this machine; the MCP endpoint has no authentication. ` +
        "Add --allow-remote if that is intended (and put it behind an authenticating proxy).",
    );
  }
  if (!isLoopback(bind)) log.info(`listening on non-loopback address ${bind} without authentication`);
  const controller = new AbortController();
  const stop = () => controller.abort();
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  for (const s of signals) Deno.addSignalListener(s, stop);
  try {
    await serveHttp(ctx, {
      hostname: bind,
      port: options.port ?? DEFAULT_HTTP_PORT,
      allowedHosts: options.allowedHosts,
      signal: controller.signal,
      onListen: (url) => {
        Deno.stdout.writeSync(new TextEncoder().encode(`Listening on ${url}\n`));
      },
    });
  } finally {
    for (const s of signals) Deno.removeSignalListener(s, stop);
  }
}
