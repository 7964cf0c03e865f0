import assert from "node:assert/strict";
import { ASYNC_SESSION_PATTERN_ID } from "../../../lib/languages/python/patterns/async_session.ts";
import { runFixture } from "./pattern_fixture.ts";

Deno.test("python/async_session: aioboto3 and aiobotocore clients and resources under async with / await", async () => {
  assert.equal(ASYNC_SESSION_PATTERN_ID, "python/async_session");
  const { calls, pairs } = await runFixture("async_session");
  assert.deepEqual(pairs, ["dynamodb:UpdateItem", "s3:PutObject", "sns:Publish"]);
  assert.deepEqual(calls.filter((c) => c.services.length).map((c) => `${c.services} ${c.method}`), [
    "s3 put_object",
    "dynamodb update_item",
    "sns publish",
  ]);
});
