/**
 * `fix-access-denied` as a library: text → denials → plans → apply (through `lib/aws/`).
 *
 * @example
 * ```ts ignore
 * const kb = await KnowledgeBase.open();
 * const plans = planFixes(parseAccessDenied(errorText, kb), kb);
 * const aws = await openAwsSession();
 * const outcomes = await applyFixes(aws, plans);
 * ```
 *
 * @module
 */
export * from "./types.ts";
export * from "./errors.ts";
export { parsePrincipal, principalText } from "./principal.ts";
export { classifyDenial, type DenialReason } from "./denial_type.ts";
export { parseAccessDenied } from "./parse_access_denied.ts";
export { decodeDenials } from "./decode_denials.ts";
export { applyDecodedMessage, encodedMessageAdvice } from "./encoded_message.ts";
export { planFixes, type PlanOptions } from "./plan_fixes.ts";
export { explainDenial } from "./explanations.ts";
export { type PlanJson, plansJson, plansText } from "./format_plans.ts";
export { inlinePolicyName, statementSid } from "./policy_name.ts";
export { inlinePolicySize, mergeStatements, parsePolicyDocument } from "./merge_statements.ts";
export {
  applyFix,
  applyFixes,
  type ApplyOptions,
  type ApplyOutcome,
  commitFix,
  formatOutcomes,
  type PreparedFix,
  prepareFix,
} from "./apply_fix.ts";
