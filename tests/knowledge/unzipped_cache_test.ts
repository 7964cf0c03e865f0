import assert from "node:assert/strict";
import { currentDenoDir, runCli } from "../helpers/run_cli.ts";

const DENO_DIR = await currentDenoDir();

async function unzippedCopies(cacheHome: string): Promise<{ name: string; size: number }[]> {
  const dir = `${cacheHome}/iam-policy-autopilot/unzipped`;
  try {
    const out = [];
    for await (const entry of Deno.readDir(dir)) {
      out.push({ name: entry.name, size: (await Deno.stat(`${dir}/${entry.name}`)).size });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return [];
  }
}

Deno.test("the decompressed database is cached, reused, replaced when cut short, and never written when disabled", async () => {
  const cacheHome = await Deno.makeTempDir({ prefix: "iam-pa-unzipped-" });
  const manifest = JSON.parse(await Deno.readTextFile(new URL("../../db/manifest.json", import.meta.url)));
  const copy = `${manifest.database.sha256}.sqlite`;
  const env = { XDG_CACHE_HOME: cacheHome, DENO_DIR };
  try {
    const disabled = await runCli(["knowledge", "info"], {
      env: { ...env, IAM_POLICY_AUTOPILOT_NO_UNZIPPED_CACHE: "1" },
    });
    assert.equal(disabled.code, 0, disabled.stderr);
    assert.deepEqual(await unzippedCopies(cacheHome), []);

    const first = await runCli(["knowledge", "info"], { env });
    assert.equal(first.code, 0, first.stderr);
    const size = manifest.database.uncompressedBytes;
    assert.deepEqual(await unzippedCopies(cacheHome), [{ name: copy, size }]);
    const path = `${cacheHome}/iam-policy-autopilot/unzipped/${copy}`;
    const written = (await Deno.stat(path)).mtime?.getTime();
    const reused = await runCli(["knowledge", "info"], { env });
    assert.equal(reused.stdout, first.stdout);
    assert.equal(
      (await Deno.stat(path)).mtime?.getTime(),
      written,
      "a whole copy is read, not written again",
    );

    // A copy cut short (a disk filled up, a crash before rename on another OS) is not used, and is replaced.
    await Deno.truncate(path, 4096);
    const again = await runCli(["knowledge", "info"], { env });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, first.stdout);
    assert.deepEqual(await unzippedCopies(cacheHome), [{ name: copy, size }]);
  } finally {
    await Deno.remove(cacheHome, { recursive: true });
  }
});

Deno.test("a cache directory that cannot be written only costs speed", async () => {
  const cacheHome = await Deno.makeTempDir({ prefix: "iam-pa-unzipped-ro-" });
  try {
    // A file where the cache directory should be: nothing can be created under it.
    await Deno.writeTextFile(`${cacheHome}/iam-policy-autopilot`, "not a directory");
    const run = await runCli(["knowledge", "info"], { env: { XDG_CACHE_HOME: cacheHome, DENO_DIR } });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /version/i);
  } finally {
    await Deno.remove(cacheHome, { recursive: true });
  }
});
