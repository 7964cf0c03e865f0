/**
 * Pattern `python/client_creation`: boto3 clients.
 *
 * Matches
 * - `boto3.client("svc", ...)` and `boto3.client(service_name="svc")`, including `import boto3 as b3` and
 *   `from boto3 import client`;
 * - `<session>.client("svc")` on anything `python/session` recognises (`boto3.Session(...).client("s3")`,
 *   `session = boto3.session.Session(); session.client("s3")`), and botocore's `session.create_client("s3")`;
 * - `<resource>.meta.client` on a resource from `python/service_resource`.
 *
 * The value is a client of that service (no services when the name is not a known literal). Assignments,
 * aliases, `with ... as`, imports between modules and scoping are the tracker's job, so
 * `from helpers import s3` finds the client created in helpers.py.
 *
 * @example
 * ```python
 * import boto3
 * s3 = boto3.client("s3", region_name="eu-west-1")
 * ddb = boto3.resource("dynamodb").meta.client
 * ```
 *
 * @module
 */
import type { PythonPattern } from "../pattern.ts";
import { serviceNamesOf } from "../service_name.ts";

/** Stable id of this pattern. */
export const CLIENT_CREATION_PATTERN_ID = "python/client_creation";

/** Dotted names of functions that return a client. */
const CLIENT_FACTORIES = new Set(["boto3.client"]);
/** Session methods that return a client (`create_client` is botocore's). */
const SESSION_CLIENT_METHODS = new Set(["client", "create_client"]);

/**
 * Evaluates client constructors to `{ t: "client", services }`.
 *
 * @example
 * ```ts ignore
 * clientCreationPattern.evaluate!(expr, scope, ctx); // { t: "client", services: ["s3"] }
 * ```
 */
export const clientCreationPattern: PythonPattern = {
  id: CLIENT_CREATION_PATTERN_ID,
  evaluates: ["attr", "call"],
  evaluate(expr, scope, ctx) {
    if (expr.k === "attr") {
      // resource.meta.client
      if (expr.name !== "client" || expr.object.k !== "attr" || expr.object.name !== "meta") return undefined;
      const owner = ctx.evaluate(expr.object.object, scope);
      return owner.t === "resource" ? { t: "client", services: [owner.service] } : undefined;
    }
    if (expr.k !== "call") return undefined;
    const callee = expr.callee;
    if (callee.k === "attr" && SESSION_CLIENT_METHODS.has(callee.name)) {
      const owner = ctx.evaluate(callee.object, scope);
      if (owner.t === "session") return { t: "client", services: serviceNamesOf(expr.args, scope, ctx) };
    }
    const fn = ctx.evaluate(callee, scope);
    if (fn.t === "external" && CLIENT_FACTORIES.has(fn.name)) {
      return { t: "client", services: serviceNamesOf(expr.args, scope, ctx) };
    }
    return undefined;
  },
};
