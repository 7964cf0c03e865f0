import assert from "node:assert/strict";
import { SERVICE_RESOURCE_PATTERN_ID } from "../../../lib/languages/python/patterns/service_resource.ts";
import { extract, fixtureFiles, summary } from "./extract.ts";

Deno.test("python/service_resource: boto3.resource / session.resource give .meta.client", async () => {
  assert.equal(SERVICE_RESOURCE_PATTERN_ID, "python/service_resource");
  const calls = await extract(fixtureFiles("service_resource/app.py"));
  assert.deepEqual(calls.map(summary), [
    "app.py:7:1 describe_table [dynamodb]",
    "app.py:9:1 head_bucket [s3]",
  ]);
});
