/**
 * Plans as output: `{"Plans": [...]}` JSON for programs, and text for people.
 *
 * @module
 */
import { principalText } from "./principal.ts";
import type { FixPlan } from "./types.ts";

/** One plan in `--format json`. */
export interface PlanJson {
  Principal: string | null;
  /** The action; when only the operation is known, the actions it needs (one was denied). */
  Action: string | string[] | null;
  Resource: string | null;
  DenialType: FixPlan["denial"]["denialType"];
  /** Whether this tool can apply the fix. */
  Fixable: boolean;
  Policy: FixPlan["policy"];
  Explanation: string;
}

/**
 * The JSON form of plans.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { plansJson } from "./format_plans.ts";
 * assert.deepEqual(plansJson([]), { Plans: [] });
 * ```
 */
export function plansJson(plans: readonly FixPlan[]): { Plans: PlanJson[] } {
  return {
    Plans: plans.map((p) => ({
      Principal: principalText(p.denial.principal),
      Action: p.denial.action ?? p.denial.candidateActions ?? null,
      Resource: p.denial.resource ?? null,
      DenialType: p.denial.denialType,
      Fixable: p.fixable,
      Policy: p.policy,
      Explanation: p.explanation,
    })),
  };
}

function wrap(text: string, indent: string, width = 100): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + word.length + 1 > width - indent.length) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join("\n");
}

/**
 * The text form of plans, for people.
 *
 * @example
 * ```ts
 * import { plansText } from "./format_plans.ts";
 * console.assert(plansText([]) === "");
 * ```
 */
export function plansText(plans: readonly FixPlan[]): string {
  return plans.map((p, i) => {
    const d = p.denial;
    const out = [
      `IAM Policy Autopilot plan${
        plans.length > 1 ? ` ${i + 1} of ${plans.length}` : ""
      } (input line ${d.line})`,
      `  Principal: ${principalText(d.principal) ?? "(not in the message)"}`,
      `  Action:    ${
        d.action ?? (d.candidateActions ? `one of ${d.candidateActions.join(", ")}` : "(not in the message)")
      }`,
      `  Resource:  ${d.resource ?? "(not in the message)"}`,
      `  Denial:    ${d.denialType}${d.explicitDeny ? " (explicit deny)" : ""}`,
      `  Fixable:   ${
        p.fixable
          ? `yes, inline policy '${p.target!.policyName}' of ${p.target!.kind} ${p.target!.name}`
          : "no"
      }`,
    ];
    if (p.widened) out.push(`  Widened:   ${p.widened.from ?? "(no resource)"} -> ${p.widened.to}`);
    if (p.policy) {
      out.push(
        p.fixable
          ? "  Proposed identity policy:"
          : p.denial.denialType === "ResourcePolicy"
          ? "  Statement for the resource's policy (for its owner):"
          : "  Statement that would be needed (this tool cannot apply it):",
      );
      out.push(JSON.stringify(p.policy, null, 2).split("\n").map((l) => `    ${l}`).join("\n"));
    }
    out.push(wrap(p.explanation, "  "));
    return out.join("\n") + "\n";
  }).join("\n");
}
