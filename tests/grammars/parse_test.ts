import assert from "node:assert/strict";
import { parseSource } from "../../grammars/mod.ts";

Deno.test("parseSource parses a valid file without errors", async () => {
  const result = await parseSource({ path: "app.py", language: "python", text: "import boto3\nx = 1\n" });
  try {
    assert.equal(result.hasErrors, false);
    assert.equal(result.firstError, undefined);
    assert.equal(result.grammar, "python");
    assert.equal(result.tree.rootNode.type, "module");
  } finally {
    result.tree.delete();
  }
});

Deno.test("parseSource reports the line of a Python syntax error", async () => {
  const text = [
    "import boto3",
    "",
    "def handler(event, context):",
    "    return 1",
    "",
    "class :",
    "    pass",
    "",
  ].join("\n");
  const result = await parseSource({ path: "app/handler.py", language: "python", text });
  try {
    assert.equal(result.hasErrors, true);
    assert.equal(result.firstError?.line, 6);
    assert.equal(result.firstError?.column, 1);
    assert.match(result.firstError?.detail ?? "", /class/);
  } finally {
    result.tree.delete();
  }
});

Deno.test("parseSource reports an unclosed call in Python on its line", async () => {
  const text = "import boto3\n\ns3 = boto3.client('s3')\ns3.put_object(Bucket='b'\nprint('x')\n";
  const result = await parseSource({ path: "a.py", language: "python", text });
  try {
    assert.equal(result.hasErrors, true);
    assert.equal(result.firstError?.line, 4);
  } finally {
    result.tree.delete();
  }
});

Deno.test("parseSource reports MISSING nodes (Java missing semicolon)", async () => {
  const text = "class A {\n  void f() {\n    int x = 1\n  }\n}\n";
  const result = await parseSource({ path: "A.java", language: "java", text });
  try {
    assert.equal(result.hasErrors, true);
    assert.deepEqual(result.firstError, { line: 3, column: 14, detail: 'missing ";"' });
  } finally {
    result.tree.delete();
  }
});

Deno.test("parseSource uses the tsx grammar for .tsx and .jsx files", async () => {
  const tsx = await parseSource({
    path: "View.tsx",
    language: "typescript",
    text: "const v = <div>{(x as number) + 1}</div>;\n",
  });
  const jsx = await parseSource({
    path: "App.jsx",
    language: "javascript",
    text: "const a = <main>app</main>;\n",
  });
  const ts = await parseSource({ path: "cast.ts", language: "typescript", text: "const n = <number>x;\n" });
  try {
    assert.equal(tsx.grammar, "tsx");
    assert.equal(tsx.hasErrors, false);
    assert.equal(jsx.grammar, "tsx");
    assert.equal(jsx.hasErrors, false);
    assert.equal(ts.grammar, "typescript");
    assert.equal(ts.hasErrors, false, "angle-bracket casts parse with the typescript grammar");
  } finally {
    tsx.tree.delete();
    jsx.tree.delete();
    ts.tree.delete();
  }
});

Deno.test("parseSource refuses a skipped file, saying why", async () => {
  await assert.rejects(
    () =>
      parseSource({
        path: "blob.py",
        language: "python",
        skipped: { reason: "binary", detail: "NUL byte" },
      }),
    /Cannot parse blob\.py: it has no text \(skipped: binary\)/,
  );
});
