/**
 * Request predicates on operation → action rows (`s3:GetObjectVersion` applies when `VersionId` Exists): deciding
 * from the calls' arguments whether a conditional action is needed. Upstream grants every conditional action;
 * deciding per call is where this implementation is more precise.
 *
 * @module
 */
import type { SdkCall } from "../types.ts";
import type { AppliesWhen, OperationMember } from "../knowledge/knowledge_base.ts";
import { argumentsAreOpen, namedArgument } from "../call_arguments.ts";

/** Whether a conditional row applies to the calls that reach its operation, and why. */
export interface AppliesDecision {
  applies: boolean;
  /** Human-readable reason, e.g. `applies when VersionId Exists: no call passes VersionId`; absent if unconditional. */
  reason?: string;
}

/**
 * Decides whether a row with predicate `when` applies to at least one of `calls`.
 *
 * - `Exists`: needed if some call passes the member by name, or may pass it (splat, input built elsewhere; see
 *   {@linkcode argumentsAreOpen}).
 * - `NotExists`: needed unless every call passes the member by name.
 * - Value predicates (`Equals`, `NotEquals`, `Contains`, `IContains`, `StartsWith`, ...): decided only when every
 *   call passes a literal for the member; otherwise the row is kept (over-approximation is safe).
 * - Unknown predicates and operations reached by no call keep the row.
 *
 * @example
 * ```ts ignore
 * appliesToCalls({ lhs: "VersionId", op: "Exists" }, [getObjectCall], members);
 * // { applies: false, reason: "applies when VersionId Exists: no call passes VersionId" }
 * ```
 */
export function appliesToCalls(
  when: AppliesWhen | null,
  calls: SdkCall[],
  members: OperationMember[],
): AppliesDecision {
  if (!when) return { applies: true };
  // The pipeline writes {lhs, op, rhs}; the schema comment says {member, op}: accept both spellings.
  const member = when.lhs ?? (when as unknown as { member?: string }).member;
  const label = `applies when ${member} ${when.op}${when.rhs !== undefined ? ` ${when.rhs}` : ""}`;
  if (!member || calls.length === 0) return { applies: true, reason: `${label}: arguments unknown` };
  if (when.op === "Exists") {
    const passing = calls.filter((c) => namedArgument(c, member) !== undefined);
    if (passing.length > 0) return { applies: true, reason: `${label}: ${count(passing.length)} ${member}` };
    if (calls.some((c) => argumentsAreOpen(c, members))) {
      return { applies: true, reason: `${label}: some call's arguments are not fully known` };
    }
    return { applies: false, reason: `${label}: no call passes ${member}` };
  }
  if (when.op === "NotExists") {
    const omitting = calls.filter((c) => namedArgument(c, member) === undefined);
    if (omitting.length > 0) {
      const who = omitting.length === 1 ? "1 call omits" : `${omitting.length} calls omit`;
      return { applies: true, reason: `${label}: ${who} ${member}` };
    }
    return { applies: false, reason: `${label}: every call passes ${member}` };
  }
  const results = calls.map((c) => {
    const arg = namedArgument(c, member);
    if (!arg) return argumentsAreOpen(c, members) ? undefined : evaluate(when.op, undefined, when.rhs);
    return arg.value.kind === "literal" && arg.value.value !== null
      ? evaluate(when.op, String(arg.value.value), when.rhs)
      : undefined;
  });
  if (results.every((r) => r === false)) {
    return { applies: false, reason: `${label}: no call's value satisfies it` };
  }
  return { applies: true, reason: `${label}: ${results.some((r) => r) ? "satisfied" : "value not known"}` };
}

function count(n: number): string {
  return n === 1 ? "1 call passes" : `${n} calls pass`;
}

/**
 * Evaluates an iam-dataset predicate on a literal value (`undefined` = member absent). Returns undefined when
 * the operator is unknown.
 *
 * @example
 * ```ts
 * import { evaluate } from "./applies_when.ts";
 * evaluate("NotStartsWith", "orders", "arn:"); // true
 * ```
 */
export function evaluate(
  op: string,
  value: string | undefined,
  rhs: string | undefined,
): boolean | undefined {
  const r = rhs ?? "";
  switch (op) {
    case "Exists":
      return value !== undefined;
    case "NotExists":
      return value === undefined;
    case "Equals":
      return value === r;
    case "NotEquals":
      return value !== r;
    case "StartsWith":
      return value !== undefined && value.startsWith(r);
    case "NotStartsWith":
      return value === undefined || !value.startsWith(r);
    case "Contains":
      return value !== undefined && value.includes(r);
    case "NotContains":
      return value === undefined || !value.includes(r);
    case "IContains":
      return value !== undefined && value.toLowerCase().includes(r.toLowerCase());
    default:
      return undefined;
  }
}
