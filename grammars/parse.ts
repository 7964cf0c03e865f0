/**
 * Parsing a {@linkcode SourceFile} and locating its first syntax error.
 *
 * @module
 */

import type { Node, Parser, Tree } from "web-tree-sitter";
import type { SourceFile } from "../lib/types.ts";
import { createParser, grammarFor } from "./load.ts";
import type { GrammarName } from "./wasm_bytes.ts";

/** Where the first syntax error is: 1-based line and column (the column counts UTF-16 code units). */
export interface SyntaxErrorLocation {
  line: number;
  column: number;
  /** For people: `unexpected "…"` or `missing ")"`. */
  detail: string;
}

/** The result of {@linkcode parseSource}. */
export interface ParseResult {
  /** The syntax tree. The caller owns it and must call `tree.delete()` (wasm memory is not garbage-collected). */
  tree: Tree;
  /** The grammar used. */
  grammar: GrammarName;
  /** Whether the tree has ERROR or MISSING nodes. The tree is still usable; the caller decides whether to skip. */
  hasErrors: boolean;
  /** Where the first syntax error is (see `findFirstError`), when `hasErrors`. */
  firstError?: SyntaxErrorLocation;
}

/** One parser per grammar, reused: parsing is synchronous, so calls never overlap. */
const parsers = new Map<GrammarName, Promise<Parser>>();

/**
 * Parses a file's text with the grammar for its path and language (see `grammarFor`) and reports syntax errors.
 *
 * The caller must call `result.tree.delete()` when done with the tree: wasm memory is not garbage-collected.
 *
 * @param file A readable file (with `text`).
 * @returns The tree, whether it has errors, and where the first one is.
 * @throws {TypeError} When the file has no text (it was skipped).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSource } from "./parse.ts";
 *
 * const result = await parseSource({ path: "app.py", language: "python", text: "def f(:\n    pass\n" });
 * assert.equal(result.hasErrors, true);
 * assert.equal(result.firstError?.line, 1);
 * result.tree.delete();
 * ```
 */
export async function parseSource(file: SourceFile): Promise<ParseResult> {
  if (file.text === undefined) {
    const why = file.skipped ? ` (skipped: ${file.skipped.reason})` : "";
    throw new TypeError(`Cannot parse ${file.path}: it has no text${why}; parse only files with text`);
  }
  const grammar = grammarFor(file.path, file.language);
  let parser = parsers.get(grammar);
  if (!parser) {
    parser = createParser(grammar);
    parsers.set(grammar, parser);
    parser.catch(() => parsers.delete(grammar));
  }
  const tree = (await parser).parse(file.text);
  if (!tree) throw new Error(`Parsing ${file.path} with the ${grammar} grammar returned no tree`);
  const hasErrors = tree.rootNode.hasError;
  const result: ParseResult = { tree, grammar, hasErrors };
  if (hasErrors) result.firstError = findFirstError(tree.rootNode);
  return result;
}

/**
 * The first syntax error under `root` in document order, as a location; `undefined` when there is none.
 *
 * That is the first MISSING node, or ERROR node without ERROR or MISSING nodes inside (an outer ERROR node often
 * starts at valid code well before the mistake).
 *
 * @param root The node to search (usually `tree.rootNode`).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { createParser } from "./load.ts";
 * import { findFirstError } from "./parse.ts";
 *
 * const parser = await createParser("go");
 * const tree = parser.parse('package main\n\nfunc main() {\n\tfmt.Println("a"\n}\n')!;
 * assert.deepEqual(findFirstError(tree.rootNode), { line: 4, column: 17, detail: 'missing ")"' });
 * tree.delete();
 * parser.delete();
 * ```
 */
export function findFirstError(root: Node): SyntaxErrorLocation | undefined {
  const cursor = root.walk();
  try {
    while (true) {
      const node = cursor.currentNode;
      if (node.isMissing) return locate(node);
      // An ERROR node often wraps the valid code before the mistake; a nested ERROR or MISSING is closer to it.
      if (
        node.isError && !node.children.some((child) => child !== null && (child.hasError || child.isMissing))
      ) {
        return locate(node);
      }
      // Descend only into subtrees that contain an error; otherwise move on.
      if ((node.hasError || node.isError) && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return undefined;
      }
    }
  } finally {
    cursor.delete();
  }
}

function locate(node: Node): SyntaxErrorLocation {
  const { row, column } = node.startPosition;
  let detail: string;
  if (node.isMissing) {
    detail = `missing ${JSON.stringify(node.type)}`;
  } else {
    const text = node.text.split("\n", 1)[0].trim();
    detail = text === "" ? "unexpected input" : `unexpected ${JSON.stringify(text.slice(0, 40))}`;
  }
  return { line: row + 1, column: column + 1, detail };
}
