/**
 * The `generate-policies` JSON output, compatible with upstream's, plus the knowledge database version.
 *
 * @module
 */

import type { Permission, PolicyDocument } from "../types.ts";
import type { PolicySet } from "../policy/build_policies.ts";
import type { PolicyWarning } from "../policy/warnings.ts";
import { buildExplanations, type Explanations } from "./explanations.ts";

/** A Terraform resource binding explanation (upstream shape; passed through unchanged). */
export interface ResourceBindingExplanation {
  Arn: string;
  Source: "Terraform" | "TerraformState";
  ResourceType: string;
  ResourceName: string;
  Location: string;
  ChangeSide?: "Before" | "After";
}

/** Result of `--upload-policies` (upstream shape; passed through unchanged). */
export interface UploadResult {
  Successful: { PolicyName: string; PolicyArn: string; PolicyId: string }[];
  /** `[policy index, error text]` pairs. */
  Failed: [number, string][];
}

/** The output object; keys in this order, absent when empty. */
export interface GeneratePoliciesOutput {
  Policies: { Policy: PolicyDocument; PolicyType: "Identity" }[];
  Explanations?: Explanations;
  ResourceBindingExplanations?: ResourceBindingExplanation[];
  Warnings?: PolicyWarning[];
  UploadResult?: UploadResult;
  /** Ours: the knowledge database the run used. */
  KnowledgeBase?: { Version: string };
}

/** What the output is made of. */
export interface GeneratePoliciesInput {
  /** The policies and warnings from `buildPolicies`. */
  policySet: PolicySet;
  /** The permissions the policies were built from (for explanations). */
  permissions: readonly Permission[];
  /** Version of the knowledge database (`KnowledgeBase.Version`). */
  knowledgeBaseVersion?: string;
  resourceBindingExplanations?: ResourceBindingExplanation[];
  uploadResult?: UploadResult;
}

/** Output options. */
export interface GeneratePoliciesJsonOptions {
  /** 2-space indentation and a trailing newline (`--pretty`); compact without trailing newline otherwise. */
  pretty?: boolean;
  /** `--explain` globs; no explanations when absent or when no action matches. */
  explain?: readonly string[];
}

/**
 * The output object in upstream's key order: `Policies`, `Explanations`, `ResourceBindingExplanations`,
 * `Warnings`, `UploadResult`, then our `KnowledgeBase`; every key but `Policies` omitted when empty.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { generatePoliciesOutput } from "./generate_policies_json.ts";
 *
 * const output = generatePoliciesOutput({ policySet: { policies: [], warnings: [] }, permissions: [] });
 * assert.deepEqual(output, { Policies: [] });
 * ```
 *
 * @param input Policies, warnings, permissions and pass-through parts.
 * @param options Explain patterns.
 * @returns The output object.
 */
export function generatePoliciesOutput(
  input: GeneratePoliciesInput,
  options: Pick<GeneratePoliciesJsonOptions, "explain"> = {},
): GeneratePoliciesOutput {
  const output: GeneratePoliciesOutput = {
    Policies: input.policySet.policies.map((Policy) => ({ Policy, PolicyType: "Identity" })),
  };
  const explanations = options.explain && options.explain.length > 0
    ? buildExplanations(input.permissions, options.explain)
    : undefined;
  if (explanations) output.Explanations = explanations;
  if (input.resourceBindingExplanations?.length) {
    output.ResourceBindingExplanations = input.resourceBindingExplanations;
  }
  if (input.policySet.warnings.length > 0) output.Warnings = input.policySet.warnings;
  if (input.uploadResult) output.UploadResult = input.uploadResult;
  if (input.knowledgeBaseVersion !== undefined) {
    output.KnowledgeBase = { Version: input.knowledgeBaseVersion };
  }
  return output;
}

/**
 * The `generate-policies` output as text: compact JSON without a trailing newline, or with `pretty` 2-space
 * indented JSON with a trailing newline (as upstream's serde_json).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { generatePoliciesJson } from "./generate_policies_json.ts";
 *
 * const input = { policySet: { policies: [], warnings: [] }, permissions: [] };
 * assert.equal(generatePoliciesJson(input), '{"Policies":[]}');
 * assert.equal(generatePoliciesJson(input, { pretty: true }), '{\n  "Policies": []\n}\n');
 * ```
 *
 * @param input Policies, warnings, permissions and pass-through parts.
 * @param options `pretty` and `explain`.
 * @returns The JSON text.
 */
export function generatePoliciesJson(
  input: GeneratePoliciesInput,
  options: GeneratePoliciesJsonOptions = {},
): string {
  const output = generatePoliciesOutput(input, options);
  return options.pretty ? `${JSON.stringify(output, null, 2)}\n` : JSON.stringify(output);
}
