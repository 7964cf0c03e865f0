/**
 * Pattern `python/client_method_call`: any `receiver.method(...)` call no other pattern claimed.
 *
 * On a receiver the tracker knows to be a client, `services` is the client's service; on anything else it is
 * empty and resolution narrows by method name and keyword arguments (so `x.get_object(Bucket=..., Key=...)`
 * on an untracked `x` still counts). A method no SDK operation has (`logger.info(...)`) yields nothing. Calls whose
 * own value a pattern knows (`boto3.client("s3")`, `os.environ.get("X")`, `s3.get_paginator(...)`) are
 * constructs, not requests, and yield nothing; so do calls of the project's own functions and classes
 * (`helpers.queue_url()`), which cannot be SDK methods.
 *
 * @example
 * ```python
 * s3 = boto3.client("s3")
 * s3.get_object(Bucket=BUCKET, Key=f"orders/{order_id}.json")
 * ```
 *
 * @module
 */
import type { PythonPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const CLIENT_METHOD_CALL_PATTERN_ID = "python/client_method_call";

/**
 * Emits one SdkCall per unclaimed method call.
 *
 * @example
 * ```ts ignore
 * clientMethodCallPattern.emit!({ site, makeCall }, ctx); // [{ method: "get_object", services: ["s3"], ... }]
 * ```
 */
export const clientMethodCallPattern: PythonPattern = {
  id: CLIENT_METHOD_CALL_PATTERN_ID,
  // `input.makeCall`, not destructured: the input makes it only when asked (see link_project.ts).
  emit(input, ctx) {
    const { site } = input;
    // A plain-name call (`print(x)`) is no SDK method; library patterns claim the ones that are.
    if (site.bare) return [];
    // Dunder calls (`super().__init__(...)`) are the object protocol, never SDK operations.
    if (site.method.startsWith("__")) return [];
    // No SDK operation has this name (`logger.info`): resolution would drop the call whatever its receiver, so it
    // is dropped here, before its receiver and arguments are evaluated (most method calls in a tree are such).
    if (ctx.kb.operationsByMethod("python", site.method).length === 0) return [];
    if (ctx.evaluate(site.call, site.scope).t !== "unknown") return [];
    const callee = ctx.evaluate(site.call.callee, site.scope);
    if (callee.t === "function" || callee.t === "class") return [];
    const receiver = ctx.evaluate(site.receiver, site.scope);
    return [
      input.makeCall({
        pattern: CLIENT_METHOD_CALL_PATTERN_ID,
        services: receiver.t === "client" ? receiver.services : [],
      }),
    ];
  },
};
