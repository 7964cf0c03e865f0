/**
 * `--individual-policies`: one policy per operation and its calls, statements with `Sid`s, no merging.
 *
 * @module
 */

import type { Permission, PolicyDocument, PolicyStatement, SourceLocation } from "../types.ts";
import { compareStrings, sortStatements } from "./sort.ts";
import { splitIntoPolicies } from "./split.ts";
import { permissionToStatement, type StatementContext } from "./statements.ts";

/**
 * `Sid` base for an action reached through a botocore service: `Allow` + the service in PascalCase with only
 * letters and digits + the action name. Unlike upstream (`AllowS3-OBJECT-LAMBDAGetObject`) it is always a valid
 * alphanumeric `Sid`.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { sidBase } from "./individual.ts";
 *
 * assert.equal(sidBase("s3-object-lambda", "s3-object-lambda:GetObject"), "AllowS3ObjectLambdaGetObject");
 * assert.equal(sidBase("dynamodb", "kms:Decrypt"), "AllowDynamodbDecrypt");
 * ```
 *
 * @param service botocore service of the call (for FAS actions, the calling service).
 * @param action The IAM action.
 * @returns The `Sid` without an index suffix.
 */
export function sidBase(service: string, action: string): string {
  const pascal = service.split(/[^A-Za-z0-9]+/).filter((part) => part.length > 0)
    .map((part) => part[0].toUpperCase() + part.slice(1)).join("");
  const name = action.slice(action.indexOf(":") + 1).replace(/[^A-Za-z0-9]/g, "");
  return `Allow${pascal}${name}`;
}

function locationKey(location: SourceLocation): (string | number)[] {
  return [location.file, location.line, location.column, location.endLine, location.endColumn];
}

function compareKeys(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    const order = typeof x === "number" && typeof y === "number"
      ? x - y
      : compareStrings(String(x), String(y));
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

interface Group {
  service: string;
  operation: string;
  locations: (string | number)[][];
  permissions: Permission[];
}

/**
 * Builds one policy per (operation, calls) group: a permission belongs to the group of its root operation (the
 * outermost FAS parent, else its own operation) and the calls that reach it. Groups are ordered by the position
 * of their first call (file, line, column), then service and operation; calls without a location come last.
 * Within a policy statements are sorted as in merged mode and get `Sid`s from {@linkcode sidBase}, with `1`,
 * `2`, … appended to repeats, so numbering is deterministic.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildIndividualPolicies } from "./individual.ts";
 *
 * const policies = buildIndividualPolicies([{
 *   action: "s3:ListAllMyBuckets",
 *   resources: [],
 *   conditions: {},
 *   provenance: { operation: { service: "s3", operation: "ListBuckets" }, calls: [], source: "service-reference" },
 * }], { partition: "*", region: "*", account: "*", resourceCutoff: 4 });
 * assert.equal(policies[0].Statement[0].Sid, "AllowS3ListAllMyBuckets");
 * ```
 *
 * @param permissions The permissions.
 * @param context Partition, region, account and resource cutoff.
 * @returns The policies, each within the size limit unless a single statement is too large.
 */
export function buildIndividualPolicies(
  permissions: readonly Permission[],
  context: StatementContext,
): PolicyDocument[] {
  const groups = new Map<string, Group>();
  for (const permission of permissions) {
    const root = permission.provenance.fasParents?.[0] ?? permission.provenance.operation;
    const locations = permission.provenance.calls.map((call) => locationKey(call.location)).sort(compareKeys);
    const key = JSON.stringify([root.service, root.operation, locations]);
    let group = groups.get(key);
    if (!group) {
      group = { service: root.service, operation: root.operation, locations, permissions: [] };
      groups.set(key, group);
    }
    group.permissions.push(permission);
  }
  const ordered = [...groups.values()].sort((a, b) => {
    if (a.locations.length === 0 || b.locations.length === 0) {
      if (a.locations.length !== b.locations.length) return a.locations.length === 0 ? 1 : -1;
    } else {
      const order = compareKeys(a.locations[0], b.locations[0]);
      if (order !== 0) return order;
    }
    return compareKeys(
      [a.service, a.operation, JSON.stringify(a.locations)],
      [b.service, b.operation, JSON.stringify(b.locations)],
    );
  });
  const policies: PolicyDocument[] = [];
  for (const group of ordered) {
    const statements = sortStatements(group.permissions.map((p) => permissionToStatement(p, context)));
    const used = new Set<string>();
    const withSids = statements.map((statement): PolicyStatement => {
      const base = sidBase(group.service, statement.Action[0]);
      let sid = base;
      for (let index = 1; used.has(sid); index++) sid = `${base}${index}`;
      used.add(sid);
      return { Sid: sid, ...statement };
    });
    policies.push(...splitIntoPolicies(withSids).policies);
  }
  return policies;
}
