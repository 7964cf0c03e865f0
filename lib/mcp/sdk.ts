/**
 * The MCP SDK (`@modelcontextprotocol/sdk` 1.32.2) with its types. Deno resolves the SDK's `*.js` subpath
 * types to files that do not exist, so every name would silently become `any`; each `@ts-types` below points
 * the type checker at the extensionless declaration (modelcontextprotocol/typescript-sdk#2701). Import the SDK
 * only through this module.
 *
 * @module
 */
// @ts-types="@modelcontextprotocol/sdk/server/mcp"
export { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
// @ts-types="@modelcontextprotocol/sdk/server/stdio"
export { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
// @ts-types="@modelcontextprotocol/sdk/server/webStandardStreamableHttp"
export { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
// @ts-types="@modelcontextprotocol/sdk/types"
export { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
export type {
  CallToolResult,
  ElicitResult,
  ServerNotification,
  ServerRequest,
  ToolAnnotations,
} from "@modelcontextprotocol/sdk/types";
export type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol";
