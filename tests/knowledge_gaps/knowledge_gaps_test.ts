/**
 * Real-data checks of the knowledge gaps closed by curated additions, the pass-role rule and the Athena FAS
 * entries: the shipped database (db/) and the CLI end to end.
 */
import assert from "node:assert/strict";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;

async function cli(...args: string[]): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  const text = new TextDecoder().decode(out.stdout);
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return text;
}

interface Statement {
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string[]>>;
}

async function policy(source: string): Promise<Statement[]> {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/app.py`, source);
    const out = JSON.parse(
      await cli("generate-policies", `${dir}/app.py`, "--region", "us-east-1", "--account", "123456789012"),
    );
    return out.Policies.flatMap((p: { Policy: { Statement: Statement[] } }) => p.Policy.Statement);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const actions = (statements: Statement[]) => new Set(statements.flatMap((s) => s.Action));

Deno.test("knowledge: s3 GetObject -> s3:GetObjectVersion only when VersionId Exists (curated addition)", async () => {
  const op = JSON.parse(await cli("knowledge", "operation", "s3", "GetObject", "--json"));
  const version = op.actions.find((a: { action: string }) => a.action === "s3:GetObjectVersion");
  assert.equal(version.appliesWhen, "VersionId Exists");
  assert.equal(version.source, "curated");
  assert.match(version.sourceDetail, /^addition: botocore s3 model, operation GetObject/);
  const plain = op.actions.find((a: { action: string }) => a.action === "s3:GetObject");
  assert.equal(plain.appliesWhen, null);
});

Deno.test("generate-policies: get_object with VersionId needs s3:GetObjectVersion, without it does not", async () => {
  const withVersion = await policy(
    'import boto3\ns3 = boto3.client("s3")\ndef f(v):\n    s3.get_object(Bucket="orders", Key="a.txt", VersionId=v)\n',
  );
  assert.ok(actions(withVersion).has("s3:GetObjectVersion"));
  assert.ok(actions(withVersion).has("s3:GetObject"));
  const without = await policy(
    'import boto3\ns3 = boto3.client("s3")\ns3.get_object(Bucket="orders", Key="a.txt")\n',
  );
  assert.ok(actions(without).has("s3:GetObject"));
  assert.ok(!actions(without).has("s3:GetObjectVersion"));
});

Deno.test("generate-policies: put_object Tagging/ACL add s3:PutObjectTagging/s3:PutObjectAcl only when given", async () => {
  const tagged = await policy(
    'import boto3\ns3 = boto3.client("s3")\ns3.put_object(Bucket="b", Key="k", Body=b"x", Tagging="a=b", ACL="private")\n',
  );
  assert.ok(actions(tagged).has("s3:PutObjectTagging"));
  assert.ok(actions(tagged).has("s3:PutObjectAcl"));
  const plain = await policy(
    'import boto3\ns3 = boto3.client("s3")\ns3.put_object(Bucket="b", Key="k", Body=b"x")\n',
  );
  assert.deepEqual([...actions(plain)].filter((a) => a.startsWith("s3:")), ["s3:PutObject"]);
});

Deno.test("generate-policies: copy_object reads the CopySource object", async () => {
  const statements = await policy(
    'import boto3\ns3 = boto3.client("s3")\ns3.copy_object(Bucket="dst", Key="k2", CopySource="src/k1")\n',
  );
  const get = statements.filter((s) => s.Action.includes("s3:GetObject")).flatMap((s) => s.Resource);
  assert.ok(get.includes("arn:aws:s3:::src/k1"), JSON.stringify(get));
});

Deno.test("generate-policies: run_instances with TagSpecifications needs ec2:CreateTags with ec2:CreateAction", async () => {
  const tagged = await policy(
    'import boto3\nec2 = boto3.client("ec2")\nec2.run_instances(ImageId="ami-1", MinCount=1, MaxCount=1, ' +
      'TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "a", "Value": "b"}]}])\n',
  );
  const createTags = tagged.filter((s) => s.Action.includes("ec2:CreateTags"));
  assert.equal(createTags.length, 1);
  assert.deepEqual(createTags[0].Condition, { StringEquals: { "ec2:CreateAction": ["RunInstances"] } });
  const plain = await policy(
    'import boto3\nec2 = boto3.client("ec2")\nec2.run_instances(ImageId="ami-1", MinCount=1, MaxCount=1)\n',
  );
  assert.ok(!actions(plain).has("ec2:CreateTags"));
});

Deno.test("generate-policies: lambda create_function passes the literal role to lambda.amazonaws.com", async () => {
  const statements = await policy(
    'import boto3\nlam = boto3.client("lambda")\nlam.create_function(FunctionName="fn", ' +
      'Role="arn:aws:iam::123456789012:role/fn-role", Code={}, Runtime="python3.12", Handler="h")\n',
  );
  const pass = statements.filter((s) => s.Action.includes("iam:PassRole"));
  assert.equal(pass.length, 1, JSON.stringify(pass));
  assert.deepEqual(pass[0].Resource, ["arn:aws:iam::123456789012:role/fn-role"]);
  assert.deepEqual(pass[0].Condition, { StringEquals: { "iam:PassedToService": ["lambda.amazonaws.com"] } });
});

Deno.test("generate-policies: update_function_configuration without Role needs no iam:PassRole", async () => {
  const statements = await policy(
    'import boto3\nlam = boto3.client("lambda")\nlam.update_function_configuration(FunctionName="fn", Timeout=30)\n',
  );
  assert.ok(!actions(statements).has("iam:PassRole"));
});

Deno.test("knowledge: ecs RegisterTaskDefinition passes each role member conditionally to ecs-tasks", async () => {
  const op = JSON.parse(await cli("knowledge", "operation", "ecs", "RegisterTaskDefinition", "--json"));
  const pass = op.actions.filter((a: { action: string }) => a.action === "iam:PassRole");
  assert.deepEqual(
    pass.map((a: { appliesWhen: string }) => a.appliesWhen).sort(),
    ["executionRoleArn Exists", "taskRoleArn Exists"],
  );
  for (const a of pass) assert.deepEqual(a.context, { "iam:PassedToService": ["ecs-tasks.amazonaws.com"] });
});

Deno.test("knowledge: athena StartQueryExecution reads Glue and S3 with the caller's credentials", async () => {
  const op = JSON.parse(await cli("knowledge", "operation", "athena", "StartQueryExecution", "--json"));
  const fas = op.fas.map((f: { service: string; operation: string }) => `${f.service}:${f.operation}`).sort();
  assert.deepEqual(
    fas,
    [
      "glue:GetDatabase",
      "glue:GetPartitions",
      "glue:GetTable",
      "s3:GetBucketLocation",
      "s3:GetObject",
      "s3:ListObjectsV2",
      "s3:PutObject",
      // transitively, through s3's own FAS entries (SSE-KMS objects)
      "kms:Decrypt",
      "kms:GenerateDataKey",
    ].sort(),
  );
});
