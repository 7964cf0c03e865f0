import assert from "node:assert/strict";
import { runCli } from "../helpers/run_cli.ts";

async function operationJson(...args: string[]) {
  const run = await runCli(["knowledge", "operation", ...args, "--json"]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout);
}

const actionsOf = (d: { actions: { action: string; appliesWhen: string | null }[] }) =>
  d.actions.filter((a) => a.appliesWhen === null || a.appliesWhen.includes("NotExists")).map((a) => a.action);

Deno.test("knowledge operation: s3 ListObjectsV2 needs s3:ListBucket", async () => {
  const d = await operationJson("s3", "ListObjectsV2");
  assert.deepEqual(d.actions.map((a: { action: string }) => a.action), ["s3:ListBucket"]);
  assert.equal(d.actions[0].source, "iam-dataset");
});

Deno.test("knowledge operation: s3 HeadObject needs s3:GetObject (GetObjectVersion only with VersionId)", async () => {
  const d = await operationJson("s3", "HeadObject");
  assert.deepEqual(actionsOf(d), ["s3:GetObject"]);
  const versioned = d.actions.find((a: { action: string }) => a.action === "s3:GetObjectVersion");
  assert.equal(versioned.appliesWhen, "VersionId Exists");
});

Deno.test("knowledge operation: lambda Invoke needs lambda:InvokeFunction", async () => {
  assert.deepEqual(actionsOf(await operationJson("lambda", "Invoke")), ["lambda:InvokeFunction"]);
});

Deno.test("knowledge operation: s3 GetObject gives the object ARN and kms:Decrypt via S3", async () => {
  const d = await operationJson("s3", "GetObject");
  const getObject = d.actions.find((a: { action: string }) => a.action === "s3:GetObject");
  const object = getObject.resourceTypes.find((r: { resourceType: string }) => r.resourceType === "object");
  assert.deepEqual(object.arnFormats, ["arn:${Partition}:s3:::${BucketName}/${ObjectName}"]);
  assert.equal(d.fas.length, 1);
  assert.equal(d.fas[0].service, "kms");
  assert.equal(d.fas[0].operation, "Decrypt");
  assert.deepEqual(d.fas[0].conditions, { "kms:ViaService": ["s3.${region}.amazonaws.com"] });
  assert.deepEqual(d.fas[0].actions.map((a: { action: string }) => a.action), ["kms:Decrypt"]);
});

Deno.test("knowledge operation: sts GetCallerIdentity needs no permission", async () => {
  const d = await operationJson("sts", "GetCallerIdentity");
  assert.deepEqual(d.actions, []);
  assert.ok(d.permissionless, "marked permissionless");
});

Deno.test("knowledge operation: stepfunctions StartExecution needs states:StartExecution", async () => {
  assert.deepEqual(actionsOf(await operationJson("stepfunctions", "StartExecution")), [
    "states:StartExecution",
  ]);
});

Deno.test("knowledge operation: sqs SendMessage needs sqs:SendMessage plus kms:Decrypt and kms:GenerateDataKey", async () => {
  const d = await operationJson("sqs", "SendMessage");
  assert.deepEqual(actionsOf(d), ["sqs:SendMessage"]);
  // Producers of an SSE-KMS queue need both (SQS developer guide, key management; fas_additions.json).
  assert.deepEqual(
    d.fas.flatMap((f: { actions: { action: string }[] }) => f.actions.map((a) => a.action)).sort(),
    ["kms:Decrypt", "kms:GenerateDataKey"],
  );
});

Deno.test("knowledge operation takes SDK method names with --language", async () => {
  assert.equal(
    (await operationJson("--language", "python", "s3", "list_objects_v2")).operation,
    "ListObjectsV2",
  );
  assert.equal(
    (await operationJson("--language", "typescript", "s3", "ListObjectsV2Command")).operation,
    "ListObjectsV2",
  );
  assert.equal((await operationJson("--language", "go", "s3", "ListObjectsV2")).operation, "ListObjectsV2");
  assert.equal((await operationJson("--language", "java", "s3", "listObjectsV2")).operation, "ListObjectsV2");
  assert.equal((await operationJson("-l", "py", "rds", "modify_db_cluster")).operation, "ModifyDBCluster");
});

Deno.test("knowledge operation text output names actions, resources, FAS and sources", async () => {
  const run = await runCli(["knowledge", "operation", "s3", "GetObject"]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /s3:GetObject \(Read\)\s+\[source: iam-dataset/);
  assert.match(run.stdout, /resource object: arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}/);
  assert.match(
    run.stdout,
    /Forward access session: kms Decrypt when kms:ViaService = s3\.\$\{region\}\.amazonaws\.com/,
  );
});

Deno.test("knowledge operation: unknown service or operation is a usage error with a suggestion", async () => {
  const service = await runCli(["knowledge", "operation", "s4", "GetObject"]);
  assert.equal(service.code, 2);
  assert.match(service.stderr, /^error: Unknown service 's4'\. Did you mean/);
  assert.equal(service.stdout, "");
  const op = await runCli(["knowledge", "operation", "s3", "GetObjekt"]);
  assert.equal(op.code, 2);
  assert.match(op.stderr, /Unknown operation 'GetObjekt' for service 's3'\. Did you mean 'GetObject'\?/);
  const lang = await runCli(["knowledge", "operation", "-l", "cobol", "s3", "x"]);
  assert.equal(lang.code, 2);
  assert.match(lang.stderr, /Unknown language 'cobol'/);
});

Deno.test("knowledge info reports version, sources, counts and coverage", async () => {
  const run = await runCli(["knowledge", "info", "--json"]);
  assert.equal(run.code, 0, run.stderr);
  const info = JSON.parse(run.stdout);
  assert.match(info.version, /^\d{4}\.\d\d\.\d\d-[0-9a-f]{8}$/);
  assert.deepEqual(info.sources.map((s: { name: string }) => s.name), [
    "boto3",
    "botocore",
    "curated",
    "iam-data",
    "iam-dataset",
  ]);
  assert.ok(info.counts.services > 400, `services: ${info.counts.services}`);
  assert.ok(info.counts.operations > 15000);
  assert.ok(info.coverage.sharePercent >= 98, `coverage ${info.coverage.sharePercent}`);
  const text = await runCli(["knowledge", "info"]);
  assert.match(text.stdout, /^Knowledge database \d{4}\.\d\d\.\d\d-[0-9a-f]{8} \(schema 1\)/);
  assert.match(text.stdout, /Sources:\n\s+boto3/);
});

Deno.test("a missing or corrupt knowledge database says how to rebuild it", async () => {
  const missing = await runCli(["knowledge", "info", "--knowledge-db", "/nonexistent/k.sqlite.gz"]);
  assert.equal(missing.code, 1);
  assert.match(
    missing.stderr,
    /^error: Knowledge database \/nonexistent\/k\.sqlite\.gz: not found; rebuild it with `deno task db:build`/,
  );
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/bad.sqlite`, "this is not a database");
    const corrupt = await runCli(["knowledge", "info"], {
      env: { IAM_POLICY_AUTOPILOT_KNOWLEDGE_DB: `${dir}/bad.sqlite` },
    });
    assert.equal(corrupt.code, 1);
    assert.match(corrupt.stderr, /is not a SQLite database; rebuild it/);
    await Deno.writeFile(`${dir}/bad.gz`, new Uint8Array([0x1f, 0x8b, 1, 2, 3]));
    const badGzip = await runCli(["knowledge", "info", "--knowledge-db", `${dir}/bad.gz`]);
    assert.equal(badGzip.code, 1);
    assert.match(badGzip.stderr, /is corrupt \(bad gzip data\)/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
