/**
 * Pattern `python/async_session`: the asyncio SDKs aioboto3 and aiobotocore.
 *
 * Matches `aioboto3.Session(...)` (also `aioboto3.session.Session`) and aiobotocore's `get_session()` /
 * `AioSession()`. The value is a session, so `session.client("s3")`, `session.resource("dynamodb")` and
 * `session.create_client("s3")` give clients and resources through `python/client_creation` and
 * `python/service_resource`; `async with ... as s3:` binds the client (the tracker reads `with` items), and
 * `await` is transparent, so `await table.put_item(...)` is the resource action.
 *
 * @example
 * ```python
 * session = aioboto3.Session()
 * async with session.client("s3") as s3:
 *     await s3.put_object(Bucket=BUCKET, Key=key, Body=body)
 * ```
 *
 * @module
 */
import type { PythonPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const ASYNC_SESSION_PATTERN_ID = "python/async_session";

/** Dotted names of callables that return an asyncio session. */
const ASYNC_SESSION_FACTORIES = new Set([
  "aioboto3.Session",
  "aioboto3.session.Session",
  "aiobotocore.session.get_session",
  "aiobotocore.session.AioSession",
  "aiobotocore.get_session",
]);

/**
 * Evaluates asyncio session constructors to `{ t: "session" }`.
 *
 * @example
 * ```ts ignore
 * asyncSessionPattern.evaluate!(expr, scope, ctx); // { t: "session" } for `aioboto3.Session()`
 * ```
 */
export const asyncSessionPattern: PythonPattern = {
  id: ASYNC_SESSION_PATTERN_ID,
  evaluates: ["call"],
  evaluate(expr, scope, ctx) {
    if (expr.k !== "call") return undefined;
    const callee = ctx.evaluate(expr.callee, scope);
    return callee.t === "external" && ASYNC_SESSION_FACTORIES.has(callee.name) ? { t: "session" } : undefined;
  },
};
