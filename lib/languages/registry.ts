/**
 * Which plug-in handles each language. A language without one is reported as unsupported by the caller.
 *
 * @module
 */
import type { Language } from "../types.ts";
import type { LanguagePlugin } from "./language_plugin.ts";
import { goPlugin } from "./go/mod.ts";
import { pythonPlugin } from "./python/mod.ts";
import { typescriptPlugin } from "./typescript/mod.ts";

/**
 * Language → plug-in (`undefined` while a language has none).
 *
 * @example
 * ```ts ignore
 * const plugin = languagePlugins[file.language];
 * if (!plugin) skip(file, "unsupported-language");
 * ```
 */
export const languagePlugins: Record<Language, LanguagePlugin | undefined> = {
  python: pythonPlugin as LanguagePlugin,
  go: goPlugin as LanguagePlugin,
  typescript: typescriptPlugin as LanguagePlugin,
  javascript: typescriptPlugin as LanguagePlugin,
  java: undefined,
};
