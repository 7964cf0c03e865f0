/**
 * Phase 1 for one file with the plug-in of its language; an exception becomes a reported error, never a crash.
 *
 * @module
 */
import type { FileFacts, PackedFile } from "../languages/language_plugin.ts";
import { languagePlugins } from "../languages/registry.ts";
import type { Language, SourceFile } from "../types.ts";

/** Phase-1 options of each plug-in for one analysis (see `LanguagePlugin.prepareAnalysis`); plain JSON data. */
export type AnalysisOptions = Partial<Record<Language, unknown>>;

/**
 * Works out every plug-in's phase-1 options from all the files of its languages.
 *
 * @example
 * ```ts ignore
 * const options = prepareAnalysis(files);
 * const facts = await Promise.all(files.map((f) => analyzeOneFile(f, options)));
 * ```
 */
export function prepareAnalysis(files: readonly SourceFile[]): AnalysisOptions {
  const options: AnalysisOptions = {};
  const plugins = new Set(files.map((f) => languagePlugins[f.language]));
  for (const plugin of plugins) {
    if (!plugin?.prepareAnalysis) continue;
    options[plugin.id] = plugin.prepareAnalysis(files.filter((f) => plugin.languages.includes(f.language)));
  }
  return options;
}

/**
 * The first half of phase 1 where the file's plug-in splits it (`LanguagePlugin.packFile`): its packed syntax
 * tree, or its error; `undefined` when the plug-in does not split phase 1 (use {@linkcode analyzeOneFile}).
 *
 * @example
 * ```ts ignore
 * const packed = await packOneFile(file, options); // in a worker
 * const facts = packed ? await collectPackedOneFile(packed, file, options) : await analyzeOneFile(file, options);
 * ```
 */
export async function packOneFile(
  file: SourceFile,
  options: AnalysisOptions = {},
): Promise<PackedFile | undefined> {
  const plugin = languagePlugins[file.language];
  if (!plugin?.packFile || !plugin.collectPackedFile) return undefined;
  try {
    return await plugin.packFile(file, options[plugin.id]);
  } catch (error) {
    return { file: file.path, language: file.language, error: failure(error) };
  }
}

/** The second half of phase 1 (see {@linkcode packOneFile}): the file's facts, from its packed tree and text. */
export async function collectPackedOneFile(
  packed: PackedFile,
  file: SourceFile,
  options: AnalysisOptions = {},
): Promise<FileFacts> {
  const plugin = languagePlugins[file.language];
  try {
    if (!plugin?.collectPackedFile) throw new Error(`no plug-in collects packed ${file.language} files`);
    return await plugin.collectPackedFile(packed, file, options[plugin.id]);
  } catch (error) {
    return { file: file.path, language: file.language, error: failure(error) };
  }
}

function failure(error: unknown): FileFacts["error"] & object {
  return {
    message: `analysis failed: ${error instanceof Error ? error.message : String(error)}`,
    line: 0,
    column: 0,
  };
}

/** Runs the file's plug-in with its options; files without a plug-in get an error fact. */
export async function analyzeOneFile(file: SourceFile, options: AnalysisOptions = {}): Promise<FileFacts> {
  const plugin = languagePlugins[file.language];
  if (!plugin) {
    return {
      file: file.path,
      language: file.language,
      error: { message: `${file.language} is not supported yet`, line: 0, column: 0 },
    };
  }
  try {
    return await plugin.analyzeFile(file, options[plugin.id]);
  } catch (error) {
    return { file: file.path, language: file.language, error: failure(error) };
  }
}
