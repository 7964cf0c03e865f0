/**
 * Filling of `${...}` placeholders in ARN templates and condition values (upstream §2.2).
 *
 * @module
 */

import type { Conditions } from "../types.ts";
import { PolicyInternalError } from "./errors.ts";

/** The values that replace `${Partition}`, `${Region}` and `${Account}` (case-insensitive). */
export interface PlaceholderContext {
  /** `aws`, `aws-cn`, … or `*`. */
  partition: string;
  /** `us-east-1`, … or `*`. */
  region: string;
  /** 12-digit account id or `*`. */
  account: string;
}

/** Result of filling one template. */
export interface FilledTemplate {
  /** The template with every placeholder replaced. */
  value: string;
  /** True when a substitution introduced a `*` (unknown placeholder or a `*` context value). */
  wildcard: boolean;
}

/**
 * Replaces `${Partition}`, `${Region}`, `${Account}` (any case) with the context values and every other
 * `${...}` with `*`.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { fillPlaceholders } from "./placeholders.ts";
 *
 * const filled = fillPlaceholders("arn:${Partition}:s3:::${BucketName}/${ObjectName}", {
 *   partition: "aws",
 *   region: "us-east-1",
 *   account: "123456789012",
 * });
 * assert.deepEqual(filled, { value: "arn:aws:s3:::*\/*", wildcard: true });
 * ```
 *
 * @param template An ARN template or condition value.
 * @param context The partition, region and account.
 * @returns The filled value and whether a wildcard was introduced.
 */
export function fillPlaceholders(template: string, context: PlaceholderContext): FilledTemplate {
  let wildcard = false;
  const value = template.replace(/\$\{([^}]*)\}/g, (_match, name: string) => {
    let replacement: string;
    switch (name.toLowerCase()) {
      case "":
        throw new PolicyInternalError(
          "empty-placeholder",
          template,
          "a template contains an empty placeholder `${}`; fix the ARN format or condition value in the knowledge " +
            "database",
        );
      case "partition":
        replacement = context.partition;
        break;
      case "region":
        replacement = context.region;
        break;
      case "account":
        replacement = context.account;
        break;
      default:
        replacement = "*";
    }
    if (replacement.includes("*")) wildcard = true;
    return replacement;
  });
  return { value, wildcard };
}

/**
 * The pattern-matching counterpart of an exact-match condition operator (`StringEquals` → `StringLike`,
 * `ForAnyValue:StringNotEquals` → `ForAnyValue:StringNotLike`, `ArnEquals` → `ArnLike`); other operators are
 * returned unchanged.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { likeOperator } from "./placeholders.ts";
 *
 * assert.equal(likeOperator("StringEquals"), "StringLike");
 * assert.equal(likeOperator("StringEqualsIgnoreCase"), "StringEqualsIgnoreCase");
 * ```
 *
 * @param operator An IAM condition operator.
 * @returns The operator that accepts `*` patterns.
 */
export function likeOperator(operator: string): string {
  return operator.replace(
    /(String|Arn)(Not)?Equals(?!IgnoreCase)/,
    (_m, kind: string, not?: string) => `${kind}${not ?? ""}Like`,
  );
}

/**
 * Fills placeholders in every condition value. When a substitution introduced a wildcard, the values of that
 * operator+key move to the matching `Like` operator, since an `Equals` operator would compare `*` literally.
 * Values of identical operator+key are concatenated (not sorted; see `normalizeConditions`).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { fillConditions } from "./placeholders.ts";
 *
 * const conditions = { StringEquals: { "kms:ViaService": ["s3.${region}.amazonaws.com"] } };
 * assert.deepEqual(fillConditions(conditions, { partition: "*", region: "*", account: "*" }), {
 *   StringLike: { "kms:ViaService": ["s3.*.amazonaws.com"] },
 * });
 * ```
 *
 * @param conditions Operator → key → values, values possibly with placeholders.
 * @param context The partition, region and account.
 * @returns The filled conditions.
 */
export function fillConditions(conditions: Conditions, context: PlaceholderContext): Conditions {
  const result: Conditions = {};
  for (const [operator, keys] of Object.entries(conditions)) {
    for (const [key, values] of Object.entries(keys)) {
      const filled = values.map((value) => fillPlaceholders(value, context));
      const target = filled.some((f) => f.wildcard) ? likeOperator(operator) : operator;
      const block = (result[target] ??= {});
      block[key] = [...(block[key] ?? []), ...filled.map((f) => f.value)];
    }
  }
  return result;
}
