import assert from "node:assert/strict";
import { PAGINATOR_PATTERN_ID } from "../../../lib/languages/go/patterns/paginator.ts";
import { WAITER_PATTERN_ID } from "../../../lib/languages/go/patterns/waiter.ts";
import { args, extract, fixtureFiles, summary } from "./extract.ts";

Deno.test("go/paginator and go/waiter: NextPage and Wait carry the operation and the input's fields", async () => {
  const calls = await extract(fixtureFiles("paginator_waiter/main.go"));
  assert.deepEqual(calls.map(summary), [
    "main.go:14:3 NextPage [dynamodb] Scan",
    // Created and never paged: the operation still counts, at the creation call.
    "main.go:16:6 NewListTablesPaginator [dynamodb] ListTables",
    "main.go:18:2 Wait [dynamodb] DescribeTable",
  ]);
  assert.deepEqual(calls.map((c) => c.pattern), [
    PAGINATOR_PATTERN_ID,
    PAGINATOR_PATTERN_ID,
    WAITER_PATTERN_ID,
  ]);
  assert.deepEqual(args(calls[0]), { TableName: '"orders"' });
  // The waiter's duration is no request member.
  assert.deepEqual(args(calls[2]), { TableName: '"old"' });
});
