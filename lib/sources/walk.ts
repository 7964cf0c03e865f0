/**
 * Recursive directory walk that honours `.gitignore` files and skips dependency, virtual-environment and build
 * directories.
 *
 * @module
 */

import { dirname, join, relative, resolve, sep as SEPARATOR } from "node:path";
import type { Language } from "../types.ts";
import { Gitignore } from "./gitignore.ts";
import { detectLanguage } from "./language.ts";
import type { ReadOutcome } from "./read.ts";

/** Directory names never descended into while walking (`env` only when it holds a `pyvenv.cfg`). */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  ".git",
  ".hg",
  ".svn",
  "node_modules",
  ".venv",
  "venv",
  "__pycache__",
  "vendor",
  "build",
  "dist",
  "target",
  ".tox",
  ".mypy_cache",
  "site-packages",
]);

/** One `.gitignore` file in effect, with the absolute directory its patterns are relative to. */
export interface IgnoreLayer {
  /** Absolute path of the directory that holds the `.gitignore`. */
  base: string;
  /** Its rules. */
  rules: Gitignore;
}

/** Options of {@linkcode listDirectory}. */
export interface WalkOptions {
  /** Only yield files with this language's extensions. */
  language?: Language;
  /** `.gitignore` files of ancestor directories (see {@linkcode ancestorIgnoreLayers}), outermost first. */
  ignoreLayers?: IgnoreLayer[];
}

/** A source file found while walking, not read yet. */
export interface FoundFile {
  /** The path to report (forward slashes). */
  path: string;
  /** The path to read. */
  fsPath: string;
  /** Its language, by extension. */
  language: Language;
}

/** What {@linkcode listDirectory} found: a file to read, or something already known to be skipped. */
export type WalkItem = { found: FoundFile; outcome?: never } | { found?: never; outcome: ReadOutcome };

/**
 * Walks a directory recursively in name order (with synchronous calls: one listing per directory, one stat per
 * symbolic link, one read per `.gitignore`) and returns the source files to read (see `readSourceFile`), and
 * broken links and unlistable directories as skips, in walk order.
 *
 * Files with extensions of no supported language are left out silently. Symbolic links to files are followed;
 * symbolic links to directories are not (which rules out cycles). A directory that cannot be listed is reported
 * as an `unreadable` skip, without a language.
 *
 * @param path The directory as it should appear in reported paths (forward slashes; `.` gives bare names).
 * @param fsPath The directory to read.
 * @param options Language filter and inherited `.gitignore` layers.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { listDirectory } from "./walk.ts";
 *
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/app.py`, "print(1)\n");
 * Deno.writeTextFileSync(`${dir}/notes.txt`, "not code\n");
 * const items = listDirectory("src", dir, {});
 * assert.deepEqual(items.map((item) => item.found?.path), ["src/app.py"]);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function listDirectory(path: string, fsPath: string, options: WalkOptions): WalkItem[] {
  const out: WalkItem[] = [];
  walk(path, fsPath, absolute(fsPath), options.ignoreLayers ?? [], options, out);
  return out;
}

function walk(
  path: string,
  fsPath: string,
  abs: string,
  inherited: IgnoreLayer[],
  options: WalkOptions,
  out: WalkItem[],
): void {
  let entries: Deno.DirEntry[];
  try {
    entries = Array.from(Deno.readDirSync(fsPath));
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    const message = error instanceof Error ? error.message : String(error);
    out.push({
      outcome: {
        skipped: {
          path,
          skipped: { reason: "unreadable", detail: `Could not list directory ${path}: ${message}` },
        },
      },
    });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  let layers = inherited;
  if (entries.some((entry) => entry.name === ".gitignore" && !entry.isDirectory)) {
    const rules = readGitignore(join(fsPath, ".gitignore"));
    if (rules) layers = [...inherited, { base: abs, rules }];
  }

  for (const entry of entries) {
    if (entry.isDirectory) {
      if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
      const childFs = join(fsPath, entry.name);
      if (entry.name === "env" && exists(join(childFs, "pyvenv.cfg"))) continue;
      const childAbs = join(abs, entry.name);
      if (isIgnored(layers, childAbs, true)) continue;
      walk(childPathOf(path, entry.name), childFs, childAbs, layers, options, out);
      continue;
    }
    // Links to directories are never followed, so any other entry is left out unless its extension is of a
    // wanted language: testing that first spares a stat per unrelated link.
    const language = detectLanguage(entry.name);
    if (language === undefined || (options.language !== undefined && language !== options.language)) continue;
    if (!entry.isFile && !entry.isSymlink) continue; // sockets, FIFOs, devices
    const childFs = join(fsPath, entry.name);
    let brokenLink = false;
    if (entry.isSymlink) {
      try {
        const target = Deno.statSync(childFs);
        if (target.isDirectory) continue; // never follow directory links: no cycles
        if (!target.isFile) continue; // sockets, FIFOs, devices
      } catch (error) {
        if (error instanceof Deno.errors.NotCapable) throw error;
        brokenLink = true;
      }
    }
    if (layers.length > 0 && isIgnored(layers, join(abs, entry.name), false)) continue;
    if (brokenLink) {
      out.push({
        outcome: {
          skipped: {
            path: childPathOf(path, entry.name),
            language,
            skipped: {
              reason: "unreadable",
              detail: `${
                childPathOf(path, entry.name)
              } is a symbolic link to a missing file; fix or remove the link`,
            },
          },
        },
      });
      continue;
    }
    out.push({ found: { path: childPathOf(path, entry.name), fsPath: childFs, language } });
  }
}

/**
 * Whether the `.gitignore` layers (outermost first) ignore an absolute path: the last matching rule of the
 * deepest file that has one wins.
 *
 * @param layers The `.gitignore` files in effect, outermost first.
 * @param abs Absolute path of the file or directory.
 * @param isDirectory Whether it is a directory.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { Gitignore } from "./gitignore.ts";
 * import { isIgnored } from "./walk.ts";
 *
 * const layers = [
 *   { base: "/repo", rules: new Gitignore("*.gen.py\n") },
 *   { base: "/repo/app", rules: new Gitignore("!keep.gen.py\n") },
 * ];
 * assert.equal(isIgnored(layers, "/repo/lib/x.gen.py", false), true);
 * assert.equal(isIgnored(layers, "/repo/app/keep.gen.py", false), false);
 * ```
 */
export function isIgnored(layers: readonly IgnoreLayer[], abs: string, isDirectory: boolean): boolean {
  let verdict: "ignored" | "included" | undefined;
  for (const layer of layers) {
    const rel = toSlashes(relative(layer.base, abs));
    if (rel === "" || rel === ".." || rel.startsWith("../")) continue;
    verdict = layer.rules.match(rel, isDirectory) ?? verdict;
  }
  return verdict === "ignored";
}

/**
 * The `.gitignore` layers of the directories above `dir` up to the root of its git work tree (the nearest
 * ancestor holding `.git`), outermost first; none when `dir` is not inside a work tree or is its root.
 *
 * @param dir The directory about to be walked.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { ancestorIgnoreLayers } from "./walk.ts";
 *
 * const repo = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${repo}/.git`);
 * Deno.mkdirSync(`${repo}/app`);
 * Deno.writeTextFileSync(`${repo}/.gitignore`, "*.gen.py\n");
 * assert.equal(ancestorIgnoreLayers(`${repo}/app`).length, 1);
 * assert.deepEqual(ancestorIgnoreLayers(repo), []); // the work-tree root itself
 * Deno.removeSync(repo, { recursive: true });
 * ```
 */
export function ancestorIgnoreLayers(dir: string): IgnoreLayer[] {
  const start = absolute(dir);
  if (exists(join(start, ".git"))) return [];
  const ancestors: string[] = [];
  let current = start;
  while (true) {
    const parent = dirname(current);
    if (parent === current) return []; // reached the file-system root: not in a work tree
    current = parent;
    ancestors.unshift(current);
    if (exists(join(current, ".git"))) break;
  }
  const layers: IgnoreLayer[] = [];
  for (const base of ancestors) {
    const rules = readGitignore(join(base, ".gitignore"));
    if (rules) layers.push({ base, rules });
  }
  return layers;
}

function readGitignore(fsPath: string): Gitignore | undefined {
  try {
    return new Gitignore(Deno.readTextFileSync(fsPath));
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    return undefined; // missing or unreadable .gitignore: as git, carry on without it
  }
}

function exists(fsPath: string): boolean {
  try {
    Deno.lstatSync(fsPath);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    return false;
  }
}

/** The reported path of a directory entry: `.` gives bare names. */
function childPathOf(dir: string, name: string): string {
  return dir === "." ? name : `${dir}/${name}`;
}

function absolute(fsPath: string): string {
  return resolve(fsPath);
}

function toSlashes(path: string): string {
  return SEPARATOR === "/" ? path : path.replaceAll(SEPARATOR, "/");
}
