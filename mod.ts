/**
 * iam-policy-autopilot: reads an application's source code and writes the AWS IAM identity policy it
 * needs, offline, from a knowledge database of AWS SDK models and the Service Authorization Reference.
 *
 * @example
 * ```ts ignore
 * import { describeOperation, KnowledgeBase } from "@awslabs/iam-policy-autopilot";
 * const kb = await KnowledgeBase.open();
 * console.log(describeOperation(kb, "s3", "GetObject").actions.map((a) => a.action));
 * kb.close();
 * ```
 *
 * @module
 */
export * from "./lib/types.ts";
export * from "./lib/errors.ts";
export * from "./lib/knowledge/mod.ts";
export * from "./lib/knowledge/describe_operation.ts";
export { VERSION } from "./lib/version.ts";
export {
  generatePolicies,
  type GeneratePoliciesOptions,
  type GeneratePoliciesResult,
} from "./lib/api/generate_policies.ts";
export {
  type ExtractedCall,
  type ExtractedCallFull,
  extractSdkCalls,
  type ExtractSdkCallsResult,
} from "./lib/api/extract_sdk_calls.ts";
export type { AnalyzeProjectOptions, ProjectAnalysis } from "./lib/api/analyze_project.ts";

// `deno run -A jsr:@awslabs/iam-policy-autopilot <command>` runs this module: behave as the CLI then.
if (import.meta.main) {
  const { runCli } = await import("./cli.ts");
  Deno.exit(await runCli(Deno.args));
}
