/**
 * The contract every language plug-in implements. Extraction runs in two phases so that per-file work can
 * run anywhere (a Worker, a cache) and only cheap linking needs the whole project:
 *
 * 1. {@linkcode LanguagePlugin.analyzeFile}: parse one file and return plain, JSON-serialisable
 *    {@linkcode FileFacts} (bindings, imports, call sites). No knowledge base, no other files.
 * 2. {@linkcode LanguagePlugin.linkProject}: given the facts of every file of the language and the knowledge
 *    base, resolve receivers across modules and produce {@linkcode SdkCall}s.
 *
 * A plug-in may also split phase 1 ({@linkcode LanguagePlugin.packFile} / `collectPackedFile`): workers then
 * send back a compact syntax tree, moved rather than copied, and the facts are collected on the linking thread.
 *
 * @module
 */
import type { KnowledgeBase } from "../knowledge/knowledge_base.ts";
import type { Language, SdkCall, SourceFile } from "../types.ts";

/** A syntax error that stops a file from being analysed (1-based line and column of the first one). */
export interface FileSyntaxError {
  message: string;
  line: number;
  column: number;
}

/**
 * What phase 1 learned about one file. `facts` is language-specific but always plain data
 * (structured-clone and JSON safe), so it can cross a Worker boundary or be cached.
 */
export interface FileFacts<Facts = unknown> {
  /** The file's path, as in {@linkcode SourceFile.path}. */
  file: string;
  language: Language;
  /** Set when the file could not be analysed; the caller skips it and says so. `facts` is then absent. */
  error?: FileSyntaxError;
  facts?: Facts;
}

/**
 * Phase 1's first half for one file (see {@linkcode LanguagePlugin.packFile}): the file's syntax tree in a
 * compact form whose `transfer` buffers move to another thread without copying; or its `error`.
 */
export interface PackedFile<Packed = unknown> {
  /** The file's path, as in {@linkcode SourceFile.path}. */
  file: string;
  language: Language;
  /** As in {@linkcode FileFacts}: the file could not be analysed, `packed` is absent. */
  error?: FileSyntaxError;
  packed?: Packed;
  /** The ArrayBuffers inside `packed`, to transfer with it. */
  transfer?: ArrayBuffer[];
}

/**
 * A language plug-in.
 *
 * @example
 * ```ts ignore
 * import { pythonPlugin } from "./python/mod.ts";
 * const facts = await Promise.all(files.map((f) => pythonPlugin.analyzeFile(f)));
 * for (const f of facts) if (f.error) warn(`${f.file}:${f.error.line}:${f.error.column}: ${f.error.message}`);
 * const calls = pythonPlugin.linkProject(facts, kb);
 * ```
 */
export interface LanguagePlugin<Facts = unknown, Options = unknown> {
  /** Plug-in id: the main language it handles. */
  readonly id: Language;
  /** Every language whose files this plug-in analyses (TypeScript also takes JavaScript). */
  readonly languages: readonly Language[];
  /** Stable ids of the patterns the plug-in knows, for `--explain` and documentation. */
  readonly patternIds: readonly string[];
  /**
   * Options for phase 1, worked out once from all the files of the plug-in's languages before any is analysed
   * (plain JSON data: they travel to the workers with every batch).
   */
  prepareAnalysis?(files: readonly SourceFile[]): Options;
  /** Phase 1: parse one file. Never throws for bad source; reports it in `error`. */
  analyzeFile(file: SourceFile, options?: Options): Promise<FileFacts<Facts>>;
  /**
   * Phase 1 in two halves, for worker threads (optional): `packFile` parses the file where it runs and returns
   * its syntax tree in a compact, transferable form; `collectPackedFile` turns that into the very facts
   * `analyzeFile` gives, on the thread that links. Facts are several times larger than such a tree, and copying
   * them between threads (serialise, then parse) costs more than collecting them where they are used.
   */
  packFile?(file: SourceFile, options?: Options): Promise<PackedFile>;
  /** The second half of phase 1 (see {@linkcode LanguagePlugin.packFile}); `file` has the text that was parsed. */
  collectPackedFile?(packed: PackedFile, file: SourceFile, options?: Options): Promise<FileFacts<Facts>>;
  /** Phase 2: resolve across files. Facts with `error` are ignored. Calls come in input order, then source order. */
  linkProject(facts: readonly FileFacts<Facts>[], kb: KnowledgeBase): SdkCall[];
}
