/**
 * Zod schemas shared by the tools' `inputSchema` and `outputSchema`. Field names are PascalCase like
 * upstream's, so existing prompts and client configurations keep working.
 *
 * @module
 */
import { z } from "zod";

/** An IAM policy statement, as a JSON object. */
export const PolicyStatementSchema = z.object({
  Sid: z.string().optional(),
  Effect: z.enum(["Allow", "Deny"]),
  Action: z.union([z.string(), z.array(z.string())]),
  Resource: z.union([z.string(), z.array(z.string())]),
  Condition: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string())])))
    .optional(),
});

/** An IAM policy document, as a JSON object (not a string). */
export const PolicyDocumentSchema = z.object({
  Id: z.string().optional(),
  Version: z.string(),
  Statement: z.array(PolicyStatementSchema),
}).describe("An IAM identity policy document, ready for IAM (JSON object)");

/** A warning about one statement of the generated policies. */
export const PolicyWarningSchema = z.object({
  WarningType: z.string(),
  Location: z.object({ PolicyIndex: z.number().int(), StatementIndex: z.number().int() }),
  Message: z.string(),
});

/** A file the analysis did not read, and why. */
export const SkippedFileSchema = z.object({
  Path: z.string(),
  Reason: z.string().describe(
    "unreadable, binary, not-utf8, too-large, syntax-error or unsupported-language",
  ),
  Detail: z.string(),
});

/** Input fields shared by the tools that analyse source code. */
export const analysisInputShape = {
  SourceFiles: z.array(z.string()).min(1).describe(
    "Absolute paths of the source files and/or directories to analyse (directories are walked recursively; " +
      ".gitignore, virtualenvs, node_modules and build folders are skipped). Include every file that calls " +
      "AWS, including shared modules that create clients; passing the project's root directory is simplest.",
  ),
  ServiceHints: z.union([z.array(z.string()), z.null()]).optional().describe(
    "Optional. Keep only calls to these AWS services (boto3 names such as s3, dynamodb, lambda). Use it when " +
      "the user names the services the application uses, to drop false positives from ambiguous method names.",
  ),
};

/** Region and account fields of the policy-building tools. */
export const targetInputShape = {
  Region: z.union([z.string().min(1), z.null()]).optional().describe(
    "AWS region the application runs in (e.g. us-east-1); it also selects the partition (aws, aws-cn, " +
      "aws-us-gov). Ask the user; omit for * (any region).",
  ),
  Account: z.union([z.string().regex(/^(\d{12}|\*)$/, "a 12-digit AWS account id or *"), z.null()]).optional()
    .describe(
      "12-digit AWS account id the application runs in. Ask the user; omit for * (any account).",
    ),
};
