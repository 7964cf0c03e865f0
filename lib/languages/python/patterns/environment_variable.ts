/**
 * Pattern `python/environment_variable`: values read from the environment.
 *
 * Matches `os.environ["X"]`, `os.environ.get("X"[, default])`, `os.environ.setdefault("X", ...)` and
 * `os.getenv("X"[, default])`, however `os` / `environ` / `getenv` were imported. The variable name must be a
 * string literal or constant. The value is `{ t: "env", name }`, which arguments report as
 * `{ kind: "env", name }` and f-strings as `*`.
 *
 * @example
 * ```python
 * import os
 * TABLE = os.environ["ORDERS_TABLE"]
 * table.put_item(TableName=os.getenv("ORDERS_TABLE"), Item=item)
 * ```
 *
 * @module
 */
import type { PythonPattern } from "../pattern.ts";
import { findArgument } from "../pattern.ts";

/** Stable id of this pattern. */
export const ENVIRONMENT_VARIABLE_PATTERN_ID = "python/environment_variable";

const GETTERS = new Set(["os.getenv", "os.environ.get", "os.environ.setdefault"]);

/**
 * Evaluates environment reads to `{ t: "env", name }`.
 *
 * @example
 * ```ts ignore
 * environmentVariablePattern.evaluate!(expr, scope, ctx); // { t: "env", name: "ORDERS_TABLE" }
 * ```
 */
export const environmentVariablePattern: PythonPattern = {
  id: ENVIRONMENT_VARIABLE_PATTERN_ID,
  evaluates: ["subscript", "call"],
  evaluate(expr, scope, ctx) {
    if (expr.k === "subscript") {
      const object = ctx.evaluate(expr.object, scope);
      if (object.t !== "external" || object.name !== "os.environ") return undefined;
      const key = ctx.evaluate(expr.index, scope);
      return key.t === "string" ? { t: "env", name: key.value } : undefined;
    }
    if (expr.k !== "call") return undefined;
    const fn = ctx.evaluate(expr.callee, scope);
    if (fn.t !== "external" || !GETTERS.has(fn.name)) return undefined;
    const arg = findArgument(expr.args, 0, "key");
    const key = arg ? ctx.evaluate(arg.value, scope) : undefined;
    return key?.t === "string" ? { t: "env", name: key.value } : undefined;
  },
};
