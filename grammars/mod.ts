/**
 * tree-sitter grammars as WebAssembly: load them once per process, create parsers, and parse source files.
 *
 * WebAssembly memory is not garbage-collected: `delete()` every `Parser`, `Tree`, `Query` and `TreeCursor` you
 * create (but not the shared grammars).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSource } from "./mod.ts";
 *
 * const { tree, hasErrors } = await parseSource({
 *   path: "app.ts",
 *   language: "typescript",
 *   text: "await client.send(new PutObjectCommand({ Bucket: 'b' }));\n",
 * });
 * assert.equal(hasErrors, false);
 * tree.delete();
 * ```
 *
 * @module
 */

export { createParser, grammarFor, initTreeSitter, loadGrammar } from "./load.ts";
export { findFirstError, type ParseResult, parseSource, type SyntaxErrorLocation } from "./parse.ts";
export {
  GRAMMAR_NAMES,
  type GrammarName,
  readGrammarBytes,
  setWasmBytesSource,
  type WasmBytesSource,
  type WasmName,
} from "./wasm_bytes.ts";
