/**
 * Pattern `python/resource_collection`: boto3 resource collections.
 *
 * Matches a collection attribute of a resource (`bucket.objects`, `s3.buckets`, `table`-less
 * `dynamodb.tables`, `queue.dead_letter_source_queues`) and the collection methods that narrow it (`all`,
 * `filter`, `limit`, `page_size`, `pages`, `iterator`). Each such method call emits the collection's list
 * operation (`ListObjects`, `ListBuckets`, ...) with the owner's identifiers injected and `filter(...)`
 * keywords as request arguments; a batch action on it (`bucket.objects.filter(Prefix=p).delete()`) emits the
 * batch operation (`DeleteObjects`). Iterating a collection (`for obj in bucket.objects.all():`) gives its item
 * resources, so `obj.delete()` is an action of `ObjectSummary`. Iterating a list of resources returned by an
 * action (`for m in queue.receive_messages():`) gives those resources. Other methods on a collection call
 * nothing.
 *
 * @example
 * ```python
 * for obj in s3.Bucket(BUCKET).objects.filter(Prefix="tmp/"):
 *     obj.delete()              # ListObjects, then DeleteObject per item
 * ```
 *
 * @module
 */
import type { PythonPattern } from "../pattern.ts";
import { injectedArguments, memberParams, resourceOperationCall } from "../resource_model.ts";
import type { PyValue } from "../values.ts";

/** Stable id of this pattern. */
export const RESOURCE_COLLECTION_PATTERN_ID = "python/resource_collection";

/** Collection methods that return a (narrowed) collection; calling any of them lists it. */
export const COLLECTION_METHODS: readonly string[] = [
  "all",
  "filter",
  "limit",
  "page_size",
  "pages",
  "iterator",
];

/** Arguments of `limit(n)` / `page_size(n)` / `pages()` are paging, not request members. */
const PAGING_KEYWORDS = ["count"];

type Collection = Extract<PyValue, { t: "collection" }>;

/**
 * Evaluates collections, narrows them, and emits their list and batch operations.
 *
 * @example
 * ```ts ignore
 * resourceCollectionPattern.emit!({ site, makeCall }, ctx); // [{ method: "list_objects", operation: "ListObjects", ... }]
 * ```
 */
export const resourceCollectionPattern: PythonPattern = {
  id: RESOURCE_COLLECTION_PATTERN_ID,
  evaluates: ["attr", "call", "iter"],
  evaluate(expr, scope, ctx) {
    if (expr.k === "attr") {
      const owner = ctx.evaluate(expr.object, scope);
      if (owner.t !== "resource") return undefined;
      const member = ctx.kb.boto3ResourceMember(owner.service, owner.resource, expr.name);
      if (member?.kind !== "collection") return undefined;
      const value: Collection = {
        t: "collection",
        service: owner.service,
        owner: owner.resource,
        member: expr.name,
      };
      if (member.operation) value.operation = member.operation;
      if (member.targetResource) value.item = member.targetResource;
      if (owner.ids) value.ids = owner.ids;
      return value;
    }
    if (expr.k === "call" && expr.callee.k === "attr" && COLLECTION_METHODS.includes(expr.callee.name)) {
      const owner = ctx.evaluate(expr.callee.object, scope);
      return owner.t === "collection" ? owner : undefined;
    }
    if (expr.k === "iter") {
      const of = ctx.evaluate(expr.of, scope);
      if (of.t === "collection" && of.item) return { t: "resource", service: of.service, resource: of.item };
      // A list of resources returned by an action (`queue.receive_messages()`) iterates to those resources.
      if (of.t === "resource") return of;
    }
    return undefined;
  },
  emit(input, ctx) {
    const { site } = input;
    if (site.bare) return undefined;
    const receiver = ctx.evaluate(site.receiver, site.scope);
    if (receiver.t !== "collection") return undefined;
    const member = ctx.kb.boto3ResourceMember(receiver.service, receiver.owner, receiver.member);
    if (COLLECTION_METHODS.includes(site.method)) {
      if (!receiver.operation || !member) return [];
      const injected = injectedArguments(receiver, memberParams(member));
      return [
        resourceOperationCall(
          receiver.service,
          receiver.operation,
          injected,
          input,
          ctx,
          RESOURCE_COLLECTION_PATTERN_ID,
          PAGING_KEYWORDS,
        ),
      ];
    }
    const batch = ctx.kb.boto3ResourceMember(
      receiver.service,
      receiver.owner,
      `${receiver.member}.${site.method}`,
    );
    if (batch?.kind === "batch_action" && batch.operation) {
      // The batch's own params name the items' identifiers (known only from listed data); the request members
      // they share with the listing (`Bucket`) come from the owner, as the listing's do.
      const injected = member ? injectedArguments(receiver, memberParams(member)) : [];
      return [
        resourceOperationCall(
          receiver.service,
          batch.operation,
          injected,
          input,
          ctx,
          RESOURCE_COLLECTION_PATTERN_ID,
        ),
      ];
    }
    return [];
  },
};
