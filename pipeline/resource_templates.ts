/**
 * The resource-template rule: fills a resource type's ARN from a request member the same way for every
 * operation of a service, from the curated `pipeline/curated/resource_templates.json` (staged per operation by
 * `pipeline/sources/curated.ts` in `staging_resource_templates`) rather than one correction per operation.
 *
 * Why a rule: the sources map resources per operation, and get a whole service's ARN convention wrong the same
 * way everywhere. Secrets Manager appends `-` and six random characters to a secret's name in its ARN, so the
 * iam-dataset's `${SecretId}` filled with a name (`secret:prod/db`) matches no secret (the call is denied), and
 * operations with no mapping grant every secret (`secret:*`).
 *
 * For each row of an operation the rule reaches whose IAM action has the rule's resource type (Service
 * Authorization Reference, `iam_action_resources`), every mapping key addressing that type (its ARN
 * placeholders and the type's own name, `targets`) is replaced by the rule's mappings. A row from a curated
 * correction or addition that already maps the type keeps its mapping: that entry is evidence about this one
 * operation and wins over the service-wide rule. Other rows and other resource types are left alone.
 *
 * @module
 */
import { canonicalJson, type Database, queryAll } from "./sqlite.ts";
import type { RuleCandidate } from "./pass_role.ts";

/** What the rule did, for the resolver's report. */
export interface ResourceTemplateReport {
  /** Operations with at least one row whose mappings the rule set. */
  operations: number;
  /** Rows whose mappings the rule set. */
  actions: number;
  /** Rows left as a curated entry mapped them. */
  keptCurated: number;
}

/** One staged rule for one operation. */
interface StagedTemplate {
  /** `prefix:ResourceType`, as `iam_action_resources` names it. */
  type: string;
  resourceType: string;
  member: string;
  mappings: Record<string, string>;
  /** Mapping keys addressing the type, lower case (sources spell placeholders in any case). */
  targets: Set<string>;
  detail: string;
}

/** Loads the staged rules and the action → resource types index; {@linkcode ResourceTemplateRule.apply} runs it. */
export class ResourceTemplateRule {
  readonly report: ResourceTemplateReport = { operations: 0, actions: 0, keptCurated: 0 };
  private readonly templates = new Map<string, StagedTemplate[]>();
  /** Canonical `prefix:Action` -> its resource types as `prefix:ResourceType`. */
  private readonly typesOf = new Map<string, Set<string>>();
  private readonly reached = new Set<string>();

  constructor(db: Database) {
    // Optional like the other staged curated tables: a test may stage only what it is about.
    const staged = queryAll(
      db,
      "SELECT name FROM sqlite_temp_master WHERE name = 'staging_resource_templates'",
    ).length > 0;
    if (!staged) return;
    for (
      const r of queryAll<{
        service: string;
        operation: string;
        prefix: string;
        resource_type: string;
        member: string;
        resource_mappings: string;
        targets: string;
        detail: string;
      }>(
        db,
        `SELECT service, operation, prefix, resource_type, member, resource_mappings, targets, detail
           FROM staging_resource_templates ORDER BY service, operation, prefix, resource_type`,
      )
    ) {
      const key = `${r.service}\u0000${r.operation}`;
      const list = this.templates.get(key) ?? [];
      list.push({
        type: `${r.prefix}:${r.resource_type}`,
        resourceType: r.resource_type,
        member: r.member,
        mappings: JSON.parse(r.resource_mappings),
        targets: new Set((JSON.parse(r.targets) as string[]).map((t) => t.toLowerCase())),
        detail: r.detail,
      });
      this.templates.set(key, list);
    }
    if (this.templates.size === 0) return;
    for (
      const r of queryAll<{ action: string; type: string }>(
        db,
        `SELECT prefix || ':' || action AS action, prefix || ':' || resource_type AS type
           FROM iam_action_resources`,
      )
    ) {
      const set = this.typesOf.get(r.action) ?? new Set<string>();
      set.add(r.type);
      this.typesOf.set(r.action, set);
    }
  }

  /**
   * The operation's rows with the rule's mappings on every action having the rule's resource type. `curated`
   * says the rows come from a curated correction or addition (their explicit mapping of the type is kept).
   */
  apply(service: string, operation: string, rows: RuleCandidate[], curated: boolean): RuleCandidate[] {
    const key = `${service}\u0000${operation}`;
    const templates = this.templates.get(key);
    if (!templates) return rows;
    return rows.map((row) => {
      let out = row;
      for (const t of templates) {
        if (!this.typesOf.get(out.action)?.has(t.type)) continue;
        const mappings = JSON.parse(out.resource_mappings) as Record<string, unknown>;
        const addressing = Object.keys(mappings).filter((k) => t.targets.has(k.toLowerCase()));
        if (curated && addressing.length > 0) {
          this.report.keptCurated++;
          continue;
        }
        for (const k of addressing) delete mappings[k];
        Object.assign(mappings, t.mappings);
        out = {
          ...out,
          resource_mappings: canonicalJson(mappings),
          source_detail: [
            out.source_detail,
            `resource ${t.resourceType} from request member ${t.member} (resource template: ${t.detail})`,
          ].filter(Boolean).join("; "),
        };
        this.report.actions++;
        if (!this.reached.has(key)) {
          this.reached.add(key);
          this.report.operations++;
        }
      }
      return out;
    });
  }
}
