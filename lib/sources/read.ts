/**
 * Reading one source file and classifying it: text, or a skip reason.
 *
 * @module
 */

import type { Language, SourceFile } from "../types.ts";
import type { SkippedFile } from "./result.ts";
import { firstInvalidUtf8Offset } from "./utf8.ts";

/** How many leading bytes are searched for a NUL byte to tell binary files. */
export const BINARY_SNIFF_BYTES = 8192;

/** The outcome of {@linkcode readSourceFile}: the file with its text, or why it was skipped. */
export type ReadOutcome = { file: SourceFile; skipped?: never } | { file?: never; skipped: SkippedFile };

/**
 * Reads `fsPath` and classifies it: `too-large` (more than `maxFileBytes`), `unreadable` (permission or I/O
 * error, or not a regular file), `binary` (a NUL byte in the first 8 KiB), `not-utf8` (with the byte offset of
 * the first invalid sequence), or readable text (a leading byte-order mark is dropped).
 *
 * Deno's own missing `--allow-read` permission is not a skip reason: that error propagates.
 *
 * @param path The path to report (as given or as found while walking).
 * @param fsPath The path to read (often the same).
 * @param language The file's language.
 * @param maxFileBytes Size limit in bytes.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSourceFile } from "./read.ts";
 *
 * const path = await Deno.makeTempFile({ suffix: ".py" });
 * await Deno.writeTextFile(path, "import boto3\n");
 * const outcome = await readSourceFile("app.py", path, "python", 1024);
 * assert.equal(outcome.file?.text, "import boto3\n");
 * await Deno.remove(path);
 * ```
 */
export async function readSourceFile(
  path: string,
  fsPath: string,
  language: Language,
  maxFileBytes: number,
): Promise<ReadOutcome> {
  const skip = (reason: SkippedFile["skipped"]["reason"], detail: string): ReadOutcome => ({
    skipped: { path, language, skipped: { reason, detail } },
  });
  let bytes: Uint8Array;
  try {
    // Stat before opening: opening a FIFO would block until something writes to it.
    const info = await Deno.stat(fsPath);
    if (!info.isFile) {
      return skip("unreadable", `${path} is not a regular file; give a source file or directory`);
    }
    if (info.size > maxFileBytes) return skip("too-large", tooLargeDetail(info.size, maxFileBytes));
    using handle = await Deno.open(fsPath, { read: true });
    bytes = await readAll(handle, info.size, maxFileBytes);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    if (error instanceof TooLarge) return skip("too-large", tooLargeDetail(error.size, maxFileBytes));
    if (error instanceof Deno.errors.PermissionDenied) {
      return skip("unreadable", `Permission denied reading ${path}; make it readable or leave it out`);
    }
    const message = error instanceof Error ? error.message : String(error);
    return skip("unreadable", `Could not read ${path}: ${message}`);
  }
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  const nul = sniff.indexOf(0);
  if (nul !== -1) {
    return skip("binary", `${path} looks binary (NUL byte at offset ${nul}); give source files only`);
  }
  try {
    return { file: { path, language, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) } };
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    return skip(
      "not-utf8",
      `${path} is not valid UTF-8 (first invalid byte 0x${
        (bytes[offset] ?? 0).toString(16).padStart(2, "0")
      } at offset ${offset}); convert it to UTF-8 (e.g. iconv -f latin1 -t utf-8) to analyse it`,
    );
  }
}

function tooLargeDetail(size: number, limit: number): string {
  return `File is ${size} bytes, over the limit of ${limit} bytes; raise the size limit (maxFileBytes) to analyse it`;
}

class TooLarge extends Error {
  constructor(readonly size: number) {
    super(`file grew to ${size} bytes while reading`);
  }
}

/** Reads to the end, failing with {@linkcode TooLarge} once more than `limit` bytes arrive (files can grow). */
async function readAll(handle: Deno.FsFile, expected: number, limit: number): Promise<Uint8Array> {
  let buffer = new Uint8Array(Math.max(expected, 1024));
  let length = 0;
  while (true) {
    if (length === buffer.length) {
      const bigger = new Uint8Array(buffer.length * 2);
      bigger.set(buffer);
      buffer = bigger;
    }
    const n = await handle.read(buffer.subarray(length));
    if (n === null) break;
    length += n;
    if (length > limit) throw new TooLarge(length);
  }
  return buffer.subarray(0, length);
}
