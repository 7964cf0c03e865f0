/**
 * Pattern `python/getattr_method`: a client method looked up by name with `getattr`.
 *
 * CLIs and job runners pick the operation from a table of method names (`ACTIONS = {"stop": "stop_db_instance"}`)
 * and fetch it with `getattr(client, ACTIONS[action])`, then call what they fetched, directly or later. The
 * lookup counts as a call without arguments (like a method reference, see `python/callable_reference`) of every
 * method the name can be: a string (with the alternatives parameter inference found) or an entry of a dict
 * display of string literals read with a key the tracker does not know (any entry may be read). Only on a value
 * the tracker knows to be a client: `getattr(obj, name)` of anything else may be no SDK method at all.
 *
 * @example
 * ```python
 * ACTIONS = {"start": "start_db_instance", "stop": "stop_db_instance"}
 * operation = getattr(rds, ACTIONS[action])
 * operation(DBInstanceIdentifier=identifier)
 * ```
 *
 * @module
 */
import type { PyExpr } from "../facts.ts";
import { findArgument, type PatternContext, type PythonPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const GETATTR_METHOD_PATTERN_ID = "python/getattr_method";

/**
 * Emits one call without arguments per method name a `getattr(client, name)` can fetch.
 *
 * @example
 * ```ts ignore
 * getattrMethodPattern.emit!({ site, makeCall }, ctx); // [{ method: "start_db_instance", services: ["rds"] }, ...]
 * ```
 */
export const getattrMethodPattern: PythonPattern = {
  id: GETATTR_METHOD_PATTERN_ID,
  emit({ site, makeCall }, ctx) {
    if (!site.bare || site.method !== "getattr") return undefined;
    const object = findArgument(site.call.args, 0);
    const name = findArgument(site.call.args, 1);
    if (!object || !name) return undefined;
    const client = ctx.evaluate(object.value, site.scope);
    if (client.t !== "client" || !client.services.length) return undefined;
    const methods = methodNames(name.value, site.scope, ctx).filter((m) =>
      ctx.kb.operationsByMethod("python", m).some((k) => client.services.includes(k.service))
    );
    return methods.map((method) =>
      makeCall({ pattern: GETATTR_METHOD_PATTERN_ID, method, services: client.services, arguments: [] })
    );
  },
};

/** The method names `expr` can be, sorted; empty when unknown. */
function methodNames(expr: PyExpr, scope: number, ctx: PatternContext): string[] {
  const value = ctx.evaluate(expr, scope);
  if (value.t === "string") return [...new Set([value.value, ...value.alternatives ?? []])].sort();
  if (expr.k !== "subscript") return [];
  // `TABLE[key]` with a key the tracker cannot tell: any string entry of the dict display.
  const table = ctx.evaluate(expr.object, scope);
  if (table.t !== "dict" || table.open || table.expr.k !== "dict") return [];
  const names = new Set<string>();
  for (const entry of table.expr.entries) {
    if (entry.value.k === "str") names.add(entry.value.value);
  }
  return [...names].sort();
}
