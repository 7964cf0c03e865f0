/**
 * The result types of the source-collection stage.
 *
 * @module
 */

import type { Language, SkipReason, SourceFile } from "../types.ts";

/**
 * A file (or, for `unreadable`, a directory) that was not analysed.
 *
 * Like {@linkcode SourceFile} but `skipped` is always set and `language` is absent when it could not be told
 * (`unsupported-language`, or an unreadable directory).
 */
export interface SkippedFile {
  /** Path as given or as found while walking (forward slashes). */
  path: string;
  /** Language by extension or `--language`, when known. */
  language?: Language;
  /** Why it was skipped; `detail` says more for people. */
  skipped: { reason: SkipReason; detail: string };
}

/** What {@linkcode collectSourceFiles} found. */
export interface CollectResult {
  /** Readable UTF-8 source files, with `text`, sorted by path. */
  files: SourceFile[];
  /** Files that were not analysed, with the reason, sorted by path. */
  skipped: SkippedFile[];
}

/** Options of {@linkcode collectSourceFiles}. */
export interface CollectOptions {
  /**
   * Treat every explicitly given file as this language, whatever its extension; walked directories then only
   * yield files with this language's extensions.
   */
  language?: Language;
  /** Files larger than this many bytes are skipped as `too-large`. Default {@linkcode DEFAULT_MAX_FILE_BYTES}. */
  maxFileBytes?: number;
  /**
   * Called once, after every path is walked and before any file is read, with the files about to be read
   * (duplicates dropped, in walk order). Lets a caller prepare for the amount of work (e.g. start workers)
   * while the files are read.
   */
  onListed?: (files: readonly ListedFile[]) => void;
}

/** A file {@linkcode CollectOptions.onListed} hears of: found, not read yet. */
export interface ListedFile {
  /** Path as given or as found while walking (forward slashes). */
  path: string;
  /** Its language, by extension or `--language`. */
  language: Language;
}

/** The default of {@linkcode CollectOptions.maxFileBytes}: 2 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
