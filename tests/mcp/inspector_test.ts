/**
 * The official MCP Inspector CLI (pinned 2.12.0, installed from npm into a cache under $TMPDIR) as an
 * independent client, over stdio and HTTP.
 */
import assert from "node:assert/strict";
import { EXAMPLE_APP, MCP_ENTRY, ROOT, startHttpServer } from "./helpers.ts";
import { runInspector } from "./inspector.ts";

function denoDir(): string {
  const out = new Deno.Command(Deno.execPath(), { args: ["info", "--json"], stdout: "piped", stderr: "null" })
    .outputSync();
  return JSON.parse(new TextDecoder().decode(out.stdout)).denoDir;
}

// The Inspector passes only a few variables to a stdio server; give it the Deno cache explicitly.
const STDIO = ["--cwd", ROOT, "-e", `DENO_DIR=${denoDir()}`, "-e", "IAM_POLICY_AUTOPILOT_LOG=error"];
const knowledgeDb = Deno.env.get("IAM_POLICY_AUTOPILOT_KNOWLEDGE_DB");
if (knowledgeDb) STDIO.push("-e", `IAM_POLICY_AUTOPILOT_KNOWLEDGE_DB=${knowledgeDb}`);
const SERVER = [...STDIO, Deno.execPath(), "run", "-A", MCP_ENTRY];

Deno.test("inspector: tools/list over stdio passes the schema portability checks (--strict)", async () => {
  const run = await runInspector(SERVER, ["--method", "tools/list", "--strict", "--format", "json"]);
  assert.equal(run.code, 0, run.stderr);
  const tools =
    (run.json as { result: { tools: { name: string; annotations?: unknown; outputSchema?: unknown }[] } })
      .result.tools;
  assert.ok(tools.some((t) => t.name === "generate_application_policies"));
  for (const tool of tools) {
    assert.ok(tool.annotations, `${tool.name}: annotations`);
    assert.ok(tool.outputSchema, `${tool.name}: outputSchema`);
  }
  assert.doesNotMatch(run.stderr, /Warning: tool/);
});

Deno.test("inspector: tools/call over stdio returns structured policies; tool errors exit non-zero", async () => {
  const ok = await runInspector(SERVER, [
    "--method",
    "tools/call",
    "--tool-name",
    "generate_application_policies",
    "--tool-args-json",
    JSON.stringify({ SourceFiles: [EXAMPLE_APP], Region: "us-east-1", Account: "123456789012" }),
    "--format",
    "json",
  ]);
  assert.equal(ok.code, 0, ok.stderr);
  const result =
    (ok.json as { result: { structuredContent: { Policies: { Statement: unknown[] }[] } } }).result;
  assert.ok(result.structuredContent.Policies[0].Statement.length > 0);

  const lookup = await runInspector(SERVER, [
    "--method",
    "tools/call",
    "--tool-name",
    "lookup_operation_permissions",
    "--tool-arg",
    "Service=sqs",
    "Operation=SendMessage",
    "--format",
    "json",
  ]);
  assert.equal(lookup.code, 0, lookup.stderr);
  assert.match(JSON.stringify(lookup.json), /sqs:SendMessage/);

  const bad = await runInspector(SERVER, [
    "--method",
    "tools/call",
    "--tool-name",
    "lookup_operation_permissions",
    "--tool-arg",
    "Service=s4",
    "Operation=GetObject",
    "--format",
    "json",
  ]);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stdout + bad.stderr, /Unknown service 's4'/);
});

Deno.test("inspector: tools/list and tools/call over streamable HTTP", async () => {
  const server = await startHttpServer();
  try {
    const list = await runInspector([server.url], ["--method", "tools/list", "--format", "json"]);
    assert.equal(list.code, 0, list.stderr);
    assert.ok((list.json as { result: { tools: unknown[] } }).result.tools.length >= 3);
    const call = await runInspector([server.url], [
      "--method",
      "tools/call",
      "--tool-name",
      "explain_permissions",
      "--tool-args-json",
      JSON.stringify({ SourceFiles: [EXAMPLE_APP], Actions: ["sqs:*"] }),
      "--format",
      "json",
    ]);
    assert.equal(call.code, 0, call.stderr);
    assert.match(JSON.stringify(call.json), /sqs:SendMessage/);
  } finally {
    await server.stop();
  }
});
