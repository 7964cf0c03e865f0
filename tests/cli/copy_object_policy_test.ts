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
  for (const action of ["s3:PutObject", "s3:PutObjectAcl", "s3:PutObjectTagging"]) {
    assert.deepEqual(byAction.get(action), [DESTINATION, accessPoint("archive/report.csv")].sort(), action);
  }
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
