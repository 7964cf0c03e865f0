import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Tree } from "web-tree-sitter";
import { memoryCursor, walkCursor } from "../../grammars/fast_cursor.ts";
import { walkAll } from "./walk_all.ts";
import { MemoryCursor, MemoryLayout } from "../../grammars/memory_cursor.ts";
import { createParser, type GrammarName, loadGrammar } from "../../grammars/mod.ts";

/**
 * Sources that exercise what the memory walk re-implements: hidden nodes, aliases, fields (also inherited
 * through hidden nodes), extras (comments), errors and missing nodes, and non-ASCII text (UTF-16 positions).
 */
const SOURCES: Record<GrammarName, string[]> = {
  python: [
    [
      '"""Orders: é😀."""',
      "import boto3  # the client",
      's3 = boto3.client("s3")',
      "def handler(event, context: dict[str, int] = {}, *args, **kw) -> None:",
      '    for page in s3.get_paginator("list_objects_v2").paginate(Bucket="b"):',
      "        print(f\"{page['KeyCount']!r:>10} keys\")  # ünïcode",
      '    return s3.get_object(Bucket="b", Key=event["key"]) if event else None',
      "class A(B, metaclass=M):",
      "    x: int = 1",
      "    @property",
      "    def y(self): return [i async for i in z if i] + {**a} + (lambda q=1: q)()",
    ].join("\n"),
    "def broken(:\n    return s3.get_object(Bucket=\n\nx = [1, 2\nprint('é')\n",
    "",
  ],
  go: [
    [
      "package main",
      'import ("context"; s3 "github.com/aws/aws-sdk-go-v2/service/s3")',
      "// handler: é😀",
      'type T struct { A int `json:"a"`; b string }',
      "func (t *T) Run(ctx context.Context) error {",
      "\tclient := s3.NewFromConfig(cfg)",
      '\t_, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("b")})',
      "\tfor i := range 10 { go func() { defer f(i) }() }",
      "\treturn err",
      "}",
    ].join("\n"),
    "package main\nfunc broken( {\n\tx := \n}\n",
  ],
  typescript: [
    [
      'import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";',
      "// é😀",
      "const s3 = new S3Client({ region: process.env.REGION! });",
      "export abstract class Store<T extends object = {}> implements I {",
      "  private readonly items: Map<string, T> = new Map();",
      "  async get(key: string): Promise<T | undefined> { return this.items.get(key) as T; }",
      "}",
      "export const handler = async (e: { key: string }) =>",
      '  s3.send(new GetObjectCommand({ Bucket: "b", Key: `in/${e.key}` }));',
      "enum E { A = 1, B }",
    ].join("\n"),
    "const x = (a: number => ;\nfunction f( { return }\n",
  ],
  tsx: [
    'const App = ({ name }: { name: string }) => <div className="x">{name} é😀<br /></div>;\nlet y = <T,>(v: T) => v;\n',
    "const Broken = () => <div>{</span>;\n",
  ],
  javascript: [
    [
      'const { S3Client, PutObjectCommand } = require("@aws-sdk/client-s3");',
      "/* é😀 */",
      "class A extends B { #p = 1; static s() { return this.#p ?? super.s?.(); } }",
      "export default async function* gen({ a, ...rest } = {}, [b] = []) { yield* rest; }",
      "const re = /a[b]+/gi, t = tag`x${1}y`;",
      "label: for (const k in o) { if (k) continue label; }",
    ].join("\n"),
    "function (a, { b \nconst = ;\n",
  ],
  java: [
    [
      "package app;",
      "import software.amazon.awssdk.services.s3.S3Client;",
      "/** é😀 */",
      "public final class Handler<T extends Object> implements RequestHandler<Map<String, String>, String> {",
      "  private static final S3Client S3 = S3Client.builder().build();",
      "  @Override public String handleRequest(Map<String, String> in, Context ctx) {",
      '    S3.getObject(GetObjectRequest.builder().bucket("b").key(in.get("k")).build());',
      '    return switch (in.size()) { case 0 -> "none"; default -> { yield "x"; } };',
      "  }",
      "}",
    ].join("\n"),
    "class Broken { void f( { int x = ; }\n",
  ],
};

async function parse(grammar: GrammarName, source: string): Promise<{ tree: Tree; done(): void }> {
  const parser = await createParser(grammar);
  const tree = parser.parse(source)!;
  return {
    tree,
    done() {
      tree.delete();
      parser.delete();
    },
  };
}

for (const [grammar, sources] of Object.entries(SOURCES) as [GrammarName, string[]][]) {
  Deno.test(`MemoryCursor visits the same nodes as web-tree-sitter's TreeCursor (${grammar})`, async () => {
    for (const source of sources) {
      const { tree, done } = await parse(grammar, source);
      try {
        const reference = tree.walk();
        const expected = walkAll(reference);
        reference.delete();
        const cursor = memoryCursor(tree);
        assert.ok(
          cursor instanceof MemoryCursor,
          "the runtime's memory layout is the one MemoryCursor reads",
        );
        assert.deepEqual(walkAll(cursor), expected, JSON.stringify(source));
        const chosen = walkCursor(tree);
        assert.ok(chosen instanceof MemoryCursor, "walkCursor prefers the memory walk");
        chosen.delete();
      } finally {
        done();
      }
    }
  });
}

Deno.test("MemoryCursor visits the same nodes as TreeCursor on every Python, Go and TypeScript fixture", async () => {
  const fixtures = fileURLToPath(new URL("../fixtures/apps", import.meta.url));
  const grammarOf: Record<string, GrammarName> = {
    ".py": "python",
    ".go": "go",
    ".ts": "typescript",
    ".js": "javascript",
    ".mjs": "javascript",
    ".tsx": "tsx",
    ".java": "java",
  };
  const counts = new Map<GrammarName, number>();
  for (const entry of readdirSync(fixtures, { recursive: true, withFileTypes: true })) {
    const grammar = grammarOf[entry.name.slice(entry.name.lastIndexOf("."))];
    if (!entry.isFile() || !grammar) continue;
    const { tree, done } = await parse(grammar, readFileSync(join(entry.parentPath, entry.name), "utf8"));
    try {
      const reference = tree.walk();
      const expected = walkAll(reference);
      reference.delete();
      assert.deepEqual(walkAll(memoryCursor(tree)!), expected, entry.name);
      counts.set(grammar, (counts.get(grammar) ?? 0) + 1);
    } finally {
      done();
    }
  }
  for (const grammar of ["python", "go", "typescript"] as const) {
    assert.ok((counts.get(grammar) ?? 0) >= 10, `${grammar} fixtures compared: ${counts.get(grammar)}`);
  }
});

Deno.test("MemoryLayout rejects grammar tables that do not match what web-tree-sitter reports", async () => {
  const python = await loadGrammar("python");
  // A TSLanguage header whose symbol and field counts are not Python's: read as another runtime's layout.
  const memory = new ArrayBuffer(4096);
  const words = new Uint32Array(memory);
  words[16 + 1] = python.nodeTypeCount + 1; // symbol_count
  words[16 + 8] = python.fieldCount; // field_count
  const layout = new MemoryLayout(() => ({
    HEAPU8: new Uint8Array(memory),
    HEAPU16: new Uint16Array(memory),
    HEAPU32: words,
  }));
  assert.equal(layout.tablesFor(64, python), null);
  // Counts that match but symbol names that do not (all names read as empty strings).
  words[16 + 1] = python.nodeTypeCount;
  assert.equal(
    new MemoryLayout(() => ({
      HEAPU8: new Uint8Array(memory),
      HEAPU16: new Uint16Array(memory),
      HEAPU32: words,
    })).tablesFor(64, python),
    null,
  );
});
