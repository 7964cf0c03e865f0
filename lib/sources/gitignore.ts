/**
 * A `.gitignore` parser and matcher for the common syntax: comments, blank lines, negation (`!`), directory-only
 * patterns (trailing `/`), anchored patterns (a `/` at the start or in the middle), `*`, `?`, `**` and character
 * classes (`[abc]`, `[a-z]`, `[!a-z]`), with backslash escapes and trailing-space trimming.
 *
 * One {@linkcode Gitignore} holds the rules of one file; paths are matched relative to the directory that holds
 * it. As in git, the last matching rule wins, and a file inside an ignored directory cannot be re-included: a
 * top-down walk gets that for free by not descending into ignored directories.
 *
 * @module
 */

/** One parsed rule of a `.gitignore` file. */
export interface GitignoreRule {
  /** The line as written (without trailing whitespace). */
  source: string;
  /** `!pattern`: a match re-includes the path. */
  negated: boolean;
  /** `pattern/`: only matches directories. */
  directoryOnly: boolean;
  /** Matches a path relative to the `.gitignore` file's directory (forward slashes, no leading `./`). */
  regex: RegExp;
}

/**
 * The rules of one `.gitignore` file.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { Gitignore } from "./gitignore.ts";
 *
 * const ignore = new Gitignore("*.log\n!keep.log\nbuild/\n/root-only.py\n");
 * assert.equal(ignore.ignores("logs/debug.log", false), true);
 * assert.equal(ignore.ignores("keep.log", false), false);
 * assert.equal(ignore.ignores("src/build", true), true);
 * assert.equal(ignore.ignores("src/build", false), false);
 * assert.equal(ignore.ignores("sub/root-only.py", false), false);
 * ```
 */
export class Gitignore {
  /** The parsed rules, in file order. */
  readonly rules: readonly GitignoreRule[];

  /** @param text The contents of a `.gitignore` file. */
  constructor(text: string) {
    this.rules = parseGitignore(text);
  }

  /**
   * The verdict of the last rule that matches `path`: `"ignored"`, `"included"` (a negated rule matched) or
   * `undefined` when no rule matches. Use this to combine several files, deepest last.
   *
   * @param path Path relative to the `.gitignore` file's directory, with forward slashes.
   * @param isDirectory Whether the path is a directory (directory-only rules need it).
   */
  match(path: string, isDirectory: boolean): "ignored" | "included" | undefined {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i];
      if (rule.directoryOnly && !isDirectory) continue;
      if (rule.regex.test(path)) return rule.negated ? "included" : "ignored";
    }
    return undefined;
  }

  /**
   * Whether this file alone ignores `path` (its parent directories are not checked).
   *
   * @param path Path relative to the `.gitignore` file's directory, with forward slashes.
   * @param isDirectory Whether the path is a directory.
   */
  ignores(path: string, isDirectory: boolean): boolean {
    return this.match(path, isDirectory) === "ignored";
  }
}

/**
 * Parses the text of a `.gitignore` file into rules; lines that cannot match anything are dropped.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseGitignore } from "./gitignore.ts";
 *
 * const [rule] = parseGitignore("# comment\n\n/dist/\n");
 * assert.equal(rule.directoryOnly, true);
 * assert.equal(rule.regex.test("dist"), true);
 * assert.equal(rule.regex.test("app/dist"), false);
 * ```
 */
export function parseGitignore(text: string): GitignoreRule[] {
  const rules: GitignoreRule[] = [];
  for (const rawLine of text.split("\n")) {
    const rule = parseLine(rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine);
    if (rule) rules.push(rule);
  }
  return rules;
}

function parseLine(line: string): GitignoreRule | undefined {
  let pattern = trimTrailingSpaces(line);
  if (pattern === "" || pattern.startsWith("#")) return undefined;
  const source = pattern;
  let negated = false;
  if (pattern.startsWith("!")) {
    negated = true;
    pattern = pattern.slice(1);
  }
  let directoryOnly = false;
  if (pattern.endsWith("/") && !pattern.endsWith("\\/")) {
    directoryOnly = true;
    pattern = pattern.replace(/\/+$/, "");
  }
  if (pattern === "") return undefined;
  // A slash at the start or in the middle anchors the pattern to the .gitignore's directory.
  const anchored = pattern.includes("/");
  if (pattern.startsWith("/")) pattern = pattern.slice(1);
  if (pattern === "") return undefined;
  const body = segmentsToRegex(pattern.split("/"));
  const regex = new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`, "s");
  return { source, negated, directoryOnly, regex };
}

/** Trailing spaces are dropped unless escaped with a backslash (`foo\ `). */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === " " || line[end - 1] === "\t")) {
    let backslashes = 0;
    for (let i = end - 2; i >= 0 && line[i] === "\\"; i--) backslashes++;
    if (backslashes % 2 === 1) break;
    end--;
  }
  return line.slice(0, end);
}

function segmentsToRegex(segments: string[]): string {
  let out = "";
  const last = segments.length - 1;
  segments.forEach((segment, i) => {
    if (segment === "**") {
      // `**/x` and `a/**/x`: zero or more directories; `a/**`: everything inside `a`.
      out += i === last ? ".*" : "(?:.*/)?";
      return;
    }
    out += segmentToRegex(segment);
    if (i !== last) out += "/";
  });
  return out;
}

function segmentToRegex(segment: string): string {
  let out = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === "\\" && i + 1 < segment.length) {
      out += escapeRegex(segment[++i]);
    } else if (c === "*") {
      while (segment[i + 1] === "*") i++; // `a**b` behaves like `a*b`
      out += "[^/]*";
    } else if (c === "?") {
      out += "[^/]";
    } else if (c === "[") {
      const parsed = parseClass(segment, i);
      if (parsed) {
        out += parsed.regex;
        i = parsed.end;
      } else {
        out += "\\[";
      }
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

/** Parses `[...]` starting at `start`; `undefined` when there is no closing `]` (then `[` is literal). */
function parseClass(segment: string, start: number): { regex: string; end: number } | undefined {
  let i = start + 1;
  let negated = false;
  if (segment[i] === "!" || segment[i] === "^") {
    negated = true;
    i++;
  }
  let body = "";
  let first = true;
  for (; i < segment.length; i++) {
    const c = segment[i];
    if (c === "]" && !first) {
      // A class never matches `/`.
      return { regex: negated ? `[^/${body}]` : `(?!/)[${body}]`, end: i };
    }
    first = false;
    if (c === "\\" && i + 1 < segment.length) {
      body += escapeClassChar(segment[++i]);
    } else if (c === "-" && body !== "" && segment[i + 1] !== "]") {
      body += "-";
    } else {
      body += escapeClassChar(c);
    }
  }
  return undefined;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

function escapeClassChar(c: string): string {
  return /[\]\\^\-[]/.test(c) ? `\\${c}` : c;
}
