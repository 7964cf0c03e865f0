/**
 * The Resource of a proposed statement: as narrow as the message allows, wider only when needed, and then
 * saying so.
 *
 * @module
 */
import type { KnowledgeBase } from "../knowledge/knowledge_base.ts";

/** The resource(s) to allow, and the widening applied if any. */
export interface ResourceScope {
  resource: string | string[];
  widened?: { from: string | undefined; to: string; reason: string };
}

const S3_OBJECT = /^arn:(aws[a-z-]*):s3:::([^/]+)\/(.+)$/;

/**
 * Escapes characters IAM reads as wildcards or variables in an S3 object key (`*`, `?`, `$` → `${*}`, `${?}`,
 * `${$}`), so the statement matches that one key only.
 *
 * @example
 * ```ts
 * import { escapeS3Key } from "./resource_scope.ts";
 * console.assert(escapeS3Key("a*b") === "a${*}b");
 * ```
 */
export function escapeS3Key(key: string): string {
  return key.replace(/[*?$]/g, (c) => "${" + c + "}");
}

/**
 * Chooses the Resource for an action from the denial's resource:
 * - an S3 object ARN stays that one object (wildcard characters in the key escaped), or, with `widen`,
 *   becomes `bucket/<key's folder>/*` (said);
 * - any other ARN (or `*`) stays as it is;
 * - a missing resource becomes the action's ARN formats with `*` for every unknown part (said).
 *
 * @example
 * ```ts ignore
 * scopeResource(kb, "s3:GetObject", "arn:aws:s3:::orders/2026/a.csv", { widen: true });
 * // { resource: "arn:aws:s3:::orders/2026/*", widened: { from: ..., to: ..., reason: "--widen: ..." } }
 * ```
 * @returns The scope, or undefined when no resource can be derived.
 */
export function scopeResource(
  kb: KnowledgeBase,
  action: string,
  resource: string | undefined,
  options: { widen?: boolean; partition?: string; account?: string } = {},
): ResourceScope | undefined {
  if (resource) {
    const m = S3_OBJECT.exec(resource);
    if (!m) return { resource };
    const [, partition, bucket, key] = m;
    if (options.widen) {
      const folder = key.includes("/") ? `${escapeS3Key(key.slice(0, key.lastIndexOf("/")))}/` : "";
      const to = `arn:${partition}:s3:::${bucket}/${folder}*`;
      return {
        resource: to,
        widened: {
          from: resource,
          to,
          reason: `widened on request (--widen) from the one object in the message to every object under ` +
            `${folder ? `'${folder}'` : "the bucket"}`,
        },
      };
    }
    return { resource: `arn:${partition}:s3:::${bucket}/${escapeS3Key(key)}` };
  }
  const info = kb.iamAction(action);
  if (!info) return undefined;
  if (info.resourceTypes.length === 0) return { resource: "*" };
  const types = info.resourceTypes.some((t) => t.required)
    ? info.resourceTypes.filter((t) => t.required)
    : info.resourceTypes;
  const arns = [...new Set(types.flatMap((t) => t.arnFormats))].map((format) =>
    format.replace(
      /\$\{(\w+)\}/g,
      (_, name: string) => name === "Partition" ? options.partition ?? "aws" : "*",
    )
  );
  if (arns.length === 0) return undefined;
  const to = arns.length === 1 ? arns[0] : arns;
  return {
    resource: to,
    widened: {
      from: undefined,
      to: arns.join(", "),
      reason: "the message does not name the resource, so the statement allows every resource of the " +
        `action's resource type${arns.length > 1 ? "s" : ""}; narrow it if you know the resource`,
    },
  };
}
