/**
 * Pattern `go/interface_method_call`: calls through an interface declared in the analysed code — the usual
 * way Go code makes SDK clients mockable. A method counts as an SDK call when the interface declares it with
 * the SDK's shape (a parameter of type `*svc.<Method>Input`), which also names the service; methods the
 * interface inherits from an embedded SDK interface (`s3.ListObjectsV2APIClient`) count with that
 * interface's service. Other interface methods are the project's own abstractions: their implementations
 * are analysed where they are declared, so the call itself yields nothing.
 *
 * @example
 * ```go
 * type ObjectAPI interface {
 *     GetObject(ctx context.Context, in *s3.GetObjectInput, optFns ...func(*s3.Options)) (*s3.GetObjectOutput, error)
 * }
 * func load(ctx context.Context, api ObjectAPI) { api.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: k}) }
 * ```
 *
 * @module
 */
import type { GoPattern } from "../pattern.ts";
/** Stable id of this pattern. */
export const INTERFACE_METHOD_CALL_PATTERN_ID = "go/interface_method_call";

/**
 * Emits SDK-shaped interface method calls with the service their input type names.
 *
 * @example
 * ```ts ignore
 * interfaceMethodCallPattern.emit!(input, ctx); // [{ method: "GetObject", services: ["s3"], ... }]
 * ```
 */
export const interfaceMethodCallPattern: GoPattern = {
  id: INTERFACE_METHOD_CALL_PATTERN_ID,
  emit({ site, receiver, makeCall }, ctx) {
    if (receiver.t !== "interface") return undefined;
    const declared = ctx.interfaceMethod(receiver.dir, receiver.name, site.method);
    const services = declared
      ? declared.params.flatMap((v) => (v.t === "input" && v.operation === site.method ? [v.service] : []))
      : ctx.interfaceEmbeds(receiver.dir, receiver.name)
        .flatMap((v) => (v.t === "client" ? v.services : []))
        .filter((s) => ctx.kb.operationsByMethod("go", site.method).some((k) => k.service === s));
    return services.length
      ? [makeCall({ pattern: INTERFACE_METHOD_CALL_PATTERN_ID, services: [...new Set(services)] })]
      : [];
  },
};
