import assert from "node:assert/strict";
import { runCli } from "../helpers/run_cli.ts";
import { VERSION } from "../../lib/version.ts";

Deno.test("--help lists the commands and documents the exit codes", async () => {
  const run = await runCli(["--help"]);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /^iam-policy-autopilot \d+\.\d+\.\d+\n/);
  assert.match(run.stdout, /knowledge info/);
  assert.match(run.stdout, /knowledge operation <service> <op>/);
  assert.match(run.stdout, /Exit codes:\n\s+0\s+success\n\s+1\s+error/);
  assert.match(run.stdout, /3\s+finished, but some input files were skipped/);
  assert.equal(run.stderr, "");
});

Deno.test("no command prints help and exits with the usage code", async () => {
  const run = await runCli([]);
  assert.equal(run.code, 2);
  assert.match(run.stdout, /Usage: iam-policy-autopilot <command>/);
});

Deno.test("knowledge --help explains both subcommands", async () => {
  const run = await runCli(["knowledge", "--help"]);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /--language python s3 list_objects_v2/);
});

Deno.test("--version prints the version; --verbose adds the knowledge database and its sources", async () => {
  const plain = await runCli(["--version"]);
  assert.equal(plain.code, 0);
  assert.equal(plain.stdout, `iam-policy-autopilot ${VERSION}\n`);
  const verbose = await runCli(["--version", "--verbose"]);
  assert.equal(verbose.code, 0, verbose.stderr);
  assert.match(verbose.stdout, /knowledge database: \d{4}\.\d\d\.\d\d-[0-9a-f]{8} \(/);
  assert.match(verbose.stdout, /\n {2}botocore: [0-9a-f]{12} \(2026-08-07\)\n/);
  assert.match(verbose.stdout, /\n {2}iam-data: 0\.21\.\d+\n/);
});

Deno.test("lib/version.ts matches deno.json", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("../../deno.json", import.meta.url)));
  assert.equal(config.version, VERSION);
});

Deno.test("unknown command and unknown flag are usage errors on one line", async () => {
  const command = await runCli(["frobnicate"]);
  assert.equal(command.code, 2);
  assert.equal(
    command.stderr,
    "error: Unknown command 'frobnicate'. Run 'iam-policy-autopilot --help' to see the commands.\n",
  );
  const flag = await runCli(["knowledge", "info", "--bogus"]);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /^error: Unknown option '--bogus'/);
  assert.doesNotMatch(flag.stderr, /at \w+ \(/); // no stack trace
});

Deno.test("mcp-server: --help names --bind-address; unknown flags and a remote bind without --allow-remote fail", async () => {
  const help = await runCli(["mcp-server", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--bind-address/);
  const unknown = await runCli(["mcp-server", "--unknown-flag"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^error: .*--unknown-flag/);
  const remote = await runCli([
    "mcp-server",
    "--transport",
    "http",
    "--port",
    "0",
    "--bind-address",
    "192.0.2.1",
  ]);
  assert.equal(remote.code, 2);
  assert.match(remote.stderr, /--allow-remote/);
});
