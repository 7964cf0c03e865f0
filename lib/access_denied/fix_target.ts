/**
 * Where an identity-policy fix can be written: the IAM role behind an assumed-role session, an IAM role, or
 * an IAM user. Everything else is refused with the reason.
 *
 * @module
 */
import { inlinePolicyName } from "./policy_name.ts";
import type { FixTarget, Principal } from "./types.ts";

/** A target, or why there is none. */
export type TargetResult = { target: FixTarget } | { refused: string };

/**
 * The inline-policy target for a principal.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fixTarget } from "./fix_target.ts";
 * import { parsePrincipal } from "./principal.ts";
 * const r = fixTarget(parsePrincipal("arn:aws:sts::123456789012:assumed-role/orders-api/i-0abc"));
 * assert.deepEqual(r, { target: { kind: "role", name: "orders-api", account: "123456789012", partition: "aws",
 *   policyName: "IamPolicyAutopilot-orders-api" } });
 * ```
 */
export function fixTarget(principal: Principal | undefined): TargetResult {
  if (!principal) return { refused: "the message does not name the principal" };
  const { kind, name, account, partition } = principal;
  switch (kind) {
    case "role":
    case "assumed-role":
    case "user": {
      if (!name || !account || !partition) return { refused: "the principal ARN is incomplete" };
      if (principal.path?.startsWith("/aws-service-role/")) {
        return {
          refused: `${name} is a service-linked role; AWS manages its permissions and they cannot be changed`,
        };
      }
      if (
        kind !== "user" &&
        (name.startsWith("AWSReservedSSO_") || principal.path?.startsWith("/aws-reserved/"))
      ) {
        return {
          refused:
            `${name} is managed by IAM Identity Center; change the permission set in IAM Identity Center ` +
            `instead (inline policies on this role are overwritten)`,
        };
      }
      const targetKind = kind === "user" ? "user" : "role";
      return { target: { kind: targetKind, name, account, partition, policyName: inlinePolicyName(name) } };
    }
    case "root":
      return {
        refused: "the account root user cannot be given policies; its access is limited only by SCPs",
      };
    case "federated-user":
      return {
        refused: "a federated user's permissions come from the IAM user that called GetFederationToken and " +
          "the session policy passed then; add the statement there",
      };
    case "anonymous":
      return {
        refused: "the request was anonymous (unsigned); sign it with credentials, or grant access in the " +
          "resource's policy",
      };
    case "service":
      return {
        refused: `the caller is the service ${principal.service}; grant it access in the resource's policy`,
      };
    default:
      return {
        refused: `principals like ${principal.arn ?? "this"} cannot be given identity policies by this tool`,
      };
  }
}
