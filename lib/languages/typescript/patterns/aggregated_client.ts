/**
 * Pattern `typescript/aggregated_client`: methods of clients.
 *
 * On an aggregated client (`new S3()`, `new DynamoDB()`: every operation is a method), `s3.getObject(input)`
 * → operation `GetObject` of the client's service, with any number of arguments (the callback style
 * `s3.getObject(input, cb)` included) and the members of `input` as arguments. On a bare client
 * (`S3Client`) only `send` exists, and the command it sends is counted where it is built, so every method
 * call on a bare client (and `send`, `destroy`, `config`... on any client) is claimed without a call.
 *
 * @example
 * ```ts
 * import { S3 } from "@aws-sdk/client-s3";
 * const s3 = new S3({});
 * const object = await s3.getObject({ Bucket: BUCKET, Key: key }); // s3:GetObject
 * ```
 *
 * @module
 */
import { groupByOperation } from "../../shared/operation_groups.ts";
import { methodCall, type TsPattern } from "../pattern.ts";
import { clientClass } from "../sdk_modules.ts";

/** Stable id of this pattern. */
export const AGGREGATED_CLIENT_PATTERN_ID = "typescript/aggregated_client";

/**
 * Emits aggregated-client methods as operations; claims other client methods.
 *
 * @example
 * ```ts ignore
 * aggregatedClientPattern.emit!({ site, makeCall }, ctx); // [{ method: "getObject", operation: "GetObject", services: ["s3"] }]
 * ```
 */
export const aggregatedClientPattern: TsPattern = {
  id: AGGREGATED_CLIENT_PATTERN_ID,
  emit({ site, makeCall }, ctx) {
    const call = methodCall(site, ctx);
    if (call?.receiver.t !== "instance" || call.receiver.services.length === 0) return undefined;
    const receiver = call.receiver;
    if (!clientClass(ctx.kb, receiver.module, receiver.cls)?.aggregated) return [];
    const keys = ctx.kb.operationsByMethod("typescript", call.method)
      .filter((k) => receiver.services.includes(k.service));
    const args = ctx.requestArguments(site.expr.args[0], site.scope);
    return groupByOperation(keys).map((g) =>
      makeCall({
        pattern: AGGREGATED_CLIENT_PATTERN_ID,
        method: call.method,
        services: g.services,
        operation: g.operation,
        arguments: args,
      })
    );
  },
};
