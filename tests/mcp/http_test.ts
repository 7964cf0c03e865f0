/**
 * The MCP server over streamable HTTP: SDK client, Host/Origin checks (DNS rebinding), bind rules.
 */
import assert from "node:assert/strict";
import {
  CLI_ENTRY,
  CONFIG,
  connectHttp,
  EXAMPLE_APP,
  serverEnv,
  startHttpServer,
  textOf,
} from "./helpers.ts";
import { allowedHostNames, isLoopback, rebindingCheck } from "../../lib/mcp/http.ts";

/** Sends a raw HTTP/1.1 request (so the Host header can be anything) and returns the status code. */
async function rawStatus(
  port: number,
  host: string,
  extraHeaders: Record<string, string> = {},
): Promise<number> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const body = JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
  });
  const headers = {
    Host: host,
    "Content-Type": "application/json",
    Accept: "application/json, text/event-stream",
    "Content-Length": String(new TextEncoder().encode(body).length),
    Connection: "close",
    ...extraHeaders,
  };
  const request = `POST /mcp HTTP/1.1\r\n${
    Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")
  }\r\n${body}`;
  await conn.write(new TextEncoder().encode(request));
  const chunks: Uint8Array[] = [];
  const buf = new Uint8Array(4096);
  while (true) {
    const n = await conn.read(buf).catch(() => null);
    if (n === null) break;
    chunks.push(buf.slice(0, n));
    if (new TextDecoder().decode(chunks.at(-1)).includes("\r\n\r\n")) break;
  }
  conn.close();
  const head = new TextDecoder().decode(chunks[0] ?? new Uint8Array());
  return Number(head.split(" ")[1]);
}

Deno.test("http: SDK client lists tools and generates policies; Host/Origin checked", async () => {
  const server = await startHttpServer();
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const { client, close } = await connectHttp(server.url);
    try {
      const { tools } = await client.listTools();
      assert.ok(tools.some((t) => t.name === "generate_application_policies"));
      const progress: number[] = [];
      const result = await client.callTool(
        {
          name: "generate_application_policies",
          arguments: { SourceFiles: [EXAMPLE_APP], Region: "eu-west-1" },
        },
        undefined,
        { onprogress: (p) => progress.push(p.progress) },
      );
      assert.equal(result.isError, undefined, textOf(result));
      const policies = (result.structuredContent as { Policies: { Statement: unknown[] }[] }).Policies;
      assert.ok(policies[0].Statement.length > 0);
      assert.ok(progress.length >= 1, "progress notifications over SSE");
      const error = await client.callTool({
        name: "generate_application_policies",
        arguments: { SourceFiles: ["/nope"] },
      });
      assert.equal(error.isError, true);
    } finally {
      await close();
    }

    // DNS rebinding: a foreign Host or Origin is refused before MCP sees the request
    assert.equal(await rawStatus(server.port, `evil.example:${server.port}`), 403);
    assert.equal(await rawStatus(server.port, `127.0.0.1:${server.port + 1}`), 403);
    assert.equal(
      await rawStatus(server.port, `localhost:${server.port}`, { Origin: "http://evil.example" }),
      403,
    );
    assert.equal(await rawStatus(server.port, `localhost:${server.port}`, { Origin: "null" }), 403);
    // the same request with loopback names is accepted
    assert.equal(await rawStatus(server.port, `localhost:${server.port}`), 200);
    assert.equal(
      await rawStatus(server.port, `127.0.0.1:${server.port}`, { Origin: "http://localhost:6274" }),
      200,
    );

    // requests without a session are refused; unknown sessions get 404
    const noSession = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }),
    });
    assert.equal(noSession.status, 400);
    await noSession.body?.cancel();
    const unknown = await fetch(server.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-session-id": "nope",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/list" }),
    });
    assert.equal(unknown.status, 404);
    await unknown.body?.cancel();
    const other = await fetch(new URL("/elsewhere", server.url));
    assert.equal(other.status, 404);
    await other.body?.cancel();
  } finally {
    await server.stop();
  }
});

Deno.test("http: a non-loopback bind needs --allow-remote", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--config",
      CONFIG,
      CLI_ENTRY,
      "mcp-server",
      "--transport",
      "http",
      "--bind",
      "0.0.0.0",
    ],
    env: serverEnv(),
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 2);
  assert.match(new TextDecoder().decode(out.stderr), /--allow-remote/);
});

Deno.test("http: Host/Origin rules", () => {
  assert.ok(isLoopback("127.0.0.1"));
  assert.ok(isLoopback("127.1.2.3"));
  assert.ok(isLoopback("::1"));
  assert.ok(isLoopback("[::1]"));
  assert.ok(isLoopback("localhost"));
  assert.ok(!isLoopback("0.0.0.0"));
  assert.ok(!isLoopback("192.168.1.10"));
  const names = allowedHostNames("127.0.0.1");
  const req = (host: string, origin?: string) =>
    new Request("http://x/mcp", { headers: origin ? { host, origin } : { host } });
  assert.equal(rebindingCheck(req("localhost:8001"), names, 8001), undefined);
  assert.equal(rebindingCheck(req("[::1]:8001"), names, 8001), undefined);
  assert.match(rebindingCheck(req("attacker.example:8001"), names, 8001)!, /not one this server answers to/);
  assert.match(rebindingCheck(req("localhost:8001", "https://attacker.example"), names, 8001)!, /Origin/);
  assert.match(rebindingCheck(req("localhost:8001", "file://"), names, 8001)!, /Origin/);
  const remote = allowedHostNames("10.0.0.5", ["mcp.internal"]);
  assert.equal(rebindingCheck(req("10.0.0.5:8001"), remote, 8001), undefined);
  assert.equal(rebindingCheck(req("mcp.internal:8001"), remote, 8001), undefined);
  assert.ok(rebindingCheck(req("mcp.internal:8001"), names, 8001));
});
