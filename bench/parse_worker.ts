/**
 * Worker for bench/generate_policies.ts: parses the texts it is sent with web-tree-sitter's Python grammar and
 * answers with the milliseconds that took (after a warm-up parse of the first text).
 *
 * @module
 */
import { createParser } from "../grammars/mod.ts";

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<string[]>) => void) | null;
  postMessage(message: unknown): void;
};
// Created before the first message: messages that arrive while it loads wait for it.
const parser = createParser("python");

scope.onmessage = async (event: MessageEvent<string[]>) => {
  const texts = event.data;
  const ready = await parser;
  if (texts.length) ready.parse(texts[0])?.delete();
  const t0 = performance.now();
  for (const text of texts) ready.parse(text)?.delete();
  scope.postMessage(performance.now() - t0);
};
