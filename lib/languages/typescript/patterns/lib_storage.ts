/**
 * Pattern `typescript/lib_storage`: managed uploads (`@aws-sdk/lib-storage`).
 *
 * Matches `new Upload({ client, params: {...}, tags? })`. An upload may be a single `PutObject` or a multipart
 * upload, so it needs every action the knowledge base lists for it (`PutObject`, `CreateMultipartUpload`,
 * `UploadPart`, `CompleteMultipartUpload`, `AbortMultipartUpload`), plus `PutObjectTagging` only when the
 * `tags` option is given. `arguments` are the members of `params` (Bucket, Key, ...).
 *
 * @example
 * ```ts
 * import { Upload } from "@aws-sdk/lib-storage";
 * await new Upload({ client: s3, params: { Bucket: BUCKET, Key: key, Body: stream } }).done();
 * ```
 *
 * @module
 */
import { calleeSymbol, type TsPattern } from "../pattern.ts";
import { utilityOperations } from "../sdk_modules.ts";
import { utilityCalls } from "../utility_calls.ts";

/** Stable id of this pattern. */
export const LIB_STORAGE_PATTERN_ID = "typescript/lib_storage";

const LIB_STORAGE = "@aws-sdk/lib-storage";

/**
 * Emits the S3 operations of a managed upload.
 *
 * @example
 * ```ts ignore
 * libStoragePattern.emit!({ site, makeCall }, ctx).map((c) => c.operation); // ["PutObject", "CreateMultipartUpload", ...]
 * ```
 */
export const libStoragePattern: TsPattern = {
  id: LIB_STORAGE_PATTERN_ID,
  emit(input, ctx) {
    const { site } = input;
    if (site.expr.k !== "new") return undefined;
    const symbol = calleeSymbol(site, ctx);
    if (symbol?.module !== LIB_STORAGE) return undefined;
    const entries = utilityOperations(ctx.kb, LIB_STORAGE, "new", symbol.name);
    if (entries.length === 0) return undefined;
    const arg = site.expr.args[0];
    const options = ctx.requestArguments(arg, site.scope);
    const params = arg && !arg.spread ? ctx.member(ctx.evaluate(arg.value, site.scope), "params") : undefined;
    const request = params && params.t !== "unknown" ? ctx.valueArguments(params, "params") : [];
    return utilityCalls(entries, input, LIB_STORAGE_PATTERN_ID, request, options);
  },
};
