/**
 * Canonical form and global order of statements, so that the same permissions in any order give byte-identical
 * policies.
 *
 * @module
 */

import type { Conditions, PolicyStatement } from "../types.ts";

/**
 * Locale-independent string comparison by UTF-16 code units.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { compareStrings } from "./sort.ts";
 *
 * assert.equal(compareStrings("s3", "s3-object-lambda"), -1);
 * ```
 *
 * @param a A string.
 * @param b Another string.
 * @returns -1, 0 or 1.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorts by UTF-16 code units (locale-independent) and removes duplicates.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { sortedUnique } from "./sort.ts";
 *
 * assert.deepEqual(sortedUnique(["b", "a", "b"]), ["a", "b"]);
 * ```
 *
 * @param values Strings.
 * @returns A new sorted array without duplicates.
 */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}

/**
 * Conditions with operators, keys and values sorted and values de-duplicated; empty blocks dropped.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalizeConditions } from "./sort.ts";
 *
 * assert.deepEqual(
 *   normalizeConditions({ StringLike: { "kms:ViaService": ["b", "a", "b"] } }),
 *   { StringLike: { "kms:ViaService": ["a", "b"] } },
 * );
 * ```
 *
 * @param conditions Operator → key → values.
 * @returns The canonical conditions.
 */
export function normalizeConditions(conditions: Conditions): Conditions {
  const result: Conditions = {};
  for (const operator of Object.keys(conditions).sort(compareStrings)) {
    const block: Record<string, string[]> = {};
    for (const key of Object.keys(conditions[operator]).sort(compareStrings)) {
      const values = sortedUnique(conditions[operator][key]);
      if (values.length > 0) block[key] = values;
    }
    if (Object.keys(block).length > 0) result[operator] = block;
  }
  return result;
}

/**
 * The canonical JSON of a statement's conditions (`""` when it has none); equal strings mean equal condition
 * sets.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { conditionsKey } from "./sort.ts";
 *
 * assert.equal(conditionsKey({ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] }), "");
 * ```
 *
 * @param statement A statement.
 * @returns The canonical condition key.
 */
export function conditionsKey(statement: PolicyStatement): string {
  const conditions = normalizeConditions(statement.Condition ?? {});
  return Object.keys(conditions).length === 0 ? "" : JSON.stringify(conditions);
}

/**
 * The statement with actions and resources sorted and unique, conditions canonical (omitted when empty) and keys
 * in IAM's conventional order (`Sid`, `Effect`, `Action`, `Resource`, `Condition`).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalizeStatement } from "./sort.ts";
 *
 * assert.deepEqual(
 *   normalizeStatement({ Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject"], Resource: ["*"], Condition: {} }),
 *   { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: ["*"] },
 * );
 * ```
 *
 * @param statement A statement.
 * @returns A new, canonical statement.
 */
export function normalizeStatement(statement: PolicyStatement): PolicyStatement {
  const result: PolicyStatement = {
    ...(statement.Sid === undefined ? {} : { Sid: statement.Sid }),
    Effect: "Allow",
    Action: sortedUnique(statement.Action),
    Resource: sortedUnique(statement.Resource),
  };
  const conditions = normalizeConditions(statement.Condition ?? {});
  if (Object.keys(conditions).length > 0) result.Condition = conditions;
  return result;
}

/**
 * The service prefix of an action (`s3` for `s3:GetObject`).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { servicePrefix } from "./sort.ts";
 *
 * assert.equal(servicePrefix("s3-object-lambda:GetObject"), "s3-object-lambda");
 * ```
 *
 * @param action An IAM action.
 * @returns The text before the first `:`.
 */
export function servicePrefix(action: string): string {
  const colon = action.indexOf(":");
  return colon < 0 ? action : action.slice(0, colon);
}

function sortTuple(statement: PolicyStatement): string[] {
  return [
    servicePrefix(statement.Action[0] ?? ""),
    statement.Action.join(","),
    statement.Resource.join(","),
    conditionsKey(statement),
  ];
}

/**
 * Orders canonical statements by (service prefix of the first action, action list, resource list, canonical
 * conditions), comparing by code units.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { compareStatements } from "./sort.ts";
 *
 * const kms = { Effect: "Allow" as const, Action: ["kms:Decrypt"], Resource: ["*"] };
 * const s3 = { Effect: "Allow" as const, Action: ["s3:GetObject"], Resource: ["*"] };
 * assert.equal(compareStatements(kms, s3), -1);
 * ```
 *
 * @param a A canonical statement.
 * @param b Another canonical statement.
 * @returns Negative, zero or positive.
 */
export function compareStatements(a: PolicyStatement, b: PolicyStatement): number {
  const ka = sortTuple(a);
  const kb = sortTuple(b);
  for (let i = 0; i < ka.length; i++) {
    const order = compareStrings(ka[i], kb[i]);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * Canonicalises, de-duplicates and sorts statements (see {@linkcode compareStatements}). `Sid`s are dropped.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { sortStatements } from "./sort.ts";
 *
 * const s = { Effect: "Allow" as const, Action: ["s3:GetObject"], Resource: ["*"] };
 * assert.deepEqual(sortStatements([s, s]), [s]);
 * ```
 *
 * @param statements Statements in any order.
 * @returns New canonical statements, unique and sorted.
 */
export function sortStatements(statements: readonly PolicyStatement[]): PolicyStatement[] {
  const unique = new Map<string, PolicyStatement>();
  for (const statement of statements) {
    const { Sid: _sid, ...rest } = statement;
    const canonical = normalizeStatement(rest);
    unique.set(JSON.stringify(canonical), canonical);
  }
  return [...unique.values()].sort(compareStatements);
}
