import assert from "node:assert/strict";
import type { Tree } from "web-tree-sitter";
import { FastCursor, fastCursor } from "../../grammars/fast_cursor.ts";
import { walkAll } from "./walk_all.ts";
import { createParser } from "../../grammars/mod.ts";

const SOURCES: Record<string, string> = {
  python: [
    '"""Orders: é😀."""',
    "import boto3",
    's3 = boto3.client("s3")',
    "",
    "def handler(event, context):",
    '    for page in s3.get_paginator("list_objects_v2").paginate(Bucket="b"):',
    "        print(f\"{page['KeyCount']} keys\")",
    '    return s3.get_object(Bucket="b", Key=event["key"])',
    "",
  ].join("\n"),
  typescript: [
    'import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";',
    "const s3 = new S3Client({});",
    "export const handler = async (e: { key: string }) =>",
    '  s3.send(new GetObjectCommand({ Bucket: "b", Key: `in/${e.key}` }));',
    "",
  ].join("\n"),
};

for (const [grammar, source] of Object.entries(SOURCES)) {
  Deno.test(`fastCursor visits the same nodes as TreeCursor (${grammar})`, async () => {
    const parser = await createParser(grammar as "python" | "typescript");
    const tree: Tree = parser.parse(source)!;
    try {
      const reference = tree.walk();
      const expected = walkAll(reference);
      reference.delete();
      const fast = fastCursor(tree);
      assert.ok(fast instanceof FastCursor, "web-tree-sitter's wasm exports were found");
      const got = walkAll(fast);
      fast.delete();
      assert.deepEqual(got, expected);
      assert.ok(expected.length > 40);
      // The library still works after a fast walk (the transfer buffer is shared).
      assert.equal(
        tree.rootNode.firstChild?.type,
        grammar === "python" ? "expression_statement" : "import_statement",
      );
    } finally {
      tree.delete();
      parser.delete();
    }
  });
}
