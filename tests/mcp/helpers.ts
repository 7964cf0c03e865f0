/**
 * MCP test clients: the SDK's Client over stdio (spawning the real entry point) and over HTTP (spawning
 * `cli.ts mcp-server --transport http --port 0`), with the environment passed explicitly.
 *
 * @module
 */
// @ts-types="@modelcontextprotocol/sdk/client/index"
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
// @ts-types="@modelcontextprotocol/sdk/client/streamableHttp"
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

export { Client, StdioClientTransport, StreamableHTTPClientTransport };

/** Repository root (absolute). */
export const ROOT: string = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
export const CONFIG = `${ROOT}/deno.json`;
export const MCP_ENTRY = `${ROOT}/mcp.ts`;
export const CLI_ENTRY = `${ROOT}/cli.ts`;
export const EXAMPLE_APP = `${ROOT}/examples/python_orders_service`;

/**
 * The environment for a server child: only what it needs, explicitly (the SDK passes just HOME, PATH, ... by
 * default, which would lose DENO_DIR and the knowledge database override).
 */
export function serverEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { NO_COLOR: "1", IAM_POLICY_AUTOPILOT_LOG: "info" };
  for (
    const key of [
      "HOME",
      "PATH",
      "DENO_DIR",
      "TMPDIR",
      "IAM_POLICY_AUTOPILOT_KNOWLEDGE_DB",
      "DENO_CERT",
      "HTTP_PROXY",
      "HTTPS_PROXY",
      "NO_PROXY",
    ]
  ) {
    const value = Deno.env.get(key);
    if (value !== undefined) env[key] = value;
  }
  return { ...env, ...extra };
}

/** A connected stdio client plus what the server wrote to stderr. */
export interface StdioSession {
  client: Client;
  transport: StdioClientTransport;
  stderr: () => string;
  close(): Promise<void>;
}

/** Starts `deno run -A mcp.ts` (or `cli.ts mcp-server`) and connects the SDK client over stdio. */
export async function connectStdio(
  options: {
    entry?: "mcp.ts" | "cli.ts";
    env?: Record<string, string>;
    capabilities?: ConstructorParameters<typeof Client>[1];
  } = {},
): Promise<StdioSession> {
  const args = options.entry === "cli.ts"
    ? ["run", "-A", "--config", CONFIG, CLI_ENTRY, "mcp-server"]
    : ["run", "-A", "--config", CONFIG, MCP_ENTRY];
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args,
    env: serverEnv(options.env),
    stderr: "pipe",
    cwd: ROOT,
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Uint8Array | string) => {
    stderr += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
  });
  const client = new Client({ name: "iam-policy-autopilot-tests", version: "0.0.0" }, options.capabilities);
  await client.connect(transport);
  return { client, transport, stderr: () => stderr, close: () => client.close() };
}

/** A running HTTP server child. */
export interface HttpServer {
  url: string;
  port: number;
  child: Deno.ChildProcess;
  stop(): Promise<void>;
}

/** Starts `cli.ts mcp-server --transport http --port 0 [...args]` and waits for its "Listening on" line. */
export async function startHttpServer(
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<HttpServer> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--config",
      CONFIG,
      CLI_ENTRY,
      "mcp-server",
      "--transport",
      "http",
      "--port",
      "0",
      ...args,
    ],
    env: serverEnv({ IAM_POLICY_AUTOPILOT_LOG: "error", ...env }),
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
    cwd: ROOT,
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  const deadline = Date.now() + 30_000;
  while (!/Listening on (\S+)/.test(seen)) {
    if (Date.now() > deadline) throw new Error(`server did not start: ${seen}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited before listening: ${seen}`);
    seen += value;
  }
  const url = seen.match(/Listening on (\S+)/)![1];
  // keep draining stdout so the child never blocks on a full pipe
  (async () => {
    try {
      while (!(await reader.read()).done) { /* drain */ }
    } catch { /* closed */ }
  })();
  return {
    url,
    port: Number(new URL(url).port),
    child,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      await child.status;
    },
  };
}

/** Connects the SDK client to an HTTP server. */
export async function connectHttp(url: string): Promise<{ client: Client; close(): Promise<void> }> {
  const client = new Client({ name: "iam-policy-autopilot-tests", version: "0.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(url));
  await client.connect(transport);
  return {
    client,
    async close() {
      await transport.terminateSession().catch(() => {});
      await client.close();
    },
  };
}

/** The first text block of a tool result. */
export function textOf(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.find((c) => c.type === "text")?.text ?? "";
}
