/**
 * `typescript/command_send` with the command class passed in: a helper taking the class as a parameter
 * (`call = (client, Cmd, input) => client.send(new Cmd(input))`) gives the command of every call site, each
 * with that call site's input; and a const object map indexed by a method parameter gives the command of
 * every key the call sites pass (every command of the map when a key is not a constant).
 * Fixture: tests/fixtures/languages/typescript/command_class_param/.
 */
import assert from "node:assert/strict";
import { typescriptPlugin } from "../../../lib/languages/typescript/mod.ts";
import { KnowledgeBase } from "../../../lib/knowledge/knowledge_base.ts";
import type { SdkCall, SourceFile } from "../../../lib/types.ts";

const FIXTURE = new URL("../../fixtures/languages/typescript/command_class_param/", import.meta.url);

async function extract(names: string[]): Promise<SdkCall[]> {
  const kb = await KnowledgeBase.open();
  try {
    const sources: SourceFile[] = names.map((name) => ({
      path: name,
      language: /\.m?js$/.test(name) ? "javascript" : "typescript",
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

const names = (c: SdkCall): string[] => c.arguments.map((a) => a.name ?? "*");

Deno.test("command_send: a helper taking the command class gives every call site's command and input", async () => {
  const calls = await extract(["helper.mjs", "queue.mjs", "poll.ts"]);
  assert.deepEqual(calls.map(line), [
    "helper.mjs:6 SendMessageCommand [sqs] SendMessage",
    "helper.mjs:6 DeleteMessageCommand [sqs] DeleteMessage",
    "helper.mjs:6 ReceiveMessageCommand [sqs] ReceiveMessage",
  ]);
  assert.deepEqual(calls.map(names), [
    ["QueueUrl", "MessageBody"],
    ["QueueUrl", "ReceiptHandle"],
    ["QueueUrl", "MaxNumberOfMessages"],
  ]);
});

Deno.test("command_send: a map indexed by a parameter gives the command of each key passed", async () => {
  const calls = await extract(["analyses.ts", "analyse_two.ts"]);
  assert.deepEqual(calls.map(line), [
    "analyses.ts:16 DetectSentimentCommand [comprehend] DetectSentiment",
    "analyses.ts:16 DetectKeyPhrasesCommand [comprehend] DetectKeyPhrases",
  ]);
  for (const call of calls) assert.deepEqual(names(call), ["Text", "LanguageCode"]);
});

Deno.test("command_send: a map indexed by a parameter with a non-constant key gives every command", async () => {
  const calls = await extract(["analyses.ts", "analyse_any.ts"]);
  assert.deepEqual(calls.map(line), [
    "analyses.ts:16 DetectSentimentCommand [comprehend] DetectSentiment",
    "analyses.ts:16 DetectKeyPhrasesCommand [comprehend] DetectKeyPhrases",
    "analyses.ts:16 DetectEntitiesCommand [comprehend] DetectEntities",
  ]);
});
