/**
 * What each pipeline source reports after ingestion: stored in the `sources` table and in db/manifest.json.
 *
 * @module
 */

/** Provenance and counts of one ingested input. */
export interface SourceRecord {
  /** Stable source name: botocore | boto3 | iam-data | service-reference | iam-dataset | curated. */
  name: string;
  /** Path or URL as given on the command line; an input read from its default location by a stable name. */
  location: string;
  /** Version, commit or date when known (from SOURCES.json, package.json or the data itself). */
  version?: string;
  /** Free-form facts: commit, date, sha256 of the input, counts of what was read. */
  detail: Record<string, unknown>;
}

/** Warnings and notes collected during a build, printed by the build and kept in the manifest. */
export interface BuildLog {
  /** Something suspicious but not fatal (an action dropped, a service without a model). */
  warn(message: string): void;
}
