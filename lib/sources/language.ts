/**
 * Language detection by file extension.
 *
 * @module
 */

import type { Language } from "../types.ts";

/** File extensions (lower case, with the dot) of each language, in the order they are documented. */
export const LANGUAGE_EXTENSIONS: Readonly<Record<Language, readonly string[]>> = {
  python: [".py"],
  go: [".go"],
  typescript: [".ts", ".tsx", ".mts", ".cts"],
  javascript: [".js", ".jsx", ".mjs", ".cjs"],
  java: [".java"],
};

/** Every language, in a stable order. */
export const LANGUAGES: readonly Language[] = ["python", "go", "typescript", "javascript", "java"];

const BY_EXTENSION: ReadonlyMap<string, Language> = new Map(
  LANGUAGES.flatMap((language) => LANGUAGE_EXTENSIONS[language].map((ext) => [ext, language] as const)),
);

/**
 * The extension of a path's last component, lower case and with its dot (`""` when there is none).
 * A leading dot (`.gitignore`) does not start an extension.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { extensionOf } from "./language.ts";
 *
 * assert.equal(extensionOf("src/App.TSX"), ".tsx");
 * assert.equal(extensionOf("src/.gitignore"), "");
 * ```
 */
export function extensionOf(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot).toLowerCase();
}

/**
 * The language of a file, by its extension (case-insensitive), or `undefined` when the extension is not one
 * the analysis understands.
 *
 * `.py` → python; `.go` → go; `.ts .tsx .mts .cts` → typescript; `.js .jsx .mjs .cjs` → javascript;
 * `.java` → java.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { detectLanguage } from "./language.ts";
 *
 * assert.equal(detectLanguage("app/handler.py"), "python");
 * assert.equal(detectLanguage("web/index.mjs"), "javascript");
 * assert.equal(detectLanguage("README.md"), undefined);
 * ```
 */
export function detectLanguage(path: string): Language | undefined {
  return BY_EXTENSION.get(extensionOf(path));
}

/**
 * A sentence listing the supported extensions, for error messages.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { supportedExtensionsText } from "./language.ts";
 *
 * assert.match(supportedExtensionsText(), /\.py \(python\)/);
 * ```
 */
export function supportedExtensionsText(): string {
  return LANGUAGES.map((language) => `${LANGUAGE_EXTENSIONS[language].join(" ")} (${language})`).join(", ");
}
