/**
 * The phase-1 frame every language plug-in shares: parse one file, report a missing text or the first syntax
 * error as the file's `error`, otherwise let the language collect its facts from the syntax tree, and always
 * free the tree (wasm memory is not garbage-collected). Also the small syntax-tree helpers every collector
 * uses, so that locations and trimmed texts look the same in every language.
 *
 * @module
 */
import type { Node } from "web-tree-sitter";
import { parseSource } from "../../../grammars/mod.ts";
import type { SourceFile, SourceLocation } from "../../types.ts";
import type { FileFacts } from "../language_plugin.ts";

/** Longest expression text kept in facts and SdkCalls; longer text is cut with `…`. */
export const MAX_EXPRESSION_TEXT = 200;

/**
 * Parses `file` and returns the facts `collect` reduces its syntax tree to. A file without text, or with a
 * syntax error, yields an `error` (the first error, 1-based) and no facts: phase 2 skips such files.
 *
 * @example
 * ```ts ignore
 * const facts = await analyzeParsedFile(file, (root) => ({ calls: collectCalls(root) }));
 * facts.error?.message; // "syntax error: ..." when the file does not parse
 * ```
 */
export async function analyzeParsedFile<Facts>(
  file: SourceFile,
  collect: (root: Node, text: string) => Facts,
): Promise<FileFacts<Facts>> {
  const base = { file: file.path, language: file.language };
  if (file.text === undefined) {
    return { ...base, error: { message: file.skipped?.detail ?? "file has no text", line: 1, column: 1 } };
  }
  const parsed = await parseSource(file);
  try {
    if (parsed.hasErrors) {
      const where = parsed.firstError ?? { line: 1, column: 1, detail: "syntax error" };
      return {
        ...base,
        error: { message: `syntax error: ${where.detail}`, line: where.line, column: where.column },
      };
    }
    return { ...base, facts: collect(parsed.tree.rootNode, file.text) };
  } finally {
    parsed.tree.delete();
  }
}

/**
 * Trims source text for facts: one line, at most {@linkcode MAX_EXPRESSION_TEXT} characters.
 *
 * @example
 * ```ts
 * import { trimText } from "./file_facts.ts";
 * trimText("s3.send(\n  new GetObjectCommand(input),\n)"); // "s3.send( new GetObjectCommand(input), )"
 * ```
 */
export function trimText(text: string): string {
  // Fast path (most expressions): one line, short, no surrounding whitespace — already trimmed.
  const length = text.length;
  if (length > 0 && length <= MAX_EXPRESSION_TEXT && text.indexOf("\n") < 0) {
    const first = text.charCodeAt(0);
    const last = text.charCodeAt(length - 1);
    if (first > 32 && first < 127 && last > 32 && last < 127) return text;
  }
  const flat = text.replace(/\s*\n\s*/g, " ").trim();
  return flat.length > MAX_EXPRESSION_TEXT ? `${flat.slice(0, MAX_EXPRESSION_TEXT - 1)}…` : flat;
}

/**
 * Where the lines of a source text start, to turn offsets into 0-based rows and columns (UTF-16 code units, as
 * tree-sitter's positions in `web-tree-sitter`) without asking the syntax tree.
 *
 * @example
 * ```ts
 * import { LineStarts } from "./file_facts.ts";
 * const lines = new LineStarts("a = 1\nb = f(a)\n");
 * const row = lines.rowOf(10); // 1
 * const column = 10 - lines.starts[row]; // 4
 * ```
 */
export class LineStarts {
  /** Offset of the first character of each line. */
  readonly starts: number[] = [0];

  constructor(source: string) {
    for (let i = source.indexOf("\n"); i >= 0; i = source.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  /** The 0-based row holding `offset`. */
  rowOf(offset: number): number {
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/**
 * The 1-based {@linkcode SourceLocation} of `node` in `file` (tree-sitter positions are 0-based).
 *
 * @example
 * ```ts ignore
 * locationOf(callNode, "app.ts"); // { file: "app.ts", line: 3, column: 1, endLine: 3, endColumn: 24 }
 * ```
 */
export function locationOf(node: Node, file: string): SourceLocation {
  return {
    file,
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

/**
 * The named children of `node` but comments (a comment may stand between any two children), or `[]`.
 *
 * @example
 * ```ts ignore
 * namedChildren(argumentListNode).length; // the number of arguments
 * ```
 */
export function namedChildren(node: Node | null | undefined): Node[] {
  return node ? node.namedChildren.filter((c): c is Node => c !== null && c.type !== "comment") : [];
}
