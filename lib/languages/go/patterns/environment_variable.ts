/**
 * Pattern `go/environment_variable`: `os.Getenv("NAME")` and `os.LookupEnv("NAME")` are the value of an
 * environment variable, recorded by name on every call argument they reach (struct fields, variables,
 * package-level vars, struct fields set in constructors). The calls themselves are no SDK calls.
 *
 * @example
 * ```go
 * var table = os.Getenv("ORDERS_TABLE")
 * out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: key})
 * ```
 *
 * @module
 */
import type { GoPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const ENVIRONMENT_VARIABLE_PATTERN_ID = "go/environment_variable";

/**
 * Evaluates `os.Getenv` / `os.LookupEnv` with a constant name to `{ t: "env", name }`.
 *
 * @example
 * ```ts ignore
 * environmentVariablePattern.evaluate!(expr, fn, ctx); // { t: "env", name: "ORDERS_TABLE" }
 * ```
 */
export const environmentVariablePattern: GoPattern = {
  id: ENVIRONMENT_VARIABLE_PATTERN_ID,
  evaluate(expr, fn, ctx) {
    if (expr.k !== "call" || expr.args.length !== 1) return undefined;
    const member = ctx.packageMember(expr.callee, fn);
    if (member?.path !== "os" || (member.name !== "Getenv" && member.name !== "LookupEnv")) return undefined;
    const name = ctx.evaluate(expr.args[0], fn);
    return name.t === "string" ? { t: "env", name: name.value } : { t: "unknown" };
  },
};
