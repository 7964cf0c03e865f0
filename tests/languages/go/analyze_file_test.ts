import assert from "node:assert/strict";
import { analyzeGoFile, defaultImportName } from "../../../lib/languages/go/analyze_file.ts";
import { goPlugin } from "../../../lib/languages/go/mod.ts";
import { languagePlugins } from "../../../lib/languages/registry.ts";

Deno.test("go analyzeFile: syntax errors are reported, facts are plain data", async () => {
  const bad = await analyzeGoFile({ path: "bad.go", language: "go", text: "package main\nfunc (\n" });
  assert.ok(bad.error);
  assert.equal(bad.facts, undefined);
  const good = await analyzeGoFile({
    path: "app/main.go",
    language: "go",
    text:
      'package main\nimport s3x "github.com/aws/aws-sdk-go-v2/service/s3"\nfunc f(c *s3x.Client) { c.ListBuckets(nil, nil) }\n',
  });
  assert.equal(good.error, undefined);
  assert.deepEqual(JSON.parse(JSON.stringify(good.facts)), good.facts);
  assert.equal(good.facts?.dir, "app");
  assert.deepEqual(good.facts?.imports, [{ name: "s3x", path: "github.com/aws/aws-sdk-go-v2/service/s3" }]);
  assert.equal(good.facts?.calls[0].method, "ListBuckets");
});

Deno.test("go import names and registry", () => {
  assert.equal(defaultImportName("github.com/aws/aws-sdk-go-v2/service/s3"), "s3");
  assert.equal(defaultImportName("github.com/jackc/pgx/v5"), "pgx");
  assert.equal(languagePlugins.go, goPlugin);
  assert.ok(goPlugin.patternIds.every((id) => id.startsWith("go/")));
});
