import assert from "node:assert/strict";
import { runFixture } from "./pattern_fixture.ts";

Deno.test("python/type_hint: a boto3.Session parameter hint types session.client/resource without callers", async () => {
  // The functions are reached only through a dict of callables, so no call site passes the session: the
  // hint alone must make `session.client("ec2")` an ec2 client (not a name match over ds/fsx/memorydb/...).
  const { calls, pairs } = await runFixture("type_hint_session");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.services} ${c.method}`), [
    "18 ec2 describe_snapshots", // session: boto3.Session
    "23 ec2 describe_volumes", // session: "boto3.session.Session" (forward reference), resource collection
    "24 ec2 delete_volume", // volume.delete() on the collection's items
    "29 elasticache describe_snapshots", // session: Optional[Session] (from boto3 import Session)
  ]);
  assert.deepEqual(pairs, [
    "ec2:DeleteVolume",
    "ec2:DescribeSnapshots",
    "ec2:DescribeVolumes",
    "elasticache:DescribeSnapshots",
  ]);
});
