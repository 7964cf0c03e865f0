import assert from "node:assert/strict";
import { CLIENT_CREATION_PATTERN_ID } from "../../../lib/languages/python/patterns/client_creation.ts";
import { args, extract, fixtureFiles, summary } from "./extract.ts";

Deno.test("python/client_creation: boto3.client, aliases, from-imports, sessions, resource.meta.client, with", async () => {
  assert.equal(CLIENT_CREATION_PATTERN_ID, "python/client_creation");
  const calls = await extract(fixtureFiles("client_creation/app.py"));
  assert.deepEqual(calls.map(summary), [
    "app.py:14:1 get_object [s3]",
    "app.py:15:1 get_item [dynamodb]",
    "app.py:16:1 send_message [sqs]",
    "app.py:17:1 invoke [lambda]",
    "app.py:18:1 get_parameter [ssm]",
    "app.py:19:1 put_item [dynamodb]",
    // boto3.client(SERVICE_FROM_CONFIG): a client, service unknown.
    "app.py:20:1 get_object []",
    "app.py:25:9 get_caller_identity [sts]",
  ]);
  // Creation calls themselves are not SDK requests.
  assert.ok(calls.every((c) => c.method !== "client" && c.method !== "resource"));
  assert.deepEqual(args(calls[0]), { Bucket: '"b"', Key: '"k"' });
  assert.equal(calls[0].expression, 's3.get_object(Bucket="b", Key="k")');
  // 1-based; endColumn is one past the last character (tree-sitter's exclusive end, plus one).
  assert.deepEqual(calls[0].location, {
    file: "client_creation/app.py",
    line: 14,
    column: 1,
    endLine: 14,
    endColumn: 35,
  });
  assert.equal(calls[0].language, "python");
});
