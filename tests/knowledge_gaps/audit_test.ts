/**
 * Real-data checks of the knowledge audit of frequently called operations (pipeline/curated/AUDIT.md): the
 * shipped database (db/) and the CLI end to end, on small but realistic programs. Each test names the AWS
 * documentation the expected permission comes from (also quoted in the curated entry's `source`).
 */
import assert from "node:assert/strict";
import {
  goMain,
  resourcesOf,
  type Statement,
  statementsFor as policy,
} from "../helpers/policy_statements.ts";

const py = (body: string) => policy("app.py", `import boto3\n${body}\n`);

function conditionsOf(statements: Statement[], action: string): unknown[] {
  return statements.filter((s) => s.Action.includes(action)).map((s) => s.Condition);
}

const ACCESS_POINT = "arn:aws:s3:us-east-1:123456789012:accesspoint/*/object/";

Deno.test("audit: bedrock Converse/ConverseStream need InvokeModel/InvokeModelWithResponseStream (none before)", async () => {
  const statements = await py(
    'br = boto3.client("bedrock-runtime")\n' +
      'br.converse(modelId="anthropic.claude-3-haiku-20240307-v1:0", messages=[])\n' +
      'br.converse_stream(modelId="anthropic.claude-3-haiku-20240307-v1:0", messages=[])',
  );
  assert.deepEqual(resourcesOf(statements, "bedrock:InvokeModel"), ["*"]);
  assert.deepEqual(resourcesOf(statements, "bedrock:InvokeModelWithResponseStream"), ["*"]);
  // No guardrail in the request: ApplyGuardrail is not evaluated.
  assert.equal(resourcesOf(statements, "bedrock:ApplyGuardrail"), undefined);
});

Deno.test("audit: TypeScript ConverseCommand with a guardrail needs InvokeModel and ApplyGuardrail", async () => {
  const statements = await policy(
    "app.ts",
    [
      'import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";',
      "const client = new BedrockRuntimeClient({});",
      "export async function ask(text: string) {",
      "  return client.send(new ConverseCommand({",
      '    modelId: "anthropic.claude-3-haiku-20240307-v1:0",',
      '    messages: [{ role: "user", content: [{ text }] }],',
      '    guardrailConfig: { guardrailIdentifier: "gr1abc2def3", guardrailVersion: "1" },',
      "  }));",
      "}",
      "",
    ].join("\n"),
  );
  assert.deepEqual(resourcesOf(statements, "bedrock:InvokeModel"), ["*"]);
  // guardrailConfig is a structure: its identifier is not read, so the guardrail stays a wildcard.
  assert.ok(
    resourcesOf(statements, "bedrock:ApplyGuardrail")?.includes(
      "arn:aws:bedrock:us-east-1:123456789012:guardrail/*",
    ),
  );
});

Deno.test("audit: invoke_model with guardrailIdentifier needs ApplyGuardrail on that guardrail", async () => {
  const statements = await py(
    'br = boto3.client("bedrock-runtime")\n' +
      'br.invoke_model(modelId="amazon.titan-text-express-v1", body="{}", guardrailIdentifier="gr1abc2def3", ' +
      'guardrailVersion="DRAFT")',
  );
  assert.ok(
    resourcesOf(statements, "bedrock:ApplyGuardrail")?.includes(
      "arn:aws:bedrock:us-east-1:123456789012:guardrail/gr1abc2def3",
    ),
  );
  const plain = await py('br = boto3.client("bedrock-runtime")\nbr.invoke_model(modelId="m", body="{}")');
  assert.equal(resourcesOf(plain, "bedrock:ApplyGuardrail"), undefined);
});

Deno.test("audit: copy_object grants s3:PutObjectAcl only with an ACL member, never s3:ListBucket", async () => {
  const plain = await py(
    's3 = boto3.client("s3")\ns3.copy_object(Bucket="dst", Key="k2", CopySource="src/k1")',
  );
  assert.equal(resourcesOf(plain, "s3:PutObjectAcl"), undefined);
  assert.equal(resourcesOf(plain, "s3:ListBucket"), undefined);
  assert.deepEqual(resourcesOf(plain, "s3:PutObject"), ["arn:aws:s3:::dst/k2", `${ACCESS_POINT}k2`]);
  const acl = await py(
    's3 = boto3.client("s3")\n' +
      's3.copy_object(Bucket="dst", Key="k2", CopySource="src/k1", ACL="bucket-owner-full-control")',
  );
  assert.deepEqual(resourcesOf(acl, "s3:PutObjectAcl"), ["arn:aws:s3:::dst/k2", `${ACCESS_POINT}k2`]);
});

Deno.test("audit: copying a specific version reads it with s3:GetObjectVersion(+Tagging) on the source", async () => {
  const versioned = await py(
    's3 = boto3.client("s3")\ns3.copy_object(Bucket="dst", Key="k2", CopySource="src/k1?versionId=v1")',
  );
  for (const action of ["s3:GetObjectVersion", "s3:GetObjectVersionTagging"]) {
    assert.deepEqual(resourcesOf(versioned, action), ["arn:aws:s3:::src/k1", `${ACCESS_POINT}k1`], action);
  }
  const current = await py(
    's3 = boto3.client("s3")\ns3.copy_object(Bucket="dst", Key="k2", CopySource="src/k1")',
  );
  assert.equal(resourcesOf(current, "s3:GetObjectVersion"), undefined);
  assert.equal(resourcesOf(current, "s3:GetObjectVersionTagging"), undefined);
  // A CopySource built at run time may carry a version: kept (the predicate is decided on literals only).
  const unknown = await py(
    's3 = boto3.client("s3")\ndef f(src):\n    s3.copy_object(Bucket="dst", Key="k2", CopySource=src)',
  );
  assert.ok(resourcesOf(unknown, "s3:GetObjectVersion"));
});

Deno.test("audit: upload_part_copy reads its source (s3:GetObject, s3:GetObjectVersion for a version)", async () => {
  const statements = await py(
    's3 = boto3.client("s3")\n' +
      's3.upload_part_copy(Bucket="dst", Key="big", CopySource="src/big.bin", PartNumber=1, UploadId="u")',
  );
  assert.deepEqual(resourcesOf(statements, "s3:GetObject"), [
    "arn:aws:s3:::src/big.bin",
    `${ACCESS_POINT}big.bin`,
  ]);
  assert.deepEqual(resourcesOf(statements, "s3:PutObject"), ["arn:aws:s3:::dst/big", `${ACCESS_POINT}big`]);
  assert.equal(resourcesOf(statements, "s3:GetObjectVersion"), undefined);
  const versioned = await py(
    's3 = boto3.client("s3")\n' +
      's3.upload_part_copy(Bucket="dst", Key="big", CopySource="src/big.bin?versionId=v2", PartNumber=1, UploadId="u")',
  );
  assert.deepEqual(resourcesOf(versioned, "s3:GetObjectVersion"), [
    "arn:aws:s3:::src/big.bin",
    `${ACCESS_POINT}big.bin`,
  ]);
});

Deno.test("audit: boto3 managed copy does not read the destination object", async () => {
  const statements = await py(
    's3 = boto3.client("s3")\ns3.copy({"Bucket": "src", "Key": "in/a.csv"}, "dst", "out/a.csv")',
  );
  const get = resourcesOf(statements, "s3:GetObject") ?? [];
  assert.ok(get.includes("arn:aws:s3:::src/in/a.csv"), JSON.stringify(get));
  assert.ok(!get.some((r) => r.includes("dst") || r.endsWith("/out/a.csv")), JSON.stringify(get));
});

Deno.test("audit: lambda invoke of a version or alias is authorized on the qualified ARN", async () => {
  const FN = "arn:aws:lambda:us-east-1:123456789012:function:";
  const plain = await py('lam = boto3.client("lambda")\nlam.invoke(FunctionName="resize", Payload=b"{}")');
  assert.deepEqual(resourcesOf(plain, "lambda:InvokeFunction"), [`${FN}resize`]);
  const alias = await py(
    'lam = boto3.client("lambda")\nlam.invoke(FunctionName="resize:live", Payload=b"{}")',
  );
  assert.deepEqual(resourcesOf(alias, "lambda:InvokeFunction"), [`${FN}resize:live`]);
  const arn = await py(
    `lam = boto3.client("lambda")\nlam.invoke(FunctionName="${FN}resize:7", Payload=b"{}")`,
  );
  assert.deepEqual(resourcesOf(arn, "lambda:InvokeFunction"), [`${FN}resize:7`]);
  // Qualifier as a member: every version and alias of that function (often read from configuration).
  const qualified = await py(
    'import os\nlam = boto3.client("lambda")\nlam.invoke(FunctionName="resize", Qualifier=os.environ["ALIAS"])',
  );
  assert.deepEqual(resourcesOf(qualified, "lambda:InvokeFunction"), [`${FN}resize:*`]);
});

Deno.test("audit: Go Invoke with a Qualifier is scoped to the function's versions and aliases", async () => {
  const statements = await policy(
    "main.go",
    goMain("lambda", [
      "\tclient.Invoke(context.TODO(), &lambda.InvokeInput{",
      '\t\tFunctionName: aws.String("resize"),',
      '\t\tQualifier:    aws.String("live"),',
      "\t})",
    ]),
  );
  assert.deepEqual(resourcesOf(statements, "lambda:InvokeFunction"), [
    "arn:aws:lambda:us-east-1:123456789012:function:resize:*",
  ]);
});

Deno.test("audit: get_secret_value by name is scoped to name-?????? (the ARN's random suffix)", async () => {
  const byName = await py('sm = boto3.client("secretsmanager")\nsm.get_secret_value(SecretId="prod/db")');
  assert.deepEqual(resourcesOf(byName, "secretsmanager:GetSecretValue"), [
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-??????",
  ]);
  // An ARN ending in "-" and six characters may be complete, or partial for a name ending so: left a wildcard
  // (secrets_manager_test.ts covers the other cases and every other operation).
  const byArn = await py(
    'sm = boto3.client("secretsmanager")\n' +
      'sm.get_secret_value(SecretId="arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf")',
  );
  assert.deepEqual(resourcesOf(byArn, "secretsmanager:GetSecretValue"), [
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:*",
  ]);
});

Deno.test("audit: SSM parameter ARNs drop the name's leading slash and version selector", async () => {
  const statements = await py(
    'ssm = boto3.client("ssm")\n' +
      'ssm.get_parameter(Name="/app/db/password", WithDecryption=True)\n' +
      'ssm.put_parameter(Name="/app/flags/beta:3", Value="on", Overwrite=True)',
  );
  assert.deepEqual(resourcesOf(statements, "ssm:GetParameter"), [
    "arn:aws:ssm:us-east-1:123456789012:parameter/app/db/password",
  ]);
  assert.deepEqual(resourcesOf(statements, "ssm:PutParameter"), [
    "arn:aws:ssm:us-east-1:123456789012:parameter/app/flags/beta",
  ]);
  const flat = await py('ssm = boto3.client("ssm")\nssm.get_parameter(Name="feature-flag")');
  assert.deepEqual(resourcesOf(flat, "ssm:GetParameter"), [
    "arn:aws:ssm:us-east-1:123456789012:parameter/feature-flag",
  ]);
});

Deno.test("audit: every SSM parameter ARN drops the name's leading slash (the placeholder says so), patterns too", async () => {
  const statements = await py(
    'ssm = boto3.client("ssm")\n' +
      "def rotate(env):\n" +
      '    ssm.delete_parameter(Name="/app/old")\n' +
      '    ssm.get_parameter_history(Name="/app/db/password")\n' +
      '    ssm.label_parameter_version(Name=f"/app/{env}/db", Labels=["current"])',
  );
  assert.deepEqual(resourcesOf(statements, "ssm:DeleteParameter"), [
    "arn:aws:ssm:us-east-1:123456789012:parameter/app/old",
  ]);
  assert.deepEqual(resourcesOf(statements, "ssm:GetParameterHistory"), [
    "arn:aws:ssm:us-east-1:123456789012:parameter/app/db/password",
  ]);
  assert.deepEqual(resourcesOf(statements, "ssm:LabelParameterVersion"), [
    "arn:aws:ssm:us-east-1:123456789012:parameter/app/*/db",
  ]);
});

Deno.test("audit: glue start_job_run is scoped to the job", async () => {
  const statements = await py('glue = boto3.client("glue")\nglue.start_job_run(JobName="nightly-etl")');
  assert.deepEqual(resourcesOf(statements, "glue:StartJobRun"), [
    "arn:aws:glue:us-east-1:123456789012:job/nightly-etl",
  ]);
});

Deno.test("audit: run_instances passes a role only with an instance profile or a launch template", async () => {
  const plain = await py(
    'ec2 = boto3.client("ec2")\nec2.run_instances(ImageId="ami-1", MinCount=1, MaxCount=1)',
  );
  assert.equal(resourcesOf(plain, "iam:PassRole"), undefined);
  assert.ok(resourcesOf(plain, "ec2:RunInstances"));
  const profile = await py(
    'ec2 = boto3.client("ec2")\n' +
      'ec2.run_instances(ImageId="ami-1", MinCount=1, MaxCount=1, IamInstanceProfile={"Name": "web"})',
  );
  assert.deepEqual(resourcesOf(profile, "iam:PassRole"), ["arn:aws:iam::123456789012:role/*"]);
  const template = await py(
    'ec2 = boto3.client("ec2")\n' +
      'ec2.run_instances(MinCount=1, MaxCount=1, LaunchTemplate={"LaunchTemplateName": "web"})',
  );
  assert.deepEqual(resourcesOf(template, "iam:PassRole"), ["arn:aws:iam::123456789012:role/*"]);
});

Deno.test("audit: ecs run_task with tags needs ecs:TagResource for RunTask (tag on create)", async () => {
  const tagged = await py(
    'ecs = boto3.client("ecs")\n' +
      'ecs.run_task(cluster="jobs", taskDefinition="report:3", tags=[{"key": "team", "value": "data"}])',
  );
  assert.deepEqual(conditionsOf(tagged, "ecs:TagResource"), [{
    StringEquals: { "ecs:CreateAction": ["RunTask"] },
  }]);
  const plain = await py(
    'ecs = boto3.client("ecs")\necs.run_task(cluster="jobs", taskDefinition="report:3")',
  );
  assert.equal(resourcesOf(plain, "ecs:TagResource"), undefined);
});

Deno.test("audit: assume_role with session tags / source identity needs sts:TagSession / sts:SetSourceIdentity", async () => {
  const ROLE = "arn:aws:iam::123456789012:role/deployer";
  const both = await py(
    'sts = boto3.client("sts")\n' +
      `sts.assume_role(RoleArn="${ROLE}", RoleSessionName="ci", Tags=[{"Key": "team", "Value": "data"}], ` +
      'SourceIdentity="ci-bot")',
  );
  assert.deepEqual(resourcesOf(both, "sts:TagSession"), [ROLE]);
  assert.deepEqual(resourcesOf(both, "sts:SetSourceIdentity"), [ROLE]);
  const plain = await py(
    `sts = boto3.client("sts")\nsts.assume_role(RoleArn="${ROLE}", RoleSessionName="ci")`,
  );
  assert.equal(resourcesOf(plain, "sts:TagSession"), undefined);
  assert.equal(resourcesOf(plain, "sts:SetSourceIdentity"), undefined);
});

Deno.test("audit: an SQS producer of an SSE-KMS queue needs kms:Decrypt as well as kms:GenerateDataKey", async () => {
  const statements = await py(
    'sqs = boto3.client("sqs")\n' +
      'sqs.send_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/123456789012/jobs", MessageBody="x")',
  );
  for (const action of ["kms:Decrypt", "kms:GenerateDataKey"]) {
    assert.deepEqual(
      conditionsOf(statements, action),
      [{ StringEquals: { "kms:ViaService": ["sqs.us-east-1.amazonaws.com"] } }],
      action,
    );
  }
});
