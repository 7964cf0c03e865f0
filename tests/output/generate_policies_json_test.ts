import assert from "node:assert/strict";
import { buildPolicies } from "../../lib/policy/build_policies.ts";
import { generatePoliciesJson } from "../../lib/output/generate_policies_json.ts";
import type { Permission, SdkCall } from "../../lib/types.ts";

function call(expression: string, line: number, file = "app.py"): SdkCall {
  return {
    language: "python",
    method: expression.split("(")[0].split(".").pop()!,
    services: [],
    arguments: [],
    location: { file, line, column: 5, endLine: line, endColumn: 5 + expression.length },
    expression,
    pattern: "python/client_method_call",
  };
}

const getObject = call("s3.get_object(Bucket=bucket, Key=key)", 12);
const getObjectAgain = call("s3.get_object(Bucket=b, Key=k)", 3, "lib/io.py");
const listBuckets = call("s3.list_buckets()", 20);

const permissions: Permission[] = [
  {
    action: "s3:GetObject",
    resources: ["arn:${Partition}:s3:::${BucketName}/${ObjectName}"],
    conditions: {},
    provenance: {
      operation: { service: "s3", operation: "GetObject" },
      calls: [getObject, getObjectAgain],
      source: "service-reference",
    },
  },
  {
    action: "kms:Decrypt",
    resources: ["arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"],
    conditions: { StringEquals: { "kms:ViaService": ["s3.${region}.amazonaws.com"] } },
    provenance: {
      operation: { service: "kms", operation: "Decrypt" },
      calls: [getObject],
      source: "fas",
      sourceDetail: "s3:GetObject",
      fasParents: [{ service: "s3", operation: "GetObject" }],
    },
  },
  {
    action: "s3:ListAllMyBuckets",
    resources: [],
    conditions: {},
    provenance: {
      operation: { service: "s3", operation: "ListBuckets" },
      calls: [listBuckets],
      source: "curated",
      sourceDetail: "ListBuckets needs ListAllMyBuckets",
    },
  },
  {
    action: "dynamodb:GetItem",
    resources: ["arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}"],
    conditions: {},
    provenance: {
      operation: { service: "dynamodb", operation: "GetItem" },
      calls: [],
      source: "iam-dataset",
    },
  },
];

const options = { region: "us-east-1", account: "123456789012", partition: "aws" };
const input = {
  policySet: buildPolicies(permissions, options),
  permissions,
  knowledgeBaseVersion: "2026.09.26",
};

Deno.test("generatePoliciesJson() prints compact upstream-compatible JSON without a trailing newline", () => {
  assert.equal(
    generatePoliciesJson(input),
    '{"Policies":[{"Policy":{"Id":"IamPolicyAutopilot","Version":"2012-10-17","Statement":[' +
      '{"Effect":"Allow","Action":["dynamodb:GetItem"],"Resource":["arn:aws:dynamodb:us-east-1:123456789012:table/*"]},' +
      '{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["arn:aws:kms:us-east-1:123456789012:key/*"],' +
      '"Condition":{"StringEquals":{"kms:ViaService":["s3.us-east-1.amazonaws.com"]}}},' +
      '{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::*/*"]},' +
      '{"Effect":"Allow","Action":["s3:ListAllMyBuckets"],"Resource":["*"]}]},"PolicyType":"Identity"}],' +
      '"Warnings":[{"WarningType":"WildcardResource","Location":{"PolicyIndex":0,"StatementIndex":3},' +
      '"Message":"Statement could not be scoped to specific resources and uses Resource \\"*\\". ' +
      'Review whether broad resource access is intended."}],' +
      '"KnowledgeBase":{"Version":"2026.09.26"}}',
  );
});

Deno.test("generatePoliciesJson() pretty-prints with 2 spaces and a trailing newline", () => {
  const text = generatePoliciesJson(input, { pretty: true });
  assert.ok(text.endsWith("}\n"));
  assert.ok(
    text.startsWith('{\n  "Policies": [\n    {\n      "Policy": {\n        "Id": "IamPolicyAutopilot",\n'),
  );
  assert.deepEqual(JSON.parse(text), JSON.parse(generatePoliciesJson(input)));
  assert.equal(
    generatePoliciesJson({ ...input, knowledgeBaseVersion: undefined }, { pretty: true }).includes("Know"),
    false,
  );
});

Deno.test('generatePoliciesJson() prints {"Policies":[]} for no permissions', () => {
  const empty = { policySet: buildPolicies([]), permissions: [] };
  assert.equal(generatePoliciesJson(empty), '{"Policies":[]}');
  assert.equal(generatePoliciesJson(empty, { pretty: true }), '{\n  "Policies": []\n}\n');
  assert.equal(generatePoliciesJson(empty, { explain: ["*"] }), '{"Policies":[]}');
});

Deno.test("generatePoliciesJson() explains actions with FAS chains, call sites and knowledge sources", () => {
  const output = JSON.parse(generatePoliciesJson(input, { explain: ["*"] }));
  assert.deepEqual(Object.keys(output), ["Policies", "Explanations", "Warnings", "KnowledgeBase"]);
  assert.deepEqual(Object.keys(output.Explanations.ExplanationForAction), [
    "dynamodb:GetItem",
    "kms:Decrypt",
    "s3:GetObject",
    "s3:ListAllMyBuckets",
  ]);
  assert.deepEqual(output.Explanations.ExplanationForAction["kms:Decrypt"], [{
    Operations: [
      {
        Service: "s3",
        Name: "GetObject",
        Source: { Expr: "s3.get_object(Bucket=bucket, Key=key)", Location: "app.py:12.5-12.42" },
      },
      { Service: "kms", Name: "Decrypt", Source: "FAS" },
    ],
    KnowledgeSource: { Source: "fas", Detail: "s3:GetObject" },
  }]);
  // One reason per call site, ordered by file then position.
  assert.deepEqual(
    output.Explanations.ExplanationForAction["s3:GetObject"].map((r: { Operations: { Source: unknown }[] }) =>
      r.Operations[0].Source
    ),
    [
      { Expr: "s3.get_object(Bucket=bucket, Key=key)", Location: "app.py:12.5-12.42" },
      { Expr: "s3.get_object(Bucket=b, Key=k)", Location: "lib/io.py:3.5-3.35" },
    ],
  );
  assert.deepEqual(output.Explanations.ExplanationForAction["dynamodb:GetItem"], [{
    Operations: [{ Service: "dynamodb", Name: "GetItem", Source: "Provided" }],
    KnowledgeSource: { Source: "iam-dataset" },
  }]);
  assert.deepEqual(output.Explanations.Documentation, [
    "The explanation contains an operation added due to Forward Access Sessions (FAS). See https://docs.aws.amazon.com/IAM/latest/UserGuide/access_forward_access_sessions.html.",
  ]);
});

Deno.test("generatePoliciesJson() filters explanations with anchored, case-insensitive globs", () => {
  const explained = (patterns: string[]): string[] | undefined => {
    const output = JSON.parse(generatePoliciesJson(input, { explain: patterns }));
    return output.Explanations && Object.keys(output.Explanations.ExplanationForAction);
  };
  assert.deepEqual(explained(["S3:*"]), ["s3:GetObject", "s3:ListAllMyBuckets"]);
  assert.deepEqual(explained(["*:get*"]), ["dynamodb:GetItem", "s3:GetObject"]);
  assert.deepEqual(explained(["s3:List*", "kms:Decrypt"]), ["kms:Decrypt", "s3:ListAllMyBuckets"]);
  assert.deepEqual(explained(["GetObject"]), undefined); // anchored: no substring matches
  assert.deepEqual(explained(["ec2:*"]), undefined);
  assert.deepEqual(explained(["s3:Get.bject"]), undefined); // `.` is literal
  const noFas = JSON.parse(generatePoliciesJson(input, { explain: ["s3:*"] }));
  assert.equal(noFas.Explanations.Documentation, undefined);
});

Deno.test("generatePoliciesJson() is independent of permission order", () => {
  const reversed = [...permissions].reverse().map((p) => ({
    ...p,
    provenance: { ...p.provenance, calls: [...p.provenance.calls].reverse() },
  }));
  const other = { ...input, policySet: buildPolicies(reversed, options), permissions: reversed };
  assert.equal(
    generatePoliciesJson(other, { explain: ["*"], pretty: true }),
    generatePoliciesJson(input, { explain: ["*"], pretty: true }),
  );
});
