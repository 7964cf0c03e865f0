/**
 * Defaults of the MCP server that the CLI needs before (and without) loading the MCP SDK.
 *
 * @module
 */

/**
 * Default HTTP port, as upstream's.
 *
 * @example
 * ```ts
 * import { DEFAULT_HTTP_PORT } from "./defaults.ts";
 * console.assert(DEFAULT_HTTP_PORT === 8001);
 * ```
 */
export const DEFAULT_HTTP_PORT = 8001;

/**
 * Default bind address: loopback only.
 *
 * @example
 * ```ts
 * import { DEFAULT_BIND } from "./defaults.ts";
 * console.assert(DEFAULT_BIND === "127.0.0.1");
 * ```
 */
export const DEFAULT_BIND = "127.0.0.1";
