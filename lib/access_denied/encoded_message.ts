/**
 * EC2-style "Encoded authorization failure message"s: the advice to decode them, and reading the decoded JSON
 * that STS DecodeAuthorizationMessage returns.
 *
 * @module
 */
import type { KnowledgeBase } from "../knowledge/knowledge_base.ts";
import { canonicalAction } from "./operation_actions.ts";
import { parsePrincipal } from "./principal.ts";
import type { Denial } from "./types.ts";

/**
 * What to do with an encoded message that could not be decoded.
 *
 * @example
 * ```ts
 * import { encodedMessageAdvice } from "./encoded_message.ts";
 * console.assert(encodedMessageAdvice().includes("sts:DecodeAuthorizationMessage"));
 * ```
 */
export function encodedMessageAdvice(): string {
  return "The details of this denial are encoded. Decode them with 'aws sts decode-authorization-message " +
    "--encoded-message <message>' (needs the sts:DecodeAuthorizationMessage permission) and rerun with the " +
    "decoded text, or rerun with AWS credentials allowed to call sts:DecodeAuthorizationMessage: this tool then " +
    "decodes it itself.";
}

interface DecodedMessage {
  allowed?: boolean;
  explicitDeny?: boolean;
  context?: { principal?: { arn?: string }; action?: string; resource?: string };
}

/**
 * Fills a denial from the decoded JSON (`{"allowed":false,"explicitDeny":false,"context":{"principal":{"arn"},
 * "action","resource"}}`): principal, action, resource; `explicitDeny: true` marks an explicit deny (layer
 * unknown), `false` means no policy allowed it.
 *
 * @example
 * ```ts ignore
 * const filled = applyDecodedMessage(denial, decodedJson, kb);
 * ```
 * @returns The updated denial (a copy), or the original when the JSON is not a decoded message.
 */
export function applyDecodedMessage(denial: Denial, decodedJson: string, kb: KnowledgeBase): Denial {
  let decoded: DecodedMessage;
  try {
    decoded = JSON.parse(decodedJson);
  } catch {
    return denial;
  }
  const context = decoded.context ?? {};
  const principal = context.principal?.arn ? parsePrincipal(context.principal.arn) : undefined;
  const action = context.action ? canonicalAction(kb, context.action) ?? context.action : undefined;
  const next: Denial = {
    ...denial,
    principal: principal ?? denial.principal,
    action: action ?? denial.action,
    candidateActions: action ? undefined : denial.candidateActions,
    resource: context.resource ?? denial.resource,
    decoded: true,
    explicitDeny: decoded.explicitDeny === true,
    denialType: decoded.explicitDeny === true
      ? "Unknown"
      : decoded.allowed === false
      ? "ImplicitIdentity"
      : "Unknown",
    notes: denial.notes.filter((n) => !n.startsWith("The details of this denial are encoded")),
  };
  next.missing = next.missing.filter((m) =>
    !(m === "principal" && next.principal) && !(m === "action" && next.action) &&
    !(m === "resource" && next.resource)
  );
  next.notes.push(
    decoded.explicitDeny
      ? "Decoded: an explicit deny in some policy matched; the decoded message does not say which policy layer."
      : "Decoded: no policy allows the action for this principal.",
  );
  return next;
}
