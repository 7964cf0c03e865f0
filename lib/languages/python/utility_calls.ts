/**
 * SdkCalls of knowledge-base utility and library entries (`sdk_utilities`): one call per entry row, naming
 * its operation, or — for an IAM action with no SDK operation (`rds-db:connect`) — the action itself, encoded
 * as `services: [<IAM prefix>]` and `operation: <action name>` (resolution and permissions recognise a pair
 * that is no SDK operation but an IAM action; see `lib/resolve/resolve_calls.ts`).
 *
 * @module
 */
import type { UtilityEntry } from "../../knowledge/knowledge_base.ts";
import type { CallArgument, SdkCall } from "../../types.ts";
import type { EmitInput, PatternContext } from "./pattern.ts";

/**
 * One SdkCall per entry, at the site, with `arguments` and `via` = `<module> <receiver>.<method>`.
 *
 * @example
 * ```ts ignore
 * utilityCalls(kb.utilities("python", "upload_file"), input, ctx, "python/sdk_utility", args);
 * // [{ method: "put_object", services: ["s3"], operation: "PutObject", via: "boto3 client.upload_file" }, ...]
 * ```
 */
export function utilityCalls(
  entries: readonly UtilityEntry[],
  { makeCall }: EmitInput,
  ctx: PatternContext,
  pattern: string,
  args: CallArgument[],
): SdkCall[] {
  return entries.map((e) => {
    const via = `${e.module} ${e.receiver}.${e.method}`;
    if (e.action) {
      const colon = e.action.indexOf(":");
      return makeCall({
        pattern,
        services: [e.action.slice(0, colon)],
        operation: e.action.slice(colon + 1),
        arguments: args,
        via,
      });
    }
    return makeCall({
      pattern,
      method: ctx.kb.operation(e.service, e.operation)?.pythonName ?? e.method,
      services: [e.service],
      operation: e.operation,
      arguments: args,
      via,
    });
  });
}
