/**
 * `--service-hints`: narrowing resolved operations to the services the user names.
 *
 * @module
 */
import type { OperationRef } from "../types.ts";
import type { KnowledgeBase } from "../knowledge/knowledge_base.ts";
import { editDistance } from "../text/closest_matches.ts";
import { type UnknownHint, UnknownServiceHintError } from "./unknown_service_hint_error.ts";

/** Suggestions are names at most this many edits away (upstream uses the same bound). */
const MAX_SUGGESTION_DISTANCE = 2;

/**
 * The botocore services a hint stands for. A hint matches a service when it is one of the service's synonyms:
 * its botocore name, the dash-less form (`bedrockruntime`), an SDK alias from the knowledge base
 * (`cloudwatch-logs`, `sfn`), its IAM prefix (`bedrock`, `states`), or a name of any service sharing that IAM
 * prefix. So `bedrock` matches `bedrock-runtime` and `bedrock-agent`, and `logs` / `cloudwatch-logs` match
 * `logs`. Matching is case-insensitive. Sharing a prefix counts because hints only narrow: matching a sibling
 * service too keeps a call that upstream might drop, never the other way round.
 *
 * @example
 * ```ts ignore
 * servicesForHint("bedrock", kb); // ["bedrock", "bedrock-agent", "bedrock-runtime", ...]
 * ```
 */
export function servicesForHint(hint: string, kb: KnowledgeBase): string[] {
  const h = hint.trim().toLowerCase();
  const dashless = h.replaceAll("-", "");
  const services = kb.services();
  const direct = new Set<string>([...kb.servicesForAlias(h), ...kb.servicesForAlias(dashless)]);
  for (const s of services) {
    if (s.service === h || s.service.replaceAll("-", "") === dashless || s.iamPrefix === h) {
      direct.add(s.service);
    }
  }
  const prefixes = new Set(
    [...direct].map((name) => kb.service(name)?.iamPrefix).filter((p): p is string => typeof p === "string"),
  );
  const matched = new Set(direct);
  for (const s of services) if (s.iamPrefix !== null && prefixes.has(s.iamPrefix)) matched.add(s.service);
  return [...matched].sort();
}

/**
 * Throws {@linkcode UnknownServiceHintError} when some hint matches no service. Suggestions are the closest
 * service names and IAM prefixes within two edits; only the closest distance is offered, so `s4` suggests `s3`
 * rather than every two-letter service.
 *
 * @example
 * ```ts ignore
 * validateServiceHints(["s4"], kb); // throws: Provided service hints do not exist:\n  - s4 (did you mean s3?)
 * ```
 */
export function validateServiceHints(hints: string[], kb: KnowledgeBase): void {
  const unknown: UnknownHint[] = [];
  for (const hint of hints) {
    if (servicesForHint(hint, kb).length > 0) continue;
    unknown.push({ hint, suggestions: suggestionsFor(hint, kb) });
  }
  if (unknown.length > 0) throw new UnknownServiceHintError(unknown);
}

/**
 * Keeps the operations whose service matches one of the hints (after validating them). An empty hint list
 * keeps everything. Forward-access-session and other follow-on permissions are not affected: they are derived
 * later from the operations kept.
 *
 * @example
 * ```ts ignore
 * applyServiceHints(ops, ["logs"], kb).map((o) => o.service); // ["logs", ...]
 * ```
 */
export function applyServiceHints(ops: OperationRef[], hints: string[], kb: KnowledgeBase): OperationRef[] {
  if (hints.length === 0) return ops;
  validateServiceHints(hints, kb);
  const allowed = new Set(hints.flatMap((hint) => servicesForHint(hint, kb)));
  return ops.filter((op) => allowed.has(op.service));
}

function suggestionsFor(hint: string, kb: KnowledgeBase): string[] {
  const names = new Set<string>();
  for (const s of kb.services()) {
    names.add(s.service);
    if (s.iamPrefix) names.add(s.iamPrefix);
  }
  let best = MAX_SUGGESTION_DISTANCE + 1;
  let found: string[] = [];
  for (const name of [...names].sort()) {
    const distance = editDistance(hint, name);
    if (distance < best) [best, found] = [distance, [name]];
    else if (distance === best) found.push(name);
  }
  return found;
}
