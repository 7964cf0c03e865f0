import assert from "node:assert/strict";
import { args, extract, fixtureFiles } from "./extract.ts";

Deno.test("go values: struct fields, constants, os.Getenv/LookupEnv, aws.String, fmt.Sprintf, field assignments", async () => {
  const calls = await extract(fixtureFiles("values/main.go"));
  assert.equal(calls.length, 2);
  assert.deepEqual(args(calls[0]), {
    QueueUrl: "$QUEUE_URL",
    MessageBody: "~job-*-*",
    MessageGroupId: '"jobs-fifo"',
  });
  assert.deepEqual(args(calls[1]), { QueueUrl: "$DLQ_URL", MessageBody: '"dead"' });
});
