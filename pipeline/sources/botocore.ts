/**
 * Ingests a botocore `data/` folder (service models, paginators, waiters, partitions) into the knowledge
 * database: tables `services`, `operations`, `operation_members`, `paginators`, `waiters`, `partitions`.
 * Reads plain `.json` and gzipped `.json.gz` files (plain wins when both exist, as in botocore's loader),
 * takes the newest API version folder of each service and applies `*.sdk-extras.json` merges.
 *
 * @module
 */
import { gunzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import { type Database, insertRows, type Row, SourceError } from "../sqlite.ts";
import type { BuildLog, SourceRecord } from "../source_record.ts";
import { xformName } from "../naming/python_names.ts";
import { jsAggregatedClient, jsClient, jsCommand, jsMethod, jsPackage } from "../naming/js_names.ts";
import { goMethod, goPackage } from "../naming/go_names.ts";
import { javaClient, javaMethod, javaPackage } from "../naming/java_names.ts";
import { documentedPermissionRows } from "./documented_permissions.ts";

const SOURCE = "botocore";

type Json = Record<string, unknown>;

/** Reads JSON model files of one source, remembering each file's sha256 for the input fingerprint. */
export class ModelReader {
  /** sha256 (hex) of every file read, keyed by path relative to the root. */
  readonly hashes: Map<string, string> = new Map();

  /** Creates a reader for files under `root`, reporting errors as source `source`. */
  constructor(readonly source: string, readonly root: string) {}

  /**
   * Reads `<dir>/<stem>.json` or `<dir>/<stem>.json.gz` (plain first). Returns undefined when neither
   * exists; throws SourceError naming the file when it is not valid JSON or not a JSON object.
   */
  async read(dir: string, stem: string): Promise<Json | undefined> {
    for (const ext of [".json", ".json.gz"]) {
      const path = `${dir}/${stem}${ext}`;
      let bytes: Uint8Array;
      try {
        bytes = await Deno.readFile(path);
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) continue;
        throw new SourceError(this.source, path, `cannot read the file: ${error}`, { cause: error });
      }
      this.hashes.set(relative(this.root, path), createHash("sha256").update(bytes).digest("hex"));
      let text: string;
      try {
        text = new TextDecoder().decode(ext === ".json.gz" ? gunzipSync(bytes) : bytes);
      } catch (error) {
        throw new SourceError(this.source, path, `not a valid gzip file; re-download it (${error})`, {
          cause: error,
        });
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new SourceError(this.source, path, `invalid JSON; fix or re-download the file (${error})`, {
          cause: error,
        });
      }
      if (!isObject(value)) {
        throw new SourceError(this.source, path, "expected a JSON object at the top level");
      }
      return value;
    }
    return undefined;
  }

  /** sha256 of the concatenated per-file hashes in sorted path order: a fingerprint of everything read. */
  fingerprint(): string {
    const hash = createHash("sha256");
    for (const path of [...this.hashes.keys()].sort()) hash.update(this.hashes.get(path)!);
    return hash.digest("hex");
  }
}

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function relative(root: string, path: string): string {
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

/** Sub-folder names of `dir`, sorted; throws SourceError when `dir` is missing or not a folder. */
export async function listFolders(source: string, dir: string, hint: string): Promise<string[]> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(dir);
  } catch (error) {
    throw new SourceError(source, dir, `folder not found; ${hint}`, { cause: error });
  }
  if (!info.isDirectory) throw new SourceError(source, dir, `not a folder; ${hint}`);
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isDirectory) names.push(entry.name);
  }
  return names.sort();
}

/** Does `dir` hold `<stem>.json` or `<stem>.json.gz`? */
export async function hasModel(dir: string, stem: string): Promise<boolean> {
  for (const ext of [".json", ".json.gz"]) {
    try {
      if ((await Deno.stat(`${dir}/${stem}${ext}`)).isFile) return true;
    } catch {
      // not there: try the next extension
    }
  }
  return false;
}

/**
 * The newest API version folder of a service that holds `<stem>.json(.gz)`: API versions are dates
 * (2006-03-01), so the lexicographically greatest wins. Returns the chosen folder and how many exist.
 */
export async function newestVersion(
  source: string,
  serviceDir: string,
  stem: string,
): Promise<{ version: string; candidates: number } | undefined> {
  const versions = [];
  for (const version of await listFolders(source, serviceDir, "")) {
    if (await hasModel(`${serviceDir}/${version}`, stem)) versions.push(version);
  }
  if (versions.length === 0) return undefined;
  return { version: versions[versions.length - 1], candidates: versions.length };
}

/** botocore's loader merge of `*.sdk-extras.json` `merge` sections: objects merge deeply, others replace. */
export function deepMerge(base: Json, extra: Json): Json {
  for (const [key, value] of Object.entries(extra)) {
    const current = base[key];
    if (isObject(current) && isObject(value)) deepMerge(current, value);
    else base[key] = value;
  }
  return base;
}

async function readWithExtras(reader: ModelReader, dir: string, stem: string): Promise<Json | undefined> {
  const model = await reader.read(dir, stem);
  if (!model) return undefined;
  const extras = await reader.read(dir, `${stem}.sdk-extras`);
  if (extras && isObject(extras.merge)) deepMerge(model, extras.merge);
  return model;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads the botocore `data/` folder at `dir` into `services`, `operations`, `operation_members`,
 * `paginators`, `waiters` and `partitions`. Each service folder contributes its newest API version. When the
 * staging tables exist it also stages permissionless operations, role members and the permission statements
 * of each operation's documentation (`staging_doc_actions`, see documented_permissions.ts).
 * `iam_prefix` is left NULL (curated renames fill it later).
 *
 * @throws SourceError when the folder is missing, holds no service model, or a file is not valid JSON.
 */
export async function ingestBotocore(db: Database, dir: string, log: BuildLog): Promise<SourceRecord> {
  const root = dir.replace(/\/+$/, "") || dir;
  const hint = "pass the botocore data/ folder (the one holding s3/2006-03-01/service-2.json.gz)";
  const serviceFolders = await listFolders(SOURCE, root, hint);
  const reader = new ModelReader(SOURCE, root);

  const services: Row[] = [];
  const operations: Row[] = [];
  const members: Row[] = [];
  const roleMembers: Row[] = [];
  const paginators: Row[] = [];
  const waiters: Row[] = [];
  const permissionless: Row[] = [];
  const docActions: Row[] = [];
  let olderVersionsSkipped = 0;

  for (const service of serviceFolders) {
    const serviceDir = `${root}/${service}`;
    const newest = await newestVersion(SOURCE, serviceDir, "service-2");
    if (!newest) {
      log.warn(`botocore: ${serviceDir} has no API version folder with service-2.json(.gz); skipped`);
      continue;
    }
    olderVersionsSkipped += newest.candidates - 1;
    const versionDir = `${serviceDir}/${newest.version}`;
    const model = (await readWithExtras(reader, versionDir, "service-2"))!;
    const modelPath = `${versionDir}/service-2.json(.gz)`;
    const metadata = isObject(model.metadata) ? model.metadata : {};
    const ops = isObject(model.operations) ? model.operations : undefined;
    const shapes = isObject(model.shapes) ? model.shapes : {};
    if (!ops) throw new SourceError(SOURCE, modelPath, "no `operations` object; is this a botocore model?");

    let serviceId = str(metadata.serviceId);
    if (!serviceId) {
      log.warn(`botocore: ${modelPath} has no metadata.serviceId; using the folder name "${service}"`);
      serviceId = service;
    }
    const sdkId = str(metadata.sdkId) ?? serviceId;
    const protocols = Array.isArray(metadata.protocols) ? metadata.protocols : [];
    // Bearer-token services (CodeCatalyst) are not signed with AWS credentials: IAM never sees them.
    const bearerOnly = metadata.signatureVersion === "bearer" ||
      (Array.isArray(metadata.auth) && metadata.auth.length > 0 &&
        metadata.auth.every((a) => a === "smithy.api#httpBearerAuth"));
    services.push({
      service,
      service_id: serviceId,
      sdk_id: sdkId,
      endpoint_prefix: str(metadata.endpointPrefix) ?? null,
      signing_name: str(metadata.signingName) ?? str(metadata.endpointPrefix) ?? null,
      protocol: str(metadata.protocol) ?? str(protocols[0]) ?? null,
      api_version: str(metadata.apiVersion) ?? newest.version,
      iam_prefix: null,
      js_package: jsPackage(sdkId),
      js_client: jsClient(sdkId),
      js_aggregated_client: jsAggregatedClient(sdkId),
      go_package: goPackage(sdkId),
      java_package: javaPackage(serviceId),
      java_client: javaClient(serviceId),
    });

    for (const operation of Object.keys(ops).sort(compare)) {
      const op = ops[operation];
      if (!isObject(op)) {
        throw new SourceError(SOURCE, modelPath, `operation ${operation} is not an object`);
      }
      const inputRef = isObject(op.input) ? op.input : undefined;
      // Unsigned operations (sts AssumeRoleWithWebIdentity, cognito-idp InitiateAuth) need no IAM permission.
      const unsigned = op.authtype === "none" ||
        (Array.isArray(op.auth) && op.auth.length > 0 && op.auth.every((a) => a === "smithy.api#noAuth"));
      if (unsigned || bearerOnly) {
        permissionless.push({
          service,
          operation,
          source: SOURCE,
          detail: unsigned
            ? "botocore model: unsigned request (authtype none)"
            : "botocore model: bearer-token auth, not signed with AWS credentials",
        });
      }
      // Only the few statements are staged, not the text: the resolver needs them for unmapped operations alone.
      docActions.push(...documentedPermissionRows(service, operation, op.documentation));
      operations.push({
        service,
        operation,
        python_name: xformName(operation),
        js_command: jsCommand(operation),
        js_method: jsMethod(operation),
        go_method: goMethod(operation),
        java_method: javaMethod(operation),
        has_input: inputRef !== undefined,
        deprecated: op.deprecated === true,
      });
      const inputShape = inputRef && str(inputRef.shape) ? shapes[inputRef.shape as string] : undefined;
      if (!isObject(inputShape) || !isObject(inputShape.members)) continue;
      const required = new Set(Array.isArray(inputShape.required) ? inputShape.required : []);
      for (const member of Object.keys(inputShape.members).sort(compare)) {
        const ref = inputShape.members[member];
        const target = isObject(ref) && str(ref.shape) ? shapes[ref.shape as string] : undefined;
        members.push({
          service,
          operation,
          member,
          required: required.has(member),
          shape_type: isObject(target) ? str(target.type) ?? null : null,
        });
      }
      for (const path of roleMemberPaths(inputShape, shapes)) {
        const topLevel = !/[.\[]/.test(path);
        roleMembers.push({
          service,
          operation,
          path,
          top_level: topLevel,
          required: topLevel && required.has(path),
        });
      }
    }

    const pagination = await readWithExtras(reader, versionDir, "paginators-1");
    if (pagination && isObject(pagination.pagination)) {
      for (const operation of Object.keys(pagination.pagination).sort(compare)) {
        if (!(operation in ops)) {
          log.warn(`botocore: ${service} paginator ${operation} names no operation of the model; kept`);
        }
        paginators.push({ service, operation });
      }
    }

    const waiterModel = await reader.read(versionDir, "waiters-2");
    if (waiterModel && isObject(waiterModel.waiters)) {
      for (const waiter of Object.keys(waiterModel.waiters).sort(compare)) {
        const definition = waiterModel.waiters[waiter];
        const operation = isObject(definition) ? str(definition.operation) : undefined;
        if (!operation) {
          log.warn(`botocore: ${versionDir}/waiters-2 waiter ${waiter} has no operation; skipped`);
          continue;
        }
        waiters.push({ service, waiter, python_name: xformName(waiter), operation });
      }
    }
  }

  if (services.length === 0) {
    throw new SourceError(SOURCE, root, `no service models found; ${hint}`);
  }

  const partitions = await readPartitions(reader, root, log);

  insertRows(db, "services", services);
  insertRows(db, "operations", operations);
  insertRows(db, "operation_members", members);
  insertRows(db, "paginators", paginators);
  insertRows(db, "waiters", waiters);
  insertRows(db, "partitions", partitions);
  // Staging exists only inside a full build (pipeline/staging.sql); unit tests may open the bare schema.
  const hasStaging =
    db.exec("SELECT 1 FROM sqlite_temp_master WHERE name = 'staging_permissionless'").length > 0;
  if (hasStaging) insertRows(db, "staging_permissionless", permissionless);
  const hasRoleStaging =
    db.exec("SELECT 1 FROM sqlite_temp_master WHERE name = 'staging_role_members'").length > 0;
  if (hasRoleStaging) insertRows(db, "staging_role_members", roleMembers);
  const hasDocStaging =
    db.exec("SELECT 1 FROM sqlite_temp_master WHERE name = 'staging_doc_actions'").length > 0;
  if (hasDocStaging) insertRows(db, "staging_doc_actions", docActions);

  return {
    name: SOURCE,
    location: dir,
    detail: {
      services: services.length,
      operations: operations.length,
      operation_members: members.length,
      role_members: roleMembers.length,
      paginators: paginators.length,
      waiters: waiters.length,
      partitions: partitions.length,
      older_api_versions_skipped: olderVersionsSkipped,
      permissionless_operations: permissionless.length,
      documented_permission_operations: docActions.filter((r) => r.seq === 0).length,
      files: reader.hashes.size,
      sha256: reader.fingerprint(),
    },
  };
}

/** A member name that carries an IAM role: Role, RoleArn, RoleARN, taskRoleArn, ServiceRole, ExecutionRoleArn. */
export const ROLE_MEMBER_RE: RegExp = /role(arn)?$/i;

/**
 * Paths (`Role`, `Targets[].RoleArn`, `overrides.taskRoleArn`) of the string members of an input shape, at any
 * depth (cycle-safe, at most 6 levels), whose name matches {@link ROLE_MEMBER_RE}. Sorted.
 */
export function roleMemberPaths(inputShape: Json, shapes: Json): string[] {
  const out = new Set<string>();
  const walk = (shape: Json, prefix: string, depth: number, seen: Set<Json>) => {
    if (depth > 6 || seen.has(shape)) return;
    const next = new Set(seen).add(shape);
    const resolve = (ref: unknown): Json | undefined =>
      isObject(ref) && str(ref.shape) && isObject(shapes[ref.shape as string])
        ? shapes[ref.shape as string] as Json
        : undefined;
    if (shape.type === "list") {
      const item = resolve(shape.member);
      if (item) walk(item, `${prefix}[]`, depth + 1, next);
      return;
    }
    if (shape.type === "map") {
      return; // map keys are data, not request members with a fixed path
    }
    if (!isObject(shape.members)) return;
    for (const name of Object.keys(shape.members).sort(compare)) {
      const target = resolve(shape.members[name]);
      if (!target) continue;
      const path = prefix ? `${prefix}.${name}` : name;
      if (target.type === "string" && ROLE_MEMBER_RE.test(name)) out.add(path);
      else if (target.type === "structure" || target.type === "list") walk(target, path, depth + 1, next);
    }
  };
  walk(inputShape, "", 0, new Set());
  return [...out].sort(compare);
}

async function readPartitions(reader: ModelReader, root: string, log: BuildLog): Promise<Row[]> {
  const model = await reader.read(root, "partitions");
  if (!model) {
    log.warn(`botocore: ${root}/partitions.json(.gz) not found; the partitions table stays empty`);
    return [];
  }
  if (!Array.isArray(model.partitions)) {
    throw new SourceError(SOURCE, `${root}/partitions.json(.gz)`, "no `partitions` array");
  }
  const rows: Row[] = [];
  for (const partition of model.partitions) {
    const id = isObject(partition) ? str(partition.id) : undefined;
    const regex = isObject(partition) ? str(partition.regionRegex) : undefined;
    if (!isObject(partition) || !id || !regex) {
      throw new SourceError(
        SOURCE,
        `${root}/partitions.json(.gz)`,
        "a partition lacks `id` or `regionRegex`",
      );
    }
    const outputs = isObject(partition.outputs) ? partition.outputs : {};
    const regions = isObject(partition.regions) ? Object.keys(partition.regions).sort(compare) : [];
    rows.push({ partition: id, region_regex: regex, dns_suffix: str(outputs.dnsSuffix) ?? null, regions });
  }
  return rows.sort((a, b) => compare(a.partition as string, b.partition as string));
}
