import assert from "node:assert/strict";
import {
  closeAwsSession,
  DEFAULT_UPLOAD_PREFIX,
  formatUploadSummary,
  listLocalPolicyNames,
  nextPolicyNumber,
  openAwsSession,
  uploadPolicies,
  UploadPrefixError,
  validateUploadPrefix,
} from "../../lib/aws/mod.ts";
import { policyDocument } from "../../lib/policy/split.ts";
import type { PolicyDocument } from "../../lib/types.ts";
import { startMoto } from "../helpers/moto.ts";

const doc = (action: string): PolicyDocument =>
  policyDocument([{ Effect: "Allow", Action: [action], Resource: ["*"] }]);

Deno.test("prefix validation and numbering (no AWS)", () => {
  validateUploadPrefix("Orders.Service@team_1+=,-");
  assert.throws(() => validateUploadPrefix(""), UploadPrefixError);
  assert.throws(() => validateUploadPrefix("has space"), /invalid --upload-policies prefix 'has space'/);
  assert.throws(() => validateUploadPrefix("x".repeat(90)), UploadPrefixError);
  validateUploadPrefix("x".repeat(89));
  assert.equal(nextPolicyNumber("P", new Set()), 1);
  assert.equal(nextPolicyNumber("P", new Set(["P_1", "P_2", "P_4", "Q_3"])), 3);
  assert.equal(
    formatUploadSummary({ Successful: [], Failed: [] }),
    "Uploaded no policies (nothing to upload).",
  );
});

Deno.test(
  { name: "uploadPolicies against moto_server", sanitizeOps: false, sanitizeResources: false },
  async (t) => {
    const moto = await startMoto();
    const aws = await openAwsSession({ endpoint: moto.endpoint, region: "us-east-1", maxAttempts: 1 });
    try {
      await t.step("lowest unused numbers, gaps reused, existing policies never overwritten", async () => {
        for (const n of [1, 3]) {
          await aws.iam.send(
            new aws.sdk.iam.CreatePolicyCommand({
              PolicyName: `${DEFAULT_UPLOAD_PREFIX}_${n}`,
              PolicyDocument: JSON.stringify(doc("sns:Publish")),
            }),
          );
        }
        const result = await uploadPolicies(aws, [
          doc("s3:GetObject"),
          doc("sqs:SendMessage"),
          doc("kms:Decrypt"),
        ]);
        assert.deepEqual(result.Failed, []);
        assert.deepEqual(result.Successful.map((p) => p.PolicyName), [
          `${DEFAULT_UPLOAD_PREFIX}_2`,
          `${DEFAULT_UPLOAD_PREFIX}_4`,
          `${DEFAULT_UPLOAD_PREFIX}_5`,
        ]);
        assert.equal(
          result.Successful[0].PolicyArn,
          `arn:aws:iam::123456789012:policy/${DEFAULT_UPLOAD_PREFIX}_2`,
        );
        assert.ok(result.Successful.every((p) => p.PolicyId.length > 0));
        const existing = await aws.iam.send(
          new aws.sdk.iam.GetPolicyVersionCommand({
            PolicyArn: `arn:aws:iam::123456789012:policy/${DEFAULT_UPLOAD_PREFIX}_1`,
            VersionId: "v1",
          }),
        );
        assert.match(decodeURIComponent(existing.PolicyVersion!.Document!), /sns:Publish/, "untouched");
        const created = await aws.iam.send(
          new aws.sdk.iam.GetPolicyVersionCommand({
            PolicyArn: result.Successful[1].PolicyArn,
            VersionId: "v1",
          }),
        );
        assert.deepEqual(
          JSON.parse(decodeURIComponent(created.PolicyVersion!.Document!)),
          doc("sqs:SendMessage"),
        );
        const summary = formatUploadSummary(result);
        assert.match(summary, /^Created 3 customer managed policies:/);
        assert.match(
          summary,
          new RegExp(`created ${DEFAULT_UPLOAD_PREFIX}_4 \\(arn:aws:iam::123456789012:policy/`),
        );
      });

      await t.step("custom prefix; a policy over the size limit fails alone", async () => {
        const huge = policyDocument([{
          Effect: "Allow",
          Action: ["s3:GetObject"],
          Resource: Array.from({ length: 200 }, (_, i) => `arn:aws:s3:::bucket-${i}/a/long/path/*`),
        }]);
        const result = await uploadPolicies(aws, [huge, doc("s3:ListBucket")], { prefix: "Orders" });
        assert.deepEqual(result.Successful.map((p) => p.PolicyName), ["Orders_1"]);
        assert.equal(result.Failed.length, 1);
        assert.equal(result.Failed[0][0], 0);
        assert.match(result.Failed[0][1], /more than IAM's managed policy limit of 6144; not uploaded/);
        assert.ok(!(await listLocalPolicyNames(aws)).includes("Orders_2"));
      });

      await t.step("invalid prefix: refused before any call; nothing to upload: no call", async () => {
        await assert.rejects(
          () => uploadPolicies(aws, [doc("s3:GetObject")], { prefix: "bad prefix" }),
          UploadPrefixError,
        );
        assert.deepEqual(await uploadPolicies(aws, []), { Successful: [], Failed: [] });
      });

      await t.step("a malformed document is reported per policy with its AWS error code", async () => {
        const bad = {
          Id: "x",
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: ["s3GetObject"], Resource: ["*"] }],
        };
        const result = await uploadPolicies(aws, [bad as PolicyDocument, doc("s3:PutObject")], {
          prefix: "Mixed",
        });
        assert.deepEqual(result.Successful.map((p) => p.PolicyName), ["Mixed_1"]);
        assert.match(result.Failed[0][1], /iam:CreatePolicy failed with MalformedPolicyDocument/);
      });
    } finally {
      closeAwsSession(aws);
      await moto.stop();
    }
  },
);

Deno.test({
  name: "AWS errors carry their code: unreachable endpoint",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  const aws = await openAwsSession({ endpoint: "http://127.0.0.1:9", region: "us-east-1", maxAttempts: 1 });
  try {
    await assert.rejects(() => listLocalPolicyNames(aws), (error: Error & { code?: string }) => {
      assert.equal(error.name, "AwsCallError");
      assert.match(
        error.message,
        /^iam:ListPolicies failed with NetworkError: .*check the network, AWS_ENDPOINT_URL/,
      );
      return true;
    });
  } finally {
    closeAwsSession(aws);
  }
});
