/**
 * Ingests a boto3 `data/` folder (resource models, `<service>/<api-version>/resources-1.json(.gz)`) into
 * `boto3_resources` and `boto3_resource_members`. Names follow boto3's own `ResourceModel`: actions,
 * references, collections and waiters are snake_cased with botocore's `xform_name`, sub-resources keep
 * their model spelling, and names that collide are renamed `<name>_<category>` in boto3's precedence
 * order (load, identifiers, actions, sub-resources, references, collections, waiters).
 *
 * Member kinds and their columns:
 * - `action`: operation = request.operation, target_resource = the resource it returns, params = request.params.
 * - `batch_action`: a resource's batch action as reached through a collection of it, named
 *   `<collection>.<action>` (`objects.delete`) on the collection's owner.
 * - `load`: `load` and its alias `reload`, operation = load.request.operation.
 * - `waiter`: `wait_until_<name>`, operation NULL, params `{"waiter": client waiter name, "params": [...]}`.
 * - `subresource` (`has` without data identifiers, e.g. `Object`) and `reference` (`has` with data
 *   identifiers, e.g. `vpc`): target_resource = its type, params = the identifier bindings.
 * - `collection` (`hasMany`, e.g. `objects`): operation = request.operation, target_resource = item type.
 *
 * The service entry is stored as resource `ServiceResource`; like boto3, it exposes every resource type
 * of the service as a sub-resource (`s3.Bucket(name)`), even those its `has` does not list.
 *
 * @module
 */
import { type Database, insertRows, type Row, SourceError } from "../sqlite.ts";
import type { BuildLog, SourceRecord } from "../source_record.ts";
import { xformName } from "../naming/python_names.ts";
import { isObject, listFolders, ModelReader, newestVersion } from "./botocore.ts";

const SOURCE = "boto3";

/** Resource name used for a service's top-level entry (`boto3.resource("s3")`). */
export const SERVICE_RESOURCE = "ServiceResource";

type Json = Record<string, unknown>;

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

function obj(value: unknown): Json {
  return isObject(value) ? value : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** boto3's rename map: final Python name for (category, snake-cased name). */
class Names {
  readonly #used = new Set<string>(["meta"]);
  readonly #renamed = new Map<string, string>();

  constructor(readonly where: string) {}

  add(category: string, name: string, snakeCase = true): void {
    let final = snakeCase ? xformName(name) : name;
    const original = final;
    if (this.#used.has(final)) {
      final = `${final}_${category}`;
      if (this.#used.has(final)) {
        throw new SourceError(SOURCE, this.where, `cannot rename ${category} ${original}: ${final} is taken`);
      }
      this.#renamed.set(`${category}\0${original}`, final);
    }
    this.#used.add(final);
  }

  get(category: string, name: string, snakeCase = true): string {
    const snake = snakeCase ? xformName(name) : name;
    return this.#renamed.get(`${category}\0${snake}`) ?? snake;
  }
}

/** `has` definitions of a resource; for the service resource, one for every resource type (boto3 rule). */
function hasDefinitions(definition: Json, resourceDefs: Json, isService: boolean): Array<[string, Json]> {
  const has = obj(definition.has);
  if (!isService) return Object.entries(has).map(([name, def]) => [name, obj(def)]);
  // A Python dict in boto3: a later definition of the same name replaces the value, keeping its position.
  const out = new Map<string, Json>();
  for (const [type, resourceDef] of Object.entries(resourceDefs)) {
    let found = false;
    for (const [hasName, hasDef] of Object.entries(has)) {
      if (obj(obj(hasDef).resource).type === type) {
        out.set(hasName, obj(hasDef));
        found = true;
      }
    }
    if (!found) {
      const identifiers = list(obj(resourceDef).identifiers).map((id) => ({
        target: obj(id).name,
        source: "input",
      }));
      out.set(type, { resource: { type, identifiers } });
    }
  }
  return [...out.entries()];
}

function dataRequired(hasDef: Json): boolean {
  return list(obj(hasDef.resource).identifiers).some((id) => obj(id).source === "data");
}

/** Rows of one resource (or the service resource) of one service. */
function resourceMembers(
  service: string,
  resource: string,
  definition: Json,
  resourceDefs: Json,
  isService: boolean,
  where: string,
): Row[] {
  const names = new Names(`${where} (${resource})`);
  if (definition.load) names.add("load", "load", false);
  for (const id of list(definition.identifiers)) names.add("identifier", String(obj(id).name));
  const actions = obj(definition.actions);
  for (const name of Object.keys(actions)) names.add("action", name);
  const has = hasDefinitions(definition, resourceDefs, isService);
  for (const [name, def] of has) {
    if (dataRequired(def)) names.add("reference", name);
    else names.add("subresource", name, false);
  }
  const hasMany = obj(definition.hasMany);
  for (const name of Object.keys(hasMany)) names.add("collection", name);
  const waiters = obj(definition.waiters);
  for (const name of Object.keys(waiters)) names.add("waiter", `WaitUntil${name}`);

  const rows: Row[] = [];
  const push = (
    name: string,
    kind: string,
    operation: unknown,
    target: unknown,
    params: unknown,
  ): void => {
    rows.push({
      service,
      resource,
      name,
      kind,
      operation: str(operation) ?? null,
      target_resource: str(target) ?? null,
      params,
    });
  };

  if (isObject(definition.load)) {
    const request = obj(definition.load.request);
    for (const name of ["load", "reload"]) {
      push(name, "load", request.operation, null, list(request.params));
    }
  }
  for (const [name, def] of Object.entries(actions)) {
    const request = obj(obj(def).request);
    push(
      names.get("action", name),
      "action",
      request.operation,
      obj(obj(def).resource).type,
      list(request.params),
    );
  }
  for (const [name, def] of has) {
    const res = obj(def.resource);
    if (dataRequired(def)) {
      push(names.get("reference", name), "reference", null, res.type, list(res.identifiers));
    } else {
      push(names.get("subresource", name, false), "subresource", null, res.type, list(res.identifiers));
    }
  }
  for (const [name, def] of Object.entries(hasMany)) {
    const request = obj(obj(def).request);
    const itemType = str(obj(obj(def).resource).type);
    const collection = names.get("collection", name);
    push(collection, "collection", request.operation, itemType, list(request.params));
    const batchActions = itemType ? obj(obj(resourceDefs[itemType]).batchActions) : {};
    for (const [batchName, batchDef] of Object.entries(batchActions)) {
      const batchRequest = obj(obj(batchDef).request);
      push(
        `${collection}.${xformName(batchName)}`,
        "batch_action",
        batchRequest.operation,
        obj(obj(batchDef).resource).type,
        list(batchRequest.params),
      );
    }
  }
  for (const [name, def] of Object.entries(waiters)) {
    push(names.get("waiter", `WaitUntil${name}`), "waiter", null, null, {
      waiter: str(obj(def).waiterName) ?? null,
      params: list(obj(def).params),
    });
  }
  return rows;
}

/**
 * Reads the boto3 `data/` folder at `dir` into `boto3_resources` and `boto3_resource_members`, taking the
 * newest API version of each service.
 *
 * @throws SourceError when the folder is missing, holds no resource model, or a file is not valid JSON.
 */
export async function ingestBoto3Resources(db: Database, dir: string, log: BuildLog): Promise<SourceRecord> {
  const root = dir.replace(/\/+$/, "") || dir;
  const hint = "pass the boto3 data/ folder (the one holding s3/2006-03-01/resources-1.json)";
  const reader = new ModelReader(SOURCE, root);
  const resources: Row[] = [];
  const members: Row[] = [];
  let services = 0;

  for (const service of await listFolders(SOURCE, root, hint)) {
    const newest = await newestVersion(SOURCE, `${root}/${service}`, "resources-1");
    if (!newest) {
      log.warn(`boto3: ${root}/${service} has no API version folder with resources-1.json(.gz); skipped`);
      continue;
    }
    const versionDir = `${root}/${service}/${newest.version}`;
    const where = `${versionDir}/resources-1.json(.gz)`;
    const model = (await reader.read(versionDir, "resources-1"))!;
    if (!isObject(model.service) && !isObject(model.resources)) {
      throw new SourceError(
        SOURCE,
        where,
        "neither `service` nor `resources`; is this a boto3 resource model?",
      );
    }
    services++;
    const resourceDefs = obj(model.resources);
    const serviceRows: Row[] = [];
    const serviceMembers: Row[] = [];
    serviceRows.push({ service, resource: SERVICE_RESOURCE, identifiers: [], shape: null });
    serviceMembers.push(
      ...resourceMembers(service, SERVICE_RESOURCE, obj(model.service), resourceDefs, true, where),
    );
    for (const [resource, def] of Object.entries(resourceDefs)) {
      if (!isObject(def)) throw new SourceError(SOURCE, where, `resource ${resource} is not an object`);
      serviceRows.push({
        service,
        resource,
        identifiers: list(def.identifiers).map((id) => String(obj(id).name)),
        shape: str(def.shape) ?? null,
      });
      serviceMembers.push(...resourceMembers(service, resource, def, resourceDefs, false, where));
    }
    resources.push(...serviceRows.sort((a, b) => compare(a.resource as string, b.resource as string)));
    const seen = new Set<string>();
    for (
      const row of serviceMembers.sort((a, b) =>
        compare(a.resource as string, b.resource as string) || compare(a.name as string, b.name as string)
      )
    ) {
      const key = `${row.resource}\0${row.name}`;
      if (seen.has(key)) {
        log.warn(`boto3: ${where}: ${row.resource}.${row.name} defined twice; kept the first (${row.kind})`);
        continue;
      }
      seen.add(key);
      members.push(row);
    }
  }

  if (services === 0) throw new SourceError(SOURCE, root, `no resource models found; ${hint}`);

  insertRows(db, "boto3_resources", resources);
  insertRows(db, "boto3_resource_members", members);

  return {
    name: SOURCE,
    location: dir,
    detail: {
      services,
      resources: resources.length,
      members: members.length,
      files: reader.hashes.size,
      sha256: reader.fingerprint(),
    },
  };
}
