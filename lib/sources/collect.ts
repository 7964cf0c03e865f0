/**
 * The first stage: from the paths a user gives to readable source files and skip reasons.
 *
 * @module
 */

import { posix } from "node:path";
import type { SourceFile } from "../types.ts";
import { InputPathError } from "./errors.ts";
import { detectLanguage, extensionOf, supportedExtensionsText } from "./language.ts";
import { type ReadOutcome, readSourceFile } from "./read.ts";
import {
  type CollectOptions,
  type CollectResult,
  DEFAULT_MAX_FILE_BYTES,
  type SkippedFile,
} from "./result.ts";
import { ancestorIgnoreLayers, walkDirectory } from "./walk.ts";

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
      inputs.push({ given, info: await Deno.stat(given) });
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) throw new InputPathError(given, { cause: error });
      if (error instanceof Deno.errors.NotCapable) throw error;
      inputs.push({ given, statError: error });
    }
  }

  const outcomes: ReadOutcome[] = [];
  for (const { given, info, statError } of inputs) {
    const path = displayPath(given);
    if (info?.isDirectory) {
      outcomes.push(
        ...await walkDirectory(path, given, {
          language: options.language,
          maxFileBytes,
          ignoreLayers: await ancestorIgnoreLayers(given),
        }),
      );
      continue;
    }
    const language = options.language ?? detectLanguage(given);
    if (language === undefined) {
      const ext = extensionOf(given);
      outcomes.push({
        skipped: {
          path,
          skipped: {
            reason: "unsupported-language",
            detail: `${ext ? `Unsupported file extension "${ext}"` : "No file extension"} on ${path}; ` +
              `supported extensions are ${supportedExtensionsText()}. ` +
              `Pass a language (--language) to analyse it anyway.`,
          },
        },
      });
      continue;
    }
    if (statError !== undefined) {
      const message = statError instanceof Error ? statError.message : String(statError);
      outcomes.push({
        skipped: {
          path,
          language,
          skipped: { reason: "unreadable", detail: `Could not read ${path}: ${message}` },
        },
      });
      continue;
    }
    outcomes.push(await readSourceFile(path, given, language, maxFileBytes));
  }

  const files = new Map<string, SourceFile>();
  const skipped = new Map<string, SkippedFile>();
  for (const outcome of outcomes) {
    const path = outcome.file?.path ?? outcome.skipped!.path;
    if (files.has(path) || skipped.has(path)) continue;
    if (outcome.file) files.set(path, outcome.file);
    else skipped.set(path, outcome.skipped!);
  }
  return { files: sortByPath([...files.values()]), skipped: sortByPath([...skipped.values()]) };
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
