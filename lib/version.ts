/**
 * The tool's version (kept equal to deno.json's `version`; a test checks it).
 *
 * @module
 */

/** Version of iam-policy-autopilot. */
export const VERSION = "0.1.0";
