/**
 * Pattern `go/waiter`: `svc.NewXxxWaiter(client)` polls the operation behind waiter `Xxx`
 * (`s3.NewBucketExistsWaiter` → `HeadBucket`). Each `Wait` / `WaitForOutput` call becomes one SdkCall of the
 * polled operation, with the input's fields as arguments (the duration is dropped). A waiter that is created
 * but never waited on still yields the operation, at the creation call.
 *
 * @example
 * ```go
 * w := dynamodb.NewTableExistsWaiter(client)
 * err := w.Wait(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)}, 2*time.Minute)
 * ```
 *
 * @module
 */
import type { SdkCall } from "../../../types.ts";
import type { GoPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const WAITER_PATTERN_ID = "go/waiter";

interface WaiterState {
  created: Map<string, SdkCall>;
  used: Set<string>;
}

function state(ctx: { state<T>(id: string, init: () => T): T }): WaiterState {
  return ctx.state<WaiterState>(WAITER_PATTERN_ID, () => ({ created: new Map(), used: new Set() }));
}

/**
 * Evaluates waiter constructors and emits `Wait` calls as the polled operation.
 *
 * @example
 * ```ts ignore
 * waiterPattern.emit!(input, ctx); // [{ method: "Wait", operation: "DescribeTable", services: ["dynamodb"] }]
 * ```
 */
export const waiterPattern: GoPattern = {
  id: WAITER_PATTERN_ID,
  evaluate(expr, fn, ctx) {
    if (expr.k !== "call") return undefined;
    const member = ctx.packageMember(expr.callee, fn);
    const match = member && /^New(\w+)Waiter$/.exec(member.name);
    if (!member || !match) return undefined;
    const services = ctx.servicesOfPackage(member.path);
    const waiters = ctx.kb.waitersByName(match[1]).filter((w) => services.includes(w.service));
    if (!waiters.length) return undefined;
    return {
      t: "waiter",
      services: waiters.map((w) => w.service),
      operation: waiters[0].operation,
      site: `${ctx.fileIndex}:${expr.id}`,
    };
  },
  emit({ site, receiver, makeCall }, ctx) {
    const s = state(ctx);
    if (site.method.startsWith("New") && site.method.endsWith("Waiter")) {
      const value = ctx.evaluate(site.call, site.fn);
      if (value.t !== "waiter") return undefined;
      if (!s.created.has(value.site)) {
        s.created.set(
          value.site,
          makeCall({
            pattern: WAITER_PATTERN_ID,
            method: site.method,
            services: value.services,
            operation: value.operation,
            arguments: [],
          }),
        );
      }
      return [];
    }
    if (receiver.t !== "waiter") return undefined;
    if (site.method !== "Wait" && site.method !== "WaitForOutput") return [];
    s.used.add(receiver.site);
    // Wait(ctx, input, maxDuration, optFns...): only the input's fields are request members.
    const input = site.call.args[1] ? ctx.evaluate(site.call.args[1], site.fn) : undefined;
    return [
      makeCall({
        pattern: WAITER_PATTERN_ID,
        services: receiver.services,
        operation: receiver.operation,
        arguments: input?.t === "input" ? [...input.fields] : [],
      }),
    ];
  },
  finish(ctx) {
    const s = state(ctx);
    return [...s.created].filter(([id]) => !s.used.has(id)).map(([, call]) => call);
  },
};
