/**
 * Pattern `python/sdk_utility`: boto3 utility methods that call operations their name does not reveal,
 * described as data in the knowledge base (`sdk_utilities`, module `boto3`).
 *
 * Matches
 * - on a client: `upload_file`, `upload_fileobj`, `download_file`, `download_fileobj`, `copy` (s3 transfer
 *   manager: PutObject / multipart operations, HeadObject + GetObject, CopyObject ...) and
 *   `generate_db_auth_token` (rds: the bare IAM action `rds-db:connect`); the entry's service must be one of
 *   the client's. On an untracked receiver only with at least three arguments (their signatures need them),
 *   so `shutil.copy(a, b)` or `d.copy()` stay out;
 * - on a resource: the entries whose receiver is the resource type (`Bucket.upload_file`, `Object.copy`,
 *   `Bucket.load` → ListBuckets, `Table.batch_writer` → BatchWriteItem, ec2 `ServiceResource.create_tags`).
 * Positional arguments of the transfer methods are named after their boto3 signature (`Filename`, `Bucket`,
 * `Key`) and resource identifiers are injected, so resource ARNs can be scoped. The writer returned by
 * `batch_writer()` sends nothing itself (its `put_item` / `delete_item` are the BatchWriteItem already
 * counted), so calls on it are claimed with no result.
 *
 * @example
 * ```python
 * s3.upload_file(path, BUCKET, f"uploads/{name}")
 * with table.batch_writer() as batch:
 *     batch.put_item(Item=row)
 * token = rds.generate_db_auth_token(DBHostname=host, Port=5432, DBUsername="app")
 * ```
 *
 * @module
 */
import type { UtilityEntry } from "../../../knowledge/knowledge_base.ts";
import type { CallArgument, SdkCall } from "../../../types.ts";
import type { EmitInput, PatternContext, PythonPattern } from "../pattern.ts";
import type { PyValue } from "../values.ts";
import { injectedArguments } from "../resource_model.ts";
import { utilityCalls } from "../utility_calls.ts";

/** Stable id of this pattern. */
export const SDK_UTILITY_PATTERN_ID = "python/sdk_utility";

/** Module of boto3's own utilities in the knowledge base. */
const BOTO3 = "boto3";
/** Value of `table.batch_writer()`. */
const BATCH_WRITER = "boto3.dynamodb.table.BatchWriter";

/** boto3 signatures of the transfer methods: positional index → parameter, per receiver kind. */
const POSITIONAL_NAMES: Record<string, Record<string, string[]>> = {
  client: {
    upload_file: ["Filename", "Bucket", "Key", "ExtraArgs"],
    upload_fileobj: ["Fileobj", "Bucket", "Key", "ExtraArgs"],
    download_file: ["Bucket", "Key", "Filename", "ExtraArgs"],
    download_fileobj: ["Bucket", "Key", "Fileobj", "ExtraArgs"],
    copy: ["CopySource", "Bucket", "Key", "ExtraArgs"],
  },
  Bucket: {
    upload_file: ["Filename", "Key", "ExtraArgs"],
    upload_fileobj: ["Fileobj", "Key", "ExtraArgs"],
    download_file: ["Key", "Filename", "ExtraArgs"],
    download_fileobj: ["Key", "Fileobj", "ExtraArgs"],
    copy: ["CopySource", "Key", "ExtraArgs"],
  },
  Object: {
    upload_file: ["Filename", "ExtraArgs"],
    upload_fileobj: ["Fileobj", "ExtraArgs"],
    download_file: ["Filename", "ExtraArgs"],
    download_fileobj: ["Fileobj", "ExtraArgs"],
    copy: ["CopySource", "ExtraArgs"],
  },
};

/** Identifier → request member injected for resource utilities. */
const RESOURCE_IDENTIFIERS: Record<string, { name: string; target: string; source: string }[]> = {
  Bucket: [{ name: "Name", target: "Bucket", source: "identifier" }],
  Object: [
    { name: "BucketName", target: "Bucket", source: "identifier" },
    { name: "Key", target: "Key", source: "identifier" },
  ],
  Table: [{ name: "Name", target: "TableName", source: "identifier" }],
};

/**
 * Expands utility methods on clients and resources into the operations they perform.
 *
 * @example
 * ```ts ignore
 * sdkUtilityPattern.emit!({ site, makeCall }, ctx); // PutObject, CreateMultipartUpload, ... for s3.upload_file
 * ```
 */
export const sdkUtilityPattern: PythonPattern = {
  id: SDK_UTILITY_PATTERN_ID,
  evaluates: ["call"],
  evaluate(expr, scope, ctx) {
    if (expr.k !== "call" || expr.callee.k !== "attr" || expr.callee.name !== "batch_writer") {
      return undefined;
    }
    const owner = ctx.evaluate(expr.callee.object, scope);
    return owner.t === "resource" && owner.resource === "Table"
      ? { t: "external", name: BATCH_WRITER }
      : undefined;
  },
  emit(input, ctx) {
    const { site } = input;
    if (site.bare) return undefined;
    const receiver = ctx.evaluate(site.receiver, site.scope);
    if (receiver.t === "external" && receiver.name === BATCH_WRITER) return [];
    // One knowledge-base query per method name and run (large trees repeat the same names thousands of times).
    const cache = ctx.state(ENTRIES_STATE, newEntryCache);
    let entries = cache.get(site.method);
    if (!entries) {
      entries = ctx.kb.utilities("python", site.method).filter((e) => e.module === BOTO3);
      cache.set(site.method, entries);
    }
    if (!entries.length) return undefined;
    return utilityCallsAt(entries, receiver, input, ctx);
  },
};

/** State key of the per-run cache of boto3 utility entries by method name. */
const ENTRIES_STATE = `${SDK_UTILITY_PATTERN_ID}#entries`;

function newEntryCache(): Map<string, UtilityEntry[]> {
  return new Map();
}

/**
 * The calls a utility method with knowledge-base `entries` makes on `receiver`; undefined when none applies.
 * (Apart from `emit`, which runs for every site: its closures would cost every call an allocation.)
 */
function utilityCallsAt(
  entries: readonly UtilityEntry[],
  receiver: PyValue,
  input: EmitInput,
  ctx: PatternContext,
): SdkCall[] | undefined {
  const { site } = input;
  let chosen: UtilityEntry[] = [];
  let receiverKind = "client";
  let injected: CallArgument[] = [];
  if (receiver.t === "client") {
    chosen = entries.filter((e) =>
      e.receiver === "client" && (e.action !== undefined || receiver.services.includes(e.service))
    );
  } else if (receiver.t === "resource") {
    receiverKind = receiver.resource;
    chosen = entries.filter((e) =>
      e.receiver === receiver.resource && (e.action || e.service === receiver.service)
    );
    injected = injectedArguments(receiver, RESOURCE_IDENTIFIERS[receiver.resource] ?? []);
  } else if (receiver.t === "unknown") {
    const count = site.call.args.length;
    const splat = site.call.args.some((a) => a.splat);
    if (count >= 3 || splat) chosen = entries.filter((e) => e.receiver === "client");
  }
  if (!chosen.length) return undefined;
  const names = POSITIONAL_NAMES[receiverKind]?.[site.method] ?? [];
  // Positional arguments take their boto3 names before conversion, so `copy(src, ...)` reads `src` as the
  // `CopySource` it is (a dict botocore turns into `bucket/key`).
  const own = ctx.callArguments(
    site.call.args.map((a) =>
      a.position !== undefined && !a.splat && names[a.position]
        ? { name: names[a.position], value: a.value }
        : a
    ),
    site.scope,
  );
  const ownNames = new Set(own.map((a) => a.name));
  const args = [...injected.filter((a) => !ownNames.has(a.name)), ...own];
  return utilityCalls(chosen, input, ctx, SDK_UTILITY_PATTERN_ID, args);
}
