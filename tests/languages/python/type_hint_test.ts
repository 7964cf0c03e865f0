import assert from "node:assert/strict";
import { TYPE_HINT_PATTERN_ID } from "../../../lib/languages/python/patterns/type_hint.ts";
import { runFixture } from "./pattern_fixture.ts";

Deno.test("python/type_hint: mypy_boto3 client and resource types, strings and Optional[...]", async () => {
  assert.equal(TYPE_HINT_PATTERN_ID, "python/type_hint");
  const { calls, pairs } = await runFixture("type_hint");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.services} ${c.method}`), [
    "12 s3 put_object", // s3: S3Client
    "16 dynamodb put_item", // table: "Table"
    "20 sqs send_message", // Optional[SQSClient]
  ]);
  assert.deepEqual(pairs, ["dynamodb:PutItem", "s3:PutObject", "sqs:SendMessage"]);
});
