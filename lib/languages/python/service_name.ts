/**
 * The shared reading of the service argument of
 * `client(...)` / `resource(...)` (first positional argument or `service_name=`).
 *
 * @module
 */
import type { PyArg } from "./facts.ts";
import { findArgument, type PatternContext } from "./pattern.ts";

/**
 * The botocore services a `client`/`resource` call names: `["s3"]`, or `[]` when the name is not a literal
 * (or a constant) or not a service the knowledge base knows.
 *
 * @example
 * ```ts ignore
 * serviceNamesOf(call.args, scope, ctx); // ["s3"] for boto3.client(service_name="s3")
 * ```
 */
export function serviceNamesOf(args: readonly PyArg[], scope: number, ctx: PatternContext): string[] {
  const arg = findArgument(args, 0, "service_name");
  if (!arg) return [];
  const value = ctx.evaluate(arg.value, scope);
  if (value.t !== "string") return [];
  return ctx.kb.service(value.value) ? [value.value] : [];
}
