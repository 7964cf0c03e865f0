/**
 * Pattern `typescript/waiter`: SDK v3 waiters.
 *
 * Matches calls of `waitUntilXxx(config, input)` (and the deprecated `waitForXxx`) exported by an
 * `@aws-sdk/client-*` package → the operation the waiter `Xxx` polls (`waitUntilBucketExists` →
 * `HeadBucket`, `waitUntilTableExists` → `DescribeTable`), with the members of `input` as arguments.
 *
 * @example
 * ```ts
 * import { waitUntilBucketExists } from "@aws-sdk/client-s3";
 * await waitUntilBucketExists({ client: s3, maxWaitTime: 60 }, { Bucket: BUCKET });
 * ```
 *
 * @module
 */
import { groupByOperation } from "../../shared/operation_groups.ts";
import { calleeSymbol, type TsPattern } from "../pattern.ts";
import { servicesOfPackage } from "../sdk_modules.ts";

/** Stable id of this pattern. */
export const WAITER_PATTERN_ID = "typescript/waiter";

/**
 * Emits the polled operation.
 *
 * @example
 * ```ts ignore
 * waiterPattern.emit!({ site, makeCall }, ctx); // [{ method: "waitUntilBucketExists", operation: "HeadBucket", services: ["s3"] }]
 * ```
 */
export const waiterPattern: TsPattern = {
  id: WAITER_PATTERN_ID,
  emit({ site, makeCall }, ctx) {
    if (site.expr.k !== "call") return undefined;
    const symbol = calleeSymbol(site, ctx);
    const match = symbol ? /^wait(?:Until|For)([A-Z]\w*)$/.exec(symbol.name) : null;
    if (!symbol || !match) return undefined;
    const services = servicesOfPackage(ctx.kb, symbol.module);
    if (services.length === 0) return undefined;
    const keys = ctx.kb.waitersByName(match[1]).filter((w) => services.includes(w.service));
    const args = ctx.requestArguments(site.expr.args[1], site.scope);
    return groupByOperation(keys).map((g) =>
      makeCall({
        pattern: WAITER_PATTERN_ID,
        method: symbol.name,
        services: g.services,
        operation: g.operation,
        arguments: args,
      })
    );
  },
};
