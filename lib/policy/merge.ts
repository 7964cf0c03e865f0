/**
 * Merging of single-action statements into fewer statements.
 *
 * @module
 */

import type { PolicyStatement } from "../types.ts";
import { removeSubsumed } from "./resource_relation.ts";
import { conditionsKey, servicePrefix, sortStatements } from "./sort.ts";
import { MAX_POLICY_SIZE, singleStatementPolicySize } from "./split.ts";

/** Options of {@linkcode mergeStatements}. */
export interface MergeOptions {
  /** Allow statements whose actions belong to different services (`--minimize-policy-size`). */
  minimizePolicySize?: boolean;
  /** Largest policy a merged statement may fill on its own (default 6144). */
  maxSize?: number;
}

/**
 * Merges statements without ever widening access.
 *
 * Upstream (0.3.0) unions the actions *and* the resources of any two statements with equal conditions and
 * non-nested resources, so `s3:GetObject` on bucket A plus `s3:PutObject` on bucket B becomes both actions on
 * both buckets: a grant nobody asked for. Here two statements merge only when
 * (a) their condition sets are identical,
 * (b) all their actions share one service prefix (unless `minimizePolicySize`), and
 * (c) their Resource lists are identical (the actions are unioned) **or** their Action lists are identical
 *     (the resources are unioned, then resources subsumed by another are dropped),
 * so the merged statement grants exactly the union of the (action, resource) pairs of its parts. As upstream,
 * a merged statement must still fit alone in a policy of `maxSize` non-whitespace characters. The two kinds of
 * merge alternate until nothing changes. Input order does not matter: statements are canonicalised and sorted
 * first, and the result is sorted by (service prefix of the first action, actions, resources, conditions).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { mergeStatements } from "./merge.ts";
 *
 * const get = { Effect: "Allow" as const, Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::a/*"] };
 * const put = { Effect: "Allow" as const, Action: ["s3:PutObject"], Resource: ["arn:aws:s3:::b/*"] };
 * assert.equal(mergeStatements([get, put]).length, 2); // never GetObject on b
 * const putA = { ...put, Resource: ["arn:aws:s3:::a/*"] };
 * assert.deepEqual(mergeStatements([get, putA])[0].Action, ["s3:GetObject", "s3:PutObject"]);
 * ```
 *
 * @param statements Statements (usually one action each), in any order.
 * @param options Cross-service merging and size limit.
 * @returns Merged, canonical, sorted statements without `Sid`.
 */
export function mergeStatements(
  statements: readonly PolicyStatement[],
  options: MergeOptions = {},
): PolicyStatement[] {
  const maxSize = options.maxSize ?? MAX_POLICY_SIZE;
  let current = sortStatements(statements);
  while (true) {
    const byResources = mergePass(
      current,
      (s) =>
        JSON.stringify([
          conditionsKey(s),
          s.Resource,
          options.minimizePolicySize ? "" : servicePrefix(s.Action[0] ?? ""),
        ]),
      (a, b) => ({ ...a, Action: [...a.Action, ...b.Action] }),
      maxSize,
    );
    const byActions = mergePass(
      sortStatements(byResources),
      (s) => JSON.stringify([conditionsKey(s), s.Action]),
      (a, b) => ({ ...a, Resource: removeSubsumed([...a.Resource, ...b.Resource]) }),
      maxSize,
    );
    const next = sortStatements(byActions);
    if (next.length >= current.length) return next;
    current = next;
  }
}

function mergePass(
  statements: readonly PolicyStatement[],
  key: (statement: PolicyStatement) => string,
  combine: (a: PolicyStatement, b: PolicyStatement) => PolicyStatement,
  maxSize: number,
): PolicyStatement[] {
  const groups = new Map<string, PolicyStatement[]>();
  const order: PolicyStatement[][] = [];
  for (const statement of statements) {
    const k = key(statement);
    let group = groups.get(k);
    if (!group) {
      group = [];
      groups.set(k, group);
      order.push(group);
    }
    const target = group.findIndex((existing) =>
      singleStatementPolicySize(sortStatements([combine(existing, statement)])[0]) <= maxSize
    );
    if (target < 0) group.push(statement);
    else group[target] = sortStatements([combine(group[target], statement)])[0];
  }
  return order.flat();
}
