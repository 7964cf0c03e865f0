/**
 * Pattern `go/input_struct`: an operation input of a service package, `&svc.OpInput{Field: value}` (or a
 * variable, parameter or field of type `*svc.OpInput`). Its top-level fields become the named arguments of
 * the SDK call it is passed to (so resolution can check them against the operation's members and fill ARNs),
 * and its type names the service and operation, which narrows calls on receivers of unknown type.
 *
 * @example
 * ```go
 * input := &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
 * input.ContentType = aws.String("application/json")
 * _, err := client.PutObject(ctx, input)
 * ```
 *
 * @module
 */
import type { GoPattern, PatternContext } from "../pattern.ts";
import { argumentValue } from "../../shared/argument_values.ts";
import type { InputValue } from "../values.ts";

/** Stable id of this pattern. */
export const INPUT_STRUCT_PATTERN_ID = "go/input_struct";

/** The (service, operation) of type `name` of service package `path`, when it is an operation input. */
function inputOf(
  path: string,
  name: string,
  ctx: PatternContext,
): { service: string; operation: string } | undefined {
  if (!name.endsWith("Input")) return undefined;
  const method = name.slice(0, -"Input".length);
  for (const service of ctx.servicesOfPackage(path)) {
    const op = ctx.kb.operationsByMethod("go", method).find((k) => k.service === service);
    if (op) return op;
  }
  return undefined;
}

/**
 * Evaluates input composite literals and input-typed declarations to `{ t: "input", ... }`.
 *
 * @example
 * ```ts ignore
 * inputStructPattern.evaluate!(expr, fn, ctx); // { t: "input", service: "s3", operation: "PutObject", fields: [...] }
 * ```
 */
export const inputStructPattern: GoPattern = {
  id: INPUT_STRUCT_PATTERN_ID,
  evaluate(expr, fn, ctx) {
    if (expr.k !== "composite" || !expr.type.pkg || !expr.type.name) return undefined;
    const member = ctx.packageMember(
      {
        k: "sel",
        object: { k: "name", name: expr.type.pkg, at: 0, text: expr.type.pkg },
        name: expr.type.name,
        text: expr.type.text,
      },
      -1,
    );
    if (!member) return undefined;
    const op = inputOf(member.path, member.name, ctx);
    if (!op) return undefined;
    const value: InputValue = {
      t: "input",
      ...op,
      // Positional elements of an input struct are not idiomatic and say nothing by name.
      fields: expr.fields.flatMap((f) =>
        f.name ? [{ name: f.name, value: argumentValue(ctx.evaluate(f.value, fn), f.value.text) }] : []
      ),
      open: expr.fields.some((f) => !f.name),
    };
    return value;
  },
  typeValue(type, ctx) {
    const op = inputOf(type.path, type.name, ctx);
    return op ? { t: "input", ...op, fields: [], open: true } : undefined;
  },
};
