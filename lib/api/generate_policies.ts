/**
 * `generatePolicies`: source paths → IAM identity policies, the library form of `generate-policies`.
 *
 * @module
 */
import type { KnowledgeBase } from "../knowledge/knowledge_base.ts";
import { partitionFor, permissionsFor, type PermissionsResult } from "../permissions/mod.ts";
import { buildPolicies, DEFAULT_RESOURCE_CUTOFF, type PolicySet } from "../policy/mod.ts";
import { type GeneratePoliciesOutput, generatePoliciesOutput } from "../output/mod.ts";
import type { SkippedFile } from "../sources/mod.ts";
import type { SdkCall } from "../types.ts";
import { closestMatches } from "../text/closest_matches.ts";
import { analyzeProject, type AnalyzeProjectOptions, type ProjectAnalysis } from "./analyze_project.ts";

/** Options of {@linkcode generatePolicies}. */
export interface GeneratePoliciesOptions extends AnalyzeProjectOptions {
  /** Region for ARNs and conditions; `*` (default) for any. */
  region?: string;
  /** Account id for ARNs; `*` (default) for any. */
  account?: string;
  /** Actions (glob patterns) whose explanations to include: `*`, `s3:*`, `ec2:Describe*`. */
  explain?: string[];
  /** One policy per call, statements with Sids, no merging. */
  individualPolicies?: boolean;
  /** Allow statements of different services to merge (fewer, larger statements). */
  minimizePolicySize?: boolean;
  /** An action with more resource ARNs than this gets Resource `*` (default 4). */
  resourceCutoff?: number;
}

/** Everything `generatePolicies` computed, for the CLI, the MCP server and library users. */
export interface GeneratePoliciesResult {
  /** The upstream-compatible JSON object (`Policies`, `Explanations`, `Warnings`, `KnowledgeBase`). */
  output: GeneratePoliciesOutput;
  policySet: PolicySet;
  permissions: PermissionsResult;
  analysis: ProjectAnalysis;
  skipped: SkippedFile[];
  /** Calls that matched no SDK operation (kept for `--explain` and debugging). */
  unresolved: SdkCall[];
  /** Partition derived from the region. */
  partition: string;
  /** Things the user should know that did not stop the analysis (e.g. an unfamiliar region name). */
  notices: string[];
}

/**
 * Analyses the given paths and returns the IAM policies the code needs. `kb` may be a database still opening
 * (`KnowledgeBase.open()` not awaited): it then opens while the files are read and parsed.
 *
 * @example
 * ```ts ignore
 * const kb = await KnowledgeBase.open();
 * const { output } = await generatePolicies(kb, { paths: ["app/"], region: "us-east-1" });
 * console.log(JSON.stringify(output.Policies[0].Policy, null, 2));
 * ```
 * @throws {UnknownRegionError} `region` matches no partition.
 * @throws {UnknownServiceHintError} a hint names no service.
 * @throws {InputPathError} a path does not exist.
 */
export async function generatePolicies(
  kb: KnowledgeBase | Promise<KnowledgeBase>,
  options: GeneratePoliciesOptions,
): Promise<GeneratePoliciesResult> {
  const region = options.region ?? "*";
  const account = options.account ?? "*";
  let partition = "*";
  const notices: string[] = [];
  const checkRegion = (ready: KnowledgeBase): KnowledgeBase => {
    partition = partitionFor(region, ready);
    if (region !== "*" && !ready.knownRegions().includes(region)) {
      const near = closestMatches(region, ready.knownRegions(), 2, 1);
      notices.push(
        `region '${region}' is not one this knowledge database lists${
          near.length ? ` (did you mean ${near[0]}?)` : ""
        }; using partition ${partition}`,
      );
    }
    return ready;
  };
  // A database still opening is checked as soon as it is open, while the files are read and parsed.
  const knowledge = kb instanceof Promise ? kb.then(checkRegion) : checkRegion(kb);
  const analysis = await analyzeProject(knowledge, options);
  kb = await knowledge;
  const permissions = permissionsFor(analysis.resolved.operations, kb, { region, account, partition });
  const policySet = buildPolicies(permissions.permissions, {
    region,
    account,
    partition,
    resourceCutoff: options.resourceCutoff ?? DEFAULT_RESOURCE_CUTOFF,
    individualPolicies: options.individualPolicies,
    minimizePolicySize: options.minimizePolicySize,
  });
  const output = generatePoliciesOutput(
    { policySet, permissions: permissions.permissions, knowledgeBaseVersion: kb.version },
    { explain: options.explain },
  );
  return {
    output,
    policySet,
    permissions,
    analysis,
    skipped: analysis.skipped,
    unresolved: analysis.resolved.unresolved,
    partition,
    notices,
  };
}
