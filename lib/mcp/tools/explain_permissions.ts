/**
 * `explain_permissions`: why each IAM action is in the generated policy: the call sites in the code, the
 * operation each reaches, Forward Access Session chains and the knowledge source of each mapping.
 *
 * @module
 */
import { z } from "zod";
import type { McpServer } from "../sdk.ts";
import { generatePolicies } from "../../api/generate_policies.ts";
import { progressReporter, type ServerContext } from "../context.ts";
import { conform, errorResult, toolResult } from "../results.ts";
import { analysisInputShape, SkippedFileSchema, targetInputShape } from "../schemas.ts";
import { skippedFiles } from "./generate_application_policies.ts";

/** Tool name. */
export const EXPLAIN_PERMISSIONS = "explain_permissions";

const inputShape = {
  ...analysisInputShape,
  Actions: z.union([z.array(z.string()), z.null()]).optional().describe(
    "Optional. IAM actions to explain, as glob patterns: s3:GetObject, s3:*, ec2:Describe*, kms:*. " +
      "Default * (every action). Use the action the user asks about, e.g. why the policy contains kms:Decrypt.",
  ),
  ...targetInputShape,
};

const OperationSchema = z.object({
  Service: z.string(),
  Name: z.string(),
  Source: z.union([
    z.object({ Expr: z.string(), Location: z.string().describe("path:line.column-endLine.endColumn") }),
    z.string().describe("Provided (no call site) or FAS (performed by a service on the caller's behalf)"),
  ]),
});

const outputShape = {
  Actions: z.array(z.object({
    Action: z.string(),
    Reasons: z.array(z.object({
      Operations: z.array(OperationSchema).describe(
        "The chain of operations: the one called in the code first, then any Forward Access Session steps",
      ),
      KnowledgeSource: z.object({ Source: z.string(), Detail: z.string().optional() }).describe(
        "Which knowledge maps the operation to the action: service-reference, iam-dataset, curated, same-name, botocore-docs, fas",
      ),
    })),
  })),
  Documentation: z.array(z.string()),
  SkippedFiles: z.array(SkippedFileSchema),
  KnowledgeBaseVersion: z.string(),
};

type Output = z.infer<z.ZodObject<typeof outputShape>>;

/** Registers the tool. */
export function registerExplainPermissions(server: McpServer, ctx: ServerContext): void {
  server.registerTool(EXPLAIN_PERMISSIONS, {
    title: "Explain why IAM actions are needed",
    description:
      "For each IAM action the code needs (or only those matching Actions), lists every call site in the " +
      "source (file:line and expression), the AWS operation it reaches, Forward Access Session chains (e.g. " +
      "kms:Decrypt needed because S3 reads an SSE-KMS object on the caller's behalf) and which knowledge source " +
      "maps the operation to the action. Use it when the user asks why a policy contains an action, wants to " +
      "audit a generated policy, or suspects an action is unnecessary. Takes the same files as " +
      "generate_application_policies. Read-only and offline.",
    inputSchema: inputShape,
    outputSchema: outputShape,
    annotations: {
      title: "Explain why IAM actions are needed",
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
  }, async (args, extra) => {
    try {
      const kb = await ctx.knowledge();
      const progress = progressReporter(extra, EXPLAIN_PERMISSIONS);
      const patterns = args.Actions?.length ? args.Actions : ["*"];
      const result = await generatePolicies(kb, {
        paths: args.SourceFiles,
        serviceHints: args.ServiceHints ?? undefined,
        region: args.Region ?? undefined,
        account: args.Account ?? undefined,
        explain: patterns,
        onProgress: (done, total) => progress.files(done, total),
      });
      await progress.finish("explanations built");
      const explanations = result.output.Explanations;
      const structured: Output = {
        Actions: Object.entries(explanations?.ExplanationForAction ?? {}).map(([Action, Reasons]) => ({
          Action,
          Reasons,
        })),
        Documentation: explanations?.Documentation ?? [],
        SkippedFiles: skippedFiles(result.skipped),
        KnowledgeBaseVersion: kb.version,
      };
      ctx.log.info(`${EXPLAIN_PERMISSIONS}: ${structured.Actions.length} actions explained`);
      return toolResult(
        conform(outputShape, structured),
        renderText(structured, patterns, result.permissions.permissions.length),
      );
    } catch (error) {
      ctx.log.info(`${EXPLAIN_PERMISSIONS}: error: ${(error as Error)?.message ?? error}`);
      return errorResult(EXPLAIN_PERMISSIONS, error);
    }
  });
}

function renderText(out: Output, patterns: string[], permissionCount: number): string {
  if (!out.Actions.length) {
    return permissionCount
      ? `No action of the generated policy matches ${
        patterns.join(", ")
      }. Call with Actions omitted to see all.`
      : "The code needs no IAM actions: no AWS SDK call that needs a permission was found.";
  }
  const lines: string[] = [];
  for (const { Action, Reasons } of out.Actions) {
    lines.push(`${Action}:`);
    for (const reason of Reasons) {
      const chain = reason.Operations.map((op) => {
        const where = typeof op.Source === "string" ? op.Source : `${op.Source.Location} ${op.Source.Expr}`;
        return `${op.Service}:${op.Name} (${where})`;
      }).join(" → ");
      const source = reason.KnowledgeSource.Detail
        ? `${reason.KnowledgeSource.Source}: ${reason.KnowledgeSource.Detail}`
        : reason.KnowledgeSource.Source;
      lines.push(`  - ${chain} [${source}]`);
    }
  }
  for (const doc of out.Documentation) lines.push(`\n${doc}`);
  return lines.join("\n");
}
