import assert from "node:assert/strict";
import { SESSION_PATTERN_ID } from "../../../lib/languages/python/patterns/session.ts";
import { extract, fixtureFiles, summary } from "./extract.ts";

Deno.test("python/session: boto3.Session, boto3.session.Session, imported Session, chained .client(), botocore Session", async () => {
  assert.equal(SESSION_PATTERN_ID, "python/session");
  const calls = await extract(fixtureFiles("session/app.py"));
  assert.deepEqual(calls.map(summary), [
    "app.py:9:1 list_buckets [s3]",
    "app.py:10:1 describe_table [dynamodb]",
    "app.py:11:1 get_queue_url [sqs]",
    "app.py:12:1 get_caller_identity [sts]",
    "app.py:18:1 list_accounts [organizations]", // not [] (unknown receiver): chime has ListAccounts too,
  ]);
});
