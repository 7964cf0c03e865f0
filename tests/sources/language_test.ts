import assert from "node:assert/strict";
import { detectLanguage, extensionOf, supportedExtensionsText } from "../../lib/sources/language.ts";

Deno.test("detectLanguage maps every supported extension", () => {
  const cases: [string, string | undefined][] = [
    ["a.py", "python"],
    ["a.go", "go"],
    ["a.ts", "typescript"],
    ["a.tsx", "typescript"],
    ["a.mts", "typescript"],
    ["a.cts", "typescript"],
    ["a.js", "javascript"],
    ["a.jsx", "javascript"],
    ["a.mjs", "javascript"],
    ["a.cjs", "javascript"],
    ["A.java", "java"],
    ["dir.py/README", undefined],
    ["Makefile", undefined],
    [".py", undefined],
    ["x.rb", undefined],
    ["UPPER.PY", "python"],
  ];
  for (const [path, language] of cases) assert.equal(detectLanguage(path), language, path);
});

Deno.test("extensionOf and supportedExtensionsText", () => {
  assert.equal(extensionOf("a/b.c/d"), "");
  assert.equal(extensionOf("a/b.d.ts"), ".ts");
  assert.equal(
    supportedExtensionsText(),
    ".py (python), .go (go), .ts .tsx .mts .cts (typescript), .js .jsx .mjs .cjs (javascript), .java (java)",
  );
});
