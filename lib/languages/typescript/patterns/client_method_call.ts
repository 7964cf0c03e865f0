/**
 * Pattern `typescript/client_method_call`: aggregated-client methods on receivers the tracker cannot follow.
 *
 * `x.getObject({...})` where `x` is unknown (an untyped callback parameter, a value from a framework's
 * container) is still an SDK call when the file imports the service's `@aws-sdk/client-*` package: the
 * services are those imported packages' services that define the method, so a visible import keeps calls
 * from spreading to other services. The first argument must be absent or an object (an SDK input), which
 * tells `pool.query("SELECT 1")` from `dynamodb.query({...})`. Without any client import in the file,
 * nothing is emitted: JavaScript calls far too many methods to guess. Resolution then checks the argument
 * names against the operation's input members.
 *
 * @example
 * ```ts
 * import type { S3 } from "@aws-sdk/client-s3";
 * export const handler = async (deps: any) => deps.s3.listBuckets({}); // s3:ListBuckets
 * ```
 *
 * @module
 */
import { methodCall, type TsPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const CLIENT_METHOD_CALL_PATTERN_ID = "typescript/client_method_call";

/**
 * Emits unknown-receiver method calls whose name an imported client defines.
 *
 * @example
 * ```ts ignore
 * clientMethodCallPattern.emit!({ site, makeCall }, ctx); // [{ method: "listBuckets", services: ["s3"] }]
 * ```
 */
export const clientMethodCallPattern: TsPattern = {
  id: CLIENT_METHOD_CALL_PATTERN_ID,
  emit({ site, makeCall }, ctx) {
    const call = methodCall(site, ctx);
    if (call?.receiver.t !== "unknown") return undefined;
    const imported = ctx.importedServices();
    if (imported.length === 0) return undefined;
    const first = site.expr.args[0];
    if (first) {
      const value = first.spread ? undefined : ctx.evaluate(first.value, site.scope);
      if (value?.t !== "literal" && !(first.value.k === "name" && value?.t === "unknown")) return undefined;
    }
    const services = [
      ...new Set(
        ctx.kb.operationsByMethod("typescript", call.method).map((k) => k.service).filter((s) =>
          imported.includes(s)
        ),
      ),
    ];
    if (services.length === 0) return undefined;
    return [
      makeCall({
        pattern: CLIENT_METHOD_CALL_PATTERN_ID,
        method: call.method,
        services,
        arguments: ctx.requestArguments(first, site.scope),
      }),
    ];
  },
};
