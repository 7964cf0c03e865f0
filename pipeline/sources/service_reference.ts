/**
 * Ingests AWS's service reference information (the Service Authorization Reference as JSON, with
 * operation → authorized-actions data): `GET <baseUrl>/` lists `[{service, url}]`, each service document
 * has `Name`, `Actions[]`, `Resources[]`, `ConditionKeys[]` and, for services that support it,
 * `Operations[] {Name, AuthorizedActions[{Name, Service, Context?}], SDK[{Name, Method, Package}]}`.
 * See https://docs.aws.amazon.com/service-authorization/latest/reference/service-reference.html
 *
 * Optional in a build (needs the network); when given it replaces or extends the iam-data rows of the
 * services it covers, and its Operations become the `staging_sr_actions` proposals.
 *
 * @module
 */
import { type Database, insertRows, queryAll, type Row, SourceError } from "../sqlite.ts";
import type { BuildLog, SourceRecord } from "../source_record.ts";

const SOURCE = "service-reference";

/** Where AWS publishes the service reference list. */
export const DEFAULT_SERVICE_REFERENCE_URL = "https://servicereference.us-east-1.amazonaws.com/";

/** Options of {@link ingestServiceReference}. */
export interface ServiceReferenceOptions {
  /** fetch implementation (tests, proxies). Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Per-request timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Parallel requests (default 8). */
  concurrency?: number;
  /** Only these IAM prefixes (default: every service listed). */
  only?: string[];
}

interface ListEntry {
  service: string;
  url: string;
}

interface SrAction {
  Name: string;
  ActionConditionKeys?: string[];
  Resources?: { Name: string }[];
  Annotations?: { Properties?: Record<string, boolean> };
}

interface SrResource {
  Name: string;
  ARNFormats?: string[];
  ConditionKeys?: string[];
}

interface SrConditionKey {
  Name: string;
  Types?: string[];
}

interface SrOperation {
  Name: string;
  AuthorizedActions?: { Name: string; Service: string; Context?: Record<string, string[] | string> }[];
  SDK?: { Name: string; Method: string; Package: string }[];
}

interface SrService {
  Name: string;
  Actions?: SrAction[];
  Resources?: SrResource[];
  ConditionKeys?: SrConditionKey[];
  Operations?: SrOperation[];
}

async function fetchJson<T>(
  url: string,
  doFetch: typeof fetch,
  timeoutMs: number,
): Promise<{ json: T; text: string }> {
  let response: Response;
  try {
    response = await doFetch(url, {
      headers: { "accept": "application/json", "user-agent": "IAMPolicyAutopilot-pipeline" },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const reason = (error as Error).name === "TimeoutError"
      ? `no answer within ${timeoutMs} ms`
      : (error as Error).message;
    throw new SourceError(
      SOURCE,
      url,
      `cannot fetch: ${reason}. Check the network (HTTPS_PROXY) or build without --service-reference ` +
        `(the offline build uses iam-data only).`,
      { cause: error },
    );
  }
  const text = await response.text().catch((error) => {
    throw new SourceError(SOURCE, url, `reading the response failed: ${(error as Error).message}`, {
      cause: error,
    });
  });
  if (!response.ok) {
    throw new SourceError(
      SOURCE,
      url,
      `HTTP ${response.status} ${response.statusText}. Check the service reference URL, or build without it.`,
    );
  }
  try {
    return { json: JSON.parse(text) as T, text };
  } catch (error) {
    throw new SourceError(SOURCE, url, `response is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return results;
}

function accessLevel(action: SrAction): string {
  const p = action.Annotations?.Properties ?? {};
  if (p.IsPermissionManagement) return "Permissions management";
  if (p.IsTaggingOnly) return "Tagging";
  if (p.IsWrite) return "Write";
  if (p.IsList) return "List";
  return "Read";
}

/**
 * Fetches the service reference at `baseUrl` (AWS's is {@link DEFAULT_SERVICE_REFERENCE_URL}) and writes:
 * iam_services / iam_actions / iam_action_resources / iam_resource_types / condition_keys for every service
 * it lists (INSERT OR REPLACE, keeping iam-data's descriptions and `required` flags where the reference has
 * none), and `staging_sr_actions` from `Operations[]`. An operation is attributed to a botocore service by
 * its `SDK[]` entry with Package "Boto3" (Name = boto3 client, Method = python name), else to the services
 * whose `iam_prefix` (or name, or endpoint prefix) equals the reference's service name and that have an
 * operation of that name.
 */
export async function ingestServiceReference(
  db: Database,
  baseUrl: string,
  log: BuildLog,
  options: ServiceReferenceOptions = {},
): Promise<SourceRecord> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let listUrl: URL;
  try {
    listUrl = new URL(baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  } catch (error) {
    throw new SourceError(SOURCE, baseUrl, "not a valid URL; pass an http(s) URL", { cause: error });
  }
  if (listUrl.protocol !== "http:" && listUrl.protocol !== "https:") {
    throw new SourceError(SOURCE, baseUrl, "only http(s) URLs are supported");
  }
  const { json: list } = await fetchJson<ListEntry[]>(listUrl.href, doFetch, timeoutMs);
  if (!Array.isArray(list)) {
    throw new SourceError(SOURCE, listUrl.href, 'expected a JSON array of {"service", "url"}');
  }
  const only = options.only ? new Set(options.only) : undefined;
  const entries = list
    .filter((e) => e && typeof e.service === "string" && typeof e.url === "string")
    .filter((e) => !only || only.has(e.service))
    .sort((a, b) => cmp(a.service, b.service));

  const docs = await mapLimited(entries, options.concurrency ?? 8, async (entry) => {
    const url = new URL(entry.url, listUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new SourceError(SOURCE, url.href, `service "${entry.service}" has a non-http(s) URL`);
    }
    const { json, text } = await fetchJson<SrService>(url.href, doFetch, timeoutMs);
    if (!json || typeof json !== "object" || typeof json.Name !== "string") {
      throw new SourceError(SOURCE, url.href, 'expected a service document with a "Name"');
    }
    return { entry, url: url.href, doc: json, text };
  });

  const hashInput = docs.map((d) => d.text).join("\n");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(hashInput));
  const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");

  const counts = writeIam(db, docs.map((d) => d.doc));
  const opCounts = writeOperations(db, docs.map((d) => d.doc), log);

  return {
    name: SOURCE,
    location: baseUrl,
    detail: { services: docs.length, ...counts, ...opCounts, sha256 },
  };
}

function writeIam(db: Database, docs: SrService[]): Record<string, number> {
  const oldNames = new Map(
    queryAll<{ prefix: string; name: string }>(db, "SELECT prefix, name FROM iam_services").map((
      r,
    ) => [r.prefix, r.name]),
  );
  const oldActions = new Map(
    queryAll<{ prefix: string; action: string; description: string | null; dependent_actions: string }>(
      db,
      "SELECT prefix, action, description, dependent_actions FROM iam_actions",
    ).map((r) => [`${r.prefix}:${r.action.toLowerCase()}`, r]),
  );
  const oldResources = new Map(
    queryAll<
      {
        prefix: string;
        action: string;
        resource_type: string;
        required: number;
        condition_keys: string;
        dependent_actions: string;
      }
    >(
      db,
      "SELECT * FROM iam_action_resources",
    ).map((r) => [`${r.prefix}:${r.action.toLowerCase()}:${r.resource_type}`, r]),
  );
  const oldKeys = new Map(
    queryAll<{ prefix: string; key: string; description: string | null }>(
      db,
      "SELECT prefix, key, description FROM condition_keys",
    ).map((r) => [`${r.prefix}:${r.key.toLowerCase()}`, r.description]),
  );

  const services: Row[] = [];
  const actions: Row[] = [];
  const resources: Row[] = [];
  const types: Row[] = [];
  const keys: Row[] = [];
  for (const doc of docs) {
    const prefix = doc.Name;
    services.push({ prefix, name: oldNames.get(prefix) ?? prefix });
    for (const a of [...(doc.Actions ?? [])].sort((x, y) => cmp(x.Name, y.Name))) {
      const old = oldActions.get(`${prefix}:${a.Name.toLowerCase()}`);
      if (old && old.action !== a.Name) {
        // Same action, different case: replace the old row so only one spelling remains.
        db.run("DELETE FROM iam_actions WHERE prefix = ? AND action = ?", [prefix, old.action]);
        db.run("DELETE FROM iam_action_resources WHERE prefix = ? AND action = ?", [prefix, old.action]);
      }
      db.run("DELETE FROM iam_action_resources WHERE prefix = ? AND action = ?", [prefix, a.Name]);
      actions.push({
        prefix,
        action: a.Name,
        action_lower: a.Name.toLowerCase(),
        access_level: accessLevel(a),
        description: old?.description ?? null,
        condition_keys: [...(a.ActionConditionKeys ?? [])].sort(),
        dependent_actions: old ? JSON.parse(old.dependent_actions) : [],
      });
      const seen = new Set<string>();
      for (const r of [...(a.Resources ?? [])].sort((x, y) => cmp(x.Name, y.Name))) {
        if (seen.has(r.Name)) continue;
        seen.add(r.Name);
        const oldR = oldResources.get(`${prefix}:${a.Name.toLowerCase()}:${r.Name}`);
        resources.push({
          prefix,
          action: a.Name,
          resource_type: r.Name,
          required: oldR?.required ?? 0,
          condition_keys: oldR ? JSON.parse(oldR.condition_keys) : [],
          dependent_actions: oldR ? JSON.parse(oldR.dependent_actions) : [],
        });
      }
    }
    for (const r of [...(doc.Resources ?? [])].sort((x, y) => cmp(x.Name, y.Name))) {
      types.push({
        prefix,
        resource_type: r.Name,
        arn_formats: r.ARNFormats ?? [],
        condition_keys: [...(r.ConditionKeys ?? [])].sort(),
      });
    }
    for (const k of [...(doc.ConditionKeys ?? [])].sort((x, y) => cmp(x.Name, y.Name))) {
      const lower = `${prefix}:${k.Name.toLowerCase()}`;
      db.run("DELETE FROM condition_keys WHERE prefix = ? AND lower(key) = lower(?)", [prefix, k.Name]);
      keys.push({
        prefix,
        key: k.Name,
        type: k.Types?.length ? k.Types.join(",") : null,
        description: oldKeys.get(lower) ?? null,
      });
    }
  }
  insertRows(db, "iam_services", services, "replace");
  insertRows(db, "iam_actions", actions, "replace");
  insertRows(db, "iam_action_resources", resources, "replace");
  insertRows(db, "iam_resource_types", types, "replace");
  insertRows(db, "condition_keys", keys, "replace");
  return { actions: actions.length, resource_types: types.length, condition_keys: keys.length };
}

function writeOperations(db: Database, docs: SrService[], log: BuildLog): Record<string, number> {
  const services = queryAll<
    { service: string; iam_prefix: string | null; endpoint_prefix: string | null }
  >(db, "SELECT service, iam_prefix, endpoint_prefix FROM services ORDER BY service");
  const known = new Set(services.map((s) => s.service));
  const byPrefix = new Map<string, string[]>();
  const add = (key: string | null, service: string) => {
    if (!key) return;
    const list = byPrefix.get(key) ?? [];
    if (!list.includes(service)) list.push(service);
    byPrefix.set(key, list);
  };
  for (const s of services) add(s.iam_prefix ?? s.service, s.service);
  for (const s of services) if (!s.iam_prefix) add(s.endpoint_prefix, s.service);

  const ops = queryAll<{ service: string; operation: string; python_name: string }>(
    db,
    "SELECT service, operation, python_name FROM operations",
  );
  const byName = new Map<string, string>();
  const byPython = new Map<string, string>();
  for (const o of ops) {
    byName.set(`${o.service}\u0000${o.operation.toLowerCase()}`, o.operation);
    byPython.set(`${o.service}\u0000${o.python_name}`, o.operation);
  }

  const rows: Row[] = [];
  const taken = new Set<string>();
  let unattributed = 0;
  for (const doc of docs) {
    for (const op of [...(doc.Operations ?? [])].sort((a, b) => cmp(a.Name, b.Name))) {
      const opName = op.Name.includes(":") ? op.Name.slice(op.Name.indexOf(":") + 1) : op.Name;
      const targets: [string, string][] = [];
      for (const sdk of op.SDK ?? []) {
        if (sdk.Package !== "Boto3" || !known.has(sdk.Name)) continue;
        const operation = byPython.get(`${sdk.Name}\u0000${sdk.Method}`) ??
          byName.get(`${sdk.Name}\u0000${opName.toLowerCase()}`);
        if (operation) targets.push([sdk.Name, operation]);
      }
      if (targets.length === 0) {
        for (const service of byPrefix.get(doc.Name) ?? []) {
          const operation = byName.get(`${service}\u0000${opName.toLowerCase()}`);
          if (operation) targets.push([service, operation]);
        }
      }
      if (targets.length === 0) {
        unattributed++;
        continue;
      }
      const authorized = op.AuthorizedActions?.length
        ? op.AuthorizedActions
        : [{ Name: opName, Service: doc.Name, Context: undefined }];
      for (const [service, operation] of targets) {
        const key = `${service}\u0000${operation}`;
        if (taken.has(key)) {
          log.warn(
            `service-reference: ${doc.Name}:${op.Name} maps to ${service}.${operation} again; first kept`,
          );
          continue;
        }
        taken.add(key);
        authorized.forEach((a, seq) => {
          const context: Record<string, string[]> = {};
          for (const [k, v] of Object.entries(a.Context ?? {})) context[k] = Array.isArray(v) ? v : [v];
          rows.push({
            service,
            operation,
            seq,
            action: `${a.Service.toLowerCase()}:${a.Name}`,
            context,
            detail: `${doc.Name}:${opName}`,
          });
        });
      }
    }
  }
  insertRows(db, "staging_sr_actions", rows, "replace");
  return { operation_actions: rows.length, operations: taken.size, operations_unattributed: unattributed };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
