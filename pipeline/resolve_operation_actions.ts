/**
 * Applies source precedence to the staged action proposals and writes the answer the run-time reads:
 * `operation_actions`, `permissionless_operations` and `dropped_mappings`.
 *
 * Per (service, operation) of `operations`, in this order:
 * 1. curated actions (`staging_curated_actions`);
 * 2. permissionless: any `staging_permissionless` row (curated or iam-dataset) → no actions;
 * 3. service reference Operations (`staging_sr_actions`);
 * 4. iam-dataset map (`staging_map_actions`);
 * 5. same-name action: `<iam_prefix or service>:<Operation>` when iam_actions has it;
 * 6. documented permissions (`staging_doc_actions`, source `botocore-docs`): the actions an explicit permission
 *    statement of the operation's botocore documentation names (pipeline/sources/documented_permissions.ts),
 *    with the statement quoted as `source_detail`. Last, so it only fills operations nothing else maps and never
 *    adds to another source's answer.
 *
 * Then the pass-role rule (`pass_role.ts`) scopes and conditions `iam:PassRole`, the resource-template rule
 * (`resource_templates.ts`) fills a resource type's ARN the way `pipeline/curated/resource_templates.json` says
 * for every operation of its service (on the winning rows and on the additions), and curated additions
 * (`staging_curated_additions`, source `curated`, detail `addition: ...`) are appended to whatever won: they add
 * actions, usually conditional on a request member, and never replace. An operation nothing else maps gets no
 * additions (a policy of conditional actions alone would be wrong for calls that do not pass the member).
 *
 * Every action is rewritten to its canonical case from iam_actions (prefix and name matched
 * case-insensitively). An action iam_actions lacks is dropped into `dropped_mappings` with a warning; a
 * source left with no valid action for the operation gives way to the next source. Only sources that are
 * consulted are validated, so `dropped_mappings` lists what was removed from the answer, not every flaw of
 * lower-precedence sources.
 *
 * @module
 */
import { type Database, insertRows, queryAll, type Row } from "./sqlite.ts";
import type { BuildLog } from "./source_record.ts";
import { type PassRoleReport, PassRoleRule } from "./pass_role.ts";
import { type ResourceTemplateReport, ResourceTemplateRule } from "./resource_templates.ts";

/** Source names written to `operation_actions.source`, in precedence order. */
export const ACTION_SOURCES = [
  "curated",
  "service-reference",
  "iam-dataset",
  "same-name",
  "botocore-docs",
] as const;

/** One of {@link ACTION_SOURCES}. */
export type ActionSource = typeof ACTION_SOURCES[number];

/** What {@link resolveOperationActions} did. */
export interface ResolveReport {
  /** Operations considered (rows of `operations`). */
  operations: number;
  /** Operations with at least one action, per winning source. */
  bySource: Record<ActionSource, number>;
  /** Operations recorded as permissionless. */
  permissionless: number;
  /** Rows written to `operation_actions`. */
  actions: number;
  /** Actions dropped because iam_actions lacks them. */
  dropped: number;
  /** Operations needing permission that no source maps ("service.Operation", sorted). */
  unmapped: string[];
  /** Curated addition rows written, and the operations they reach. */
  additions: { operations: number; actions: number };
  /** What the pass-role rule did. */
  passRole: PassRoleReport;
  /** What the resource-template rule did. */
  resourceTemplates: ResourceTemplateReport;
}

interface Candidate {
  action: string;
  source_detail: string | null;
  resource_mappings: string;
  condition_mappings: string;
  context: string;
  applies_when: string | null;
}

type Staged = Map<string, Candidate[]>;

function stage(db: Database, sql: string): Staged {
  const out: Staged = new Map();
  for (const r of queryAll<Candidate & { service: string; operation: string }>(db, sql)) {
    const key = `${r.service}\u0000${r.operation}`;
    const list = out.get(key) ?? [];
    list.push({
      action: r.action,
      source_detail: r.source_detail ?? null,
      resource_mappings: r.resource_mappings ?? "{}",
      condition_mappings: r.condition_mappings ?? "{}",
      context: r.context ?? "{}",
      applies_when: r.applies_when ?? null,
    });
    out.set(key, list);
  }
  return out;
}

/**
 * Resolves every operation's actions (see the module comment for the precedence) and writes
 * operation_actions, permissionless_operations and dropped_mappings in (service, operation, seq) order.
 */
export function resolveOperationActions(db: Database, log: BuildLog): ResolveReport {
  const canonical = new Map<string, string>();
  for (
    const r of queryAll<{ prefix: string; action: string }>(db, "SELECT prefix, action FROM iam_actions")
  ) {
    canonical.set(`${r.prefix.toLowerCase()}:${r.action.toLowerCase()}`, `${r.prefix}:${r.action}`);
  }
  const canon = (action: string): string | undefined => canonical.get(action.trim().toLowerCase());

  const curated = stage(
    db,
    `SELECT service, operation, action, detail AS source_detail, resource_mappings, '{}' AS condition_mappings,
            context, applies_when
       FROM staging_curated_actions ORDER BY service, operation, seq`,
  );
  const hasAdditions = queryAll(
    db,
    "SELECT name FROM sqlite_temp_master WHERE name = 'staging_curated_additions'",
  ).length > 0;
  const additions = hasAdditions
    ? stage(
      db,
      `SELECT service, operation, action, 'addition: ' || detail AS source_detail, resource_mappings,
              '{}' AS condition_mappings, context, applies_when
         FROM staging_curated_additions ORDER BY service, operation, seq`,
    )
    : new Map() as Staged;
  const passRole = new PassRoleRule(db);
  const resourceTemplates = new ResourceTemplateRule(db);
  const sr = stage(
    db,
    `SELECT service, operation, action, detail AS source_detail, '{}' AS resource_mappings,
            '{}' AS condition_mappings, context, NULL AS applies_when
       FROM staging_sr_actions ORDER BY service, operation, seq`,
  );
  const map = stage(
    db,
    `SELECT service, operation, action, detail AS source_detail, resource_mappings, condition_mappings,
            '{}' AS context, applies_when
       FROM staging_map_actions ORDER BY service, operation, seq`,
  );
  // Optional like the additions: a test may stage only the tables it is about.
  const hasDocs = queryAll(
    db,
    "SELECT name FROM sqlite_temp_master WHERE name = 'staging_doc_actions'",
  ).length > 0;
  // No resource mappings, as for same-name ({}): the statement names actions, not which request member holds
  // the resource, so the policy gets the action's ARN formats with their placeholders as wildcards.
  const docs = hasDocs
    ? stage(
      db,
      `SELECT service, operation, action, detail AS source_detail, '{}' AS resource_mappings,
              '{}' AS condition_mappings, '{}' AS context, NULL AS applies_when
         FROM staging_doc_actions ORDER BY service, operation, seq`,
    )
    : new Map() as Staged;
  const permissionless = new Map<string, string>();
  for (
    const r of queryAll<{ service: string; operation: string; source: string }>(
      db,
      `SELECT service, operation, source FROM staging_permissionless
        ORDER BY service, operation, CASE source WHEN 'curated' THEN 0 ELSE 1 END, source`,
    )
  ) {
    const key = `${r.service}\u0000${r.operation}`;
    if (!permissionless.has(key)) permissionless.set(key, r.source);
  }

  const operations = queryAll<{ service: string; operation: string; prefix: string }>(
    db,
    `SELECT o.service, o.operation, COALESCE(s.iam_prefix, o.service) AS prefix
       FROM operations o LEFT JOIN services s ON s.service = o.service
      ORDER BY o.service, o.operation`,
  );

  const report: ResolveReport = {
    operations: operations.length,
    bySource: { "curated": 0, "service-reference": 0, "iam-dataset": 0, "same-name": 0, "botocore-docs": 0 },
    permissionless: 0,
    actions: 0,
    dropped: 0,
    unmapped: [],
    additions: { operations: 0, actions: 0 },
    passRole: passRole.report,
    resourceTemplates: resourceTemplates.report,
  };
  const actionRows: Row[] = [];
  const permissionlessRows: Row[] = [];
  const droppedRows: Row[] = [];
  const droppedKeys = new Set<string>();

  const validate = (
    service: string,
    operation: string,
    source: ActionSource,
    candidates: Candidate[] | undefined,
  ): Candidate[] => {
    const valid: Candidate[] = [];
    const seen = new Set<string>();
    for (const c of candidates ?? []) {
      const action = canon(c.action);
      if (!action) {
        const droppedKey = `${service}\u0000${operation}\u0000${c.action}\u0000${source}`;
        if (droppedKeys.has(droppedKey)) continue;
        droppedKeys.add(droppedKey);
        droppedRows.push({
          service,
          operation,
          action: c.action,
          source,
          reason: `not in the Service Authorization Reference (iam_actions)` +
            (c.source_detail ? `; from ${c.source_detail}` : ""),
        });
        log.warn(
          `${source}: ${service}.${operation} maps to ${c.action}, which IAM does not define; dropped`,
        );
        continue;
      }
      const dedupe = `${action}\u0000${c.applies_when ?? ""}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      valid.push({ ...c, action });
    }
    return valid;
  };

  for (const { service, operation, prefix } of operations) {
    const key = `${service}\u0000${operation}`;
    let chosen: Candidate[] = [];
    let source: ActionSource | undefined;

    chosen = validate(service, operation, "curated", curated.get(key));
    if (chosen.length) source = "curated";
    if (!source && permissionless.has(key)) {
      permissionlessRows.push({ service, operation, source: permissionless.get(key) });
      report.permissionless++;
      continue;
    }
    if (!source) {
      chosen = validate(service, operation, "service-reference", sr.get(key));
      if (chosen.length) source = "service-reference";
    }
    if (!source) {
      chosen = validate(service, operation, "iam-dataset", map.get(key));
      if (chosen.length) source = "iam-dataset";
    }
    if (!source) {
      const action = canon(`${prefix}:${operation}`);
      if (action) {
        source = "same-name";
        chosen = [{
          action,
          source_detail: null,
          resource_mappings: "{}",
          condition_mappings: "{}",
          context: "{}",
          applies_when: null,
        }];
      }
    }
    if (!source) {
      chosen = validate(service, operation, "botocore-docs", docs.get(key));
      if (chosen.length) source = "botocore-docs";
    }
    if (!source) {
      if (additions.has(key)) {
        log.warn(
          `curated: additions for ${service}.${operation} skipped: no source maps the operation itself`,
        );
      }
      report.unmapped.push(`${service}.${operation}`);
      continue;
    }
    report.bySource[source]++;
    chosen = resourceTemplates.apply(
      service,
      operation,
      passRole.apply(service, operation, chosen),
      source === "curated",
    );
    // The rule runs on the additions before they are compared with the winning rows, so an addition equal
    // to a winning row once both are scoped is recognised as the same grant.
    const added = resourceTemplates.apply(
      service,
      operation,
      validate(service, operation, "curated", additions.get(key)),
      true,
    ).filter((a) =>
      !chosen.some((c) =>
        c.action === a.action && c.resource_mappings === a.resource_mappings &&
        (c.applies_when === null || c.applies_when === a.applies_when)
      )
    );
    if (added.length > 0) {
      report.additions.operations++;
      report.additions.actions += added.length;
    }
    [...chosen.map((c) => ({ c, from: source! })), ...added.map((c) => ({ c, from: "curated" as const }))]
      .forEach(({ c, from }, seq) => {
        actionRows.push({
          service,
          operation,
          seq,
          action: c.action,
          source: from,
          source_detail: c.source_detail,
          resource_mappings: c.resource_mappings,
          condition_mappings: c.condition_mappings,
          context: c.context,
          applies_when: c.applies_when,
        });
      });
  }

  report.actions = insertRows(db, "operation_actions", actionRows);
  insertRows(db, "permissionless_operations", permissionlessRows);
  report.dropped = insertRows(db, "dropped_mappings", droppedRows);
  return report;
}
