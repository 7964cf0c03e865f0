/**
 * `planFixes`: denials → one {@linkcode FixPlan} each. Only `ImplicitIdentity` denials get an identity-policy
 * fix; every other type gets an explanation of the layer that denies and what its owner must change, and never
 * an Allow that cannot work.
 *
 * @module
 */
import type { KnowledgeBase } from "../knowledge/knowledge_base.ts";
import { explainDenial } from "./explanations.ts";
import { fixTarget } from "./fix_target.ts";
import { statementSid } from "./policy_name.ts";
import { scopeResource } from "./resource_scope.ts";
import type { AllowStatement, Denial, FixPlan, Principal } from "./types.ts";

/** Options of {@linkcode planFixes}. */
export interface PlanOptions {
  /** Widen an S3 object key to its folder (`bucket/prefix/*`); off by default (the one object only). */
  widen?: boolean;
  /** Day used in statement ids (default: now). */
  now?: Date;
}

function rolePrincipalArn(p: Principal): string | undefined {
  if (p.kind === "assumed-role") return `arn:${p.partition}:iam::${p.account}:role${p.path ?? "/"}${p.name}`;
  return p.arn;
}

function join(...parts: (string | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}

function planOne(kb: KnowledgeBase, denial: Denial, options: PlanOptions): FixPlan {
  const explanation = explainDenial(denial);
  const notes = denial.notes.join(" ");
  const base: FixPlan = { denial, fixable: false, policy: null, explanation: join(explanation, notes) };
  const action = denial.action;
  if (
    denial.denialType === "ResourcePolicy" && !denial.explicitDeny && action && denial.resource &&
    denial.principal
  ) {
    const principalArn = rolePrincipalArn(denial.principal);
    if (principalArn) {
      return {
        ...base,
        policy: {
          Version: "2012-10-17",
          Statement: [{
            Sid: "AllowAccess",
            Effect: "Allow",
            Principal: { AWS: principalArn },
            Action: action,
            Resource: denial.resource,
          }],
        },
      };
    }
  }
  if (denial.denialType !== "ImplicitIdentity") return base;
  if (!action) {
    return {
      ...base,
      explanation: join(explanation, notes, "Without the action there is nothing to propose."),
    };
  }
  const scope = scopeResource(kb, action, denial.resource, {
    widen: options.widen,
    partition: denial.principal?.partition,
  });
  if (!scope) {
    return {
      ...base,
      explanation: join(explanation, notes, "The resource is unknown, so there is nothing to propose."),
    };
  }
  const statement: AllowStatement = {
    Sid: statementSid(action, options.now ?? new Date()),
    Effect: "Allow",
    Action: action,
    Resource: scope.resource,
  };
  const policy = { Version: "2012-10-17" as const, Statement: [statement] };
  const widening = scope.widened ? `Resource ${scope.widened.reason}.` : undefined;
  const target = fixTarget(denial.principal);
  if ("refused" in target) {
    return {
      ...base,
      policy: denial.principal?.kind === "anonymous" || denial.principal?.kind === "service" ? null : policy,
      statement,
      ...(scope.widened ? { widened: scope.widened } : {}),
      explanation: join(explanation, notes, widening, `This tool cannot apply it: ${target.refused}.`),
    };
  }
  return {
    denial,
    fixable: true,
    policy,
    statement,
    target: target.target,
    ...(scope.widened ? { widened: scope.widened } : {}),
    explanation: join(
      explanation,
      notes,
      widening,
      `Applying adds this statement to the inline policy '${target.target.policyName}' of ${target.target.kind} ` +
        `${target.target.name}, keeping its other statements and policies as they are.`,
    ),
  };
}

/**
 * One plan per denial: a narrow Allow statement for `ImplicitIdentity` denials of roles and users (`fixable`),
 * a resource-policy statement for the owner of a resource whose policy does not allow the caller, and for
 * every other layer an explanation only.
 *
 * @example
 * ```ts ignore
 * const plans = planFixes(parseAccessDenied(text, kb), kb, { widen: false });
 * plans[0].fixable; // true for "because no identity-based policy allows ..." from a role or user
 * ```
 */
export function planFixes(
  denials: readonly Denial[],
  kb: KnowledgeBase,
  options: PlanOptions = {},
): FixPlan[] {
  return denials.map((d) => planOne(kb, d, options));
}
