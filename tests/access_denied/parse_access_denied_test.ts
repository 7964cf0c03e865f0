import assert from "node:assert/strict";
import { KnowledgeBase } from "../../lib/knowledge/mod.ts";
import { type Denial, parseAccessDenied, principalText } from "../../lib/access_denied/mod.ts";

const kb = await KnowledgeBase.open();
const fixture = (name: string): string =>
  Deno.readTextFileSync(new URL(`../fixtures/access_denied/${name}`, import.meta.url));

/** The facts a test asserts about a denial. */
function facts(d: Denial) {
  return {
    principal: principalText(d.principal),
    kind: d.principal?.kind ?? null,
    action: d.action ?? null,
    resource: d.resource ?? null,
    type: d.denialType,
  };
}

Deno.test("boto3 ClientError traceback: assumed role, SQS action in its canonical case", () => {
  const denials = parseAccessDenied(fixture("boto3_client_error.txt"), kb);
  assert.equal(denials.length, 1);
  assert.deepEqual(facts(denials[0]), {
    principal: "arn:aws:sts::123456789012:assumed-role/orders-api-role/orders-api-fn",
    kind: "assumed-role",
    action: "sqs:SendMessage",
    resource: "arn:aws:sqs:us-east-1:123456789012:orders-queue",
    type: "ImplicitIdentity",
  });
  assert.equal(denials[0].principal?.name, "orders-api-role");
  assert.equal(denials[0].principal?.sessionName, "orders-api-fn");
  assert.equal(denials[0].errorCode, "AccessDenied");
  assert.deepEqual(denials[0].operation, { service: "sqs", name: "SendMessage" });
  assert.equal(denials[0].line, 8);
  assert.deepEqual(denials[0].missing, []);
});

Deno.test("JS v3 AccessDeniedException with its error dump is one denial", () => {
  const denials = parseAccessDenied(fixture("js_v3_access_denied_exception.txt"), kb);
  assert.equal(denials.length, 1, "the repeated message in the dump is merged");
  assert.deepEqual(facts(denials[0]), {
    principal: "arn:aws:sts::123456789012:assumed-role/checkout-task-role/5f1c9a0e2b7d4c3a",
    kind: "assumed-role",
    action: "dynamodb:PutItem",
    resource: "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders",
    type: "ImplicitIdentity",
  });
  assert.equal(denials[0].errorCode, "AccessDeniedException");
});

Deno.test("JS v3 S3 bare AccessDenied: action from the deserializer's operation name", () => {
  const [d] = parseAccessDenied(fixture("js_v3_s3_bare.txt"), kb);
  assert.equal(d.action, "s3:ListBucket");
  assert.deepEqual(d.operation, { service: "s3", name: "ListObjectsV2" });
  assert.equal(d.denialType, "Unknown");
  assert.deepEqual(d.missing, ["principal", "resource"]);
  assert.match(d.notes.join(" "), /does not name the principal/);
});

Deno.test("Go smithy api error: aws-cn partition, resource-based policy", () => {
  const [d] = parseAccessDenied(fixture("go_smithy_resource_policy.txt"), kb);
  assert.deepEqual(facts(d), {
    principal: "arn:aws-cn:sts::123456789012:assumed-role/builder/ci",
    kind: "assumed-role",
    action: "ecr:ListImages",
    resource: "arn:aws-cn:ecr:cn-north-1:210987654321:repository/base-images",
    type: "ResourcePolicy",
  });
  assert.equal(d.principal?.partition, "aws-cn");
  assert.equal(d.errorCode, "AccessDeniedException");
});

Deno.test("Go S3 'api error AccessDenied: Access Denied': operation from 'operation error S3: GetObject'", () => {
  const [d] = parseAccessDenied(fixture("go_s3_bare.txt"), kb);
  assert.equal(d.action, "s3:GetObject");
  assert.equal(d.principal, undefined);
  assert.equal(d.denialType, "Unknown");
  assert.deepEqual(d.missing, ["principal", "resource"]);
});

Deno.test("Java AwsServiceException: explicit deny in a named identity-based policy", () => {
  const [d] = parseAccessDenied(fixture("java_aws_service_exception.txt"), kb);
  assert.deepEqual(facts(d), {
    principal: "arn:aws:iam::123456789012:user/ci-deployer",
    kind: "user",
    action: "sqs:ReceiveMessage",
    resource: "arn:aws:sqs:eu-west-1:123456789012:jobs",
    type: "ExplicitIdentity",
  });
  assert.equal(d.explicitDeny, true);
  assert.equal(d.denyingPolicyArn, "arn:aws:iam::123456789012:policy/DenyQueues");
});

Deno.test("Java S3Exception 'Access Denied': operation from the client method in the stack trace", () => {
  const [d] = parseAccessDenied(fixture("java_s3_bare.txt"), kb);
  assert.equal(d.action, "s3:PutObject");
  assert.deepEqual(d.operation, { service: "s3", name: "PutObject" });
});

Deno.test("AWS CLI output: quoted resource, explicit deny in a service control policy", () => {
  const [d] = parseAccessDenied(fixture("aws_cli_scp.txt"), kb);
  assert.deepEqual(facts(d), {
    principal: "arn:aws:iam::123456789012:user/alice",
    kind: "user",
    action: "s3:ListBucket",
    resource: "arn:aws:s3:::reports",
    type: "ServiceControlPolicy",
  });
  assert.equal(d.explicitDeny, true);
  assert.match(d.denyingPolicyArn ?? "", /service_control_policy\/p-def456$/);
});

Deno.test("CloudTrail event (pretty JSON): role path from the session issuer", () => {
  const [d] = parseAccessDenied(fixture("cloudtrail_event.json"), kb);
  assert.equal(d.source, "cloudtrail");
  assert.deepEqual(facts(d), {
    principal: "arn:aws:sts::123456789012:assumed-role/reporting-role/reporting-job",
    kind: "assumed-role",
    action: "dynamodb:Query",
    resource: "arn:aws:dynamodb:us-east-1:123456789012:table/Sales/index/by-day",
    type: "ImplicitIdentity",
  });
  assert.equal(d.principal?.path, "/service-role/");
});

Deno.test("CloudTrail Records: boundary denial, anonymous S3 denial; events without errors ignored", () => {
  const denials = parseAccessDenied(fixture("cloudtrail_records.json"), kb);
  assert.deepEqual(denials.map(facts), [
    {
      principal: "arn:aws:iam::123456789012:user/deployer",
      kind: "user",
      action: "lambda:InvokeFunction",
      resource: "arn:aws:lambda:us-east-1:123456789012:function:billing",
      type: "PermissionsBoundary",
    },
    {
      principal: "anonymous",
      kind: "anonymous",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::public-site/index.html",
      type: "Unknown",
    },
  ]);
});

Deno.test("multi-line log: one denial per distinct message, repeated ones merged, types per layer", () => {
  const denials = parseAccessDenied(fixture("multi_denial_log.txt"), kb);
  assert.deepEqual(denials.map((d) => [d.action, d.denialType, d.explicitDeny, d.line]), [
    ["s3:PutObject", "SessionPolicy", false, 2],
    ["s3:GetObject", "VpcEndpointPolicy", false, 3],
    ["kms:Decrypt", "ResourceControlPolicy", true, 4],
    ["sns:Publish", "ImplicitIdentity", false, 5],
  ]);
});

Deno.test("EC2 encoded authorization failure message: operation's actions, decode advice", () => {
  const [d] = parseAccessDenied(fixture("ec2_encoded.txt"), kb);
  assert.equal(d.errorCode, "UnauthorizedOperation");
  assert.ok(d.encodedMessage?.startsWith("4kSwF8vJ0Yv3m_9Q"));
  // RunInstances needs only ec2:RunInstances unconditionally (iam:PassRole only with an instance profile or a
  // launch template, ec2:CreateTags only with TagSpecifications: pipeline/curated/AUDIT.md), so that is the action.
  assert.equal(d.action, "ec2:RunInstances");
  assert.equal(d.denialType, "Unknown");
  assert.match(d.notes.join(" "), /sts:DecodeAuthorizationMessage/);
  assert.match(d.notes.join(" "), /aws sts decode-authorization-message/);
});

Deno.test("principals: root, federated user, anonymous, user with path, IAM short resource form", () => {
  const denials = parseAccessDenied(fixture("various_principals.txt"), kb);
  const byAction = new Map(denials.map((d) => [d.action, d]));
  assert.equal(byAction.get("s3:PutBucketPolicy")?.principal?.kind, "root");
  assert.equal(byAction.get("s3:PutBucketPolicy")?.denialType, "ResourcePolicy");
  assert.equal(byAction.get("s3:GetObject")?.principal?.kind, "federated-user");
  assert.equal(byAction.get("execute-api:Invoke")?.principal?.kind, "anonymous");
  assert.equal(byAction.get("execute-api:Invoke")?.denialType, "Unknown", "no reason clause");
  const passRole = byAction.get("iam:PassRole")!;
  assert.equal(passRole.principal?.name, "alice");
  assert.equal(passRole.principal?.path, "/ops/");
  assert.equal(passRole.resource, "arn:aws:iam::123456789012:role/deploy-role");
  const kms = byAction.get("kms:Decrypt")!;
  assert.equal(kms.denialType, "ResourcePolicy");
  assert.deepEqual(kms.missing, ["resource"]);
  const legacy = byAction.get("sqs:DeleteMessage")!;
  assert.equal(legacy.denialType, "Unknown", "an explicit deny without a layer");
  assert.equal(legacy.explicitDeny, true);
});

Deno.test("every denial type phrase maps to its exact name", () => {
  const msg = (reason: string) =>
    `User: arn:aws:iam::123456789012:user/u is not authorized to perform: s3:GetObject on resource: ` +
    `"arn:aws:s3:::b/k" ${reason}`;
  const cases: [string, string, boolean][] = [
    ["because no identity-based policy allows the s3:GetObject action", "ImplicitIdentity", false],
    ["with an explicit deny in an identity-based policy", "ExplicitIdentity", true],
    ["because no resource-based policy allows the s3:GetObject action", "ResourcePolicy", false],
    ["with an explicit deny in a resource-based policy", "ResourcePolicy", true],
    ["because no service control policy allows the s3:GetObject action", "ServiceControlPolicy", false],
    ["because of a service control policy", "ServiceControlPolicy", false],
    ["with an explicit deny in a resource control policy", "ResourceControlPolicy", true],
    ["because no permissions boundary allows the s3:GetObject action", "PermissionsBoundary", false],
    ["with an explicit deny in a permissions boundary", "PermissionsBoundary", true],
    ["because no session policy allows the s3:GetObject action", "SessionPolicy", false],
    ["with an explicit deny in a VPC endpoint policy", "VpcEndpointPolicy", true],
    [
      "with an explicit deny in a VPC endpoint policy transitively through a service control policy",
      "VpcEndpointPolicy",
      true,
    ],
    ["", "Unknown", false],
  ];
  for (const [reason, type, explicit] of cases) {
    const [d] = parseAccessDenied(msg(reason), kb);
    assert.equal(d.denialType, type, reason);
    assert.equal(d.explicitDeny, explicit, reason);
  }
});

Deno.test("malformed text: nothing found; truncated message: says what is missing", () => {
  assert.deepEqual(parseAccessDenied(fixture("malformed.txt"), kb), []);
  assert.deepEqual(parseAccessDenied("", kb), []);
  const [d] = parseAccessDenied("User: arn:aws:iam::123456789012:user/bob is not authorized to perform:", kb);
  assert.equal(d.action, undefined);
  assert.ok(d.missing.includes("action"));
  assert.equal(d.principal?.name, "bob");
});

Deno.test("unknown action is kept as written with a note; key characters survive in S3 resources", () => {
  const [d] = parseAccessDenied(
    "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: nosuch:DoThing on resource: * " +
      "because no identity-based policy allows the nosuch:DoThing action",
    kb,
  );
  assert.equal(d.action, "nosuch:DoThing");
  assert.match(d.notes.join(" "), /not an IAM action the knowledge database knows/);
  assert.equal(d.resource, "*");
});

Deno.test("JSON log lines with escaped quotes", () => {
  const line = JSON.stringify({
    level: "error",
    msg:
      'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::b/a b.txt" because no identity-based policy allows the s3:GetObject action',
  });
  const [d] = parseAccessDenied(line, kb);
  assert.equal(d.resource, "arn:aws:s3:::b/a b.txt");
  assert.equal(d.denialType, "ImplicitIdentity");
});
