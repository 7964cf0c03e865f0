/**
 * boto3's dict form of `CopySource` (s3 CopyObject and UploadPartCopy, and the managed `copy` that calls them):
 * `CopySource={"Bucket": b, "Key": k, "VersionId": v}` is sent as the string `b/k` (`b/k?versionId=v`), the
 * form the resource templates of those operations read (`pipeline/curated/corrections.json`).
 *
 * Source: botocore `botocore/handlers.py`, `handle_copy_source_param` (registered for
 * `before-parameter-build.s3.CopyObject` and `before-parameter-build.s3.UploadPartCopy`) and
 * `_quote_source_header_from_dict`: `bucket = source_dict['Bucket']`, `key = source_dict['Key']` (a missing one
 * raises ParamValidationError, so no request is made), `version_id = source_dict.get('VersionId')`;
 * `f'{bucket}/object/{key}'` when the bucket is an access point or outposts ARN (`VALID_S3_ARN`), else
 * `f'{bucket}/{key}'`; the result percent-encoded (safe `-._~/`); then `?versionId=...` appended when
 * `version_id is not None`. The boto3 reference documents the dict for `S3.Client.copy` / `S3.Object.copy`
 * (https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/s3/object/copy.html): "CopySource
 * (dict) – ... The dictionary format is: {'Bucket': 'bucket', 'Key': 'key', 'VersionId': 'id'}". s3transfer passes
 * that dict on to `copy_object` / `upload_part_copy`, where the handler above converts it.
 *
 * The text is kept unencoded: S3 decodes the header, and the decoded key is what names the object in an ARN.
 *
 * @module
 */
import type { PyValue } from "./values.ts";
import { joinStringParts, UNKNOWN } from "./values.ts";

/** The request member (and s3transfer parameter) botocore converts from a dict. */
export const COPY_SOURCE = "CopySource";

/** botocore `VALID_S3_ARN` (handlers.py): an access point or outposts access point ARN used as a bucket. */
const VALID_S3_ARN = new RegExp(
  [
    String.raw`^arn:(aws).*:(s3|s3-object-lambda):[a-z\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\-.]{1,63}$`,
    String
      .raw`^arn:(aws).*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\-]{1,63}$`,
  ].join("|"),
);

/**
 * The string botocore sends for a `CopySource` dict, as a value: exact when every part is, a pattern with `*`
 * for unknown parts, unknown when the bucket or key is missing or when an unknown bucket could be an ARN (which
 * changes the form). `entry(name)` gives the dict's entry: a value, `UNKNOWN` when it cannot be known, or
 * `undefined` when the dict certainly has no such key.
 *
 * @example
 * ```ts
 * import { copySourceString } from "./boto3_copy_source.ts";
 * const dict: Record<string, { t: "string"; value: string }> = { Bucket: { t: "string", value: "inbox" } };
 * copySourceString((name) => dict[name] ?? (name === "Key" ? { t: "unknown" } : undefined));
 * // { t: "pattern", value: "inbox/*" }
 * ```
 */
export function copySourceString(entry: (name: string) => PyValue | undefined): PyValue {
  const bucket = entry("Bucket");
  const key = entry("Key");
  if (bucket === undefined || key === undefined) return UNKNOWN;
  let separator = "/";
  if (bucket.t === "string" && !bucket.alternatives?.length) {
    if (VALID_S3_ARN.test(bucket.value)) separator = "/object/";
  } else {
    // Which form botocore picks depends on the whole bucket; any text that could begin `arn:` may be an ARN.
    const known = bucket.t === "pattern" ? bucket.value.split("*")[0] : "";
    if ("arn:".startsWith(known) || known.startsWith("arn:")) return UNKNOWN;
  }
  const parts: PyValue[] = [bucket, { t: "string", value: separator }, keyPart(key)];
  const version = entry("VersionId");
  if (version !== undefined && !(version.t === "const" && version.value === null)) {
    if (version.t === "string" || version.t === "pattern" || version.t === "number") {
      parts.push({ t: "string", value: "?versionId=" }, version);
    } else {
      // Possibly None (no suffix) or a version: `*` stands for both.
      parts.push(UNKNOWN);
    }
  }
  return joinStringParts(parts);
}

/**
 * The key as it may stand in the string: a `?` of the key would read as the start of the version suffix there
 * (botocore encodes it; the templates cut at it), so it becomes a wildcard.
 */
function keyPart(key: PyValue): PyValue {
  const text = key.t === "pattern" || (key.t === "string" && !key.alternatives?.length) ? key.value : "";
  if (text.includes("?")) {
    return { t: "pattern", value: text.replaceAll("?", "*") };
  }
  return key;
}
