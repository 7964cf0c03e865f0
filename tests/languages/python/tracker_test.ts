import assert from "node:assert/strict";
import { extract, fixtureFiles, summary } from "./extract.ts";

Deno.test("tracker: aliases, reassignment, function scope shadows module, global, class bodies skipped", async () => {
  const calls = await extract(fixtureFiles("tracker/app.py"));
  assert.deepEqual(calls.map(summary), [
    "app.py:7:1 get_object [s3]", // alias taken before the reassignment
    "app.py:8:1 get_item [dynamodb]", // last assignment before the use
    "app.py:13:5 send_message [sqs]", // local client shadows the module one
    "app.py:17:5 describe_table [dynamodb]", // functions see the module's final binding
    "app.py:26:5 invoke [lambda]", // bound through `global`
    "app.py:33:9 get_item [dynamodb]", // methods do not see class attributes by bare name
  ]);
});

Deno.test("tracker: module clients imported by other modules (import, from-import, package, star, relative)", async () => {
  const calls = await extract(
    fixtureFiles(
      "imports/pkg/__init__.py",
      "imports/pkg/clients.py",
      "imports/helpers.py",
      "imports/main.py",
      "imports/relative.py",
    ),
  );
  assert.deepEqual(calls.map(summary), [
    "main.py:7:1 get_object [s3]",
    "main.py:8:1 send_message [sqs]",
    "main.py:9:1 head_object [s3]",
    "main.py:10:1 get_queue_url [sqs]",
    "main.py:11:1 put_object [s3]",
    "relative.py:4:1 list_buckets [s3]",
    "relative.py:5:1 list_buckets [s3]",
  ]);
  // Constants of another module resolve too (helpers.BUCKET, and BUCKET via `from helpers import *`).
  assert.deepEqual(calls[0].arguments[0].value, { kind: "literal", value: "shared-bucket" });
  assert.deepEqual(calls[4].arguments[0].value, { kind: "literal", value: "shared-bucket" });
});

Deno.test("tracker: files with syntax errors are reported, not linked", async () => {
  const { pythonPlugin } = await import("../../../lib/languages/python/mod.ts");
  const [file] = fixtureFiles("syntax_error/broken.py");
  const facts = await pythonPlugin.analyzeFile(file);
  assert.equal(facts.facts, undefined);
  assert.ok(facts.error);
  // tree-sitter notices the unclosed call of line 3 when line 4 cannot continue it.
  assert.equal(facts.error.line, 4);
  assert.ok(facts.error.column >= 1);
  assert.match(facts.error.message, /syntax error/);
  assert.deepEqual(await extract([file]), []);
});
