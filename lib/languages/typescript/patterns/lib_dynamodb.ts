/**
 * Pattern `typescript/lib_dynamodb`: the DynamoDB document client (`@aws-sdk/lib-dynamodb`).
 *
 * Matches, from the knowledge base's `@aws-sdk/lib-dynamodb` entries: `new PutCommand(...)`,
 * `new GetCommand(...)`, ... (sent through a `DynamoDBDocumentClient`) → `PutItem`, `GetItem`, ...;
 * the aggregated `DynamoDBDocument` methods `docs.put(...)`, `docs.query(...)`, ...; and `paginateQuery` /
 * `paginateScan`. Each becomes an SdkCall with service `dynamodb` and the operation set; `arguments` are the
 * members of the input object (native JS values, so no attribute-value checks apply).
 *
 * @example
 * ```ts
 * import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
 * const docs = DynamoDBDocumentClient.from(new DynamoDBClient({}));
 * await docs.send(new PutCommand({ TableName: process.env.TABLE, Item: order })); // dynamodb:PutItem
 * ```
 *
 * @module
 */
import { calleeSymbol, methodCall, type TsPattern } from "../pattern.ts";
import { LIB_DYNAMODB, utilityOperations } from "../sdk_modules.ts";
import { utilityCalls } from "../utility_calls.ts";

/** Stable id of this pattern. */
export const LIB_DYNAMODB_PATTERN_ID = "typescript/lib_dynamodb";

/**
 * Emits the document client's commands, methods and paginators as DynamoDB operations.
 *
 * @example
 * ```ts ignore
 * libDynamodbPattern.emit!({ site, makeCall }, ctx); // [{ method: "PutCommand", operation: "PutItem", services: ["dynamodb"] }]
 * ```
 */
export const libDynamodbPattern: TsPattern = {
  id: LIB_DYNAMODB_PATTERN_ID,
  emit(input, ctx) {
    const { site } = input;
    const symbol = calleeSymbol(site, ctx);
    if (symbol?.module === LIB_DYNAMODB) {
      const receiver = site.expr.k === "new" ? "new" : "function";
      const entries = utilityOperations(ctx.kb, LIB_DYNAMODB, receiver, symbol.name);
      if (entries.length === 0) return undefined;
      // Paginators take (config, input); commands take (input).
      const request = ctx.requestArguments(site.expr.args[receiver === "new" ? 0 : 1], site.scope);
      return utilityCalls(entries, input, LIB_DYNAMODB_PATTERN_ID, request);
    }
    const call = methodCall(site, ctx);
    if (call?.receiver.t !== "instance" || call.receiver.module !== LIB_DYNAMODB) return undefined;
    if (call.receiver.cls !== "DynamoDBDocument") return call.method === "send" ? [] : undefined;
    const entries = utilityOperations(ctx.kb, LIB_DYNAMODB, "DynamoDBDocument", call.method);
    if (entries.length === 0) return call.method === "send" ? [] : undefined;
    const request = ctx.requestArguments(site.expr.args[0], site.scope);
    return utilityCalls(entries, input, LIB_DYNAMODB_PATTERN_ID, request);
  },
};
