/**
 * `generate_application_policies`: source code → the IAM identity policies it needs (upstream's primary tool,
 * same name and input fields; policies come back as JSON objects).
 *
 * @module
 */
import { z } from "zod";
import type { McpServer } from "../sdk.ts";
import { generatePolicies } from "../../api/generate_policies.ts";
import type { SkippedFile } from "../../sources/mod.ts";
import { progressReporter, type ServerContext } from "../context.ts";
import { conform, errorResult, toolResult } from "../results.ts";
import {
  analysisInputShape,
  PolicyDocumentSchema,
  PolicyWarningSchema,
  SkippedFileSchema,
  targetInputShape,
} from "../schemas.ts";

/** Tool name (upstream's). */
export const GENERATE_APPLICATION_POLICIES = "generate_application_policies";

const TERRAFORM_FIELDS = ["TfDir", "TfFiles", "Tfstate", "Tfvars"] as const;

const inputShape = {
  ...analysisInputShape,
  ...targetInputShape,
  ResourceCutoff: z.union([z.number().int().min(0), z.null()]).optional().describe(
    "Optional. An action that would list more resource ARNs than this gets Resource * instead (default 4).",
  ),
  TfDir: z.union([z.string().min(1), z.null()]).optional().describe(
    "Accepted for compatibility with upstream; Terraform is not read yet.",
  ),
  TfFiles: z.union([z.array(z.string()), z.null()]).optional().describe(
    "Accepted for compatibility; not read yet.",
  ),
  Tfstate: z.union([z.array(z.string()), z.null()]).optional().describe(
    "Accepted for compatibility; not read yet.",
  ),
  Tfvars: z.union([z.array(z.string()), z.null()]).optional().describe(
    "Accepted for compatibility; not read yet.",
  ),
};

const outputShape = {
  Policies: z.array(PolicyDocumentSchema).describe(
    "IAM identity policy documents; attach all of them to the application's role (several when one would " +
      "exceed IAM's size limit)",
  ),
  Warnings: z.array(PolicyWarningSchema).describe("Statements the user should review (e.g. Resource *)"),
  SkippedFiles: z.array(SkippedFileSchema).describe("Input files that were not analysed, with the reason"),
  Notices: z.array(z.string()).describe("Other things the user should know (ignored inputs, unknown region)"),
  Summary: z.object({
    FilesAnalyzed: z.number().int(),
    SdkCalls: z.number().int().describe("Calls in the code that reach an AWS operation"),
    Operations: z.number().int(),
    Actions: z.number().int(),
  }),
  KnowledgeBaseVersion: z.string(),
};

/** The structured result, as the output schema describes it. */
export type GenerateApplicationPoliciesOutput = z.infer<z.ZodObject<typeof outputShape>>;

/** Skipped files in the tools' output shape. */
export function skippedFiles(skipped: SkippedFile[]) {
  return skipped.map((s) => ({ Path: s.path, Reason: s.skipped.reason, Detail: s.skipped.detail }));
}

/** Registers the tool. */
export function registerGenerateApplicationPolicies(server: McpServer, ctx: ServerContext): void {
  server.registerTool(GENERATE_APPLICATION_POLICIES, {
    title: "Generate IAM policies for application code",
    description:
      "Reads an application's source code (Python boto3 today) offline and returns the IAM identity policies " +
      "its AWS SDK calls need, as JSON policy documents, with warnings for statements that could not be scoped " +
      "to specific resources. Use it whenever the user needs an IAM policy, execution role or permissions for " +
      "code (Lambda functions, containers, scripts), before deploying, or after adding AWS calls. Pass absolute " +
      "paths of every file or directory that uses AWS. Ask the user for the region and account id rather than " +
      "guessing (omit them for *). Show the policies to the user for review; do not attach them yourself. To " +
      "see why an action is included, call explain_permissions with the same files.",
    inputSchema: inputShape,
    outputSchema: outputShape,
    annotations: {
      title: "Generate IAM policies for application code",
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
  }, async (args, extra) => {
    const started = performance.now();
    try {
      const kb = await ctx.knowledge();
      const progress = progressReporter(extra, "generate_application_policies");
      const result = await generatePolicies(kb, {
        paths: args.SourceFiles,
        serviceHints: args.ServiceHints ?? undefined,
        region: args.Region ?? undefined,
        account: args.Account ?? undefined,
        resourceCutoff: args.ResourceCutoff ?? undefined,
        onProgress: (done, total) => progress.files(done, total),
      });
      await progress.finish("policies built");
      const notices = [...result.notices];
      const terraform = TERRAFORM_FIELDS.filter((f) => {
        const v = args[f];
        return v !== undefined && v !== null && (!Array.isArray(v) || v.length > 0);
      });
      if (terraform.length) {
        notices.push(
          `${terraform.join(", ")} ignored: Terraform inputs are not supported yet, so resource ARNs are ` +
            "derived from literal values in the code only.",
        );
      }
      const structured: GenerateApplicationPoliciesOutput = {
        Policies: result.output.Policies.map((p) => p.Policy),
        Warnings: result.output.Warnings ?? [],
        SkippedFiles: skippedFiles(result.skipped),
        Notices: notices,
        Summary: {
          FilesAnalyzed: result.analysis.analyzedFiles.length,
          SdkCalls: new Set(result.analysis.resolved.operations.flatMap((op) => op.calls)).size,
          Operations: result.analysis.resolved.operations.length,
          Actions: new Set(result.permissions.permissions.map((p) => p.action)).size,
        },
        KnowledgeBaseVersion: kb.version,
      };
      ctx.log.info(
        `${GENERATE_APPLICATION_POLICIES}: ${structured.Summary.FilesAnalyzed} files, ` +
          `${structured.Summary.Actions} actions, ${structured.Policies.length} policies in ` +
          `${Math.round(performance.now() - started)} ms`,
      );
      return toolResult(conform(outputShape, structured), renderText(structured));
    } catch (error) {
      ctx.log.info(`${GENERATE_APPLICATION_POLICIES}: error: ${(error as Error)?.message ?? error}`);
      return errorResult(GENERATE_APPLICATION_POLICIES, error);
    }
  });
}

function renderText(out: GenerateApplicationPoliciesOutput): string {
  const s = out.Summary;
  const lines: string[] = [];
  if (!out.Policies.length) {
    lines.push(
      `No AWS SDK calls that need IAM permissions were found in ${s.FilesAnalyzed} file(s)` +
        (s.SdkCalls ? ` (the ${s.SdkCalls} SDK call(s) found need no permission).` : "."),
    );
  } else {
    lines.push(
      `${out.Policies.length} IAM identity ${
        out.Policies.length === 1 ? "policy" : "policies"
      } with ${s.Actions} ` +
        `action(s) for ${s.Operations} AWS operation(s) called from ${s.FilesAnalyzed} file(s). ` +
        "Review before attaching:",
    );
    out.Policies.forEach((policy, i) => {
      if (out.Policies.length > 1) lines.push(`\nPolicy ${i + 1}:`);
      lines.push(JSON.stringify(policy, null, 2));
    });
  }
  if (out.Warnings.length) {
    lines.push("\nWarnings:");
    for (const w of out.Warnings) {
      lines.push(
        `- ${w.WarningType} (policy ${w.Location.PolicyIndex + 1}, statement ${
          w.Location.StatementIndex + 1
        }): ${w.Message}`,
      );
    }
  }
  if (out.SkippedFiles.length) {
    lines.push(`\nSkipped ${out.SkippedFiles.length} file(s):`);
    for (const f of out.SkippedFiles.slice(0, 20)) lines.push(`- ${f.Path}: ${f.Reason}: ${f.Detail}`);
    if (out.SkippedFiles.length > 20) lines.push(`- … and ${out.SkippedFiles.length - 20} more`);
  }
  for (const n of out.Notices) lines.push(`\nNote: ${n}`);
  return lines.join("\n");
}
