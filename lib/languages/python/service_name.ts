/**
 * The shared reading of the service argument of
 * `client(...)` / `resource(...)` (first positional argument or `service_name=`).
 *
 * @module
 */
import type { PyArg } from "./facts.ts";
import { findArgument, type PatternContext } from "./pattern.ts";

/**
 * The botocore services a `client`/`resource` call names: `["s3"]` (several when a parameter is passed different
 * names at different call sites), or `[]` when the name is not a literal
 * (or a constant) or not a service the knowledge base knows.
 *
 * @example
 * ```ts ignore
 * serviceNamesOf(call.args, scope, ctx); // ["s3"] for boto3.client(service_name="s3")
 * ```
 */
export function serviceNamesOf(args: readonly PyArg[], scope: number, ctx: PatternContext): string[] {
  const arg = findArgument(args, 0, "service_name");
  if (!arg) {
    // `boto3.client(**config)` with `config = {"service_name": "s3", "region_name": REGION}`.
    for (const splat of args.filter((a) => a.splat === "dict")) {
      const named = ctx.expandDict(splat.value, scope)?.find((a) => a.name === "service_name");
      if (named?.value.kind === "literal" && typeof named.value.value === "string") {
        return ctx.kb.service(named.value.value) ? [named.value.value] : [];
      }
    }
    return [];
  }
  const value = ctx.evaluate(arg.value, scope);
  if (value.t !== "string") return [];
  // A name passed differently at several call sites (`Component("sns")`, `super().__init__("firehose")`).
  return [value.value, ...(value.alternatives ?? [])].filter((name) => ctx.kb.service(name) !== undefined);
}
