#!/usr/bin/env -S deno run -A
/**
 * Entry point of the MCP server: `deno run -A mcp.ts [--transport stdio|http] [--port N] [--bind ADDR]`,
 * the same as `iam-policy-autopilot mcp-server`. The tools are in lib/mcp/.
 *
 * @module
 */
import { runCli } from "./cli.ts";

if (import.meta.main) Deno.exit(await runCli(["mcp-server", ...Deno.args]));
