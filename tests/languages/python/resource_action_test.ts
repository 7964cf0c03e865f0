import assert from "node:assert/strict";
import { RESOURCE_ACTION_PATTERN_ID } from "../../../lib/languages/python/patterns/resource_action.ts";
import { args } from "./extract.ts";
import { lines, runFixture } from "./pattern_fixture.ts";

Deno.test("python/resource_action: actions, load, waiters, returned resources; unknown methods call nothing", async () => {
  assert.equal(RESOURCE_ACTION_PATTERN_ID, "python/resource_action");
  const { calls, pairs } = await runFixture("resource_action");
  assert.deepEqual(lines(calls, RESOURCE_ACTION_PATTERN_ID), [
    "5 put_item PutItem",
    "6 query Query",
    "7 describe_table DescribeTable", // load()
    "8 describe_table DescribeTable", // wait_until_exists() polls DescribeTable
    "11 get_queue_url GetQueueUrl", // get_queue_by_name returns a Queue
    "12 receive_message ReceiveMessage",
    "13 delete_message DeleteMessage", // each received Message
    "14 create_bucket CreateBucket",
    "15 head_bucket HeadBucket", // the created Bucket's waiter
  ]);
  // table.frobnicate() is not in the model: nothing, not even an unresolved call.
  assert.ok(!calls.some((c) => c.method === "frobnicate"));
  assert.deepEqual(pairs, [
    "dynamodb:DescribeTable",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "s3:CreateBucket",
    "s3:HeadBucket",
    "sqs:DeleteMessage",
    "sqs:GetQueueUrl",
    "sqs:ReceiveMessage",
  ]);
  assert.deepEqual(args(calls[0]), { TableName: '"orders"', Item: '?{"pk": "1"}' });
});
