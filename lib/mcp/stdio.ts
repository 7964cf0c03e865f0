/**
 * The stdio transport: MCP messages on stdin/stdout, diagnostics on stderr only.
 *
 * @module
 */
import process from "node:process";
import { StdioServerTransport } from "./sdk.ts";
import type { ServerContext } from "./context.ts";
import { createMcpServer } from "./server.ts";

/** Serves MCP on stdin/stdout until stdin ends or the client closes. */
export async function serveStdio(ctx: ServerContext): Promise<void> {
  // stdout belongs to the protocol: anything a dependency prints with console goes to stderr instead.
  console.log =
    console.info =
    console.debug =
    console.warn =
      (...args: unknown[]) => console.error(...args);
  const server = createMcpServer(ctx);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
  });
  // The SDK transport does not watch for end of input; without this the process would wait forever.
  process.stdin.once("end", () => server.close().catch(() => {}));
  await server.connect(transport);
  ctx.log.info("serving MCP on stdio");
  await closed;
}
