/**
 * The resolve stage: SDK calls → SDK operations.
 *
 * @module
 */
export * from "./resolve_calls.ts";
