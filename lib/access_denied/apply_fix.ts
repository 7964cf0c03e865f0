/**
 * Applying fixable plans: each role or user gets the new statements in the tool's own inline policy, merged
 * with what it already holds, in one IAM write. STS GetCallerIdentity checks the account first; duplicates,
 * quotas and concurrent changes are checked before anything is written.
 *
 * @module
 */
import { AwsCallError } from "../aws/errors.ts";
import { callerIdentity } from "../aws/caller_identity.ts";
import { getInlinePolicy, listInlinePolicyNames, putInlinePolicy } from "../aws/inline_policies.ts";
import type { AwsSession } from "../aws/session.ts";
import type { UserError } from "../errors.ts";
import { ApplyRefusedError } from "./errors.ts";
import {
  inlinePolicySize,
  mergeStatements,
  parsePolicyDocument,
  ROLE_INLINE_POLICY_QUOTA,
  USER_INLINE_POLICY_QUOTA,
} from "./merge_statements.ts";
import type { AllowStatement, FixPlan, FixTarget } from "./types.ts";

/** A fix checked against AWS and ready to write. */
export interface PreparedFix {
  target: FixTarget;
  plans: FixPlan[];
  /** The tool's inline policy text before the change (undefined when it does not exist yet). */
  before?: string;
  /** The policy text to write. */
  after: string;
  added: AllowStatement[];
  duplicates: { statement: AllowStatement; coveredBy: string }[];
  /** Statements in the policy after the change. */
  statementCount: number;
  /** Size of all the principal's inline policies after the change, and IAM's quota. */
  size: number;
  quota: number;
}

/** What happened to the fixes of one role or user. */
export interface ApplyOutcome {
  target: FixTarget;
  status: "applied" | "duplicate" | "declined" | "failed";
  added: AllowStatement[];
  duplicates: { statement: AllowStatement; coveredBy: string }[];
  statementCount?: number;
  /** The reason of a failure (an AWS error code or a refusal), with its exit code. */
  error?: UserError;
}

/** Options of {@linkcode applyFixes}. */
export interface ApplyOptions {
  /** Asked before each write; false leaves the principal unchanged. Default: apply without asking. */
  confirm?: (fix: PreparedFix) => Promise<boolean> | boolean;
  /** Day for statement ids (default now). */
  now?: Date;
}

function targetKey(t: FixTarget): string {
  return `${t.partition}:${t.account}:${t.kind}/${t.name}`;
}

/**
 * Reads the principal's inline policies and computes the merged policy; writes nothing.
 *
 * @throws {ApplyRefusedError} `account_mismatch`, `duplicate_statement`, `size_limit`, `malformed_existing_policy`.
 * @throws {AwsCallError} e.g. `NoSuchEntity` (no such role or user), `AccessDenied`.
 * @example
 * ```ts ignore
 * const fix = await prepareFix(aws, plans.filter((p) => p.fixable));
 * ```
 */
export async function prepareFix(
  aws: AwsSession,
  plans: readonly FixPlan[],
  options: { now?: Date; callerAccount?: string } = {},
): Promise<PreparedFix> {
  const target = plans[0]?.target;
  if (
    !target || plans.some((p) => !p.fixable || !p.statement || targetKey(p.target!) !== targetKey(target))
  ) {
    throw new ApplyRefusedError(
      "unsupported_principal",
      "only fixable plans of one role or user can be applied together",
    );
  }
  const account = options.callerAccount ?? (await callerIdentity(aws)).account;
  if (account !== target.account) {
    throw new ApplyRefusedError(
      "account_mismatch",
      `the denied principal is in account ${target.account}, but the AWS credentials in use are for account ` +
        `${account}; use credentials (AWS_PROFILE) of account ${target.account}`,
    );
  }
  const holder = { kind: target.kind, name: target.name };
  const names = await listInlinePolicyNames(aws, holder);
  let othersSize = 0;
  let before: string | undefined;
  for (const name of names) {
    const policy = await getInlinePolicy(aws, holder, name);
    if (!policy) continue;
    if (name === target.policyName) before = policy.document;
    else othersSize += inlinePolicySize(policy.document);
  }
  const existing = before === undefined ? undefined : parsePolicyDocument(before);
  const merged = mergeStatements(existing, plans.map((p) => p.statement!), options.now ?? new Date());
  if (merged.added.length === 0) {
    const list = merged.duplicates.map((d) =>
      `${[d.statement.Action].flat().join(",")} on ${
        [d.statement.Resource].flat().join(",")
      } (already in ${d.coveredBy})`
    );
    throw new ApplyRefusedError(
      "duplicate_statement",
      `duplicate statement detected in '${target.policyName}' of ${target.kind} ${target.name}: ${
        list.join("; ")
      }. ` +
        `The permission is already granted, so something else denies the request: check for an explicit deny, ` +
        `a condition, an SCP or a permissions boundary, or wait a few seconds for IAM changes to propagate.`,
    );
  }
  const after = JSON.stringify(merged.document);
  const quota = target.kind === "role" ? ROLE_INLINE_POLICY_QUOTA : USER_INLINE_POLICY_QUOTA;
  const size = othersSize + inlinePolicySize(after);
  if (size > quota) {
    throw new ApplyRefusedError(
      "size_limit",
      `the inline policies of ${target.kind} ${target.name} would total ${size} characters, more than IAM's ` +
        `quota of ${quota}; nothing was written. Move permissions into a customer managed policy and attach it ` +
        `instead (generate-policies --upload-policies), then rerun.`,
    );
  }
  const statementCount = Array.isArray(merged.document.Statement) ? merged.document.Statement.length : 1;
  return {
    target,
    plans: [...plans],
    before,
    after,
    added: merged.added,
    duplicates: merged.duplicates,
    statementCount,
    size,
    quota,
  };
}

/**
 * Writes a prepared fix with one PutRolePolicy / PutUserPolicy call, after checking that the policy did not
 * change since it was read (then nothing is written).
 *
 * @throws {ApplyRefusedError} `policy_changed`.
 * @throws {AwsCallError} e.g. `NoSuchEntity`, `AccessDenied`, `MalformedPolicyDocument`, `Throttling`.
 * @example
 * ```ts ignore
 * await commitFix(aws, await prepareFix(aws, plans));
 * ```
 */
export async function commitFix(aws: AwsSession, fix: PreparedFix): Promise<void> {
  const holder = { kind: fix.target.kind, name: fix.target.name };
  const now = await getInlinePolicy(aws, holder, fix.target.policyName);
  if (now?.document !== fix.before) {
    throw new ApplyRefusedError(
      "policy_changed",
      `'${fix.target.policyName}' of ${fix.target.kind} ${fix.target.name} changed while this tool was working; ` +
        `nothing was written. Rerun to merge with the new contents.`,
    );
  }
  await putInlinePolicy(aws, holder, fix.target.policyName, fix.after);
}

/**
 * Applies every fixable plan, grouped by role or user (one write each). Plans that are not fixable are
 * ignored. Failures of one principal are reported in its outcome and do not stop the others; each
 * principal's policy is written whole or not at all.
 *
 * @example
 * ```ts ignore
 * const outcomes = await applyFixes(aws, planFixes(parseAccessDenied(text, kb), kb));
 * outcomes[0].status; // "applied"
 * ```
 * @throws {AwsCallError} STS GetCallerIdentity failed (no credentials, no network): nothing was attempted.
 */
export async function applyFixes(
  aws: AwsSession,
  plans: readonly FixPlan[],
  options: ApplyOptions = {},
): Promise<ApplyOutcome[]> {
  const groups = new Map<string, FixPlan[]>();
  for (const plan of plans) {
    if (!plan.fixable || !plan.target) continue;
    const key = targetKey(plan.target);
    groups.set(key, [...(groups.get(key) ?? []), plan]);
  }
  if (groups.size === 0) return [];
  const caller = await callerIdentity(aws);
  const outcomes: ApplyOutcome[] = [];
  for (const group of groups.values()) {
    const target = group[0].target!;
    try {
      const fix = await prepareFix(aws, group, { now: options.now, callerAccount: caller.account });
      if (options.confirm && !(await options.confirm(fix))) {
        outcomes.push({ target, status: "declined", added: [], duplicates: fix.duplicates });
        continue;
      }
      await commitFix(aws, fix);
      outcomes.push({
        target,
        status: "applied",
        added: fix.added,
        duplicates: fix.duplicates,
        statementCount: fix.statementCount,
      });
    } catch (error) {
      if (!(error instanceof ApplyRefusedError || error instanceof AwsCallError)) throw error;
      const status = error instanceof ApplyRefusedError && error.reason === "duplicate_statement"
        ? "duplicate"
        : "failed";
      outcomes.push({ target, status, added: [], duplicates: [], error });
    }
  }
  return outcomes;
}

/**
 * Applies one fixable plan (see {@linkcode applyFixes}).
 *
 * @example
 * ```ts ignore
 * const outcome = await applyFix(plan, aws);
 * ```
 */
export async function applyFix(
  plan: FixPlan,
  aws: AwsSession,
  options: ApplyOptions = {},
): Promise<ApplyOutcome> {
  if (!plan.fixable || !plan.target) {
    throw new ApplyRefusedError(
      "unsupported_principal",
      `this plan is not fixable by this tool: ${plan.explanation}`,
    );
  }
  const [outcome] = await applyFixes(aws, [plan], options);
  return outcome;
}

/**
 * One line per outcome, for people.
 *
 * @example
 * ```ts ignore
 * console.error(formatOutcomes(outcomes));
 * ```
 */
export function formatOutcomes(outcomes: readonly ApplyOutcome[]): string {
  return outcomes.map((o) => {
    const where = `'${o.target.policyName}' on ${
      o.target.kind === "role" ? "Role" : "User"
    }/${o.target.name}`;
    switch (o.status) {
      case "applied":
        return `Applied inline policy ${where}: added ${o.added.length} statement(s) ` +
          `(${o.added.map((s) => s.Sid).join(", ")}), now ${o.statementCount} statements total` +
          (o.duplicates.length ? `; ${o.duplicates.length} already present` : "");
      case "declined":
        return `apply refused (aborted_by_user): nothing changed in ${where}`;
      default:
        return o.error?.message ?? `failed: ${where}`;
    }
  }).join("\n");
}
