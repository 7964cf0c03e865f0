/**
 * `deno task bundle` writes one self-contained JS file: it runs from another directory with an empty Deno
 * cache, uses the embedded knowledge database and grammars, and analyses many files without the worker
 * module (in-process fallback) with the same result as the source tree.
 */
import assert from "node:assert/strict";
import { CLI_PATH } from "../helpers/run_cli.ts";
import { deno as run } from "./jsr_simulation.ts";

const ROOT = new URL("../../", import.meta.url);
const CONFIG = new URL("deno.json", ROOT).pathname;
const MANIFEST = JSON.parse(await Deno.readTextFile(new URL("db/manifest.json", ROOT)));

/** A Python project with enough files (and bytes) that analyze_files.ts asks for a worker pool. */
async function manyFileProject(dir: string): Promise<void> {
  await Deno.mkdir(`${dir}/app/handlers`, { recursive: true });
  for (let i = 0; i < 40; i++) {
    await Deno.writeTextFile(
      `${dir}/app/handlers/h${i}.py`,
      `import boto3\n\ns3 = boto3.client("s3")\n\n\ndef handler_${i}(event, context):\n` +
        `    return s3.get_object(Bucket="bucket-${i % 3}", Key=event["key"])\n`,
    );
  }
  await Deno.writeTextFile(
    `${dir}/app/store.py`,
    `import boto3\n\ntable = boto3.resource("dynamodb").Table("orders")\n\n\ndef put(item):\n` +
      `    table.put_item(Item=item)\n\n\ndef send(body):\n` +
      `    boto3.client("sqs").send_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/1/q", MessageBody=body)\n`,
  );
}

Deno.test("bundle: one file with grammars, sql.js and the database; runs anywhere with an empty Deno cache", async () => {
  const bundled = await run(["task", "--config", CONFIG, "bundle"], { cwd: ROOT.pathname });
  assert.equal(bundled.code, 0, bundled.stderr);
  const output = new URL("dist/iam-policy-autopilot.js", ROOT).pathname;
  const size = (await Deno.stat(output)).size;

  const work = await Deno.makeTempDir({ prefix: "iam-pa-bundle-" });
  const denoDir = await Deno.makeTempDir({ prefix: "iam-pa-empty-deno-dir-" });
  const cacheHome = await Deno.makeTempDir({ prefix: "iam-pa-xdg-" });
  try {
    const bundle = `${work}/iam-policy-autopilot.js`;
    await Deno.copyFile(output, bundle);
    await manyFileProject(work);
    const env = { DENO_DIR: denoDir, XDG_CACHE_HOME: cacheHome };

    const cold = await run(["run", "-A", "--no-config", bundle, "--version", "--verbose"], {
      cwd: work,
      env,
    });
    assert.equal(cold.code, 0, cold.stderr);
    assert.match(cold.stdout, /^iam-policy-autopilot \d+\.\d+\.\d+\n/);
    assert.match(
      cold.stdout,
      new RegExp(`knowledge database: ${MANIFEST.version} \\(embedded:knowledge\\.sqlite\\.gz\\)`),
    );
    assert.doesNotMatch(cold.stderr, /Download/, "nothing is downloaded");
    const warm = await run(["run", "-A", "--no-config", bundle, "--version", "--verbose"], {
      cwd: work,
      env,
    });
    assert.equal(warm.code, 0, warm.stderr);

    const operation = await run(
      ["run", "-A", "--no-config", bundle, "knowledge", "operation", "s3", "ListObjectsV2", "--json"],
      { cwd: work, env },
    );
    assert.equal(operation.code, 0, operation.stderr);
    assert.deepEqual(JSON.parse(operation.stdout).actions.map((a: { action: string }) => a.action), [
      "s3:ListBucket",
    ]);

    const args = ["generate-policies", "app", "--region", "us-east-1", "--account", "123456789012"];
    const fromBundle = await run(["run", "-A", "--no-config", bundle, ...args], { cwd: work, env });
    assert.equal(fromBundle.code, 0, fromBundle.stderr);
    const fromSource = await run(["run", "-A", "--config", CONFIG, CLI_PATH, ...args], { cwd: work });
    assert.equal(fromSource.code, 0, fromSource.stderr);
    const policy = JSON.parse(fromBundle.stdout);
    assert.deepEqual(policy, JSON.parse(fromSource.stdout), "the bundle analyses like the source tree");
    assert.equal(policy.KnowledgeBase.Version, MANIFEST.version);
    const actions = policy.Policies.flatMap((p: { Policy: { Statement: { Action: string[] }[] } }) =>
      p.Policy.Statement.flatMap((s) => s.Action)
    );
    for (const action of ["s3:GetObject", "dynamodb:PutItem", "sqs:SendMessage"]) {
      assert.ok(actions.includes(action), `${action} in ${actions}`);
    }

    console.log(
      `bundle ${(size / 1e6).toFixed(2)} MB; --version --verbose: cold (empty DENO_DIR) ${
        cold.ms.toFixed(0)
      } ms, ` +
        `warm ${warm.ms.toFixed(0)} ms; generate-policies on 41 files: bundle ${
          fromBundle.ms.toFixed(0)
        } ms, ` +
        `source ${fromSource.ms.toFixed(0)} ms`,
    );
  } finally {
    for (const dir of [work, denoDir, cacheHome]) await Deno.remove(dir, { recursive: true });
  }
});
