/**
 * The policy layer an AccessDenied message blames, from its reason clause ("because no identity-based policy
 * allows ...", "with an explicit deny in a service control policy", ...).
 *
 * @module
 */
import type { DenialType } from "./types.ts";

/** What a reason clause says. */
export interface DenialReason {
  denialType: DenialType;
  explicitDeny: boolean;
  /** ARN of the denying policy when the message names it (`... in an identity-based policy: arn:...`). */
  denyingPolicyArn?: string;
}

/** Layer phrases, most specific first (a VPC endpoint "transitively through" an SCP names the endpoint first). */
const LAYERS: [RegExp, DenialType][] = [
  [/identity[- ]based polic/i, "ImplicitIdentity"],
  [/resource[- ]based polic/i, "ResourcePolicy"],
  [/service control polic|\bSCPs?\b/i, "ServiceControlPolicy"],
  [/resource control polic|\bRCPs?\b/i, "ResourceControlPolicy"],
  [/permissions? boundar/i, "PermissionsBoundary"],
  [/session polic/i, "SessionPolicy"],
  [/VPC endpoint polic/i, "VpcEndpointPolicy"],
];

function firstLayer(text: string): DenialType | undefined {
  let best: { at: number; type: DenialType } | undefined;
  for (const [pattern, type] of LAYERS) {
    const m = pattern.exec(text);
    if (m && (!best || m.index < best.at)) best = { at: m.index, type };
  }
  return best?.type;
}

/**
 * Classifies the reason clause of a message (the text after the action and resource).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { classifyDenial } from "./denial_type.ts";
 * assert.equal(classifyDenial("because no identity-based policy allows the s3:GetObject action").denialType,
 *   "ImplicitIdentity");
 * assert.equal(classifyDenial("with an explicit deny in an identity-based policy").denialType, "ExplicitIdentity");
 * assert.equal(classifyDenial("with an explicit deny in a service control policy").denialType,
 *   "ServiceControlPolicy");
 * assert.equal(classifyDenial("").denialType, "Unknown");
 * ```
 */
export function classifyDenial(reason: string): DenialReason {
  const explicit = /explicit(ly)? den(y|ies)/i.exec(reason);
  const policyArn = /polic(?:y|ies)\s*:?\s*(arn:aws[a-z-]*:(?:iam|organizations)::[^\s"',;]+)/i.exec(reason)
    ?.[1]
    ?.replace(/[.)]+$/, "");
  if (explicit) {
    // "... with an explicit deny in a X policy"; KMS: "no resource-based policies allow access, or a
    // resource-based policy explicitly denies access" names the layer before the verb.
    const layer = firstLayer(reason.slice(explicit.index)) ?? firstLayer(reason);
    const type: DenialType = layer === "ImplicitIdentity" ? "ExplicitIdentity" : layer ?? "Unknown";
    return { denialType: type, explicitDeny: true, ...(policyArn ? { denyingPolicyArn: policyArn } : {}) };
  }
  // "because no X allows", "because of a service control policy", "not allowed by ..."
  const layer = /\bno\b|\bof an?\b|\bnot allowed\b|\bdoes not allow\b/i.test(reason)
    ? firstLayer(reason)
    : undefined;
  return { denialType: layer ?? "Unknown", explicitDeny: false };
}
