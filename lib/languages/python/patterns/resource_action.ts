/**
 * Pattern `python/resource_action`: operations called on boto3 resources.
 *
 * Matches a method call on a resource value (`table.get_item(...)`, `bucket.delete()`, `obj.put(...)`,
 * `queue.send_message(...)`, `role.attach_policy(...)`, `sqs.get_queue_by_name(...)` on the service resource):
 * - an action becomes its client operation, with the resource's identifiers injected as request arguments
 *   (`s3.Bucket("b").Object("k").put()` → PutObject with Bucket="b", Key="k");
 * - `load()` / `reload()` become the load operation (`HeadObject`, `DescribeTable`, `GetQueueAttributes`);
 * - `wait_until_*()` becomes the operation its waiter polls;
 * - sub-resource constructors and anything else the model does not define on that resource call nothing
 *   (utility methods such as `upload_file` and `batch_writer` are claimed earlier by `python/sdk_utility`).
 * An action that returns a resource (`bucket.put_object` → Object, `sqs.create_queue` → Queue,
 * `queue.receive_messages` → Messages) gives that resource as its value.
 *
 * @example
 * ```python
 * table = boto3.resource("dynamodb").Table(os.environ["TABLE"])
 * table.put_item(Item=item)     # PutItem with TableName=$TABLE
 * table.wait_until_exists()     # DescribeTable
 * ```
 *
 * @module
 */
import type { SdkCall } from "../../../types.ts";
import { snakeFromOperation } from "../operation_name.ts";
import { groupByOperation } from "../../shared/operation_groups.ts";
import type { EmitInput, PatternContext, PythonPattern } from "../pattern.ts";
import {
  injectedArguments,
  memberParams,
  resourceOperationCall,
  type ResourceValue,
} from "../resource_model.ts";
import { WAITER_KEYWORDS } from "./waiter.ts";

/** Stable id of this pattern. */
export const RESOURCE_ACTION_PATTERN_ID = "python/resource_action";

/**
 * Emits the operations of resource actions, loads and waiters; evaluates actions that return resources.
 *
 * @example
 * ```ts ignore
 * resourceActionPattern.emit!({ site, makeCall }, ctx); // [{ method: "put_object", operation: "PutObject", ... }]
 * ```
 */
export const resourceActionPattern: PythonPattern = {
  id: RESOURCE_ACTION_PATTERN_ID,
  evaluates: ["call"],
  evaluate(expr, scope, ctx) {
    if (expr.k !== "call" || expr.callee.k !== "attr") return undefined;
    const owner = ctx.evaluate(expr.callee.object, scope);
    if (owner.t !== "resource") return undefined;
    const member = ctx.kb.boto3ResourceMember(owner.service, owner.resource, expr.callee.name);
    if (member?.kind !== "action" || !member.targetResource) return undefined;
    return { t: "resource", service: owner.service, resource: member.targetResource };
  },
  emit(input, ctx) {
    const { site } = input;
    if (site.bare) return undefined;
    const receiver = ctx.evaluate(site.receiver, site.scope);
    return receiver.t === "resource" ? memberCalls(receiver, input, ctx) : undefined;
  },
};

/**
 * The operations of calling a member of a resource. (Apart from `emit`, which runs for every site: its
 * closures would cost every call an allocation.)
 */
function memberCalls(receiver: ResourceValue, input: EmitInput, ctx: PatternContext): SdkCall[] {
  const { site, makeCall } = input;
  const member = ctx.kb.boto3ResourceMember(receiver.service, receiver.resource, site.method);
  if (!member) return []; // unknown methods on known resources call nothing
  const params = memberParams(member);
  if ((member.kind === "action" || member.kind === "load") && member.operation) {
    return [
      resourceOperationCall(
        receiver.service,
        member.operation,
        injectedArguments(receiver, params),
        input,
        ctx,
        RESOURCE_ACTION_PATTERN_ID,
      ),
    ];
  }
  if (member.kind === "waiter") {
    const waiter = (member.params as { waiter?: string } | null)?.waiter;
    if (!waiter) return [];
    const polled = ctx.kb.waitersByName(waiter).filter((w) => w.service === receiver.service);
    const own = ctx.callArguments(site.call.args, site.scope, WAITER_KEYWORDS);
    const injected = injectedArguments(receiver, params).filter((a) => !own.some((o) => o.name === a.name));
    return groupByOperation(polled).map((g): SdkCall =>
      makeCall({
        pattern: RESOURCE_ACTION_PATTERN_ID,
        method: ctx.kb.operation(receiver.service, g.operation)?.pythonName ??
          snakeFromOperation(g.operation),
        services: [receiver.service],
        operation: g.operation,
        arguments: [...injected, ...own],
      })
    );
  }
  return [];
}
