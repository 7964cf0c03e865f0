import assert from "node:assert/strict";
import { PAGINATOR_PATTERN_ID } from "../../../lib/languages/python/patterns/paginator.ts";
import { args, extract, fixtureFiles, summary } from "./extract.ts";

Deno.test("python/paginator: via variable, chained, creation-only, untracked receiver", async () => {
  assert.equal(PAGINATOR_PATTERN_ID, "python/paginator");
  const calls = await extract(fixtureFiles("paginator/app.py"));
  assert.ok(calls.every((c) => c.pattern === PAGINATOR_PATTERN_ID));
  assert.deepEqual(calls.map(summary), [
    "app.py:10:17 list_objects_v2 [s3] ListObjectsV2",
    "app.py:14:13 describe_instances [ec2] DescribeInstances",
    // Created but never paginated: still the operation, with no arguments.
    "app.py:17:10 list_objects_v2 [s3] ListObjectsV2",
    // Untracked receiver: every service with that paginator, grouped by operation.
    "app.py:18:1 list_accounts [chime,organizations] ListAccounts",
    // ... whose request the arguments fit: Name is a member of Chime's ListAccounts only.
    "app.py:19:1 list_accounts [chime] ListAccounts",
  ]);
  // PaginationConfig, PageSize and StartingToken configure paging, not the request.
  assert.deepEqual(args(calls[0]), { Bucket: '"reports"', Prefix: "?prefix" });
  assert.deepEqual(args(calls[1]), { Filters: "?[]" });
  assert.deepEqual(calls[2].arguments, []);
  // Location and text are the paginate call's.
  assert.equal(calls[0].location.line, 10);
  assert.match(calls[0].expression, /^paginator\.paginate\(Bucket=BUCKET/);
});
