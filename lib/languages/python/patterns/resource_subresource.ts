/**
 * Pattern `python/resource_subresource`: boto3 sub-resources and references, to any depth.
 *
 * Matches a call of a sub-resource constructor on any resource value (`s3.Bucket(b)`, `bucket.Object(k)`,
 * `s3.Object(b, k).MultipartUpload(id).Part(1)`, `dynamodb.Table(t)`, `sqs.Queue(url)`, `iam.Role(n)`) and
 * attribute access of a reference (`instance.vpc`). The value is a resource of the target type whose
 * identifiers are bound from the parent's identifiers and the constructor's arguments (positional in model
 * order or snake_case keywords; a `**splat` may supply any). An identifier given both by position and by
 * keyword, or a missing one, makes the chain unknown: boto3 raises there, so it calls nothing.
 *
 * Constructing a resource sends no request; `python/resource_action` emits the operations called on it.
 *
 * @example
 * ```python
 * s3 = boto3.resource("s3")
 * obj = s3.Bucket(BUCKET).Object(f"reports/{day}.csv")
 * obj.put(Body=data)            # PutObject with Bucket=BUCKET, Key="reports/*.csv" injected
 * ```
 *
 * @module
 */
import type { PythonPattern } from "../pattern.ts";
import { subresourceValue } from "../resource_model.ts";

/** Stable id of this pattern. */
export const RESOURCE_SUBRESOURCE_PATTERN_ID = "python/resource_subresource";

/**
 * Evaluates sub-resource constructors and references to resource values.
 *
 * @example
 * ```ts ignore
 * resourceSubresourcePattern.evaluate!(expr, scope, ctx); // { t: "resource", service: "s3", resource: "Object", ids }
 * ```
 */
export const resourceSubresourcePattern: PythonPattern = {
  id: RESOURCE_SUBRESOURCE_PATTERN_ID,
  evaluates: ["call", "attr"],
  evaluate(expr, scope, ctx) {
    if (expr.k === "call" && expr.callee.k === "attr") {
      const owner = ctx.evaluate(expr.callee.object, scope);
      if (owner.t !== "resource") return undefined;
      const member = ctx.kb.boto3ResourceMember(owner.service, owner.resource, expr.callee.name);
      if (member?.kind !== "subresource") return undefined;
      return subresourceValue(owner, member, expr.args, scope, ctx);
    }
    if (expr.k === "attr") {
      const owner = ctx.evaluate(expr.object, scope);
      if (owner.t !== "resource") return undefined;
      const member = ctx.kb.boto3ResourceMember(owner.service, owner.resource, expr.name);
      if (member?.kind !== "reference" || !member.targetResource) return undefined;
      // A reference's identifiers come from the owner's loaded data: known by shape only.
      return { t: "resource", service: owner.service, resource: member.targetResource, unloaded: true };
    }
    return undefined;
  },
};
