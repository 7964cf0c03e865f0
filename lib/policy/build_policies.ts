/**
 * Entry of the policy stage: `Permission[]` → policies and warnings.
 *
 * @module
 */

import type { Permission, PolicyDocument } from "../types.ts";
import { buildIndividualPolicies } from "./individual.ts";
import { mergeStatements } from "./merge.ts";
import { splitIntoPolicies } from "./split.ts";
import { permissionToStatement, type StatementContext } from "./statements.ts";
import { type PolicyWarning, policyWarnings } from "./warnings.ts";

/** Options of {@linkcode buildPolicies}; every field is optional. */
export interface BuildPoliciesOptions {
  /** Region for `${Region}` (default `*`). */
  region?: string;
  /** Account id for `${Account}` (default `*`). */
  account?: string;
  /** Partition for `${Partition}`, derived from the region by the caller (default `*` when region is `*`, else `aws`). */
  partition?: string;
  /** A permission with more distinct ARN templates than this gets Resource `*` (default 4; 0 = always). */
  resourceCutoff?: number;
  /** One policy per operation and its calls, statements with `Sid`s, no merging. */
  individualPolicies?: boolean;
  /** Allow statements that mix services (never widens access; see `mergeStatements`). */
  minimizePolicySize?: boolean;
}

/** The policies and the warnings about them. */
export interface PolicySet {
  policies: PolicyDocument[];
  warnings: PolicyWarning[];
}

/** Default of {@linkcode BuildPoliciesOptions.resourceCutoff}. */
export const DEFAULT_RESOURCE_CUTOFF = 4;

/**
 * Turns permissions into IAM identity policies: one statement per permission (placeholders filled, cutoff
 * applied, subsumed resources dropped), then either merged without widening access (see `mergeStatements`) and
 * sorted, or grouped per operation with `Sid`s (`individualPolicies`); then split into policies of at most 6144
 * non-whitespace characters. Warnings are computed on the final policies. The result does not depend on the
 * order of `permissions`. Throws `PolicyInternalError` on a wildcard or malformed action.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildPolicies } from "./build_policies.ts";
 *
 * const { policies, warnings } = buildPolicies([{
 *   action: "s3:GetObject",
 *   resources: ["arn:${Partition}:s3:::${BucketName}/${ObjectName}"],
 *   conditions: {},
 *   provenance: { operation: { service: "s3", operation: "GetObject" }, calls: [], source: "service-reference" },
 * }], { region: "us-east-1", account: "123456789012", partition: "aws" });
 * assert.deepEqual(policies[0].Statement, [
 *   { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::*\/*"] },
 * ]);
 * assert.deepEqual(warnings, []);
 * ```
 *
 * @param permissions What the application needs.
 * @param options Context values and output shape.
 * @returns The policies and their warnings.
 */
export function buildPolicies(
  permissions: readonly Permission[],
  options: BuildPoliciesOptions = {},
): PolicySet {
  const region = options.region ?? "*";
  const resourceCutoff = options.resourceCutoff ?? DEFAULT_RESOURCE_CUTOFF;
  if (!Number.isInteger(resourceCutoff) || resourceCutoff < 0) {
    throw new RangeError(
      `Invalid resource cutoff ${resourceCutoff}: expected a whole number ≥ 0 (e.g. --resource-cutoff 4)`,
    );
  }
  const context: StatementContext = {
    region,
    account: options.account ?? "*",
    partition: options.partition ?? (region === "*" ? "*" : "aws"),
    resourceCutoff,
  };
  const policies = options.individualPolicies
    ? buildIndividualPolicies(permissions, context)
    : splitIntoPolicies(
      mergeStatements(permissions.map((p) => permissionToStatement(p, context)), {
        minimizePolicySize: options.minimizePolicySize,
      }),
    ).policies;
  return { policies, warnings: policyWarnings(policies) };
}
