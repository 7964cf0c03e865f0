/**
 * Which plug-in handles each language. A language without one is reported as unsupported by the caller.
 *
 * @module
 */
import type { Language } from "../types.ts";
import type { LanguagePlugin } from "./language_plugin.ts";
import { pythonPlugin } from "./python/mod.ts";

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
  go: undefined,
  typescript: undefined,
  javascript: undefined,
  java: undefined,
};
