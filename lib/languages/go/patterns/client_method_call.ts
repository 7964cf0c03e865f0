/**
 * Pattern `go/client_method_call`: `receiver.Method(ctx, input, ...)` on an SDK client — the last pattern,
 * for every call site no other pattern claimed.
 *
 * On a receiver the tracker knows to be a client (directly, or a struct embedding one), `services` is the
 * client's service. On a receiver of unknown type, the input's type names the service when it is this
 * method's input (`&s3.GetObjectInput{...}` passed to `GetObject`); otherwise services narrow to the SDK
 * service packages the file imports that define the method (upstream's import filter), else stay empty for
 * resolution to judge by name and fields. Receivers of any other known type (a `*sql.DB`, a `string`, the
 * project's own structs) make no SDK call. Input struct fields become named arguments.
 *
 * @example
 * ```go
 * client := s3.NewFromConfig(cfg)
 * out, err := client.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String("in/")})
 * ```
 *
 * @module
 */
import type { GoPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const CLIENT_METHOD_CALL_PATTERN_ID = "go/client_method_call";

/**
 * Emits one SdkCall for a method call on a client or an untyped receiver.
 *
 * @example
 * ```ts ignore
 * clientMethodCallPattern.emit!(input, ctx); // [{ method: "ListObjectsV2", services: ["s3"], ... }]
 * ```
 */
export const clientMethodCallPattern: GoPattern = {
  id: CLIENT_METHOD_CALL_PATTERN_ID,
  emit({ site, receiver, makeCall }, ctx) {
    if (receiver.t === "client") {
      return [makeCall({ pattern: CLIENT_METHOD_CALL_PATTERN_ID, services: receiver.services })];
    }
    if (receiver.t !== "unknown") return [];
    const method = site.method.replace(/WithContext$/, "");
    const inputs = site.call.args.map((a) => ctx.evaluate(a, site.fn)).flatMap((v) =>
      v.t === "input" && v.operation === method ? [v.service] : []
    );
    if (inputs.length) {
      return [makeCall({ pattern: CLIENT_METHOD_CALL_PATTERN_ID, services: [...new Set(inputs)] })];
    }
    const defining = ctx.kb.operationsByMethod("go", method).map((k) => k.service);
    if (!defining.length) return [];
    const imported = ctx.importedServices().filter((s) => defining.includes(s));
    return [makeCall({ pattern: CLIENT_METHOD_CALL_PATTERN_ID, services: imported })];
  },
};
