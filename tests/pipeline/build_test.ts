import assert from "node:assert/strict";
import {
  buildKnowledgeDatabase,
  DB_FILE,
  MANIFEST_FILE,
  writeKnowledgeDatabase,
} from "../../pipeline/build.ts";
import { KnowledgeBase } from "../../lib/knowledge/mod.ts";

const shared = new URL("../../../shared/data/", import.meta.url).pathname;
const hasShared = await Deno.stat(shared).then(() => true, () => false);
const BUILD = new URL("../../pipeline/build.ts", import.meta.url).pathname;
const quiet = { log: () => {} };

const realInputs = {
  botocore: `${shared}botocore/data`,
  boto3: `${shared}boto3/data`,
  iamDataset: `${shared}iam-dataset/map.json.gz`,
  sourcesJson: `${shared}SOURCES.json`,
};

Deno.test({
  name: "a build from the shared data is deterministic, covers ≥ 98% and answers the reference questions",
  ignore: !hasShared,
  async fn() {
    const first = await buildKnowledgeDatabase(realInputs, quiet);
    const second = await buildKnowledgeDatabase(realInputs, quiet);
    assert.deepEqual(first.database, second.database, "identical inputs give identical bytes");
    assert.equal(first.version, second.version);
    assert.ok(first.coverage.sharePercent >= 98, `coverage ${first.coverage.sharePercent}%`);

    const dir = await Deno.makeTempDir();
    try {
      assert.deepEqual(await writeKnowledgeDatabase(first, dir), { changed: true });
      const manifestBytes = await Deno.readFile(`${dir}/${MANIFEST_FILE}`);
      const dbBytes = await Deno.readFile(`${dir}/${DB_FILE}`);
      assert.deepEqual(await writeKnowledgeDatabase(second, dir), { changed: false });
      assert.deepEqual(await Deno.readFile(`${dir}/${MANIFEST_FILE}`), manifestBytes, "manifest kept as is");
      assert.deepEqual(await Deno.readFile(`${dir}/${DB_FILE}`), dbBytes);

      const manifest = JSON.parse(new TextDecoder().decode(manifestBytes));
      assert.equal(manifest.version, first.version);
      assert.equal(manifest.database.bytes, dbBytes.length);
      assert.match(manifest.database.sha256, /^[0-9a-f]{64}$/);
      const botocore = manifest.sources.find((s: { name: string }) => s.name === "botocore");
      assert.equal(botocore.detail.commit, "0e6e2404b85dc336dd2889814e089bde7d1a4c55");
      assert.ok(manifest.coverage.operations > 15000);

      const kb = await KnowledgeBase.open({ path: `${dir}/${DB_FILE}` });
      try {
        assert.deepEqual(kb.operationActions("s3", "ListObjectsV2").map((a) => a.action), ["s3:ListBucket"]);
        assert.equal(kb.permissionlessSource("sts", "GetCallerIdentity"), "curated");
        assert.equal(kb.permissionlessSource("sts", "AssumeRoleWithWebIdentity"), "curated");
        assert.equal(kb.permissionlessSource("codecatalyst", "ListSpaces"), "botocore");
        assert.deepEqual(kb.operationActions("stepfunctions", "StartExecution").map((a) => a.action), [
          "states:StartExecution",
        ]);
        // every shipped action exists in the Service Authorization Reference
        for (const op of ["GetObject", "PutObject", "DeleteObjects", "CopyObject"]) {
          for (const row of kb.operationActions("s3", op)) assert.ok(kb.iamAction(row.action), row.action);
        }
      } finally {
        kb.close();
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

async function runBuild(args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", BUILD, ...args],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test("a missing source stops the build, names it, and leaves the previous database untouched", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/${DB_FILE}`, "previous");
    const run = await runBuild(["--botocore", `${dir}/no-such-dir`, "--out", dir]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`error: botocore \\(${dir}/no-such-dir\\): `));
    assert.match(run.stderr, /Nothing was written/);
    assert.equal(await Deno.readTextFile(`${dir}/${DB_FILE}`), "previous");
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), [DB_FILE], "no temporary files left");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "a corrupt iam-dataset map stops the build with its path",
  ignore: !hasShared,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeTextFile(`${dir}/map.json`, '{"sdk_method_iam_mappings": {');
      const run = await runBuild([
        "--botocore",
        realInputs.botocore,
        "--iam-dataset",
        `${dir}/map.json`,
        "--out",
        `${dir}/out`,
      ]);
      assert.equal(run.code, 1);
      assert.match(run.stderr, new RegExp(`iam-dataset \\(${dir}/map\\.json\\)`));
      assert.equal(await Deno.stat(`${dir}/out`).then(() => true, () => false), false);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("usage errors: no --botocore, unknown flag", async () => {
  const none = await runBuild([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /--botocore DIR is required/);
  const bad = await runBuild(["--frobnicate"]);
  assert.equal(bad.code, 2);
});
