/**
 * Pattern `python/resource_attribute`: reading a data attribute of a boto3 resource loads it.
 *
 * A resource made from identifiers alone — by a constructor (`cf.Stack(name)`, `s3.Object(b, k)`,
 * `ec2.Instance(i)`) or a reference (`instance.vpc`) — holds no data: the first read of one of its data
 * attributes (`stack.outputs`, `obj.content_length`, `instance.state`) calls the resource's load operation
 * (`DescribeStacks`, `HeadObject`, `DescribeInstances`) with its identifiers. Reading a reference whose
 * identifiers come from the owner's data (`instance.vpc`) loads the owner likewise. Identifiers (`stack.name`),
 * `meta`, the model's actions, collections, sub-resources and waiters, and methods boto3 adds
 * (`bucket.upload_file`) are not data attributes. Resources of other origins (the items of a collection, the
 * results of an action) may already hold their data, so reading them is left alone, as are resources whose
 * model has no load.
 *
 * @example
 * ```python
 * stack = boto3.resource("cloudformation").Stack(name)
 * outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.outputs}   # DescribeStacks, StackName=name
 * ```
 *
 * @module
 */
import type { PythonPattern } from "../pattern.ts";
import { snakeFromOperation } from "../operation_name.ts";
import { injectedArguments, memberParams } from "../resource_model.ts";

/** Stable id of this pattern. */
export const RESOURCE_ATTRIBUTE_PATTERN_ID = "python/resource_attribute";

/**
 * Emits the load operation of a data attribute read on a resource that holds no data yet.
 *
 * @example
 * ```ts ignore
 * resourceAttributePattern.emitRead!({ read, makeCall }, ctx); // [{ method: "describe_stacks", operation: "DescribeStacks", ... }]
 * ```
 */
export const resourceAttributePattern: PythonPattern = {
  id: RESOURCE_ATTRIBUTE_PATTERN_ID,
  emitRead({ read, makeCall }, ctx) {
    const owner = ctx.evaluate(read.read.object, read.scope);
    if (owner.t !== "resource") return undefined;
    if (!owner.unloaded) return [];
    const { kb } = ctx;
    const name = read.read.name;
    if (name === "meta") return [];
    const model = kb.boto3Resource(owner.service, owner.resource);
    if (!model || model.identifiers.some((id) => snakeFromOperation(id) === name)) return [];
    const member = kb.boto3ResourceMember(owner.service, owner.resource, name);
    // A reference made from the owner's identifiers needs no data; one made from its data does.
    if (member && (member.kind !== "reference" || !memberParams(member).some((p) => p.source === "data"))) {
      return [];
    }
    if (!member && kb.utilities("python", name).length) return [];
    const load = kb.boto3ResourceMember(owner.service, owner.resource, "load");
    if (load?.kind !== "load" || !load.operation) return [];
    return [
      makeCall({
        pattern: RESOURCE_ATTRIBUTE_PATTERN_ID,
        method: kb.operation(owner.service, load.operation)?.pythonName ?? snakeFromOperation(load.operation),
        services: [owner.service],
        operation: load.operation,
        arguments: injectedArguments(owner, memberParams(load)),
      }),
    ];
  },
};
