/**
 * Pattern `python/paginator`: boto3 paginators.
 *
 * Matches `client.get_paginator("op_name")` (also `operation_name=`), then `.paginate(...)` on it, chained or
 * through a variable (also across modules). Each `paginate` call becomes one SdkCall per distinct operation:
 * `method` is the paginated operation's Python name, `operation` its model name (`ListObjectsV2`), `services`
 * the client's service (or, on an untracked receiver, every service with that paginator whose request the
 * `paginate` arguments fit: every keyword a member, every required member passed), and `arguments`
 * those of `paginate` minus `PaginationConfig`, `StartingToken` and `PageSize`. A paginator that is created
 * but never paginated still yields its operation, at the `get_paginator` call, with no arguments; since
 * `operation` is set, resolution must treat it as a known operation and not drop it for missing required
 * members (upstream 0.3.0 drops `get_paginator("list_objects_v2")` alone — a quirk fixed here).
 *
 * @example
 * ```python
 * paginator = s3.get_paginator("list_objects_v2")
 * for page in paginator.paginate(Bucket=BUCKET, Prefix="orders/", PaginationConfig={"PageSize": 100}):
 *     ...
 * ```
 *
 * @module
 */
import type { SdkCall } from "../../../types.ts";
import { argumentsFit } from "../../../call_arguments.ts";
import { groupByOperation } from "../../shared/operation_groups.ts";
import { type EmitInput, findArgument, type PatternContext, type PythonPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const PAGINATOR_PATTERN_ID = "python/paginator";

/** `paginate` keywords that configure paging rather than the request. */
export const PAGINATION_KEYWORDS: readonly string[] = ["PaginationConfig", "StartingToken", "PageSize"];

interface PaginatorState {
  /** Creation site id → the calls to emit if it is never paginated. */
  created: Map<string, SdkCall[]>;
  used: Set<string>;
}

/**
 * Evaluates `get_paginator` calls to paginator values and emits `paginate` calls as operations.
 *
 * @example
 * ```ts ignore
 * paginatorPattern.emit!({ site, makeCall }, ctx); // [{ method: "list_objects_v2", operation: "ListObjectsV2", ... }]
 * ```
 */
export const paginatorPattern: PythonPattern = {
  id: PAGINATOR_PATTERN_ID,
  evaluates: ["call"],
  evaluate(expr, scope, ctx) {
    if (expr.k !== "call" || expr.callee.k !== "attr" || expr.callee.name !== "get_paginator") {
      return undefined;
    }
    const owner = ctx.evaluate(expr.callee.object, scope);
    if (owner.t !== "client" && owner.t !== "unknown") return undefined;
    const arg = findArgument(expr.args, 0, "operation_name");
    const name = arg ? ctx.evaluate(arg.value, scope) : undefined;
    return {
      t: "paginator",
      services: owner.t === "client" ? owner.services : [],
      name: name?.t === "string" ? name.value : undefined,
      site: `${ctx.fileIndex}:${expr.id}`,
    };
  },
  emit(input, ctx) {
    const { site } = input;
    if (site.method === "get_paginator") {
      const value = ctx.evaluate(site.call, site.scope);
      if (value.t !== "paginator") return undefined;
      const state = ctx.state(PAGINATOR_PATTERN_ID, newState);
      state.created.set(value.site, operationCalls(value, input, ctx, false));
      return [];
    }
    if (site.method !== "paginate") return undefined;
    const value = ctx.evaluate(site.receiver, site.scope);
    if (value.t !== "paginator") return undefined;
    ctx.state(PAGINATOR_PATTERN_ID, newState).used.add(value.site);
    return operationCalls(value, input, ctx, true);
  },
  finish(ctx) {
    const state = ctx.state(PAGINATOR_PATTERN_ID, newState);
    return [...state.created].filter(([id]) => !state.used.has(id)).flatMap(([, calls]) => calls);
  },
};

function newState(): PaginatorState {
  return { created: new Map(), used: new Set() };
}

function operationCalls(
  paginator: { services: string[]; name?: string },
  { site, makeCall }: EmitInput,
  ctx: PatternContext,
  withArguments: boolean,
): SdkCall[] {
  if (paginator.name === undefined) return []; // `get_paginator(name_variable)`: nothing to go on
  const known = paginator.services;
  let keys = ctx.kb.operationsByMethod("python", paginator.name).filter((k) =>
    known.length ? known.includes(k.service) : ctx.kb.hasPaginator(k.service, k.operation)
  );
  const args = withArguments ? ctx.callArguments(site.call.args, site.scope, PAGINATION_KEYWORDS) : [];
  if (!known.length && withArguments && keys.length > 1) {
    // Untracked receiver: the services whose request the arguments fit, by resolution's rule for an unknown
    // receiver (resolution itself trusts a call that names its operation). None fitting keeps them all.
    const probe = makeCall({
      pattern: PAGINATOR_PATTERN_ID,
      method: paginator.name,
      services: [],
      arguments: args,
    });
    const fitting = keys.filter((k) => argumentsFit(probe, k, ctx.kb, false));
    if (fitting.length) keys = fitting;
  }
  const groups = groupByOperation(keys);
  if (!groups.length) {
    // Not an operation of the client's service: still report it; resolution explains why it is dropped.
    return [
      makeCall({ pattern: PAGINATOR_PATTERN_ID, method: paginator.name, services: known, arguments: args }),
    ];
  }
  return groups.map((g) =>
    makeCall({
      pattern: PAGINATOR_PATTERN_ID,
      method: paginator.name!,
      services: g.services,
      operation: g.operation,
      arguments: args,
    })
  );
}
