import assert from "node:assert/strict";
import { gunzipSync, gzipSync } from "node:zlib";
import { openDatabase } from "../../pipeline/sqlite.ts";
import { currentDenoDir, runCli } from "../helpers/run_cli.ts";
import { KnowledgeUpdateError, updateKnowledgeDatabase } from "../../lib/knowledge/update.ts";

const DB_DIR = new URL("../../db/", import.meta.url);
const BUNDLED_MANIFEST = JSON.parse(await Deno.readTextFile(new URL("manifest.json", DB_DIR)));
const NEWER_VERSION = "2099.01.01-testtest";
const OLDER_VERSION = "2000.01.01-oldoldol";

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The shipped database with its meta version replaced, gzipped, plus a manifest describing it. */
async function publishedDatabase(
  version: string,
): Promise<{ gz: Uint8Array; manifest: Record<string, unknown> & { database: { sha256: string } } }> {
  const plain = gunzipSync(await Deno.readFile(new URL("knowledge.sqlite.gz", DB_DIR)));
  const db = await openDatabase(plain);
  db.run("UPDATE meta SET value = ? WHERE key = 'version'", [version]);
  const gz = gzipSync(db.export(), { level: 1 });
  db.close();
  return {
    gz,
    manifest: {
      ...BUNDLED_MANIFEST,
      version,
      database: { file: "knowledge.sqlite.gz", bytes: gz.length, sha256: await sha256Hex(gz) },
    },
  };
}

const newer = await publishedDatabase(NEWER_VERSION);

/** Serves `files` on 127.0.0.1 (random port); counts requests per path. */
function serve(files: Record<string, Uint8Array | string>) {
  const hits: Record<string, number> = {};
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const path = new URL(request.url).pathname;
    hits[path] = (hits[path] ?? 0) + 1;
    const body = files[path];
    return body === undefined ? new Response("not found", { status: 404 }) : new Response(body as BodyInit);
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, hits, close: () => server.shutdown() };
}

/** Deno's own cache: pinned, because it defaults to $XDG_CACHE_HOME/deno, which the tests redirect. */
const DENO_DIR = await currentDenoDir();

async function tempCache(): Promise<{ dir: string; env: Record<string, string> }> {
  const dir = await Deno.makeTempDir({ prefix: "iam-pa-cache-" });
  return { dir, env: { XDG_CACHE_HOME: dir, LOCALAPPDATA: dir, DENO_DIR } };
}

Deno.test("knowledge update: fetches, verifies sha256, stores in the cache; the newer db is then in use", async () => {
  const server = serve({
    "/db/manifest.json": JSON.stringify(newer.manifest),
    "/db/knowledge.sqlite.gz": newer.gz,
  });
  const cache = await tempCache();
  try {
    const update = await runCli(["knowledge", "update", "--url", `${server.url}/db/manifest.json`], {
      env: cache.env,
    });
    assert.equal(update.code, 0, update.stderr);
    assert.match(update.stdout, new RegExp(`-> ${NEWER_VERSION}`));
    const stored = `${cache.dir}/iam-policy-autopilot/knowledge.sqlite.gz`;
    assert.equal(await sha256Hex(await Deno.readFile(stored)), newer.manifest.database.sha256);
    const storedManifest = JSON.parse(
      await Deno.readTextFile(`${cache.dir}/iam-policy-autopilot/manifest.json`),
    );
    assert.equal(storedManifest.version, NEWER_VERSION);
    assert.deepEqual([...Deno.readDirSync(`${cache.dir}/iam-policy-autopilot`)].map((e) => e.name).sort(), [
      "knowledge.sqlite.gz",
      "manifest.json",
    ]); // no temporary files left

    const version = await runCli(["--version", "--verbose"], { env: cache.env });
    assert.equal(version.code, 0, version.stderr);
    assert.match(version.stdout, new RegExp(`knowledge database: ${NEWER_VERSION} \\(${stored}\\)`));

    const info = await runCli(["knowledge", "info", "--json"], { env: cache.env });
    assert.equal(JSON.parse(info.stdout).version, NEWER_VERSION);

    // An explicit database (flag or environment variable) still wins over the cache.
    const bundledPath = new URL("knowledge.sqlite.gz", DB_DIR).pathname;
    const explicit = await runCli(["--version", "--verbose", "--knowledge-db", bundledPath], {
      env: cache.env,
    });
    assert.match(explicit.stdout, new RegExp(`knowledge database: ${BUNDLED_MANIFEST.version} `));
    const fromEnv = await runCli(["--version", "--verbose"], {
      env: { ...cache.env, IAM_POLICY_AUTOPILOT_KNOWLEDGE_DB: bundledPath },
    });
    assert.match(fromEnv.stdout, new RegExp(`knowledge database: ${BUNDLED_MANIFEST.version} `));

    // A second update downloads only the manifest.
    const again = await runCli(["knowledge", "update", "--url", `${server.url}/db/manifest.json`], {
      env: cache.env,
    });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /is up to date/);
    assert.equal(server.hits["/db/knowledge.sqlite.gz"], 1);
  } finally {
    await server.close();
    await Deno.remove(cache.dir, { recursive: true });
  }
});

Deno.test("knowledge update: a sha256 mismatch stores nothing and exits 1", async () => {
  const manifest = {
    ...newer.manifest,
    database: { ...newer.manifest.database as object, sha256: "0".repeat(64) },
  };
  const server = serve({ "/manifest.json": JSON.stringify(manifest), "/knowledge.sqlite.gz": newer.gz });
  const cache = await tempCache();
  try {
    const run = await runCli(["knowledge", "update", "--url", `${server.url}/manifest.json`], {
      env: cache.env,
    });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^error: sha256 mismatch for http:\/\/127\.0\.0\.1:\d+\/knowledge\.sqlite\.gz/);
    assert.match(run.stderr, /Nothing was stored/);
    const entries = await Array.fromAsync(Deno.readDir(cache.dir));
    assert.deepEqual(entries, [], "the cache stays empty");
    const version = await runCli(["--version", "--verbose"], { env: cache.env });
    assert.match(version.stdout, new RegExp(`knowledge database: ${BUNDLED_MANIFEST.version} `));
  } finally {
    await server.close();
    await Deno.remove(cache.dir, { recursive: true });
  }
});

Deno.test("knowledge update: an unreachable server exits 1 with a clear message; the cache is kept", async () => {
  const server = serve({});
  const url = `${server.url}/manifest.json`;
  await server.close(); // nothing listens on this port any more
  const cache = await tempCache();
  try {
    await Deno.mkdir(`${cache.dir}/iam-policy-autopilot`);
    await Deno.writeFile(`${cache.dir}/iam-policy-autopilot/knowledge.sqlite.gz`, newer.gz);
    await Deno.writeTextFile(
      `${cache.dir}/iam-policy-autopilot/manifest.json`,
      JSON.stringify(newer.manifest),
    );
    const run = await runCli(["knowledge", "update", "--url", url], { env: cache.env });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /^error: Cannot fetch the knowledge manifest from http:\/\/127\.0\.0\.1:\d+\/manifest\.json/,
    );
    assert.equal(
      await sha256Hex(await Deno.readFile(`${cache.dir}/iam-policy-autopilot/knowledge.sqlite.gz`)),
      newer.manifest.database.sha256,
    );
  } finally {
    await Deno.remove(cache.dir, { recursive: true });
  }
});

Deno.test("knowledge update: HTTP 404, a bad manifest and a newer schema are refused", async () => {
  const server = serve({
    "/not-json.json": "<html>",
    "/schema2.json": JSON.stringify({ ...newer.manifest, schemaVersion: "2" }),
    "/short.json": JSON.stringify({
      ...newer.manifest,
      database: { ...newer.manifest.database as object, bytes: 5 },
    }),
    "/knowledge.sqlite.gz": newer.gz,
  });
  const cacheDir = await Deno.makeTempDir();
  try {
    const attempt = (path: string) =>
      updateKnowledgeDatabase({ manifestUrl: `${server.url}${path}`, cacheDir });
    await assert.rejects(
      attempt("/missing.json"),
      (e: Error) => e instanceof KnowledgeUpdateError && /HTTP 404/.test(e.message),
    );
    await assert.rejects(attempt("/not-json.json"), /is not JSON/);
    await assert.rejects(attempt("/schema2.json"), /schema version 2/);
    await assert.rejects(attempt("/short.json"), /the manifest says 5/);
    assert.deepEqual(await Array.fromAsync(Deno.readDir(cacheDir)), []);
  } finally {
    await server.close();
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("runtime: a cached database older than the shipped one is ignored", async () => {
  const older = await publishedDatabase(OLDER_VERSION);
  const cache = await tempCache();
  try {
    await Deno.mkdir(`${cache.dir}/iam-policy-autopilot`);
    await Deno.writeFile(`${cache.dir}/iam-policy-autopilot/knowledge.sqlite.gz`, older.gz);
    await Deno.writeTextFile(
      `${cache.dir}/iam-policy-autopilot/manifest.json`,
      JSON.stringify(older.manifest),
    );
    const version = await runCli(["--version", "--verbose"], { env: cache.env });
    assert.match(version.stdout, new RegExp(`knowledge database: ${BUNDLED_MANIFEST.version} `));
  } finally {
    await Deno.remove(cache.dir, { recursive: true });
  }
});
