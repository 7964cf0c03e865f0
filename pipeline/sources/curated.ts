/**
 * The project's own curated knowledge (`pipeline/curated/*.json`, schema in `pipeline/curated/README.md`):
 * service renames and aliases, Forward Access Session additions, SDK utilities and library models,
 * resource overrides, and operation corrections. Every file is validated against our schema and every
 * service, operation and action against the tables the botocore and IAM steps already filled, so a typo
 * fails the build instead of shipping.
 *
 * Runs after the botocore and IAM data steps, on a database created with `pipeline/staging.sql`.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { canonicalJson, type Database, insertRows, queryAll, type Row, SourceError } from "../sqlite.ts";
import type { BuildLog, SourceRecord } from "../source_record.ts";
import type { z } from "zod";
import { CURATED_SCHEMAS, validateCurated } from "./curated_schema.ts";

const SOURCE = "curated";
/** ARN placeholders filled from the run's context (lower case), never from a request member. */
const CONTEXT_PLACEHOLDERS: readonly string[] = ["partition", "region", "account"];
const FIX = "fix the entry (schema: pipeline/curated/README.md)";

/** The curated files, in the order they are read. Every one must exist. */
export const CURATED_FILES: readonly string[] = [
  "service_renames.json",
  "service_aliases.json",
  "fas_additions.json",
  "sdk_utilities.json",
  "library_models.json",
  "resource_overrides.json",
  "corrections.json",
];

/**
 * Curated files that may be absent (read as no entries): newer kinds, so an older curated folder or a test
 * fixture without them still builds.
 */
export const OPTIONAL_CURATED_FILES: readonly string[] = [
  "additions.json",
  "pass_role.json",
  "resource_templates.json",
];

/** `pipeline/curated`, next to this module's folder. */
export function defaultCuratedDir(): string {
  return fileURLToPath(new URL("../curated", import.meta.url));
}

/** botocore service -> IAM prefix. */
export interface ServiceRename {
  service: string;
  iam_prefix: string;
  source: string;
  note?: string;
}

/** SDK / smithy name -> botocore service. */
export interface ServiceAlias {
  alias: string;
  service: string;
  kind: string;
  source: string;
  note?: string;
}

/** One operation a Forward Access Session adds. */
export interface FasAdd {
  service: string;
  operation: string;
  /** Condition key -> values (templates with `${region}`). */
  context: Record<string, string[]>;
}

/** Calling (service, operation) also calls each of `adds` with the caller's credentials. */
export interface FasAddition {
  service: string;
  operation: string;
  adds: FasAdd[];
  source: string;
  note?: string;
}

/** What a utility call leads to: an SDK operation, or an IAM action with no SDK operation. */
export interface UtilityCall {
  service?: string;
  operation?: string;
  action?: string;
  /** Utility arguments that must be given before this call is assumed; absent = always. */
  required_params?: string[];
}

/** A utility method or library call pattern (sdk_utilities.json and library_models.json). */
export interface SdkUtility {
  language: string;
  module: string;
  receiver: string;
  method: string;
  calls: UtilityCall[];
  source: string;
  note?: string;
}

/** An action's resource type whose ARN is replaced. */
export interface ResourceOverride {
  action: string;
  resource_type: string;
  replacement: string;
  source: string;
  note?: string;
}

/** A request predicate: the action is needed only when `lhs` (a top-level input member) is (not) given. */
export interface CuratedPredicate {
  lhs: string;
  op: "Exists" | "NotExists" | "Equals" | "NotEquals" | "Contains";
  /** The value `Equals` / `NotEquals` compare with (an absent member equals nothing), or `Contains` looks for. */
  rhs?: string;
}

/** One action of a correction or an addition. */
export interface CorrectionAction {
  action: string;
  /** ARN placeholder -> request template, e.g. {"BucketName": "${Bucket}"}. */
  resource_mappings?: Record<string, string>;
  /** Condition key -> values always true for this action. */
  context?: Record<string, string[]>;
  /** Needed only when the request member exists / does not exist; absent = always. */
  applies_when?: CuratedPredicate;
}

/**
 * Actions added to what the winning source maps for an operation (never replacing it). `operation: "*"`
 * applies the entry to every operation of the service whose input has the member named by each action's
 * `applies_when` (which is then required, with op `Exists`); `${Operation}` in a context value is replaced
 * by the operation name.
 */
export interface Addition {
  service: string;
  operation: string;
  actions: CorrectionAction[];
  source: string;
  note?: string;
}

/** The service principal a role is passed to (`iam:PassedToService`) by operations of a service. */
export interface PassRoleService {
  service: string;
  /** Operations this applies to; absent = every operation of the service that passes a role. */
  operations?: string[];
  passed_to_service: string;
  source: string;
  note?: string;
}

/** The mappings a resource template fills a resource type's ARN with when an operation's input has `member`. */
export interface ResourceTemplateMember {
  /** A top-level input member naming the resource (secretsmanager `SecretId`, `Name`). */
  member: string;
  /**
   * ARN placeholder (or the resource type's name, for a whole ARN) -> request template reading only `member`,
   * e.g. {"SecretId": "${Name}-??????"}.
   */
  resource_mappings: Record<string, string>;
}

/**
 * A per-service rule (resource_templates.json): every action on `resource_type` of every operation of `service`
 * whose input has one of `members` (the first listed it has) fills the resource type's ARN through that
 * member's mappings, replacing what the winning source maps for the type (unless a curated correction or
 * addition maps it explicitly). `except_operations` are left as the sources map them.
 */
export interface ResourceTemplate {
  service: string;
  /** A resource type of the service's IAM prefix, as the Service Authorization Reference spells it. */
  resource_type: string;
  members: ResourceTemplateMember[];
  except_operations?: string[];
  source: string;
  note?: string;
}

/** Operation -> actions (replacing every other source), or an operation needing no permission. */
export interface Correction {
  service: string;
  operation: string;
  permissionless?: true;
  actions?: CorrectionAction[];
  source: string;
  note?: string;
}

/** Everything read from a curated directory, validated against the schema (not yet against the database). */
export interface CuratedData {
  renames: ServiceRename[];
  aliases: ServiceAlias[];
  fas: FasAddition[];
  utilities: SdkUtility[];
  libraries: SdkUtility[];
  overrides: ResourceOverride[];
  corrections: Correction[];
  additions: Addition[];
  passRole: PassRoleService[];
  resourceTemplates: ResourceTemplate[];
  /** File name -> sha256 of its bytes and its entry count. */
  files: Record<string, { sha256: string; entries: number }>;
}

// ---------------------------------------------------------------------------------------------------------
// Schema validation

type Json = unknown;

class At {
  constructor(readonly file: string, readonly path: string) {}
  child(key: string | number): At {
    return new At(this.file, typeof key === "number" ? `${this.path}[${key}]` : `${this.path}.${key}`);
  }
  fail(message: string): never {
    throw new SourceError(SOURCE, `${this.file} ${this.path}`, `${message}; ${FIX}`);
  }
}

/** `value` checked against `schema`; the first problem fails the build naming file, entry and key. */
function validated<T>(schema: z.ZodType<T>, value: Json, file: string, base: string): T {
  const result = validateCurated(schema, value, base);
  if (result.problem) {
    throw new SourceError(SOURCE, `${file} ${result.problem.path}`, `${result.problem.message}; ${FIX}`);
  }
  return result.value;
}

async function readEntries(
  dir: string,
  file: string,
): Promise<{ entries: Json[]; sha256: string } | undefined> {
  const path = join(dir, file);
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (error) {
    if (OPTIONAL_CURATED_FILES.includes(file) && error instanceof Deno.errors.NotFound) return undefined;
    throw new SourceError(
      SOURCE,
      path,
      `cannot read the curated file (${(error as Error).message}); every file of ${
        CURATED_FILES.join(", ")
      } must exist (an empty one is {"description": "...", "entries": []})`,
      { cause: error },
    );
  }
  let json: Json;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new SourceError(SOURCE, path, `invalid JSON (${(error as Error).message}); fix the syntax`, {
      cause: error,
    });
  }
  const top = validated(CURATED_SCHEMAS.file, json, file, "(top level)");
  return { entries: top.entries, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** Reads and schema-validates every curated file in `dir`. Throws `SourceError` naming file and entry. */
export async function readCurated(dir: string): Promise<CuratedData> {
  const files: CuratedData["files"] = {};
  async function load<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
    const read = await readEntries(dir, file);
    if (!read) return [];
    const { entries, sha256 } = read;
    files[file] = { sha256, entries: entries.length };
    return entries.map((entry, i) => validated(schema, entry, file, `entries[${i}]`));
  }
  return {
    renames: await load("service_renames.json", CURATED_SCHEMAS.rename),
    aliases: await load("service_aliases.json", CURATED_SCHEMAS.alias),
    fas: await load("fas_additions.json", CURATED_SCHEMAS.fas),
    utilities: await load("sdk_utilities.json", CURATED_SCHEMAS.utility),
    libraries: await load("library_models.json", CURATED_SCHEMAS.utility),
    overrides: await load("resource_overrides.json", CURATED_SCHEMAS.override),
    corrections: await load("corrections.json", CURATED_SCHEMAS.correction),
    additions: await load("additions.json", CURATED_SCHEMAS.addition),
    passRole: await load("pass_role.json", CURATED_SCHEMAS.passRole),
    resourceTemplates: await load("resource_templates.json", CURATED_SCHEMAS.resourceTemplate),
    files,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Validation against the database and writing

/** What the earlier steps put in the database, for name checks. */
class Known {
  readonly services = new Map<string, { signing_name: string | null }>();
  readonly operations = new Set<string>();
  readonly iamPrefixes = new Set<string>();
  /** `prefix:actionlower` -> canonical `prefix:Action`. */
  readonly actions = new Map<string, string>();
  readonly resourceTypes = new Set<string>();
  /** `service\0operation` -> top-level input members. */
  readonly members = new Map<string, Set<string>>();
  /** Canonical `prefix:Action` -> condition keys of the action, its resource types and their ARNs. */
  private conditionKeys?: Map<string, Set<string>>;

  constructor(private readonly db: Database) {
    for (
      const row of queryAll<{ service: string; signing_name: string | null }>(
        db,
        "SELECT service, signing_name FROM services",
      )
    ) this.services.set(row.service, { signing_name: row.signing_name });
    for (
      const row of queryAll<{ service: string; operation: string }>(
        db,
        "SELECT service, operation FROM operations",
      )
    ) {
      this.operations.add(`${row.service}\0${row.operation}`);
    }
    for (const row of queryAll<{ prefix: string }>(db, "SELECT prefix FROM iam_services")) {
      this.iamPrefixes.add(row.prefix);
    }
    for (
      const row of queryAll<{ prefix: string; action: string }>(db, "SELECT prefix, action FROM iam_actions")
    ) {
      this.actions.set(`${row.prefix}:${row.action.toLowerCase()}`, `${row.prefix}:${row.action}`);
    }
    for (
      const row of queryAll<{ prefix: string; resource_type: string }>(
        db,
        "SELECT prefix, resource_type FROM iam_resource_types",
      )
    ) this.resourceTypes.add(`${row.prefix}:${row.resource_type}`);
    for (
      const row of queryAll<{ service: string; operation: string; member: string }>(
        db,
        "SELECT service, operation, member FROM operation_members",
      )
    ) {
      const key = `${row.service}\0${row.operation}`;
      const set = this.members.get(key) ?? new Set<string>();
      set.add(row.member);
      this.members.set(key, set);
    }
  }

  /** Fails unless `member` is a top-level input member of the operation. */
  member(service: string, operation: string, member: string, at: At): void {
    if (!this.members.get(`${service}\0${operation}`)?.has(member)) {
      at.fail(`"${member}" is not a top-level input member of ${service} ${operation} (botocore model)`);
    }
  }

  /** Fails unless `key` is a condition key of the action (global aws: keys always are). */
  conditionKey(action: string, key: string, at: At): void {
    if (this.actions.size === 0 || key.toLowerCase().startsWith("aws:")) return;
    if (!this.conditionKeys) {
      this.conditionKeys = new Map();
      const add = (action: string, keys: string) => {
        const set = this.conditionKeys!.get(action) ?? new Set<string>();
        for (const k of JSON.parse(keys) as string[]) set.add(k.toLowerCase());
        this.conditionKeys!.set(action, set);
      };
      for (
        const r of queryAll<{ a: string; keys: string }>(
          this.db,
          `SELECT prefix || ':' || action AS a, condition_keys AS keys FROM iam_actions
           UNION ALL SELECT prefix || ':' || action, condition_keys FROM iam_action_resources
           UNION ALL SELECT ar.prefix || ':' || ar.action, rt.condition_keys FROM iam_action_resources ar
             JOIN iam_resource_types rt ON rt.prefix = ar.prefix AND rt.resource_type = ar.resource_type`,
        )
      ) add(r.a, r.keys);
    }
    if (!this.conditionKeys.get(action)?.has(key.toLowerCase())) {
      at.fail(`"${key}" is not a condition key of ${action} (Service Authorization Reference)`);
    }
  }

  service(service: string, at: At): void {
    if (!this.services.has(service)) {
      at.fail(`unknown botocore service "${service}" (not in the services table built from botocore)`);
    }
  }

  operation(service: string, operation: string, at: At): void {
    this.service(service, at);
    if (!this.operations.has(`${service}\0${operation}`)) {
      at.fail(`unknown operation "${operation}" of botocore service "${service}"`);
    }
  }

  /**
   * The mapping keys that address a resource type (`prefix:type`): the request placeholders of its ARN formats
   * (not `${Partition}`, `${Region}`, `${Account}`) and the type's own name (a mapping with a whole ARN), as
   * the Service Authorization Reference spells them. Fails on an unknown type, and on a placeholder another
   * type of the prefix shares: a mapping is per action, not per type, so it would fill that type's ARN too.
   */
  resourceTypeKeys(prefix: string, resourceType: string, at: At): string[] {
    const formats = new Map<string, string[]>();
    for (
      const r of queryAll<{ resource_type: string; arn_formats: string }>(
        this.db,
        "SELECT resource_type, arn_formats FROM iam_resource_types WHERE prefix = ? ORDER BY resource_type",
        [prefix],
      )
    ) formats.set(r.resource_type, JSON.parse(r.arn_formats) as string[]);
    const own = formats.get(resourceType);
    if (!own) at.fail(`unknown resource type "${resourceType}" of IAM service "${prefix}"`);
    const placeholders = (arns: string[]) =>
      arns.flatMap((arn) => [...arn.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]))
        .filter((p) => !CONTEXT_PLACEHOLDERS.includes(p.toLowerCase()));
    const keys = [...new Set(placeholders(own))];
    for (const [other, arns] of formats) {
      if (other === resourceType) continue;
      const shared = placeholders(arns).find((p) => keys.some((k) => k.toLowerCase() === p.toLowerCase()));
      if (shared) {
        at.fail(
          `placeholder \${${shared}} of "${resourceType}" is also in resource type "${other}" of "${prefix}"`,
        );
      }
    }
    return [...keys, resourceType];
  }

  /** Canonical-case action; an unknown one fails when IAM data is loaded. */
  action(action: string, at: At): string {
    if (this.actions.size === 0) return action;
    const [prefix, name] = splitAction(action);
    const canonical = this.actions.get(`${prefix}:${name.toLowerCase()}`);
    if (!canonical) {
      at.fail(`unknown IAM action "${action}" (not in the Service Authorization Reference data)`);
    }
    return canonical;
  }
}

/** Checks an action's predicate member and context keys against the botocore model and IAM data. */
function checkAction(
  known: Known,
  service: string,
  operation: string,
  action: string,
  a: CorrectionAction,
  at: At,
): void {
  if (a.applies_when) known.member(service, operation, a.applies_when.lhs, at.child("applies_when"));
  for (const key of Object.keys(a.context ?? {})) {
    known.conditionKey(action, key, at.child("context").child(key));
  }
}

function splitAction(action: string): [string, string] {
  const i = action.indexOf(":");
  return [action.slice(0, i), action.slice(i + 1)];
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortRows(rows: Row[], keys: string[]): Row[] {
  return rows.sort((x, y) => {
    for (const key of keys) {
      const c = compare(x[key] as string | number, y[key] as string | number);
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** Fails on a repeated key, naming both entries. */
class Unique {
  private readonly seen = new Map<string, string>();
  constructor(readonly what: string) {}
  add(key: string, at: At): void {
    const previous = this.seen.get(key);
    if (previous) at.fail(`duplicate ${this.what} (already given at ${previous})`);
    this.seen.set(key, at.path);
  }
}

function hasColumn(db: Database, table: string, column: string): boolean {
  return queryAll<{ name: string }>(db, `PRAGMA table_info(${table})`).some((row) => row.name === column);
}

function requireTable(db: Database, table: string): void {
  const found = queryAll(
    db,
    "SELECT name FROM sqlite_temp_master WHERE name = ? UNION SELECT name FROM sqlite_master WHERE name = ?",
    [
      table,
      table,
    ],
  );
  if (found.length === 0) {
    throw new SourceError(
      SOURCE,
      table,
      "staging table missing: create the build database with createDatabase(<pipeline/staging.sql>) before the curated step",
    );
  }
}

/**
 * Validates the curated files in `dir` and writes them: services.iam_prefix, service_aliases (plus automatic
 * dash-less aliases), fas_additions, sdk_utilities (library models too), resource_overrides,
 * staging_curated_actions, staging_permissionless, the staged additions, pass-role principals and resource
 * templates. Needs the botocore and IAM data steps to have run.
 */
export async function ingestCurated(db: Database, dir: string, log: BuildLog): Promise<SourceRecord> {
  const data = await readCurated(dir);
  const known = new Known(db);
  if (known.services.size === 0) {
    throw new SourceError(
      SOURCE,
      dir,
      "the services table is empty: run the botocore step before the curated step",
    );
  }
  if (known.iamPrefixes.size === 0) {
    log.warn("curated: IAM data not loaded yet; IAM prefixes and actions of curated entries are not checked");
  }
  requireTable(db, "staging_curated_actions");
  requireTable(db, "staging_permissionless");

  // Service renames -> services.iam_prefix.
  const renames = new Map<string, string>();
  const renameKeys = new Unique("service");
  data.renames.forEach((r, i) => {
    const at = new At("service_renames.json", `entries[${i}]`);
    renameKeys.add(r.service, at);
    known.service(r.service, at);
    if (known.iamPrefixes.size > 0 && !known.iamPrefixes.has(r.iam_prefix)) {
      at.fail(`unknown IAM service prefix "${r.iam_prefix}"`);
    }
    renames.set(r.service, r.iam_prefix);
  });
  const prefixCounts = { curated: 0, name: 0, signing_name: 0, none: 0 };
  const update = db.prepare("UPDATE services SET iam_prefix = ? WHERE service = ?");
  try {
    for (const service of [...known.services.keys()].sort()) {
      const signing = known.services.get(service)!.signing_name;
      let prefix: string | null = null;
      if (renames.has(service)) {
        prefix = renames.get(service)!;
        prefixCounts.curated++;
      } else if (known.iamPrefixes.has(service)) {
        prefix = service;
        prefixCounts.name++;
      } else if (signing && known.iamPrefixes.has(signing)) {
        prefix = signing;
        prefixCounts.signing_name++;
      } else prefixCounts.none++;
      update.run([prefix, service]);
    }
  } finally {
    update.free();
  }

  // Aliases (curated + automatic dash-less forms).
  const aliasRows: Row[] = [];
  const aliasKeys = new Unique("alias");
  data.aliases.forEach((a, i) => {
    const at = new At("service_aliases.json", `entries[${i}]`);
    aliasKeys.add(`${a.alias}\0${a.service}`, at);
    known.service(a.service, at);
    if (known.services.has(a.alias)) at.fail(`alias "${a.alias}" is itself a botocore service name`);
    aliasRows.push({ alias: a.alias, service: a.service, kind: a.kind });
  });
  const curatedAliases = new Set(aliasRows.map((r) => `${r.alias}\0${r.service}`));
  for (const service of known.services.keys()) {
    const alias = service.replaceAll("-", "");
    if (alias === service || known.services.has(alias) || curatedAliases.has(`${alias}\0${service}`)) {
      continue;
    }
    aliasRows.push({ alias, service, kind: "dashless" });
  }
  insertRows(db, "service_aliases", sortRows(aliasRows, ["alias", "service"]));

  // FAS additions.
  const fasRows: Row[] = [];
  const fasKeys = new Unique("FAS addition");
  data.fas.forEach((f, i) => {
    const at = new At("fas_additions.json", `entries[${i}]`);
    known.operation(f.service, f.operation, at);
    f.adds.forEach((add, j) => {
      const aat = at.child("adds").child(j);
      known.operation(add.service, add.operation, aat);
      fasKeys.add(`${f.service}\0${f.operation}\0${add.service}\0${add.operation}`, aat);
      fasRows.push({
        service: f.service,
        operation: f.operation,
        fas_service: add.service,
        fas_operation: add.operation,
        context: add.context,
        source: f.source,
      });
    });
  });
  insertRows(
    db,
    "fas_additions",
    sortRows(fasRows, ["service", "operation", "fas_service", "fas_operation"]),
  );

  // SDK utilities and library models.
  const withAction = hasColumn(db, "sdk_utilities", "action");
  const utilityRows: Row[] = [];
  const utilityKeys = new Unique("utility (language, module, receiver, method)");
  let skippedActionCalls = 0;
  const utilityFiles: [string, SdkUtility[]][] = [
    ["sdk_utilities.json", data.utilities],
    ["library_models.json", data.libraries],
  ];
  for (const [file, utilities] of utilityFiles) {
    utilities.forEach((u, i) => {
      const at = new At(file, `entries[${i}]`);
      utilityKeys.add(`${u.language}\0${u.module}\0${u.receiver}\0${u.method}`, at);
      u.calls.forEach((call, seq) => {
        const cat = at.child("calls").child(seq);
        const row: Row = {
          language: u.language,
          module: u.module,
          receiver: u.receiver,
          method: u.method,
          seq,
        };
        if (call.action) {
          const action = known.action(call.action, cat);
          if (!withAction) {
            skippedActionCalls++;
            return;
          }
          Object.assign(row, { service: null, operation: null, action });
        } else {
          known.operation(call.service!, call.operation!, cat);
          Object.assign(row, { service: call.service, operation: call.operation });
          if (withAction) row.action = null;
        }
        row.required_params = call.required_params ?? [];
        row.source = u.source;
        utilityRows.push(row);
      });
    });
  }
  if (skippedActionCalls > 0) {
    log.warn(
      `curated: ${skippedActionCalls} utility call(s) name an IAM action with no SDK operation (rds-db:connect); ` +
        "sdk_utilities has no action column yet, so they were not written",
    );
  }
  insertRows(db, "sdk_utilities", sortRows(utilityRows, ["language", "module", "receiver", "method", "seq"]));

  // Resource overrides.
  const overrideRows: Row[] = [];
  const overrideKeys = new Unique("resource override");
  data.overrides.forEach((o, i) => {
    const at = new At("resource_overrides.json", `entries[${i}]`);
    const action = known.action(o.action, at);
    overrideKeys.add(`${action}\0${o.resource_type}`, at);
    const [prefix] = splitAction(action);
    if (known.resourceTypes.size > 0 && !known.resourceTypes.has(`${prefix}:${o.resource_type}`)) {
      at.fail(`unknown resource type "${o.resource_type}" of IAM service "${prefix}"`);
    }
    overrideRows.push({
      action,
      resource_type: o.resource_type,
      replacement: o.replacement,
      source: o.source,
    });
  });
  insertRows(db, "resource_overrides", sortRows(overrideRows, ["action", "resource_type"]));

  // Corrections -> staging.
  const actionRows: Row[] = [];
  const permissionlessRows: Row[] = [];
  const correctionKeys = new Unique("correction for this operation");
  data.corrections.forEach((c, i) => {
    const at = new At("corrections.json", `entries[${i}]`);
    known.operation(c.service, c.operation, at);
    correctionKeys.add(`${c.service}\0${c.operation}`, at);
    if (c.permissionless) {
      permissionlessRows.push({
        service: c.service,
        operation: c.operation,
        source: SOURCE,
        detail: c.source,
      });
      return;
    }
    c.actions!.forEach((a, seq) => {
      const aat = at.child("actions").child(seq);
      const action = known.action(a.action, aat);
      checkAction(known, c.service, c.operation, action, a, aat);
      actionRows.push({
        service: c.service,
        operation: c.operation,
        seq,
        action,
        resource_mappings: a.resource_mappings ?? {},
        context: a.context ?? {},
        applies_when: a.applies_when ?? null,
        detail: c.source,
      });
    });
  });
  insertRows(db, "staging_curated_actions", sortRows(actionRows, ["service", "operation", "seq"]));
  insertRows(db, "staging_permissionless", sortRows(permissionlessRows, ["service", "operation"]));

  // Additions -> staging (expanded: "*" entries become one row set per operation having the member).
  const additionRows: Row[] = [];
  const additionKeys = new Unique("addition (operation, action, applies_when)");
  const hasAdditions = data.additions.length > 0 || data.passRole.length > 0;
  if (hasAdditions) requireTable(db, "staging_curated_additions");
  data.additions.forEach((entry, i) => {
    const at = new At("additions.json", `entries[${i}]`);
    let operations: string[];
    if (entry.operation === "*") {
      known.service(entry.service, at);
      operations = [...known.operations]
        .filter((k) => k.startsWith(`${entry.service}\0`))
        .map((k) => k.slice(entry.service.length + 1))
        .filter((op) =>
          entry.actions.every((a) => known.members.get(`${entry.service}\0${op}`)?.has(a.applies_when!.lhs))
        )
        .sort(compare);
      if (operations.length === 0) at.fail("no operation of the service has the applies_when member");
    } else {
      known.operation(entry.service, entry.operation, at);
      operations = [entry.operation];
    }
    for (const operation of operations) {
      entry.actions.forEach((a, j) => {
        const aat = at.child("actions").child(j);
        const action = known.action(a.action, aat);
        const context = Object.fromEntries(
          Object.entries(a.context ?? {}).map((
            [k, vs],
          ) => [k, vs.map((v) => v.replaceAll("${Operation}", operation))]),
        );
        checkAction(known, entry.service, operation, action, { ...a, context }, aat);
        additionKeys.add(
          `${entry.service}\0${operation}\0${action}\0${canonicalJson(a.applies_when ?? null)}`,
          aat,
        );
        additionRows.push({
          service: entry.service,
          operation,
          action,
          resource_mappings: a.resource_mappings ?? {},
          context,
          applies_when: a.applies_when ?? null,
          detail: entry.source,
        });
      });
    }
  });
  // seq within each operation, in (file order) after sorting by operation.
  const seqs = new Map<string, number>();
  const orderedAdditions = additionRows
    .map((r, i) => ({ r, i }))
    .sort((x, y) =>
      compare(x.r.service as string, y.r.service as string) ||
      compare(x.r.operation as string, y.r.operation as string) || x.i - y.i
    )
    .map(({ r }) => {
      const key = `${r.service}\0${r.operation}`;
      const seq = seqs.get(key) ?? 0;
      seqs.set(key, seq + 1);
      return { ...r, seq };
    });
  if (hasAdditions) insertRows(db, "staging_curated_additions", orderedAdditions);

  // iam:PassedToService principals -> staging (read by the pass-role rule).
  const passRoleRows: Row[] = [];
  const passRoleKeys = new Unique("pass-role principal for this operation");
  data.passRole.forEach((p, i) => {
    const at = new At("pass_role.json", `entries[${i}]`);
    known.service(p.service, at);
    for (const operation of p.operations ?? ["*"]) {
      if (operation !== "*") known.operation(p.service, operation, at.child("operations"));
      passRoleKeys.add(`${p.service}\0${operation}`, at);
      passRoleRows.push({
        service: p.service,
        operation,
        passed_to_service: p.passed_to_service,
        detail: p.source,
      });
    }
  });
  if (hasAdditions) {
    requireTable(db, "staging_pass_role_services");
    insertRows(db, "staging_pass_role_services", sortRows(passRoleRows, ["service", "operation"]));
  }

  // Resource templates -> staging, one row per operation a rule reaches (read by the resolver's
  // resource-template rule, pipeline/resource_templates.ts).
  const templateRows: Row[] = [];
  const templateKeys = new Unique("resource template for this service and resource type");
  if (data.resourceTemplates.length > 0) requireTable(db, "staging_resource_templates");
  data.resourceTemplates.forEach((t, i) => {
    const at: At = new At("resource_templates.json", `entries[${i}]`);
    known.service(t.service, at);
    templateKeys.add(`${t.service}\0${t.resource_type}`, at);
    const prefix = queryAll<{ iam_prefix: string | null }>(
      db,
      "SELECT iam_prefix FROM services WHERE service = ?",
      [t.service],
    )[0]?.iam_prefix;
    if (!prefix) at.fail(`service "${t.service}" has no IAM prefix`);
    // Without IAM data the keys cannot be checked; the resolver then finds no action on the type anyway.
    const targets = known.resourceTypes.size > 0
      ? known.resourceTypeKeys(prefix, t.resource_type, at.child("resource_type"))
      : [...new Set([...t.members.flatMap((m) => Object.keys(m.resource_mappings)), t.resource_type])];
    t.members.forEach((m, j) => {
      for (const key of Object.keys(m.resource_mappings)) {
        if (!targets.includes(key)) {
          at.child("members").child(j).child("resource_mappings").child(key).fail(
            `"${key}" is neither a placeholder of the ARN of "${t.resource_type}" nor the type itself (one of ${
              targets.join(", ")
            })`,
          );
        }
      }
    });
    const except = new Set(t.except_operations ?? []);
    for (const operation of except) known.operation(t.service, operation, at.child("except_operations"));
    const operations = [...known.operations]
      .filter((k) => k.startsWith(`${t.service}\0`))
      .map((k) => k.slice(t.service.length + 1))
      .sort(compare);
    t.members.forEach((m, j) => {
      if (!operations.some((op) => known.members.get(`${t.service}\0${op}`)?.has(m.member))) {
        at.child("members").child(j).fail(`no operation of ${t.service} has the input member "${m.member}"`);
      }
    });
    for (const operation of operations) {
      if (except.has(operation)) continue;
      const input = known.members.get(`${t.service}\0${operation}`);
      const m = t.members.find((m) => input?.has(m.member));
      if (!m) continue;
      templateRows.push({
        service: t.service,
        operation,
        prefix,
        resource_type: t.resource_type,
        member: m.member,
        resource_mappings: m.resource_mappings,
        targets,
        detail: t.source,
      });
    }
  });
  if (data.resourceTemplates.length > 0) {
    insertRows(
      db,
      "staging_resource_templates",
      sortRows(templateRows, ["service", "operation", "resource_type"]),
    );
  }

  return {
    name: SOURCE,
    location: dir,
    detail: {
      files: data.files,
      sha256: createHash("sha256").update(canonicalJson(data.files)).digest("hex"),
      iam_prefix: prefixCounts,
      service_aliases: aliasRows.length,
      fas_additions: fasRows.length,
      sdk_utilities: utilityRows.length,
      resource_overrides: overrideRows.length,
      curated_actions: actionRows.length,
      curated_additions: orderedAdditions.length,
      pass_role_services: passRoleRows.length,
      resource_templates: templateRows.length,
      permissionless: permissionlessRows.length,
    },
  };
}
