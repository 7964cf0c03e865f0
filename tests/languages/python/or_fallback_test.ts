import assert from "node:assert/strict";
import { runFixture } from "./pattern_fixture.ts";

Deno.test("python tracker: `x or <sdk object>` keeps the object's type (resources, clients)", async () => {
  const { calls, pairs } = await runFixture("or_fallback");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.services} ${c.method}`), [
    "15 dynamodb put_item", // self._table = table or invoices_table() (a Table from a factory)
    "20 dynamodb query", // table or boto3.resource("dynamodb").Table("events")
    "28 sqs receive_message", // self.sqs = sqs or boto3.client("sqs")
    "35 s3 put_object",
  ]);
  assert.deepEqual(pairs, ["dynamodb:PutItem", "dynamodb:Query", "s3:PutObject", "sqs:ReceiveMessage"]);
  // The Table identifiers survive `or`: the operations are scoped to the right tables.
  const tableOf = (line: number) => JSON.stringify(calls.find((c) => c.location.line === line)?.arguments);
  assert.match(tableOf(15), /"TableName".*"invoices"/);
  assert.match(tableOf(20), /"TableName".*"events"/);
  // A string `or` stays unresolved: `BUCKET` is the environment variable or a default, not just the default.
  assert.deepEqual(
    calls.find((c) => c.location.line === 35)?.arguments.find((a) => a.name === "Bucket")?.value,
    {
      kind: "unresolved",
      expression: "BUCKET",
    },
  );
});
