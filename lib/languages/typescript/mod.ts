/**
 * The TypeScript / JavaScript (AWS SDK for JavaScript v3) language plug-in: {@linkcode typescriptPlugin} and
 * its patterns, in the order they run. `.ts .tsx .mts .cts .js .jsx .mjs .cjs` files all go through it; the
 * grammar is chosen per file by extension.
 *
 * @example
 * ```ts ignore
 * import { typescriptPlugin } from "./mod.ts";
 * const facts = await Promise.all(files.map((f) => typescriptPlugin.analyzeFile(f)));
 * const calls = typescriptPlugin.linkProject(facts, kb);
 * ```
 *
 * @module
 */
import type { LanguagePlugin } from "../language_plugin.ts";
import { analyzeTypeScriptFile } from "./analyze_file.ts";
import type { TsFileFacts } from "./facts.ts";
import { linkTypeScriptProject } from "./link_project.ts";
import type { TsPattern } from "./pattern.ts";
import { aggregatedClientPattern } from "./patterns/aggregated_client.ts";
import { clientCreationPattern } from "./patterns/client_creation.ts";
import { clientMethodCallPattern } from "./patterns/client_method_call.ts";
import { commandSendPattern } from "./patterns/command_send.ts";
import { credentialProvidersPattern } from "./patterns/credential_providers.ts";
import { environmentVariablePattern } from "./patterns/environment_variable.ts";
import { libDynamodbPattern } from "./patterns/lib_dynamodb.ts";
import { libStoragePattern } from "./patterns/lib_storage.ts";
import { libraryModelPattern } from "./patterns/library_model.ts";
import { paginatorPattern } from "./patterns/paginator.ts";
import { presignerPattern } from "./patterns/presigner.ts";
import { rdsSignerPattern } from "./patterns/rds_signer.ts";
import { waiterPattern } from "./patterns/waiter.ts";

export type { TsFileFacts } from "./facts.ts";
export type { TsPattern } from "./pattern.ts";

/**
 * Patterns in evaluation/claim order: value patterns first, then the specific SDK idioms, the catch-all for
 * untracked receivers last. A new idiom is a new file in `patterns/` added here.
 */
export const TYPESCRIPT_PATTERNS: readonly TsPattern[] = [
  environmentVariablePattern,
  clientCreationPattern,
  commandSendPattern,
  libDynamodbPattern,
  libStoragePattern,
  credentialProvidersPattern,
  rdsSignerPattern,
  libraryModelPattern,
  presignerPattern,
  paginatorPattern,
  waiterPattern,
  aggregatedClientPattern,
  clientMethodCallPattern,
];

/**
 * The TypeScript / JavaScript plug-in.
 *
 * @example
 * ```ts ignore
 * const facts = await typescriptPlugin.analyzeFile({ path: "handler.ts", language: "typescript", text });
 * if (facts.error) console.warn(`${facts.file}:${facts.error.line}: ${facts.error.message}`);
 * ```
 */
export const typescriptPlugin: LanguagePlugin<TsFileFacts> = {
  id: "typescript",
  languages: ["typescript", "javascript"],
  patternIds: TYPESCRIPT_PATTERNS.map((p) => p.id),
  analyzeFile: analyzeTypeScriptFile,
  linkProject: (facts, kb) => linkTypeScriptProject(facts, kb, TYPESCRIPT_PATTERNS),
};
