import assert from "node:assert/strict";
import { permissionsFor } from "../../lib/permissions/permissions_for.ts";
import type { OperationRef, Permission, SdkCall } from "../../lib/types.ts";
import { call, fixtureKnowledgeBase } from "../helpers/knowledge_fixture.ts";

const kb = await fixtureKnowledgeBase();
const context = { region: "us-east-1", account: "123456789012", partition: "aws" };

function op(service: string, operation: string, ...calls: SdkCall[]): OperationRef {
  return { service, operation, calls };
}

function summary(permissions: Permission[]): [string, string[], unknown][] {
  return permissions.map((p) => [p.action, p.resources, p.conditions]);
}

Deno.test("s3 GetObject: object ARN filled from literal arguments, plus FAS kms:Decrypt via s3", () => {
  const c = call("get_object", { Bucket: "orders", Key: { unresolved: "key" } }, { services: ["s3"] });
  const { permissions, notes } = permissionsFor([op("s3", "GetObject", c)], kb, context);
  assert.deepEqual(summary(permissions), [
    ["kms:Decrypt", ["arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"], {
      StringEquals: { "kms:ViaService": ["s3.${region}.amazonaws.com"] },
    }],
    ["s3:GetObject", ["arn:${Partition}:s3:::orders/${ObjectName}"], {}],
  ]);
  const [kms, s3] = permissions;
  assert.deepEqual(s3.provenance, {
    operation: { service: "s3", operation: "GetObject" },
    calls: [c],
    source: "iam-dataset",
    sourceDetail: "S3.GetObject",
  });
  assert.equal(kms.provenance.source, "fas");
  assert.deepEqual(kms.provenance.operation, { service: "kms", operation: "Decrypt" });
  assert.deepEqual(kms.provenance.fasParents, [{ service: "s3", operation: "GetObject" }]);
  assert.deepEqual(kms.provenance.calls, [c]);
  assert.match(kms.provenance.sourceDetail ?? "", /fas:s3/);
  assert.deepEqual(notes, { permissionless: [], noActions: [], skipped: [] });
});

Deno.test("calls that disagree on a literal give one ARN each; an unknown value keeps the placeholder", () => {
  const a = call("get_object", { Bucket: "orders", Key: "a.txt" }, { services: ["s3"], line: 1 });
  const b = call("get_object", { Bucket: "invoices", Key: "b.txt" }, { services: ["s3"], line: 2 });
  const [, s3] = permissionsFor([op("s3", "GetObject", a, b)], kb, context).permissions;
  assert.deepEqual(s3.resources, [
    "arn:${Partition}:s3:::invoices/b.txt",
    "arn:${Partition}:s3:::orders/a.txt",
  ]);

  const unknown = call("get_object", { Bucket: { unresolved: "bucket" }, Key: "c.txt" }, {
    services: ["s3"],
  });
  const [, mixed] = permissionsFor([op("s3", "GetObject", a, unknown)], kb, context).permissions;
  assert.deepEqual(mixed.resources, [
    "arn:${Partition}:s3:::${BucketName}/a.txt",
    "arn:${Partition}:s3:::${BucketName}/c.txt",
  ]);
});

Deno.test("s3 HeadObject: GetObject without VersionId, GetObjectVersion only when some call passes it", () => {
  const plain = call("head_object", { Bucket: "b", Key: "k" }, { services: ["s3"] });
  const result = permissionsFor([op("s3", "HeadObject", plain)], kb, context);
  assert.deepEqual(result.permissions.map((p) => p.action), ["kms:Decrypt", "s3:GetObject"]);
  const getObject = result.permissions[1];
  assert.equal(
    getObject.provenance.sourceDetail,
    "S3.HeadObject; applies when VersionId NotExists: 1 call omits VersionId",
  );
  assert.deepEqual(result.notes.skipped, [{
    operation: { service: "s3", operation: "HeadObject" },
    action: "s3:GetObjectVersion",
    reason: "applies when VersionId Exists: no call passes VersionId",
  }]);

  const versioned = call("head_object", { Bucket: "b", Key: "k", VersionId: "v1" }, { services: ["s3"] });
  assert.deepEqual(
    permissionsFor([op("s3", "HeadObject", versioned)], kb, context).permissions.map((p) => p.action),
    ["kms:Decrypt", "s3:GetObjectVersion"],
  );
  assert.deepEqual(
    permissionsFor([op("s3", "HeadObject", plain, versioned)], kb, context).permissions.map((p) => p.action),
    ["kms:Decrypt", "s3:GetObject", "s3:GetObjectVersion"],
  );
  // Arguments not fully known (splat): both, as upstream would.
  const splat = call("head_object", { "**": { unresolved: "kw" } }, { services: ["s3"] });
  assert.deepEqual(
    permissionsFor([op("s3", "HeadObject", splat)], kb, context).permissions.map((p) => p.action),
    ["kms:Decrypt", "s3:GetObject", "s3:GetObjectVersion"],
  );
});

Deno.test("permissionless and unmapped operations are noted, not granted", () => {
  const sts = call("get_caller_identity", {}, { services: ["sts"] });
  const logs = call("put_log_events", {}, { services: ["logs"] });
  const result = permissionsFor(
    [op("logs", "PutLogEvents", logs), op("sts", "GetCallerIdentity", sts)],
    kb,
    context,
  );
  assert.deepEqual(result.permissions, []);
  assert.deepEqual(result.notes.permissionless, [{ service: "sts", operation: "GetCallerIdentity" }]);
  assert.deepEqual(result.notes.noActions, [{ service: "logs", operation: "PutLogEvents" }]);
});

Deno.test("actions without resource types get *, overrides replace a type, SR context becomes StringEquals", () => {
  const list = call("list_buckets", {}, { services: ["s3"] });
  const invoke = call("invoke_model", { modelId: "m" }, { services: ["bedrock-runtime"] });
  const start = call("start_execution", { stateMachineArn: "arn" }, { services: ["stepfunctions"] });
  const { permissions } = permissionsFor(
    [
      op("bedrock-runtime", "InvokeModel", invoke),
      op("s3", "ListBuckets", list),
      op("stepfunctions", "StartExecution", start),
    ],
    kb,
    context,
  );
  assert.deepEqual(summary(permissions), [
    ["bedrock:InvokeModel", ["*"], {}],
    ["s3:ListAllMyBuckets", ["*"], {}],
    [
      "states:StartExecution",
      ["arn:${Partition}:states:${Region}:${Account}:stateMachine:${StateMachineName}"],
      { StringEquals: { "states:SomeKey": ["a", "b"] } },
    ],
  ]);
  assert.equal(permissions[2].provenance.source, "service-reference");
  assert.equal(permissions[2].provenance.sourceDetail, undefined);
});

Deno.test("regex templates apply to literals; other values keep the placeholder", () => {
  const withPath = call("get_role", { RoleName: "team/app-role" }, { services: ["iam"] });
  const [role] = permissionsFor([op("iam", "GetRole", withPath)], kb, context).permissions;
  assert.deepEqual(role.resources, ["arn:${Partition}:iam::${Account}:role/app-role"]);
  const fromEnv = call("get_role", { RoleName: { unresolved: "os.environ['ROLE']" } }, { services: ["iam"] });
  const [unknown] = permissionsFor([op("iam", "GetRole", fromEnv)], kb, context).permissions;
  assert.deepEqual(unknown.resources, ["arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"]);
});

Deno.test("FAS conditions differ per parent service; each operation keeps its own provenance", () => {
  const s3Get = call("get_object", { Bucket: "b", Key: "k" }, { services: ["s3"], line: 1 });
  const s3Get2 = call("get_object", { Bucket: "b", Key: "k" }, { services: ["s3"], line: 4 });
  const s3Head = call("head_object", { Bucket: "b", Key: "k" }, { services: ["s3"], line: 2 });
  const ddb = call("get_item", { TableName: "orders", Key: { unresolved: "k" } }, {
    services: ["dynamodb"],
    line: 3,
  });
  const { permissions } = permissionsFor(
    [
      op("dynamodb", "GetItem", ddb),
      op("s3", "GetObject", s3Get, s3Get2),
      op("s3", "HeadObject", s3Head),
    ],
    kb,
    context,
  );
  const kmsViaS3 = ["kms:Decrypt", ["arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"], {
    StringEquals: { "kms:ViaService": ["s3.${region}.amazonaws.com"] },
  }];
  assert.deepEqual(summary(permissions), [
    ["dynamodb:GetItem", ["arn:${Partition}:dynamodb:${Region}:${Account}:table/orders"], {}],
    ["kms:Decrypt", ["arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"], {
      StringEquals: { "kms:ViaService": ["dynamodb.${region}.amazonaws.com"] },
    }],
    kmsViaS3,
    kmsViaS3,
    ["s3:GetObject", ["arn:${Partition}:s3:::b/k"], {}],
    ["s3:GetObject", ["arn:${Partition}:s3:::b/k"], {}],
  ]);
  // The same action needed by two operations stays two permissions, so --explain names both operations
  // (the policy stage folds the identical statements); calls of one operation are merged.
  const getObject = permissions.filter((p) => p.action === "s3:GetObject");
  assert.deepEqual(getObject.map((p) => p.provenance.operation.operation), ["GetObject", "HeadObject"]);
  assert.deepEqual(getObject[0].provenance.calls, [s3Get, s3Get2]);
  assert.deepEqual(getObject[1].provenance.calls, [s3Head]);
  const kms = permissions.filter((p) =>
    p.action === "kms:Decrypt" && p.provenance.fasParents?.[0]?.service === "s3"
  );
  assert.deepEqual(kms.map((p) => p.provenance.fasParents?.[0].operation), ["GetObject", "HeadObject"]);
});

Deno.test("FAS expansion terminates on cycles (DescribeTable → ListTables → DescribeTable)", () => {
  const describe = call("describe_table", { TableName: "t" }, { services: ["dynamodb"] });
  const { permissions } = permissionsFor([op("dynamodb", "DescribeTable", describe)], kb, context);
  assert.deepEqual(permissions.map((p) => [p.action, p.resources, p.provenance.source]), [
    ["dynamodb:DescribeTable", ["*"], "iam-dataset"],
    ["dynamodb:ListTables", ["*"], "fas"],
  ]);
  assert.deepEqual(permissions[1].provenance.fasParents, [{
    service: "dynamodb",
    operation: "DescribeTable",
  }]);
});
