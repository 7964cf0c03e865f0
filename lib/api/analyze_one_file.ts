/**
 * Phase 1 for one file with the plug-in of its language; an exception becomes a reported error, never a crash.
 *
 * @module
 */
import type { FileFacts } from "../languages/language_plugin.ts";
import { languagePlugins } from "../languages/registry.ts";
import type { SourceFile } from "../types.ts";

/** Runs the file's plug-in; files without a plug-in get an error fact. */
export async function analyzeOneFile(file: SourceFile): Promise<FileFacts> {
  const plugin = languagePlugins[file.language];
  if (!plugin) {
    return {
      file: file.path,
      language: file.language,
      error: { message: `${file.language} is not supported yet`, line: 0, column: 0 },
    };
  }
  try {
    return await plugin.analyzeFile(file);
  } catch (error) {
    return {
      file: file.path,
      language: file.language,
      error: {
        message: `analysis failed: ${error instanceof Error ? error.message : String(error)}`,
        line: 0,
        column: 0,
      },
    };
  }
}
