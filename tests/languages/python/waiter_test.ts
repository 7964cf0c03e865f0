import assert from "node:assert/strict";
import { WAITER_PATTERN_ID } from "../../../lib/languages/python/patterns/waiter.ts";
import { args, extract, fixtureFiles, summary } from "./extract.ts";

Deno.test("python/waiter: chained, via variable, creation-only → the polled operation", async () => {
  assert.equal(WAITER_PATTERN_ID, "python/waiter");
  const calls = await extract(fixtureFiles("waiter/app.py"));
  assert.ok(calls.every((c) => c.pattern === WAITER_PATTERN_ID));
  assert.deepEqual(calls.map(summary), [
    "app.py:6:1 head_bucket [s3] HeadBucket",
    "app.py:9:1 describe_table [dynamodb] DescribeTable",
    "app.py:11:1 head_object [s3] HeadObject",
  ]);
  assert.deepEqual(args(calls[0]), { Bucket: '"archive"' }); // WaiterConfig dropped
  assert.deepEqual(args(calls[1]), { TableName: '"orders"' });
  assert.deepEqual(calls[2].arguments, []);
});
