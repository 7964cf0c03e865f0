/**
 * s3 CopyObject reads the source object and writes the destination (curated correction of the iam-dataset map,
 * pipeline/curated/corrections.json): the policy must not grant s3:GetObject on the destination.
 */
import assert from "node:assert/strict";
import { runCli } from "../helpers/run_cli.ts";

interface Statement {
  Action: string[];
  Resource: string[];
}

async function statementsFor(files: Record<string, string>): Promise<Map<string, string[]>> {
  const dir = await Deno.makeTempDir({ prefix: "copy_object_" });
  try {
    for (const [name, text] of Object.entries(files)) await Deno.writeTextFile(`${dir}/${name}`, text);
    const run = await runCli([
      "generate-policies",
      dir,
      "--region",
      "eu-west-1",
      "--account",
      "111122223333",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const statements: Statement[] = JSON.parse(run.stdout).Policies[0].Policy.Statement;
    const byAction = new Map<string, string[]>();
    for (const s of statements) {
      for (const action of s.Action) {
        byAction.set(action, [...(byAction.get(action) ?? []), ...s.Resource].sort());
      }
    }
    return byAction;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const SOURCE = "arn:aws:s3:::incoming-bucket/in/report.csv";
const DESTINATION = "arn:aws:s3:::archive-bucket/archive/report.csv";
const accessPoint = (path: string) => `arn:aws:s3:eu-west-1:111122223333:accesspoint/*/object/${path}`;

Deno.test("CopyObject: GetObject (and GetObjectTagging) on the source object, PutObject on the destination", async () => {
  const byAction = await statementsFor({
    "archive.py": [
      "import boto3",
      "",
      's3 = boto3.client("s3")',
      "",
      "def archive():",
      "    s3.copy_object(",
      '        Bucket="archive-bucket",',
      '        Key="archive/report.csv",',
      '        CopySource="incoming-bucket/in/report.csv",',
      "    )",
      "",
    ].join("\n"),
  });
  assert.deepEqual(byAction.get("s3:GetObject"), [SOURCE, accessPoint("in/report.csv")].sort());
  assert.deepEqual(byAction.get("s3:GetObjectTagging"), [SOURCE, accessPoint("in/report.csv")].sort());
  for (const action of ["s3:PutObject", "s3:PutObjectTagging"]) {
    assert.deepEqual(byAction.get(action), [DESTINATION, accessPoint("archive/report.csv")].sort(), action);
  }
  // No ACL member: the copy gets the default private ACL, so s3:PutObjectAcl is not evaluated; s3:ListBucket is
  // not a CopyObject permission at all (pipeline/curated/AUDIT.md).
  assert.equal(byAction.get("s3:PutObjectAcl"), undefined);
  assert.equal(byAction.get("s3:ListBucket"), undefined);
});

Deno.test("CopyObject with TaggingDirective REPLACE does not read the source's tags", async () => {
  const byAction = await statementsFor({
    "archive.ts": [
      'import { CopyObjectCommand, S3Client } from "@aws-sdk/client-s3";',
      "",
      "const s3 = new S3Client({});",
      "",
      "export async function archive(): Promise<void> {",
      "  await s3.send(new CopyObjectCommand({",
      '    Bucket: "archive-bucket",',
      '    Key: "archive/report.csv",',
      '    CopySource: "incoming-bucket/in/report.csv",',
      '    TaggingDirective: "REPLACE",',
      '    Tagging: "stage=archived",',
      "  }));",
      "}",
      "",
    ].join("\n"),
  });
  assert.deepEqual(byAction.get("s3:GetObject"), [SOURCE, accessPoint("in/report.csv")].sort());
  assert.equal(byAction.get("s3:GetObjectTagging"), undefined);
  assert.deepEqual(byAction.get("s3:PutObject"), [DESTINATION, accessPoint("archive/report.csv")].sort());
});

/** s3:GetObject's resources for a copy from the source `CopySource` names, in one file of `language`. */
async function sourceObjects(name: string, text: string[]): Promise<string[] | undefined> {
  return (await statementsFor({ [name]: text.join("\n") })).get("s3:GetObject");
}

const PY_HEADER = ["import boto3", "", 's3 = boto3.client("s3")', 'BUCKET = "orders-archive"', ""];
const inbox = (path: string) => [`arn:aws:s3:::orders-inbox/${path}`, accessPoint(path)].sort();

Deno.test("CopyObject source from a pattern: Python dict, partial string and f-string", async () => {
  const dict = await sourceObjects("dict.py", [
    ...PY_HEADER,
    "def archive(key, name):",
    '    s3.copy_object(Bucket=BUCKET, Key=f"archive/{key}", CopySource={"Bucket": "orders-inbox", "Key": name})',
  ]);
  // The key is unknown: any object of the source bucket (the access point name is never known).
  assert.deepEqual(dict, [`arn:aws:s3:::orders-inbox/*`, accessPoint("*")].sort());
  const partial = await sourceObjects("partial.py", [
    ...PY_HEADER,
    "def archive(key):",
    '    s3.copy_object(Bucket=BUCKET, Key="a/b.json", CopySource="orders-inbox/in/" + key)',
  ]);
  assert.deepEqual(partial, inbox("in/*"));
  const fstring = await sourceObjects("fstring.py", [
    ...PY_HEADER,
    "def archive(key):",
    '    s3.copy_object(Bucket=BUCKET, Key="a/c.json", CopySource=f"orders-inbox/{key}")',
  ]);
  assert.deepEqual(fstring, [`arn:aws:s3:::orders-inbox/*`, accessPoint("*")].sort());
});

Deno.test("CopyObject source from a pattern: a wildcard bucket stays a wildcard", async () => {
  const unknown = await sourceObjects("unknown.py", [
    ...PY_HEADER,
    "def archive(bucket, key):",
    '    s3.copy_object(Bucket=BUCKET, Key="a", CopySource=f"{bucket}/in/{key}")',
  ]);
  assert.deepEqual(unknown, ["arn:aws:s3:::*/*", accessPoint("*")].sort());
});

Deno.test("CopyObject source from a pattern: TypeScript template literal", async () => {
  const ts = await sourceObjects("copy.ts", [
    'import { CopyObjectCommand, S3Client } from "@aws-sdk/client-s3";',
    "const s3 = new S3Client({});",
    "export async function archive(key: string): Promise<void> {",
    '  await s3.send(new CopyObjectCommand({ Bucket: "orders-archive", Key: "a", CopySource: `orders-inbox/in/${key}` }));',
    "}",
  ]);
  assert.deepEqual(ts, inbox("in/*"));
});

Deno.test("CopyObject source from a pattern: Go concatenation and fmt.Sprintf", async () => {
  const go = await sourceObjects("copy.go", [
    "package main",
    "",
    'import (\n\t"context"\n\t"fmt"\n',
    '\t"github.com/aws/aws-sdk-go-v2/aws"\n\t"github.com/aws/aws-sdk-go-v2/service/s3"\n)',
    "",
    "func archive(ctx context.Context, client *s3.Client, key string) {",
    "\tclient.CopyObject(ctx, &s3.CopyObjectInput{",
    '\t\tBucket: aws.String("orders-archive"), Key: aws.String("a"),',
    '\t\tCopySource: aws.String("orders-inbox/in/" + key),',
    "\t})",
    "\tclient.CopyObject(ctx, &s3.CopyObjectInput{",
    '\t\tBucket: aws.String("orders-archive"), Key: aws.String("b"),',
    '\t\tCopySource: aws.String(fmt.Sprintf("%s/in/%s", "orders-inbox", key)),',
    "\t})",
    "}",
  ]);
  assert.deepEqual(go, inbox("in/*"));
});
