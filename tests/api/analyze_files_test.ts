/**
 * The worker pool of `analyzeFiles`: the same facts, in input order, as in-process analysis whatever the batch
 * sizes; a pool started ahead (`startAnalysisPool`) serves any input; failures and termination reject instead
 * of hanging; `analyzeProject` starts its pool from the walk and gives the same result as in-process.
 *
 * @module
 */
import assert from "node:assert/strict";
import { AnalysisPool, analyzeFiles, startAnalysisPool, workerCount } from "../../lib/api/analyze_files.ts";
import { analyzeProject } from "../../lib/api/analyze_project.ts";
import { KnowledgeBase } from "../../lib/knowledge/mod.ts";
import type { SourceFile } from "../../lib/types.ts";

/** Files of uneven sizes (some large enough to fill a batch alone), Python and TypeScript, one broken. */
function sampleFiles(count: number): SourceFile[] {
  const files: SourceFile[] = [];
  for (let i = 0; i < count; i++) {
    const padding = i % 7 === 0 ? "x = 1\n".repeat(6_000) : "";
    if (i % 5 === 4) {
      files.push({
        path: `web/f${i}.ts`,
        language: "typescript",
        text: `import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";\n` +
          `const s3 = new S3Client({});\nawait s3.send(new GetObjectCommand({ Bucket: "b${i}", Key: "k" }));\n`,
      });
    } else {
      files.push({
        path: `app/f${i}.py`,
        language: "python",
        text: `import boto3\n${padding}\ns3 = boto3.client("s3")\n\n\ndef handler_${i}(event, context):\n` +
          `    return s3.get_object(Bucket="bucket-${i}", Key=event["key"])\n` +
          (i === 3 ? "def broken(:\n" : ""),
      });
    }
  }
  return files;
}

Deno.test("workerCount: in-process for small inputs, one per core for large ones, never more than the files", () => {
  assert.equal(workerCount(1, 100), 1);
  assert.equal(workerCount(0, 0, 4), 1);
  assert.equal(workerCount(3, 100, 8), 3);
  const cores = Math.min(navigator.hardwareConcurrency || 1, 8);
  assert.equal(workerCount(100, 0), Math.min(cores, 100));
  assert.equal(workerCount(2, 4 * 1024 * 1024), Math.min(cores, 2));
});

Deno.test("analyzeFiles on workers gives the in-process facts, in input order", async () => {
  const files = sampleFiles(60);
  const inProcess = await analyzeFiles(files, { workers: 1 });
  const progress: number[] = [];
  const pooled = await analyzeFiles(files, { workers: 2, onProgress: (done) => progress.push(done) });
  assert.deepEqual(pooled, inProcess);
  assert.deepEqual(pooled.map((f) => f.file), files.map((f) => f.path));
  assert.ok(pooled[3].error, "the broken file has an error fact");
  assert.ok(progress.length > 2, "progress after each batch");
  assert.deepEqual(progress, [...progress].sort((a, b) => a - b));
  assert.equal(progress.at(-1), files.length);
});

Deno.test("a pool started ahead serves inputs of any size, twice, and warm-up names are harmless", async () => {
  const files = sampleFiles(12);
  const expected = await analyzeFiles(files, { workers: 1 });
  const pool = startAnalysisPool(2, [
    { path: "a.py", language: "python" },
    { path: "b.tsx", language: "typescript" },
    { path: "c.go", language: "go" },
  ]);
  try {
    assert.equal(pool.threads, 2);
    assert.deepEqual(await analyzeFiles(files, { pool }), expected);
    assert.deepEqual(await analyzeFiles(files.slice(0, 1), { pool }), expected.slice(0, 1));
    assert.deepEqual(await analyzeFiles([], { pool }), []);
  } finally {
    pool.terminate();
  }
});

Deno.test("terminating a pool rejects a running analysis instead of hanging", async () => {
  const pool = new AnalysisPool(2);
  const running = pool.analyze(sampleFiles(30));
  pool.terminate();
  await assert.rejects(running, /terminated/);
  await assert.rejects(pool.analyze(sampleFiles(1)), /terminated/);
});

Deno.test("analyzeProject: the pool started from the walk gives the in-process result", async () => {
  const dir = await Deno.makeTempDir({ prefix: "analyze_project_pool_" });
  const kb = await KnowledgeBase.open();
  try {
    for (const file of sampleFiles(40)) {
      await Deno.mkdir(`${dir}/${file.path.split("/")[0]}`, { recursive: true });
      await Deno.writeTextFile(`${dir}/${file.path}`, file.text!);
    }
    await Deno.writeFile(`${dir}/app/blob.py`, new Uint8Array([0x61, 0x00]));
    const pooled = await analyzeProject(kb, { paths: [dir] });
    const inProcess = await analyzeProject(kb, { paths: [dir], workers: 1 });
    assert.equal(JSON.stringify(pooled), JSON.stringify(inProcess));
    assert.equal(pooled.analyzedFiles.length, 39);
    assert.deepEqual(
      pooled.skipped.map((s) => [s.path.slice(dir.length), s.skipped.reason]),
      [["/app/blob.py", "binary"], ["/app/f3.py", "syntax-error"]],
    );
    assert.ok(pooled.calls.length >= 39);
  } finally {
    kb.close();
    await Deno.remove(dir, { recursive: true });
  }
});
