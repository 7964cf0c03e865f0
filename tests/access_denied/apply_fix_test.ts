import assert from "node:assert/strict";
import { KnowledgeBase } from "../../lib/knowledge/mod.ts";
import {
  applyDecodedMessage,
  applyFixes,
  ApplyRefusedError,
  decodeDenials,
  type FixPlan,
  parseAccessDenied,
  planFixes,
} from "../../lib/access_denied/mod.ts";
import {
  AwsCallError,
  type AwsSession,
  closeAwsSession,
  decodeAuthorizationMessage,
  getInlinePolicy,
  listInlinePolicyNames,
  openAwsSession,
  putInlinePolicy,
} from "../../lib/aws/mod.ts";
import { startMoto } from "../helpers/moto.ts";

const kb = await KnowledgeBase.open();
const NOW = new Date("2026-01-15T12:00:00Z");
const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
const implicit = (principal: string, action: string, resource: string): string =>
  `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} because no ` +
  `identity-based policy allows the ${action} action`;
const plansOf = (text: string): FixPlan[] => planFixes(parseAccessDenied(text, kb), kb, { now: NOW });

async function createRole(aws: AwsSession, name: string, path = "/"): Promise<void> {
  await aws.iam.send(
    new aws.sdk.iam.CreateRoleCommand({ RoleName: name, Path: path, AssumeRolePolicyDocument: TRUST }),
  );
}

Deno.test({
  name: "apply against moto_server",
  sanitizeOps: false,
  sanitizeResources: false,
}, async (t) => {
  const moto = await startMoto();
  const aws = await openAwsSession({ endpoint: moto.endpoint, region: "us-east-1", maxAttempts: 1 });
  try {
    await t.step(
      "assumed role → its role; merged with the tool's policy; other policies kept exactly",
      async () => {
        await createRole(aws, "orders-api", "/service-role/");
        const other =
          '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}';
        await putInlinePolicy(aws, { kind: "role", name: "orders-api" }, "team-policy", other);
        const ours = {
          Id: "IamPolicyAutopilot",
          Version: "2012-10-17",
          Statement: [{
            Sid: "Existing",
            Effect: "Allow",
            Action: ["sqs:SendMessage"],
            Resource: "arn:aws:sqs:us-east-1:123456789012:q",
            Condition: { Bool: { "aws:SecureTransport": "true" } },
          }],
        };
        await putInlinePolicy(
          aws,
          { kind: "role", name: "orders-api" },
          "IamPolicyAutopilot-orders-api",
          JSON.stringify(ours),
        );

        const plans = plansOf(implicit(
          "arn:aws:sts::123456789012:assumed-role/orders-api/i-0abc",
          "s3:GetObject",
          "arn:aws:s3:::orders/a.csv",
        ));
        const outcomes = await applyFixes(aws, plans, { now: NOW });
        assert.equal(outcomes.length, 1);
        assert.equal(outcomes[0].status, "applied", String(outcomes[0].error?.message));
        assert.equal(outcomes[0].statementCount, 2);
        const holder = { kind: "role" as const, name: "orders-api" };
        const stored = JSON.parse(
          (await getInlinePolicy(aws, holder, "IamPolicyAutopilot-orders-api"))!.document,
        );
        assert.deepEqual(
          stored.Statement[0],
          ours.Statement[0],
          "existing statement kept with its condition",
        );
        assert.deepEqual(stored.Statement[1], {
          Sid: "IamPolicyAutopilotS3GetObject20260115",
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::orders/a.csv",
        });
        assert.equal(
          (await getInlinePolicy(aws, holder, "team-policy"))!.document,
          other,
          "other policy untouched",
        );
        assert.deepEqual((await listInlinePolicyNames(aws, holder)).sort(), [
          "IamPolicyAutopilot-orders-api",
          "team-policy",
        ]);
      },
    );

    await t.step("duplicate: detected and reported, nothing written (exit code 1)", async () => {
      const holder = { kind: "role" as const, name: "orders-api" };
      const before = (await getInlinePolicy(aws, holder, "IamPolicyAutopilot-orders-api"))!.document;
      const plans = plansOf(implicit(
        "arn:aws:sts::123456789012:assumed-role/orders-api/i-0abc",
        "s3:GetObject",
        "arn:aws:s3:::orders/a.csv",
      ));
      const [outcome] = await applyFixes(aws, plans, { now: NOW });
      assert.equal(outcome.status, "duplicate");
      assert.ok(outcome.error instanceof ApplyRefusedError);
      assert.equal(outcome.error.exitCode, 1);
      assert.match(
        outcome.error.message,
        /duplicate statement detected.*s3:GetObject on arn:aws:s3:::orders\/a\.csv/,
      );
      assert.equal((await getInlinePolicy(aws, holder, "IamPolicyAutopilot-orders-api"))!.document, before);
    });

    await t.step("user: a new inline policy; several denials → one write", async () => {
      await aws.iam.send(new aws.sdk.iam.CreateUserCommand({ UserName: "ci-bot" }));
      const text = [
        implicit(
          "arn:aws:iam::123456789012:user/ci-bot",
          "sqs:sendmessage",
          "arn:aws:sqs:us-east-1:123456789012:jobs",
        ),
        implicit(
          "arn:aws:iam::123456789012:user/ci-bot",
          "dynamodb:GetItem",
          "arn:aws:dynamodb:us-east-1:123456789012:table/T",
        ),
      ].join("\n");
      const [outcome] = await applyFixes(aws, plansOf(text), { now: NOW });
      assert.equal(outcome.status, "applied", String(outcome.error?.message));
      const stored = JSON.parse(
        (await getInlinePolicy(aws, { kind: "user", name: "ci-bot" }, "IamPolicyAutopilot-ci-bot"))!.document,
      );
      assert.deepEqual(stored.Statement.map((s: { Action: string }) => s.Action), [
        "sqs:SendMessage",
        "dynamodb:GetItem",
      ]);
      assert.equal(stored.Id, "IamPolicyAutopilot");
    });

    await t.step("principal missing: NoSuchEntity reported with its code, nothing created", async () => {
      const [outcome] = await applyFixes(
        aws,
        plansOf(implicit(
          "arn:aws:sts::123456789012:assumed-role/ghost-role/s",
          "s3:GetObject",
          "arn:aws:s3:::b/k",
        )),
      );
      assert.equal(outcome.status, "failed");
      assert.ok(outcome.error instanceof AwsCallError);
      assert.equal(outcome.error.code, "NoSuchEntity");
      assert.equal(outcome.error.exitCode, 1);
      assert.match(outcome.error.message, /iam:ListRolePolicies failed with NoSuchEntity/);
    });

    await t.step("account mismatch (STS GetCallerIdentity): refused before any IAM call", async () => {
      await createRole(aws, "other-account-role");
      const [outcome] = await applyFixes(
        aws,
        plansOf(implicit(
          "arn:aws:sts::111111111111:assumed-role/other-account-role/s",
          "s3:GetObject",
          "arn:aws:s3:::b/k",
        )),
      );
      assert.equal(outcome.status, "failed");
      assert.ok(outcome.error instanceof ApplyRefusedError);
      assert.equal(outcome.error.reason, "account_mismatch");
      assert.equal(outcome.error.exitCode, 2);
      assert.match(outcome.error.message, /account 111111111111.*account 123456789012/);
      assert.deepEqual(await listInlinePolicyNames(aws, { kind: "role", name: "other-account-role" }), []);
    });

    await t.step(
      "size quota: a user's inline policies would exceed 2048 characters → refused, nothing written",
      async () => {
        await aws.iam.send(new aws.sdk.iam.CreateUserCommand({ UserName: "full-user" }));
        const big = JSON.stringify({
          Version: "2012-10-17",
          Statement: Array.from({ length: 20 }, (_, i) => ({
            Effect: "Allow",
            Action: "s3:GetObject",
            Resource: `arn:aws:s3:::bucket-number-${i}/some/long/prefix/*`,
          })),
        });
        await putInlinePolicy(aws, { kind: "user", name: "full-user" }, "big", big);
        const [outcome] = await applyFixes(
          aws,
          plansOf(implicit(
            "arn:aws:iam::123456789012:user/full-user",
            "sqs:SendMessage",
            "arn:aws:sqs:us-east-1:123456789012:q",
          )),
        );
        assert.ok(outcome.error instanceof ApplyRefusedError);
        assert.equal(outcome.error.reason, "size_limit");
        assert.match(outcome.error.message, /quota of 2048/);
        assert.deepEqual(await listInlinePolicyNames(aws, { kind: "user", name: "full-user" }), ["big"]);
      },
    );

    await t.step("declined at the confirmation: nothing written", async () => {
      await createRole(aws, "declined-role");
      let asked = 0;
      const [outcome] = await applyFixes(
        aws,
        plansOf(implicit(
          "arn:aws:iam::123456789012:role/declined-role",
          "s3:GetObject",
          "arn:aws:s3:::b/k",
        )),
        {
          confirm: (fix) => {
            asked++;
            assert.equal(fix.added.length, 1);
            assert.equal(fix.before, undefined);
            return false;
          },
        },
      );
      assert.equal(asked, 1);
      assert.equal(outcome.status, "declined");
      assert.deepEqual(await listInlinePolicyNames(aws, { kind: "role", name: "declined-role" }), []);
    });

    await t.step(
      "policy changed between reading and writing: refused, the other writer's change kept",
      async () => {
        await createRole(aws, "raced-role");
        const holder = { kind: "role" as const, name: "raced-role" };
        const theirs =
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sns:Publish","Resource":"*"}]}';
        const [outcome] = await applyFixes(
          aws,
          plansOf(implicit(
            "arn:aws:iam::123456789012:role/raced-role",
            "s3:GetObject",
            "arn:aws:s3:::b/k",
          )),
          {
            confirm: async () => {
              await putInlinePolicy(aws, holder, "IamPolicyAutopilot-raced-role", theirs);
              return true;
            },
          },
        );
        assert.ok(outcome.error instanceof ApplyRefusedError);
        assert.equal(outcome.error.reason, "policy_changed");
        assert.equal((await getInlinePolicy(aws, holder, "IamPolicyAutopilot-raced-role"))!.document, theirs);
      },
    );

    await t.step(
      "encoded message: decoding fails on this endpoint → the advice stays, with the reason",
      async () => {
        const text = Deno.readTextFileSync(
          new URL("../fixtures/access_denied/ec2_encoded.txt", import.meta.url),
        );
        const denials = await decodeDenials(
          parseAccessDenied(text, kb),
          kb,
          (m) => decodeAuthorizationMessage(aws, m),
        );
        assert.equal(denials[0].decoded, undefined);
        assert.match(denials[0].notes.join(" "), /sts:DecodeAuthorizationMessage/);
        assert.match(denials[0].notes.join(" "), /Decoding failed: sts:DecodeAuthorizationMessage failed/);
      },
    );
  } finally {
    closeAwsSession(aws);
    await moto.stop();
  }
});

Deno.test("a decoded authorization message fills principal, action and resource", () => {
  const text = Deno.readTextFileSync(new URL("../fixtures/access_denied/ec2_encoded.txt", import.meta.url));
  const [denial] = parseAccessDenied(text, kb);
  const decoded = JSON.stringify({
    allowed: false,
    explicitDeny: false,
    matchedStatements: { items: [] },
    failures: { items: [] },
    context: {
      principal: { id: "AROAEXAMPLE:dev", arn: "arn:aws:sts::123456789012:assumed-role/dev-role/dev" },
      action: "ec2:RunInstances",
      resource: "arn:aws:ec2:us-east-1:123456789012:instance/*",
      conditions: { items: [] },
    },
  });
  const d = applyDecodedMessage(denial, decoded, kb);
  assert.equal(d.principal?.name, "dev-role");
  assert.equal(d.action, "ec2:RunInstances");
  assert.equal(d.resource, "arn:aws:ec2:us-east-1:123456789012:instance/*");
  assert.equal(d.denialType, "ImplicitIdentity");
  assert.deepEqual(d.missing, []);
  const [plan] = planFixes([d], kb, { now: NOW });
  assert.equal(plan.fixable, true);
  const explicit = applyDecodedMessage(
    denial,
    decoded.replace('"explicitDeny":false', '"explicitDeny":true'),
    kb,
  );
  assert.equal(explicit.denialType, "Unknown");
  assert.equal(explicit.explicitDeny, true);
  assert.equal(planFixes([explicit], kb)[0].policy, null);
});

Deno.test({
  name: "denied while applying (moto_server enforcing IAM): AccessDenied reported, nothing written",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  // moto checks IAM policies after the first 4 calls, which set up a user allowed to read IAM only.
  const moto = await startMoto({ env: { INITIAL_NO_AUTH_ACTION_COUNT: "4" } });
  const admin = await openAwsSession({ endpoint: moto.endpoint, region: "us-east-1", maxAttempts: 1 });
  let limited: AwsSession | undefined;
  try {
    const iam = admin.sdk.iam;
    await admin.iam.send(new iam.CreateUserCommand({ UserName: "read-only" }));
    const key = await admin.iam.send(new iam.CreateAccessKeyCommand({ UserName: "read-only" }));
    await admin.iam.send(
      new iam.PutUserPolicyCommand({
        UserName: "read-only",
        PolicyName: "read",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{
            Effect: "Allow",
            Action: ["iam:Get*", "iam:List*", "sts:GetCallerIdentity"],
            Resource: "*",
          }],
        }),
      }),
    );
    await createRole(admin, "locked-role");
    limited = await openAwsSession({
      endpoint: moto.endpoint,
      region: "us-east-1",
      maxAttempts: 1,
      credentials: {
        accessKeyId: key.AccessKey!.AccessKeyId!,
        secretAccessKey: key.AccessKey!.SecretAccessKey!,
      },
    });
    const [outcome] = await applyFixes(
      limited,
      plansOf(implicit("arn:aws:iam::123456789012:role/locked-role", "s3:GetObject", "arn:aws:s3:::b/k")),
    );
    assert.equal(outcome.status, "failed");
    assert.ok(outcome.error instanceof AwsCallError);
    assert.equal(outcome.error.code, "AccessDenied");
    assert.match(outcome.error.message, /^iam:PutRolePolicy failed with AccessDenied/);
    assert.deepEqual(await listInlinePolicyNames(limited, { kind: "role", name: "locked-role" }), []);
  } finally {
    closeAwsSession(admin);
    if (limited) closeAwsSession(limited);
    await moto.stop();
  }
});

Deno.test("decodeDenials uses the decoder's answer when the call is allowed", async () => {
  const text = Deno.readTextFileSync(new URL("../fixtures/access_denied/ec2_encoded.txt", import.meta.url));
  const seen: string[] = [];
  const [d] = await decodeDenials(parseAccessDenied(text, kb), kb, (encoded) => {
    seen.push(encoded);
    return Promise.resolve(JSON.stringify({
      allowed: false,
      explicitDeny: false,
      context: {
        principal: { arn: "arn:aws:iam::123456789012:user/dev" },
        action: "ec2:RunInstances",
        resource: "arn:aws:ec2:us-east-1:123456789012:instance/*",
      },
    }));
  });
  assert.equal(seen.length, 1);
  assert.ok(seen[0].startsWith("4kSwF8vJ0Yv3m_9Q"));
  assert.equal(d.decoded, true);
  assert.equal(d.principal?.name, "dev");
  assert.doesNotMatch(d.notes.join(" "), /aws sts decode-authorization-message/);
});
