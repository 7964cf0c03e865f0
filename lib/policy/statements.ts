/**
 * Per-permission statement construction (upstream §2.2): placeholders filled, resource cutoff applied, subsumed
 * resources dropped.
 *
 * @module
 */

import type { Permission, PolicyStatement } from "../types.ts";
import { assertConcreteAction } from "./errors.ts";
import { fillConditions, fillPlaceholders, type PlaceholderContext } from "./placeholders.ts";
import { removeSubsumed } from "./resource_relation.ts";
import { normalizeStatement } from "./sort.ts";

/** What {@linkcode permissionToStatement} needs besides the permission. */
export interface StatementContext extends PlaceholderContext {
  /**
   * When a permission lists more than this many distinct ARN templates, its Resource collapses to `*`;
   * 0 collapses any non-empty list.
   */
  resourceCutoff: number;
}

/**
 * Builds the single-action statement for one permission: ARN templates and condition values filled (a wildcard
 * introduced into a condition turns `StringEquals` into `StringLike`), Resource `["*"]` when the permission has
 * no resources or more distinct templates than `resourceCutoff`, subsumed resources removed. Throws
 * `PolicyInternalError` for a wildcard action.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { permissionToStatement } from "./statements.ts";
 *
 * const statement = permissionToStatement({
 *   action: "kms:Decrypt",
 *   resources: ["arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"],
 *   conditions: { StringEquals: { "kms:ViaService": ["s3.${region}.amazonaws.com"] } },
 *   provenance: { operation: { service: "kms", operation: "Decrypt" }, calls: [], source: "fas" },
 * }, { partition: "aws", region: "us-east-1", account: "123456789012", resourceCutoff: 4 });
 * assert.deepEqual(statement, {
 *   Effect: "Allow",
 *   Action: ["kms:Decrypt"],
 *   Resource: ["arn:aws:kms:us-east-1:123456789012:key/*"],
 *   Condition: { StringEquals: { "kms:ViaService": ["s3.us-east-1.amazonaws.com"] } },
 * });
 * ```
 *
 * @param permission One action with its resources and conditions.
 * @param context Partition, region, account and resource cutoff.
 * @returns A canonical statement without `Sid`.
 */
export function permissionToStatement(permission: Permission, context: StatementContext): PolicyStatement {
  assertConcreteAction(permission.action);
  const templates = new Set(permission.resources);
  let resources: string[];
  if (templates.size === 0 || templates.size > context.resourceCutoff) {
    resources = ["*"];
  } else {
    resources = removeSubsumed([...templates].map((template) => fillPlaceholders(template, context).value));
  }
  return normalizeStatement({
    Effect: "Allow",
    Action: [permission.action],
    Resource: resources,
    Condition: fillConditions(permission.conditions, context),
  });
}
