/**
 * Loading tree-sitter grammars and creating parsers, each done once per process.
 *
 * WebAssembly memory is not garbage-collected: call `delete()` on every `Parser`, `Tree`, `Query` and
 * `TreeCursor` you create when done with it. Grammars (`Language`) are shared and must not be deleted.
 *
 * @module
 */

import { Language as Grammar, Parser } from "web-tree-sitter";
import type { Language } from "../lib/types.ts";
import { extensionOf } from "../lib/sources/language.ts";
import { useTreeSitterExports } from "./fast_cursor.ts";
import { GRAMMAR_NAMES, type GrammarName, readGrammarBytes } from "./wasm_bytes.ts";

let initialized: Promise<void> | undefined;
const grammars = new Map<GrammarName, Promise<Grammar>>();

/**
 * Initialises the `web-tree-sitter` runtime once per process (later calls share the first one's promise; a
 * failure is not cached, so a later call retries).
 *
 * @example Usage
 * ```ts
 * import { initTreeSitter } from "./load.ts";
 *
 * await initTreeSitter();
 * ```
 */
export function initTreeSitter(): Promise<void> {
  initialized ??= (async () => {
    const bytes = await readGrammarBytes("web-tree-sitter");
    // Emscripten fills this options object with the wasm exports: fast_cursor.ts calls them directly.
    const module = { wasmBinary: bytes.slice().buffer };
    await Parser.init(module);
    useTreeSitterExports(module);
  })().catch((error) => {
    initialized = undefined;
    throw error;
  });
  return initialized;
}

/**
 * Loads a grammar, once per process. `javascript` is the JavaScript grammar; `tsx` the TypeScript-with-JSX one
 * (see {@linkcode grammarFor}). The returned object is shared: do not `delete()` it.
 *
 * Note: `Language.name` is `null` for some grammars (ABI 14); keep track of the name yourself.
 *
 * @param name The grammar.
 * @returns The web-tree-sitter `Language`.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadGrammar } from "./load.ts";
 *
 * const python = await loadGrammar("python");
 * assert.equal(python, await loadGrammar("python")); // cached
 * ```
 */
export function loadGrammar(name: GrammarName): Promise<Grammar> {
  if (!GRAMMAR_NAMES.includes(name)) {
    return Promise.reject(
      new TypeError(`Unknown grammar "${name}"; expected one of ${GRAMMAR_NAMES.join(", ")}`),
    );
  }
  let grammar = grammars.get(name);
  if (!grammar) {
    grammar = (async () => {
      await initTreeSitter();
      return await Grammar.load(await readGrammarBytes(name));
    })().catch((error) => {
      grammars.delete(name);
      throw new Error(`Could not load the ${name} tree-sitter grammar: ${errorMessage(error)}`, {
        cause: error,
      });
    });
    grammars.set(name, grammar);
  }
  return grammar;
}

/**
 * Creates a new parser for a grammar. The caller owns it: call `parser.delete()` when done, and `tree.delete()`
 * on every tree it returns.
 *
 * @param name The grammar.
 * @returns A parser with the grammar set.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { createParser } from "./load.ts";
 *
 * const parser = await createParser("go");
 * const tree = parser.parse("package main\nfunc main() {}\n")!;
 * assert.equal(tree.rootNode.type, "source_file");
 * tree.delete();
 * parser.delete();
 * ```
 */
export async function createParser(name: GrammarName): Promise<Parser> {
  const grammar = await loadGrammar(name);
  const parser = new Parser();
  parser.setLanguage(grammar);
  return parser;
}

/**
 * The grammar to parse a file with: `.tsx` and `.jsx` files use `tsx`; other TypeScript files `typescript`;
 * other JavaScript files `javascript`; the rest their language's grammar.
 *
 * @param path The file's path (only its extension matters).
 * @param language The file's language (from its extension or `--language`).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { grammarFor } from "./load.ts";
 *
 * assert.equal(grammarFor("web/App.tsx", "typescript"), "tsx");
 * assert.equal(grammarFor("web/App.jsx", "javascript"), "tsx");
 * assert.equal(grammarFor("web/app.mjs", "javascript"), "javascript");
 * assert.equal(grammarFor("handler.py", "python"), "python");
 * ```
 */
export function grammarFor(path: string, language: Language): GrammarName {
  if (language === "typescript" || language === "javascript") {
    const ext = extensionOf(path);
    if (ext === ".tsx" || ext === ".jsx") return "tsx";
  }
  return language;
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message === "" ? "the .wasm file is not a compatible tree-sitter grammar" : message;
}
