/**
 * Policy size accounting and splitting of statements into policies under IAM's managed-policy size limit.
 *
 * @module
 */

import type { PolicyDocument, PolicyStatement } from "../types.ts";

/** `Id` of every generated policy. */
export const POLICY_ID = "IamPolicyAutopilot";

/** IAM's managed-policy size limit, counted in non-whitespace characters. */
export const MAX_POLICY_SIZE = 6144;

const EMPTY_POLICY_SIZE = nonWhitespaceLength(JSON.stringify(policyDocument([])));

function nonWhitespaceLength(text: string): number {
  return text.replace(/\s/g, "").length;
}

/**
 * A policy document with the fixed `Id` and `Version`.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { policyDocument } from "./split.ts";
 *
 * assert.deepEqual(policyDocument([]), { Id: "IamPolicyAutopilot", Version: "2012-10-17", Statement: [] });
 * ```
 *
 * @param statements The statements, in order.
 * @returns The document.
 */
export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
  return { Id: POLICY_ID, Version: "2012-10-17", Statement: statements };
}

/**
 * Size of a policy as IAM counts it: its compact JSON without whitespace characters.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { policyDocument, policySize } from "./split.ts";
 *
 * assert.equal(policySize(policyDocument([])), 65);
 * ```
 *
 * @param policy A policy document.
 * @returns The number of non-whitespace characters.
 */
export function policySize(policy: PolicyDocument): number {
  return nonWhitespaceLength(JSON.stringify(policy));
}

/**
 * Size a statement adds to a policy (without the separating comma).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { statementSize } from "./split.ts";
 *
 * assert.equal(statementSize({ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] }), 61);
 * ```
 *
 * @param statement A statement.
 * @returns The number of non-whitespace characters of its JSON.
 */
export function statementSize(statement: PolicyStatement): number {
  return nonWhitespaceLength(JSON.stringify(statement));
}

/**
 * Size of a policy holding only `statement`.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { policyDocument, policySize, singleStatementPolicySize } from "./split.ts";
 *
 * const s = { Effect: "Allow" as const, Action: ["s3:GetObject"], Resource: ["*"] };
 * assert.equal(singleStatementPolicySize(s), policySize(policyDocument([s])));
 * ```
 *
 * @param statement A statement.
 * @returns The policy size.
 */
export function singleStatementPolicySize(statement: PolicyStatement): number {
  return EMPTY_POLICY_SIZE + statementSize(statement);
}

/** Result of {@linkcode splitIntoPolicies}. */
export interface SplitResult {
  policies: PolicyDocument[];
  /** Indexes (into `policies`) of policies holding a single statement that alone exceeds the limit. */
  oversized: number[];
}

/**
 * Appends statements, in order, to a policy while its size stays within `maxSize`, then starts a new one. A
 * statement too large even alone gets a policy of its own (and its index is reported in `oversized`).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { splitIntoPolicies } from "./split.ts";
 *
 * const s = { Effect: "Allow" as const, Action: ["s3:GetObject"], Resource: ["*"] };
 * assert.equal(splitIntoPolicies([s, s]).policies.length, 1);
 * assert.equal(splitIntoPolicies([s, s], 150).policies.length, 2);
 * ```
 *
 * @param statements Statements in their final order.
 * @param maxSize The size limit (default {@linkcode MAX_POLICY_SIZE}).
 * @returns The policies and the oversized ones.
 */
export function splitIntoPolicies(
  statements: readonly PolicyStatement[],
  maxSize = MAX_POLICY_SIZE,
): SplitResult {
  const policies: PolicyDocument[] = [];
  const oversized: number[] = [];
  let current: PolicyStatement[] = [];
  let size = EMPTY_POLICY_SIZE;
  const flush = () => {
    if (current.length === 0) return;
    if (current.length === 1 && size > maxSize) oversized.push(policies.length);
    policies.push(policyDocument(current));
    current = [];
    size = EMPTY_POLICY_SIZE;
  };
  for (const statement of statements) {
    const added = statementSize(statement) + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && size + added > maxSize) flush();
    size += statementSize(statement) + (current.length > 0 ? 1 : 0);
    current.push(statement);
  }
  flush();
  return { policies, oversized };
}
