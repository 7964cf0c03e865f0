/**
 * Pattern `go/presign_client`: presigned requests. `svc.NewPresignClient(client)` (or a value of type
 * `*svc.PresignClient`) signs requests instead of sending them, but whoever uses the URL acts with the
 * signer's permissions, so `PresignGetObject` needs what `GetObject` needs: `PresignXxx` is operation `Xxx`
 * of the client's service, with the input's fields as arguments.
 *
 * @example
 * ```go
 * presigner := s3.NewPresignClient(client)
 * req, err := presigner.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(k)},
 *     s3.WithPresignExpires(15*time.Minute))
 * ```
 *
 * @module
 */
import type { GoPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const PRESIGN_CLIENT_PATTERN_ID = "go/presign_client";

/**
 * Evaluates presign clients and emits `PresignXxx` calls as operation `Xxx`.
 *
 * @example
 * ```ts ignore
 * presignClientPattern.emit!(input, ctx); // [{ method: "PresignGetObject", operation: "GetObject", services: ["s3"] }]
 * ```
 */
export const presignClientPattern: GoPattern = {
  id: PRESIGN_CLIENT_PATTERN_ID,
  evaluate(expr, fn, ctx) {
    if (expr.k !== "call") return undefined;
    const member = ctx.packageMember(expr.callee, fn);
    if (member?.name !== "NewPresignClient") return undefined;
    const services = ctx.servicesOfPackage(member.path);
    return services.length ? { t: "presign", services } : undefined;
  },
  typeValue(type, ctx) {
    if (type.name !== "PresignClient") return undefined;
    const services = ctx.servicesOfPackage(type.path);
    return services.length ? { t: "presign", services } : undefined;
  },
  emit({ site, receiver, makeCall }, ctx) {
    if (receiver.t !== "presign") return undefined;
    const match = /^Presign(\w+)$/.exec(site.method);
    if (!match) return [];
    const services = receiver.services.filter((s) =>
      ctx.kb.operationsByMethod("go", match[1]).some((k) => k.service === s)
    );
    if (!services.length) return [];
    const operation =
      ctx.kb.operationsByMethod("go", match[1]).find((k) => k.service === services[0])!.operation;
    return [makeCall({ pattern: PRESIGN_CLIENT_PATTERN_ID, services, operation })];
  },
};
