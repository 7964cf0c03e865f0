/**
 * Turning knowledge-base utility entries (lib-dynamodb, lib-storage, credential providers, ...) into SdkCalls
 * for one site: one call per operation, with the services and operation set so that resolution takes them
 * as they are.
 *
 * @module
 */
import type { UtilityEntry } from "../../knowledge/knowledge_base.ts";
import type { CallArgument, SdkCall } from "../../types.ts";
import type { EmitInput } from "./pattern.ts";

/**
 * SdkCalls for the `entries` of one utility at a site. An entry with `requiredParams` (lib-storage's
 * `PutObjectTagging` needs `tags`) is used only when `options` names all of them or spreads something.
 *
 * @example
 * ```ts ignore
 * utilityCalls(entries, input, "typescript/lib_storage", requestArgs, optionNames);
 * // [{ method: "Upload", services: ["s3"], operation: "PutObject", via: "@aws-sdk/lib-storage new Upload" }, ...]
 * ```
 */
export function utilityCalls(
  entries: readonly UtilityEntry[],
  { makeCall }: EmitInput,
  pattern: string,
  request: CallArgument[],
  options: CallArgument[] = request,
): SdkCall[] {
  const spread = options.some((a) => a.splat);
  const names = new Set(options.flatMap((a) => (a.name === undefined ? [] : [a.name])));
  const out: SdkCall[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (!spread && !e.requiredParams.every((p) => names.has(p))) continue;
    const key = `${e.service}\u0000${e.operation}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(makeCall({
      pattern,
      method: e.method,
      services: [e.service],
      operation: e.operation,
      arguments: request,
      via: `${e.module} ${
        e.receiver === "new"
          ? `new ${e.method}`
          : e.receiver === "function"
          ? e.method
          : `${e.receiver}.${e.method}`
      }`,
    }));
  }
  return out;
}
