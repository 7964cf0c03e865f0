/**
 * The permissions stage: operations → the IAM permissions they need, with provenance.
 *
 * @module
 */
import type { Conditions, OperationRef, Permission, SdkCall } from "../types.ts";
import type { KnowledgeBase, OperationKey } from "../knowledge/knowledge_base.ts";
import { appliesToCalls } from "./applies_when.ts";
import { resourcesFor } from "./arn_templates.ts";

/** The run's target, as `--region` / `--account` and the partition derived from the region. */
export interface PermissionContext {
  region: string;
  account: string;
  partition: string;
}

/** A conditional action that the calls' arguments show is not needed. */
export interface SkippedAction {
  operation: OperationKey;
  action: string;
  reason: string;
}

/** What {@linkcode permissionsFor} returns. */
export interface PermissionsResult {
  /** Sorted by action, resources, conditions; one per (action, resources, conditions). */
  permissions: Permission[];
  notes: {
    /** Operations that need no permission (sts GetCallerIdentity). */
    permissionless: OperationKey[];
    /** Operations for which the knowledge base knows no action: the policy may be incomplete for them. */
    noActions: OperationKey[];
    /** Conditional actions left out because no call needs them (s3:GetObjectVersion without VersionId). */
    skipped: SkippedAction[];
  };
}

/**
 * The IAM permissions needed by the operations.
 *
 * For each operation: permissionless operations are noted and need nothing; otherwise each action row of the
 * knowledge base applies unless its request predicate shows no call needs it (see `appliesToCalls`; if that
 * would leave no action, all rows are kept). Resources come from the action's ARN formats with placeholders
 * filled from literal arguments (see `resourcesFor`); the row's SR `context` becomes `StringEquals` conditions.
 * Forward Access Sessions are expanded breadth-first (cycle-safe): each operation a service performs on the
 * caller's behalf yields its own actions, conditioned on the FAS context (`kms:ViaService` =
 * `s3.${region}.amazonaws.com`), with `source: "fas"` and `fasParents`.
 *
 * Placeholders `${Partition}`, `${Region}`, `${Account}`, `${region}` and unfilled resource names are left for
 * the policy stage, which owns substitution (and `StringLike` for wildcards); `context` is accepted so the stage
 * signature stays stable when region-dependent knowledge is added, and is not read today.
 *
 * @example
 * ```ts ignore
 * const { permissions } = permissionsFor(ops, kb, { region: "us-east-1", account: "123456789012", partition: "aws" });
 * permissions.map((p) => p.action); // ["kms:Decrypt", "s3:GetObject"]
 * ```
 */
export function permissionsFor(
  ops: OperationRef[],
  kb: KnowledgeBase,
  _context: PermissionContext,
): PermissionsResult {
  const found: Permission[] = [];
  const notes: PermissionsResult["notes"] = { permissionless: [], noActions: [], skipped: [] };
  for (const op of ops) {
    const key = { service: op.service, operation: op.operation };
    if (kb.permissionlessSource(op.service, op.operation) !== undefined) {
      notes.permissionless.push(key);
      continue;
    }
    const rows = kb.operationActions(op.service, op.operation);
    const bare = rows.length === 0 ? bareIamAction(op, kb) : undefined;
    if (bare) {
      found.push(bare);
      continue;
    }
    if (rows.length === 0) notes.noActions.push(key);
    const members = kb.operationMembers(op.service, op.operation);
    const decided = rows.map((row) => ({
      row,
      decision: appliesToCalls(row.appliesWhen, op.calls, members),
    }));
    // Predicates that exclude every row would mean the data is inconsistent: fall back to all rows (safe).
    const kept = decided.some((d) => d.decision.applies)
      ? decided.filter((d) => d.decision.applies)
      : decided.map((d) => ({ row: d.row, decision: { applies: true, reason: d.decision.reason } }));
    for (const { row, decision } of decided) {
      if (!kept.some((k) => k.row === row)) {
        notes.skipped.push({
          operation: key,
          action: canonical(row.action, kb),
          reason: decision.reason ?? "",
        });
      }
    }
    for (const { row, decision } of kept) {
      found.push({
        action: canonical(row.action, kb),
        resources: resourcesFor(row.action, row.resourceMappings, op.calls, kb),
        conditions: stringEquals(row.context),
        provenance: {
          operation: key,
          calls: op.calls,
          source: row.source,
          ...detail(row.sourceDetail, decision.reason),
        },
      });
    }
    found.push(...fasPermissions(op, kb));
  }
  notes.permissionless.sort(compareKeys);
  notes.noActions.sort(compareKeys);
  return { permissions: mergeDuplicates(found), notes };
}

/**
 * The permission of a bare IAM action reached through a utility entry (`rds-db:connect` for boto3's
 * `generate_db_auth_token`): resolution reports it as (IAM prefix, action name) since no SDK operation exists.
 */
function bareIamAction(op: OperationRef, kb: KnowledgeBase): Permission | undefined {
  if (kb.service(op.service) !== undefined || kb.operation(op.service, op.operation) !== undefined) {
    return undefined;
  }
  const info = kb.iamAction(`${op.service}:${op.operation}`);
  if (!info) return undefined;
  const via = [...new Set(op.calls.map((c) => c.via).filter((v): v is string => !!v))];
  return {
    action: info.action,
    resources: resourcesFor(info.action, {}, op.calls, kb),
    conditions: {},
    provenance: {
      operation: { service: op.service, operation: op.operation },
      calls: op.calls,
      source: "curated",
      sourceDetail: `IAM action with no SDK operation${via.length ? `, needed by ${via.join(", ")}` : ""}`,
    },
  };
}

/** Permissions of the operations a service performs with the caller's credentials, transitively. */
function fasPermissions(op: OperationRef, kb: KnowledgeBase): Permission[] {
  const out: Permission[] = [];
  const root = { service: op.service, operation: op.operation };
  type Node = {
    key: OperationKey;
    parents: OperationKey[];
    context: Record<string, string[]>;
    source: string;
  };
  const queue: Node[] = kb.fasAdditions(op.service, op.operation).map((f) => ({
    key: { service: f.service, operation: f.operation },
    parents: [root],
    context: f.context,
    source: f.source,
  }));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const node = queue.shift()!;
    const id = `${node.key.service}:${node.key.operation}:${JSON.stringify(sortedContext(node.context))}`;
    // A chain that comes back to one of its own operations adds nothing new: stop there.
    if (seen.has(id) || node.parents.some((p) => sameKey(p, node.key))) continue;
    seen.add(id);
    if (kb.permissionlessSource(node.key.service, node.key.operation) !== undefined) continue;
    // The service's own request is not in the code: a row conditional on a request member (s3:GetObjectVersion
    // when VersionId Exists) is left out unless every row is conditional (then all are kept, as for direct calls).
    const fasRows = kb.operationActions(node.key.service, node.key.operation);
    const unconditional = fasRows.filter((row) => !row.appliesWhen);
    for (const row of unconditional.length > 0 ? unconditional : fasRows) {
      out.push({
        action: canonical(row.action, kb),
        // The service's own request to the FAS operation is not in the code: no argument fills its ARNs.
        resources: resourcesFor(row.action, row.resourceMappings, [], kb),
        conditions: stringEquals(mergeContexts(node.context, row.context)),
        provenance: {
          operation: node.key,
          calls: op.calls,
          source: "fas",
          sourceDetail: `${node.source}; ${row.action} via ${row.source}${
            row.sourceDetail ? ` (${row.sourceDetail})` : ""
          }`,
          fasParents: node.parents,
        },
      });
    }
    for (const next of kb.fasAdditions(node.key.service, node.key.operation)) {
      queue.push({
        key: { service: next.service, operation: next.operation },
        parents: [...node.parents, node.key],
        context: next.context,
        source: next.source,
      });
    }
  }
  return out;
}

function detail(sourceDetail: string | null, reason: string | undefined): { sourceDetail?: string } {
  const parts = [sourceDetail, reason].filter((p): p is string => !!p);
  return parts.length > 0 ? { sourceDetail: parts.join("; ") } : {};
}

function canonical(action: string, kb: KnowledgeBase): string {
  return kb.iamAction(action)?.action ?? action;
}

function stringEquals(context: Record<string, string[]>): Conditions {
  const sorted = sortedContext(context);
  return Object.keys(sorted).length > 0 ? { StringEquals: sorted } : {};
}

function mergeContexts(...contexts: Record<string, string[] | string>[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const context of contexts) {
    for (const [k, v] of Object.entries(context)) {
      out[k] = [...(out[k] ?? []), ...(Array.isArray(v) ? v : [v])];
    }
  }
  return out;
}

/** Keys sorted, values deduplicated and sorted; FAS maps may give a single string instead of an array. */
function sortedContext(context: Record<string, string[] | string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const k of Object.keys(context).sort()) {
    const v = context[k];
    out[k] = [...new Set(Array.isArray(v) ? v : [v])].sort();
  }
  return out;
}

/**
 * One permission per (action, resources, conditions, operation and FAS chain); calls merged. Permissions that
 * differ only in the operation that needs them stay apart so explanations name the right operation; the policy
 * stage folds identical statements together.
 */
function mergeDuplicates(permissions: Permission[]): Permission[] {
  const sortKey = (p: Permission): string =>
    `${p.action}\u0000${p.resources.join("\u0001")}\u0000${JSON.stringify(p.conditions)}\u0000` +
    `${p.provenance.operation.service}:${p.provenance.operation.operation}\u0000` +
    JSON.stringify(p.provenance.fasParents ?? []);
  const ordered = permissions
    .map((p, i) => ({ p, i, k: sortKey(p) }))
    .sort((a, b) =>
      compare(a.k, b.k) ||
      Number(a.p.provenance.source === "fas") - Number(b.p.provenance.source === "fas") ||
      a.i - b.i
    );
  const out: Permission[] = [];
  let last: { k: string; p: Permission } | undefined;
  for (const { p, k } of ordered) {
    if (last && last.k === k) {
      last.p.provenance.calls = mergeCalls(last.p.provenance.calls, p.provenance.calls);
      continue;
    }
    const copy: Permission = { ...p, provenance: { ...p.provenance, calls: [...p.provenance.calls] } };
    out.push(copy);
    last = { k, p: copy };
  }
  return out;
}

function mergeCalls(a: SdkCall[], b: SdkCall[]): SdkCall[] {
  return [...a, ...b.filter((c) => !a.includes(c))];
}

function sameKey(a: OperationKey, b: OperationKey): boolean {
  return a.service === b.service && a.operation === b.operation;
}

function compareKeys(a: OperationKey, b: OperationKey): number {
  return compare(a.service, b.service) || compare(a.operation, b.operation);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
