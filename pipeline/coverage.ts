/**
 * Coverage of a built knowledge database: how many SDK operations resolve to IAM actions, from which
 * source, what was dropped, and (given the previous build) what changed.
 *
 * @module
 */
import { type Database, queryAll, type SqlValue } from "./sqlite.ts";

/** Added and removed names between two builds (sorted). */
export interface Difference {
  /** Present now, absent before. */
  added: string[];
  /** Present before, absent now. */
  removed: string[];
}

/** A dropped action, as listed in the report. */
export interface DroppedAction {
  /** "service.Operation". */
  operation: string;
  /** The action as the source wrote it. */
  action: string;
  /** Which source proposed it. */
  source: string;
  /** Why it was dropped. */
  reason: string;
}

/** Figures computed by {@link coverageReport}. */
export interface CoverageReport {
  /** SDK services (botocore). */
  services: number;
  /** SDK operations. */
  operations: number;
  /** Operations that are not permissionless. */
  operationsNeedingPermission: number;
  /** Operations with at least one IAM action. */
  mappedOperations: number;
  /** mappedOperations / operationsNeedingPermission, in percent with 2 decimals. */
  sharePercent: number;
  /** Operations resolved by each source (curated, service-reference, iam-dataset, same-name, botocore-docs). */
  bySource: Record<string, number>;
  /** Actions dropped because IAM does not define them. */
  dropped: { count: number; list: DroppedAction[] };
  /** Operations needing no permission. */
  permissionless: number;
  /** IAM service prefixes known. */
  iamServices: number;
  /** IAM actions known. */
  iamActions: number;
  /** Operations needing permission with no action ("service.Operation", sorted). */
  unmapped: string[];
  /** Action rows with a request predicate (applies_when), and the operations having one. */
  conditional: { actions: number; operations: number };
  /** Curated additions (pipeline/curated/additions.json) written: rows and operations. */
  curatedAdditions: { actions: number; operations: number };
  /**
   * iam:PassRole: operations needing it, those scoped to a request member (pass-role rule), those where it is
   * conditional on the member, and those with an iam:PassedToService condition.
   */
  passRole: { operations: number; scoped: number; conditional: number; passedToService: number };
  /** Changes against the previous build, when one was given. */
  difference?: { services: Difference; operations: Difference; actions: Difference };
}

function count(db: Database, sql: string): number {
  return Number(queryAll<{ n: SqlValue }>(db, sql)[0]?.n ?? 0);
}

function names(db: Database, sql: string): Set<string> {
  try {
    return new Set(queryAll<{ name: string }>(db, sql).map((r) => String(r.name)));
  } catch {
    return new Set(); // an older database without this table: everything counts as added
  }
}

function diff(now: Set<string>, before: Set<string>): Difference {
  return {
    added: [...now].filter((n) => !before.has(n)).sort(),
    removed: [...before].filter((n) => !now.has(n)).sort(),
  };
}

const SERVICES_SQL = "SELECT service AS name FROM services";
const OPERATIONS_SQL = "SELECT service || '.' || operation AS name FROM operations";
const ACTIONS_SQL = "SELECT DISTINCT action AS name FROM operation_actions";

/** Computes the coverage of `db`, and its difference from `previous` when given. */
export function coverageReport(db: Database, previous?: Database): CoverageReport {
  const operations = count(db, "SELECT COUNT(*) AS n FROM operations");
  const permissionless = count(
    db,
    `SELECT COUNT(*) AS n FROM permissionless_operations p
      WHERE EXISTS (SELECT 1 FROM operations o WHERE o.service = p.service AND o.operation = p.operation)`,
  );
  const needing = operations - permissionless;
  const mapped = count(
    db,
    `SELECT COUNT(*) AS n FROM (SELECT DISTINCT a.service, a.operation FROM operation_actions a
       JOIN operations o ON o.service = a.service AND o.operation = a.operation)`,
  );
  const bySource: Record<string, number> = {};
  // The winning source is the source of the first row (seq 0); curated additions follow it.
  for (
    const r of queryAll<{ source: string; n: number }>(
      db,
      `SELECT source, COUNT(*) AS n FROM operation_actions WHERE seq = 0 GROUP BY source ORDER BY source`,
    )
  ) bySource[r.source] = Number(r.n);
  const pair = (where: string) => ({
    actions: count(db, `SELECT COUNT(*) AS n FROM operation_actions WHERE ${where}`),
    operations: count(
      db,
      `SELECT COUNT(*) AS n FROM (SELECT DISTINCT service, operation FROM operation_actions WHERE ${where})`,
    ),
  });
  const passRoleOps = (where: string) =>
    count(
      db,
      `SELECT COUNT(*) AS n FROM (SELECT DISTINCT service, operation FROM operation_actions
        WHERE action = 'iam:PassRole' AND ${where})`,
    );
  const dropped = queryAll<
    { service: string; operation: string; action: string; source: string; reason: string }
  >(
    db,
    "SELECT service, operation, action, source, reason FROM dropped_mappings ORDER BY service, operation, action, source",
  ).map((r) => ({
    operation: `${r.service}.${r.operation}`,
    action: r.action,
    source: r.source,
    reason: r.reason,
  }));
  const unmapped = queryAll<{ name: string }>(
    db,
    `SELECT o.service || '.' || o.operation AS name FROM operations o
      WHERE NOT EXISTS (SELECT 1 FROM operation_actions a WHERE a.service = o.service AND a.operation = o.operation)
        AND NOT EXISTS (SELECT 1 FROM permissionless_operations p
                         WHERE p.service = o.service AND p.operation = o.operation)`,
  ).map((r) => r.name).sort();

  const report: CoverageReport = {
    services: count(db, "SELECT COUNT(*) AS n FROM services"),
    operations,
    operationsNeedingPermission: needing,
    mappedOperations: mapped,
    sharePercent: needing === 0 ? 0 : Math.round((mapped / needing) * 10000) / 100,
    bySource,
    dropped: { count: dropped.length, list: dropped },
    permissionless,
    iamServices: count(db, "SELECT COUNT(*) AS n FROM iam_services"),
    iamActions: count(db, "SELECT COUNT(*) AS n FROM iam_actions"),
    unmapped,
    conditional: pair("applies_when IS NOT NULL"),
    curatedAdditions: pair("source = 'curated' AND source_detail LIKE 'addition: %'"),
    passRole: {
      operations: passRoleOps("1"),
      scoped: passRoleOps("resource_mappings LIKE '%\"role\":%'"),
      conditional: passRoleOps("applies_when IS NOT NULL"),
      passedToService: passRoleOps("context LIKE '%iam:PassedToService%'"),
    },
  };
  if (previous) {
    report.difference = {
      services: diff(names(db, SERVICES_SQL), names(previous, SERVICES_SQL)),
      operations: diff(names(db, OPERATIONS_SQL), names(previous, OPERATIONS_SQL)),
      actions: diff(names(db, ACTIONS_SQL), names(previous, ACTIONS_SQL)),
    };
  }
  return report;
}

function list(title: string, items: string[], limit: number): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, limit).map((i) => `    ${i}`);
  if (items.length > limit) shown.push(`    ... and ${items.length - limit} more`);
  return [`  ${title} (${items.length}):`, ...shown];
}

/** Renders a {@link CoverageReport} for people (build output); lists are cut after `limit` items. */
export function formatCoverage(report: CoverageReport, limit = 20): string {
  const lines = [
    `Services: ${report.services}  Operations: ${report.operations}  IAM services: ${report.iamServices}  ` +
    `IAM actions: ${report.iamActions}`,
    `Operations needing permission: ${report.operationsNeedingPermission} ` +
    `(permissionless: ${report.permissionless})`,
    `Mapped: ${report.mappedOperations} (${report.sharePercent.toFixed(2)}%)`,
    `By source: ${Object.entries(report.bySource).map(([s, n]) => `${s} ${n}`).join(", ") || "none"}`,
    `Conditional actions (applies_when): ${report.conditional.actions} in ${report.conditional.operations} operations; ` +
    `curated additions: ${report.curatedAdditions.actions} in ${report.curatedAdditions.operations} operations`,
    `iam:PassRole: ${report.passRole.operations} operations, scoped to the request's role ${report.passRole.scoped}, ` +
    `conditional ${report.passRole.conditional}, with iam:PassedToService ${report.passRole.passedToService}`,
    `Dropped actions (not in IAM): ${report.dropped.count}`,
    ...report.dropped.list.slice(0, limit).map((d) => `    ${d.operation} -> ${d.action} (${d.source})`),
    ...(report.dropped.count > limit ? [`    ... and ${report.dropped.count - limit} more`] : []),
    `Unmapped operations: ${report.unmapped.length}`,
    ...report.unmapped.slice(0, limit).map((u) => `    ${u}`),
    ...(report.unmapped.length > limit ? [`    ... and ${report.unmapped.length - limit} more`] : []),
  ];
  if (report.difference) {
    lines.push("Changes since the previous build:");
    for (const [what, d] of Object.entries(report.difference)) {
      if (d.added.length === 0 && d.removed.length === 0) {
        lines.push(`  ${what}: no change`);
        continue;
      }
      lines.push(...list(`${what} added`, d.added, limit), ...list(`${what} removed`, d.removed, limit));
    }
  }
  return lines.join("\n");
}
