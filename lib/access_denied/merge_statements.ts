/**
 * Merging new Allow statements into the tool's existing inline policy: every existing statement is kept
 * exactly (conditions and unknown fields included), duplicates are detected, statement ids stay unique, and
 * IAM's inline policy size quotas are checked.
 *
 * @module
 */
import { ApplyRefusedError } from "./errors.ts";
import { statementSid } from "./policy_name.ts";
import type { AllowStatement, PolicyDocumentJson } from "./types.ts";

/** IAM's quota on the total size of a role's inline policies (non-whitespace characters). */
export const ROLE_INLINE_POLICY_QUOTA = 10240;
/** IAM's quota on the total size of a user's inline policies (non-whitespace characters). */
export const USER_INLINE_POLICY_QUOTA = 2048;

/**
 * Size of a policy text as IAM counts it against quotas: characters other than whitespace.
 *
 * @example
 * ```ts
 * import { inlinePolicySize } from "./merge_statements.ts";
 * console.assert(inlinePolicySize('{ "a": 1 }') === 7);
 * ```
 */
export function inlinePolicySize(text: string): number {
  return text.replace(/\s/g, "").length;
}

/** Result of {@linkcode mergeStatements}. */
export interface MergeResult {
  document: PolicyDocumentJson;
  added: AllowStatement[];
  /** New statements already granted, with the Sid (or index) of the statement that grants them. */
  duplicates: { statement: AllowStatement; coveredBy: string }[];
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : [];
}

function globMatches(pattern: string, value: string, caseInsensitive: boolean): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${re}$`, caseInsensitive ? "i" : "").test(value);
}

function grants(existing: Record<string, unknown>, action: string, resource: string): boolean {
  if (existing.Effect !== "Allow" || existing.Condition || existing.NotAction || existing.NotResource) {
    return false;
  }
  return list(existing.Action).some((a) => a === action || globMatches(a, action, true)) &&
    list(existing.Resource).some((r) => r === resource || r === "*" || globMatches(r, resource, false));
}

/**
 * Parses the stored text of the tool's inline policy.
 *
 * @example
 * ```ts
 * import { parsePolicyDocument } from "./merge_statements.ts";
 * console.assert(parsePolicyDocument('{"Version":"2012-10-17","Statement":[]}').Version === "2012-10-17");
 * ```
 * @throws {ApplyRefusedError} `malformed_existing_policy` when it is not a policy document.
 */
export function parsePolicyDocument(text: string): PolicyDocumentJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const doc = value as PolicyDocumentJson | undefined;
  if (
    !doc || typeof doc !== "object" || Array.isArray(doc) || typeof doc.Statement !== "object" ||
    !doc.Statement
  ) {
    throw new ApplyRefusedError(
      "malformed_existing_policy",
      "the existing inline policy is not a policy document with a Statement; fix or delete it, then rerun",
    );
  }
  return doc;
}

/**
 * Adds statements to a policy document (or to a new one): statements an existing unconditional Allow already
 * grants are reported as duplicates and not added; new statements get Sids that do not clash. Existing
 * statements are kept exactly, in order; a single-object `Statement` becomes a one-element array.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mergeStatements } from "./merge_statements.ts";
 * const s = { Effect: "Allow" as const, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k" };
 * const first = mergeStatements(undefined, [s], new Date("2026-01-15T00:00:00Z"));
 * assert.equal(first.added.length, 1);
 * const again = mergeStatements(first.document, [s], new Date("2026-01-15T00:00:00Z"));
 * assert.equal(again.duplicates.length, 1);
 * ```
 */
export function mergeStatements(
  existing: PolicyDocumentJson | undefined,
  statements: readonly AllowStatement[],
  now: Date,
): MergeResult {
  const kept = existing
    ? (Array.isArray(existing.Statement) ? existing.Statement : [existing.Statement])
    : [];
  const taken = new Set(kept.map((s) => s.Sid).filter((s): s is string => typeof s === "string"));
  const added: AllowStatement[] = [];
  const duplicates: MergeResult["duplicates"] = [];
  for (const statement of statements) {
    const pairs = list(statement.Action).flatMap((a) => list(statement.Resource).map((r) => [a, r] as const));
    const all = [...kept, ...added as unknown as Record<string, unknown>[]];
    const cover = all.findIndex((e) => pairs.every(([a, r]) => grants(e, a, r)));
    if (cover >= 0) {
      duplicates.push({ statement, coveredBy: String(all[cover].Sid ?? `statement #${cover + 1}`) });
      continue;
    }
    const sid = statementSid(list(statement.Action)[0], now, taken);
    taken.add(sid);
    added.push({ ...statement, Sid: sid });
  }
  const document: PolicyDocumentJson = existing
    ? { ...existing, Statement: [...kept, ...added as unknown as Record<string, unknown>[]] }
    : {
      Id: "IamPolicyAutopilot",
      Version: "2012-10-17",
      Statement: added as unknown as Record<string, unknown>[],
    };
  return { document, added, duplicates };
}
