/**
 * Pattern `python/service_resource`: boto3 resource objects, as far as this first cut needs them.
 *
 * Matches `boto3.resource("svc")` (also `service_name="svc"`, aliases, `from boto3 import resource`) and
 * `<session>.resource("svc")`. The value is the service's `ServiceResource`; `python/client_creation` reads
 * `.meta.client` from it. Resource actions (`table.get_item`, `bucket.objects.all()`) are later patterns.
 *
 * @example
 * ```python
 * import boto3
 * dynamodb = boto3.resource("dynamodb")
 * client = dynamodb.meta.client
 * ```
 *
 * @module
 */
import type { PythonPattern } from "../pattern.ts";
import { serviceNamesOf } from "../service_name.ts";

/** Stable id of this pattern. */
export const SERVICE_RESOURCE_PATTERN_ID = "python/service_resource";

/**
 * Evaluates resource constructors to `{ t: "resource", service, resource: "ServiceResource" }`.
 *
 * @example
 * ```ts ignore
 * serviceResourcePattern.evaluate!(expr, scope, ctx); // { t: "resource", service: "dynamodb", ... }
 * ```
 */
export const serviceResourcePattern: PythonPattern = {
  id: SERVICE_RESOURCE_PATTERN_ID,
  evaluates: ["call"],
  evaluate(expr, scope, ctx) {
    if (expr.k !== "call") return undefined;
    const callee = expr.callee;
    let matches = false;
    if (callee.k === "attr" && callee.name === "resource") {
      matches = ctx.evaluate(callee.object, scope).t === "session";
    }
    if (!matches) {
      const fn = ctx.evaluate(callee, scope);
      matches = fn.t === "external" && fn.name === "boto3.resource";
    }
    if (!matches) return undefined;
    const [service] = serviceNamesOf(expr.args, scope, ctx);
    // Without a known service the object is still not a client: leave it unknown.
    return service ? { t: "resource", service, resource: "ServiceResource" } : undefined;
  },
};
