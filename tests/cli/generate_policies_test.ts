/**
 * `generate-policies` as a user runs it: exit codes, error lines, skipped files, and every output flag.
 *
 * @module
 */
import assert from "node:assert/strict";
import { runCli } from "../helpers/run_cli.ts";

const PARITY = new URL("../fixtures/parity/", import.meta.url).pathname;
const EXAMPLE = `${PARITY}example.py`;
const APPS = new URL("../fixtures/apps/", import.meta.url).pathname;
const FIXED = ["--region", "us-east-1", "--account", "123456789012"];

interface Statement {
  Sid?: string;
  Action: string[];
  Resource: string[];
  Condition?: unknown;
}
const statementsOf = (stdout: string): Statement[] =>
  JSON.parse(stdout).Policies.flatMap((p: { Policy: { Statement: Statement[] } }) => p.Policy.Statement);
const actionsOf = (stdout: string) => [...new Set(statementsOf(stdout).flatMap((s) => s.Action))].sort();

/** One line on stderr, `error: ...`, no stack trace. */
function assertOneErrorLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0], /^error: /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(stderr, /\n\s+at /);
}

Deno.test("--help documents the exit codes 0/1/2/3 and the flags", async () => {
  const run = await runCli(["generate-policies", "--help"]);
  assert.equal(run.code, 0);
  for (
    const code of [
      "0  success",
      "1  error",
      "2  usage error",
      "3  finished, but some input files were skipped",
    ]
  ) {
    assert.ok(run.stdout.includes(code), code);
  }
  for (
    const flag of [
      "--region",
      "--account",
      "--service-hints",
      "--explain",
      "--resource-cutoff",
      "--minimize-policy-size",
      "--individual-policies",
      "--pretty",
      "--max-file-size",
    ]
  ) assert.ok(run.stdout.includes(flag), flag);
});

Deno.test("exit 0: a good file; stdout is the policy, stderr is empty", async () => {
  const run = await runCli(["generate-policies", EXAMPLE, ...FIXED]);
  assert.equal(run.code, 0);
  assert.equal(run.stderr, "");
  assert.ok(actionsOf(run.stdout).includes("s3:GetObject"));
});

Deno.test("exit 1: a corrupt knowledge database, one line", async () => {
  const bad = await Deno.makeTempFile({ suffix: ".sqlite" });
  await Deno.writeTextFile(bad, "not a database");
  try {
    const run = await runCli(["generate-policies", EXAMPLE, "--knowledge-db", bad]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, "");
    assertOneErrorLine(run.stderr, /Knowledge database/);
  } finally {
    await Deno.remove(bad);
  }
});

Deno.test("exit 2: a missing path is named on one line", async () => {
  const run = await runCli(["generate-policies", EXAMPLE, `${PARITY}no_such_file.py`]);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, "");
  assertOneErrorLine(run.stderr, /no_such_file\.py/);
});

Deno.test("exit 2: no paths, unknown flag, bad --resource-cutoff, bad --account", async () => {
  for (
    const [args, pattern] of [
      [[], /needs at least one file or directory/],
      [[EXAMPLE, "--frobnicate"], /Unknown option '--frobnicate'/],
      [[EXAMPLE, "--resource-cutoff=-1"], /--resource-cutoff takes a whole number/],
      [[EXAMPLE, "--resource-cutoff", "many"], /--resource-cutoff/],
      [[EXAMPLE, "--account", "12345"], /--account takes a 12-digit/],
    ] as [string[], RegExp][]
  ) {
    const run = await runCli(["generate-policies", ...args]);
    assert.equal(run.code, 2, args.join(" "));
    assertOneErrorLine(run.stderr, pattern);
  }
});

Deno.test("exit 2: unknown service hint says 'did you mean'", async () => {
  const run = await runCli(["generate-policies", EXAMPLE, "--service-hints", "s4"]);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, "");
  assert.match(run.stderr, /^error: /);
  assert.match(run.stderr, /s4 \(did you mean s3\?\)/);
  assert.equal(run.stderr.trimEnd().split("\n").length, 1, "one line");
  assert.doesNotMatch(run.stderr, /\n\s+at /);
});

Deno.test("exit 2: a region no partition matches is one line; a near-miss region is a warning", async () => {
  const mars = await runCli(["generate-policies", EXAMPLE, "--region", "mars-north-1"]);
  assert.equal(mars.code, 2);
  assert.equal(mars.stdout, "");
  assertOneErrorLine(mars.stderr, /Unknown region 'mars-north-1'/);
  const typo = await runCli(["generate-policies", EXAMPLE, "--region", "us-est-1"]);
  assert.equal(typo.code, 0);
  assert.match(typo.stderr, /^warning: region 'us-est-1' .*did you mean us-east-1\?/);
  const gov = await runCli(["generate-policies", EXAMPLE, "--region", "us-gov-west-1"]);
  assert.equal(gov.code, 0);
  assert.equal(gov.stderr, "");
  assert.match(gov.stdout, /arn:aws-us-gov:/);
  const china = await runCli(["generate-policies", EXAMPLE, "--region", "cn-north-1"]);
  assert.match(china.stdout, /arn:aws-cn:/);
});

Deno.test("exit 3: binary, latin-1 and syntax-error files are named with their reason; the good files' policy is printed", async () => {
  const dir = await Deno.makeTempDir({ prefix: "gp_skipped_" });
  try {
    await Deno.copyFile(EXAMPLE, `${dir}/good.py`);
    await Deno.writeTextFile(
      `${dir}/queue.py`,
      'import boto3\nsqs = boto3.client("sqs")\nsqs.send_message(QueueUrl="https://q", MessageBody="x")\n',
    );
    await Deno.writeFile(`${dir}/blob.py`, new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 0, 9]));
    await Deno.writeFile(
      `${dir}/latin1.py`,
      new Uint8Array([
        ...new TextEncoder().encode("# caf"),
        0xe9,
        ...new TextEncoder().encode("\nimport boto3\n"),
      ]),
    );
    await Deno.writeTextFile(`${dir}/broken.py`, "import boto3\ndef broken(:\n    pass\n");
    const run = await runCli(["generate-policies", dir, ...FIXED]);
    assert.equal(run.code, 3, run.stderr);
    const actions = actionsOf(run.stdout);
    for (const a of ["s3:GetObject", "dynamodb:GetItem", "sqs:SendMessage"]) {
      assert.ok(actions.includes(a), a);
    }
    const lines = run.stderr.trimEnd().split("\n");
    assert.match(lines.find((l) => l.includes("blob.py"))!, /binary/);
    assert.match(lines.find((l) => l.includes("latin1.py"))!, /UTF-8/);
    assert.match(lines.find((l) => l.includes("broken.py"))!, /syntax error: line 2/);
    assert.ok(!run.stderr.includes("good.py") && !run.stderr.includes("queue.py"));
    assert.match(lines.at(-1)!, /3 file\(s\) skipped/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
    // Same policy as for the good files alone.
    const good = await runCli(["generate-policies", `${dir}/good.py`, `${dir}/queue.py`, ...FIXED]);
    assert.equal(good.code, 0);
    assert.equal(run.stdout, good.stdout);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--max-file-size: a larger file is skipped with exit 3 and named with the flag to raise; a larger limit analyses it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "gp_max_size_" });
  try {
    const text =
      'import boto3\nsqs = boto3.client("sqs")\nsqs.send_message(QueueUrl="https://q", MessageBody="x")\n';
    await Deno.writeTextFile(`${dir}/queue.py`, text + `# ${"padding ".repeat(200)}\n`); // ~1.7 KB
    const small = await runCli(["generate-policies", dir, "--max-file-size", "1K", ...FIXED]);
    assert.equal(small.code, 3, small.stderr);
    assert.match(small.stderr, /queue\.py: too large: File is \d+ bytes, over the limit of 1024 bytes/);
    assert.match(small.stderr, /--max-file-size/);
    assert.deepEqual(statementsOf(small.stdout), []);
    for (const size of ["2k", "1900", "0.5M"]) {
      const large = await runCli(["generate-policies", dir, "--max-file-size", size, ...FIXED]);
      assert.equal(large.code, 0, `${size}: ${large.stderr}`);
      assert.ok(actionsOf(large.stdout).includes("sqs:SendMessage"), `${size}: ${large.stdout}`);
    }
    const bad = await runCli(["generate-policies", dir, "--max-file-size", "lots"]);
    assert.equal(bad.code, 2);
    assertOneErrorLine(bad.stderr, /--max-file-size takes a size in bytes.*\(got 'lots'\)/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--explain: call sites as file:line.column ranges and the knowledge source of each action", async () => {
  const run = await runCli(["generate-policies", "example.py", ...FIXED, "--explain", "s3:*"], {
    cwd: PARITY,
  });
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  const explained = out.Explanations.ExplanationForAction;
  assert.deepEqual(Object.keys(explained).sort(), ["s3:GetObject", "s3:ListAllMyBuckets", "s3:PutObject"]);
  const [reason] = explained["s3:GetObject"];
  assert.deepEqual(reason.Operations[0].Service, "s3");
  assert.deepEqual(reason.Operations[0].Name, "GetObject");
  assert.match(reason.Operations[0].Source.Expr, /^s3\.get_object\(/);
  assert.equal(reason.Operations[0].Source.Location, "example.py:9.16-9.81");
  assert.equal(typeof reason.KnowledgeSource.Source, "string");
  // FAS additions say so, with the upstream documentation note.
  const kms = await runCli(["generate-policies", "example.py", ...FIXED, "--explain", "kms:*"], {
    cwd: PARITY,
  });
  const kmsOut = JSON.parse(kms.stdout);
  const decrypt = kmsOut.Explanations.ExplanationForAction["kms:Decrypt"];
  assert.ok(
    decrypt.some((r: { Operations: { Source: unknown }[] }) => r.Operations.some((o) => o.Source === "FAS")),
  );
  assert.match(kmsOut.Explanations.Documentation[0], /Forward Access Sessions/);
  // Several patterns; no match → no Explanations key; key order as upstream.
  const none = await runCli(["generate-policies", EXAMPLE, ...FIXED, "--explain", "ec2:*"]);
  assert.equal(JSON.parse(none.stdout).Explanations, undefined);
  const two = await runCli(["generate-policies", EXAMPLE, ...FIXED, "--explain", "s3:Put*", "dynamodb:*"]);
  const twoOut = JSON.parse(two.stdout);
  assert.deepEqual(Object.keys(twoOut.Explanations.ExplanationForAction).sort(), [
    "dynamodb:GetItem",
    "s3:PutObject",
  ]);
  assert.deepEqual(Object.keys(twoOut), ["Policies", "Explanations", "Warnings", "KnowledgeBase"]);
});

Deno.test("--individual-policies: one policy per call and service, statements with deterministic Sids", async () => {
  const run = await runCli(["generate-policies", EXAMPLE, ...FIXED, "--individual-policies"]);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.ok(out.Policies.length >= 4, `${out.Policies.length}`);
  const sids = out.Policies.flatMap((p: { Policy: { Statement: Statement[] } }) =>
    p.Policy.Statement.map((s) => s.Sid)
  );
  for (const sid of sids) assert.match(sid, /^Allow[A-Za-z0-9]+$/);
  for (const p of out.Policies) {
    const own = p.Policy.Statement.map((s: Statement) => s.Sid);
    assert.equal(new Set(own).size, own.length, "Sids unique within a policy");
    for (const s of p.Policy.Statement) assert.equal(s.Action.length, 1);
  }
  assert.ok(sids.includes("AllowS3GetObject"));
  const again = await runCli(["generate-policies", EXAMPLE, ...FIXED, "--individual-policies"]);
  assert.equal(again.stdout, run.stdout);
  // Merged output has no Sids.
  const merged = await runCli(["generate-policies", EXAMPLE, ...FIXED]);
  assert.ok(statementsOf(merged.stdout).every((s) => s.Sid === undefined));
});

Deno.test("--minimize-policy-size: never more statements, same (action, resource) grants", async () => {
  const app = `${APPS}gp_flask_documents`;
  const normal = await runCli(["generate-policies", app, ...FIXED, "--resource-cutoff", "0"]);
  const minimized = await runCli([
    "generate-policies",
    app,
    ...FIXED,
    "--resource-cutoff",
    "0",
    "--minimize-policy-size",
  ]);
  assert.equal(minimized.code, 0, minimized.stderr);
  const pairs = (stdout: string) =>
    statementsOf(stdout).flatMap((s) =>
      s.Action.flatMap((a) => s.Resource.map((r) => `${a} ${r} ${JSON.stringify(s.Condition ?? {})}`))
    ).sort();
  assert.deepEqual(pairs(minimized.stdout), pairs(normal.stdout));
  assert.ok(statementsOf(minimized.stdout).length < statementsOf(normal.stdout).length);
  const services = statementsOf(minimized.stdout).map((s) =>
    new Set(s.Action.map((a) => a.split(":")[0])).size
  );
  assert.ok(services.some((n) => n > 1), "statements of different services merged");
});

Deno.test("--resource-cutoff 0: every statement with resources becomes Resource * (and a warning)", async () => {
  const run = await runCli(["generate-policies", EXAMPLE, ...FIXED, "--resource-cutoff", "0"]);
  assert.equal(run.code, 0, run.stderr);
  const statements = statementsOf(run.stdout);
  for (const s of statements) assert.deepEqual(s.Resource, ["*"]);
  assert.equal(JSON.parse(run.stdout).Warnings.length, statements.length);
  const defaultCutoff = await runCli(["generate-policies", EXAMPLE, ...FIXED]);
  assert.ok(statementsOf(defaultCutoff.stdout).some((s) => s.Resource[0] !== "*"));
});

Deno.test("--service-hints s3 dynamodb: space-separated, before or after the paths, or comma-separated", async () => {
  const app = `${APPS}gp_flask_documents`;
  const after = await runCli(["generate-policies", app, ...FIXED, "--service-hints", "s3", "dynamodb"]);
  assert.equal(after.code, 0, after.stderr);
  const before = await runCli(["generate-policies", "--service-hints", "s3", "dynamodb", app, ...FIXED]);
  const comma = await runCli(["generate-policies", app, "--service-hints", "s3,dynamodb", ...FIXED]);
  const repeated = await runCli([
    "generate-policies",
    app,
    "--service-hints",
    "dynamodb",
    "--service-hints",
    "s3",
    ...FIXED,
  ]);
  assert.equal(before.stdout, after.stdout);
  assert.equal(comma.stdout, after.stdout);
  assert.equal(repeated.stdout, after.stdout);
  const prefixes = new Set(actionsOf(after.stdout).map((a) => a.split(":")[0]));
  // Hints keep the calls to s3 and dynamodb; their FAS additions (kms) stay.
  assert.deepEqual([...prefixes].sort(), ["dynamodb", "kms", "s3"]);
  const all = await runCli(["generate-policies", app, ...FIXED]);
  assert.ok(actionsOf(all.stdout).includes("sqs:SendMessage"));
});

Deno.test("--pretty: 2-space indented with a trailing newline; compact otherwise, same JSON", async () => {
  const compact = await runCli(["generate-policies", EXAMPLE, ...FIXED]);
  const pretty = await runCli(["generate-policies", EXAMPLE, ...FIXED, "--pretty"]);
  const short = await runCli(["generate-policies", EXAMPLE, ...FIXED, "-p"]);
  assert.ok(!compact.stdout.endsWith("\n"));
  assert.ok(!compact.stdout.includes("\n"));
  assert.ok(pretty.stdout.endsWith("}\n"));
  assert.ok(pretty.stdout.startsWith('{\n  "Policies": [\n'));
  assert.equal(short.stdout, pretty.stdout);
  assert.deepEqual(JSON.parse(pretty.stdout), JSON.parse(compact.stdout));
  assert.equal(JSON.stringify(JSON.parse(pretty.stdout), null, 2) + "\n", pretty.stdout);
});
