/**
 * Pattern `typescript/paginator`: SDK v3 paginators.
 *
 * Matches calls of `paginateXxx(config, input)` exported by an `@aws-sdk/client-*` package (however imported)
 * → operation `Xxx` of the package's service, with the members of `input` as arguments (any number of call
 * arguments; upstream 0.3.0 needed exactly two). lib-dynamodb's `paginateQuery` / `paginateScan` belong to
 * `typescript/lib_dynamodb`.
 *
 * @example
 * ```ts
 * import { DynamoDBClient, paginateScan } from "@aws-sdk/client-dynamodb";
 * for await (const page of paginateScan({ client, pageSize: 100 }, { TableName: TABLE })) { ... }
 * ```
 *
 * @module
 */
import { calleeSymbol, type TsPattern } from "../pattern.ts";
import { servicesOfPackage } from "../sdk_modules.ts";

/** Stable id of this pattern. */
export const PAGINATOR_PATTERN_ID = "typescript/paginator";

/**
 * Emits the paginated operation.
 *
 * @example
 * ```ts ignore
 * paginatorPattern.emit!({ site, makeCall }, ctx); // [{ method: "paginateScan", operation: "Scan", services: ["dynamodb"] }]
 * ```
 */
export const paginatorPattern: TsPattern = {
  id: PAGINATOR_PATTERN_ID,
  emit({ site, makeCall }, ctx) {
    if (site.expr.k !== "call") return undefined;
    const symbol = calleeSymbol(site, ctx);
    if (!symbol || !/^paginate[A-Z]/.test(symbol.name)) return undefined;
    const operation = symbol.name.slice("paginate".length);
    const services = servicesOfPackage(ctx.kb, symbol.module)
      .filter((s) => ctx.kb.operation(s, operation) !== undefined);
    if (services.length === 0) return undefined;
    return [
      makeCall({
        pattern: PAGINATOR_PATTERN_ID,
        method: symbol.name,
        services,
        operation,
        arguments: ctx.requestArguments(site.expr.args[1], site.scope),
      }),
    ];
  },
};
