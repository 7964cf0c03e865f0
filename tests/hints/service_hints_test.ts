import assert from "node:assert/strict";
import { applyServiceHints, servicesForHint, validateServiceHints } from "../../lib/hints/service_hints.ts";
import { UnknownServiceHintError } from "../../lib/hints/unknown_service_hint_error.ts";
import { ExitCode } from "../../lib/errors.ts";
import type { OperationRef } from "../../lib/types.ts";
import { fixtureKnowledgeBase } from "../helpers/knowledge_fixture.ts";

const kb = await fixtureKnowledgeBase();

Deno.test("hint synonyms: name, dash-less form, SDK aliases, IAM prefix and services sharing it", () => {
  assert.deepEqual(servicesForHint("bedrock", kb), ["bedrock", "bedrock-agent", "bedrock-runtime"]);
  assert.deepEqual(servicesForHint("bedrockruntime", kb), ["bedrock", "bedrock-agent", "bedrock-runtime"]);
  assert.deepEqual(servicesForHint("logs", kb), ["logs"]);
  assert.deepEqual(servicesForHint("cloudwatch-logs", kb), ["logs"]);
  assert.deepEqual(servicesForHint("CloudWatchLogs", kb), ["logs"]);
  assert.deepEqual(servicesForHint("states", kb), ["stepfunctions"]);
  assert.deepEqual(servicesForHint("sfn", kb), ["stepfunctions"]);
  assert.deepEqual(servicesForHint("nothing", kb), []);
});

Deno.test("applyServiceHints keeps only operations of matching services", () => {
  const ops: OperationRef[] = [
    { service: "bedrock-runtime", operation: "InvokeModel", calls: [] },
    { service: "logs", operation: "PutLogEvents", calls: [] },
    { service: "s3", operation: "GetObject", calls: [] },
  ];
  assert.deepEqual(applyServiceHints(ops, ["bedrock", "cloudwatch-logs"], kb).map((o) => o.service), [
    "bedrock-runtime",
    "logs",
  ]);
  assert.equal(applyServiceHints(ops, [], kb), ops);
});

Deno.test("unknown hints: one typed error listing each, with the closest suggestions", () => {
  assert.throws(() => validateServiceHints(["s4"], kb), (error: unknown) => {
    assert.ok(error instanceof UnknownServiceHintError);
    assert.equal(
      error.message,
      "Unknown service hint: s4 (did you mean s3?). Use boto3 service names (s3, lambda), SDK names (cloudwatch-logs) or IAM prefixes (states)",
    );
    assert.equal(error.exitCode, ExitCode.Usage);
    return true;
  });
  assert.throws(
    () => validateServiceHints(["s3", "lags", "zzzzzzzz"], kb),
    {
      message:
        "Unknown service hints: lags (did you mean logs?), zzzzzzzz. Use boto3 service names (s3, lambda), SDK names (cloudwatch-logs) or IAM prefixes (states)",
    },
  );
  assert.throws(() => validateServiceHints(["st3"], kb), {
    message:
      "Unknown service hint: st3 (did you mean one of: s3, sts?). Use boto3 service names (s3, lambda), SDK names (cloudwatch-logs) or IAM prefixes (states)",
  });
});
