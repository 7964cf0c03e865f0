/**
 * The MCP server over stdio, driven by the SDK's Client as an assistant would drive it.
 */
import assert from "node:assert/strict";
import { connectStdio, EXAMPLE_APP, textOf } from "./helpers.ts";

const ALL_TOOLS = [
  "generate_application_policies",
  "generate_policy_for_access_denied",
  "fix_access_denied",
  "explain_permissions",
  "lookup_operation_permissions",
];

Deno.test("stdio: tools/list has every tool with descriptions, schemas and annotations", async () => {
  const session = await connectStdio();
  try {
    const info = session.client.getServerVersion();
    assert.equal(info?.name, "iam-policy-autopilot");
    assert.match(session.client.getInstructions() ?? "", /generate_application_policies/);
    const { tools } = await session.client.listTools();
    const names = tools.map((t) => t.name);
    assert.deepEqual(names, ALL_TOOLS);
    for (const tool of tools) {
      assert.ok((tool.description ?? "").length > 100, `${tool.name}: description too short`);
      assert.ok(tool.outputSchema, `${tool.name}: no outputSchema`);
      const a = tool.annotations ?? {};
      for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const) {
        assert.equal(typeof a[hint], "boolean", `${tool.name}: ${hint} not set`);
      }
      for (const [field, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        assert.ok((schema as { description?: string }).description, `${tool.name}.${field}: no description`);
      }
    }
    const generate = tools.find((t) => t.name === "generate_application_policies")!;
    assert.deepEqual(generate.inputSchema.required, ["SourceFiles"]);
    for (const field of ["SourceFiles", "Region", "Account", "ServiceHints", "ResourceCutoff", "TfDir"]) {
      assert.ok(field in (generate.inputSchema.properties ?? {}), `upstream field ${field} missing`);
    }
    assert.equal(generate.annotations?.readOnlyHint, true);
    assert.equal(generate.annotations?.openWorldHint, false);
    const fix = tools.find((t) => t.name === "fix_access_denied")!;
    assert.deepEqual(fix.inputSchema.required, ["ErrorMessage"]);
    assert.ok("ResourceOverride" in (fix.inputSchema.properties ?? {}));
    assert.equal(fix.annotations?.readOnlyHint, false);
    assert.equal(fix.annotations?.destructiveHint, true);
    assert.equal(fix.annotations?.openWorldHint, true);
    const proposal = tools.find((t) => t.name === "generate_policy_for_access_denied")!;
    assert.deepEqual(proposal.inputSchema.required, ["ErrorMessage"]);
    assert.equal(proposal.annotations?.readOnlyHint, true);
  } finally {
    await session.close();
  }
});

Deno.test("stdio: generate_application_policies returns policy objects, text and progress", async () => {
  const session = await connectStdio();
  try {
    const progress: { progress: number; total?: number; message?: string }[] = [];
    const result = await session.client.callTool(
      {
        name: "generate_application_policies",
        arguments: { SourceFiles: [EXAMPLE_APP], Region: "us-east-1", Account: "123456789012" },
      },
      undefined,
      { onprogress: (p) => progress.push(p) },
    );
    assert.equal(result.isError, undefined);
    const structured = result.structuredContent as {
      Policies: { Version: string; Statement: { Action: string[]; Resource: string[] }[] }[];
      Warnings: unknown[];
      Summary: { FilesAnalyzed: number; Actions: number };
      KnowledgeBaseVersion: string;
    };
    assert.equal(structured.Policies.length, 1);
    assert.equal(typeof structured.Policies[0], "object", "policies are JSON objects, not strings");
    assert.equal(structured.Policies[0].Version, "2012-10-17");
    const actions = structured.Policies[0].Statement.flatMap((s) => s.Action);
    for (const action of ["s3:GetObject", "s3:PutObject", "dynamodb:PutItem", "sqs:SendMessage"]) {
      assert.ok(actions.includes(action), `${action} missing from ${actions}`);
    }
    assert.ok(structured.Summary.FilesAnalyzed >= 1);
    const text = textOf(result);
    assert.match(text, /IAM identity policy/);
    assert.match(text, /"s3:GetObject"/);
    // progress: increasing, ends at total
    assert.ok(progress.length >= 2, `progress notifications: ${JSON.stringify(progress)}`);
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i].progress > progress[i - 1].progress);
    // The last notification ("policies built", progress = total) is sent before the result, but the SDK
    // client handles notifications a microtask later than responses, so when both arrive in one chunk it drops
    // that last one; the files phase always arrives.
    const last = progress.at(-1)!;
    assert.ok(last.total !== undefined && last.progress >= last.total - 1, JSON.stringify(progress));
    // logs go to stderr (read asynchronously: wait for the line) and carry no policy contents
    for (let i = 0; i < 50 && !/generate_application_policies: \d+ files/.test(session.stderr()); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.match(session.stderr(), /generate_application_policies: \d+ files/);
    assert.doesNotMatch(session.stderr(), /arn:aws|"Statement"/);
  } finally {
    await session.close();
  }
});

Deno.test("stdio: explain_permissions and lookup_operation_permissions", async () => {
  const session = await connectStdio({ entry: "cli.ts" });
  try {
    const explained = await session.client.callTool({
      name: "explain_permissions",
      arguments: { SourceFiles: [EXAMPLE_APP], Actions: ["s3:GetObject"] },
    });
    assert.equal(explained.isError, undefined);
    const actions =
      (explained.structuredContent as { Actions: { Action: string; Reasons: unknown[] }[] }).Actions;
    assert.deepEqual(actions.map((a) => a.Action), ["s3:GetObject"]);
    assert.match(textOf(explained), /receipts\.py:\d+/);

    const looked = await session.client.callTool({
      name: "lookup_operation_permissions",
      arguments: { Service: "s3", Operation: "get_object", Language: "python" },
    });
    assert.equal(looked.isError, undefined);
    const d = looked.structuredContent as {
      operation: string;
      actions: { action: string }[];
      fas: unknown[];
    };
    assert.equal(d.operation, "GetObject");
    assert.ok(d.actions.some((a) => a.action === "s3:GetObject"));
    assert.match(textOf(looked), /s3:GetObject/);
  } finally {
    await session.close();
  }
});

Deno.test("stdio: errors are isError results with actionable messages", async () => {
  const session = await connectStdio();
  try {
    const missing = await session.client.callTool({
      name: "generate_application_policies",
      arguments: { SourceFiles: ["/definitely/not/here.py"] },
    });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /Path does not exist: \/definitely\/not\/here\.py.*absolute paths/);

    const hint = await session.client.callTool({
      name: "generate_application_policies",
      arguments: { SourceFiles: [EXAMPLE_APP], ServiceHints: ["s4"] },
    });
    assert.equal(hint.isError, true);
    assert.match(textOf(hint), /s4.*did you mean s3/s);

    const account = await session.client.callTool({
      name: "generate_application_policies",
      arguments: { SourceFiles: [EXAMPLE_APP], Account: "12345" },
    });
    assert.equal(account.isError, true);
    assert.match(textOf(account), /12-digit AWS account id/);

    const wrongType = await session.client.callTool({
      name: "generate_application_policies",
      arguments: { SourceFiles: "app.py" },
    });
    assert.equal(wrongType.isError, true);
    assert.match(textOf(wrongType), /SourceFiles/);

    const unknownOp = await session.client.callTool({
      name: "lookup_operation_permissions",
      arguments: { Service: "s3", Operation: "GetObjekt" },
    });
    assert.equal(unknownOp.isError, true);
    assert.match(textOf(unknownOp), /Did you mean 'GetObject'/);

    const unknownService = await session.client.callTool({
      name: "lookup_operation_permissions",
      arguments: { Service: "s4", Operation: "GetObject" },
    });
    assert.equal(unknownService.isError, true);
    assert.match(textOf(unknownService), /Unknown service 's4'/);

    // upstream's nullable optional fields
    const nulls = await session.client.callTool({
      name: "generate_application_policies",
      arguments: { SourceFiles: [EXAMPLE_APP], Region: null, Account: null, ServiceHints: null, TfDir: null },
    });
    assert.equal(nulls.isError, undefined, textOf(nulls));
  } finally {
    await session.close();
  }
});

Deno.test("stdio: the server exits when stdin closes, and writes nothing but MCP to stdout", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--config",
      `${new URL("../../deno.json", import.meta.url).pathname}`,
      new URL("../../mcp.ts", import.meta.url).pathname,
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const writer = child.stdin.getWriter();
  const request = {
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
  };
  await writer.write(new TextEncoder().encode(JSON.stringify(request) + "\n"));
  await new Promise((r) => setTimeout(r, 1500));
  await writer.close();
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  const out = await child.output();
  clearTimeout(timer);
  assert.equal(out.code, 0, "exits 0 on end of input");
  const lines = new TextDecoder().decode(out.stdout).split("\n").filter(Boolean);
  assert.ok(lines.length >= 1);
  for (const line of lines) {
    assert.equal(JSON.parse(line).jsonrpc, "2.0", `non-MCP output on stdout: ${line}`);
  }
  assert.match(new TextDecoder().decode(out.stderr), /serving MCP on stdio/);
});
