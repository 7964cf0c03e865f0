import assert from "node:assert/strict";
import { DEPENDENCY_INJECTOR_PATTERN_ID } from "../../../lib/languages/python/patterns/dependency_injector.ts";
import { args } from "./extract.ts";
import { runFixture } from "./pattern_fixture.ts";

Deno.test("python/dependency_injector: providers build what they wrap, Factory kwargs reach constructors", async () => {
  assert.equal(DEPENDENCY_INJECTOR_PATTERN_ID, "python/dependency_injector");
  const { calls, pairs } = await runFixture("di_providers");
  const known = calls.filter((c) => c.services.length);
  assert.deepEqual(
    known.map((c) =>
      `${c.location.file.split("/").pop()}:${c.location.line} ${c.services} ${c.method} ${c.operation ?? ""}`
    ),
    [
      // Provide[Container.repository] (no type hint): a Repository whose table came from Factory(resource=...)
      "app.py:8 dynamodb update_item UpdateItem",
      // Provide[Container.bucket]: Factory(make_bucket, s3, "reports") with positionals shifted
      "app.py:9 s3 delete_objects DeleteObjects",
      "app.py:14 dynamodb get_item GetItem", // container.dynamodb() is the Singleton's resource
      "app.py:15 sqs get_queue_url GetQueueUrl", // providers.Object(boto3.resource("sqs"))
      // Repository.__init__'s `resource` parameter from providers.Factory(Repository, resource=dynamodb, ...)
      "services.py:6 dynamodb put_item PutItem",
      // not_di.py: `providers` from another library is not dependency_injector: nothing is inferred there.
    ],
  );
  assert.deepEqual(pairs, [
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "s3:DeleteObjects",
    "sqs:GetQueueUrl",
  ]);
  const at = (file: string, line: number) =>
    args(known.find((c) => c.location.file.endsWith(file) && c.location.line === line)!);
  assert.deepEqual(at("app.py", 9), { Bucket: '"reports"', Delete: '?{"Objects": [{"Key": "old"}]}' });
  assert.deepEqual(at("app.py", 14), { TableName: '"audit"', Key: '?{"id": "1"}' });
});
