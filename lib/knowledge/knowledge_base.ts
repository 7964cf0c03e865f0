/**
 * Typed, read-only access to the knowledge database. The only run-time code that knows SQL.
 *
 * @module
 */
import type { Database, SqlValue, Statement } from "sql.js";
import {
  KnowledgeDatabaseError,
  knowledgeDatabaseLocation,
  openKnowledgeDatabase,
  readKnowledgeBytes,
} from "./open.ts";

/**
 * SDK dialects whose method names the database stores.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { SdkLanguage } from "./knowledge_base.ts";
 *
 * const language: SdkLanguage = "typescript";
 * assert.ok(["python", "typescript", "go", "java"].includes(language));
 * ```
 */
export type SdkLanguage = "python" | "typescript" | "go" | "java";

/**
 * An SDK service (botocore naming) and its names in each SDK.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { KnowledgeBase, type ServiceInfo } from "./knowledge_base.ts";
 *
 * const kb = await KnowledgeBase.open();
 * try {
 *   const fn = (value: ServiceInfo) => value;
 *   assert.equal(typeof fn, "function");
 *   assert.ok(kb.version.length > 0);
 * } finally {
 *   kb.close();
 * }
 * ```
 */
export interface ServiceInfo {
  service: string;
  serviceId: string;
  sdkId: string | null;
  endpointPrefix: string | null;
  signingName: string | null;
  protocol: string | null;
  apiVersion: string;
  iamPrefix: string | null;
  jsPackage: string;
  jsClient: string;
  jsAggregatedClient: string;
  goPackage: string;
  javaPackage: string;
  javaClient: string;
}

/**
 * An SDK operation and its names in each SDK.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { KnowledgeBase, type OperationInfo } from "./knowledge_base.ts";
 *
 * const kb = await KnowledgeBase.open();
 * try {
 *   const fn = (value: OperationInfo) => value;
 *   assert.equal(typeof fn, "function");
 *   assert.ok(kb.version.length > 0);
 * } finally {
 *   kb.close();
 * }
 * ```
 */
export interface OperationInfo {
  service: string;
  operation: string;
  pythonName: string;
  jsCommand: string;
  jsMethod: string;
  goMethod: string;
  javaMethod: string;
  hasInput: boolean;
  deprecated: boolean;
}

/**
 * A top-level input member of an operation.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { OperationMember } from "./knowledge_base.ts";
 *
 * const member: OperationMember = { member: "Bucket", required: true, shapeType: "string" };
 * assert.ok(member.required);
 * ```
 */
export interface OperationMember {
  member: string;
  required: boolean;
  shapeType: string | null;
}

/**
 * A (service, operation) pair.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { OperationKey } from "./knowledge_base.ts";
 *
 * const key: OperationKey = { service: "s3", operation: "ListObjectsV2" };
 * assert.equal(key.operation, "ListObjectsV2");
 * ```
 */
export interface OperationKey {
  service: string;
  operation: string;
}

/**
 * A waiter and the operation it polls.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { WaiterInfo } from "./knowledge_base.ts";
 *
 * const waiter: WaiterInfo = { service: "s3", waiter: "BucketExists", pythonName: "bucket_exists", operation: "HeadBucket" };
 * assert.equal(waiter.operation, "HeadBucket");
 * ```
 */
export interface WaiterInfo {
  service: string;
  waiter: string;
  pythonName: string;
  operation: string;
}

/**
 * A request predicate: the action applies only when the member is (not) present.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { AppliesWhen } from "./knowledge_base.ts";
 *
 * const when: AppliesWhen = { lhs: "VersionId", op: "Exists" };
 * assert.equal(`${when.lhs} ${when.op}`, "VersionId Exists");
 * ```
 */
export interface AppliesWhen {
  lhs: string;
  op: string;
  rhs?: string;
}

/**
 * One IAM action an operation needs, as resolved by the pipeline.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { KnowledgeBase, type OperationAction } from "./knowledge_base.ts";
 *
 * const kb = await KnowledgeBase.open();
 * try {
 *   const fn = (value: OperationAction) => value;
 *   assert.equal(typeof fn, "function");
 *   assert.ok(kb.version.length > 0);
 * } finally {
 *   kb.close();
 * }
 * ```
 */
export interface OperationAction {
  action: string;
  source: "curated" | "service-reference" | "iam-dataset" | "same-name" | "botocore-docs";
  sourceDetail: string | null;
  resourceMappings: Record<string, unknown>;
  conditionMappings: Record<string, unknown>;
  context: Record<string, string[]>;
  appliesWhen: AppliesWhen | null;
}

/**
 * An operation performed by a service on the caller's behalf (Forward Access Session).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { KnowledgeBase, type FasAddition } from "./knowledge_base.ts";
 *
 * const kb = await KnowledgeBase.open();
 * try {
 *   const fn = (value: FasAddition) => value;
 *   assert.equal(typeof fn, "function");
 *   assert.ok(kb.version.length > 0);
 * } finally {
 *   kb.close();
 * }
 * ```
 */
export interface FasAddition {
  service: string;
  operation: string;
  context: Record<string, string[]>;
  source: string;
}

/**
 * A resource type an IAM action can be scoped to.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { KnowledgeBase, type ActionResourceType } from "./knowledge_base.ts";
 *
 * const kb = await KnowledgeBase.open();
 * try {
 *   const fn = (value: ActionResourceType) => value;
 *   assert.equal(typeof fn, "function");
 *   assert.ok(kb.version.length > 0);
 * } finally {
 *   kb.close();
 * }
 * ```
 */
export interface ActionResourceType {
  resourceType: string;
  required: boolean;
  arnFormats: string[];
  conditionKeys: string[];
}

/**
 * An IAM action from the Service Authorization Reference.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { KnowledgeBase, type IamActionInfo } from "./knowledge_base.ts";
 *
 * const kb = await KnowledgeBase.open();
 * try {
 *   const fn = (value: IamActionInfo) => value;
 *   assert.equal(typeof fn, "function");
 *   assert.ok(kb.version.length > 0);
 * } finally {
 *   kb.close();
 * }
 * ```
 */
export interface IamActionInfo {
  /** `prefix:Action`, canonical case. */
  action: string;
  prefix: string;
  name: string;
  accessLevel: string | null;
  description: string | null;
  conditionKeys: string[];
  dependentActions: string[];
  resourceTypes: ActionResourceType[];
}

/**
 * A utility method or library call that performs SDK operations.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { KnowledgeBase, type UtilityEntry } from "./knowledge_base.ts";
 *
 * const kb = await KnowledgeBase.open();
 * try {
 *   const fn = (value: UtilityEntry) => value;
 *   assert.equal(typeof fn, "function");
 *   assert.ok(kb.version.length > 0);
 * } finally {
 *   kb.close();
 * }
 * ```
 */
export interface UtilityEntry {
  language: SdkLanguage;
  module: string;
  receiver: string;
  method: string;
  /** botocore service of the operation; `""` when the entry is a bare IAM {@linkcode UtilityEntry.action}. */
  service: string;
  /** Operation name; `""` when the entry is a bare IAM {@linkcode UtilityEntry.action}. */
  operation: string;
  /** An IAM action with no SDK operation (`rds-db:connect` of IAM database auth tokens); absent otherwise. */
  action?: string;
  requiredParams: string[];
  source: string;
}

/**
 * A boto3 resource type.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Boto3Resource } from "./knowledge_base.ts";
 *
 * const resource: Boto3Resource = { service: "dynamodb", resource: "Table", identifiers: ["Name"] };
 * assert.deepEqual(resource.identifiers, ["Name"]);
 * ```
 */
export interface Boto3Resource {
  service: string;
  resource: string;
  identifiers: string[];
}

/**
 * Something reachable from a boto3 resource (action, load, sub-resource, collection, waiter).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { KnowledgeBase, type Boto3ResourceMember } from "./knowledge_base.ts";
 *
 * const kb = await KnowledgeBase.open();
 * try {
 *   const fn = (value: Boto3ResourceMember) => value;
 *   assert.equal(typeof fn, "function");
 *   assert.ok(kb.version.length > 0);
 * } finally {
 *   kb.close();
 * }
 * ```
 */
export interface Boto3ResourceMember {
  service: string;
  resource: string;
  name: string;
  kind: string;
  operation: string | null;
  targetResource: string | null;
  params: unknown;
}

/**
 * A source the database was built from.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { KnowledgeBase, type KnowledgeSourceInfo } from "./knowledge_base.ts";
 *
 * const kb = await KnowledgeBase.open();
 * try {
 *   const fn = (value: KnowledgeSourceInfo) => value;
 *   assert.equal(typeof fn, "function");
 *   assert.ok(kb.version.length > 0);
 * } finally {
 *   kb.close();
 * }
 * ```
 */
export interface KnowledgeSourceInfo {
  name: string;
  location: string;
  version: string | null;
  detail: Record<string, unknown>;
}

/**
 * What `knowledge info` prints.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { KnowledgeBase, type KnowledgeInfo } from "./knowledge_base.ts";
 *
 * const kb = await KnowledgeBase.open();
 * try {
 *   const fn = (value: KnowledgeInfo) => value;
 *   assert.equal(typeof fn, "function");
 *   assert.ok(kb.version.length > 0);
 * } finally {
 *   kb.close();
 * }
 * ```
 */
export interface KnowledgeInfo {
  version: string;
  schemaVersion: string;
  builtFrom: string | null;
  sources: KnowledgeSourceInfo[];
  counts: { services: number; operations: number; iamActions: number; operationActions: number };
  coverage: Record<string, unknown> | null;
}

/**
 * The knowledge database, opened read-only in memory.
 *
 * @example
 * ```ts ignore
 * const kb = await KnowledgeBase.open();
 * kb.operationActions("s3", "ListObjectsV2").map((a) => a.action); // ["s3:ListBucket"]
 * kb.close();
 * ```
 */
export class KnowledgeBase {
  readonly #db: Database;
  readonly #statements = new Map<string, Statement>();
  /**
   * Answers of lookups that linking repeats per call site (operations by name, waiters, utilities, boto3
   * resource members...). They are shared between callers: read them, never change them.
   */
  readonly #cache = new Map<string, unknown>();
  /**
   * `operationsByMethod` by column, then method: asked for nearly every method call of a project, so without a
   * key string to build per ask.
   */
  readonly #byMethod = new Map<string, Map<string, OperationKey[]>>();
  /** Where the database was loaded from (path or URL). */
  readonly location: string;

  private constructor(db: Database, location: string) {
    this.#db = db;
    this.location = location;
  }

  /**
   * Opens the knowledge database: `bytes` if given, else `path`, else the
   * `IAM_POLICY_AUTOPILOT_KNOWLEDGE_DB` environment variable, else the bundled database.
   */
  static async open(options: { path?: string; bytes?: Uint8Array } = {}): Promise<KnowledgeBase> {
    if (options.bytes) {
      return new KnowledgeBase(await openKnowledgeDatabase(options.bytes, "(in memory)"), "(in memory)");
    }
    const where = knowledgeDatabaseLocation(options.path);
    const label = where instanceof URL && where.protocol === "file:"
      ? decodeURIComponent(where.pathname)
      : String(where);
    const bytes = await readKnowledgeBytes(where);
    return new KnowledgeBase(await openKnowledgeDatabase(bytes, label), label);
  }

  /** Frees the database's wasm memory. */
  close(): void {
    for (const stmt of this.#statements.values()) stmt.free();
    this.#statements.clear();
    this.#db.close();
  }

  #all(sql: string, params: SqlValue[] = []): Record<string, SqlValue>[] {
    let stmt = this.#statements.get(sql);
    if (!stmt) {
      stmt = this.#db.prepare(sql);
      this.#statements.set(sql, stmt);
    }
    stmt.bind(params);
    const rows: Record<string, SqlValue>[] = [];
    try {
      while (stmt.step()) rows.push(stmt.getAsObject());
    } finally {
      stmt.reset();
    }
    return rows;
  }

  #memo<T>(key: string, compute: () => T): T {
    if (this.#cache.has(key)) return this.#cache.get(key) as T;
    const value = compute();
    this.#cache.set(key, value);
    return value;
  }

  /** A value from the meta table. */
  meta(key: string): string | undefined {
    const row = this.#all("SELECT value FROM meta WHERE key = ?", [key])[0];
    return row ? String(row.value) : undefined;
  }

  /** Version string of this database (date-based). */
  get version(): string {
    return this.meta("version") ?? "unknown";
  }

  /** Version, sources, counts and coverage. */
  info(): KnowledgeInfo {
    const count = (table: string): number => Number(this.#all(`SELECT count(*) AS n FROM ${table}`)[0].n);
    const coverage = this.meta("coverage");
    return {
      version: this.version,
      schemaVersion: this.meta("schema_version") ?? "unknown",
      builtFrom: this.meta("built_from") ?? null,
      sources: this.#all("SELECT name, location, version, detail FROM sources ORDER BY name").map((r) => ({
        name: String(r.name),
        location: String(r.location),
        version: r.version === null ? null : String(r.version),
        detail: r.detail ? JSON.parse(String(r.detail)) : {},
      })),
      counts: {
        services: count("services"),
        operations: count("operations"),
        iamActions: count("iam_actions"),
        operationActions: count("operation_actions"),
      },
      coverage: coverage ? JSON.parse(coverage) : null,
    };
  }

  /** All SDK services, sorted by name. */
  services(): ServiceInfo[] {
    return this.#memo("services", () => this.#all("SELECT * FROM services ORDER BY service").map(toService));
  }

  /** One SDK service by botocore name, or undefined. */
  service(name: string): ServiceInfo | undefined {
    return this.#memo(`service:${name}`, () => {
      const row = this.#all("SELECT * FROM services WHERE service = ?", [name])[0];
      return row ? toService(row) : undefined;
    });
  }

  /** botocore services an SDK alias (smithy name, package segment, dash-less form) stands for. */
  servicesForAlias(alias: string): string[] {
    return this.#all("SELECT service FROM service_aliases WHERE alias = ? ORDER BY service", [alias]).map((
      r,
    ) => String(r.service));
  }

  /** One operation, or undefined. */
  operation(service: string, operation: string): OperationInfo | undefined {
    return this.#memo(`operation\0${service}\0${operation}`, () => {
      const row =
        this.#all("SELECT * FROM operations WHERE service = ? AND operation = ?", [service, operation])[0];
      return row ? toOperation(row) : undefined;
    });
  }

  /** Every operation of a service, sorted. */
  operationsOf(service: string): OperationInfo[] {
    return this.#all("SELECT * FROM operations WHERE service = ? ORDER BY operation", [service]).map(
      toOperation,
    );
  }

  /**
   * Operations whose SDK method name in `language` is `method` (`list_objects_v2`, `ListObjectsV2Command`,
   * `listObjectsV2`, `ListObjectsV2`), across all services, sorted by service.
   */
  operationsByMethod(language: SdkLanguage, method: string): OperationKey[] {
    const column = methodColumn(language, method);
    let byMethod = this.#byMethod.get(column);
    if (!byMethod) this.#byMethod.set(column, byMethod = new Map());
    let keys = byMethod.get(method);
    if (!keys) {
      keys = this.#all(
        `SELECT service, operation FROM operations WHERE ${column} = ? ORDER BY service, operation`,
        [method],
      ).map((r) => ({ service: String(r.service), operation: String(r.operation) }));
      byMethod.set(method, keys);
    }
    return keys;
  }

  /** Top-level input members of an operation. */
  operationMembers(service: string, operation: string): OperationMember[] {
    return this.#memo(`members:${service}:${operation}`, () =>
      this.#all(
        "SELECT member, required, shape_type FROM operation_members WHERE service = ? AND operation = ? ORDER BY member",
        [service, operation],
      ).map((r) => ({
        member: String(r.member),
        required: r.required === 1,
        shapeType: r.shape_type === null ? null : String(r.shape_type),
      })));
  }

  /** True when the service has a paginator for the operation. */
  hasPaginator(service: string, operation: string): boolean {
    return this.#memo(`paginator\0${service}\0${operation}`, () => {
      const sql = "SELECT 1 FROM paginators WHERE service = ? AND operation = ?";
      const rows = this.#all(sql, [service, operation]);
      return rows.length > 0;
    });
  }

  /** Waiters by name: botocore name (`BucketExists`) or Python name (`bucket_exists`). */
  waitersByName(name: string): WaiterInfo[] {
    return this.#memo(`waiters\0${name}`, () =>
      this.#all(
        "SELECT service, waiter, python_name, operation FROM waiters WHERE waiter = ? OR python_name = ? ORDER BY service",
        [name, name],
      ).map((r) => ({
        service: String(r.service),
        waiter: String(r.waiter),
        pythonName: String(r.python_name),
        operation: String(r.operation),
      })));
  }

  /** The IAM actions an operation needs (empty when unknown or permissionless). */
  operationActions(service: string, operation: string): OperationAction[] {
    return this.#memo(`actions:${service}:${operation}`, () =>
      this.#all(
        "SELECT * FROM operation_actions WHERE service = ? AND operation = ? ORDER BY seq",
        [service, operation],
      ).map((r) => ({
        action: String(r.action),
        source: String(r.source) as OperationAction["source"],
        sourceDetail: r.source_detail === null ? null : String(r.source_detail),
        resourceMappings: JSON.parse(String(r.resource_mappings)),
        conditionMappings: JSON.parse(String(r.condition_mappings)),
        context: JSON.parse(String(r.context)),
        appliesWhen: r.applies_when ? JSON.parse(String(r.applies_when)) : null,
      })));
  }

  /** Where the database says an operation needs no permission, the source that says so. */
  permissionlessSource(service: string, operation: string): string | undefined {
    const row = this.#all(
      "SELECT source FROM permissionless_operations WHERE service = ? AND operation = ?",
      [service, operation],
    )[0];
    return row ? String(row.source) : undefined;
  }

  /** Forward Access Session additions of an operation. */
  fasAdditions(service: string, operation: string): FasAddition[] {
    return this.#all(
      "SELECT fas_service, fas_operation, context, source FROM fas_additions WHERE service = ? AND operation = ? ORDER BY fas_service, fas_operation",
      [service, operation],
    ).map((r) => ({
      service: String(r.fas_service),
      operation: String(r.fas_operation),
      context: JSON.parse(String(r.context)),
      source: String(r.source),
    }));
  }

  /** An IAM action with its resource types, by `prefix:Action` in any case; undefined if unknown. */
  iamAction(action: string): IamActionInfo | undefined {
    return this.#memo(`iam:${action.toLowerCase()}`, () => {
      const colon = action.indexOf(":");
      if (colon < 0) return undefined;
      const prefix = action.slice(0, colon).toLowerCase();
      const row = this.#all(
        "SELECT * FROM iam_actions WHERE prefix = ? AND action_lower = ?",
        [prefix, action.slice(colon + 1).toLowerCase()],
      )[0];
      if (!row) return undefined;
      const name = String(row.action);
      const resourceTypes = this.#all(
        `SELECT r.resource_type, r.required, r.condition_keys, t.arn_formats
         FROM iam_action_resources r LEFT JOIN iam_resource_types t
           ON t.prefix = r.prefix AND t.resource_type = r.resource_type
         WHERE r.prefix = ? AND r.action = ? ORDER BY r.resource_type`,
        [prefix, name],
      ).map((r) => ({
        resourceType: String(r.resource_type),
        required: r.required === 1,
        arnFormats: r.arn_formats ? JSON.parse(String(r.arn_formats)) : [],
        conditionKeys: JSON.parse(String(r.condition_keys)),
      }));
      return {
        action: `${prefix}:${name}`,
        prefix,
        name,
        accessLevel: row.access_level === null ? null : String(row.access_level),
        description: row.description === null ? null : String(row.description),
        conditionKeys: JSON.parse(String(row.condition_keys)),
        dependentActions: JSON.parse(String(row.dependent_actions)),
        resourceTypes,
      };
    });
  }

  /** Resource-type overrides for an action: resource type → replacement (`*`). */
  resourceOverrides(action: string): Map<string, string> {
    return new Map(
      this.#all("SELECT resource_type, replacement FROM resource_overrides WHERE action = ?", [action]).map((
        r,
      ) => [
        String(r.resource_type),
        String(r.replacement),
      ]),
    );
  }

  /** Utility/library entries for a method name in a language (all modules and receivers). */
  utilities(language: SdkLanguage, method: string): UtilityEntry[] {
    return this.#memo(`utilities\0${language}\0${method}`, () =>
      this.#all(
        "SELECT * FROM sdk_utilities WHERE language = ? AND method = ? ORDER BY module, receiver, seq",
        [language, method],
      ).map(toUtility));
  }

  /** Every utility/library entry of a module (e.g. `@aws-sdk/lib-dynamodb`). */
  utilitiesOfModule(language: SdkLanguage, module: string): UtilityEntry[] {
    return this.#memo(`moduleUtilities\0${language}\0${module}`, () =>
      this.#all(
        "SELECT * FROM sdk_utilities WHERE language = ? AND module = ? ORDER BY receiver, method, seq",
        [language, module],
      ).map(toUtility));
  }

  /** The partition of a region (`aws`, `aws-cn`, ...), or undefined when no partition's pattern matches. */
  partitionForRegion(region: string): string | undefined {
    const partitions = this.#memo(
      "partitions",
      () =>
        this.#all("SELECT partition, region_regex, regions FROM partitions ORDER BY partition").map((r) => ({
          partition: String(r.partition),
          regex: new RegExp(String(r.region_regex)),
          regions: JSON.parse(String(r.regions)) as string[],
        })),
    );
    const known = partitions.find((p) => p.regions.includes(region));
    if (known) return known.partition;
    // Prefer the most specific pattern: `aws` matches broadly, so test the others first.
    const ordered = [...partitions].sort((a, b) =>
      (a.partition === "aws" ? 1 : 0) - (b.partition === "aws" ? 1 : 0)
    );
    return ordered.find((p) => p.regex.test(region))?.partition;
  }

  /** Every known region name, sorted (for "did you mean" suggestions). */
  knownRegions(): string[] {
    return this.#all("SELECT regions FROM partitions").flatMap((r) =>
      JSON.parse(String(r.regions)) as string[]
    )
      .sort();
  }

  /** A boto3 resource type, or undefined. */
  boto3Resource(service: string, resource: string): Boto3Resource | undefined {
    return this.#memo(`boto3Resource\0${service}\0${resource}`, () => {
      const row =
        this.#all("SELECT * FROM boto3_resources WHERE service = ? AND resource = ?", [service, resource])[0];
      return row ? { service, resource, identifiers: JSON.parse(String(row.identifiers)) } : undefined;
    });
  }

  /** Services that have a boto3 resource model. */
  boto3Services(): string[] {
    return this.#memo(
      "boto3Services",
      () =>
        this.#all("SELECT DISTINCT service FROM boto3_resources ORDER BY service").map((r) =>
          String(r.service)
        ),
    );
  }

  /** What `name` means on a boto3 resource, or undefined. */
  boto3ResourceMember(service: string, resource: string, name: string): Boto3ResourceMember | undefined {
    return this.#memo(`boto3Member\0${service}\0${resource}\0${name}`, () => {
      const row = this.#all(
        "SELECT * FROM boto3_resource_members WHERE service = ? AND resource = ? AND name = ?",
        [service, resource, name],
      )[0];
      return row ? toResourceMember(row) : undefined;
    });
  }

  /** Every member of a boto3 resource. */
  boto3ResourceMembers(service: string, resource: string): Boto3ResourceMember[] {
    return this.#all(
      "SELECT * FROM boto3_resource_members WHERE service = ? AND resource = ? ORDER BY name",
      [service, resource],
    ).map(toResourceMember);
  }
}

/** The `operations` column holding the method names of `language` (TypeScript: commands or client methods). */
function methodColumn(language: SdkLanguage, method: string): string {
  switch (language) {
    case "python":
      return "python_name";
    case "go":
      return "go_method";
    case "java":
      return "java_method";
    case "typescript":
      return method.endsWith("Command") ? "js_command" : "js_method";
  }
}

function str(value: SqlValue): string | null {
  return value === null ? null : String(value);
}

function toService(r: Record<string, SqlValue>): ServiceInfo {
  return {
    service: String(r.service),
    serviceId: String(r.service_id),
    sdkId: str(r.sdk_id),
    endpointPrefix: str(r.endpoint_prefix),
    signingName: str(r.signing_name),
    protocol: str(r.protocol),
    apiVersion: String(r.api_version),
    iamPrefix: str(r.iam_prefix),
    jsPackage: String(r.js_package),
    jsClient: String(r.js_client),
    jsAggregatedClient: String(r.js_aggregated_client),
    goPackage: String(r.go_package),
    javaPackage: String(r.java_package),
    javaClient: String(r.java_client),
  };
}

function toOperation(r: Record<string, SqlValue>): OperationInfo {
  return {
    service: String(r.service),
    operation: String(r.operation),
    pythonName: String(r.python_name),
    jsCommand: String(r.js_command),
    jsMethod: String(r.js_method),
    goMethod: String(r.go_method),
    javaMethod: String(r.java_method),
    hasInput: r.has_input === 1,
    deprecated: r.deprecated === 1,
  };
}

function toUtility(r: Record<string, SqlValue>): UtilityEntry {
  const entry: UtilityEntry = {
    language: String(r.language) as SdkLanguage,
    module: String(r.module),
    receiver: String(r.receiver),
    method: String(r.method),
    // Bare-action rows have NULL service/operation; "" keeps the fields strings for existing readers.
    service: r.service === null ? "" : String(r.service),
    operation: r.operation === null ? "" : String(r.operation),
    requiredParams: JSON.parse(String(r.required_params)),
    source: String(r.source),
  };
  if (r.action !== null && r.action !== undefined) entry.action = String(r.action);
  return entry;
}

function toResourceMember(r: Record<string, SqlValue>): Boto3ResourceMember {
  return {
    service: String(r.service),
    resource: String(r.resource),
    name: String(r.name),
    kind: String(r.kind),
    operation: str(r.operation),
    targetResource: str(r.target_resource),
    params: JSON.parse(String(r.params)),
  };
}

export { KnowledgeDatabaseError };
