/**
 * Pattern `go/feature_utility`: SDK feature types whose methods perform operations their names do not
 * reveal, as listed in the knowledge base's utilities (`feature/s3/manager`: `Uploader.Upload` →
 * PutObject, CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload;
 * `Downloader.Download` → GetObject). An instance comes from `pkg.New<Receiver>(...)` or a declaration of
 * type `pkg.<Receiver>`; each method call becomes one SdkCall per operation, with `via` naming the entry
 * and the input's fields as arguments (the uploader's `PutObjectInput` carries Bucket and Key).
 *
 * @example
 * ```go
 * uploader := manager.NewUploader(s3.NewFromConfig(cfg))
 * _, err := uploader.Upload(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: f})
 * ```
 *
 * @module
 */
import type { GoPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const FEATURE_UTILITY_PATTERN_ID = "go/feature_utility";

/**
 * Evaluates feature constructors to `{ t: "utility" }` and emits their methods' operations.
 *
 * @example
 * ```ts ignore
 * featureUtilityPattern.emit!(input, ctx).map((c) => c.operation); // ["PutObject", "CreateMultipartUpload", ...]
 * ```
 */
export const featureUtilityPattern: GoPattern = {
  id: FEATURE_UTILITY_PATTERN_ID,
  evaluate(expr, fn, ctx) {
    if (expr.k !== "call") return undefined;
    const member = ctx.packageMember(expr.callee, fn);
    if (!member?.name.startsWith("New")) return undefined;
    const receiver = member.name.slice("New".length);
    const entries = ctx.kb.utilitiesOfModule("go", member.path).filter((u) => u.receiver === receiver);
    return entries.length ? { t: "utility", module: member.path, receiver } : undefined;
  },
  typeValue(type, ctx) {
    const entries = ctx.kb.utilitiesOfModule("go", type.path).filter((u) => u.receiver === type.name);
    return entries.length ? { t: "utility", module: type.path, receiver: type.name } : undefined;
  },
  emit({ site, receiver, makeCall }, ctx) {
    if (receiver.t !== "utility") return undefined;
    const entries = ctx.kb.utilitiesOfModule("go", receiver.module).filter((u) =>
      u.receiver === receiver.receiver && u.method === site.method && u.service !== "" && u.operation !== ""
    );
    const args = ctx.sdkArguments(site.call.args, site.fn);
    return entries.map((u) =>
      makeCall({
        pattern: FEATURE_UTILITY_PATTERN_ID,
        services: [u.service],
        operation: u.operation,
        arguments: args,
        via: `${u.module}.${u.receiver}.${u.method}`,
      })
    );
  },
};
