/**
 * Warnings about generated policies, computed on the final policies.
 *
 * @module
 */

import type { PolicyDocument } from "../types.ts";
import { MAX_POLICY_SIZE, policySize } from "./split.ts";

/** A warning about one statement of the output, in upstream's JSON shape. */
export interface PolicyWarning {
  /**
   * `WildcardResource` (upstream): the statement uses Resource `*`.
   * `PolicySizeExceeded` (ours; upstream only logs it): a single statement is larger than IAM accepts.
   */
  WarningType: "WildcardResource" | "PolicySizeExceeded";
  Location: { PolicyIndex: number; StatementIndex: number };
  Message: string;
}

/** Message of a `WildcardResource` warning, verbatim from upstream. */
export const WILDCARD_RESOURCE_MESSAGE =
  'Statement could not be scoped to specific resources and uses Resource "*". Review whether broad resource access is intended.';

/**
 * One `WildcardResource` warning per statement whose Resource contains `*`, in policy then statement order.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { wildcardResourceWarnings } from "./warnings.ts";
 *
 * const warnings = wildcardResourceWarnings([{
 *   Id: "IamPolicyAutopilot",
 *   Version: "2012-10-17",
 *   Statement: [{ Effect: "Allow", Action: ["s3:ListAllMyBuckets"], Resource: ["*"] }],
 * }]);
 * assert.deepEqual(warnings[0].Location, { PolicyIndex: 0, StatementIndex: 0 });
 * ```
 *
 * @param policies The final policies.
 * @returns The warnings.
 */
export function wildcardResourceWarnings(policies: readonly PolicyDocument[]): PolicyWarning[] {
  const warnings: PolicyWarning[] = [];
  policies.forEach((policy, PolicyIndex) =>
    policy.Statement.forEach((statement, StatementIndex) => {
      if (statement.Resource.includes("*")) {
        warnings.push({
          WarningType: "WildcardResource",
          Location: { PolicyIndex, StatementIndex },
          Message: WILDCARD_RESOURCE_MESSAGE,
        });
      }
    })
  );
  return warnings;
}

/**
 * One `PolicySizeExceeded` warning per policy larger than `maxSize` (always a policy with a single statement,
 * which IAM will reject).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { policySizeWarnings } from "./warnings.ts";
 *
 * assert.deepEqual(policySizeWarnings([]), []);
 * ```
 *
 * @param policies The final policies.
 * @param maxSize The limit (default 6144).
 * @returns The warnings.
 */
export function policySizeWarnings(
  policies: readonly PolicyDocument[],
  maxSize: number = MAX_POLICY_SIZE,
): PolicyWarning[] {
  const warnings: PolicyWarning[] = [];
  policies.forEach((policy, PolicyIndex) => {
    const size = policySize(policy);
    if (size > maxSize) {
      warnings.push({
        WarningType: "PolicySizeExceeded",
        Location: { PolicyIndex, StatementIndex: 0 },
        Message:
          `Policy is ${size} non-whitespace characters, over the IAM managed-policy limit of ${maxSize}, ` +
          "because a single statement is that large; IAM will reject it. Lower --resource-cutoff or split the " +
          "statement's resources by hand.",
      });
    }
  });
  return warnings;
}

/**
 * All warnings, ordered by policy index, statement index, then warning type.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { policyWarnings } from "./warnings.ts";
 *
 * assert.deepEqual(policyWarnings([]), []);
 * ```
 *
 * @param policies The final policies.
 * @param maxSize The size limit (default 6144).
 * @returns The warnings.
 */
export function policyWarnings(
  policies: readonly PolicyDocument[],
  maxSize: number = MAX_POLICY_SIZE,
): PolicyWarning[] {
  return [...wildcardResourceWarnings(policies), ...policySizeWarnings(policies, maxSize)].sort((a, b) =>
    a.Location.PolicyIndex - b.Location.PolicyIndex ||
    a.Location.StatementIndex - b.Location.StatementIndex ||
    (a.WarningType < b.WarningType ? -1 : a.WarningType > b.WarningType ? 1 : 0)
  );
}
