/**
 * Build-time SQLite helpers for the pipeline: open an empty database with the schema, insert rows in a
 * deterministic order, export bytes. Run-time code reads the database through lib/knowledge/ instead.
 *
 * @module
 */
// @ts-types="@types/sql.js"
import initSqlJs from "sql.js";
import type { Database, SqlValue } from "sql.js";

export type { Database, SqlValue };

let sqlPromise: ReturnType<typeof initSqlJs> | undefined;

/** Loads sql.js once per process. */
export function sqlJs(): ReturnType<typeof initSqlJs> {
  sqlPromise ??= initSqlJs();
  return sqlPromise;
}

/** Path of the schema every database is created from. */
export const SCHEMA_URL: URL = new URL("../db/schema.sql", import.meta.url);

/** Opens an empty in-memory database with `db/schema.sql` applied (plus optional staging DDL). */
export async function createDatabase(extraDdl = ""): Promise<Database> {
  const SQL = await sqlJs();
  const db = new SQL.Database();
  db.run("PRAGMA page_size = 4096");
  db.exec(await Deno.readTextFile(SCHEMA_URL));
  if (extraDdl) db.exec(extraDdl);
  return db;
}

/** Opens an existing database from bytes (e.g. the previous build, for the coverage difference). */
export async function openDatabase(bytes: Uint8Array): Promise<Database> {
  const SQL = await sqlJs();
  return new SQL.Database(bytes);
}

/** A row to insert: column name to value (objects and arrays become JSON text with sorted keys). */
export type Row = Record<string, unknown>;

/**
 * Inserts rows into a table inside one transaction. Values that are objects or arrays are stored as
 * canonical JSON; booleans become 0/1; undefined becomes NULL. Use `INSERT OR REPLACE` semantics only
 * when `mode` says so, so duplicate keys are caught by default.
 */
export function insertRows(
  db: Database,
  table: string,
  rows: Iterable<Row>,
  mode: "insert" | "replace" | "ignore" = "insert",
): number {
  let count = 0;
  let stmt: ReturnType<Database["prepare"]> | undefined;
  let columns: string[] = [];
  const verb = mode === "replace" ? "INSERT OR REPLACE" : mode === "ignore" ? "INSERT OR IGNORE" : "INSERT";
  db.run("SAVEPOINT insert_rows");
  try {
    for (const row of rows) {
      if (!stmt) {
        columns = Object.keys(row);
        stmt = db.prepare(
          `${verb} INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
        );
      }
      stmt.run(columns.map((c) => toSqlValue(row[c])));
      count++;
    }
    db.run("RELEASE insert_rows");
  } catch (error) {
    db.run("ROLLBACK TO insert_rows");
    db.run("RELEASE insert_rows");
    throw error;
  } finally {
    stmt?.free();
  }
  return count;
}

/** Converts a JS value to what SQLite stores. */
export function toSqlValue(value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number" || typeof value === "string") return value;
  if (value instanceof Uint8Array) return value;
  return canonicalJson(value);
}

/** JSON with object keys sorted at every level, so identical data gives identical text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Runs a query and returns rows as objects. */
export function queryAll<T = Record<string, SqlValue>>(
  db: Database,
  sql: string,
  params: SqlValue[] = [],
): T[] {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    const rows: T[] = [];
    while (stmt.step()) rows.push(stmt.getAsObject() as T);
    return rows;
  } finally {
    stmt.free();
  }
}

/** Error raised when a pipeline input is missing, malformed or unreachable. Names the source and where. */
export class SourceError extends Error {
  /** Creates an error for source `source` at `location`. */
  constructor(readonly source: string, readonly location: string, message: string, options?: ErrorOptions) {
    super(`${source} (${location}): ${message}`, options);
    this.name = "SourceError";
  }
}
