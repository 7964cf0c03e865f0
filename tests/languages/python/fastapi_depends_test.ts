import assert from "node:assert/strict";
import { FASTAPI_DEPENDS_PATTERN_ID } from "../../../lib/languages/python/patterns/fastapi_depends.ts";
import { args } from "./extract.ts";
import { runFixture } from "./pattern_fixture.ts";

Deno.test("python/fastapi_depends: Depends(provider) parameters are what the provider returns or yields", async () => {
  assert.equal(FASTAPI_DEPENDS_PATTERN_ID, "python/fastapi_depends");
  const { calls, pairs } = await runFixture("fastapi_depends");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.services} ${c.method} ${c.operation ?? ""}`), [
    // OrdersTable alias: Annotated["Table", Depends(provider)], the provider reads app.state set in the lifespan
    "13 dynamodb put_item PutItem",
    "14 sqs send_message ", // Security(provider) returning app.state.sqs
    "19 dynamodb get_item GetItem", // a parameter defaulting to Depends(provider)
    // fastapi.Depends of a generator dependency: the Bucket it yields
    "24 s3 delete_objects DeleteObjects",
    "24 s3 list_objects ListObjects",
    "29 dynamodb update_item UpdateItem", // provider unknown: the hint's Table (stub type) is injected
    "30 sns publish ", // Annotated[Notifier, Depends()]: FastAPI makes a Notifier
    "35  query ", // Annotated[int, Query()] and Depends(lambda: None) inject nothing the linker knows
  ]);
  assert.deepEqual(pairs, [
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "s3:DeleteObjects",
    "s3:ListObjects",
    "sns:Publish",
    "sqs:SendMessage",
  ]);
  const at = (line: number, method: string) =>
    args(calls.find((c) => c.location.line === line && c.method === method)!);
  // The resources carry the identifiers the providers gave them.
  assert.deepEqual(at(13, "put_item"), { TableName: '"orders"', Item: "?order" });
  assert.deepEqual(at(19, "get_item"), { TableName: '"orders"', Key: '?{"order_id": order_id}' });
  assert.deepEqual(at(24, "list_objects"), { Bucket: '"uploads"', Prefix: "?prefix" });
});
