import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { createDatabase, insertRows, queryAll, SourceError } from "../../../pipeline/sqlite.ts";
import type { Database } from "../../../pipeline/sqlite.ts";
import { ingestIamDataset } from "../../../pipeline/sources/iam_dataset.ts";

const FIXTURE = fileURLToPath(new URL("../../fixtures/pipeline/iam-dataset/", import.meta.url));
const STAGING = await Deno.readTextFile(new URL("../../../pipeline/staging.sql", import.meta.url));

function collectingLog(): { warn(message: string): void; warnings: string[] } {
  const warnings: string[] = [];
  return { warn: (m: string) => void warnings.push(m), warnings };
}

function service(service: string, serviceId: string): Record<string, unknown> {
  return {
    service,
    service_id: serviceId,
    sdk_id: serviceId,
    api_version: "2020-01-01",
    js_package: `@aws-sdk/client-${service}`,
    js_client: `${serviceId}Client`,
    js_aggregated_client: serviceId,
    go_package: `github.com/aws/aws-sdk-go-v2/service/${service}`,
    java_package: `software.amazon.awssdk.services.${service}`,
    java_client: `${serviceId}Client`,
  };
}

function operation(service: string, operation: string): Record<string, unknown> {
  return {
    service,
    operation,
    python_name: operation.toLowerCase(),
    js_command: `${operation}Command`,
    js_method: operation,
    go_method: operation,
    java_method: operation,
    has_input: 1,
    deprecated: 0,
  };
}

async function setup(): Promise<Database> {
  const db = await createDatabase(STAGING);
  insertRows(db, "services", [
    service("s3", "S3"),
    service("stepfunctions", "SFN"),
    service("sts", "STS"),
    service("events", "EventBridge"),
  ]);
  insertRows(db, "operations", [
    operation("s3", "GetObject"),
    operation("s3", "HeadObject"),
    operation("s3", "ListObjectsV2"),
    operation("stepfunctions", "StartExecution"),
    operation("sts", "GetCallerIdentity"),
    operation("events", "PutEvents"),
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
