import assert from "node:assert/strict";
import { CALLABLE_REFERENCE_PATTERN_ID } from "../../../lib/languages/python/patterns/callable_reference.ts";
import { args } from "./extract.ts";
import { runFixture } from "./pattern_fixture.ts";

Deno.test("python/callable_reference: SDK methods handed to to_thread, run_in_executor, partial, executors", async () => {
  assert.equal(CALLABLE_REFERENCE_PATTERN_ID, "python/callable_reference");
  const { calls, pairs } = await runFixture("callable_reference");
  // Calls on unknown receivers (`loop.run_in_executor(None, partial(...))` itself) resolve to nothing.
  const known = calls.filter((c) => c.services.length);
  assert.deepEqual(
    known.map((c) => `${c.location.line} ${c.pattern.split("/")[1]} ${c.services} ${c.via ?? c.method}`),
    [
      "18 callable_reference sqs receive_message", // asyncio.to_thread(self.sqs.receive_message, ...)
      // run_in_executor(None, functools.partial(...)): the partial is the call; the executor call adds nothing.
      "22 callable_reference sqs delete_message_batch",
      // asyncio.to_thread(s3.upload_file, path, "uploads", "incoming/file"): a utility, positionals shifted
      ...Array(5).fill("26 callable_reference s3 boto3 client.upload_file"),
      "30 callable_reference dynamodb put_item", // from functools import partial; a Table resource action
      "32 callable_reference s3 delete_object", // pool.submit(s3.delete_object, ...)
      "33 callable_reference s3 head_object", // pool.map(s3.head_object, items): items are no arguments
      "43 client_method_call sqs purge_queue", // inside a lambda: a call site of its own
    ],
  );
  assert.deepEqual(pairs, [
    "dynamodb:PutItem",
    "s3:AbortMultipartUpload",
    "s3:CompleteMultipartUpload",
    "s3:CreateMultipartUpload",
    "s3:DeleteObject",
    "s3:HeadObject",
    "s3:PutObject",
    "s3:UploadPart",
    "sqs:DeleteMessageBatch",
    "sqs:PurgeQueue",
    "sqs:ReceiveMessage",
  ]);
  const at = (line: number) => args(known.find((c) => c.location.line === line)!);
  // The wrapper's own callable (and the executor) are not arguments of the call; the keywords are.
  assert.deepEqual(at(18), { QueueUrl: "?url", WaitTimeSeconds: "20" });
  assert.deepEqual(at(26), { Filename: "?path", Bucket: '"uploads"', Key: '"incoming/file"' });
  assert.deepEqual(at(30), { TableName: '"jobs"', ConditionExpression: '"attribute_not_exists(pk)"' });
  assert.deepEqual(at(22), { QueueUrl: "?url", Entries: "?entries" });
  assert.deepEqual(at(33), {});
});

Deno.test("python/callable_reference: methods of clients and resources stored, passed or returned uncalled", async () => {
  const { calls, pairs } = await runFixture("method_reference");
  assert.deepEqual(
    calls.map((c) =>
      `${c.location.file.split("/").pop()}:${c.location.line} ${c.services} ${c.via ?? c.method}`
    ),
    [
      // A dispatch table, and a default of dict.get: called later through a variable.
      "accounts.py:9 cognito-idp admin_disable_user",
      "accounts.py:10 cognito-idp admin_enable_user",
      "accounts.py:12 cognito-idp admin_user_global_sign_out",
      "storage.py:11 dynamodb delete_item", // a list of hooks: a resource action, then a client method
      "storage.py:11 s3 head_object",
      "storage.py:21 s3 get_object", // dataclass fields set through cls(...)
      "storage.py:21 dynamodb put_item",
      // Returned from either branch: a utility (its multipart operations) or a plain method.
      ...Array(5).fill("storage.py:25 s3 boto3 client.upload_file"),
      "storage.py:25 s3 put_object",
      // functools.partial calls it with the partial's arguments: once, not once more as a bare reference.
      "storage.py:29 s3 delete_object",
      // request.query (unknown receiver), table.name (an attribute) and self.render (the project's): nothing.
    ],
  );
  assert.ok(calls.every((c) => c.pattern === CALLABLE_REFERENCE_PATTERN_ID));
  assert.deepEqual(pairs, [
    "cognito-idp:AdminDisableUser",
    "cognito-idp:AdminEnableUser",
    "cognito-idp:AdminUserGlobalSignOut",
    "dynamodb:DeleteItem",
    "dynamodb:PutItem",
    "s3:AbortMultipartUpload",
    "s3:CompleteMultipartUpload",
    "s3:CreateMultipartUpload",
    "s3:DeleteObject",
    "s3:GetObject",
    "s3:HeadObject",
    "s3:PutObject",
    "s3:UploadPart",
  ]);
  const at = (file: string, method: string) =>
    args(calls.find((c) => c.location.file.endsWith(file) && c.method === method)!);
  // A stored reference passes nothing itself; a resource still injects its identifiers.
  assert.deepEqual(at("accounts.py", "admin_disable_user"), {});
  assert.deepEqual(at("storage.py", "put_item"), { TableName: '"sessions"' });
  assert.deepEqual(at("storage.py", "delete_object"), { Bucket: '"archive"', Key: "?key" });
});

Deno.test("python/callable_reference: a partial of an unknown receiver's method lacks arguments on purpose", async () => {
  const { calls, pairs } = await runFixture("partial_unknown_receiver");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.method} ${c.operation ?? "-"}`), [
    "7 add_job_flow_steps AddJobFlowSteps", // Steps come when the partial is called
    "14 get_item GetItem",
    "19 describe_step -", // to_thread calls it now, with everything it passes
  ]);
  // The partial's own arguments must still be members: `key` is no GetItem member of any service. And a
  // direct call missing a required member (StepId) is someone else's method, as before.
  assert.deepEqual(pairs, ["emr:AddJobFlowSteps"]);
});
