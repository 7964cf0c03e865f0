/**
 * Pattern `typescript/environment_variable`: values read from the environment.
 *
 * Matches `process.env.X` and `process.env["X"]` (also through `globalThis.process`). The value is
 * `{ t: "env", name }`, which arguments report as `{ kind: "env", name }` and template literals as `*`;
 * `process.env.X ?? "fallback"` keeps the variable.
 *
 * @example
 * ```ts
 * const TABLE = process.env.ORDERS_TABLE!;
 * await ddb.send(new PutItemCommand({ TableName: TABLE, Item: item }));
 * ```
 *
 * @module
 */
import type { TsPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const ENVIRONMENT_VARIABLE_PATTERN_ID = "typescript/environment_variable";

/**
 * Evaluates environment reads to `{ t: "env", name }`.
 *
 * @example
 * ```ts ignore
 * environmentVariablePattern.evaluate!(expr, scope, ctx); // { t: "env", name: "ORDERS_TABLE" }
 * ```
 */
export const environmentVariablePattern: TsPattern = {
  id: ENVIRONMENT_VARIABLE_PATTERN_ID,
  evaluate(expr, scope, ctx) {
    if (expr.k !== "member" && expr.k !== "index") return undefined;
    const object = ctx.evaluate(expr.object, scope);
    if (object.t !== "global" || !/^(globalThis\.)?process\.env$/.test(object.name)) return undefined;
    if (expr.k === "member") return { t: "env", name: expr.prop };
    const key = ctx.evaluate(expr.index, scope);
    return key.t === "string" ? { t: "env", name: key.value } : undefined;
  },
};
