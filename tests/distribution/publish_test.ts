/**
 * What `deno publish` would upload is enough to run the tool: copy exactly the files of
 * `deno publish --dry-run`'s list to an empty directory and run the CLI from there.
 */
import assert from "node:assert/strict";
import { writeKnowledgeModule } from "../../bundle/knowledge_module.ts";
import { currentDenoDir } from "../helpers/run_cli.ts";

const ROOT = new URL("../../", import.meta.url);

async function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

Deno.test("publish --dry-run passes (no slow types) and its files alone run the CLI", async () => {
  await writeKnowledgeModule(new URL("db", ROOT).pathname); // git-ignored, generated before publishing
  const dry = await run(["publish", "--dry-run", "--allow-dirty"], ROOT.pathname);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stderr, /Checking for slow types in the public API/);
  assert.doesNotMatch(dry.stderr, /warning\[|error\[/);
  assert.match(dry.stderr, /Success Dry run complete/);
  const files = [...dry.stderr.matchAll(/^\s+(file:\/\/\S+) \(/gm)].map((m) =>
    decodeURIComponent(new URL(m[1]).pathname)
  )
    .map((path) => path.slice(ROOT.pathname.length));
  for (const expected of ["mod.ts", "cli.ts", "deno.json", "db/knowledge.json", "db/manifest.json"]) {
    assert.ok(files.includes(expected), `${expected} is published`);
  }
  // The database is published once, as the JSON module (JSR: at most 20 MB per file and per package).
  assert.ok(!files.includes("db/knowledge.sqlite.gz"), "db/knowledge.sqlite.gz is not published");
  const total = files.reduce((sum, file) => sum + Deno.statSync(new URL(file, ROOT)).size, 0);
  assert.ok(total < 20e6, `the package (${(total / 1e6).toFixed(1)} MB) stays under JSR's 20 MB limit`);
  for (const prefix of ["bundle/", "tests/", "pipeline/", ".github/", "dist/", "node_modules/"]) {
    assert.deepEqual(files.filter((f) => f.startsWith(prefix)), [], `nothing under ${prefix} is published`);
  }

  const copy = await Deno.makeTempDir({ prefix: "iam-pa-published-" });
  const work = await Deno.makeTempDir({ prefix: "iam-pa-sample-" });
  const cache = await Deno.makeTempDir({ prefix: "iam-pa-xdg-" });
  try {
    for (const file of files) {
      const target = `${copy}/${file}`;
      await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
      await Deno.copyFile(new URL(file, ROOT), target);
    }
    await Deno.writeTextFile(
      `${work}/app.py`,
      'import boto3\n\ns3 = boto3.client("s3")\ns3.get_object(Bucket="reports", Key="daily.csv")\n' +
        'boto3.client("sqs").send_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/1/q", MessageBody="x")\n',
    );
    const env = { XDG_CACHE_HOME: cache, DENO_DIR: await currentDenoDir() };
    const manifest = JSON.parse(await Deno.readTextFile(`${copy}/db/manifest.json`));

    const version = await run(["run", "-A", `${copy}/cli.ts`, "--version", "--verbose"], work, env);
    assert.equal(version.code, 0, version.stderr);
    assert.match(
      version.stdout,
      new RegExp(`knowledge database: ${manifest.version} \\(${copy}/db/knowledge\\.json\\)`),
    );

    const policies = await run(["run", "-A", `${copy}/cli.ts`, "generate-policies", "app.py"], work, env);
    assert.equal(policies.code, 0, policies.stderr);
    const output = JSON.parse(policies.stdout);
    assert.equal(output.KnowledgeBase.Version, manifest.version);
    const actions = output.Policies.flatMap((p: { Policy: { Statement: { Action: string[] }[] } }) =>
      p.Policy.Statement.flatMap((s) => s.Action)
    );
    assert.ok(actions.includes("s3:GetObject"), actions.join(" "));
    assert.ok(actions.includes("sqs:SendMessage"), actions.join(" "));
  } finally {
    for (const dir of [copy, work, cache]) await Deno.remove(dir, { recursive: true });
  }
});
