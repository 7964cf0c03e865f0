import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { insertRows, queryAll, SourceError } from "../../../pipeline/sqlite.ts";
import type { Database } from "../../../pipeline/sqlite.ts";
import { ingestIamDataset } from "../../../pipeline/sources/iam_dataset.ts";
import { collectingLog, operationRow, serviceRow, stagingDatabase } from "../../helpers/staging_db.ts";

const FIXTURE = fileURLToPath(new URL("../../fixtures/pipeline/iam-dataset/", import.meta.url));

async function setup(): Promise<Database> {
  const db = await stagingDatabase();
  insertRows(db, "services", [
    serviceRow("s3", "S3"),
    serviceRow("stepfunctions", "SFN"),
    serviceRow("sts", "STS"),
    serviceRow("events", "EventBridge"),
  ]);
  insertRows(db, "operations", [
    operationRow("s3", "GetObject"),
    operationRow("s3", "HeadObject"),
    operationRow("s3", "ListObjectsV2"),
    operationRow("stepfunctions", "StartExecution"),
    operationRow("sts", "GetCallerIdentity"),
    operationRow("events", "PutEvents"),
  ]);
  return db;
}

for (const file of ["map.json", "map.json.gz"]) {
  Deno.test(`ingestIamDataset stages map entries and permissionless operations (${file})`, async () => {
    const db = await setup();
    const record = await ingestIamDataset(db, FIXTURE + file, collectingLog());
    assert.equal(record.name, "iam-dataset");
    assert.equal(record.detail.info, "fixture map");
    assert.equal(record.detail.keys, 8);
    assert.equal(record.detail.unmapped_keys, 1); // AlexaForBusiness: retired, no botocore model
    assert.deepEqual(record.detail.unmapped_sdk_services, { AlexaForBusiness: 1 });
    assert.equal(record.detail.unknown_operations, 1); // S3.NotAnOperation
    assert.equal(record.detail.duplicate_operations, 1); // CloudWatchEvents.PutEvents after EventBridge
    assert.deepEqual(
      queryAll(
        db,
        "SELECT service, operation, seq, action, applies_when, detail FROM staging_map_actions ORDER BY 1, 2, 3",
      ),
      [
        {
          service: "events",
          operation: "PutEvents",
          seq: 0,
          action: "events:PutEvents",
          applies_when: null,
          detail: "EventBridge.PutEvents",
        },
        {
          service: "s3",
          operation: "GetObject",
          seq: 0,
          action: "s3:GetObject",
          applies_when: null,
          detail: "S3.GetObject",
        },
        {
          service: "s3",
          operation: "HeadObject",
          seq: 0,
          action: "s3:GetObject",
          applies_when: '{"lhs":"VersionId","op":"NotExists"}',
          detail: "S3.HeadObject",
        },
        {
          service: "s3",
          operation: "HeadObject",
          seq: 1,
          action: "s3:GetObjectVersion",
          applies_when: '{"lhs":"VersionId","op":"Exists"}',
          detail: "S3.HeadObject",
        },
        {
          service: "s3",
          operation: "ListObjectsV2",
          seq: 0,
          action: "s3:ListBucket",
          applies_when: null,
          detail: "S3.ListObjectsV2",
        },
        {
          service: "stepfunctions",
          operation: "StartExecution",
          seq: 0,
          action: "states:StartExecution",
          applies_when: null,
          detail: "StepFunctions.StartExecution",
        },
      ],
    );
    assert.deepEqual(
      queryAll(
        db,
        "SELECT resource_mappings, condition_mappings FROM staging_map_actions WHERE operation = 'GetObject'",
      ),
      [{ resource_mappings: '{"BucketName":{"template":"${Bucket}"}}', condition_mappings: "{}" }],
    );
    assert.deepEqual(
      queryAll(
        db,
        "SELECT condition_mappings FROM staging_map_actions WHERE operation = 'HeadObject' AND seq = 1",
      ),
      [{ condition_mappings: '{"s3:versionid":{"template":"${VersionId}"}}' }],
    );
    assert.deepEqual(queryAll(db, "SELECT * FROM staging_permissionless"), [
      {
        service: "sts",
        operation: "GetCallerIdentity",
        source: "iam-dataset",
        detail: "STS.GetCallerIdentity",
      },
    ]);
  });
}

Deno.test("ingestIamDataset names the path of a missing or malformed map", async () => {
  const db = await setup();
  await assert.rejects(
    () => ingestIamDataset(db, "/nonexistent/map.json.gz", collectingLog()),
    (e: unknown) => e instanceof SourceError && e.message.includes("/nonexistent/map.json.gz"),
  );
  const bad = await Deno.makeTempFile({ suffix: ".json" });
  try {
    await Deno.writeTextFile(bad, "[1, 2");
    await assert.rejects(
      () => ingestIamDataset(db, bad, collectingLog()),
      (e: unknown) =>
        e instanceof SourceError && e.message.includes(bad) && e.message.includes("not valid JSON"),
    );
  } finally {
    await Deno.remove(bad);
  }
});
