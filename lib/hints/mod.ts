/**
 * `--service-hints`: validation and narrowing of resolved operations.
 *
 * @module
 */
export * from "./service_hints.ts";
export * from "./unknown_service_hint_error.ts";
