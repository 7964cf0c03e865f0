/**
 * boto3's dict `CopySource` (lib/languages/python/boto3_copy_source.ts): each realistic form reaches the calls
 * as the `bucket/key` string botocore sends, and what cannot be known stays unknown.
 */
import assert from "node:assert/strict";
import type { SdkCall } from "../../../lib/types.ts";
import { args } from "./extract.ts";
import { pySource, realKnowledgeBase, resolvedPairs } from "./real_kb.ts";

/** The CopySource argument text of every call of `body` (one function per line), by line. */
async function copySources(body: string[]): Promise<Record<number, string>> {
  const header = [
    "import boto3",
    's3 = boto3.client("s3")',
    's3r = boto3.resource("s3")',
    'BUCKET = "orders-archive"',
  ];
  const kb = await realKnowledgeBase();
  let calls: SdkCall[];
  try {
    ({ calls } = await resolvedPairs([pySource("app.py", [...header, ...body, ""].join("\n"))], kb));
  } finally {
    kb.close();
  }
  const out: Record<number, string> = {};
  for (const call of calls) {
    const text = args(call).CopySource;
    if (text !== undefined) out[call.location.line - header.length] = text;
  }
  return out;
}

Deno.test("python CopySource dict: a display, a name bound to one and dict(...) give bucket/key", async () => {
  assert.deepEqual(
    await copySources([
      'def a(name): s3.copy_object(Bucket=BUCKET, Key="a", CopySource={"Bucket": "orders-inbox", "Key": name})',
      'def b(name):\n    src = {"Bucket": "orders-inbox", "Key": f"in/{name}"}\n    s3.copy_object(Bucket=BUCKET, Key="b", CopySource=src)',
      'def c(): s3.copy_object(Bucket=BUCKET, Key="c", CopySource=dict(Bucket="orders-inbox", Key="in/c.json"))',
    ]),
    { 1: "~orders-inbox/*", 4: "~orders-inbox/in/*", 5: '"orders-inbox/in/c.json"' },
  );
});

Deno.test("python CopySource dict: VersionId, access point buckets and keys with `?` as botocore sends them", async () => {
  assert.deepEqual(
    await copySources([
      'def a(): s3.copy_object(Bucket=BUCKET, Key="a", CopySource={"Bucket": "in", "Key": "k", "VersionId": "v1"})',
      'def b(v): s3.copy_object(Bucket=BUCKET, Key="b", CopySource={"Bucket": "in", "Key": "k", "VersionId": v})',
      'def c(): s3.copy_object(Bucket=BUCKET, Key="c", CopySource={"Bucket": "in", "Key": "k", "VersionId": None})',
      'AP = "arn:aws:s3:us-east-1:123456789012:accesspoint/ap"',
      'def d(): s3.copy_object(Bucket=BUCKET, Key="d", CopySource={"Bucket": AP, "Key": "k"})',
      'def e(): s3.copy_object(Bucket=BUCKET, Key="e", CopySource={"Bucket": "in", "Key": "what?.json"})',
    ]),
    {
      1: '"in/k?versionId=v1"',
      // A VersionId that may be None: with or without the suffix.
      2: "~in/k*",
      3: '"in/k"',
      5: '"arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/k"',
      6: "~in/what*.json",
    },
  );
});

Deno.test("python CopySource dict: unknown when Bucket or Key is missing or unknown, or the dict changes", async () => {
  const calls = await copySources([
    'def a(k): s3.copy_object(Bucket=BUCKET, Key="a", CopySource={"Key": k})',
    'def b(b): s3.copy_object(Bucket=BUCKET, Key="b", CopySource={"Bucket": b, "Key": "k"})',
    'def c(): s3.copy_object(Bucket=BUCKET, Key="c", CopySource={"Bucket": "in"})',
    'def d(extra): s3.copy_object(Bucket=BUCKET, Key="d", CopySource={**extra, "Key": "k"})',
    'def e(v):\n    src = {"Bucket": "in", "Key": "k"}\n    src["Key"] = v\n    s3.copy_object(Bucket=BUCKET, Key="e", CopySource=src)',
    'def f(b): s3.copy_object(Bucket=BUCKET, Key="f", CopySource={"Bucket": f"arn{b}", "Key": "k"})',
  ]);
  for (const [line, text] of Object.entries(calls)) assert.match(text, /^\?/, `line ${line}: ${text}`);
  assert.equal(Object.keys(calls).length, 6);
});

Deno.test("python CopySource dict: UploadPartCopy, Object.copy_from and the managed copy (positional)", async () => {
  assert.deepEqual(
    await copySources([
      'def a(n): s3.upload_part_copy(Bucket=BUCKET, Key="a", UploadId="u", PartNumber=1, CopySource={"Bucket": "in", "Key": n})',
      'def b(): s3r.Object(BUCKET, "b").copy_from(CopySource={"Bucket": "in", "Key": "b.json"})',
      'def c(n): s3.copy({"Bucket": "in", "Key": "c/" + n}, BUCKET, "c")',
    ]),
    { 1: "~in/*", 2: '"in/b.json"', 3: "~in/c/*" },
  );
});

Deno.test("python CopySource dict: inside a presigned copy_object's Params", async () => {
  assert.deepEqual(
    await copySources([
      'def a(n): s3.generate_presigned_url("copy_object", Params={"Bucket": BUCKET, "Key": "a", "CopySource": {"Bucket": "in", "Key": n}})',
    ]),
    { 1: "~in/*" },
  );
});
