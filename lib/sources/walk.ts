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
import { type ReadOutcome, readSourceFile } from "./read.ts";

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

/** Options of {@linkcode walkDirectory}. */
export interface WalkOptions {
  /** Only yield files with this language's extensions. */
  language?: Language;
  /** Size limit in bytes, passed to {@linkcode readSourceFile}. */
  maxFileBytes: number;
  /** `.gitignore` files of ancestor directories (see {@linkcode ancestorIgnoreLayers}), outermost first. */
  ignoreLayers?: IgnoreLayer[];
}

/**
 * Walks a directory recursively in name order and reads every source file in it.
 *
 * Files with extensions of no supported language are left out silently. Symbolic links to files are followed;
 * symbolic links to directories are not (which rules out cycles). A directory that cannot be listed is reported
 * as an `unreadable` skip, without a language.
 *
 * @param path The directory as it should appear in reported paths (forward slashes; `.` gives bare names).
 * @param fsPath The directory to read.
 * @param options Language filter, size limit and inherited `.gitignore` layers.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { walkDirectory } from "./walk.ts";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/app.py`, "print(1)\n");
 * await Deno.writeTextFile(`${dir}/notes.txt`, "not code\n");
 * const outcomes = await walkDirectory("src", dir, { maxFileBytes: 1024 });
 * assert.deepEqual(outcomes.map((o) => o.file?.path), ["src/app.py"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function walkDirectory(
  path: string,
  fsPath: string,
  options: WalkOptions,
): Promise<ReadOutcome[]> {
  const out: ReadOutcome[] = [];
  await walk(path, fsPath, absolute(fsPath), options.ignoreLayers ?? [], options, out);
  return out;
}

async function walk(
  path: string,
  fsPath: string,
  abs: string,
  inherited: IgnoreLayer[],
  options: WalkOptions,
  out: ReadOutcome[],
): Promise<void> {
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(fsPath));
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    const message = error instanceof Error ? error.message : String(error);
    out.push({
      skipped: {
        path,
        skipped: { reason: "unreadable", detail: `Could not list directory ${path}: ${message}` },
      },
    });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  let layers = inherited;
  if (entries.some((entry) => entry.name === ".gitignore" && !entry.isDirectory)) {
    const rules = await readGitignore(join(fsPath, ".gitignore"));
    if (rules) layers = [...inherited, { base: abs, rules }];
  }

  for (const entry of entries) {
    const childPath = path === "." ? entry.name : `${path}/${entry.name}`;
    const childFs = join(fsPath, entry.name);
    const childAbs = join(abs, entry.name);
    let isDirectory = entry.isDirectory;
    let isFile = entry.isFile;
    let brokenLink = false;
    if (entry.isSymlink) {
      try {
        const target = await Deno.stat(childFs);
        if (target.isDirectory) continue; // never follow directory links: no cycles
        isFile = target.isFile;
        isDirectory = false;
      } catch (error) {
        if (error instanceof Deno.errors.NotCapable) throw error;
        brokenLink = true;
      }
    }
    if (isDirectory) {
      if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (entry.name === "env" && await exists(join(childFs, "pyvenv.cfg"))) continue;
      if (isIgnored(layers, childAbs, true)) continue;
      await walk(childPath, childFs, childAbs, layers, options, out);
      continue;
    }
    if (!isFile && !brokenLink) continue; // sockets, FIFOs, devices
    const language = detectLanguage(entry.name);
    if (language === undefined || (options.language !== undefined && language !== options.language)) continue;
    if (isIgnored(layers, childAbs, false)) continue;
    if (brokenLink) {
      out.push({
        skipped: {
          path: childPath,
          language,
          skipped: {
            reason: "unreadable",
            detail: `${childPath} is a symbolic link to a missing file; fix or remove the link`,
          },
        },
      });
      continue;
    }
    out.push(await readSourceFile(childPath, childFs, language, options.maxFileBytes));
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
 * const repo = await Deno.makeTempDir();
 * await Deno.mkdir(`${repo}/.git`);
 * await Deno.mkdir(`${repo}/app`);
 * await Deno.writeTextFile(`${repo}/.gitignore`, "*.gen.py\n");
 * const layers = await ancestorIgnoreLayers(`${repo}/app`);
 * assert.equal(layers.length, 1);
 * await Deno.remove(repo, { recursive: true });
 * ```
 */
export async function ancestorIgnoreLayers(dir: string): Promise<IgnoreLayer[]> {
  const start = absolute(dir);
  if (await exists(join(start, ".git"))) return [];
  const ancestors: string[] = [];
  let current = start;
  while (true) {
    const parent = dirname(current);
    if (parent === current) return []; // reached the file-system root: not in a work tree
    current = parent;
    ancestors.unshift(current);
    if (await exists(join(current, ".git"))) break;
  }
  const layers: IgnoreLayer[] = [];
  for (const base of ancestors) {
    const rules = await readGitignore(join(base, ".gitignore"));
    if (rules) layers.push({ base, rules });
  }
  return layers;
}

async function readGitignore(fsPath: string): Promise<Gitignore | undefined> {
  try {
    return new Gitignore(await Deno.readTextFile(fsPath));
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    return undefined; // missing or unreadable .gitignore: as git, carry on without it
  }
}

async function exists(fsPath: string): Promise<boolean> {
  try {
    await Deno.lstat(fsPath);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    return false;
  }
}

function absolute(fsPath: string): string {
  return resolve(fsPath);
}

function toSlashes(path: string): string {
  return SEPARATOR === "/" ? path : path.replaceAll(SEPARATOR, "/");
}
