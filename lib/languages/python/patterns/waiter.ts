/**
 * Pattern `python/waiter`: boto3 waiters.
 *
 * Matches `client.get_waiter("waiter_name")` (also `waiter_name=`), then `.wait(...)` on it, chained or through
 * a variable. Each `wait` call becomes one SdkCall per distinct polled operation (from the knowledge base's
 * waiters): `method` is the polled operation's Python name (`head_bucket` for `bucket_exists`), `operation`
 * its model name, `services` the client's service (or, on an untracked receiver, every service defining the
 * waiter), and `arguments` those of `wait` minus `WaiterConfig`. A waiter created but never waited on still
 * yields its polled operation at the `get_waiter` call, with no arguments (upstream does the same with
 * synthetic required parameters).
 *
 * @example
 * ```python
 * s3.get_waiter("bucket_exists").wait(Bucket=BUCKET, WaiterConfig={"Delay": 5})
 * ```
 *
 * @module
 */
import type { SdkCall } from "../../../types.ts";
import { snakeFromOperation } from "../operation_name.ts";
import { groupByOperation } from "../../shared/operation_groups.ts";
import { type EmitInput, findArgument, type PatternContext, type PythonPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const WAITER_PATTERN_ID = "python/waiter";

/** `wait` keywords that configure polling rather than the request. */
export const WAITER_KEYWORDS: readonly string[] = ["WaiterConfig"];

interface WaiterState {
  created: Map<string, SdkCall[]>;
  used: Set<string>;
}

/**
 * Evaluates `get_waiter` calls to waiter values and emits `wait` calls as the polled operations.
 *
 * @example
 * ```ts ignore
 * waiterPattern.emit!({ site, makeCall }, ctx); // [{ method: "head_bucket", operation: "HeadBucket", ... }]
 * ```
 */
export const waiterPattern: PythonPattern = {
  id: WAITER_PATTERN_ID,
  evaluates: ["call"],
  evaluate(expr, scope, ctx) {
    if (expr.k !== "call" || expr.callee.k !== "attr" || expr.callee.name !== "get_waiter") return undefined;
    const owner = ctx.evaluate(expr.callee.object, scope);
    if (owner.t !== "client" && owner.t !== "unknown") return undefined;
    const arg = findArgument(expr.args, 0, "waiter_name");
    const name = arg ? ctx.evaluate(arg.value, scope) : undefined;
    return {
      t: "waiter",
      services: owner.t === "client" ? owner.services : [],
      name: name?.t === "string" ? name.value : undefined,
      site: `${ctx.fileIndex}:${expr.id}`,
    };
  },
  emit(input, ctx) {
    const { site } = input;
    if (site.method === "get_waiter") {
      const value = ctx.evaluate(site.call, site.scope);
      if (value.t !== "waiter") return undefined;
      const state = ctx.state(WAITER_PATTERN_ID, newState);
      state.created.set(value.site, polledCalls(value, input, ctx, false));
      return [];
    }
    if (site.method !== "wait") return undefined;
    const value = ctx.evaluate(site.receiver, site.scope);
    if (value.t !== "waiter") return undefined;
    ctx.state(WAITER_PATTERN_ID, newState).used.add(value.site);
    return polledCalls(value, input, ctx, true);
  },
  finish(ctx) {
    const state = ctx.state(WAITER_PATTERN_ID, newState);
    return [...state.created].filter(([id]) => !state.used.has(id)).flatMap(([, calls]) => calls);
  },
};

function newState(): WaiterState {
  return { created: new Map(), used: new Set() };
}

function polledCalls(
  waiter: { services: string[]; name?: string },
  { site, makeCall }: EmitInput,
  ctx: PatternContext,
  withArguments: boolean,
): SdkCall[] {
  if (waiter.name === undefined) return [];
  const known = waiter.services;
  const waiters = ctx.kb.waitersByName(waiter.name).filter((w) => !known.length || known.includes(w.service));
  const args = withArguments ? ctx.callArguments(site.call.args, site.scope, WAITER_KEYWORDS) : [];
  return groupByOperation(waiters).map((g) =>
    makeCall({
      pattern: WAITER_PATTERN_ID,
      method: ctx.kb.operation(g.services[0], g.operation)?.pythonName ?? snakeFromOperation(g.operation),
      services: g.services,
      operation: g.operation,
      arguments: args,
    })
  );
}
