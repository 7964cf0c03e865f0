/**
 * The tool's version (kept equal to deno.json's `version`; a test checks it).
 *
 * @module
 */

/**
 * Version of iam-policy-autopilot.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { VERSION } from "./version.ts";
 *
 * assert.match(VERSION, /^\d+\.\d+\.\d+/);
 * ```
 */
export const VERSION = "0.1.0";
