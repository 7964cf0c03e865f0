/**
 * A file calling 200 different operations (chosen from the knowledge database: 20 boto3 client methods in each
 * of 10 services, with every required member passed) must give several policies, each within IAM's managed
 * policy limit of 6,144 non-whitespace characters; the same run twice gives the same bytes; the order of the
 * input paths does not change the output.
 *
 * @module
 */
import assert from "node:assert/strict";
import { KnowledgeBase } from "../../lib/knowledge/mod.ts";
import { runCli } from "../helpers/run_cli.ts";

const SERVICES = ["dynamodb", "ec2", "iam", "lambda", "logs", "rds", "s3", "secretsmanager", "sns", "sqs"];
const PER_SERVICE = 20;
const LIMIT = 6144;
const PYTHON_KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield"
    .split(" "),
);
const FIXED = ["--region", "us-east-1", "--account", "123456789012"];

interface Chosen {
  service: string;
  method: string;
  required: string[];
  actions: string[];
}

/** 200 operations with distinct boto3 names, each needing at least one action, none permissionless. */
async function chooseOperations(): Promise<Chosen[]> {
  const kb = await KnowledgeBase.open();
  try {
    const names = new Set<string>();
    const chosen: Chosen[] = [];
    for (const service of SERVICES) {
      let taken = 0;
      for (const op of kb.operationsOf(service)) {
        if (taken === PER_SERVICE) break;
        if (op.deprecated || names.has(op.pythonName)) continue;
        if (kb.permissionlessSource(service, op.operation) !== undefined) continue;
        const actions = kb.operationActions(service, op.operation).map((a) =>
          kb.iamAction(a.action)?.action ?? a.action
        );
        if (actions.length === 0) continue;
        const required = kb.operationMembers(service, op.operation).filter((m) => m.required).map((m) =>
          m.member
        );
        // boto3 takes members as keywords; a member named like a Python keyword (`from`) needs **{...}: skip.
        if (required.some((m) => PYTHON_KEYWORDS.has(m))) continue;
        names.add(op.pythonName);
        chosen.push({ service, method: op.pythonName, required, actions: [...new Set(actions)] });
        taken++;
      }
    }
    return chosen;
  } finally {
    kb.close();
  }
}

function callText(op: Chosen, i: number): string {
  // Distinct literal values give distinct ARNs, so statements do not merge away and the policy is large.
  const args = op.required.map((m) => `${m}="${op.service}-${i}-${m.toLowerCase()}"`).join(", ");
  return `    c_${op.service.replaceAll("-", "_")}.${op.method}(${args})\n`;
}

function moduleText(ops: Chosen[], offset = 0): string {
  const services = [...new Set(ops.map((o) => o.service))];
  return [
    "import boto3\n\n",
    ...services.map((s) => `c_${s.replaceAll("-", "_")} = boto3.client("${s}")\n`),
    "\n\ndef run():\n",
    ...ops.map((op, i) => callText(op, offset + i)),
  ].join("");
}

const ops = await chooseOperations();
const dir = await Deno.makeTempDir({ prefix: "gp_200_ops_" });
const single = `${dir}/two_hundred.py`;
await Deno.writeTextFile(single, moduleText(ops));
const split = `${dir}/split`;
await Deno.mkdir(split);
const splitFiles: string[] = [];
for (const [i, service] of SERVICES.entries()) {
  const file = `${split}/${service}_calls.py`;
  await Deno.writeTextFile(file, moduleText(ops.filter((o) => o.service === service), i * PER_SERVICE));
  splitFiles.push(file);
}

const nonWhitespace = (value: unknown) => JSON.stringify(value).replace(/\s/g, "").length;

Deno.test({
  name: "200 operations: several policies, each ≤ 6144 non-whitespace characters, every action present",
  async fn() {
    assert.equal(ops.length, 200);
    assert.equal(new Set(ops.map((o) => o.method)).size, 200);
    const extracted = await runCli(["extract-sdk-calls", single]);
    assert.equal(extracted.code, 0, extracted.stderr);
    assert.equal(JSON.parse(extracted.stdout).length, 200, "every call resolves");
    const run = await runCli(["generate-policies", single, ...FIXED]);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.ok(out.Policies.length >= 3, `${out.Policies.length} policies`);
    for (const [i, p] of out.Policies.entries()) {
      const size = nonWhitespace(p.Policy);
      assert.ok(size <= LIMIT, `policy ${i} has ${size} non-whitespace characters`);
      assert.equal(p.Policy.Id, "IamPolicyAutopilot");
      assert.equal(p.Policy.Version, "2012-10-17");
      assert.ok(p.Policy.Statement.length > 0);
    }
    const granted = new Set<string>(
      out.Policies.flatMap((p: { Policy: { Statement: { Action: string[] }[] } }) =>
        p.Policy.Statement.flatMap((s) => s.Action)
      ),
    );
    for (const op of ops) {
      // Conditional actions (s3:GetObjectVersion without VersionId) may be left out, but never all of them.
      assert.ok(op.actions.some((a) => granted.has(a)), `${op.service}.${op.method}: none of ${op.actions}`);
    }
    for (const action of granted) assert.doesNotMatch(action, /\*/);
  },
});

Deno.test("200 operations: identical runs give identical bytes (compact and pretty)", async () => {
  for (const flags of [[], ["--pretty"], ["--minimize-policy-size"], ["--individual-policies"]]) {
    const a = await runCli(["generate-policies", single, ...FIXED, ...flags]);
    const b = await runCli(["generate-policies", single, ...FIXED, ...flags]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, b.stdout, `flags ${flags.join(" ")}`);
  }
});

Deno.test("200 operations over 10 files: the order of the paths does not change the output", async () => {
  const forward = await runCli(["generate-policies", ...splitFiles, ...FIXED]);
  assert.equal(forward.code, 0, forward.stderr);
  const reversed = await runCli(["generate-policies", ...[...splitFiles].reverse(), ...FIXED]);
  const shuffled = await runCli([
    "generate-policies",
    ...splitFiles.filter((_, i) => i % 2 === 1),
    ...FIXED,
    ...splitFiles.filter((_, i) => i % 2 === 0),
  ]);
  const asDirectory = await runCli(["generate-policies", split, ...FIXED]);
  assert.equal(reversed.stdout, forward.stdout);
  assert.equal(shuffled.stdout, forward.stdout);
  assert.equal(asDirectory.stdout, forward.stdout);
  // Same calls, one file or ten: the same policies.
  const one = await runCli(["generate-policies", single, ...FIXED]);
  assert.equal(one.stdout, forward.stdout);
  const withExplain = await runCli([
    "generate-policies",
    ...[...splitFiles].reverse(),
    ...FIXED,
    "--explain",
    "*",
  ]);
  const withExplain2 = await runCli(["generate-policies", ...splitFiles, ...FIXED, "--explain", "*"]);
  assert.equal(withExplain.stdout, withExplain2.stdout, "explanations list call sites in a stable order");
});

globalThis.addEventListener("unload", () => {
  try {
    Deno.removeSync(dir, { recursive: true });
  } catch { /* already gone */ }
});
