/**
 * `typescript/command_send` with a command class chosen at run time: ternaries, `||` / `??`, `new (a ? A :
 * B)()`, and const object maps indexed by a variable (every command of the map) or a constant (the one named).
 * Fixture: tests/fixtures/languages/typescript/command_alternatives/.
 */
import assert from "node:assert/strict";
import { typescriptPlugin } from "../../../lib/languages/typescript/mod.ts";
import { KnowledgeBase } from "../../../lib/knowledge/knowledge_base.ts";
import type { SdkCall, SourceFile } from "../../../lib/types.ts";

const FIXTURE = new URL("../../fixtures/languages/typescript/command_alternatives/", import.meta.url);

async function extract(names: string[]): Promise<SdkCall[]> {
  const kb = await KnowledgeBase.open();
  try {
    const sources: SourceFile[] = names.map((name) => ({
      path: name,
      language: name.endsWith(".js") ? "javascript" : "typescript",
      text: Deno.readTextFileSync(new URL(name, FIXTURE)),
    }));
    const facts = await Promise.all(sources.map((f) => typescriptPlugin.analyzeFile(f)));
    return typescriptPlugin.linkProject(facts.map((f) => JSON.parse(JSON.stringify(f))), kb);
  } finally {
    kb.close();
  }
}

const line = (c: SdkCall): string =>
  `${c.location.file}:${c.location.line} ${c.method} [${c.services}] ${c.operation ?? "-"}`;

Deno.test("command_send: a command class from a const object map indexed by a variable gives every command", async () => {
  const calls = await extract(["commands.ts", "users.ts"]);
  assert.deepEqual(calls.map(line), [
    "users.ts:8 AdminEnableUserCommand [cognito-idp] AdminEnableUser",
    "users.ts:8 AdminDisableUserCommand [cognito-idp] AdminDisableUser",
  ]);
  // Both candidates carry the request arguments of the one construction.
  for (const call of calls) {
    assert.deepEqual(call.arguments.map((a) => a.name), ["UserPoolId", "Username"]);
  }
});

Deno.test("command_send: a constant key picks only the command it names", async () => {
  const calls = await extract(["commands.ts", "literal_key.ts"]);
  assert.deepEqual(calls.map(line), [
    "literal_key.ts:8 AdminDisableUserCommand [cognito-idp] AdminDisableUser",
    "literal_key.ts:10 AdminEnableUserCommand [cognito-idp] AdminEnableUser",
    "literal_key.ts:11 AdminDeleteUserCommand [cognito-idp] AdminDeleteUser",
  ]);
});

Deno.test("command_send: ternary, `new (c ? A : B)()`, `??` and `||` count every command branch", async () => {
  const calls = await extract(["choices.js"]);
  assert.deepEqual(calls.map(line), [
    "choices.js:13 HeadObjectCommand [s3] HeadObject",
    "choices.js:13 GetObjectCommand [s3] GetObject",
    "choices.js:17 PutObjectCommand [s3] PutObject",
    "choices.js:17 DeleteObjectCommand [s3] DeleteObject",
    "choices.js:23 GetObjectCommand [s3] GetObject",
    "choices.js:23 HeadObjectCommand [s3] HeadObject",
  ]);
  assert.ok(calls.every((c) => c.language === "javascript"));
});
