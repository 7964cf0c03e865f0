/**
 * `iam-policy-autopilot knowledge update`: fetches the newest published knowledge database, checks it against
 * the published manifest (size, sha256, schema version, its own version) and keeps it in the user's cache
 * directory, where {@linkcode knowledgeDatabaseLocation} prefers it over the shipped database when newer.
 *
 * The manifest is the `db/manifest.json` that `deno task db:build` writes; the database is
 * `database.file` resolved against the manifest's URL (or `database.url` when given).
 *
 * @module
 */
import { gunzipSync } from "node:zlib";
import {
  bundledKnowledgeVersion,
  CACHE_DB_FILE,
  CACHE_MANIFEST_FILE,
  cachedKnowledgeDatabase,
  knowledgeCacheDir,
  knowledgeDatabaseLocation,
  openKnowledgeDatabase,
} from "./open.ts";

/** Environment variable that replaces {@linkcode DEFAULT_KNOWLEDGE_MANIFEST_URL}. */
export const KNOWLEDGE_URL_ENV = "IAM_POLICY_AUTOPILOT_KNOWLEDGE_URL";

/**
 * Where the newest database is published: the manifest asset of the rolling `knowledge-db` GitHub release
 * (uploaded by .github/workflows/release.yml whenever db/ changes on main).
 */
export const DEFAULT_KNOWLEDGE_MANIFEST_URL =
  "https://github.com/awslabs/iam-policy-autopilot/releases/download/knowledge-db/manifest.json";

/** The database schema this version of the tool reads. */
export const SUPPORTED_SCHEMA_VERSION = "1";

/** `knowledge update` failed; nothing in the cache was changed. */
export class KnowledgeUpdateError extends Error {
  /**
   * Creates the error.
   *
   * @example Usage
   * ```ts
   * import assert from "node:assert/strict";
   * import { KnowledgeUpdateError } from "./update.ts";
   *
   * assert.equal(new KnowledgeUpdateError("sha256 mismatch").name, "KnowledgeUpdateError");
   * ```
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "KnowledgeUpdateError";
  }
}

/** Options of {@linkcode updateKnowledgeDatabase}. */
export interface KnowledgeUpdateOptions {
  /** Manifest URL. Default: `IAM_POLICY_AUTOPILOT_KNOWLEDGE_URL`, else {@linkcode DEFAULT_KNOWLEDGE_MANIFEST_URL}. */
  manifestUrl?: string;
  /** Where to store the database. Default: {@linkcode knowledgeCacheDir}. */
  cacheDir?: string;
  /** Per-request timeout in milliseconds (default 60 000). */
  timeoutMs?: number;
  /** fetch implementation (tests, proxies). */
  fetch?: typeof fetch;
}

/** What {@linkcode updateKnowledgeDatabase} did. */
export interface KnowledgeUpdateResult {
  /** `updated`: a new database was stored; `up-to-date`: the cache already held this one. */
  status: "updated" | "up-to-date";
  /** Version of the published database. */
  version: string;
  /** Version of the database used before (cached or shipped), if known. */
  previousVersion: string | undefined;
  /** The stored database file. */
  path: string;
  /** sha256 of the stored (gzip) file, as checked against the manifest. */
  sha256: string;
  /** Size of the stored file in bytes. */
  bytes: number;
  /** The manifest that was used. */
  manifestUrl: string;
}

interface PublishedManifest {
  version: string;
  schemaVersion: string;
  database: { file?: string; url?: string; bytes?: number; sha256: string };
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name) || undefined;
  } catch {
    return undefined;
  }
}

async function download(
  url: URL,
  doFetch: typeof fetch,
  timeoutMs: number,
  what: string,
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await doFetch(url, {
      headers: { "user-agent": "iam-policy-autopilot knowledge update" },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new KnowledgeUpdateError(
      `Cannot fetch the ${what} from ${url.href} (${error instanceof Error ? error.message : error}); ` +
        `check the network or pass --url`,
      { cause: error },
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new KnowledgeUpdateError(`Cannot fetch the ${what} from ${url.href}: HTTP ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

function parseManifest(bytes: Uint8Array, url: string): PublishedManifest {
  let manifest: PublishedManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new KnowledgeUpdateError(`The manifest at ${url} is not JSON`, { cause: error });
  }
  const db = manifest?.database;
  if (
    typeof manifest?.version !== "string" || typeof db?.sha256 !== "string" ||
    !/^[0-9a-f]{64}$/.test(db.sha256) || (typeof db.file !== "string" && typeof db.url !== "string")
  ) {
    throw new KnowledgeUpdateError(
      `The manifest at ${url} is not a knowledge database manifest (needs version, database.sha256 and ` +
        `database.file or database.url)`,
    );
  }
  if (String(manifest.schemaVersion) !== SUPPORTED_SCHEMA_VERSION) {
    throw new KnowledgeUpdateError(
      `The published database has schema version ${manifest.schemaVersion}; this tool reads ` +
        `${SUPPORTED_SCHEMA_VERSION}. Upgrade iam-policy-autopilot to use it`,
    );
  }
  return manifest;
}

async function atomicWrite(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
  try {
    await Deno.writeFile(tmp, bytes);
    await Deno.rename(tmp, path);
  } catch (error) {
    await Deno.remove(tmp).catch(() => {});
    throw error;
  }
}

/**
 * Fetches the published manifest and database, verifies the database (size and sha256 from the manifest,
 * gzip, SQLite, schema and version), and stores both in the cache directory atomically (temporary file,
 * then rename). On any failure the cache is left as it was.
 *
 * @param options Manifest URL, cache directory, timeout.
 * @returns What was stored.
 * @throws {KnowledgeUpdateError} When the manifest or database cannot be fetched or does not verify.
 *
 * @example Usage
 * ```ts ignore
 * import { updateKnowledgeDatabase } from "./update.ts";
 *
 * const result = await updateKnowledgeDatabase({ manifestUrl: "https://example.com/manifest.json" });
 * console.log(result.status, result.version, result.path);
 * ```
 */
export async function updateKnowledgeDatabase(
  options: KnowledgeUpdateOptions = {},
): Promise<KnowledgeUpdateResult> {
  const manifestUrl = options.manifestUrl ?? env(KNOWLEDGE_URL_ENV) ?? DEFAULT_KNOWLEDGE_MANIFEST_URL;
  let manifestLocation: URL;
  try {
    manifestLocation = new URL(manifestUrl);
  } catch (error) {
    throw new KnowledgeUpdateError(`Not a URL: '${manifestUrl}'`, { cause: error });
  }
  const cacheDir = options.cacheDir ?? knowledgeCacheDir();
  if (!cacheDir) {
    throw new KnowledgeUpdateError(
      "No cache directory: set XDG_CACHE_HOME or HOME (LOCALAPPDATA on Windows)",
    );
  }
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const previousVersion = previousKnowledgeVersion(options.cacheDir);

  const manifestBytes = await download(manifestLocation, doFetch, timeoutMs, "knowledge manifest");
  const manifest = parseManifest(manifestBytes, manifestLocation.href);
  const dbPath = `${cacheDir}/${CACHE_DB_FILE}`;
  const manifestPath = `${cacheDir}/${CACHE_MANIFEST_FILE}`;

  const existing = await Deno.readFile(dbPath).catch(() => undefined);
  if (existing && (await sha256Hex(existing)) === manifest.database.sha256) {
    const cachedManifest = await Deno.readTextFile(manifestPath).then(JSON.parse).catch(() => undefined);
    if (cachedManifest?.version === manifest.version) {
      return {
        status: "up-to-date",
        version: manifest.version,
        previousVersion,
        path: dbPath,
        sha256: manifest.database.sha256,
        bytes: existing.length,
        manifestUrl: manifestLocation.href,
      };
    }
  }

  const dbUrl = new URL(manifest.database.url ?? manifest.database.file!, manifestLocation);
  const bytes = await download(dbUrl, doFetch, timeoutMs, "knowledge database");
  if (manifest.database.bytes !== undefined && bytes.length !== manifest.database.bytes) {
    throw new KnowledgeUpdateError(
      `The database at ${dbUrl.href} has ${bytes.length} bytes; the manifest says ${manifest.database.bytes}. ` +
        `Nothing was stored`,
    );
  }
  const sha256 = await sha256Hex(bytes);
  if (sha256 !== manifest.database.sha256) {
    throw new KnowledgeUpdateError(
      `sha256 mismatch for ${dbUrl.href}: got ${sha256}, the manifest says ${manifest.database.sha256}. ` +
        `Nothing was stored`,
    );
  }
  await verifyDatabase(bytes, manifest.version, dbUrl.href);

  await Deno.mkdir(cacheDir, { recursive: true });
  await atomicWrite(dbPath, bytes);
  await atomicWrite(manifestPath, manifestBytes);
  return {
    status: "updated",
    version: manifest.version,
    previousVersion,
    path: dbPath,
    sha256,
    bytes: bytes.length,
    manifestUrl: manifestLocation.href,
  };
}

async function verifyDatabase(bytes: Uint8Array, version: string, label: string): Promise<void> {
  let plain: Uint8Array;
  try {
    plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  } catch (error) {
    throw new KnowledgeUpdateError(`The database at ${label} is not valid gzip`, { cause: error });
  }
  let db;
  try {
    db = await openKnowledgeDatabase(plain, label);
  } catch (error) {
    throw new KnowledgeUpdateError(`The database at ${label} does not open: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    const found = db.exec("SELECT value FROM meta WHERE key = 'version'")[0]?.values[0]?.[0];
    if (found !== version) {
      throw new KnowledgeUpdateError(
        `The database at ${label} has version ${found}; the manifest says ${version}. Nothing was stored`,
      );
    }
  } finally {
    db.close();
  }
}

function previousKnowledgeVersion(cacheDir: string | undefined): string | undefined {
  if (cacheDir === undefined) {
    const cached = cachedKnowledgeDatabase();
    const where = knowledgeDatabaseLocation(undefined);
    return cached && where === cached.path ? cached.version : bundledKnowledgeVersion();
  } else {
    try {
      return JSON.parse(Deno.readTextFileSync(`${cacheDir}/${CACHE_MANIFEST_FILE}`)).version;
    } catch {
      // fall through
    }
  }
  return undefined;
}
