import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GrammarName } from "../../grammars/mod.ts";

/** The grammar of each fixture source extension. */
const FIXTURE_GRAMMARS: Record<string, GrammarName> = {
  ".py": "python",
  ".go": "go",
  ".ts": "typescript",
  ".js": "javascript",
  ".mjs": "javascript",
  ".tsx": "tsx",
  ".java": "java",
};

/** Every source file of the fixture apps (tests/fixtures/apps) with its grammar, name and text. */
export function* fixtureSources(): Generator<{ grammar: GrammarName; name: string; text: string }> {
  const fixtures = fileURLToPath(new URL("../fixtures/apps", import.meta.url));
  for (const entry of readdirSync(fixtures, { recursive: true, withFileTypes: true })) {
    const grammar = FIXTURE_GRAMMARS[entry.name.slice(entry.name.lastIndexOf("."))];
    if (!entry.isFile() || !grammar) continue;
    yield { grammar, name: entry.name, text: readFileSync(join(entry.parentPath, entry.name), "utf8") };
  }
}

/**
 * Sources that exercise what the memory walk re-implements: hidden nodes, aliases, fields (also inherited
 * through hidden nodes), extras (comments), errors and missing nodes, and non-ASCII text (UTF-16 positions).
 */
export const SOURCES: Record<GrammarName, string[]> = {
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
