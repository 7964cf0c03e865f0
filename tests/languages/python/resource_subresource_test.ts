import assert from "node:assert/strict";
import { RESOURCE_SUBRESOURCE_PATTERN_ID } from "../../../lib/languages/python/patterns/resource_subresource.ts";
import { args } from "./extract.ts";
import { runFixture } from "./pattern_fixture.ts";

Deno.test("python/resource_subresource: constructors bind identifiers that actions inject", async () => {
  assert.equal(RESOURCE_SUBRESOURCE_PATTERN_ID, "python/resource_subresource");
  const { calls, pairs } = await runFixture("resource_subresource");
  assert.deepEqual(pairs, ["iam:AttachRolePolicy", "s3:HeadObject", "s3:PutObject", "sqs:SendMessage"]);
  const put = calls.find((c) => c.operation === "PutObject")!;
  assert.deepEqual(args(put), { Bucket: "$BUCKET", Key: "~reports/*.csv", Body: '""' });
  const send = calls.find((c) => c.operation === "SendMessage")!;
  assert.deepEqual(args(send), { QueueUrl: "$QUEUE_URL", MessageBody: '"hi"' });
  // Keyword identifiers (snake_case) bind like positional ones; the version's Id comes from its constructor.
  const head = calls.find((c) => c.operation === "HeadObject")!;
  assert.deepEqual(args(head), { Bucket: '"b"', Key: '"k"', VersionId: '"v1"' });
});
