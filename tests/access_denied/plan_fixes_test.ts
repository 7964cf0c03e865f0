import assert from "node:assert/strict";
import { KnowledgeBase } from "../../lib/knowledge/mod.ts";
import {
  DENIAL_TYPES,
  parseAccessDenied,
  planFixes,
  plansJson,
  plansText,
} from "../../lib/access_denied/mod.ts";

const kb = await KnowledgeBase.open();
const NOW = new Date("2026-01-15T12:00:00Z");
const fixture = (name: string): string =>
  Deno.readTextFileSync(new URL(`../fixtures/access_denied/${name}`, import.meta.url));
const message = (principal: string, action: string, resource: string, reason: string): string =>
  `User: ${principal} is not authorized to perform: ${action} on resource: "${resource}" ${reason}`;
const ROLE = "arn:aws:sts::123456789012:assumed-role/orders-api/i-0abc";
const plan = (text: string, widen = false) =>
  planFixes(parseAccessDenied(text, kb), kb, { now: NOW, widen })[0];

Deno.test("ImplicitIdentity: one narrow statement on the role behind the session", () => {
  const p = plan(
    message(
      ROLE,
      "s3:GetObject",
      "arn:aws:s3:::orders/2026/01/a.csv",
      "because no identity-based policy allows the s3:GetObject action",
    ),
  );
  assert.equal(p.fixable, true);
  assert.deepEqual(p.target, {
    kind: "role",
    name: "orders-api",
    account: "123456789012",
    partition: "aws",
    policyName: "IamPolicyAutopilot-orders-api",
  });
  assert.deepEqual(p.policy, {
    Version: "2012-10-17",
    Statement: [{
      Sid: "IamPolicyAutopilotS3GetObject20260115",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::orders/2026/01/a.csv",
    }],
  });
  assert.equal(p.widened, undefined);
});

Deno.test("widening S3 object keys happens only with widen, and is said", () => {
  const p = plan(
    message(
      ROLE,
      "s3:GetObject",
      "arn:aws:s3:::orders/2026/01/a.csv",
      "because no identity-based policy allows the s3:GetObject action",
    ),
    true,
  );
  assert.equal(p.statement?.Resource, "arn:aws:s3:::orders/2026/01/*");
  assert.equal(p.widened?.from, "arn:aws:s3:::orders/2026/01/a.csv");
  assert.match(p.explanation, /widened on request/);
});

Deno.test("wildcard characters in an S3 key are escaped, not widened", () => {
  const p = plan(
    message(
      ROLE,
      "s3:GetObject",
      "arn:aws:s3:::orders/report*?.csv",
      "because no identity-based policy allows the s3:GetObject action",
    ),
  );
  assert.equal(p.statement?.Resource, "arn:aws:s3:::orders/report${*}${?}.csv");
});

Deno.test("a missing resource is widened to the action's ARN format, and said", () => {
  const p = plan(
    `User: ${ROLE} is not authorized to perform: sqs:SendMessage because no identity-based policy allows the sqs:SendMessage action`,
  );
  assert.equal(p.fixable, true);
  assert.equal(p.statement?.Resource, "arn:aws:sqs:*:*:*");
  assert.match(p.explanation, /does not name the resource/);
});

Deno.test("actions without resource types get Resource * without a widening note", () => {
  const p = plan(
    `User: ${ROLE} is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action`,
  );
  assert.equal(p.statement?.Resource, "*");
  assert.equal(p.widened, undefined);
});

Deno.test("no Allow for explicit denies and for SCP, RCP, boundary, session, VPC endpoint layers", () => {
  const reasons: [string, string][] = [
    ["with an explicit deny in an identity-based policy", "ExplicitIdentity"],
    ["with an explicit deny in a resource-based policy", "ResourcePolicy"],
    ["because no service control policy allows the s3:GetObject action", "ServiceControlPolicy"],
    ["with an explicit deny in a service control policy", "ServiceControlPolicy"],
    ["because no resource control policy allows the s3:GetObject action", "ResourceControlPolicy"],
    ["because no permissions boundary allows the s3:GetObject action", "PermissionsBoundary"],
    ["because no session policy allows the s3:GetObject action", "SessionPolicy"],
    ["because no VPC endpoint policy allows the s3:GetObject action", "VpcEndpointPolicy"],
    ["with an explicit deny", "Unknown"],
    ["", "Unknown"],
  ];
  for (const [reason, type] of reasons) {
    const p = plan(message(ROLE, "s3:GetObject", "arn:aws:s3:::b/k", reason));
    assert.equal(p.denial.denialType, type, reason);
    assert.equal(p.fixable, false, reason);
    assert.equal(p.policy, null, reason);
    assert.equal(p.statement, undefined, reason);
    assert.ok(p.explanation.length > 40, reason);
  }
  assert.match(
    plan(
      message(ROLE, "s3:GetObject", "arn:aws:s3:::b/k", "with an explicit deny in a service control policy"),
    ).explanation,
    /management account/,
  );
  assert.match(
    plan(message(ROLE, "s3:GetObject", "arn:aws:s3:::b/k", "because no permissions boundary allows it"))
      .explanation,
    /boundary/,
  );
  assert.match(
    plan(
      message(ROLE, "s3:GetObject", "arn:aws:s3:::b/k", "with an explicit deny in an identity-based policy"),
    ).explanation,
    /explicit deny always wins/,
  );
  assert.ok(DENIAL_TYPES.length === 9);
});

Deno.test("implicit resource-policy denial: a statement for the resource's owner, with the role as Principal", () => {
  const p = plan(fixture("go_smithy_resource_policy.txt"));
  assert.equal(p.fixable, false);
  assert.deepEqual(p.policy?.Statement[0].Principal, { AWS: "arn:aws-cn:iam::123456789012:role/builder" });
  assert.match(p.explanation, /resource's owner must add/);
});

Deno.test("principals this tool must not change: root, federated, SSO, service-linked, anonymous", () => {
  const plans = planFixes(parseAccessDenied(fixture("various_principals.txt"), kb), kb, { now: NOW });
  const by = new Map(plans.map((p) => [p.denial.action, p]));
  assert.equal(by.get("s3:GetObject")?.fixable, false);
  assert.match(by.get("s3:GetObject")!.explanation, /GetFederationToken/);
  assert.equal(by.get("logs:StartQuery")?.fixable, false);
  assert.match(by.get("logs:StartQuery")!.explanation, /IAM Identity Center/);
  assert.equal(by.get("iam:PassRole")?.fixable, true);
  assert.equal(by.get("iam:PassRole")?.target?.name, "alice");
  const slr = plan(
    `User: arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS is not authorized to perform: ec2:DescribeInstances because no identity-based policy allows the ec2:DescribeInstances action`,
  );
  assert.equal(slr.fixable, false);
  assert.match(slr.explanation, /service-linked/);
});

Deno.test("S3 bare Access Denied: no principal, so nothing to apply; says what is missing", () => {
  const p = plan(fixture("go_s3_bare.txt"));
  assert.equal(p.fixable, false);
  assert.equal(p.policy, null);
  assert.match(p.explanation, /does not name the principal/);
  assert.match(p.explanation, /s3:GetObject/);
});

Deno.test("JSON output has exactly the documented keys; several denials give one plan each", () => {
  const plans = planFixes(parseAccessDenied(fixture("multi_denial_log.txt"), kb), kb, { now: NOW });
  const json = plansJson(plans);
  assert.equal(json.Plans.length, 4);
  for (const p of json.Plans) {
    assert.deepEqual(Object.keys(p), [
      "Principal",
      "Action",
      "Resource",
      "DenialType",
      "Fixable",
      "Policy",
      "Explanation",
    ]);
  }
  assert.deepEqual(json.Plans.map((p) => [p.DenialType, p.Fixable]), [
    ["SessionPolicy", false],
    ["VpcEndpointPolicy", false],
    ["ResourceControlPolicy", false],
    ["ImplicitIdentity", true],
  ]);
  const text = plansText(plans);
  assert.match(text, /plan 4 of 4/);
  assert.match(text, /Denial: {4}ImplicitIdentity/);
});
