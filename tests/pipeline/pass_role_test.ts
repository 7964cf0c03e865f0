import assert from "node:assert/strict";
import { insertRows, queryAll } from "../../pipeline/sqlite.ts";
import { resolveOperationActions } from "../../pipeline/resolve_operation_actions.ts";
import { operationRow, stagingDatabase } from "../helpers/staging_db.ts";

function iamAction(prefix: string, action: string) {
  return {
    prefix,
    action,
    action_lower: action.toLowerCase(),
    access_level: "Write",
    description: null,
    condition_keys: [],
    dependent_actions: [],
  };
}

Deno.test("resolve: pass-role rule scopes iam:PassRole per role member; additions are appended, conditional", async () => {
  const db = await stagingDatabase();
  insertRows(db, "iam_services", [{ prefix: "iam", name: "IAM" }, { prefix: "lambda", name: "Lambda" }, {
    prefix: "s3",
    name: "S3",
  }, { prefix: "ecs", name: "ECS" }]);
  insertRows(db, "iam_actions", [
    iamAction("iam", "PassRole"),
    iamAction("lambda", "CreateFunction"),
    iamAction("lambda", "UpdateFunctionConfiguration"),
    iamAction("ecs", "RunTask"),
    iamAction("s3", "GetObject"),
    iamAction("s3", "GetObjectVersion"),
  ]);
  insertRows(db, "operations", [
    operationRow("ecs", "RunTask"),
    operationRow("lambda", "CreateFunction"),
    operationRow("lambda", "UpdateFunctionConfiguration"),
    operationRow("s3", "GetObject"),
  ]);
  const map = (service: string, operation: string, seq: number, action: string) => ({
    service,
    operation,
    seq,
    action,
    resource_mappings: {},
    condition_mappings: {},
    applies_when: null,
    detail: `${service}.${operation}`,
  });
  insertRows(db, "staging_map_actions", [
    map("ecs", "RunTask", 0, "ecs:RunTask"),
    map("ecs", "RunTask", 1, "iam:PassRole"),
    map("lambda", "CreateFunction", 0, "lambda:CreateFunction"),
    map("lambda", "CreateFunction", 1, "iam:PassRole"),
    map("lambda", "UpdateFunctionConfiguration", 0, "lambda:UpdateFunctionConfiguration"),
    map("lambda", "UpdateFunctionConfiguration", 1, "iam:PassRole"),
    map("s3", "GetObject", 0, "s3:GetObject"),
  ]);
  insertRows(db, "staging_role_members", [
    { service: "ecs", operation: "RunTask", path: "overrides.taskRoleArn", top_level: 0, required: 0 },
    { service: "lambda", operation: "CreateFunction", path: "Role", top_level: 1, required: 1 },
    { service: "lambda", operation: "UpdateFunctionConfiguration", path: "Role", top_level: 1, required: 0 },
  ]);
  insertRows(db, "staging_pass_role_services", [
    { service: "lambda", operation: "*", passed_to_service: "lambda.amazonaws.com", detail: "fixture docs" },
  ]);
  insertRows(db, "staging_curated_additions", [{
    service: "s3",
    operation: "GetObject",
    seq: 0,
    action: "s3:GetObjectVersion",
    resource_mappings: { BucketName: "${Bucket}" },
    context: {},
    applies_when: { lhs: "VersionId", op: "Exists" },
    detail: "fixture s3 docs",
  }]);
  const warnings: string[] = [];
  const report = resolveOperationActions(db, { warn: (m) => void warnings.push(m) });
  const rows = queryAll(
    db,
    `SELECT service, operation, seq, action, source, resource_mappings, context, applies_when
       FROM operation_actions WHERE action IN ('iam:PassRole', 's3:GetObjectVersion') ORDER BY service, operation, seq`,
  );
  const role = (m: string) =>
    JSON.stringify({
      RoleNameWithPath: `%%regex%\${${m}}%/^(?:arn:[^:]+:iam::[0-9]*:role\\/)?(.+)$/g%%`,
      role: `\${${m}}`,
    });
  assert.deepEqual(rows, [
    // nested role member: left unconditional and unscoped
    {
      service: "ecs",
      operation: "RunTask",
      seq: 1,
      action: "iam:PassRole",
      source: "iam-dataset",
      resource_mappings: "{}",
      context: "{}",
      applies_when: null,
    },
    // required top-level member: always, scoped, with the curated principal
    {
      service: "lambda",
      operation: "CreateFunction",
      seq: 1,
      action: "iam:PassRole",
      source: "iam-dataset",
      resource_mappings: role("Role"),
      context: '{"iam:PassedToService":["lambda.amazonaws.com"]}',
      applies_when: null,
    },
    // optional member: only when it Exists
    {
      service: "lambda",
      operation: "UpdateFunctionConfiguration",
      seq: 1,
      action: "iam:PassRole",
      source: "iam-dataset",
      resource_mappings: role("Role"),
      context: '{"iam:PassedToService":["lambda.amazonaws.com"]}',
      applies_when: '{"lhs":"Role","op":"Exists"}',
    },
    // the addition follows the winning source's rows
    {
      service: "s3",
      operation: "GetObject",
      seq: 1,
      action: "s3:GetObjectVersion",
      source: "curated",
      resource_mappings: '{"BucketName":"${Bucket}"}',
      context: "{}",
      applies_when: '{"lhs":"VersionId","op":"Exists"}',
    },
  ]);
  assert.deepEqual(report.additions, { operations: 1, actions: 1 });
  assert.equal(report.passRole.operations, 3);
  assert.equal(report.passRole.scoped, 2);
  assert.equal(report.passRole.conditional, 1);
  assert.equal(report.passRole.nestedRoleMember, 1);
  assert.equal(report.passRole.passedToService, 2);
  assert.deepEqual(report.bySource, {
    "curated": 0,
    "service-reference": 0,
    "iam-dataset": 4,
    "same-name": 0,
    "botocore-docs": 0,
  });
  db.close();
});
