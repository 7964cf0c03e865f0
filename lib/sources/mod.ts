/**
 * The first stage of the analysis: collect the source files to analyse from the paths a user gives, with their
 * language and text, or the reason each one was skipped.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { collectSourceFiles } from "./mod.ts";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/app.py`, "import boto3\n");
 * await Deno.writeFile(`${dir}/blob.py`, new Uint8Array([0x78, 0x00]));
 * const { files, skipped } = await collectSourceFiles([dir], { maxFileBytes: 1024 * 1024 });
 * assert.deepEqual(files.map((file) => file.language), ["python"]);
 * assert.deepEqual(skipped.map((file) => file.skipped.reason), ["binary"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 *
 * @module
 */

export { collectSourceFiles, displayPath } from "./collect.ts";
export { InputPathError } from "./errors.ts";
export { Gitignore, type GitignoreRule, parseGitignore } from "./gitignore.ts";
export {
  detectLanguage,
  extensionOf,
  LANGUAGE_EXTENSIONS,
  LANGUAGES,
  supportedExtensionsText,
} from "./language.ts";
export { BINARY_SNIFF_BYTES, type ReadOutcome, readSourceFile } from "./read.ts";
export {
  type CollectOptions,
  type CollectResult,
  DEFAULT_MAX_FILE_BYTES,
  type ListedFile,
  type SkippedFile,
} from "./result.ts";
export { firstInvalidUtf8Offset } from "./utf8.ts";
export { SKIPPED_DIRECTORIES } from "./walk.ts";
