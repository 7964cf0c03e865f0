/**
 * Shared reading of the boto3 resource model (the knowledge base's `boto3_resources` /
 * `boto3_resource_members`) for the resource patterns: binding identifiers of sub-resources, injecting
 * identifiers into requests, and building the SdkCall of a resource operation.
 *
 * @module
 */
import type { Boto3ResourceMember } from "../../knowledge/knowledge_base.ts";
import type { ArgumentValue, CallArgument, SdkCall } from "../../types.ts";
import { exprText, type PyArg } from "./facts.ts";
import { snakeFromOperation } from "./operation_name.ts";
import type { EmitInput, PatternContext } from "./pattern.ts";
import { argumentValue } from "./tracker.ts";
import type { PyValue } from "./values.ts";

/** A resource value. */
export type ResourceValue = Extract<PyValue, { t: "resource" }>;

/** One request/identifier parameter of a resource member (`{ target, source, name?, value? }`). */
interface ModelParam {
  target: string;
  source: string;
  name?: string;
  value?: unknown;
}

/**
 * The params list of a member: actions, loads, sub-resources and collections store an array; waiters store
 * `{ params, waiter }`.
 *
 * @example
 * ```ts ignore
 * memberParams(kb.boto3ResourceMember("s3", "Object", "put")!); // [{ target: "Bucket", source: "identifier", name: "BucketName" }, ...]
 * ```
 */
export function memberParams(member: Boto3ResourceMember): ModelParam[] {
  const raw = member.params as unknown;
  if (Array.isArray(raw)) return raw as ModelParam[];
  if (raw && typeof raw === "object" && Array.isArray((raw as { params?: unknown }).params)) {
    return (raw as { params: ModelParam[] }).params;
  }
  return [];
}

/** `BucketName` → `bucket_name`: how boto3 names identifiers as constructor keywords. */
function identifierKeyword(identifier: string): string {
  return snakeFromOperation(identifier);
}

/**
 * The resource a sub-resource constructor (`s3.Bucket("b")`, `bucket.Object(key)`) yields, with identifier
 * values bound from the parent's identifiers and from the call's arguments (positional in model order, or
 * keywords in snake_case). Returns undefined when the arguments cannot bind (an identifier given both by
 * position and by keyword, or missing without a `**splat` that may supply it): boto3 would raise.
 *
 * @example
 * ```ts ignore
 * subresourceValue(bucket, member, call.args, scope, ctx); // { t: "resource", resource: "Object", ids: { BucketName, Key } }
 * ```
 */
export function subresourceValue(
  parent: ResourceValue,
  member: Boto3ResourceMember,
  args: readonly PyArg[],
  scope: number,
  ctx: PatternContext,
): ResourceValue | undefined {
  if (!member.targetResource) return undefined;
  const ids: Record<string, ArgumentValue> = {};
  const params = memberParams(member);
  const inputs = params.filter((p) => p.source === "input");
  const positional = args.filter((a) => !a.splat && a.position !== undefined);
  // `s3.Object(**ids)` with `ids = {"bucket_name": b, "key": k}`: its keys are identifier keywords.
  const expanded = args.filter((a) => a.splat === "dict").map((a) => ctx.expandDict(a.value, scope));
  const splat = expanded.some((e) => e === undefined || e.some((a) => a.splat));
  const keywords = new Map(
    expanded.flatMap((e) => e ?? []).flatMap((a) => (a.name ? [[a.name, a.value]] : [])),
  );
  if (positional.length > inputs.length) return undefined;
  for (const p of params) {
    if (p.source === "identifier" && p.name) {
      ids[p.target] = parent.ids?.[p.name] ?? { kind: "unresolved", expression: p.name };
    } else if (p.source === "string" && typeof p.value === "string") {
      ids[p.target] = { kind: "literal", value: p.value };
    }
  }
  inputs.forEach((p, i) => {
    const byPosition = positional[i];
    const byKeyword = args.find((a) => !a.splat && a.name === identifierKeyword(p.target));
    if (byPosition && byKeyword) ids[p.target] = { kind: "unresolved", expression: "<collision>" };
    const arg = byPosition ?? byKeyword;
    if (arg) ids[p.target] = argumentValue(ctx.evaluate(arg.value, scope), exprText(arg.value));
    const fromSplat = keywords.get(identifierKeyword(p.target));
    if (fromSplat && (byPosition || byKeyword)) {
      ids[p.target] = { kind: "unresolved", expression: "<collision>" };
    } else if (fromSplat) ids[p.target] = fromSplat;
  });
  const collision = Object.values(ids).some((v) => v.kind === "unresolved" && v.expression === "<collision>");
  if (collision) return undefined;
  const missing = inputs.some((p) => ids[p.target] === undefined);
  if (missing && !splat) return undefined;
  for (const p of inputs) ids[p.target] ??= { kind: "unresolved", expression: "**" };
  return { t: "resource", service: parent.service, resource: member.targetResource, ids, unloaded: true };
}

/**
 * Request arguments a resource operation receives from the resource's identifiers (only simple top-level
 * targets: `Bucket`, `Key`, `TableName`; paths such as `Delete.Objects[].Key` are filled by boto3 from data).
 *
 * @example
 * ```ts ignore
 * injectedArguments(objectValue, member); // [{ name: "Bucket", value: {...} }, { name: "Key", value: {...} }]
 * ```
 */
export function injectedArguments(
  resource: ResourceValue | { ids?: Record<string, ArgumentValue> },
  params: ModelParam[],
): CallArgument[] {
  const out: CallArgument[] = [];
  for (const p of params) {
    if (!/^[A-Za-z0-9]+$/.test(p.target)) continue;
    if (p.source === "identifier" && p.name) {
      out.push({
        name: p.target,
        value: resource.ids?.[p.name] ?? { kind: "unresolved", expression: p.name },
      });
    } else if (p.source === "string" && typeof p.value === "string") {
      out.push({ name: p.target, value: { kind: "literal", value: p.value } });
    }
  }
  return out;
}

/**
 * The SdkCall of a resource operation at a call site: the call's own arguments plus the injected identifiers
 * (the call's win when both name a member), `operation` set so resolution maps it directly.
 *
 * @example
 * ```ts ignore
 * resourceOperationCall("s3", "PutObject", injected, input, ctx, "python/resource_action");
 * ```
 */
export function resourceOperationCall(
  service: string,
  operation: string,
  injected: CallArgument[],
  { site, makeCall }: EmitInput,
  ctx: PatternContext,
  pattern: string,
  drop: readonly string[] = [],
): SdkCall {
  const own = ctx.callArguments(site.call.args, site.scope, drop);
  const named = new Set(own.flatMap((a) => (a.name !== undefined ? [a.name] : [])));
  return makeCall({
    pattern,
    method: ctx.kb.operation(service, operation)?.pythonName ?? snakeFromOperation(operation),
    services: [service],
    operation,
    arguments: [...injected.filter((a) => !named.has(a.name!)), ...own],
  });
}
