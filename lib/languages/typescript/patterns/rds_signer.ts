/**
 * Pattern `typescript/rds_signer`: IAM database authentication tokens (`@aws-sdk/rds-signer`).
 *
 * Matches `signer.getAuthToken()` on a `new Signer({...})` of `@aws-sdk/rds-signer`. Connecting with the
 * token needs `rds-db:connect`, an IAM action with no SDK operation (curated entry of `sdk_utilities.json`,
 * which the knowledge base stores without service/operation and whose action it does not expose yet). The
 * call is emitted as service `rds-db`, operation `connect`: the permissions stage turns such a pair into the
 * bare IAM action. Resolution currently drops pairs that are no SDK operation, so until it keeps them the
 * call shows up as unresolved rather than as a permission.
 *
 * @example
 * ```ts
 * import { Signer } from "@aws-sdk/rds-signer";
 * const signer = new Signer({ hostname: HOST, port: 5432, username: "app" });
 * const token = await signer.getAuthToken(); // rds-db:connect
 * ```
 *
 * @module
 */
import { methodCall, type TsPattern } from "../pattern.ts";
import { utilityOperations } from "../sdk_modules.ts";
import { utilityCalls } from "../utility_calls.ts";

/** Stable id of this pattern. */
export const RDS_SIGNER_PATTERN_ID = "typescript/rds_signer";

const RDS_SIGNER = "@aws-sdk/rds-signer";

/**
 * Emits the token request (as operations if the knowledge base ever maps it to any).
 *
 * @example
 * ```ts ignore
 * rdsSignerPattern.emit!({ site, makeCall }, ctx); // [{ method: "getAuthToken", services: ["rds-db"], operation: "connect" }]
 * ```
 */
export const rdsSignerPattern: TsPattern = {
  id: RDS_SIGNER_PATTERN_ID,
  emit(input, ctx) {
    const call = methodCall(input.site, ctx);
    if (call?.receiver.t !== "instance" || call.receiver.module !== RDS_SIGNER) return undefined;
    if (call.method !== "getAuthToken") return [];
    const entries = utilityOperations(ctx.kb, RDS_SIGNER, call.receiver.cls, call.method);
    if (entries.length > 0) return utilityCalls(entries, input, RDS_SIGNER_PATTERN_ID, []);
    return [
      input.makeCall({
        pattern: RDS_SIGNER_PATTERN_ID,
        method: call.method,
        services: ["rds-db"],
        operation: "connect",
        arguments: [],
        via: `${RDS_SIGNER} ${call.receiver.cls}.${call.method}`,
      }),
    ];
  },
};
