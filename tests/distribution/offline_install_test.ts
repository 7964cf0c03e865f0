/**
 * The published package works offline once installed ("the database ships inside"). Without jsr.io, a local
 * HTTP server on 127.0.0.1 plays the registry: it serves exactly the files `deno publish --dry-run` lists,
 * with bare specifiers unfurled to `npm:` ones as `deno publish` does (npm packages still come from npm).
 * With an empty DENO_DIR:
 *
 * - `deno run -A <server>/mod.ts --version --verbose` once online; then, with the server stopped and every
 *   other network access failing (HTTP(S)_PROXY pointing at a closed port), `--version`, `knowledge` and
 *   `generate-policies` (one file, and a project big enough for the worker pool) still work from the cache;
 * - `deno install -g -A --root <tmp> -n iap <server>/mod.ts`, then the same offline, through `<tmp>/bin/iap`.
 *
 * The shipped database must come from the module graph (`db/knowledge.json`), never from a fetch, and the
 * grammars and sql.js's WebAssembly from Deno's npm cache.
 */
import assert from "node:assert/strict";
import { writeKnowledgeModule } from "../../bundle/knowledge_module.ts";
import { deno, publishedFiles, type Run, servePublishedFiles } from "./jsr_simulation.ts";

const ROOT = new URL("../../", import.meta.url);
/** Any network access fails: nothing listens on port 9 (discard), and the proxy covers npm and https. */
const OFFLINE = { HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9", NO_PROXY: "" };

async function sampleProject(dir: string): Promise<void> {
  await Deno.writeTextFile(
    `${dir}/app.py`,
    'import boto3\n\ns3 = boto3.client("s3")\ns3.get_object(Bucket="reports", Key="daily.csv")\n' +
      'boto3.client("sqs").send_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/1/q", MessageBody="x")\n',
  );
  // Enough files and bytes that analyze_files.ts uses its worker pool.
  await Deno.mkdir(`${dir}/big/handlers`, { recursive: true });
  for (let i = 0; i < 40; i++) {
    await Deno.writeTextFile(
      `${dir}/big/handlers/h${i}.py`,
      `import boto3\n\ndynamodb = boto3.client("dynamodb")\n\n\ndef handler_${i}(event, context):\n` +
        `    return dynamodb.get_item(TableName="orders-${i % 3}", Key={"id": {"S": event["id"]}})\n`,
    );
  }
}

function actionsOf(run: Run): string[] {
  const output = JSON.parse(run.stdout);
  return output.Policies.flatMap((p: { Policy: { Statement: { Action: string[] }[] } }) =>
    p.Policy.Statement.flatMap((s) => s.Action)
  );
}

function assertOk(run: Run, what: string): void {
  assert.equal(run.code, 0, `${what} failed (exit ${run.code}):\n${run.stderr}\n${run.stdout}`);
}

/** The offline checks shared by the `deno run` and `deno install` cases. */
async function assertWorksOffline(
  command: (args: string[]) => Promise<Run>,
  moduleUrl: string,
  version: string,
): Promise<Record<string, number>> {
  const times: Record<string, number> = {};
  const info = await command(["--version", "--verbose"]);
  assertOk(info, "--version --verbose (offline)");
  assert.ok(
    info.stdout.includes(`knowledge database: ${version} (${moduleUrl})`),
    `the shipped JSON module is the database:\n${info.stdout}`,
  );
  times.version = info.ms;

  const operation = await command(["knowledge", "operation", "s3", "ListObjectsV2", "--json"]);
  assertOk(operation, "knowledge operation (offline)");
  assert.deepEqual(JSON.parse(operation.stdout).actions.map((a: { action: string }) => a.action), [
    "s3:ListBucket",
  ]);

  const one = await command(["generate-policies", "app.py"]);
  assertOk(one, "generate-policies app.py (offline)");
  assert.equal(JSON.parse(one.stdout).KnowledgeBase.Version, version);
  for (const action of ["s3:GetObject", "sqs:SendMessage"]) {
    assert.ok(actionsOf(one).includes(action), `${action} in ${actionsOf(one)}`);
  }
  assert.doesNotMatch(one.stderr, /skipped/, "every file was parsed (grammars load offline)");
  times.generateOne = one.ms;

  const big = await command(["generate-policies", "big"]);
  assertOk(
    big,
    "generate-policies on 40 files (offline, worker pool; lib/api/analysis_worker.ts must be in the module " +
      'graph: a never-called `import("./analysis_worker.ts")` next to `new Worker` in analyze_files.ts)',
  );
  assert.ok(actionsOf(big).includes("dynamodb:GetItem"), actionsOf(big).join(" "));
  assert.doesNotMatch(big.stderr, /skipped/);
  times.generateBig = big.ms;
  return times;
}

Deno.test("published package: deno run and deno install work offline from Deno's cache", async (t) => {
  await writeKnowledgeModule(new URL("db", ROOT).pathname);
  const { files } = await publishedFiles();
  assert.ok(files.includes("db/knowledge.json"), "the database module is published");
  assert.ok(!files.includes("db/knowledge.sqlite.gz"), "the database is published once (as the module)");
  const manifest = JSON.parse(await Deno.readTextFile(new URL("db/manifest.json", ROOT)));
  const module = JSON.parse(await Deno.readTextFile(new URL("db/knowledge.json", ROOT)));
  assert.equal(module.version, manifest.version, "db/knowledge.json matches db/manifest.json");
  assert.equal(module.sha256, manifest.database.sha256);

  const work = await Deno.makeTempDir({ prefix: "iam-pa-offline-" });
  await sampleProject(work);
  const temps = [work];
  const tempDir = async (prefix: string) => {
    const dir = await Deno.makeTempDir({ prefix });
    temps.push(dir);
    return dir;
  };
  try {
    await t.step("deno run <registry>/mod.ts: online once, then offline", async () => {
      const env = {
        DENO_DIR: await tempDir("iam-pa-deno-dir-"),
        XDG_CACHE_HOME: await tempDir("iam-pa-xdg-"),
      };
      const server = await servePublishedFiles(files);
      const entry = `${server.url}mod.ts`;
      let online: Run;
      try {
        online = await deno(["run", "-A", "--no-config", entry, "--version", "--verbose"], {
          cwd: work,
          env,
        });
      } finally {
        await server.close();
      }
      assertOk(online, "--version --verbose (online, empty DENO_DIR)");
      assert.ok(server.requests.includes("/db/knowledge.json"), "the module was loaded through the graph");
      assert.ok(!server.requests.includes("/db/knowledge.sqlite.gz"));
      const served = server.requests.length;

      const times = await assertWorksOffline(
        (args) =>
          deno(["run", "-A", "--no-config", entry, ...args], { cwd: work, env: { ...env, ...OFFLINE } }),
        `${server.url}db/knowledge.json`,
        manifest.version,
      );
      assert.equal(server.requests.length, served, "nothing was requested from the stopped registry");
      console.log(
        `deno run: first (online, empty cache) ${online.ms.toFixed(0)} ms; offline --version ${
          times.version.toFixed(0)
        } ms, generate-policies 1 file ${times.generateOne.toFixed(0)} ms, 41 files ${
          times.generateBig.toFixed(0)
        } ms`,
      );
    });

    await t.step("deno install -g <registry>/mod.ts, then offline", async () => {
      const env = {
        DENO_DIR: await tempDir("iam-pa-deno-dir-"),
        XDG_CACHE_HOME: await tempDir("iam-pa-xdg-"),
      };
      const root = await tempDir("iam-pa-install-root-");
      const server = await servePublishedFiles(files);
      let install: Run;
      try {
        install = await deno(
          ["install", "-g", "-A", "--root", root, "-n", "iap", `${server.url}mod.ts`],
          { cwd: work, env },
        );
      } finally {
        await server.close();
      }
      assertOk(install, "deno install -g");
      const served = server.requests.length;
      const bin = `${root}/bin/iap${Deno.build.os === "windows" ? ".cmd" : ""}`;
      const times = await assertWorksOffline(
        async (args) => {
          const started = performance.now();
          const out = await new Deno.Command(bin, {
            args,
            cwd: work,
            env: { NO_COLOR: "1", ...env, ...OFFLINE },
            stdout: "piped",
            stderr: "piped",
          }).output();
          return {
            code: out.code,
            stdout: new TextDecoder().decode(out.stdout),
            stderr: new TextDecoder().decode(out.stderr),
            ms: performance.now() - started,
          };
        },
        `${server.url}db/knowledge.json`,
        manifest.version,
      );
      assert.equal(server.requests.length, served, "nothing was requested from the stopped registry");
      console.log(
        `deno install: ${install.ms.toFixed(0)} ms; offline iap --version ${times.version.toFixed(0)} ms, ` +
          `generate-policies 1 file ${times.generateOne.toFixed(0)} ms, 41 files ${
            times.generateBig.toFixed(0)
          } ms`,
      );
    });
  } finally {
    for (const dir of temps) await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
