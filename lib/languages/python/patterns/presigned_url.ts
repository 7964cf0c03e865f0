/**
 * Pattern `python/presigned_url`: presigned URLs and POSTs.
 *
 * A presigned request carries the signer's permissions, so the code that signs needs the permission of the
 * presigned operation, though it sends nothing itself.
 * - `client.generate_presigned_url("get_object", Params={...}, ExpiresIn=...)` (also `ClientMethod=`): the
 *   operation named by `ClientMethod` on the client's service, with `Params` (a dict display, directly or
 *   through a name) as its arguments. A `ClientMethod` that is not a literal yields nothing. On an untracked
 *   receiver the call names no operation, so resolution picks the services by method name and arguments.
 * - `s3.generate_presigned_post(Bucket, Key, ...)`: an HTML form upload, i.e. PutObject with Bucket and Key.
 *
 * @example
 * ```python
 * url = s3.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": key}, ExpiresIn=900)
 * post = s3.generate_presigned_post(BUCKET, f"uploads/{user}/${{filename}}")
 * ```
 *
 * @module
 */
import type { CallArgument, SdkCall } from "../../../types.ts";
import { type EmitInput, findArgument, type PatternContext, type PythonPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const PRESIGNED_URL_PATTERN_ID = "python/presigned_url";

/**
 * Emits the presigned operation of `generate_presigned_url` / `generate_presigned_post`.
 *
 * @example
 * ```ts ignore
 * presignedUrlPattern.emit!({ site, makeCall }, ctx); // [{ method: "get_object", operation: "GetObject", ... }]
 * ```
 */
export const presignedUrlPattern: PythonPattern = {
  id: PRESIGNED_URL_PATTERN_ID,
  emit(input, ctx) {
    const { site } = input;
    if (site.bare) return undefined;
    if (site.method !== "generate_presigned_url" && site.method !== "generate_presigned_post") {
      return undefined;
    }
    return presignedCalls(input, ctx);
  },
};

/**
 * The presigned operation of a `generate_presigned_*` site. (Apart from `emit`, which runs for every site: its
 * closures would cost every call an allocation.)
 */
function presignedCalls({ site, makeCall }: EmitInput, ctx: PatternContext): SdkCall[] | undefined {
  const receiver = ctx.evaluate(site.receiver, site.scope);
  if (receiver.t !== "client" && receiver.t !== "unknown") return undefined;
  const services = receiver.t === "client" ? receiver.services : [];
  if (site.method === "generate_presigned_post") {
    if (services.length && !services.includes("s3")) return [];
    const named = ["Bucket", "Key"];
    const args: CallArgument[] = [];
    named.forEach((name, i) => {
      const arg = findArgument(site.call.args, i, name);
      if (!arg) return;
      const [value] = ctx.callArguments([{ name, value: arg.value }], site.scope);
      args.push(value);
    });
    return [
      makeCall({
        pattern: PRESIGNED_URL_PATTERN_ID,
        method: "put_object",
        services: ["s3"],
        operation: "PutObject",
        arguments: args,
      }),
    ];
  }
  const methodArg = findArgument(site.call.args, 0, "ClientMethod");
  const method = methodArg ? ctx.evaluate(methodArg.value, site.scope) : undefined;
  if (method?.t !== "string") return [];
  const paramsArg = findArgument(site.call.args, 1, "Params");
  const args = paramsArg
    ? ctx.expandDict(paramsArg.value, site.scope) ??
      ctx.callArguments([{ splat: "dict", value: paramsArg.value }], site.scope)
    : [];
  if (!services.length) {
    // An untracked receiver: no operation, so resolution narrows by method name and arguments as it does for a
    // direct call (`get_object` with Bucket and Key is S3's, not MediaStore Data's).
    return [makeCall({ pattern: PRESIGNED_URL_PATTERN_ID, method: method.value, services, arguments: args })];
  }
  const keys = ctx.kb.operationsByMethod("python", method.value).filter((k) => services.includes(k.service));
  return keys.map((k): SdkCall =>
    makeCall({
      pattern: PRESIGNED_URL_PATTERN_ID,
      method: method.value,
      services: [k.service],
      operation: k.operation,
      arguments: args,
    })
  );
}
