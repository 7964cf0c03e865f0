import assert from "node:assert/strict";
import { METHOD_VALUE_PATTERN_ID } from "../../../lib/languages/go/patterns/method_value.ts";
import { args, extract, fixtureFiles, summary } from "./extract.ts";

Deno.test("go/method_value: SDK methods passed uncalled or called through a local; non-SDK method values dropped", async () => {
  assert.equal(METHOD_VALUE_PATTERN_ID, "go/method_value");
  const calls = await extract(fixtureFiles("method_value/main.go", "method_value/retry.go"));
  assert.deepEqual(calls.map(summary), [
    // `invoke(ctx, v.kms.GenerateDataKey, &kms.GenerateDataKeyInput{...})`: a client field's method value.
    "main.go:22:14 GenerateDataKey [kms]",
    // Explicitly instantiated generic helper.
    "main.go:23:73 Decrypt [kms]",
    // `get := client.GetObject; get(ctx, in)`.
    "main.go:30:2 GetObject [s3]",
    // `list := client.ListBuckets; invoke(ctx, list, in)`.
    "main.go:32:14 ListBuckets [s3]",
    // Receiver of unknown type: the input passed alongside names the service.
    "main.go:34:14 SendMessage [sqs]",
    // `db.Ping`, `store.GetObject` (project method), `xs.Less`, a field, `client.Options` and an unknown
    // receiver without its input: nothing.
  ]);
  assert.ok(calls.every((c) => c.pattern === METHOD_VALUE_PATTERN_ID));
  assert.deepEqual(args(calls[0]), { KeyId: "?aws.String(keyID)" });
  assert.deepEqual(args(calls[2]), { Bucket: '"b"', Key: '"k"' });
  assert.deepEqual(args(calls[4]), { QueueUrl: '"q"' });
});

Deno.test("go/method_value: sites count without the helper's declaration", async () => {
  const calls = await extract(fixtureFiles("method_value/main.go"));
  // Without retry.go `invoke` is unknown: the sites still count (the helper's body is not needed).
  assert.equal(calls.filter((c) => c.pattern === METHOD_VALUE_PATTERN_ID).length, 5);
});

Deno.test("go/method_value: SDK method values stored in struct fields count where the field is called", async () => {
  const calls = await extract(fixtureFiles("method_value/seams.go"));
  assert.deepEqual(calls.map(summary), [
    // `deleteDB: rds.NewFromConfig(cfg).DeleteDBInstance` in the constructor's composite literal.
    "seams.go:46:15 DeleteDBInstance [rds]",
    // `read: objects.GetObject` on a project interface declaring the SDK method.
    "seams.go:49:2 GetObject [s3]",
    // `s.publish = ...Publish`: assigned to a field promoted from the embedded hooks struct.
    "seams.go:50:2 Publish [sns]",
    // `now: time.Now` and `report: logLine` hold no SDK method: `s.report(s.now().String())` is nothing.
  ]);
  assert.ok(calls.every((c) => c.pattern === METHOD_VALUE_PATTERN_ID));
  // The arguments are those of the call through the field.
  assert.deepEqual(args(calls[0]), { DBInstanceIdentifier: "?aws.String(id)" });
  assert.deepEqual(args(calls[2]), {
    TopicArn: '"arn:aws:sns:eu-west-1:1:sweeps"',
    Message: "?aws.String(id)",
  });
});
