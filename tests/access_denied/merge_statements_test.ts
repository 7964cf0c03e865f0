import assert from "node:assert/strict";
import {
  inlinePolicyName,
  mergeStatements,
  parsePolicyDocument,
  statementSid,
} from "../../lib/access_denied/mod.ts";

const NOW = new Date("2026-01-15T00:00:00Z");

Deno.test("existing statements are kept exactly, conditions and unknown keys included", () => {
  const existing = {
    Version: "2012-10-17",
    Id: "Custom",
    Statement: [
      {
        Sid: "Keep",
        Effect: "Allow",
        Action: ["s3:PutObject"],
        Resource: "arn:aws:s3:::b/*",
        Condition: { StringEquals: { "s3:x-amz-acl": "private" } },
      },
      { Effect: "Deny", NotAction: "s3:*", Resource: "*" },
    ],
  };
  const before = structuredClone(existing);
  const merged = mergeStatements(existing, [{
    Effect: "Allow",
    Action: "s3:GetObject",
    Resource: "arn:aws:s3:::b/k",
  }], NOW);
  assert.deepEqual(existing, before, "input not mutated");
  assert.deepEqual(merged.document.Statement, [
    ...before.Statement,
    {
      Sid: "IamPolicyAutopilotS3GetObject20260115",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::b/k",
    },
  ]);
  assert.equal(merged.document.Id, "Custom");
});

Deno.test("duplicates: the same statement, a wildcard that covers it; conditional Allows do not count", () => {
  const doc = parsePolicyDocument(JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "A", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k" },
      { Sid: "B", Effect: "Allow", Action: "sqs:*", Resource: "*" },
      {
        Sid: "C",
        Effect: "Allow",
        Action: "sns:Publish",
        Resource: "*",
        Condition: { Bool: { "aws:SecureTransport": "true" } },
      },
    ],
  }));
  const merged = mergeStatements(doc, [
    { Effect: "Allow", Action: "S3:getobject", Resource: "arn:aws:s3:::b/k" },
    { Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:1:q" },
    { Effect: "Allow", Action: "sns:Publish", Resource: "arn:aws:sns:us-east-1:1:t" },
  ], NOW);
  assert.deepEqual(merged.duplicates.map((d) => d.coveredBy), ["A", "B"]);
  assert.deepEqual(merged.added.map((s) => s.Action), ["sns:Publish"]);
});

Deno.test("a single-object Statement becomes an array; Sids never clash", () => {
  const doc = parsePolicyDocument(JSON.stringify({
    Version: "2012-10-17",
    Statement: {
      Sid: "IamPolicyAutopilotS3GetObject20260115",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::b/x",
    },
  }));
  const merged = mergeStatements(doc, [
    { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/y" },
    { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/z" },
  ], NOW);
  assert.deepEqual((merged.document.Statement as { Sid: string }[]).map((s) => s.Sid), [
    "IamPolicyAutopilotS3GetObject20260115",
    "IamPolicyAutopilotS3GetObject202601152",
    "IamPolicyAutopilotS3GetObject202601153",
  ]);
});

Deno.test("a new policy has upstream's Id and Version; malformed existing policies are refused", () => {
  const merged = mergeStatements(
    undefined,
    [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
    NOW,
  );
  assert.deepEqual(Object.keys(merged.document), ["Id", "Version", "Statement"]);
  assert.throws(() => parsePolicyDocument("not json"), /malformed_existing_policy/);
  assert.throws(() => parsePolicyDocument('{"Version":"2012-10-17"}'), /malformed_existing_policy/);
});

Deno.test("policy names and Sids", () => {
  assert.equal(inlinePolicyName("orders api/v2"), "IamPolicyAutopilot-orders-api-v2");
  assert.equal(inlinePolicyName("x".repeat(200)).length, 128);
  assert.equal(statementSid("execute-api:Invoke", NOW), "IamPolicyAutopilotExecuteApiInvoke20260115");
});
