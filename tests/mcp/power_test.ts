/**
 * The Kiro power: mcp.json starts this server; POWER.md has the front matter Kiro reads, a tour of every
 * tool, and onboarding checks for Deno and AWS credentials.
 */
import assert from "node:assert/strict";
import { ROOT } from "./helpers.ts";

const DIR = `${ROOT}/power-iam-policy-autopilot`;

Deno.test("power: mcp.json runs the MCP server through Deno from JSR", async () => {
  const config = JSON.parse(await Deno.readTextFile(`${DIR}/mcp.json`));
  const server = config.mcpServers["iam-policy-autopilot-mcp"];
  assert.equal(server.command, "deno");
  assert.deepEqual(server.args, ["run", "-A", "jsr:@awslabs/iam-policy-autopilot", "mcp-server"]);
  assert.ok(!server.autoApprove.includes("fix_access_denied"), "never auto-approve the tool that writes IAM");
});

Deno.test("power: POWER.md front matter, tools and onboarding checks", async () => {
  const text = await Deno.readTextFile(`${DIR}/POWER.md`);
  const front = text.match(/^---\n([\s\S]*?)\n---\n/);
  assert.ok(front, "front matter");
  for (const key of ["name", "displayName", "description", "keywords"]) {
    assert.match(front[1], new RegExp(`^${key}: `, "m"), `front matter lacks ${key}`);
  }
  const name = front[1].match(/^name: "?([^"\n]+)"?$/m)![1];
  assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  for (
    const tool of [
      "generate_application_policies",
      "generate_policy_for_access_denied",
      "fix_access_denied",
      "explain_permissions",
      "lookup_operation_permissions",
    ]
  ) {
    assert.ok(text.includes(`\`${tool}\``), `POWER.md does not present ${tool}`);
  }
  assert.match(text, /## Onboarding/);
  assert.match(text, /deno --version/);
  assert.match(text, /install\.sh|brew install deno/);
  assert.match(text, /aws sts get-caller-identity/);
  assert.match(text, /aws configure|aws sso login/);
  assert.match(text, /## Best practices/);
});
