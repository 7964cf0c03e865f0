/** A utility entry with a bare IAM action flows through resolution and permissions (rds-db:connect). */
import assert from "node:assert/strict";
import { permissionsFor } from "../../../lib/permissions/mod.ts";
import { resolveCalls } from "../../../lib/resolve/mod.ts";
import { extract } from "./extract.ts";
import { pySource, realKnowledgeBase } from "./real_kb.ts";

Deno.test("generate_db_auth_token → rds-db:connect end to end", async () => {
  const kb = await realKnowledgeBase();
  try {
    const calls = await extract([
      pySource(
        "db.py",
        'import boto3\nrds = boto3.client("rds")\ntoken = rds.generate_db_auth_token(DBHostname="h", Port=5432, DBUsername="app")\n',
      ),
    ], kb);
    const { operations, unresolved } = resolveCalls(calls, kb);
    assert.deepEqual(operations.map((o) => `${o.service}:${o.operation}`), ["rds-db:connect"]);
    assert.deepEqual(unresolved, []);
    const { permissions, notes } = permissionsFor(operations, kb, {
      region: "*",
      account: "*",
      partition: "*",
    });
    assert.deepEqual(permissions.map((p) => p.action), ["rds-db:connect"]);
    assert.equal(permissions[0].provenance.source, "curated");
    assert.match(permissions[0].provenance.sourceDetail ?? "", /boto3 client\.generate_db_auth_token/);
    assert.deepEqual(notes.noActions, []);
    // An unknown operation of a real service is still no bare action.
    const bogus = resolveCalls([{ ...calls[0], services: ["s3"], operation: "connect" }], kb);
    assert.deepEqual(bogus.operations, []);
  } finally {
    kb.close();
  }
});
