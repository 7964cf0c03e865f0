/**
 * Pattern `typescript/presigner`: presigned URLs and posts.
 *
 * `getSignedUrl(client, command)` (`@aws-sdk/s3-request-presigner`) lets the URL's holder perform the
 * command with the signer's permissions: the command's own construction is already its SdkCall (see
 * `typescript/command_send`), so the call itself is claimed without adding one. `createPresignedPost(client,
 * { Bucket, Key, ... })` (`@aws-sdk/s3-presigned-post`) has no command; the POST it signs is an S3
 * `PutObject`, emitted here with the Bucket and Key arguments.
 *
 * @example
 * ```ts
 * import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
 * const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key }), { expiresIn: 900 }); // s3:GetObject
 * ```
 *
 * @module
 */
import { calleeSymbol, type TsPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const PRESIGNER_PATTERN_ID = "typescript/presigner";

/**
 * Claims `getSignedUrl` and emits `createPresignedPost` as `s3:PutObject`.
 *
 * @example
 * ```ts ignore
 * presignerPattern.emit!({ site, makeCall }, ctx); // [{ method: "createPresignedPost", operation: "PutObject", services: ["s3"] }]
 * ```
 */
export const presignerPattern: TsPattern = {
  id: PRESIGNER_PATTERN_ID,
  emit({ site, makeCall }, ctx) {
    if (site.expr.k !== "call") return undefined;
    const symbol = calleeSymbol(site, ctx);
    if (symbol?.module === "@aws-sdk/s3-request-presigner" && symbol.name === "getSignedUrl") return [];
    if (symbol?.module !== "@aws-sdk/s3-presigned-post" || symbol.name !== "createPresignedPost") {
      return undefined;
    }
    const request = ctx.requestArguments(site.expr.args[1], site.scope)
      .filter((a) => a.splat || a.name === "Bucket" || a.name === "Key");
    return [
      makeCall({
        pattern: PRESIGNER_PATTERN_ID,
        method: symbol.name,
        services: ["s3"],
        operation: "PutObject",
        arguments: request,
        via: "@aws-sdk/s3-presigned-post createPresignedPost",
      }),
    ];
  },
};
