/**
 * Pattern `python/session`: boto3 sessions.
 *
 * Matches calls of `boto3.Session(...)` and `boto3.session.Session(...)` however they were imported
 * (`import boto3 as b3`, `from boto3 import Session`, `from boto3.session import Session as S`), and
 * botocore's `botocore.session.get_session()` and `botocore.session.Session(profile=...)`. The value is a session, which `python/client_creation` and
 * `python/service_resource` turn into clients and resources.
 *
 * @example
 * ```python
 * import boto3
 * session = boto3.Session(profile_name="prod")
 * s3 = session.client("s3")
 * ```
 *
 * @module
 */
import type { PythonPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const SESSION_PATTERN_ID = "python/session";

/** Dotted names of callables that return a session. */
const SESSION_FACTORIES = new Set([
  "boto3.Session",
  "boto3.session.Session",
  "botocore.session.get_session",
  "botocore.session.Session",
]);

/**
 * Evaluates session constructors to `{ t: "session" }`.
 *
 * @example
 * ```ts ignore
 * sessionPattern.evaluate!(expr, scope, ctx); // { t: "session" } for `boto3.Session()`
 * ```
 */
export const sessionPattern: PythonPattern = {
  id: SESSION_PATTERN_ID,
  evaluates: ["call"],
  evaluate(expr, scope, ctx) {
    if (expr.k !== "call") return undefined;
    const callee = ctx.evaluate(expr.callee, scope);
    return callee.t === "external" && SESSION_FACTORIES.has(callee.name) ? { t: "session" } : undefined;
  },
};
