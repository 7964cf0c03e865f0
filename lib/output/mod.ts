/**
 * The output stage: policies, explanations and warnings as upstream-compatible JSON.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { generatePoliciesJson } from "./mod.ts";
 *
 * assert.equal(generatePoliciesJson({ policySet: { policies: [], warnings: [] }, permissions: [] }), '{"Policies":[]}');
 * ```
 *
 * @module
 */

export * from "./explain_filter.ts";
export * from "./explanations.ts";
export * from "./generate_policies_json.ts";
