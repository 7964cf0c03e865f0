import assert from "node:assert/strict";
import { CLI_PATH, runCli } from "../helpers/run_cli.ts";
import { startMoto } from "../helpers/moto.ts";
import { closeAwsSession, openAwsSession } from "../../lib/aws/mod.ts";

const implicit = (
  principal: string,
  action = "s3:GetObject",
  resource = "arn:aws:s3:::orders/a.csv",
): string =>
  `An error occurred (AccessDenied) when calling the GetObject operation: User: ${principal} is not authorized ` +
  `to perform: ${action} on resource: "${resource}" because no identity-based policy allows the ${action} action`;
const ROLE_SESSION = "arn:aws:sts::123456789012:assumed-role/cli-role/i-0abc";
const FIXTURES = new URL("../fixtures/access_denied/", import.meta.url).pathname;

Deno.test("help: the command is listed, and its help documents flags and exit codes", async () => {
  const main = await runCli(["--help"]);
  assert.match(main.stdout, /fix-access-denied \[TEXT\]/);
  const help = await runCli(["fix-access-denied", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--yes/);
  assert.match(help.stdout, /--dry-run/);
  assert.match(help.stdout, /--format text\|json/);
  assert.match(help.stdout, /Exit codes:\n {2}0 /);
  assert.match(help.stdout, /1 {2}an AWS call failed/);
});

Deno.test("no TTY and no --yes: plan printed, apply refused with exit 2 and a hint to rerun with --yes", async () => {
  const run = await runCli(["fix-access-denied", implicit(ROLE_SESSION)]);
  assert.equal(run.code, 2);
  assert.match(run.stdout, /Action: {4}s3:GetObject/);
  assert.match(run.stdout, /Denial: {4}ImplicitIdentity/);
  assert.match(run.stdout, /IamPolicyAutopilot-cli-role/);
  assert.match(run.stderr, /apply refused \(refused_non_tty\).*rerun with --yes/);
});

Deno.test("--dry-run: plan only, exit 0, no AWS calls", async () => {
  const run = await runCli(["fix-access-denied", "--dry-run", implicit(ROLE_SESSION)], {
    env: { AWS_ENDPOINT_URL: "http://127.0.0.1:9" },
  });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, "");
});

Deno.test("input from stdin and from --file; --format json", async () => {
  const stdin = await runCli(["fix-access-denied", "--dry-run", "--format", "json"], {
    stdin: implicit(ROLE_SESSION),
  });
  assert.equal(stdin.code, 0, stdin.stderr);
  const json = JSON.parse(stdin.stdout);
  assert.deepEqual(Object.keys(json), ["Plans", "KnowledgeBase"]);
  assert.match(json.KnowledgeBase.Version, /^\d{4}\.\d\d\.\d\d-[0-9a-f]{8}$/);
  assert.deepEqual(json.Plans[0].Principal, ROLE_SESSION);
  assert.equal(json.Plans[0].Fixable, true);
  assert.equal(json.Plans[0].Policy.Statement[0].Resource, "arn:aws:s3:::orders/a.csv");
  const file = await runCli([
    "fix-access-denied",
    "--dry-run",
    "--format",
    "json",
    "--file",
    `${FIXTURES}multi_denial_log.txt`,
  ]);
  assert.equal(file.code, 2, "three of the four denials cannot be fixed by this tool");
  assert.equal(JSON.parse(file.stdout).Plans.length, 4);
  assert.match(file.stderr, /3 of 4 denial\(s\) cannot be fixed/);
});

Deno.test("denials this tool cannot fix: exit 2 with the layer named", async () => {
  const base =
    `User: ${ROLE_SESSION} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k`;
  const resource = await runCli([
    "fix-access-denied",
    `${base} because no resource-based policy allows the s3:GetObject action`,
  ]);
  assert.equal(resource.code, 2);
  assert.match(resource.stdout, /ResourcePolicy/);
  assert.match(resource.stdout, /resource's owner must add/);
  const explicit = await runCli([
    "fix-access-denied",
    `${base} with an explicit deny in an identity-based policy`,
  ]);
  assert.equal(explicit.code, 2);
  assert.match(explicit.stdout, /ExplicitIdentity/);
  assert.match(explicit.stdout, /explicit deny always wins/);
  const scp = await runCli(["fix-access-denied", `${base} because of a service control policy`]);
  assert.equal(scp.code, 2);
  assert.match(scp.stdout, /ServiceControlPolicy/);
  assert.doesNotMatch(scp.stdout, /Proposed identity policy/);
});

Deno.test("no AccessDenied in the input, bad flags: exit 2", async () => {
  const none = await runCli(["fix-access-denied", "Random error message without AccessDenied pattern"]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /No AccessDenied found in provided text/);
  const format = await runCli(["fix-access-denied", "--format", "yaml", "x"]);
  assert.equal(format.code, 2);
  assert.match(format.stderr, /--format takes text or json/);
  const both = await runCli(["fix-access-denied", "--file", "x.txt", "text"]);
  assert.equal(both.code, 2);
  const missing = await runCli(["fix-access-denied", "--file", "/nonexistent/error.txt"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read --file/);
});

Deno.test({
  name: "--yes against moto_server: apply, duplicate, missing principal, account mismatch, no credentials",
  sanitizeOps: false,
  sanitizeResources: false,
}, async (t) => {
  const moto = await startMoto();
  try {
    const aws = await openAwsSession({ endpoint: moto.endpoint, region: "us-east-1" });
    await aws.iam.send(
      new aws.sdk.iam.CreateRoleCommand({ RoleName: "cli-role", AssumeRolePolicyDocument: "{}" }),
    );
    closeAwsSession(aws);

    await t.step("applied: exit 0, summary on stderr", async () => {
      const run = await runCli(["fix-access-denied", "--yes", implicit(ROLE_SESSION)], { env: moto.env });
      assert.equal(run.code, 0, run.stderr);
      assert.match(
        run.stderr,
        /Applied inline policy 'IamPolicyAutopilot-cli-role' on Role\/cli-role: added 1 statement/,
      );
    });
    await t.step("the same again: duplicate, exit 1", async () => {
      const run = await runCli(["fix-access-denied", "-y", implicit(ROLE_SESSION)], { env: moto.env });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /apply refused \(duplicate_statement\): duplicate statement detected/);
    });
    await t.step("role does not exist: NoSuchEntity, exit 1", async () => {
      const run = await runCli([
        "fix-access-denied",
        "--yes",
        implicit("arn:aws:iam::123456789012:role/missing-role"),
      ], { env: moto.env });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /failed with NoSuchEntity/);
    });
    await t.step("credentials of another account: exit 2", async () => {
      const run = await runCli([
        "fix-access-denied",
        "--yes",
        implicit("arn:aws:iam::210987654321:user/bob"),
      ], { env: moto.env });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /apply refused \(account_mismatch\)/);
    });
    await t.step("no credentials anywhere: CredentialsProviderError, exit 1", async () => {
      const run = await runCli(["fix-access-denied", "--yes", implicit(ROLE_SESSION)], {
        env: { ...moto.env, AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "" },
      });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /sts:GetCallerIdentity failed with CredentialsProviderError/);
      assert.match(run.stderr, /no AWS credentials found/);
    });
  } finally {
    await moto.stop();
  }
});

/** Runs the CLI inside a pseudo-terminal (util-linux `script`), typing `input`. */
async function runInTerminal(
  args: string[],
  input: string,
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  const command = [
    Deno.execPath(),
    "run",
    "-A",
    "--config",
    new URL("../../deno.json", import.meta.url).pathname,
    CLI_PATH,
    ...args,
  ]
    .map(quote).join(" ");
  const child = new Deno.Command("script", {
    args: ["-qec", command, "/dev/null"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...env },
  }).spawn();
  const writer = child.stdin.getWriter();
  // Type the answer once the prompt is up (the pty buffers it until the CLI reads).
  await writer.write(new TextEncoder().encode(input));
  await writer.close();
  const out = await child.output();
  return {
    code: out.code,
    output: new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr),
  };
}

const hasScript = (() => {
  try {
    return new Deno.Command("script", { args: ["--version"], stdout: "null", stderr: "null" }).outputSync()
      .success;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "on a terminal: the prompt asks before writing; 'n' changes nothing, 'y' applies",
  ignore: !hasScript,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  const moto = await startMoto();
  try {
    const aws = await openAwsSession({ endpoint: moto.endpoint, region: "us-east-1" });
    await aws.iam.send(new aws.sdk.iam.CreateUserCommand({ UserName: "tty-user" }));
    const text = implicit("arn:aws:iam::123456789012:user/tty-user");
    const declined = await runInTerminal(["fix-access-denied", text], "n\n", moto.env);
    assert.equal(declined.code, 0, declined.output);
    assert.match(declined.output, /Apply this fix now\? \[y\/N\]/);
    assert.match(declined.output, /apply refused \(aborted_by_user\)/);
    const list = () => aws.iam.send(new aws.sdk.iam.ListUserPoliciesCommand({ UserName: "tty-user" }));
    assert.deepEqual((await list()).PolicyNames, []);
    const accepted = await runInTerminal(["fix-access-denied", text], "y\n", moto.env);
    assert.equal(accepted.code, 0, accepted.output);
    assert.match(accepted.output, /Applied inline policy 'IamPolicyAutopilot-tty-user' on User\/tty-user/);
    assert.deepEqual((await list()).PolicyNames, ["IamPolicyAutopilot-tty-user"]);
    closeAwsSession(aws);
  } finally {
    await moto.stop();
  }
});
