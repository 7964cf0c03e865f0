/**
 * `lookup_operation_permissions`: what the knowledge database says one SDK operation needs.
 *
 * @module
 */
import { z } from "zod";
import type { McpServer } from "../sdk.ts";
import {
  type DescribedAction,
  describeOperation,
  formatOperationDescription,
} from "../../knowledge/describe_operation.ts";
import type { SdkLanguage } from "../../knowledge/mod.ts";
import type { ServerContext } from "../context.ts";
import { conform, errorResult, toolResult } from "../results.ts";

/** Tool name. */
export const LOOKUP_OPERATION_PERMISSIONS = "lookup_operation_permissions";

const LANGUAGES: Record<string, SdkLanguage> = {
  python: "python",
  typescript: "typescript",
  javascript: "typescript",
  go: "go",
  java: "java",
};

const inputShape = {
  Service: z.string().min(1).describe(
    "AWS service as boto3 names it: s3, dynamodb, lambda, stepfunctions, logs, secretsmanager.",
  ),
  Operation: z.string().min(1).describe(
    "The API operation (GetObject, ListObjectsV2, PutItem) or, with Language, the SDK method as written in " +
      "code (python get_object, typescript GetObjectCommand, go GetObject, java getObject).",
  ),
  Language: z.union([z.enum(["python", "typescript", "javascript", "go", "java"]), z.null()]).optional()
    .describe(
      "Optional. Set it when Operation is an SDK method name rather than the API operation name.",
    ),
};

const ActionSchema = z.object({
  action: z.string(),
  accessLevel: z.string().optional(),
  source: z.string(),
  sourceDetail: z.string().optional(),
  appliesWhen: z.string().optional().describe(
    "Request condition under which the action is needed, if any",
  ),
  resourceTypes: z.array(z.object({
    resourceType: z.string(),
    required: z.boolean(),
    arnFormats: z.array(z.string()),
    override: z.string().optional(),
  })),
  resourceMappings: z.record(
    z.string(),
    z.union([
      z.string(),
      z.object({
        template: z.string(),
        conditions: z.object({ lhs: z.string(), op: z.string(), rhs: z.string().optional() }).optional(),
      }),
    ]),
  ).describe(
    "ARN placeholder → the request member template that fills it",
  ),
  conditionKeys: z.array(z.string()),
  context: z.record(z.string(), z.array(z.string())),
});

const outputShape = {
  service: z.string(),
  operation: z.string(),
  sdkNames: z.object({ python: z.string(), typescript: z.string(), go: z.string(), java: z.string() }),
  permissionless: z.union([z.object({ source: z.string() }), z.null()]).describe(
    "Set when the operation needs no permission",
  ),
  actions: z.array(ActionSchema),
  fas: z.array(z.object({
    service: z.string(),
    operation: z.string(),
    conditions: z.record(z.string(), z.array(z.string())),
    source: z.string(),
    actions: z.array(ActionSchema),
  })).describe(
    "Forward Access Session additions: operations the service performs with the caller's credentials",
  ),
  knowledgeVersion: z.string(),
};

/** Registers the tool. */
export function registerLookupOperationPermissions(server: McpServer, ctx: ServerContext): void {
  server.registerTool(LOOKUP_OPERATION_PERMISSIONS, {
    title: "Look up the IAM permissions of an AWS operation",
    description:
      "Returns what one AWS API operation needs from IAM, from the offline knowledge database: the IAM actions " +
      "(with access level and knowledge source), resource ARN formats, condition keys and Forward Access " +
      "Session additions (e.g. kms:Decrypt for S3 GetObject on SSE-KMS objects). Use it to answer 'what " +
      "permission does X need', to check one call without analysing a project, or to translate an SDK method " +
      "name to IAM actions. Unknown names come back as an error with suggestions.",
    inputSchema: inputShape,
    outputSchema: outputShape,
    annotations: {
      title: "Look up the IAM permissions of an AWS operation",
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
  }, async (args) => {
    try {
      const kb = await ctx.knowledge();
      const language = args.Language ? LANGUAGES[args.Language] : undefined;
      const description = describeOperation(kb, args.Service, args.Operation, language);
      ctx.log.info(`${LOOKUP_OPERATION_PERMISSIONS}: ${description.service} ${description.operation}`);
      // Exactly the fields of the output schema: clients reject additional properties.
      const structured = {
        ...description,
        actions: description.actions.map(withoutNulls),
        fas: description.fas.map(({ service, operation, conditions, source, actions }) => ({
          service,
          operation,
          conditions,
          source,
          actions: actions.map(withoutNulls),
        })),
      };
      return toolResult(conform(outputShape, structured), formatOperationDescription(description));
    } catch (error) {
      ctx.log.info(`${LOOKUP_OPERATION_PERMISSIONS}: error: ${(error as Error)?.message ?? error}`);
      return errorResult(LOOKUP_OPERATION_PERMISSIONS, error);
    }
  });
}

/** The action with its null fields left out (the output schema has them optional, which is more portable). */
function withoutNulls(action: DescribedAction): Record<string, unknown> {
  return Object.fromEntries(Object.entries(action).filter(([, v]) => v !== null));
}
