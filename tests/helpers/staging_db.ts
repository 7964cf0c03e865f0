/**
 * Scaffolding for the pipeline tests: a database with the staging tables, a log that collects warnings, and
 * rows for the `services` and `operations` tables with plausible values in every NOT NULL column, so a test
 * spells out only the columns it is about.
 *
 * @module
 */
import assert from "node:assert/strict";
import { createDatabase, type Database, SourceError } from "../../pipeline/sqlite.ts";

/** The staging schema the pipeline builds on (`pipeline/staging.sql`). */
export const STAGING_SQL: string = await Deno.readTextFile(
  new URL("../../pipeline/staging.sql", import.meta.url),
);

/**
 * A fresh in-memory database with the shipped schema and the staging tables.
 *
 * @example
 * ```ts ignore
 * const db = await stagingDatabase();
 * insertRows(db, "services", [serviceRow("s3", "S3")]);
 * ```
 */
export function stagingDatabase(): Promise<Database> {
  return createDatabase(STAGING_SQL);
}

/** A pipeline log that keeps its warnings for assertions. */
export interface CollectingLog {
  warn(message: string): void;
  warnings: string[];
}

/**
 * A log for pipeline sources that collects what they warn about.
 *
 * @example
 * ```ts
 * import { collectingLog } from "./staging_db.ts";
 * const log = collectingLog();
 * log.warn("unknown service");
 * log.warnings; // ["unknown service"]
 * ```
 */
export function collectingLog(): CollectingLog {
  const warnings: string[] = [];
  return { warn: (m: string) => void warnings.push(m), warnings };
}

/**
 * A `services` row for botocore service `service` with SDK id `serviceId`; `fields` add or override columns
 * (`iam_prefix`, `endpoint_prefix`...).
 *
 * @example
 * ```ts
 * import { serviceRow } from "./staging_db.ts";
 * serviceRow("stepfunctions", "SFN", { iam_prefix: "states" }).js_client; // "SFNClient"
 * ```
 */
export function serviceRow(
  service: string,
  serviceId: string = service,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    service,
    service_id: serviceId,
    sdk_id: serviceId,
    api_version: "2020-01-01",
    iam_prefix: null,
    js_package: `@aws-sdk/client-${service}`,
    js_client: `${serviceId}Client`,
    js_aggregated_client: serviceId,
    go_package: `github.com/aws/aws-sdk-go-v2/service/${service}`,
    java_package: `software.amazon.awssdk.services.${service}`,
    java_client: `${serviceId}Client`,
    ...fields,
  };
}

/**
 * An `operations` row for `operation` of `service`, named the same in every SDK but Python (lower case);
 * `fields` add or override columns.
 *
 * @example
 * ```ts
 * import { operationRow } from "./staging_db.ts";
 * operationRow("s3", "GetObject", { python_name: "get_object" }).js_command; // "GetObjectCommand"
 * ```
 */
export function operationRow(
  service: string,
  operation: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    service,
    operation,
    python_name: operation.toLowerCase(),
    js_command: `${operation}Command`,
    js_method: operation,
    go_method: operation,
    java_method: operation,
    has_input: 1,
    deprecated: 0,
    ...fields,
  };
}

/**
 * Asserts that `run` rejects with the pipeline's `SourceError` (a source's input is wrong) and that its message
 * matches `pattern` (which names the file, the entry and the problem).
 *
 * @example
 * ```ts ignore
 * await assertSourceError(() => ingestCurated(db, dir, collectingLog()), /corrections\.json entries\[0\]/);
 * ```
 */
export async function assertSourceError(run: () => Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(run, (error: unknown) => {
    assert.ok(error instanceof SourceError, `expected SourceError, got ${error}`);
    assert.match(error.message, pattern);
    return true;
  });
}
