/**
 * Ingests the iam-dataset SDK-method → IAM-action map (`map.json`, from iann0036/iam-dataset via iamlive;
 * plain or gzipped): `sdk_method_iam_mappings` keys "<SdkServiceName>.<Operation>" (AWS SDK for
 * JavaScript v2 class names: "S3.GetObject", "StepFunctions.StartExecution") become
 * `staging_map_actions` rows, and `sdk_permissionless_actions` become `staging_permissionless` rows.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { type Database, insertRows, queryAll, type Row, SourceError } from "../sqlite.ts";
import type { BuildLog, SourceRecord } from "../source_record.ts";

const SOURCE = "iam-dataset";

/**
 * SDK (JavaScript v2) service names that match no botocore serviceId/sdkId/name after removing spaces and
 * dashes, but whose API botocore still models. Evidence: measured against botocore 2026-08-07 (429
 * services); the map's own `sdk_service_mappings` agrees on the IAM side (CognitoIdentityServiceProvider →
 * cognito-idp, CloudWatchEvents → events). Without this table 36 names (986 of 11 593 keys) matched nothing;
 * with it 28 names (730 keys) remain, all retired services botocore no longer ships (AlexaForBusiness,
 * OpsWorks, RoboMaker, Nimble, SMS, WorkLink, Honeycode, QLDB, IoTAnalytics, IoTEvents, ...), counted in
 * the record's `unmapped_keys`.
 */
export const SDK_SERVICE_ALIASES: Readonly<Record<string, string>> = {
  CognitoIdentityServiceProvider: "cognito-idp", // serviceId "Cognito Identity Provider"
  CloudWatchEvents: "events", // serviceId "EventBridge"; v2 shipped both clients for one API
  ForecastService: "forecast", // serviceId "forecast"
  ForecastQueryService: "forecastquery", // serviceId "forecastquery"
  TranscribeService: "transcribe", // serviceId "Transcribe"
  RDSDataService: "rds-data", // serviceId "RDS Data"
  AugmentedAIRuntime: "sagemaker-a2i-runtime", // serviceId "SageMaker A2I Runtime"
  KinesisVideoSignalingChannels: "kinesis-video-signaling", // serviceId "Kinesis Video Signaling"
};

interface MapEntry {
  action: string;
  resource_mappings?: Record<string, unknown>;
  /** Resource type → whole-ARN template (e.g. states StartExecution: statemachine → ${stateMachineArn}). */
  resourcearn_mappings?: Record<string, unknown>;
  condition_mappings?: Record<string, unknown>;
  conditions?: Record<string, unknown>;
}

interface MapFile {
  info?: string;
  sdk_permissionless_actions?: string[];
  sdk_method_iam_mappings?: Record<string, MapEntry[] | null>;
}

function norm(name: string): string {
  return name.replace(/[\s\-_]/g, "").toLowerCase();
}

async function readMap(path: string): Promise<{ map: MapFile; sha256: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (error) {
    throw new SourceError(
      SOURCE,
      path,
      `cannot read the map: ${
        (error as Error).message
      }. Pass the path of iam-dataset map.json or map.json.gz.`,
      { cause: error },
    );
  }
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  let text: string;
  try {
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
        new DecompressionStream("gzip"),
      );
      text = await new Response(stream).text();
    } else {
      text = new TextDecoder().decode(bytes);
    }
  } catch (error) {
    throw new SourceError(SOURCE, path, `cannot decompress: ${(error as Error).message}`, { cause: error });
  }
  let map: MapFile;
  try {
    map = JSON.parse(text) as MapFile;
  } catch (error) {
    throw new SourceError(SOURCE, path, `not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!map || typeof map !== "object" || typeof map.sdk_method_iam_mappings !== "object") {
    throw new SourceError(SOURCE, path, 'expected an object with "sdk_method_iam_mappings"');
  }
  return { map, sha256 };
}

/** Reads SOURCES.json next to the map or one folder up (the shared data layout), if any. */
async function readProvenance(path: string): Promise<Record<string, unknown> | undefined> {
  for (const dir of [dirname(path), dirname(dirname(path))]) {
    try {
      const sources = JSON.parse(await Deno.readTextFile(join(dir, "SOURCES.json")));
      const entry = sources["iam-dataset-map"] ?? sources["iam-dataset"];
      if (entry && typeof entry === "object") return entry as Record<string, unknown>;
    } catch {
      // no SOURCES.json there: provenance stays unknown
    }
  }
  return undefined;
}

/**
 * Reads the iam-dataset map at `path` into `staging_map_actions` (one row per mapped action, `seq` in map
 * order, `applies_when` = the entry's `conditions`) and `staging_permissionless` (source "iam-dataset").
 * SDK service names are matched to the `services` table by serviceId / sdkId / botocore name (spaces and
 * dashes removed, case-insensitive), then {@link SDK_SERVICE_ALIASES}; operation names are matched to
 * `operations` case-insensitively. Keys that match nothing are counted in the record's detail.
 */
export async function ingestIamDataset(db: Database, path: string, log: BuildLog): Promise<SourceRecord> {
  const { map, sha256 } = await readMap(path);
  const provenance = await readProvenance(path);

  const services = queryAll<{ service: string; service_id: string; sdk_id: string | null }>(
    db,
    "SELECT service, service_id, sdk_id FROM services ORDER BY service",
  );
  const byId = new Map<string, string[]>();
  const byName = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string | null, v: string) => {
    if (!k) return;
    const list = m.get(norm(k)) ?? [];
    if (!list.includes(v)) list.push(v);
    m.set(norm(k), list);
  };
  for (const s of services) {
    push(byId, s.service_id, s.service);
    push(byId, s.sdk_id, s.service);
    push(byName, s.service, s.service);
  }
  const known = new Set(services.map((s) => s.service));
  const resolveService = (sdkName: string): { services: string[]; alias: boolean } => {
    const direct = byId.get(norm(sdkName)) ?? byName.get(norm(sdkName));
    if (direct?.length) return { services: direct, alias: false };
    const alias = SDK_SERVICE_ALIASES[sdkName];
    return { services: alias && known.has(alias) ? [alias] : [], alias: true };
  };
  const operations = new Map<string, string>();
  for (
    const o of queryAll<{ service: string; operation: string }>(
      db,
      "SELECT service, operation FROM operations",
    )
  ) {
    operations.set(`${o.service}\u0000${o.operation.toLowerCase()}`, o.operation);
  }

  const mappings = map.sdk_method_iam_mappings ?? {};
  const keys = Object.keys(mappings).sort();
  const unmappedServices = new Map<string, number>();
  let unmappedKeys = 0;
  let unknownOperations = 0;
  let duplicates = 0;
  let malformed = 0;
  const rows: Row[] = [];
  const taken = new Set<string>();
  // Direct matches first, so a key found through an alias never overrides one naming the service itself
  // (CloudWatchEvents.PutEvents and EventBridge.PutEvents both reach events.PutEvents).
  const resolved = keys.map((key) => {
    const dot = key.indexOf(".");
    const sdkName = dot > 0 ? key.slice(0, dot) : key;
    return { key, sdkName, op: dot > 0 ? key.slice(dot + 1) : "", ...resolveService(sdkName) };
  });
  for (const pass of [false, true]) {
    for (const r of resolved) {
      if (r.alias !== pass) continue;
      if (r.services.length === 0 || !r.op) {
        unmappedKeys++;
        unmappedServices.set(r.sdkName, (unmappedServices.get(r.sdkName) ?? 0) + 1);
        continue;
      }
      const entries = mappings[r.key];
      if (!Array.isArray(entries)) {
        malformed++;
        continue;
      }
      for (const service of r.services) {
        const operation = operations.get(`${service}\u0000${r.op.toLowerCase()}`);
        if (!operation) {
          unknownOperations++;
          continue;
        }
        const id = `${service}\u0000${operation}`;
        if (taken.has(id)) {
          duplicates++;
          continue;
        }
        taken.add(id);
        let seq = 0;
        for (const e of entries) {
          if (!e || typeof e.action !== "string") {
            malformed++;
            continue;
          }
          rows.push({
            service,
            operation,
            seq: seq++,
            action: e.action,
            // Whole-ARN mappings are keyed by resource type, placeholder mappings by placeholder name; the
            // permissions stage tells them apart, so one column holds both.
            resource_mappings: { ...(e.resourcearn_mappings ?? {}), ...(e.resource_mappings ?? {}) },
            condition_mappings: e.condition_mappings ?? {},
            applies_when: e.conditions ?? null,
            detail: r.key,
          });
        }
      }
    }
  }
  if (malformed) log.warn(`iam-dataset (${path}): ${malformed} malformed entries skipped`);

  const permissionless: Row[] = [];
  const seenPermissionless = new Set<string>();
  for (const key of [...(map.sdk_permissionless_actions ?? [])].sort()) {
    const dot = key.indexOf(".");
    const { services: targets } = resolveService(key.slice(0, Math.max(dot, 0)));
    for (const service of targets) {
      const operation = operations.get(`${service}\u0000${key.slice(dot + 1).toLowerCase()}`);
      if (!operation || seenPermissionless.has(`${service}\u0000${operation}`)) continue;
      seenPermissionless.add(`${service}\u0000${operation}`);
      permissionless.push({ service, operation, source: SOURCE, detail: key });
    }
  }

  insertRows(db, "staging_map_actions", rows);
  insertRows(db, "staging_permissionless", permissionless, "replace");

  const topUnmapped = [...unmappedServices.entries()].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]));
  return {
    name: SOURCE,
    location: path,
    version: typeof provenance?.date === "string" ? provenance.date : undefined,
    detail: {
      info: map.info ?? null,
      ...(provenance ? { provenance } : {}),
      sha256,
      keys: keys.length,
      mapped_operations: taken.size,
      actions: rows.length,
      unmapped_keys: unmappedKeys,
      unmapped_sdk_services: Object.fromEntries(topUnmapped),
      unknown_operations: unknownOperations,
      duplicate_operations: duplicates,
      permissionless: permissionless.length,
    },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
