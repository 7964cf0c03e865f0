/**
 * Streamable HTTP transport on `Deno.serve`: one MCP session (server + transport) per client, mounted at
 * `/mcp`. Every request's `Host` and `Origin` are checked against the names the server listens under, so a web
 * page cannot reach a loopback server through DNS rebinding (403 otherwise).
 *
 * @module
 */
import { isInitializeRequest, WebStandardStreamableHTTPServerTransport } from "./sdk.ts";
import type { ServerContext } from "./context.ts";
import { createMcpServer } from "./server.ts";

export { DEFAULT_BIND, DEFAULT_HTTP_PORT } from "./defaults.ts";
import { DEFAULT_BIND, DEFAULT_HTTP_PORT } from "./defaults.ts";
/** The endpoint path. */
export const MCP_PATH = "/mcp";
/** Sessions without a request for this long are closed (clients that vanish without DELETE). */
export const SESSION_IDLE_MS = 30 * 60_000;

/** Options of {@linkcode serveHttp}. */
export interface HttpOptions {
  hostname?: string;
  /** 0 picks a free port (see `onListen`). */
  port?: number;
  /** Extra host names clients may use (`Host` header) besides loopback names and the bind address. */
  allowedHosts?: string[];
  /** Stops the server (graceful: open sessions are closed). */
  signal?: AbortSignal;
  /** Called once listening, with the URL of the endpoint. */
  onListen?: (url: string) => void;
}

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]", "::1"];

/** True for addresses that only this machine can reach. */
export function isLoopback(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, "").toLowerCase();
  return a === "localhost" || a === "::1" || /^127(\.\d{1,3}){3}$/.test(a);
}

/** The host names (lowercase, IPv6 in brackets) requests may name in `Host` and `Origin`. */
export function allowedHostNames(bind: string, extra: string[] = []): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  const add = (name: string) => {
    const n = name.trim().toLowerCase();
    if (!n) return;
    names.add(n.includes(":") && !n.startsWith("[") ? `[${n}]` : n);
  };
  if (!["0.0.0.0", "::", "[::]"].includes(bind)) add(bind);
  else {
    try {
      add(Deno.hostname());
    } catch {
      // no --allow-sys: the explicit list must do
    }
  }
  extra.forEach(add);
  return names;
}

/** Why a request's `Host`/`Origin` is refused, or undefined when it is acceptable. */
export function rebindingCheck(req: Request, names: Set<string>, port: number): string | undefined {
  const host = req.headers.get("host");
  if (!host) return "missing Host header";
  let hostUrl: URL;
  try {
    hostUrl = new URL(`http://${host}`);
  } catch {
    return `invalid Host header '${host}'`;
  }
  const hostPort = hostUrl.port ? Number(hostUrl.port) : 80;
  if (!names.has(hostUrl.hostname.toLowerCase()) || hostPort !== port) {
    return `Host '${host}' is not one this server answers to`;
  }
  const origin = req.headers.get("origin");
  if (origin !== null) {
    let originUrl: URL;
    try {
      originUrl = new URL(origin);
    } catch {
      return `Origin '${origin}' is not allowed`;
    }
    if (!["http:", "https:"].includes(originUrl.protocol) || !names.has(originUrl.hostname.toLowerCase())) {
      return `Origin '${origin}' is not allowed`;
    }
  }
  return undefined;
}

function jsonRpcError(status: number, code: number, message: string): Response {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }), {
    status,
    headers: { "content-type": "application/json" },
  });
}

/** Serves MCP over streamable HTTP until `signal` aborts. Resolves when the server has shut down. */
export async function serveHttp(ctx: ServerContext, options: HttpOptions = {}): Promise<void> {
  const hostname = options.hostname ?? DEFAULT_BIND;
  const names = allowedHostNames(hostname, options.allowedHosts);
  const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();
  const lastSeen = new Map<string, number>();
  let port = options.port ?? DEFAULT_HTTP_PORT;

  const handler = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const refused = rebindingCheck(req, names, port);
    if (refused) {
      ctx.log.info(`http: 403 ${req.method} ${url.pathname}: ${refused}`);
      return jsonRpcError(403, -32000, `Forbidden: ${refused} (DNS rebinding protection)`);
    }
    if (url.pathname !== MCP_PATH) {
      return new Response(`Not found. The MCP endpoint is ${MCP_PATH}.\n`, { status: 404 });
    }
    const sessionId = req.headers.get("mcp-session-id");
    if (sessionId) {
      const transport = sessions.get(sessionId);
      if (!transport) return jsonRpcError(404, -32001, "Session not found; initialize a new session");
      lastSeen.set(sessionId, Date.now());
      return await transport.handleRequest(req);
    }
    if (req.method !== "POST") {
      return jsonRpcError(400, -32000, "Bad Request: no Mcp-Session-Id header; initialize a session first");
    }
    let body: unknown;
    try {
      body = await req.json();
    } catch {
      return jsonRpcError(400, -32700, "Parse error: the body is not JSON");
    }
    const messages = Array.isArray(body) ? body : [body];
    if (!messages.some((m) => isInitializeRequest(m))) {
      return jsonRpcError(400, -32000, "Bad Request: no Mcp-Session-Id header; initialize a session first");
    }
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => crypto.randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, transport);
        lastSeen.set(id, Date.now());
        ctx.log.debug(`http: session ${id} opened (${sessions.size} open)`);
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
        lastSeen.delete(id);
        ctx.log.debug(`http: session ${id} closed by the client`);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) {
        sessions.delete(transport.sessionId);
        lastSeen.delete(transport.sessionId);
      }
    };
    const server = createMcpServer(ctx);
    await server.connect(transport);
    return await transport.handleRequest(req, { parsedBody: body });
  };

  const server = Deno.serve({
    hostname,
    port,
    signal: options.signal,
    onListen: (addr) => {
      port = addr.port;
      const host = addr.hostname.includes(":") ? `[${addr.hostname}]` : addr.hostname;
      options.onListen?.(`http://${host}:${addr.port}${MCP_PATH}`);
    },
  }, handler);
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [id, seen] of lastSeen) {
      if (now - seen < SESSION_IDLE_MS) continue;
      ctx.log.debug(`http: session ${id} idle, closing`);
      sessions.get(id)?.close().catch(() => {});
      sessions.delete(id);
      lastSeen.delete(id);
    }
  }, 60_000);
  Deno.unrefTimer(sweep);
  options.signal?.addEventListener("abort", () => {
    clearInterval(sweep);
    for (const transport of sessions.values()) transport.close().catch(() => {});
    sessions.clear();
  });
  await server.finished;
}
