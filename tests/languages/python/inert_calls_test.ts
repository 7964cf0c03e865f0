import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { openDatabase } from "../../../pipeline/sqlite.ts";
import { analyzeProject } from "../../../lib/api/analyze_project.ts";
import { INERT_CALL_NAMES, omittedCallNames } from "../../../lib/languages/python/inert_calls.ts";
import { analyzePythonFile } from "../../../lib/languages/python/analyze_file.ts";
import { REAL_DB, realKnowledgeBase } from "./real_kb.ts";

Deno.test("inert call names: no SDK operation, utility, library model, boto3 resource member or waiter has them", async () => {
  const db = await openDatabase(gunzipSync(await Deno.readFile(REAL_DB)));
  try {
    const names = new Set<string>();
    const add = (sql: string) => {
      for (const row of db.exec(sql)[0]?.values ?? []) names.add(String(row[0]));
    };
    add("SELECT DISTINCT python_name FROM operations");
    add("SELECT DISTINCT method FROM sdk_utilities WHERE language = 'python'");
    add("SELECT DISTINCT receiver FROM sdk_utilities WHERE language = 'python'");
    add("SELECT DISTINCT name FROM boto3_resource_members");
    assert.ok(names.size > 10_000, `expected the SDK's Python names, got ${names.size}`);
    assert.deepEqual(INERT_CALL_NAMES.filter((n) => names.has(n)), []);
  } finally {
    db.close();
  }
});

Deno.test("inert call names: no Python pattern names them", async () => {
  const dir = new URL("../../../lib/languages/python/patterns/", import.meta.url);
  for await (const entry of Deno.readDir(dir)) {
    const source = await Deno.readTextFile(new URL(entry.name, dir));
    for (const name of INERT_CALL_NAMES) {
      // Expression kinds (`case "str":`, `k: "str"`) are not call names.
      assert.ok(
        !new RegExp(`(?<!case |k: |k [!=]== )"${name}"`).test(source),
        `${entry.name} mentions "${name}": remove it from INERT_CALL_NAMES`,
      );
    }
  }
});

Deno.test("omittedCallNames keeps the names the project defines as functions, methods or classes", () => {
  const names = omittedCallNames([
    { path: "log.py", language: "python", text: "class Audit:\n    def info(self, client):\n        pass\n" },
    { path: "fmt.py", language: "python", text: "def format(x):\n    return x\n\nclass join:\n    pass\n" },
  ]);
  assert.ok(names.includes("debug") && names.includes("len"));
  assert.ok(!names.includes("info") && !names.includes("format") && !names.includes("join"));
});

Deno.test("phase 1 leaves omitted calls out of the call sites, and keeps the rest", async () => {
  const text = [
    "import logging, boto3",
    "log = logging.getLogger(__name__)",
    's3 = boto3.client("s3")',
    "params = {}",
    'params.setdefault("Bucket", "b")',
    'log.info("n=%d", len(s3.list_buckets()["Buckets"]))',
    "",
  ].join("\n");
  const file = { path: "app.py", language: "python" as const, text };
  const full = await analyzePythonFile(file);
  const lean = await analyzePythonFile(file, { omitCalls: omittedCallNames([file]) });
  assert.deepEqual(full.facts?.calls.map((c) => c.method), [
    "getLogger",
    "client",
    "setdefault",
    "info",
    "len",
    "list_buckets",
  ]);
  assert.deepEqual(lean.facts?.calls.map((c) => c.method), ["client", "list_buckets"]);
  // `setdefault` still marks the dict it changes (its keys are open), though its call site is gone.
  assert.deepEqual(lean.facts?.scopes[0].mutated, ["params"]);
});

Deno.test("a project function named like an inert call still gets its parameters from its call sites", async () => {
  const dir = await Deno.makeTempDir();
  const kb = await realKnowledgeBase();
  try {
    await Deno.writeTextFile(
      `${dir}/audit.py`,
      'def info(client, key):\n    return client.head_object(Bucket="audit", Key=key)\n',
    );
    await Deno.writeTextFile(
      `${dir}/app.py`,
      'import boto3\nfrom audit import info\n\ninfo(boto3.client("s3"), "k")\n',
    );
    const analysis = await analyzeProject(kb, { paths: [dir] });
    const call = analysis.calls.find((c) => c.method === "head_object");
    assert.deepEqual(call?.services, ["s3"]);
  } finally {
    kb.close();
    await Deno.remove(dir, { recursive: true });
  }
});
