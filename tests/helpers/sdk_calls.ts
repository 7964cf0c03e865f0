/**
 * Test helper for the language plug-ins: reads fixture files as SourceFiles, runs both plug-in phases the way
 * the extractor does (facts cross a Worker boundary as plain data), and writes SdkCalls as short text so
 * tests assert on one line per call.
 *
 * @module
 */
import type { LanguagePlugin } from "../../lib/languages/language_plugin.ts";
import type { KnowledgeBase } from "../../lib/knowledge/knowledge_base.ts";
import type { ArgumentValue, Language, SdkCall, SourceFile } from "../../lib/types.ts";

/**
 * Reads `paths` (relative to `dir`) as SourceFiles of `language`, keeping the relative paths.
 *
 * @example
 * ```ts ignore
 * const files = readFixtureFiles(FIXTURES, "go", "s3_basic/main.go");
 * files[0].path; // "s3_basic/main.go"
 * ```
 */
export function readFixtureFiles(dir: URL, language: Language, paths: readonly string[]): SourceFile[] {
  return paths.map((path) => ({ path, language, text: Deno.readTextFileSync(new URL(path, dir)) }));
}

/**
 * Runs `plugin`'s phase 1 on every file and its phase 2 on the results. The facts go through JSON first:
 * in production they cross a Worker boundary, so a fact that is not plain data must fail here.
 *
 * @example
 * ```ts ignore
 * const calls = await runPlugin(goPlugin, fixtureFiles("s3_basic/main.go"), kb);
 * ```
 */
export async function runPlugin<Facts>(
  plugin: Pick<LanguagePlugin<Facts>, "analyzeFile" | "linkProject">,
  files: readonly SourceFile[],
  kb: KnowledgeBase,
): Promise<SdkCall[]> {
  const facts = await Promise.all(files.map((f) => plugin.analyzeFile(f)));
  const copied = facts.map((f) => structuredClone(JSON.parse(JSON.stringify(f))));
  return plugin.linkProject(copied, kb);
}

/**
 * `file:line:column method [services] Operation` — one line per call.
 *
 * @example
 * ```ts ignore
 * calls.map(summary); // ["main.go:12:2 GetObject [s3]"]
 * ```
 */
export function summary(call: SdkCall): string {
  const file = call.location.file.split("/").pop();
  const op = call.operation ? ` ${call.operation}` : "";
  return `${file}:${call.location.line}:${call.location.column} ${call.method} [${
    call.services.join(",")
  }]${op}`;
}

/**
 * `"x"` literal, `~x*` pattern, `$X` env, `?expr` unresolved, numbers and constants as JSON.
 *
 * @example
 * ```ts
 * import { valueText } from "./sdk_calls.ts";
 * valueText({ kind: "env", name: "BUCKET" }); // "$BUCKET"
 * ```
 */
export function valueText(value: ArgumentValue): string {
  switch (value.kind) {
    case "literal":
      return typeof value.value === "string" ? `"${value.value}"` : JSON.stringify(value.value);
    case "pattern":
      return `~${value.value}`;
    case "env":
      return `$${value.name}`;
    case "unresolved":
      return `?${value.expression}`;
  }
}
