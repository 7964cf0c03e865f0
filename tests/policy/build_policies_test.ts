import assert from "node:assert/strict";
import { buildPolicies } from "../../lib/policy/build_policies.ts";
import { PolicyInternalError } from "../../lib/policy/errors.ts";
import { MAX_POLICY_SIZE, policySize } from "../../lib/policy/split.ts";
import { WILDCARD_RESOURCE_MESSAGE } from "../../lib/policy/warnings.ts";
import type { Conditions, KnowledgeSource, Permission, SdkCall } from "../../lib/types.ts";

const S3_OBJECT = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
const S3_AP_OBJECT =
  "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}";
const KMS_KEY = "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}";
const DDB_TABLE = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}";

function call(method: string, line: number): SdkCall {
  return {
    language: "python",
    method,
    services: [],
    arguments: [],
    location: { file: "app.py", line, column: 5, endLine: line, endColumn: 40 },
    expression: `client.${method}(...)`,
    pattern: "python/client_method_call",
  };
}

function permission(
  action: string,
  resources: string[],
  op: [string, string],
  options: { conditions?: Conditions; fas?: [string, string]; calls?: SdkCall[]; source?: KnowledgeSource } =
    {},
): Permission {
  return {
    action,
    resources,
    conditions: options.conditions ?? {},
    provenance: {
      operation: { service: op[0], operation: op[1] },
      calls: options.calls ?? [],
      source: options.source ?? (options.fas ? "fas" : "service-reference"),
      ...(options.fas ? { fasParents: [{ service: options.fas[0], operation: options.fas[1] }] } : {}),
    },
  };
}

const viaService = (service: string): Conditions => ({
  StringEquals: { "kms:ViaService": [`${service}.\${region}.amazonaws.com`] },
});

/** The permissions the resolver produces for CLI/tests/resources/test_example.py (upstream §2.4). */
function exampleApp(): Permission[] {
  const get = call("get_object", 5);
  const put = call("put_object", 6);
  const item = call("get_item", 8);
  const list = call("list_buckets", 10);
  const objects = [S3_OBJECT, S3_AP_OBJECT];
  return [
    ...["GetObject", "GetObjectLegalHold", "GetObjectRetention", "GetObjectTagging", "GetObjectVersion"].map((
      a,
    ) => permission(`s3:${a}`, objects, ["s3", "GetObject"], { calls: [get] })),
    permission("s3-object-lambda:GetObject", objects, ["s3", "GetObject"], { calls: [get] }),
    permission("kms:Decrypt", [KMS_KEY], ["kms", "Decrypt"], {
      conditions: viaService("s3"),
      fas: ["s3", "GetObject"],
      calls: [get],
    }),
    ...["PutObject", "PutObjectAcl", "PutObjectLegalHold", "PutObjectRetention", "PutObjectTagging"].map((
      a,
    ) => permission(`s3:${a}`, objects, ["s3", "PutObject"], { calls: [put] })),
    permission("s3-object-lambda:PutObject", objects, ["s3", "PutObject"], { calls: [put] }),
    permission("kms:GenerateDataKey", [KMS_KEY], ["kms", "GenerateDataKey"], {
      conditions: viaService("s3"),
      fas: ["s3", "PutObject"],
      calls: [put],
    }),
    permission("dynamodb:GetItem", [DDB_TABLE], ["dynamodb", "GetItem"], { calls: [item] }),
    permission("dynamodb:ReadDataForReplication", [DDB_TABLE], ["dynamodb", "GetItem"], { calls: [item] }),
    permission("kms:Decrypt", [KMS_KEY], ["kms", "Decrypt"], {
      conditions: viaService("dynamodb"),
      fas: ["dynamodb", "GetItem"],
      calls: [item],
    }),
    permission("s3:ListAllMyBuckets", [], ["s3", "ListBuckets"], { calls: [list] }),
  ];
}

const S3_ACTIONS = [
  "s3:GetObject",
  "s3:GetObjectLegalHold",
  "s3:GetObjectRetention",
  "s3:GetObjectTagging",
  "s3:GetObjectVersion",
  "s3:PutObject",
  "s3:PutObjectAcl",
  "s3:PutObjectLegalHold",
  "s3:PutObjectRetention",
  "s3:PutObjectTagging",
];

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  for (let i = result.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

Deno.test("buildPolicies() builds the upstream §2.4 example with a concrete region and account", () => {
  const { policies, warnings } = buildPolicies(exampleApp(), {
    region: "us-east-1",
    account: "123456789012",
    partition: "aws",
  });
  const key = "arn:aws:kms:us-east-1:123456789012:key/*";
  const objects = ["arn:aws:s3:::*/*", "arn:aws:s3:us-east-1:123456789012:accesspoint/*/object/*"];
  assert.deepEqual(policies, [{
    Id: "IamPolicyAutopilot",
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["dynamodb:GetItem", "dynamodb:ReadDataForReplication"],
        Resource: ["arn:aws:dynamodb:us-east-1:123456789012:table/*"],
      },
      {
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: [key],
        Condition: { StringEquals: { "kms:ViaService": ["dynamodb.us-east-1.amazonaws.com"] } },
      },
      {
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: [key],
        Condition: { StringEquals: { "kms:ViaService": ["s3.us-east-1.amazonaws.com"] } },
      },
      { Effect: "Allow", Action: S3_ACTIONS, Resource: objects },
      { Effect: "Allow", Action: ["s3:ListAllMyBuckets"], Resource: ["*"] },
      {
        Effect: "Allow",
        Action: ["s3-object-lambda:GetObject", "s3-object-lambda:PutObject"],
        Resource: objects,
      },
    ],
  }]);
  assert.deepEqual(warnings, [{
    WarningType: "WildcardResource",
    Location: { PolicyIndex: 0, StatementIndex: 4 },
    Message: WILDCARD_RESOURCE_MESSAGE,
  }]);
});

Deno.test("buildPolicies() fills wildcards and switches to StringLike with the default region and account", () => {
  const { policies } = buildPolicies(exampleApp());
  const statements = policies[0].Statement;
  assert.equal(statements.length, 6);
  assert.deepEqual(statements[2], {
    Effect: "Allow",
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: ["arn:*:kms:*:*:key/*"],
    Condition: { StringLike: { "kms:ViaService": ["s3.*.amazonaws.com"] } },
  });
  // "*" (0x2A) sorts before ":" (0x3A).
  assert.deepEqual(statements[3].Resource, ["arn:*:s3:*:*:accesspoint/*/object/*", "arn:*:s3:::*/*"]);
  assert.deepEqual(statements[0].Resource, ["arn:*:dynamodb:*:*:table/*"]);
});

Deno.test("buildPolicies() output is byte-identical for shuffled input", () => {
  const options = { region: "eu-west-1", account: "111122223333", partition: "aws" };
  const expected = JSON.stringify(buildPolicies(exampleApp(), options));
  for (let seed = 1; seed <= 20; seed++) {
    assert.equal(JSON.stringify(buildPolicies(shuffled(exampleApp(), seed), options)), expected);
  }
});

Deno.test("buildPolicies() never widens access: actions on different buckets stay apart", () => {
  const { policies } = buildPolicies([
    permission("s3:GetObject", ["arn:${Partition}:s3:::data-bucket/*"], ["s3", "GetObject"]),
    permission("s3:PutObject", ["arn:${Partition}:s3:::logs-bucket/*"], ["s3", "PutObject"]),
    permission("s3:GetObject", ["arn:${Partition}:s3:::archive-bucket/*"], ["s3", "GetObject"]),
    permission("s3:PutObject", ["arn:${Partition}:s3:::logs-bucket/*"], ["s3", "PutObject"]),
  ], { region: "us-east-1", account: "123456789012", partition: "aws" });
  assert.deepEqual(policies[0].Statement, [
    {
      Effect: "Allow",
      Action: ["s3:GetObject"],
      Resource: ["arn:aws:s3:::archive-bucket/*", "arn:aws:s3:::data-bucket/*"],
    },
    { Effect: "Allow", Action: ["s3:PutObject"], Resource: ["arn:aws:s3:::logs-bucket/*"] },
  ]);
});

Deno.test("buildPolicies() merges across services only with minimizePolicySize, and only on equal resources", () => {
  const input = [
    permission("sqs:SendMessage", [], ["sqs", "SendMessage"]),
    permission("sns:Publish", [], ["sns", "Publish"]),
    permission("s3:GetObject", ["arn:${Partition}:s3:::a/*"], ["s3", "GetObject"]),
  ];
  assert.equal(buildPolicies(input).policies[0].Statement.length, 3);
  assert.deepEqual(buildPolicies(input, { minimizePolicySize: true }).policies[0].Statement, [
    { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:*:s3:::a/*"] },
    { Effect: "Allow", Action: ["sns:Publish", "sqs:SendMessage"], Resource: ["*"] },
  ]);
});

Deno.test("buildPolicies() keeps statements with different conditions apart", () => {
  const { policies } = buildPolicies([
    permission("kms:Decrypt", [KMS_KEY], ["kms", "Decrypt"], { conditions: viaService("s3") }),
    permission("kms:Decrypt", [KMS_KEY], ["kms", "Decrypt"], { conditions: viaService("sqs") }),
    permission("kms:Decrypt", [KMS_KEY], ["kms", "Decrypt"]),
  ], { region: "us-east-1", account: "123456789012", partition: "aws" });
  assert.deepEqual(policies[0].Statement.map((s) => s.Condition?.StringEquals?.["kms:ViaService"]), [
    undefined,
    ["s3.us-east-1.amazonaws.com"],
    ["sqs.us-east-1.amazonaws.com"],
  ]);
});

Deno.test("buildPolicies() splits 200 unmergeable statements into policies of at most 6144 characters", () => {
  const input = Array.from({ length: 200 }, (_, i) =>
    permission(
      `dynamodb:Action${String(i).padStart(3, "0")}`,
      [`arn:\${Partition}:dynamodb:\${Region}:\${Account}:table/table-${i}`],
      ["dynamodb", `Op${i}`],
    ));
  const { policies, warnings } = buildPolicies(input, {
    region: "us-east-1",
    account: "123456789012",
    partition: "aws",
  });
  assert.ok(policies.length > 1, `expected several policies, got ${policies.length}`);
  for (const policy of policies) {
    assert.ok(policySize(policy) <= MAX_POLICY_SIZE, `policy of ${policySize(policy)} characters`);
    assert.equal(policy.Id, "IamPolicyAutopilot");
    assert.ok(policy.Statement.every((s) => s.Sid === undefined));
  }
  const actions = policies.flatMap((p) => p.Statement.flatMap((s) => s.Action));
  assert.equal(actions.length, 200);
  assert.deepEqual(actions, [...actions].sort());
  // Greedy: each policy but the last could not take the next policy's first statement.
  for (let i = 0; i + 1 < policies.length; i++) {
    const grown = { ...policies[i], Statement: [...policies[i].Statement, policies[i + 1].Statement[0]] };
    assert.ok(policySize(grown) > MAX_POLICY_SIZE);
  }
  assert.deepEqual(warnings, []);
});

Deno.test("buildPolicies() caps a merged statement at 6144 characters", () => {
  const input = Array.from(
    { length: 400 },
    (_, i) => permission(`ec2:DescribeSomethingLong${String(i).padStart(3, "0")}`, [], ["ec2", `Op${i}`]),
  );
  const { policies } = buildPolicies(input);
  const statements = policies.flatMap((p) => p.Statement);
  assert.ok(statements.length > 1);
  for (const policy of policies) assert.ok(policySize(policy) <= MAX_POLICY_SIZE);
  assert.equal(statements.flatMap((s) => s.Action).length, 400);
});

Deno.test("buildPolicies() puts an oversized single statement alone and warns", () => {
  const many = Array.from({ length: 4 }, (_, i) => `arn:\${Partition}:s3:::${"b".repeat(1700)}${i}/*`);
  const { policies, warnings } = buildPolicies([
    permission("s3:GetObject", many, ["s3", "GetObject"]),
    permission("s3:ListAllMyBuckets", [], ["s3", "ListBuckets"]),
  ], { partition: "aws" });
  assert.equal(policies.length, 2);
  assert.equal(policies[0].Statement.length, 1);
  assert.ok(policySize(policies[0]) > MAX_POLICY_SIZE);
  assert.deepEqual(warnings.map((w) => [w.WarningType, w.Location.PolicyIndex, w.Location.StatementIndex]), [
    ["PolicySizeExceeded", 0, 0],
    ["WildcardResource", 1, 0],
  ]);
});

Deno.test("buildPolicies() applies the resource cutoff to distinct ARN templates", () => {
  const templates = ["a", "b", "c", "d", "e"].map((b) => `arn:\${Partition}:s3:::${b}/*`);
  const five = [permission("s3:GetObject", templates, ["s3", "GetObject"])];
  const four = [permission("s3:GetObject", [...templates.slice(0, 4), templates[0]], ["s3", "GetObject"])];
  assert.deepEqual(buildPolicies(five).policies[0].Statement[0].Resource, ["*"]);
  assert.equal(buildPolicies(four).policies[0].Statement[0].Resource.length, 4);
  assert.deepEqual(buildPolicies(four, { resourceCutoff: 0 }).policies[0].Statement[0].Resource, ["*"]);
  assert.equal(buildPolicies(five, { resourceCutoff: 5 }).policies[0].Statement[0].Resource.length, 5);
  assert.throws(() => buildPolicies(five, { resourceCutoff: -1 }), /Invalid resource cutoff -1/);
});

Deno.test("buildPolicies() drops resources subsumed by another", () => {
  const { policies } = buildPolicies([
    permission("s3:GetObject", ["arn:${Partition}:s3:::b/k", "arn:${Partition}:s3:::b/*"], [
      "s3",
      "GetObject",
    ]),
    permission("s3:GetObject", ["arn:${Partition}:s3:::b/other"], ["s3", "GetObject"]),
  ], { region: "us-east-1", partition: "aws" });
  assert.deepEqual(policies[0].Statement, [
    { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] },
  ]);
});

Deno.test("buildPolicies() rejects wildcard actions with a typed error", () => {
  assert.throws(
    () => buildPolicies([permission("s3:Get*", [], ["s3", "GetObject"])]),
    (error: unknown) => error instanceof PolicyInternalError && error.code === "wildcard-action",
  );
});

Deno.test("buildPolicies() returns no policies for no permissions", () => {
  assert.deepEqual(buildPolicies([]), { policies: [], warnings: [] });
});

Deno.test("buildPolicies() with individualPolicies gives one policy per call with alphanumeric Sids", () => {
  const get = call("get_object", 5);
  const lambda = call("get_object", 12);
  const input = [
    permission("s3-object-lambda:GetObject", [S3_OBJECT], ["s3-object-lambda", "GetObject"], {
      calls: [lambda],
    }),
    permission("kms:Decrypt", [KMS_KEY], ["kms", "Decrypt"], {
      conditions: viaService("s3"),
      fas: ["s3", "GetObject"],
      calls: [get],
    }),
    permission("s3:GetObjectVersion", [S3_OBJECT], ["s3", "GetObject"], { calls: [get] }),
    permission("s3:GetObject", [S3_OBJECT, S3_AP_OBJECT], ["s3", "GetObject"], { calls: [get] }),
    permission("s3:GetObject", [], ["s3", "GetObject"], { calls: [get] }),
  ];
  const options = {
    region: "us-east-1",
    account: "123456789012",
    partition: "aws",
    individualPolicies: true,
  };
  const { policies, warnings } = buildPolicies(input, options);
  assert.deepEqual(policies.map((p) => p.Statement.map((s) => s.Sid)), [
    // Resource "*" sorts before "arn:…", so the wildcard GetObject statement gets the unsuffixed Sid.
    ["AllowS3Decrypt", "AllowS3GetObject", "AllowS3GetObject1", "AllowS3GetObjectVersion"],
    ["AllowS3ObjectLambdaGetObject"],
  ]);
  assert.deepEqual(policies[0].Statement[0], {
    Sid: "AllowS3Decrypt",
    Effect: "Allow",
    Action: ["kms:Decrypt"],
    Resource: ["arn:aws:kms:us-east-1:123456789012:key/*"],
    Condition: { StringEquals: { "kms:ViaService": ["s3.us-east-1.amazonaws.com"] } },
  });
  assert.deepEqual(warnings.map((w) => w.Location), [{ PolicyIndex: 0, StatementIndex: 1 }]);
  assert.equal(
    JSON.stringify(buildPolicies(shuffled(input, 7), options)),
    JSON.stringify({ policies, warnings }),
  );
});
