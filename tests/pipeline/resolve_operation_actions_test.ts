import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { insertRows, queryAll } from "../../pipeline/sqlite.ts";
import type { Database } from "../../pipeline/sqlite.ts";
import { defaultIamDataDir, ingestIamData } from "../../pipeline/sources/iam_data.ts";
import { ingestIamDataset } from "../../pipeline/sources/iam_dataset.ts";
import { resolveOperationActions } from "../../pipeline/resolve_operation_actions.ts";
import { collectingLog, operationRow, serviceRow, stagingDatabase } from "../helpers/staging_db.ts";

const IAM_DATA_FIXTURE = fileURLToPath(new URL("../fixtures/pipeline/iam-data", import.meta.url));
const REAL_MAP = "/work/shared/data/iam-dataset/map.json.gz";

function mapRow(service: string, op: string, seq: number, action: string, appliesWhen: unknown = null) {
  return {
    service,
    operation: op,
    seq,
    action,
    resource_mappings: {},
    condition_mappings: {},
    applies_when: appliesWhen,
    detail: `map ${op}`,
  };
}

async function fixtureDb(): Promise<Database> {
  const db = await stagingDatabase();
  insertRows(db, "services", [
    serviceRow("s3", "S3"),
    serviceRow("stepfunctions", "SFN", { iam_prefix: "states" }),
    serviceRow("sts", "STS"),
  ]);
  insertRows(db, "operations", [
    ...["DeleteObject", "GetObject", "HeadObject", "ListObjectsV2", "PutObject"].map((o) =>
      operationRow("s3", o)
    ),
    operationRow("stepfunctions", "StartExecution"),
    operationRow("sts", "GetCallerIdentity"),
    operationRow("sts", "GetSessionToken"),
  ]);
  await ingestIamData(db, IAM_DATA_FIXTURE, collectingLog());
  insertRows(db, "staging_sr_actions", [
    {
      service: "s3",
      operation: "GetObject",
      seq: 0,
      action: "S3:getobject",
      context: {},
      detail: "s3:GetObject",
    },
    {
      service: "s3",
      operation: "GetObject",
      seq: 1,
      action: "s3:Bogus",
      context: {},
      detail: "s3:GetObject",
    },
    {
      service: "s3",
      operation: "ListObjectsV2",
      seq: 0,
      action: "s3:NotReal",
      context: {},
      detail: "s3:ListObjectsV2",
    },
  ]);
  insertRows(db, "staging_map_actions", [
    mapRow("s3", "GetObject", 0, "s3:GetObjectVersion"),
    mapRow("s3", "HeadObject", 0, "s3:GetObject", { lhs: "VersionId", op: "NotExists" }),
    mapRow("s3", "HeadObject", 1, "s3:GetObjectVersion", { lhs: "VersionId", op: "Exists" }),
    mapRow("s3", "ListObjectsV2", 0, "s3:listbucket"),
  ]);
  insertRows(db, "staging_curated_actions", [
    {
      service: "s3",
      operation: "PutObject",
      seq: 0,
      action: "S3:PUTOBJECT",
      resource_mappings: { BucketName: "${Bucket}" },
      context: {},
      detail: "curated s3 PutObject",
    },
    {
      service: "sts",
      operation: "GetCallerIdentity",
      seq: 0,
      action: "sts:GetCallerIdentity",
      resource_mappings: {},
      context: {},
      detail: "curated GetCallerIdentity",
    },
  ]);
  // Documented permissions come last: ignored where another source answers, validated where consulted.
  insertRows(db, "staging_doc_actions", [
    { service: "s3", operation: "GetObject", seq: 0, action: "s3:PutObject", detail: "docs GetObject" },
    {
      service: "s3",
      operation: "DeleteObject",
      seq: 0,
      action: "s3:DeleteObjectTurbo",
      detail: "docs DeleteObject",
    },
  ]);
  insertRows(db, "staging_permissionless", [
    {
      service: "sts",
      operation: "GetCallerIdentity",
      source: "iam-dataset",
      detail: "STS.GetCallerIdentity",
    },
    { service: "sts", operation: "GetSessionToken", source: "iam-dataset", detail: "STS.GetSessionToken" },
  ]);
  return db;
}

Deno.test("resolveOperationActions applies precedence, canonical case and drops invalid actions", async () => {
  const db = await fixtureDb();
  const log = collectingLog();
  const report = resolveOperationActions(db, log);
  assert.deepEqual(report, {
    operations: 8,
    bySource: { "curated": 2, "service-reference": 1, "iam-dataset": 2, "same-name": 1, "botocore-docs": 0 },
    permissionless: 1,
    actions: 7,
    dropped: 3,
    unmapped: ["s3.DeleteObject"],
    additions: { operations: 0, actions: 0 },
    passRole: {
      operations: 0,
      scoped: 0,
      conditional: 0,
      passedToService: 0,
      noRoleMember: 0,
      nestedRoleMember: 0,
      fromDependentActions: 0,
    },
    resourceTemplates: { operations: 0, actions: 0, keptCurated: 0 },
  });
  assert.deepEqual(
    queryAll(
      db,
      "SELECT service, operation, seq, action, source, source_detail, applies_when FROM operation_actions",
    ),
    [
      {
        service: "s3",
        operation: "GetObject",
        seq: 0,
        action: "s3:GetObject",
        source: "service-reference",
        source_detail: "s3:GetObject",
        applies_when: null,
      },
      {
        service: "s3",
        operation: "HeadObject",
        seq: 0,
        action: "s3:GetObject",
        source: "iam-dataset",
        source_detail: "map HeadObject",
        applies_when: '{"lhs":"VersionId","op":"NotExists"}',
      },
      {
        service: "s3",
        operation: "HeadObject",
        seq: 1,
        action: "s3:GetObjectVersion",
        source: "iam-dataset",
        source_detail: "map HeadObject",
        applies_when: '{"lhs":"VersionId","op":"Exists"}',
      },
      // the service reference proposed only an invalid action: falls to the map
      {
        service: "s3",
        operation: "ListObjectsV2",
        seq: 0,
        action: "s3:ListBucket",
        source: "iam-dataset",
        source_detail: "map ListObjectsV2",
        applies_when: null,
      },
      {
        service: "s3",
        operation: "PutObject",
        seq: 0,
        action: "s3:PutObject",
        source: "curated",
        source_detail: "curated s3 PutObject",
        applies_when: null,
      },
      {
        service: "stepfunctions",
        operation: "StartExecution",
        seq: 0,
        action: "states:StartExecution",
        source: "same-name",
        source_detail: null,
        applies_when: null,
      },
      // curated actions win over the iam-dataset permissionless mark
      {
        service: "sts",
        operation: "GetCallerIdentity",
        seq: 0,
        action: "sts:GetCallerIdentity",
        source: "curated",
        source_detail: "curated GetCallerIdentity",
        applies_when: null,
      },
    ],
  );
  assert.deepEqual(
    queryAll(
      db,
      "SELECT resource_mappings, context, condition_mappings FROM operation_actions WHERE operation = 'PutObject'",
    ),
    [{ resource_mappings: '{"BucketName":"${Bucket}"}', context: "{}", condition_mappings: "{}" }],
  );
  assert.deepEqual(queryAll(db, "SELECT * FROM permissionless_operations"), [
    { service: "sts", operation: "GetSessionToken", source: "iam-dataset" },
  ]);
  assert.deepEqual(
    queryAll(db, "SELECT service, operation, action, source FROM dropped_mappings ORDER BY 1, 2, 3"),
    [
      { service: "s3", operation: "DeleteObject", action: "s3:DeleteObjectTurbo", source: "botocore-docs" },
      { service: "s3", operation: "GetObject", action: "s3:Bogus", source: "service-reference" },
      { service: "s3", operation: "ListObjectsV2", action: "s3:NotReal", source: "service-reference" },
    ],
  );
  assert.equal(log.warnings.length, 3);
  assert.match(log.warnings[0], /^botocore-docs: s3\.DeleteObject maps to s3:DeleteObjectTurbo/);
  assert.match(log.warnings[1], /s3\.GetObject maps to s3:Bogus/);
});

Deno.test("resolveOperationActions on the real iam-data package and iam-dataset map", async () => {
  const db = await stagingDatabase();
  insertRows(db, "services", [
    serviceRow("lambda", "Lambda"),
    serviceRow("s3", "S3"),
    serviceRow("sqs", "SQS"),
    serviceRow("stepfunctions", "SFN", { iam_prefix: "states" }),
    serviceRow("sts", "STS"),
  ]);
  insertRows(db, "operations", [
    operationRow("lambda", "Invoke"),
    operationRow("s3", "GetObject"),
    operationRow("s3", "HeadObject"),
    operationRow("s3", "ListObjectsV2"),
    operationRow("sqs", "SendMessage"),
    operationRow("stepfunctions", "StartExecution"),
    operationRow("sts", "GetCallerIdentity"),
  ]);
  const iamData = await ingestIamData(db, defaultIamDataDir(), collectingLog());
  assert.ok(Number(iamData.detail.actions) > 10000, "the real iam-data package has > 10k actions");
  const dataset = await ingestIamDataset(db, REAL_MAP, collectingLog());
  assert.equal(dataset.version, "2022-08-19");
  // a bogus action proposed by the map for an operation the map does not cover
  db.run("DELETE FROM staging_map_actions WHERE service = 'sqs' AND operation = 'SendMessage'");
  insertRows(db, "staging_map_actions", [
    mapRow("sqs", "SendMessage", 0, "sqs:SendMessageTurbo"),
  ]);
  const log = collectingLog();
  const report = resolveOperationActions(db, log);
  const actions = (service: string, op: string) =>
    queryAll<{ action: string; applies_when: string | null; source: string }>(
      db,
      "SELECT action, applies_when, source FROM operation_actions WHERE service = ? AND operation = ? ORDER BY seq",
      [service, op],
    );
  assert.deepEqual(actions("s3", "ListObjectsV2").map((a) => a.action), ["s3:ListBucket"]);
  assert.deepEqual(actions("s3", "GetObject").map((a) => a.action), ["s3:GetObject"]);
  assert.deepEqual(actions("s3", "HeadObject"), [
    { action: "s3:GetObject", applies_when: '{"lhs":"VersionId","op":"NotExists"}', source: "iam-dataset" },
    {
      action: "s3:GetObjectVersion",
      applies_when: '{"lhs":"VersionId","op":"Exists"}',
      source: "iam-dataset",
    },
  ]);
  assert.deepEqual(actions("lambda", "Invoke").map((a) => a.action), ["lambda:InvokeFunction"]);
  assert.deepEqual(actions("stepfunctions", "StartExecution").map((a) => a.action), [
    "states:StartExecution",
  ]);
  // the map's bogus action is dropped, and the same-name rule still finds sqs:SendMessage
  assert.deepEqual(actions("sqs", "SendMessage"), [{
    action: "sqs:SendMessage",
    applies_when: null,
    source: "same-name",
  }]);
  assert.deepEqual(actions("sts", "GetCallerIdentity"), []);
  assert.deepEqual(queryAll(db, "SELECT * FROM permissionless_operations"), [
    { service: "sts", operation: "GetCallerIdentity", source: "iam-dataset" },
  ]);
  assert.deepEqual(queryAll(db, "SELECT service, operation, action, source FROM dropped_mappings"), [
    { service: "sqs", operation: "SendMessage", action: "sqs:SendMessageTurbo", source: "iam-dataset" },
  ]);
  assert.equal(report.dropped, 1);
  assert.deepEqual(report.unmapped, []);
  assert.equal(log.warnings.length, 1);
});
