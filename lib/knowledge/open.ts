/**
 * Locating, reading and decompressing the knowledge database. The only I/O of lib/knowledge.
 *
 * Which database is used, first match wins:
 * 1. an explicit path (`--knowledge-db PATH`, `KnowledgeBase.open({ path })`);
 * 2. the `IAM_POLICY_AUTOPILOT_KNOWLEDGE_DB` environment variable;
 * 3. the copy `knowledge update` keeps in the user's cache directory, when it is newer than the shipped one;
 * 4. the database shipped with the tool: in a source checkout the file `db/knowledge.sqlite.gz` next to the
 *    module; in the published package (JSR) the JSON module `db/knowledge.json` (the same gzip bytes as
 *    base64), loaded with a statically analysable `import()` so that it is part of the module graph, cached
 *    by `deno install` / the first `deno run` and available offline; in a bundle or compiled binary whatever
 *    {@linkcode useEmbeddedKnowledge} supplies.
 *
 * @module
 */
// @ts-types="@types/sql.js"
import initSqlJs from "sql.js/dist/sql-wasm-browser.js";
import type { Database, SqlJsStatic } from "sql.js";
import { gunzipSync } from "node:zlib";
import { Buffer } from "node:buffer";
import shippedManifest from "../../db/manifest.json" with { type: "json" };

/**
 * Environment variable that selects a knowledge database file explicitly.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { KNOWLEDGE_DB_ENV } from "./open.ts";
 *
 * assert.equal(KNOWLEDGE_DB_ENV, "IAM_POLICY_AUTOPILOT_KNOWLEDGE_DB");
 * ```
 */
export const KNOWLEDGE_DB_ENV = "IAM_POLICY_AUTOPILOT_KNOWLEDGE_DB";

/**
 * The database shipped with a source checkout (gzip-compressed SQLite). The published package does not
 * contain this file; reading this URL then falls back to {@linkcode BUNDLED_DB_MODULE_URL}.
 */
export const BUNDLED_DB_URL: URL = new URL("../../db/knowledge.sqlite.gz", import.meta.url);

/**
 * The database shipped with the published package: a JSON module (`{ version, sha256, gzipBase64, … }`)
 * generated from `db/knowledge.sqlite.gz` (`deno task db:module`, and by every `deno task db:build`).
 */
export const BUNDLED_DB_MODULE_URL: URL = new URL("../../db/knowledge.json", import.meta.url);

/** The manifest of the shipped database (its `version` decides whether the cached copy is newer). */
export const BUNDLED_MANIFEST_URL: URL = new URL("../../db/manifest.json", import.meta.url);

/** Location label of a database embedded in a bundle or compiled binary. */
export const EMBEDDED_DB_URL: URL = new URL("embedded:knowledge.sqlite.gz");

/** File names of the cached database and its manifest inside {@linkcode knowledgeCacheDir}. */
export const CACHE_DB_FILE = "knowledge.sqlite.gz";
/** Manifest file name inside {@linkcode knowledgeCacheDir}. */
export const CACHE_MANIFEST_FILE = "manifest.json";

/**
 * The knowledge database is missing or unreadable; the message says how to rebuild or reinstall it.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { KnowledgeBase } from "./knowledge_base.ts";
 * import { KnowledgeDatabaseError } from "./open.ts";
 *
 * await assert.rejects(KnowledgeBase.open({ path: "/nonexistent/kb.sqlite.gz" }), KnowledgeDatabaseError);
 * ```
 */
export class KnowledgeDatabaseError extends Error {
  /**
   * Creates the error for the database at `location`.
   *
   * @example Usage
   * ```ts
   * import assert from "node:assert/strict";
   * import { KnowledgeDatabaseError } from "./open.ts";
   *
   * const error = new KnowledgeDatabaseError("/tmp/kb.sqlite", "not found");
   * assert.equal(error.message, "Knowledge database /tmp/kb.sqlite: not found");
   * ```
   */
  constructor(readonly location: string, message: string, options?: ErrorOptions) {
    super(`Knowledge database ${location}: ${message}`, options);
    this.name = "KnowledgeDatabaseError";
  }
}

/** What a bundle or compiled binary embeds instead of files next to the module. */
export interface EmbeddedKnowledge {
  /**
   * `db/knowledge.sqlite.gz` (gzip) or plain SQLite bytes, or a function that supplies them when the
   * database is first opened (e.g. {@linkcode readShippedKnowledgeModule}).
   */
  database?: Uint8Array | (() => Promise<Uint8Array>);
  /** `version` of `db/manifest.json`, so the cache comparison needs no database open. */
  version?: string;
  /** `sql.js/dist/sql-wasm-browser.wasm`. */
  sqlWasm?: Uint8Array;
}

let embedded: EmbeddedKnowledge = {};

/**
 * Makes the run time use embedded bytes (bytes imports of a bundle entry) for the shipped database and for
 * sql.js's WebAssembly, instead of reading files next to the modules.
 *
 * @param assets The embedded bytes; `{}` restores the defaults.
 *
 * @example Usage
 * ```ts ignore
 * import sqlWasm from "sql.js/dist/sql-wasm-browser.wasm" with { type: "bytes" };
 * useEmbeddedKnowledge({ database: readShippedKnowledgeModule, sqlWasm, version: "2026.09.26-64cdb1ae" });
 * ```
 */
export function useEmbeddedKnowledge(assets: EmbeddedKnowledge): void {
  embedded = { ...assets };
  if (assets.sqlWasm) sqlJsPromise = undefined;
}

let sqlJsPromise: Promise<SqlJsStatic> | undefined;

function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJsPromise ??= (async () => {
    const wasm = embedded.sqlWasm ??
      await Deno.readFile(new URL(import.meta.resolve("sql.js/dist/sql-wasm-browser.wasm")));
    return await initSqlJs({ wasmBinary: wasm.slice().buffer });
  })().catch((error) => {
    sqlJsPromise = undefined;
    throw error;
  });
  return sqlJsPromise;
}

const REBUILD_HINT = "rebuild it with `deno task db:build` in a source checkout, reinstall the tool, run " +
  "`iam-policy-autopilot knowledge update`, or point " +
  `${KNOWLEDGE_DB_ENV} / --knowledge-db at a valid database file`;

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name) || undefined;
  } catch {
    return undefined; // no --allow-env
  }
}

/**
 * The user's cache directory for this tool: `$XDG_CACHE_HOME/iam-policy-autopilot`, else
 * `~/.cache/iam-policy-autopilot` (`~/Library/Caches/iam-policy-autopilot` on macOS), or
 * `%LOCALAPPDATA%\iam-policy-autopilot` on Windows. `undefined` when neither is known (no home, no env access).
 *
 * @returns The directory (it may not exist yet).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { knowledgeCacheDir } from "./open.ts";
 *
 * const dir = knowledgeCacheDir();
 * assert.ok(dir === undefined || dir.endsWith("iam-policy-autopilot"));
 * ```
 */
export function knowledgeCacheDir(): string | undefined {
  const name = "iam-policy-autopilot";
  if (Deno.build.os === "windows") {
    const base = env("LOCALAPPDATA") ?? (env("USERPROFILE") && `${env("USERPROFILE")}\\AppData\\Local`);
    return base ? `${base}\\${name}` : undefined;
  }
  const xdg = env("XDG_CACHE_HOME");
  if (xdg) return `${xdg}/${name}`;
  const home = env("HOME");
  if (!home) return undefined;
  return Deno.build.os === "darwin" ? `${home}/Library/Caches/${name}` : `${home}/.cache/${name}`;
}

function readVersion(manifest: URL | string): string | undefined {
  try {
    const version = JSON.parse(Deno.readTextFileSync(manifest)).version;
    return typeof version === "string" ? version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Compares knowledge database versions (`YYYY.MM.DD-<hash>`): by date, and a different build of the same
 * date counts as newer (it was fetched on purpose by `knowledge update`).
 *
 * @param candidate The version that might replace `current`.
 * @param current The version in use.
 * @returns `true` when `candidate` should be preferred.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { isNewerKnowledgeVersion } from "./open.ts";
 *
 * assert.equal(isNewerKnowledgeVersion("2026.10.01-aaaa", "2026.09.26-bbbb"), true);
 * assert.equal(isNewerKnowledgeVersion("2026.09.01-aaaa", "2026.09.26-bbbb"), false);
 * assert.equal(isNewerKnowledgeVersion("2026.09.26-bbbb", "2026.09.26-bbbb"), false);
 * ```
 */
export function isNewerKnowledgeVersion(candidate: string, current: string | undefined): boolean {
  if (!current) return true;
  const date = (v: string) => v.split("-")[0];
  if (date(candidate) !== date(current)) return date(candidate) > date(current);
  return candidate !== current;
}

/**
 * Version of the database shipped with the tool (embedded, or `db/manifest.json` next to the module).
 *
 * @returns The version, or `undefined` when no manifest can be read.
 *
 * @example Usage
 * ```ts ignore
 * bundledKnowledgeVersion(); // "2026.09.26-64cdb1ae"
 * ```
 */
export function bundledKnowledgeVersion(): string | undefined {
  if (embedded.database) return embedded.version;
  return typeof shippedManifest.version === "string" ? shippedManifest.version : undefined;
}

/** Shape of `db/knowledge.json`. */
interface KnowledgeModule {
  version: string;
  sha256: string;
  gzipBase64: string;
}

/**
 * Reads the database shipped as the JSON module `db/knowledge.json` (part of the module graph, so it is in
 * Deno's cache after `deno install` or the first `deno run` of the published package, and works offline).
 *
 * @returns The gzip-compressed SQLite bytes.
 * @throws {KnowledgeDatabaseError} When the module is missing (a source checkout without
 * `deno task db:module`) or is not a knowledge module.
 *
 * @example Usage
 * ```ts ignore
 * import { readShippedKnowledgeModule } from "./open.ts";
 *
 * const gzip = await readShippedKnowledgeModule(); // starts with 0x1f 0x8b
 * ```
 */
export async function readShippedKnowledgeModule(): Promise<Uint8Array> {
  let module: KnowledgeModule;
  try {
    // A literal specifier: `deno publish`, `deno install` and `deno bundle` see it and include the file.
    module = (await import("../../db/knowledge.json", { with: { type: "json" } })).default as KnowledgeModule;
  } catch (error) {
    throw new KnowledgeDatabaseError(
      BUNDLED_DB_MODULE_URL.href,
      `cannot be loaded (${
        errorText(error)
      }); in a source checkout run \`deno task db:module\`; ${REBUILD_HINT}`,
      { cause: error },
    );
  }
  if (typeof module?.gzipBase64 !== "string") {
    throw new KnowledgeDatabaseError(
      BUNDLED_DB_MODULE_URL.href,
      `is not a knowledge module; ${REBUILD_HINT}`,
    );
  }
  return decodeBase64(module.gzipBase64);
}

/** `Uint8Array.fromBase64` where the runtime has it (about twice as fast), else `node:buffer`. */
function decodeBase64(text: string): Uint8Array {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;
  return fromBase64 ? fromBase64(text) : Buffer.from(text, "base64");
}

function isFile(url: URL): boolean {
  if (url.protocol !== "file:") return false;
  try {
    return Deno.statSync(url).isFile;
  } catch {
    return false; // missing, or no --allow-read
  }
}

/**
 * Where the shipped database is: the `.gz` file in a source checkout, else the JSON module.
 *
 * @returns {@linkcode BUNDLED_DB_URL} or {@linkcode BUNDLED_DB_MODULE_URL}.
 */
function shippedDatabaseUrl(): URL {
  return isFile(BUNDLED_DB_URL) ? BUNDLED_DB_URL : BUNDLED_DB_MODULE_URL;
}

/**
 * The cached database (stored by `knowledge update`) and its version, if there is one.
 *
 * @returns Path and version, or `undefined`.
 *
 * @example Usage
 * ```ts ignore
 * cachedKnowledgeDatabase(); // { path: "/home/me/.cache/iam-policy-autopilot/knowledge.sqlite.gz", version: "…" }
 * ```
 */
export function cachedKnowledgeDatabase(): { path: string; version: string } | undefined {
  const dir = knowledgeCacheDir();
  if (!dir) return undefined;
  const sep = Deno.build.os === "windows" ? "\\" : "/";
  const version = readVersion(`${dir}${sep}${CACHE_MANIFEST_FILE}`);
  if (!version) return undefined;
  const path = `${dir}${sep}${CACHE_DB_FILE}`;
  try {
    if (!Deno.statSync(path).isFile) return undefined;
  } catch {
    return undefined;
  }
  return { path, version };
}

/**
 * Where the database comes from: an explicit path, the environment variable, the cached copy when newer than
 * the shipped one, or the shipped database.
 *
 * @param explicitPath `--knowledge-db PATH`, if given.
 * @returns A path, or the URL of the shipped (or embedded) database.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { knowledgeDatabaseLocation } from "./open.ts";
 *
 * assert.equal(knowledgeDatabaseLocation("/tmp/kb.sqlite"), "/tmp/kb.sqlite");
 * ```
 */
export function knowledgeDatabaseLocation(explicitPath: string | undefined): URL | string {
  if (explicitPath) return explicitPath;
  const fromEnv = env(KNOWLEDGE_DB_ENV);
  if (fromEnv) return fromEnv;
  const cached = cachedKnowledgeDatabase();
  if (cached && isNewerKnowledgeVersion(cached.version, bundledKnowledgeVersion())) return cached.path;
  return embedded.database ? EMBEDDED_DB_URL : shippedDatabaseUrl();
}

/**
 * Reads database bytes from a path or URL; gzip is detected by its magic bytes.
 *
 * @param location A path, a `file:`/`http(s):` URL, {@linkcode BUNDLED_DB_URL},
 * {@linkcode BUNDLED_DB_MODULE_URL} or {@linkcode EMBEDDED_DB_URL}.
 * @returns Uncompressed SQLite bytes.
 * @throws {KnowledgeDatabaseError} When the database is missing, unreadable or not valid gzip.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { BUNDLED_DB_URL, readKnowledgeBytes } from "./open.ts";
 *
 * const bytes = await readKnowledgeBytes(BUNDLED_DB_URL);
 * assert.equal(new TextDecoder().decode(bytes.subarray(0, 15)), "SQLite format 3");
 * ```
 */
export async function readKnowledgeBytes(location: URL | string): Promise<Uint8Array> {
  // The bytes are nearly always opened next: let sql.js read and compile its WebAssembly (off the main
  // thread) while this reads and decompresses. A failure here resurfaces in openKnowledgeDatabase.
  loadSqlJs().catch(() => {});
  const label = location instanceof URL && location.protocol === "file:"
    ? decodeURIComponent(location.pathname)
    : String(location);
  let raw: Uint8Array;
  try {
    if (location instanceof URL && location.href === EMBEDDED_DB_URL.href) {
      if (!embedded.database) throw new Deno.errors.NotFound("no embedded database");
      raw = typeof embedded.database === "function" ? await embedded.database() : embedded.database;
    } else if (
      location instanceof URL &&
      (location.href === BUNDLED_DB_MODULE_URL.href ||
        (location.href === BUNDLED_DB_URL.href && !isFile(BUNDLED_DB_URL)))
    ) {
      return await unzip(await readShippedKnowledgeModule(), BUNDLED_DB_MODULE_URL.href);
    } else if (location instanceof URL && location.protocol !== "file:") {
      const response = await fetch(location);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      raw = new Uint8Array(await response.arrayBuffer());
    } else {
      raw = await Deno.readFile(location);
    }
  } catch (error) {
    const reason = error instanceof Deno.errors.NotFound
      ? "not found"
      : `cannot be read (${errorText(error)})`;
    if (error instanceof KnowledgeDatabaseError) throw error;
    throw new KnowledgeDatabaseError(label, `${reason}; ${REBUILD_HINT}`, { cause: error });
  }
  return await unzip(raw, label);
}

async function unzip(raw: Uint8Array, label: string): Promise<Uint8Array> {
  if (raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  const cache = await unzippedCachePath(raw);
  const cached = cache && readUnzippedCache(cache, raw);
  if (cached) return cached;
  let bytes: Uint8Array;
  try {
    bytes = gunzipSync(raw);
  } catch (error) {
    throw new KnowledgeDatabaseError(label, `is corrupt (bad gzip data); ${REBUILD_HINT}`, {
      cause: error,
    });
  }
  if (cache) writeUnzippedCache(cache, bytes);
  return bytes;
}

/** Set to `1` to neither read nor write the decompressed copies of the database in the cache directory. */
export const NO_UNZIPPED_CACHE_ENV = "IAM_POLICY_AUTOPILOT_NO_UNZIPPED_CACHE";

/** Decompressed databases kept in the cache directory, newest first (older ones are deleted). */
const UNZIPPED_KEPT = 2;

/**
 * Where the decompressed copy of gzip bytes `raw` is cached: `<cache dir>/unzipped/<sha256 of raw>.sqlite`.
 * Decompressing the shipped database takes about 90 ms, reading the copy and hashing the gzip bytes about a
 * third of that: most of a one-file answer's time goes to opening the database.
 */
async function unzippedCachePath(raw: Uint8Array): Promise<string | undefined> {
  const dir = knowledgeCacheDir();
  if (!dir || env(NO_UNZIPPED_CACHE_ENV) === "1") return undefined;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", raw as Uint8Array<ArrayBuffer>));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${dir}/unzipped/${hex}.sqlite`;
}

/** The cached copy when it is whole: as long as the gzip trailer says (ISIZE, the size modulo 2^32). */
function readUnzippedCache(path: string, raw: Uint8Array): Uint8Array | undefined {
  try {
    const bytes = Deno.readFileSync(path);
    const size = new DataView(raw.buffer, raw.byteOffset + raw.length - 4, 4).getUint32(0, true);
    return bytes.length % 2 ** 32 === size ? bytes : undefined;
  } catch {
    return undefined; // not cached yet, or unreadable: decompress
  }
}

/** Writes the copy atomically (temp file + rename) and drops the oldest copies; a failure only costs speed. */
function writeUnzippedCache(path: string, bytes: Uint8Array): void {
  const dir = path.slice(0, path.lastIndexOf("/"));
  try {
    Deno.mkdirSync(dir, { recursive: true });
    const temp = Deno.makeTempFileSync({ dir, suffix: ".partial" });
    try {
      Deno.writeFileSync(temp, bytes);
      Deno.renameSync(temp, path);
    } catch (error) {
      Deno.removeSync(temp);
      throw error;
    }
    const copies = [...Deno.readDirSync(dir)]
      .filter((e) => e.isFile && e.name.endsWith(".sqlite"))
      .map((e) => ({
        path: `${dir}/${e.name}`,
        mtime: Deno.statSync(`${dir}/${e.name}`).mtime?.getTime() ?? 0,
      }))
      .sort((a, b) => b.mtime - a.mtime || a.path.localeCompare(b.path));
    for (const old of copies.slice(UNZIPPED_KEPT)) if (old.path !== path) Deno.removeSync(old.path);
  } catch {
    // read-only or full cache directory: the next run decompresses again
  }
}

/**
 * Opens database bytes with sql.js and checks it is one of ours.
 *
 * @param bytes Uncompressed SQLite bytes.
 * @param label Where they came from (for error messages).
 * @returns The open sql.js database (call `close()` when done).
 * @throws {KnowledgeDatabaseError} When the bytes are not a knowledge database.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { BUNDLED_DB_URL, openKnowledgeDatabase, readKnowledgeBytes } from "./open.ts";
 *
 * const db = await openKnowledgeDatabase(await readKnowledgeBytes(BUNDLED_DB_URL), "bundled");
 * assert.equal(db.exec("SELECT value FROM meta WHERE key = 'schema_version'")[0].values[0][0], "1");
 * db.close();
 * ```
 */
export async function openKnowledgeDatabase(bytes: Uint8Array, label: string): Promise<Database> {
  const SQL = await loadSqlJs();
  const header = new TextDecoder().decode(bytes.subarray(0, 15));
  if (header !== "SQLite format 3") {
    throw new KnowledgeDatabaseError(label, `is not a SQLite database; ${REBUILD_HINT}`);
  }
  let db: Database;
  try {
    db = new SQL.Database(bytes);
    const rows = db.exec("SELECT value FROM meta WHERE key = 'schema_version'");
    if (!rows.length) throw new Error("no schema_version in meta");
  } catch (error) {
    throw new KnowledgeDatabaseError(
      label,
      `is corrupt or from another tool (${errorText(error)}); ${REBUILD_HINT}`,
      {
        cause: error,
      },
    );
  }
  return db;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
