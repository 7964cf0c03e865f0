import assert from "node:assert/strict";
import { createDatabase, insertRows } from "../../pipeline/sqlite.ts";
import type { Database } from "../../pipeline/sqlite.ts";
import { coverageReport, formatCoverage } from "../../pipeline/coverage.ts";
import { operationRow, serviceRow } from "../helpers/staging_db.ts";

function action(
  service: string,
  op: string,
  seq: number,
  action: string,
  source: string,
): Record<string, unknown> {
  return {
    service,
    operation: op,
    seq,
    action,
    source,
    resource_mappings: {},
    condition_mappings: {},
    context: {},
  };
}

async function build(
  services: string[],
  ops: [string, string][],
  actions: Record<string, unknown>[],
): Promise<Database> {
  const db = await createDatabase();
  insertRows(db, "services", services.map((s) => serviceRow(s)));
  insertRows(db, "operations", ops.map(([s, o]) => operationRow(s, o)));
  insertRows(db, "operation_actions", actions);
  insertRows(db, "iam_services", [{ prefix: "s3", name: "Amazon S3" }, { prefix: "sts", name: "STS" }]);
  insertRows(db, "iam_actions", [
    {
      prefix: "s3",
      action: "GetObject",
      action_lower: "getobject",
      condition_keys: [],
      dependent_actions: [],
    },
  ]);
  return db;
}

Deno.test("coverageReport counts mapped operations, sources, drops and differences", async () => {
  const previous = await build(
    ["s3", "sqs"],
    [["s3", "GetObject"], ["sqs", "SendMessage"]],
    [
      action("s3", "GetObject", 0, "s3:GetObject", "iam-dataset"),
      action("sqs", "SendMessage", 0, "sqs:SendMessage", "same-name"),
    ],
  );
  const db = await build(
    ["s3", "sts"],
    [["s3", "GetObject"], ["s3", "HeadObject"], ["s3", "PutObject"], ["sts", "GetCallerIdentity"]],
    [
      action("s3", "GetObject", 0, "s3:GetObject", "service-reference"),
      action("s3", "GetObject", 1, "kms:Decrypt", "service-reference"),
      action("s3", "HeadObject", 0, "s3:GetObject", "iam-dataset"),
    ],
  );
  insertRows(db, "permissionless_operations", [{
    service: "sts",
    operation: "GetCallerIdentity",
    source: "iam-dataset",
  }]);
  insertRows(db, "dropped_mappings", [
    {
      service: "s3",
      operation: "PutObject",
      action: "s3:PutObjectTurbo",
      source: "iam-dataset",
      reason: "not in IAM",
    },
  ]);
  const report = coverageReport(db, previous);
  assert.deepEqual(report, {
    services: 2,
    operations: 4,
    operationsNeedingPermission: 3,
    mappedOperations: 2,
    sharePercent: 66.67,
    bySource: { "iam-dataset": 1, "service-reference": 1 },
    dropped: {
      count: 1,
      list: [{
        operation: "s3.PutObject",
        action: "s3:PutObjectTurbo",
        source: "iam-dataset",
        reason: "not in IAM",
      }],
    },
    permissionless: 1,
    iamServices: 2,
    iamActions: 1,
    unmapped: ["s3.PutObject"],
    conditional: { actions: 0, operations: 0 },
    curatedAdditions: { actions: 0, operations: 0 },
    passRole: { operations: 0, scoped: 0, conditional: 0, passedToService: 0 },
    difference: {
      services: { added: ["sts"], removed: ["sqs"] },
      operations: {
        added: ["s3.HeadObject", "s3.PutObject", "sts.GetCallerIdentity"],
        removed: ["sqs.SendMessage"],
      },
      actions: { added: ["kms:Decrypt"], removed: ["sqs:SendMessage"] },
    },
  });
  const text = formatCoverage(report);
  assert.match(text, /Mapped: 2 \(66\.67%\)/);
  assert.match(text, /s3\.PutObject -> s3:PutObjectTurbo \(iam-dataset\)/);
  assert.match(text, /services added \(1\):\n {4}sts/);
  assert.equal(coverageReport(db).difference, undefined);
});

Deno.test("coverageReport of an empty database", async () => {
  const report = coverageReport(await createDatabase());
  assert.equal(report.sharePercent, 0);
  assert.deepEqual(report.unmapped, []);
  assert.match(formatCoverage(report), /By source: none/);
});
