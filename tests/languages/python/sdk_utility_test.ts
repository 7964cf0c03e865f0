import assert from "node:assert/strict";
import { SDK_UTILITY_PATTERN_ID } from "../../../lib/languages/python/patterns/sdk_utility.ts";
import { args } from "./extract.ts";
import { runFixture } from "./pattern_fixture.ts";

Deno.test("python/sdk_utility: transfer methods, batch_writer and bare IAM actions from the knowledge base", async () => {
  assert.equal(SDK_UTILITY_PATTERN_ID, "python/sdk_utility");
  const { calls, pairs } = await runFixture("sdk_utility");
  assert.deepEqual(pairs, [
    "dynamodb:BatchWriteItem",
    "rds-db:connect",
    "s3:AbortMultipartUpload",
    "s3:CompleteMultipartUpload",
    "s3:CopyObject",
    "s3:CreateMultipartUpload",
    "s3:GetObject",
    "s3:HeadObject",
    "s3:PutObject",
    "s3:UploadPart",
    "s3:UploadPartCopy",
  ]);
  const upload = calls.find((c) => c.location.line === 6 && c.operation === "PutObject")!;
  assert.equal(upload.via, "boto3 client.upload_file");
  // Positional arguments are named after boto3's signature so ARNs can be scoped.
  assert.deepEqual(args(upload), {
    Filename: '"/tmp/report.csv"',
    Bucket: '"reports"',
    Key: '"daily/report.csv"',
  });
  const copy = calls.find((c) => c.location.line === 9 && c.operation === "CopyObject")!;
  assert.equal(args(copy).Bucket, '"reports"');
  assert.equal(args(copy).Key, '"a.csv"');
  // The source dict, as the `bucket/key` string botocore sends (boto3_copy_source.ts).
  assert.equal(args(copy).CopySource, '"src/a.csv"');
  const batch = calls.find((c) => c.operation === "BatchWriteItem")!;
  assert.deepEqual(args(batch), { TableName: '"events"' });
  // The writer's put_item is part of BatchWriteItem, not a call of its own.
  assert.ok(!calls.some((c) => c.location.line === 12));
  const token = calls.find((c) => c.method === "generate_db_auth_token")!;
  assert.deepEqual([token.services, token.operation], [["rds-db"], "connect"]);
  // shutil.copy and dict.copy are not S3 copies.
  assert.ok(!calls.some((c) => c.pattern === SDK_UTILITY_PATTERN_ID && c.location.line >= 15));
});
