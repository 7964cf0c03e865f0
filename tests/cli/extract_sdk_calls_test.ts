/**
 * `extract-sdk-calls` as a user runs it: default and `--full-output` shapes, exit codes.
 *
 * @module
 */
import assert from "node:assert/strict";
import { runCli } from "../helpers/run_cli.ts";

const PARITY = new URL("../fixtures/parity/", import.meta.url).pathname;

Deno.test("extract-sdk-calls --help describes both shapes and the exit codes", async () => {
  const run = await runCli(["extract-sdk-calls", "--help"]);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /--full-output/);
  assert.match(run.stdout, /3\s+finished, but some input files were skipped/);
});

Deno.test("default shape: Name, Operations, PossibleServices, File, Line, Column, Expr, Arguments, Pattern", async () => {
  const run = await runCli(["extract-sdk-calls", "example.py"], { cwd: PARITY });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, "");
  const calls = JSON.parse(run.stdout);
  assert.deepEqual(calls.map((c: { Name: string }) => c.Name), [
    "get_object",
    "get_item",
    "put_object",
    "list_buckets",
  ]);
  assert.deepEqual(calls[0], {
    Name: "get_object",
    Operations: ["GetObject"],
    PossibleServices: ["s3"],
    File: "example.py",
    Line: 9,
    Column: 16,
    Expr: 's3.get_object(Bucket="report-templates", Key=f"{report_id}.html")',
    Arguments: { Bucket: "report-templates", Key: { Pattern: "*.html" } },
    Pattern: "python/client_method_call",
  });
  assert.deepEqual(calls[3].Arguments, {});
});

Deno.test("--full-output: upstream's {Name, PossibleServices, Metadata:{Expr, Location, Parameters}} items", async () => {
  const run = await runCli(["extract-sdk-calls", "example.py", "--full-output"], { cwd: PARITY });
  assert.equal(run.code, 0, run.stderr);
  const calls = JSON.parse(run.stdout);
  const first = calls[0];
  assert.deepEqual(Object.keys(first).slice(0, 2), ["Name", "PossibleServices"]);
  assert.equal(first.Metadata.Expr, 's3.get_object(Bucket="report-templates", Key=f"{report_id}.html")');
  assert.equal(first.Metadata.Location, "example.py:9.16-9.81");
  assert.deepEqual(first.Metadata.Parameters, [
    {
      Keyword: {
        name: "Bucket",
        value: { Resolved: "report-templates" },
        position: 0,
        type_annotation: null,
      },
    },
    { Keyword: { name: "Key", value: { Unresolved: "*.html" }, position: 1, type_annotation: null } },
  ]);
  assert.deepEqual(calls[3].Metadata.Parameters, []);
});

Deno.test("--pretty is indented JSON; compact has no newline; an empty file is []", async () => {
  const compact = await runCli(["extract-sdk-calls", `${PARITY}example.py`]);
  const pretty = await runCli(["extract-sdk-calls", `${PARITY}example.py`, "--pretty"]);
  assert.ok(!compact.stdout.includes("\n"));
  assert.ok(pretty.stdout.startsWith("[\n  {\n"));
  assert.deepEqual(JSON.parse(pretty.stdout), JSON.parse(compact.stdout));
  const empty = await runCli(["extract-sdk-calls", `${PARITY}empty.py`]);
  assert.equal(empty.code, 0);
  assert.equal(empty.stdout, "[]");
});

Deno.test("--service-hints narrows the calls; unknown hint exits 2", async () => {
  const run = await runCli(["extract-sdk-calls", `${PARITY}example.py`, "--service-hints", "dynamodb"]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout).map((c: { Name: string }) => c.Name), ["get_item"]);
  const bad = await runCli(["extract-sdk-calls", `${PARITY}example.py`, "--service-hints", "dynamo"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /did you mean/);
});

Deno.test("missing path exits 2; a skipped file exits 3 and is named", async () => {
  const missing = await runCli(["extract-sdk-calls", `${PARITY}nope.py`]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^error: .*nope\.py/);
  assert.equal(missing.stderr.trimEnd().split("\n").length, 1);
  const dir = await Deno.makeTempDir({ prefix: "extract_skipped_" });
  try {
    await Deno.copyFile(`${PARITY}example.py`, `${dir}/example.py`);
    await Deno.writeTextFile(`${dir}/broken.py`, "def f(:\n");
    const run = await runCli(["extract-sdk-calls", dir]);
    assert.equal(run.code, 3);
    assert.equal(JSON.parse(run.stdout).length, 4);
    assert.match(run.stderr, /broken\.py: syntax error/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
