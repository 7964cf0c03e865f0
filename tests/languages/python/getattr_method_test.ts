import assert from "node:assert/strict";
import { GETATTR_METHOD_PATTERN_ID } from "../../../lib/languages/python/patterns/getattr_method.ts";
import { lines, runFixture } from "./pattern_fixture.ts";

Deno.test("python/getattr_method: getattr(client, name) fetches every method the name can be", async () => {
  assert.equal(GETATTR_METHOD_PATTERN_ID, "python/getattr_method");
  const { calls, pairs } = await runFixture("getattr_method");
  assert.deepEqual(lines(calls, GETATTR_METHOD_PATTERN_ID), [
    // ACTIONS[action] with an unknown key: any entry of the dict.
    "11 start_db_instance",
    "11 stop_db_instance",
    // A parameter: the names its call sites pass.
    "16 describe_db_instances",
    "16 reboot_db_instance",
  ]);
  assert.ok(
    calls.filter((c) => c.pattern === GETATTR_METHOD_PATTERN_ID).every((c) => c.arguments.length === 0),
  );
  assert.deepEqual(pairs, [
    "rds:DescribeDBInstances",
    "rds:RebootDBInstance",
    "rds:StartDBInstance",
    "rds:StopDBInstance",
  ]);
});
