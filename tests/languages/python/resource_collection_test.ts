import assert from "node:assert/strict";
import { RESOURCE_COLLECTION_PATTERN_ID } from "../../../lib/languages/python/patterns/resource_collection.ts";
import { args } from "./extract.ts";
import { lines, runFixture } from "./pattern_fixture.ts";

Deno.test("python/resource_collection: listing, batch actions and item resources", async () => {
  assert.equal(RESOURCE_COLLECTION_PATTERN_ID, "python/resource_collection");
  const { calls, pairs } = await runFixture("resource_collection");
  assert.deepEqual(lines(calls, RESOURCE_COLLECTION_PATTERN_ID), [
    "5 list_objects ListObjects", // .limit(100)
    "5 list_objects ListObjects", // .filter(Prefix=...)
    "7 delete_objects DeleteObjects",
    "7 list_objects ListObjects",
    "8 list_buckets ListBuckets",
    "10 describe_instances DescribeInstances",
  ]);
  assert.deepEqual(pairs, [
    "ec2:DescribeInstances",
    "ec2:StopInstances", // instance.stop() on each item
    "s3:DeleteObjects",
    "s3:GetObject", // summary.get() on each ObjectSummary
    "s3:ListBuckets",
    "s3:ListObjects",
  ]);
  const filtered = calls.find((c) =>
    c.operation === "ListObjects" && c.arguments.some((a) => a.name === "Prefix")
  )!;
  assert.deepEqual(args(filtered), { Bucket: '"logs"', Prefix: '"2024/"' });
  // bucket.objects.sort() is no collection method: nothing.
  assert.ok(!calls.some((c) => c.method === "sort"));
});
