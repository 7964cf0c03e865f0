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
 * Synchronous (source files are small: synchronous calls are several times faster than a chain of
 * asynchronous operations per file): stat (a FIFO is never opened: opening it would block until something
 * writes to it), open, read to the end (failing once more than `maxFileBytes` bytes arrive: files can grow
 * while read), close.
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
 * const path = Deno.makeTempFileSync({ suffix: ".py" });
 * Deno.writeTextFileSync(path, "import boto3\n");
 * assert.equal(readSourceFile("app.py", path, "python", 1024).file?.text, "import boto3\n");
 * Deno.writeFileSync(path, new Uint8Array([0x61, 0x00]));
 * assert.equal(readSourceFile("blob.py", path, "python", 1024).skipped?.skipped.reason, "binary");
 * Deno.removeSync(path);
 * ```
 */
export function readSourceFile(
  path: string,
  fsPath: string,
  language: Language,
  maxFileBytes: number,
): ReadOutcome {
  const skip = (reason: SkippedFile["skipped"]["reason"], detail: string): ReadOutcome => ({
    skipped: { path, language, skipped: { reason, detail } },
  });
  let bytes: Uint8Array;
  try {
    // Stat before opening: opening a FIFO would block until something writes to it.
    const info = Deno.statSync(fsPath);
    if (!info.isFile) {
      return skip("unreadable", `${path} is not a regular file; give a source file or directory`);
    }
    if (info.size > maxFileBytes) return skip("too-large", tooLargeDetail(info.size, maxFileBytes));
    using handle = Deno.openSync(fsPath, { read: true });
    bytes = readAllSync(handle, info.size, maxFileBytes);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    if (error instanceof TooLarge) return skip("too-large", tooLargeDetail(error.size, maxFileBytes));
    if (error instanceof Deno.errors.PermissionDenied) {
      return skip("unreadable", `Permission denied reading ${path}; make it readable or leave it out`);
    }
    const message = error instanceof Error ? error.message : String(error);
    return skip("unreadable", `Could not read ${path}: ${message}`);
  }
  // UTF-16 and UTF-32 text is full of NUL bytes: name its encoding rather than calling it binary (Windows
  // editors and PowerShell's `>` write UTF-16).
  const encoding = unicodeEncodingOf(bytes);
  if (encoding) {
    return skip(
      "not-utf8",
      `${path} is ${encoding} text (byte order mark), not UTF-8; convert it (e.g. iconv -f ${
        encoding.split(" ")[0]
      } -t utf-8) to analyse it`,
    );
  }
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  const nul = sniff.indexOf(0);
  if (nul !== -1) {
    return skip("binary", `${path} looks binary (NUL byte at offset ${nul}); give source files only`);
  }
  try {
    return { file: { path, language, text: UTF8.decode(bytes) } };
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

/** The encoding a UTF-16 or UTF-32 byte order mark at the start of `bytes` names, if there is one. */
function unicodeEncodingOf(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe) return c === 0 && d === 0 ? "UTF-32 LE" : "UTF-16 LE";
  if (a === 0xfe && b === 0xff) return "UTF-16 BE";
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return "UTF-32 BE";
  return undefined;
}

/** A fatal decoder that drops a leading byte-order mark; shared (each `decode` call is a complete input). */
const UTF8 = new TextDecoder("utf-8", { fatal: true });

function tooLargeDetail(size: number, limit: number): string {
  return `File is ${size} bytes, over the limit of ${limit} bytes; raise the limit to analyse it (--max-file-size on the command line, maxFileBytes in the library)`;
}

class TooLarge extends Error {
  constructor(readonly size: number) {
    super(`file grew to ${size} bytes while reading`);
  }
}

/**
 * The buffer files are read into, reused from file to file (fresh buffers per file cost more than the reading
 * on large trees); one larger than {@linkcode SCRATCH_KEEP_BYTES} is not kept.
 */
let scratch = new Uint8Array(64 * 1024);
const SCRATCH_KEEP_BYTES = 4 * 1024 * 1024;

/**
 * Reads to the end, failing with {@linkcode TooLarge} once more than `limit` bytes arrive (files can grow).
 * The buffer has room for a byte more than expected, so that a file read whole takes one read plus the one
 * that says end of file. The bytes returned are a view of the shared scratch buffer: use them before the next
 * read.
 */
function readAllSync(handle: Deno.FsFile, expected: number, limit: number): Uint8Array {
  let buffer = scratch.length > expected ? scratch : grow(new Uint8Array(0), expected + 1);
  let length = 0;
  while (true) {
    if (length === buffer.length) buffer = grow(buffer, buffer.length * 2);
    const n = handle.readSync(buffer.subarray(length));
    if (n === null) break;
    length += n;
    if (length > limit) throw new TooLarge(length);
  }
  return buffer.subarray(0, length);
}

/** A buffer of at least `size` bytes starting with `buffer`'s bytes; kept as the scratch buffer if not huge. */
function grow(buffer: Uint8Array, size: number): Uint8Array {
  const bigger = new Uint8Array(Math.max(size, 1024));
  bigger.set(buffer);
  if (bigger.length <= SCRATCH_KEEP_BYTES) scratch = bigger;
  return bigger;
}
