/**
 * The published package ships the knowledge database as the JSON module db/knowledge.json (generated from
 * db/knowledge.sqlite.gz): it decodes to exactly the manifest's database, and the generator is idempotent,
 * atomic and refuses a gzip file that does not match the manifest.
 */
import assert from "node:assert/strict";
import { writeKnowledgeModule } from "../../bundle/knowledge_module.ts";
import {
  BUNDLED_DB_MODULE_URL,
  openKnowledgeDatabase,
  readKnowledgeBytes,
} from "../../lib/knowledge/open.ts";

const DB_DIR = new URL("../../db/", import.meta.url);

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("db/knowledge.json decodes to the manifest's database and opens", async () => {
  await writeKnowledgeModule(DB_DIR.pathname);
  const manifest = JSON.parse(await Deno.readTextFile(new URL("manifest.json", DB_DIR)));
  const bytes = await readKnowledgeBytes(BUNDLED_DB_MODULE_URL);
  assert.equal(bytes.length, manifest.database.uncompressedBytes);
  assert.equal(await sha256Hex(bytes), manifest.database.uncompressedSha256);
  const db = await openKnowledgeDatabase(bytes, "module");
  try {
    assert.equal(db.exec("SELECT value FROM meta WHERE key = 'version'")[0].values[0][0], manifest.version);
  } finally {
    db.close();
  }
});

Deno.test("writeKnowledgeModule: writes once, then only when the database changes; checks the manifest", async () => {
  const dir = await Deno.makeTempDir({ prefix: "iam-pa-module-" });
  try {
    const gz = new Uint8Array([0x1f, 0x8b, 1, 2, 3]);
    const manifest = (sha256: string) =>
      JSON.stringify({ version: "2026.01.01-test", database: { file: "knowledge.sqlite.gz", sha256 } });
    await Deno.writeFile(`${dir}/knowledge.sqlite.gz`, gz);
    await Deno.writeTextFile(`${dir}/manifest.json`, manifest(await sha256Hex(gz)));
    assert.equal((await writeKnowledgeModule(dir)).written, true);
    assert.equal((await writeKnowledgeModule(dir)).written, false, "up to date: not rewritten");
    const module = JSON.parse(await Deno.readTextFile(`${dir}/knowledge.json`));
    assert.equal(module.version, "2026.01.01-test");
    assert.equal(module.sha256, await sha256Hex(gz));
    assert.deepEqual([...atob(module.gzipBase64)].map((c) => c.charCodeAt(0)), [...gz]);

    const newer = new Uint8Array([0x1f, 0x8b, 9, 9]);
    await Deno.writeFile(`${dir}/knowledge.sqlite.gz`, newer);
    await assert.rejects(writeKnowledgeModule(dir), /sha256/, "a .gz that does not match the manifest");
    await Deno.writeTextFile(`${dir}/manifest.json`, manifest(await sha256Hex(newer)));
    assert.equal((await writeKnowledgeModule(dir)).written, true);
    assert.deepEqual(
      [...Deno.readDirSync(dir)].map((e) => e.name).sort(),
      ["knowledge.json", "knowledge.sqlite.gz", "manifest.json"],
      "no temporary files left",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
