/**
 * `generate_policy_for_access_denied` (read-only: error text → denials → proposed policies) and
 * `fix_access_denied` (applies the identity-policy fix after the user confirms through elicitation). Parsing,
 * planning and applying are lib/access_denied's; this module only adapts them to MCP.
 *
 * @module
 */
import { z } from "zod";
import type { McpServer } from "../sdk.ts";
import {
  applyFixes,
  type ApplyOutcome,
  type FixPlan,
  NoAccessDeniedError,
  parseAccessDenied,
  planFixes,
  type PlanJson,
  plansJson,
  plansText,
  type PreparedFix,
} from "../../access_denied/mod.ts";
import { openAwsSession } from "../../aws/mod.ts";
import type { KnowledgeBase } from "../../knowledge/mod.ts";
import type { ServerContext } from "../context.ts";
import { conform, errorResult, toolError, toolResult } from "../results.ts";

/** Tool names (upstream's). */
export const GENERATE_POLICY_FOR_ACCESS_DENIED = "generate_policy_for_access_denied";
export const FIX_ACCESS_DENIED = "fix_access_denied";

/** How long the user has to answer the confirmation. */
const CONFIRMATION_TIMEOUT_MS = 10 * 60_000;

const errorMessageField = z.string().min(1).describe(
  "The complete AccessDenied error text as the user or a log shows it, e.g. 'User: arn:aws:sts::123456789012:" +
    "assumed-role/app/i-0abc is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::bucket/key " +
    "because no identity-based policy allows the s3:GetObject action'. SDK and CLI error output, several " +
    "errors, and CloudTrail events (JSON) are accepted; paste it unedited.",
);

const widenField = z.boolean().optional().describe(
  "Optional. For an S3 object, allow every object under the key's folder (bucket/prefix/*) instead of the one " +
    "object in the message. Use it when the application reads or writes many objects there.",
);

const StatementSchema = z.object({
  Sid: z.string().optional(),
  Effect: z.literal("Allow"),
  Principal: z.union([z.literal("*"), z.record(z.string(), z.union([z.string(), z.array(z.string())]))])
    .optional(),
  Action: z.union([z.string(), z.array(z.string())]),
  Resource: z.union([z.string(), z.array(z.string())]),
});

const PlanPolicySchema = z.object({
  Version: z.literal("2012-10-17"),
  Statement: z.array(StatementSchema),
});

const PlanSchema = z.object({
  Principal: z.string().optional().describe("The denied principal's ARN (absent when the message omits it)"),
  Action: z.union([z.string(), z.array(z.string())]).optional().describe(
    "The denied action; a list when only the operation is known (one of them was denied)",
  ),
  Resource: z.string().optional(),
  DenialType: z.string().describe(
    "ImplicitIdentity (fixable by an identity policy), ExplicitIdentity, ResourcePolicy, ServiceControlPolicy, " +
      "ResourceControlPolicy, PermissionsBoundary, SessionPolicy, VpcEndpointPolicy or Unknown",
  ),
  Fixable: z.boolean().describe("Whether fix_access_denied can apply the policy"),
  Policy: z.union([PlanPolicySchema, z.null()]).describe(
    "For ImplicitIdentity: the identity policy to add. For ResourcePolicy: the statement for the resource's " +
      "owner to add to the resource policy. Otherwise null",
  ),
  Explanation: z.string(),
  Target: z.union([
    z.object({
      Kind: z.enum(["Role", "User"]),
      Name: z.string(),
      Account: z.string(),
      PolicyName: z.string(),
    }),
    z.null(),
  ]).describe("Where fix_access_denied writes: the inline policy of this role or user"),
});

type PlanOut = z.infer<typeof PlanSchema>;

function planOut(plan: FixPlan, json: PlanJson): PlanOut {
  const t = plan.target;
  return {
    ...(json.Principal === null ? {} : { Principal: json.Principal }),
    ...(json.Action === null ? {} : { Action: json.Action }),
    ...(json.Resource === null ? {} : { Resource: json.Resource }),
    DenialType: json.DenialType,
    Fixable: json.Fixable,
    Policy: json.Policy,
    Explanation: json.Explanation,
    Target: plan.fixable && t
      ? {
        Kind: t.kind === "role" ? "Role" : "User",
        Name: t.name,
        Account: t.account,
        PolicyName: t.policyName,
      }
      : null,
  };
}

function plansOut(plans: FixPlan[]): PlanOut[] {
  const json = plansJson(plans).Plans;
  return plans.map((p, i) => planOut(p, json[i]));
}

/** Parses and plans; throws {@linkcode NoAccessDeniedError} when the text holds no denial. */
function plan(kb: KnowledgeBase, text: string, options: { resourceOverride?: string; widen?: boolean } = {}) {
  const denials = parseAccessDenied(text, kb);
  if (!denials.length) throw new NoAccessDeniedError();
  const plans = planFixes(denials, kb, { widen: options.widen });
  const override = options.resourceOverride;
  if (!override) return plans;
  if (plans.length > 1) {
    throw new ResourceOverrideError(
      `ResourceOverride applies to one denial, but the text holds ${plans.length}. Call ` +
        `${FIX_ACCESS_DENIED} once per error message when overriding the resource.`,
    );
  }
  // The override is the user's pattern, used as given (a resource from a message is a literal, escaped).
  return plans.map((p): FixPlan => {
    if (!p.statement || !p.policy) return p;
    const statement = { ...p.statement, Resource: override };
    return {
      ...p,
      statement,
      policy: { ...p.policy, Statement: [statement] },
      widened: undefined,
      explanation: `${p.explanation} Resource overridden on request: ${override}.`,
    };
  });
}

class ResourceOverrideError extends Error {}

/** The command that applies the plan outside MCP (for clients without elicitation). */
function cliCommand(): string {
  return "`deno run -A jsr:@awslabs/iam-policy-autopilot fix-access-denied --file error.txt` in a terminal " +
    "(error.txt holding the error message; it shows the plan and asks before applying)";
}

function nextStep(plans: PlanOut[]): string {
  if (plans.some((p) => p.Fixable)) {
    return `If the user wants this applied, call ${FIX_ACCESS_DENIED} with the same ErrorMessage; it asks the ` +
      "user to confirm before changing IAM.";
  }
  return "No plan can be applied by this tool: the explanation says which policy denies and who must change it.";
}

const generateOutputShape = {
  Policy: z.union([PlanPolicySchema, z.null()]).describe(
    "The proposed policy of the first denial (upstream's field), as a JSON object",
  ),
  Plans: z.array(PlanSchema).describe("One plan per distinct denial in the text"),
  NextStep: z.string(),
};

const FixResultSchema = z.object({
  Principal: z.string().describe("Role/NAME or User/NAME"),
  Account: z.string(),
  PolicyName: z.string(),
  Status: z.enum(["applied", "duplicate", "declined", "failed"]),
  IsNewPolicy: z.boolean().optional().describe("Whether the inline policy was created (not updated)"),
  AddedStatements: z.array(StatementSchema),
  StatementCount: z.number().int().optional().describe("Statements in the inline policy after the change"),
  Error: z.string().optional().describe("Why it was not applied (failed, duplicate)"),
});

const fixOutputShape = {
  Status: z.enum(["applied", "declined", "not_fixable", "confirmation_unavailable", "partial", "failed"])
    .describe(
      "applied: every change was written. declined: the user did not confirm; nothing changed. not_fixable: no " +
        "denial can be fixed by an identity policy. confirmation_unavailable: the client cannot ask the user, so " +
        "nothing changed (see HowToApply). partial/failed: see Results",
    ),
  Policy: z.union([PlanPolicySchema, z.null()]).describe("The policy of the first fixable plan"),
  Plans: z.array(PlanSchema),
  Results: z.array(FixResultSchema).describe("What happened for each role or user"),
  HowToApply: z.string().optional().describe(
    "Set when nothing was applied because the client cannot confirm",
  ),
};

type FixOutput = z.infer<z.ZodObject<typeof fixOutputShape>>;

/** Registers both tools. */
export function registerAccessDeniedTools(server: McpServer, ctx: ServerContext): void {
  server.registerTool(GENERATE_POLICY_FOR_ACCESS_DENIED, {
    title: "Propose a fix for an AccessDenied error",
    description:
      "Turns an AWS AccessDenied / 'is not authorized to perform' error into a diagnosis and a proposed policy: " +
      "the denied principal, action and resource, which policy layer denied it (identity policy, explicit " +
      "deny, resource policy, SCP, permissions boundary, session policy, VPC endpoint policy), and the narrowest " +
      "Allow statement that fixes it where an identity policy can. Use it as soon as the user shows such an " +
      "error; it changes nothing (offline). Show the plan to the user. To apply it, call fix_access_denied.",
    inputSchema: { ErrorMessage: errorMessageField, Widen: widenField },
    outputSchema: generateOutputShape,
    annotations: {
      title: "Propose a fix for an AccessDenied error",
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
  }, async (args) => {
    try {
      const kb = await ctx.knowledge();
      const plans = plan(kb, args.ErrorMessage, { widen: args.Widen ?? undefined });
      const out = plansOut(plans);
      const structured = { Policy: out[0]?.Policy ?? null, Plans: out, NextStep: nextStep(out) };
      ctx.log.info(`${GENERATE_POLICY_FOR_ACCESS_DENIED}: ${plans.length} denial(s)`);
      return toolResult(
        conform(generateOutputShape, structured),
        `${plansText(plans)}\n${structured.NextStep}`,
      );
    } catch (error) {
      ctx.log.info(`${GENERATE_POLICY_FOR_ACCESS_DENIED}: error: ${(error as Error)?.message ?? error}`);
      return errorResult(GENERATE_POLICY_FOR_ACCESS_DENIED, error);
    }
  });

  server.registerTool(FIX_ACCESS_DENIED, {
    title: "Apply the fix for an AccessDenied error",
    description:
      "Applies the identity-policy fix for an AccessDenied error to the denied IAM role or user: adds the " +
      "narrowest Allow statement to this tool's own inline policy (IamPolicyAutopilot-<name>), keeping its other " +
      "statements and policies. Use it only after showing the plan from generate_policy_for_access_denied and " +
      "only when the user wants the change made. The user is asked to confirm before anything is written; " +
      "without that ability in the client nothing is written and the result says how to apply it. Uses the " +
      "server's AWS credentials (the principal's account). Pass ResourceOverride to narrow or widen the " +
      "resource. Afterwards tell the user what changed: principal, policy name, statement.",
    inputSchema: {
      ErrorMessage: errorMessageField,
      ResourceOverride: z.union([z.string().min(1), z.null()]).optional().describe(
        "Optional. The resource ARN (or pattern such as arn:aws:s3:::bucket/prefix/*) to allow instead of the " +
          "one in the message. Use it when the user wants a narrower or broader grant.",
      ),
      Widen: widenField,
    },
    outputSchema: fixOutputShape,
    annotations: {
      title: "Apply the fix for an AccessDenied error",
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
      openWorldHint: true,
    },
  }, async (args) => {
    try {
      const kb = await ctx.knowledge();
      const plans = plan(kb, args.ErrorMessage, {
        resourceOverride: args.ResourceOverride ?? undefined,
        widen: args.Widen ?? undefined,
      });
      const out = plansOut(plans);
      const fixable = plans.filter((p) => p.fixable);
      const firstPolicy = out.find((p) => p.Fixable)?.Policy ?? null;
      const base: FixOutput = {
        Status: "not_fixable",
        Policy: firstPolicy,
        Plans: out,
        Results: [],
      };
      if (!fixable.length) {
        ctx.log.info(`${FIX_ACCESS_DENIED}: nothing fixable`);
        return toolResult(
          conform(fixOutputShape, base),
          `${plansText(plans)}\nNothing was changed: ${nextStep(out)}`,
        );
      }
      if (!server.server.getClientCapabilities()?.elicitation) {
        const structured: FixOutput = {
          ...base,
          Status: "confirmation_unavailable",
          HowToApply: `This MCP client cannot ask the user for confirmation (no elicitation support), so ` +
            `nothing was changed. To apply the plan, the user can run: ${cliCommand()}. Or add the proposed ` +
            `statement to the inline policy named in the plan with the AWS console.`,
        };
        ctx.log.info(`${FIX_ACCESS_DENIED}: client has no elicitation; plan returned`);
        return toolResult(
          conform(fixOutputShape, structured),
          `${plansText(plans)}\n${structured.HowToApply}`,
        );
      }
      const aws = await openAwsSession();
      const prepared = new Map<string, PreparedFix>();
      let confirmationError: string | undefined;
      const outcomes = await applyFixes(aws, fixable, {
        confirm: async (fix) => {
          prepared.set(keyOf(fix.target), fix);
          const who = `${fix.target.kind === "role" ? "role" : "user"} ${fix.target.name} ` +
            `(account ${fix.target.account})`;
          let answer;
          try {
            answer = await server.server.elicitInput({
              message:
                `Are you sure you want to apply the following policy to ${who}? It becomes the inline ` +
                `policy '${fix.target.policyName}' (${fix.added.length} statement(s) added, ` +
                `${fix.before === undefined ? "new policy" : "existing statements kept"}).\n\n` +
                JSON.stringify(JSON.parse(fix.after), null, 2),
              requestedSchema: {
                type: "object",
                properties: {
                  confirmed: {
                    type: "boolean",
                    title: "Apply this change",
                    description: "Check the box and accept to confirm",
                  },
                },
                required: ["confirmed"],
              },
            }, { timeout: CONFIRMATION_TIMEOUT_MS });
          } catch (error) {
            // No answer (timeout, client error): treated as "not confirmed", so nothing is written.
            confirmationError = error instanceof Error ? error.message : String(error);
            return false;
          }
          return answer.action === "accept" && answer.content?.confirmed === true;
        },
      });
      const results = outcomes.map((o) => resultOf(o, prepared.get(keyOf(o.target))));
      const statuses = new Set(results.map((r) => r.Status));
      const status: FixOutput["Status"] = statuses.size === 1 && statuses.has("applied")
        ? "applied"
        : [...statuses].every((s) => s === "declined")
        ? "declined"
        : statuses.has("applied")
        ? "partial"
        : "failed";
      const structured: FixOutput = { ...base, Status: status, Results: results };
      ctx.log.info(`${FIX_ACCESS_DENIED}: ${results.map((r) => `${r.Principal} ${r.Status}`).join(", ")}`);
      const text = renderOutcomes(results) +
        (confirmationError
          ? `\nThe confirmation request failed (${confirmationError}); nothing was changed.`
          : "");
      // Every change failed: report as a tool error so the assistant does not claim success.
      if (status === "failed") {
        return { ...toolResult(conform(fixOutputShape, structured), text), isError: true };
      }
      return toolResult(conform(fixOutputShape, structured), text);
    } catch (error) {
      ctx.log.info(`${FIX_ACCESS_DENIED}: error: ${(error as Error)?.message ?? error}`);
      if (error instanceof ResourceOverrideError) return toolError(error.message);
      return errorResult(FIX_ACCESS_DENIED, error);
    }
  });
}

function keyOf(t: { partition: string; account: string; kind: string; name: string }): string {
  return `${t.partition}:${t.account}:${t.kind}/${t.name}`;
}

function resultOf(o: ApplyOutcome, fix: PreparedFix | undefined): z.infer<typeof FixResultSchema> {
  return {
    Principal: `${o.target.kind === "role" ? "Role" : "User"}/${o.target.name}`,
    Account: o.target.account,
    PolicyName: o.target.policyName,
    Status: o.status,
    ...(fix ? { IsNewPolicy: fix.before === undefined } : {}),
    AddedStatements: o.added,
    ...(o.statementCount === undefined ? {} : { StatementCount: o.statementCount }),
    ...(o.error ? { Error: o.error.message } : {}),
  };
}

function renderOutcomes(results: z.infer<typeof FixResultSchema>[]): string {
  return results.map((r) => {
    const where = `inline policy '${r.PolicyName}' of ${r.Principal} (account ${r.Account})`;
    switch (r.Status) {
      case "applied":
        return `Applied: ${
          r.IsNewPolicy ? "created" : "updated"
        } ${where}, added ${r.AddedStatements.length} ` +
          `statement(s) (${
            r.AddedStatements.map((s) => `${s.Action} on ${s.Resource}`).join("; ")
          }); it now has ` +
          `${r.StatementCount} statement(s). IAM changes can take a few seconds to take effect.`;
      case "declined":
        return `Not applied: the user did not confirm. Nothing changed in ${where}.`;
      case "duplicate":
        return `Not applied: ${r.Error}`;
      default:
        return `Failed for ${where}: ${r.Error}`;
    }
  }).join("\n");
}
