import assert from "node:assert/strict";
import {
  createParser,
  GRAMMAR_NAMES,
  grammarFor,
  type GrammarName,
  loadGrammar,
  readGrammarBytes,
} from "../../grammars/mod.ts";

const SNIPPETS: Record<GrammarName, { code: string; root: string; expect: string }> = {
  python: {
    code: 'import boto3\ns3 = boto3.client("s3")\ns3.put_object(Bucket="b")\n',
    root: "module",
    expect: "call",
  },
  go: {
    code:
      'package main\n\nfunc main() {\n\tclient.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("b")})\n}\n',
    root: "source_file",
    expect: "call_expression",
  },
  typescript: {
    code: 'const c: S3Client = new S3Client({});\nawait c.send(new PutObjectCommand({ Bucket: "b" }));\n',
    root: "program",
    expect: "new_expression",
  },
  tsx: {
    code: "export function View(): JSX.Element {\n  return <div onClick={() => send()}>hi</div>;\n}\n",
    root: "program",
    expect: "jsx_element",
  },
  javascript: {
    code: 'const { S3Client } = require("@aws-sdk/client-s3");\nclient.send(cmd).then((r) => r);\n',
    root: "program",
    expect: "call_expression",
  },
  java: {
    code:
      'class A {\n  void f() {\n    s3.putObject(PutObjectRequest.builder().bucket("b").build(), body);\n  }\n}\n',
    root: "program",
    expect: "method_invocation",
  },
};

for (const name of GRAMMAR_NAMES) {
  Deno.test(`the ${name} grammar loads and parses a snippet without errors`, async () => {
    const parser = await createParser(name);
    const { code, root, expect } = SNIPPETS[name];
    const tree = parser.parse(code);
    assert.ok(tree, "parse returned a tree");
    try {
      assert.equal(tree.rootNode.type, root);
      assert.equal(tree.rootNode.hasError, false, tree.rootNode.toString());
      assert.ok(tree.rootNode.descendantsOfType(expect).length > 0, `has a ${expect}`);
    } finally {
      tree.delete();
      parser.delete();
    }
  });
}

Deno.test("loadGrammar caches each grammar once per process", async () => {
  const [a, b] = await Promise.all([loadGrammar("java"), loadGrammar("java")]);
  assert.equal(a, b);
  assert.equal(await loadGrammar("java"), a);
  assert.notEqual(await loadGrammar("typescript"), await loadGrammar("tsx"));
});

Deno.test("loadGrammar rejects an unknown grammar with the list of known ones", async () => {
  await assert.rejects(
    () => loadGrammar("ruby" as GrammarName),
    /Unknown grammar "ruby"; expected one of python, go, typescript, tsx, javascript, java/,
  );
});

Deno.test("readGrammarBytes returns WebAssembly for every grammar and the runtime", async () => {
  for (const name of [...GRAMMAR_NAMES, "web-tree-sitter"] as const) {
    const bytes = await readGrammarBytes(name);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], name);
  }
});

Deno.test("grammarFor picks tsx for .tsx/.jsx and the language's grammar otherwise", () => {
  const cases: [string, Parameters<typeof grammarFor>[1], GrammarName][] = [
    ["a.tsx", "typescript", "tsx"],
    ["a.TSX", "typescript", "tsx"],
    ["a.jsx", "javascript", "tsx"],
    ["a.ts", "typescript", "typescript"],
    ["a.mts", "typescript", "typescript"],
    ["a.js", "javascript", "javascript"],
    ["a.cjs", "javascript", "javascript"],
    ["a.py", "python", "python"],
    ["a.go", "go", "go"],
    ["A.java", "java", "java"],
    ["script.rb", "python", "python"], // --language override
  ];
  for (const [path, language, grammar] of cases) assert.equal(grammarFor(path, language), grammar, path);
});
