/**
 * The Go (AWS SDK for Go v2) language plug-in: {@linkcode goPlugin} and its patterns, in the order they run.
 *
 * @example
 * ```ts ignore
 * import { goPlugin } from "./mod.ts";
 * const facts = await Promise.all(files.map((f) => goPlugin.analyzeFile(f)));
 * const calls = goPlugin.linkProject(facts, kb);
 * ```
 *
 * @module
 */
import type { LanguagePlugin } from "../language_plugin.ts";
import { analyzeGoFile } from "./analyze_file.ts";
import type { GoFileFacts } from "./facts.ts";
import { linkGoProject } from "./link_project.ts";
import type { GoPattern } from "./pattern.ts";
import { clientCreationPattern } from "./patterns/client_creation.ts";
import { clientMethodCallPattern } from "./patterns/client_method_call.ts";
import { environmentVariablePattern } from "./patterns/environment_variable.ts";
import { featureFunctionPattern } from "./patterns/feature_function.ts";
import { featureUtilityPattern } from "./patterns/feature_utility.ts";
import { helperFunctionPattern } from "./patterns/helper_function.ts";
import { inputStructPattern } from "./patterns/input_struct.ts";
import { interfaceMethodCallPattern } from "./patterns/interface_method_call.ts";
import { methodValuePattern } from "./patterns/method_value.ts";
import { paginatorPattern } from "./patterns/paginator.ts";
import { presignClientPattern } from "./patterns/presign_client.ts";
import { valueHelpersPattern } from "./patterns/value_helpers.ts";
import { waiterPattern } from "./patterns/waiter.ts";

export type { GoFileFacts } from "./facts.ts";
export type { GoPattern } from "./pattern.ts";

/**
 * Go patterns in evaluation/claim order: value patterns first, then constructs with their own receivers,
 * package-level functions, and the method-call catch-alls last. A new idiom is a new file in `patterns/`
 * added here.
 */
export const GO_PATTERNS: readonly GoPattern[] = [
  // Claims only the method-value sites (`invoke(ctx, client.GetObject, in)`), before any pattern reads them
  // as calls.
  methodValuePattern,
  environmentVariablePattern,
  valueHelpersPattern,
  inputStructPattern,
  clientCreationPattern,
  presignClientPattern,
  paginatorPattern,
  waiterPattern,
  featureUtilityPattern,
  featureFunctionPattern,
  helperFunctionPattern,
  interfaceMethodCallPattern,
  clientMethodCallPattern,
];

/**
 * The Go plug-in.
 *
 * @example
 * ```ts ignore
 * const facts = await goPlugin.analyzeFile({ path: "main.go", language: "go", text });
 * if (facts.error) console.warn(`${facts.file}:${facts.error.line}: ${facts.error.message}`);
 * ```
 */
export const goPlugin: LanguagePlugin<GoFileFacts> = {
  id: "go",
  languages: ["go"],
  patternIds: GO_PATTERNS.map((p) => p.id),
  analyzeFile: analyzeGoFile,
  linkProject: (facts, kb) => linkGoProject(facts, kb, GO_PATTERNS),
};
