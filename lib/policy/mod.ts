/**
 * The policy stage: `Permission[]` → IAM identity policies and warnings.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildPolicies } from "./mod.ts";
 *
 * assert.deepEqual(buildPolicies([]), { policies: [], warnings: [] });
 * ```
 *
 * @module
 */

export * from "./build_policies.ts";
export * from "./errors.ts";
export * from "./individual.ts";
export * from "./merge.ts";
export * from "./placeholders.ts";
export * from "./resource_relation.ts";
export * from "./sort.ts";
export * from "./split.ts";
export * from "./statements.ts";
export * from "./warnings.ts";
