/**
 * The first stage: from the paths a user gives to readable source files and skip reasons.
 *
 * @module
 */

import { posix } from "node:path";
import type { SourceFile } from "../types.ts";
import { InputPathError } from "./errors.ts";
import { detectLanguage, extensionOf, supportedExtensionsText } from "./language.ts";
import { readSourceFile } from "./read.ts";
import {
  type CollectOptions,
  type CollectResult,
  DEFAULT_MAX_FILE_BYTES,
  type ListedFile,
  type SkippedFile,
} from "./result.ts";
import { ancestorIgnoreLayers, listDirectory, type WalkItem } from "./walk.ts";

/** How long reading may hold the event loop before it lets other work (timers, messages) run, in ms. */
const READ_SLICE_MS = 50;

/**
 * Collects the source files under `paths`: files given explicitly, and directories walked recursively.
 *
 * - Walking skips `.git`, `.hg`, `.svn`, `node_modules`, `.venv`, `venv`, `env` (when it holds `pyvenv.cfg`),
 *   `__pycache__`, `vendor`, `build`, `dist`, `target`, `.tox`, `.mypy_cache` and `site-packages`, honours
 *   `.gitignore` files (in the walked tree, and above it up to the root of its git work tree), leaves out files
 *   with unsupported extensions silently, follows file symlinks and does not follow directory symlinks.
 * - An explicit file is always considered (even if git-ignored); with an unknown extension and no
 *   `options.language` it is skipped as `unsupported-language`.
 * - Files are skipped as `unreadable`, `binary`, `not-utf8` or `too-large` with a detail for people.
 * - Paths use forward slashes and stay relative as given (`./app` walks to `app/x.py`); duplicates are dropped;
 *   both lists are sorted by path.
 * - Every path is walked before any file is read; `options.onListed` then hears which files will be read.
 *   File-system calls are synchronous (much cheaper per file than asynchronous ones); reading gives the event
 *   loop a turn every 50 ms.
 *
 * @param paths Files and directories, as the user gave them.
 * @param options Language override and size limit.
 * @returns The readable files (with text) and the skipped ones.
 * @throws {InputPathError} When a path does not exist, before any file is read.
 * @throws {RangeError} When `options.maxFileBytes` is not a non-negative number.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { collectSourceFiles } from "./collect.ts";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/app.py`, "import boto3\n");
 * await Deno.writeTextFile(`${dir}/.gitignore`, "generated.py\n");
 * await Deno.writeTextFile(`${dir}/generated.py`, "x = 1\n");
 * const { files, skipped } = await collectSourceFiles([dir]);
 * assert.deepEqual(files.map((f) => [f.path.slice(dir.length), f.language]), [["/app.py", "python"]]);
 * assert.equal(skipped.length, 0);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function collectSourceFiles(
  paths: string[],
  options: CollectOptions = {},
): Promise<CollectResult> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (!Number.isFinite(maxFileBytes) || maxFileBytes < 0) {
    throw new RangeError(`maxFileBytes must be a non-negative number of bytes, got ${maxFileBytes}`);
  }

  // Check every path first so that a typo fails fast, before any reading.
  const inputs: { given: string; info?: Deno.FileInfo; statError?: unknown }[] = [];
  for (const given of paths) {
    try {
      inputs.push({ given, info: Deno.statSync(given) });
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) throw new InputPathError(given, { cause: error });
      if (error instanceof Deno.errors.NotCapable) throw error;
      inputs.push({ given, statError: error });
    }
  }

  // Walk everything first: the files to read, and what is already known to be skipped, in input order.
  const items: WalkItem[] = [];
  for (const { given, info, statError } of inputs) {
    const path = displayPath(given);
    if (info?.isDirectory) {
      const walked = listDirectory(path, given, {
        language: options.language,
        ignoreLayers: ancestorIgnoreLayers(given),
      });
      // A loop, not push(...spread): a large tree has more files than the engine's argument limit.
      for (const item of walked) items.push(item);
      continue;
    }
    const language = options.language ?? detectLanguage(given);
    if (language === undefined) {
      const ext = extensionOf(given);
      items.push({
        outcome: {
          skipped: {
            path,
            skipped: {
              reason: "unsupported-language",
              detail: `${ext ? `Unsupported file extension "${ext}"` : "No file extension"} on ${path}; ` +
                `supported extensions are ${supportedExtensionsText()}. ` +
                `Pass a language (--language) to analyse it anyway.`,
            },
          },
        },
      });
      continue;
    }
    if (statError !== undefined) {
      const message = statError instanceof Error ? statError.message : String(statError);
      items.push({
        outcome: {
          skipped: {
            path,
            language,
            skipped: { reason: "unreadable", detail: `Could not read ${path}: ${message}` },
          },
        },
      });
      continue;
    }
    items.push({ found: { path, fsPath: given, language } });
  }

  // Drop duplicates before reading (the first one found wins).
  const seen = new Set<string>();
  const unique = items.filter((item) => {
    const path = item.found?.path ?? item.outcome!.file?.path ?? item.outcome!.skipped!.path;
    if (seen.has(path)) return false;
    seen.add(path);
    return true;
  });
  if (options.onListed) {
    const listed: ListedFile[] = [];
    for (const item of unique) {
      if (item.found) listed.push({ path: item.found.path, language: item.found.language });
    }
    options.onListed(listed);
  }

  const files: SourceFile[] = [];
  const skipped: SkippedFile[] = [];
  let sliceStart = performance.now();
  for (const item of unique) {
    if (item.found && performance.now() - sliceStart > READ_SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
    const outcome = item.found
      ? readSourceFile(item.found.path, item.found.fsPath, item.found.language, maxFileBytes)
      : item.outcome;
    if (outcome.file) files.push(outcome.file);
    else skipped.push(outcome.skipped!);
  }
  return { files: sortByPath(files), skipped: sortByPath(skipped) };
}

/**
 * The path to report for a user-given path: forward slashes, `.` segments and doubled or trailing slashes
 * removed, otherwise as given (relative stays relative).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { displayPath } from "./collect.ts";
 *
 * assert.equal(displayPath("./app/"), "app");
 * assert.equal(displayPath("../lib//x.py"), "../lib/x.py");
 * assert.equal(displayPath("."), ".");
 * ```
 */
export function displayPath(given: string): string {
  const slashed = Deno.build.os === "windows" ? given.replaceAll("\\", "/") : given;
  const normal = posix.normalize(slashed);
  return normal.length > 1 && normal.endsWith("/") ? normal.slice(0, -1) : normal;
}

function sortByPath<T extends { path: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
