/**
 * The `mcp-server` command line: help, flags, usage errors.
 */
import assert from "node:assert/strict";
import { runCli } from "../helpers/run_cli.ts";

Deno.test("mcp-server: listed in --help, with its own help", async () => {
  const main = await runCli(["--help"]);
  assert.equal(main.code, 0);
  assert.match(main.stdout, /^\s+mcp-server\s+MCP server/m);
  const help = await runCli(["mcp-server", "--help"]);
  assert.equal(help.code, 0);
  for (
    const flag of ["--transport stdio|http", "--port N", "--bind ADDR", "--allow-remote", "8001", "127.0.0.1"]
  ) {
    assert.ok(help.stdout.includes(flag), `help lacks ${flag}`);
  }
  for (const tool of ["generate_application_policies", "fix_access_denied", "lookup_operation_permissions"]) {
    assert.ok(help.stdout.includes(tool), `help lacks ${tool}`);
  }
});

Deno.test("mcp-server: usage errors exit 2 with a message", async () => {
  const cases: [string[], RegExp][] = [
    [["mcp-server", "--transport", "ws"], /--transport takes stdio or http/],
    [["mcp-server", "--transport", "http", "--port", "http"], /--port takes a port number/],
    [["mcp-server", "--port", "9000"], /--port and --bind apply to --transport http only/],
    [["mcp-server", "extra"], /takes no arguments/],
    [["mcp-server", "--transport", "http", "--bind", "192.0.2.10"], /--allow-remote/],
    [["mcp-server", "--bogus"], /Unknown option/i],
  ];
  for (const [args, message] of cases) {
    const run = await runCli(args);
    assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
    assert.match(run.stderr, message);
    assert.equal(run.stdout, "", "nothing on stdout");
  }
});
