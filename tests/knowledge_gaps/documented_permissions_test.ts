/**
 * Real-data checks of the botocore-docs source (pipeline/sources/documented_permissions.ts): operations that no
 * other knowledge source maps get the action their botocore documentation states, in the shipped database (db/)
 * and through the CLI end to end. Before this source, each of these calls produced no permission at all.
 */
import assert from "node:assert/strict";
import { generatePoliciesFor, runCli } from "../helpers/run_cli.ts";
import { resourcesOf as grantedResources, type Statement } from "../helpers/policy_statements.ts";

interface Explanation {
  Operations: Array<{ Service: string; Name: string }>;
  KnowledgeSource: { Source: string; Detail?: string };
}

interface Output {
  Policies: Array<{ Policy: { Statement: Statement[] } }>;
  Explanations?: { ExplanationForAction: Record<string, Explanation[]> };
}

/** generate-policies with `--explain '*'` for one source file (`app.py`, `app.ts`). */
async function generate(file: string, source: string): Promise<Output> {
  return await generatePoliciesFor(file, source, ["--explain", "*"]) as Output;
}

/** Every action of the policies, sorted. */
function actionsOf(output: Output): string[] {
  return output.Policies.flatMap((p) => p.Policy.Statement.flatMap((s) => s.Action)).sort();
}

function resourcesOf(output: Output, action: string): string[] | undefined {
  return grantedResources(output.Policies.flatMap((p) => p.Policy.Statement), action);
}

Deno.test("botocore-docs: Python invoke_with_response_stream needs lambda:InvokeFunction, explained by the sentence", async () => {
  const output = await generate(
    "app.py",
    'import boto3\nlam = boto3.client("lambda")\nlam.invoke_with_response_stream(FunctionName="f")\n',
  );
  assert.deepEqual(actionsOf(output), ["lambda:InvokeFunction"]);
  // No resource mapping comes with a documented action: the function ARN keeps its wildcard.
  assert.deepEqual(resourcesOf(output, "lambda:InvokeFunction"), [
    "arn:aws:lambda:us-east-1:123456789012:function:*",
  ]);
  const [explanation] = output.Explanations!.ExplanationForAction["lambda:InvokeFunction"];
  assert.deepEqual(explanation.Operations.map((o) => `${o.Service}.${o.Name}`), [
    "lambda.InvokeWithResponseStream",
  ]);
  assert.deepEqual(explanation.KnowledgeSource, {
    Source: "botocore-docs",
    Detail:
      'botocore documentation of lambda.InvokeWithResponseStream: "This operation requires permission ' +
      'for the lambda:InvokeFunction action."',
  });
});

Deno.test("botocore-docs: TypeScript ListDirectoryBucketsCommand needs s3express:ListAllMyDirectoryBuckets", async () => {
  const output = await generate(
    "app.ts",
    [
      'import { ListDirectoryBucketsCommand, S3Client } from "@aws-sdk/client-s3";',
      "const s3 = new S3Client({});",
      "export async function buckets() {",
      "  return await s3.send(new ListDirectoryBucketsCommand({}));",
      "}",
      "",
    ].join("\n"),
  );
  assert.deepEqual(actionsOf(output), ["s3express:ListAllMyDirectoryBuckets"]);
  assert.deepEqual(resourcesOf(output, "s3express:ListAllMyDirectoryBuckets"), ["*"]);
  const [explanation] = output.Explanations!.ExplanationForAction["s3express:ListAllMyDirectoryBuckets"];
  assert.equal(explanation.KnowledgeSource.Source, "botocore-docs");
  assert.match(
    explanation.KnowledgeSource.Detail!,
    /You must have the s3express:ListAllMyDirectoryBuckets permission/,
  );
});

Deno.test("botocore-docs: Bedrock, Security Hub and DMS operations named differently in IAM", async () => {
  const output = await generate(
    "app.py",
    [
      "import boto3",
      'br = boto3.client("bedrock-runtime")',
      'br.start_async_invoke(modelId="amazon.nova-reel-v1:0", modelInput={}, outputDataConfig={})',
      'sh = boto3.client("securityhub")',
      "sh.get_findings_v2()",
      'dms = boto3.client("dms")',
      "dms.describe_data_providers()",
      "",
    ].join("\n"),
  );
  assert.deepEqual(actionsOf(output), [
    "bedrock:InvokeModel",
    "dms:ListDataProviders",
    "securityhub:GetFindings",
  ]);
  for (const action of actionsOf(output)) {
    const sources = output.Explanations!.ExplanationForAction[action].map((e) => e.KnowledgeSource.Source);
    assert.deepEqual(sources, ["botocore-docs"], action);
  }
});

Deno.test("botocore-docs: never overrides another source, and a permission on a KMS key alone maps nothing", async () => {
  const output = await generate(
    "app.py",
    [
      "import boto3",
      'lam = boto3.client("lambda")',
      // Invoke is mapped by the iam-dataset map; the documented source must not replace or add to it.
      'lam.invoke(FunctionName="f")',
      'cw = boto3.client("cloudwatch")',
      // Its documentation only says "The calling principal must have kms:Decrypt permission on the key".
      'cw.associate_dataset_kms_key(DatasetArn="arn:aws:cloudwatch:us-east-1:123456789012:dataset/d", KmsKeyArn="k")',
      "",
    ].join("\n"),
  );
  assert.deepEqual(actionsOf(output), ["lambda:InvokeFunction"]);
  const sources = output.Explanations!.ExplanationForAction["lambda:InvokeFunction"].map((e) =>
    e.KnowledgeSource.Source
  );
  assert.ok(!sources.includes("botocore-docs"), sources.join(", "));
});

Deno.test("botocore-docs: knowledge operation shows the source and the quoted statement", async () => {
  const run = await runCli(["knowledge", "operation", "s3control", "GetAccessPointScope", "--json"]);
  assert.equal(run.code, 0, run.stderr);
  const described = JSON.parse(run.stdout);
  assert.deepEqual(
    described.actions.map((a: { action: string; source: string }) => `${a.action} ${a.source}`),
    ["s3express:GetAccessPointScope botocore-docs"],
  );
  assert.match(
    described.actions[0].sourceDetail,
    /^botocore documentation of s3control\.GetAccessPointScope: "To use this operation, you must have the permission to perform the s3express:GetAccessPointScope action\."$/,
  );
});
