/**
 * Call sites that Python phase 1 leaves out of the facts: calls of builtins, `logging` and `str`/`dict`/`list`
 * methods (`log.info(...)`, `len(x)`, `",".join(parts)`). No pattern claims them and no SDK operation, utility
 * or resource member has their names (`tests/languages/python/inert_calls_test.ts` checks both against the
 * knowledge database and the patterns' sources). A site matters to phase 2 in one more way: parameters are
 * inferred from the call sites of a function or class of the same name, so a name the project itself defines
 * is kept ({@linkcode omittedCallNames}). On large trees these calls are a third to a half of all call sites:
 * leaving them out shrinks the facts that cross from the workers and the sites phase 2 walks.
 *
 * @module
 */
import type { SourceFile } from "../../types.ts";

/** Names of calls no pattern can claim (see the module documentation). Not `get`, `copy`, `load`...: SDK names. */
export const INERT_CALL_NAMES: readonly string[] = [
  // logging
  "debug",
  "info",
  "warning",
  "warn",
  "error",
  "exception",
  "critical",
  "getLogger",
  // builtins
  "len",
  "range",
  "print",
  "isinstance",
  "issubclass",
  "hasattr",
  "setattr",
  "str",
  "int",
  "float",
  "bool",
  "repr",
  "enumerate",
  "zip",
  "sorted",
  "reversed",
  "min",
  "max",
  "sum",
  "abs",
  "round",
  // str, dict and list methods; json
  "format",
  "startswith",
  "endswith",
  "lower",
  "upper",
  "strip",
  "lstrip",
  "rstrip",
  "split",
  "join",
  "encode",
  "decode",
  "append",
  "extend",
  "setdefault",
  "items",
  "keys",
  "values",
  "dumps",
  "loads",
  "isoformat",
  "strftime",
];

/** `def name` / `class name` anywhere in a text (a superset of what the project defines: strings count too). */
const DEFINITION = /\b(?:def|class)\s+([A-Za-z_]\w*)/g;

/**
 * The {@linkcode INERT_CALL_NAMES} to leave out when analysing `files`: those that no file defines as a
 * function, method or class.
 *
 * @example
 * ```ts
 * import { omittedCallNames } from "./inert_calls.ts";
 * const names = omittedCallNames([{ path: "log.py", language: "python", text: "class Log:\n  def info(self, m): ...\n" }]);
 * names.includes("info"); // false: the project defines `info`, its call sites may pass it values
 * names.includes("debug"); // true
 * ```
 */
export function omittedCallNames(files: readonly SourceFile[]): string[] {
  const inert = new Set(INERT_CALL_NAMES);
  for (const file of files) {
    if (!file.text) continue;
    for (const match of file.text.matchAll(DEFINITION)) inert.delete(match[1]);
  }
  return [...inert];
}
