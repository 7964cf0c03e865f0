import assert from "node:assert/strict";
import { runCli } from "../helpers/run_cli.ts";
import { startMoto } from "../helpers/moto.ts";

const APP = `import boto3

s3 = boto3.client("s3")


def handler(event, context):
    return s3.get_object(Bucket="orders", Key=event["key"])["Body"].read()
`;

Deno.test("--upload-policies: bad prefix and --individual-policies are usage errors (exit 2)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/app.py`, APP);
    const bad = await runCli(["generate-policies", `${dir}/app.py`, "--upload-policies", "bad/prefix"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid --upload-policies prefix 'bad\/prefix'/);
    const individual = await runCli([
      "generate-policies",
      `${dir}/app.py`,
      "--individual-policies",
      "--upload-policies",
    ]);
    assert.equal(individual.code, 2);
    assert.match(individual.stderr, /cannot be combined with --individual-policies/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test(
  { name: "--upload-policies against moto_server", sanitizeOps: false, sanitizeResources: false },
  async (t) => {
    const moto = await startMoto();
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeTextFile(`${dir}/app.py`, APP);
      const args = [
        "generate-policies",
        `${dir}/app.py`,
        "--region",
        "us-east-1",
        "--account",
        "123456789012",
      ];

      await t.step(
        "custom prefix: CreatePolicy PREFIX_1, UploadResult in the JSON, summary on stderr",
        async () => {
          const run = await runCli([...args, "--upload-policies", "OrdersApp"], { env: moto.env });
          assert.equal(run.code, 0, run.stderr);
          const out = JSON.parse(run.stdout);
          assert.deepEqual(out.UploadResult.Failed, []);
          assert.equal(out.UploadResult.Successful.length, out.Policies.length);
          assert.deepEqual(out.UploadResult.Successful[0].PolicyName, "OrdersApp_1");
          assert.equal(
            out.UploadResult.Successful[0].PolicyArn,
            "arn:aws:iam::123456789012:policy/OrdersApp_1",
          );
          const keys = Object.keys(out);
          assert.ok(keys.indexOf("UploadResult") > keys.indexOf("Policies"));
          assert.match(
            run.stderr,
            /Created 1 customer managed policy:\n {2}created OrdersApp_1 \(arn:aws:iam::123456789012:policy\/OrdersApp_1\)/,
          );
        },
      );
      await t.step("run again: a new name, the first policy is never overwritten", async () => {
        const run = await runCli([...args, "--upload-policies=OrdersApp"], { env: moto.env });
        assert.equal(run.code, 0, run.stderr);
        assert.equal(JSON.parse(run.stdout).UploadResult.Successful[0].PolicyName, "OrdersApp_2");
      });
      await t.step("bare flag: the default prefix", async () => {
        const run = await runCli([...args, "--upload-policies"], { env: moto.env });
        assert.equal(run.code, 0, run.stderr);
        assert.equal(
          JSON.parse(run.stdout).UploadResult.Successful[0].PolicyName,
          "IamPolicyAutopilotGeneratedPolicy_1",
        );
      });
      await t.step("endpoint down: the AWS error is reported, exit 1", async () => {
        const run = await runCli([...args, "--upload-policies"], {
          env: { AWS_ENDPOINT_URL: "http://127.0.0.1:9", AWS_MAX_ATTEMPTS: "1" },
        });
        assert.equal(run.code, 1);
        assert.match(run.stderr, /iam:ListPolicies failed with NetworkError/);
      });
    } finally {
      await moto.stop();
      await Deno.remove(dir, { recursive: true });
    }
  },
);
