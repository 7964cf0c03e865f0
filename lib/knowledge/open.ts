/**
 * Locating, reading and decompressing the knowledge database. The only I/O of lib/knowledge.
 *
 * @module
 */
// @ts-types="@types/sql.js"
import initSqlJs from "sql.js";
import type { Database, SqlJsStatic } from "sql.js";
import { gunzipSync } from "node:zlib";

/** Environment variable that selects a knowledge database file explicitly. */
export const KNOWLEDGE_DB_ENV = "IAM_POLICY_AUTOPILOT_KNOWLEDGE_DB";

/** The database shipped with the package (gzip-compressed SQLite). */
export const BUNDLED_DB_URL: URL = new URL("../../db/knowledge.sqlite.gz", import.meta.url);

/** The knowledge database is missing or unreadable; the message says how to rebuild or reinstall it. */
export class KnowledgeDatabaseError extends Error {
  /** Creates the error for the database at `location`. */
  constructor(readonly location: string, message: string, options?: ErrorOptions) {
    super(`Knowledge database ${location}: ${message}`, options);
    this.name = "KnowledgeDatabaseError";
  }
}

let sqlJsPromise: Promise<SqlJsStatic> | undefined;

function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJsPromise ??= initSqlJs();
  return sqlJsPromise;
}

const REBUILD_HINT =
  "rebuild it with `deno task db:build` in a source checkout, reinstall the tool, or point " +
  `${KNOWLEDGE_DB_ENV} / --knowledge-db at a valid database file`;

/**
 * Where the database comes from: an explicit path, the environment variable, or the bundled file.
 *
 * @example
 * ```ts ignore
 * const where = knowledgeDatabaseLocation(undefined); // the bundled db/knowledge.sqlite.gz
 * ```
 */
export function knowledgeDatabaseLocation(explicitPath: string | undefined): URL | string {
  if (explicitPath) return explicitPath;
  let fromEnv: string | undefined;
  try {
    fromEnv = Deno.env.get(KNOWLEDGE_DB_ENV);
  } catch {
    fromEnv = undefined; // no --allow-env: use the bundled database
  }
  return fromEnv || BUNDLED_DB_URL;
}

/** Reads database bytes from a path or URL; gzip is detected by its magic bytes. */
export async function readKnowledgeBytes(location: URL | string): Promise<Uint8Array> {
  const label = location instanceof URL && location.protocol === "file:"
    ? decodeURIComponent(location.pathname)
    : String(location);
  let raw: Uint8Array;
  try {
    if (location instanceof URL && location.protocol !== "file:") {
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
    throw new KnowledgeDatabaseError(label, `${reason}; ${REBUILD_HINT}`, { cause: error });
  }
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return gunzipSync(raw);
    } catch (error) {
      throw new KnowledgeDatabaseError(label, `is corrupt (bad gzip data); ${REBUILD_HINT}`, {
        cause: error,
      });
    }
  }
  return raw;
}

/** Opens database bytes with sql.js and checks it is one of ours. */
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
