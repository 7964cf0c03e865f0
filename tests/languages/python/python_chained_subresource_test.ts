/**
 * The upstream python_chained_subresource cases (PG/tests/python_chained_subresource_action_test.rs), as
 * exact sets of (service, method) pairs.
 */
import assert from "node:assert/strict";
import { extract } from "./extract.ts";
import { pySource, realKnowledgeBase } from "./real_kb.ts";

const PRELUDE = 'import boto3\ns3 = boto3.resource("s3")\ndynamodb = boto3.resource("dynamodb")\n';

const CASES: [string, string, string[]][] = [
  ["assigned bucket", 'bucket = s3.Bucket("my-bucket")\nbucket.put_object(Key="k", Body=b"x")', [
    "s3 put_object",
  ]],
  ["inline bucket", 's3.Bucket("b").put_object(Key="k", Body=b"x")', ["s3 put_object"]],
  ["inline table", 'dynamodb.Table("t").get_item(Key={"id": 1})', ["dynamodb get_item"]],
  ["inline object", 's3.Bucket("b").Object("k").put(Body=b"")', ["s3 put_object"]],
  ["assigned object", 'obj = s3.Bucket("b").Object("k")\nobj.put(Body=b"")', ["s3 put_object"]],
  [
    "assigned object, two actions",
    'obj = s3.Bucket("b").Object("k")\nobj.put(Body=b"")\nobj.delete()',
    ["s3 delete_object", "s3 put_object"],
  ],
  ["assignment only", 'obj = s3.Bucket("b").Object("k")', []],
  ["multipart part", 's3.Object("b", "k").MultipartUpload("id").Part(1).upload(Body=b"")', [
    "s3 upload_part",
  ]],
  ["bucket acl", 's3.Bucket("b").Acl().put(ACL="private")', ["s3 put_bucket_acl"]],
  ["unknown sub-resource", 's3.Bucket("b").Sprocket("x").put(Body=b"")', []],
  ["unknown action", 's3.Bucket("b").Object("k").frobnicate(x=1)', []],
  ["identifier collision", 's3.Object("b", bucket_name="x").put(Body=b"")', []],
  ["splat identifiers", 'ids = load()\ns3.Object(**ids).put(Body=b"")', ["s3 put_object"]],
  ["keyword + splat", 'rest = load()\ns3.Object(key="k", **rest).put(Body=b"")', ["s3 put_object"]],
];

Deno.test("python_chained_subresource: upstream cases give exactly their (service, method) pairs", async () => {
  const kb = await realKnowledgeBase();
  try {
    for (const [name, body, expected] of CASES) {
      const calls = await extract([pySource("case.py", PRELUDE + body + "\n")], kb);
      const pairs = [
        ...new Set(calls.filter((c) => c.operation).map((c) => `${c.services.join(",")} ${c.method}`)),
      ]
        .sort();
      assert.deepEqual(pairs, expected, name);
    }
  } finally {
    kb.close();
  }
});
