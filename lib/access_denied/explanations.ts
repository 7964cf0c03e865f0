/**
 * Explanations of each denial type: which policy layer denies, and what its owner must change. This tool only
 * ever writes identity policies; it never changes SCPs, RCPs, permissions boundaries or resource policies.
 *
 * @module
 */
import { principalText } from "./principal.ts";
import type { Denial } from "./types.ts";

function what(d: Denial): string {
  const action = d.action ?? (d.candidateActions ? d.candidateActions.join(" or ") : "the action");
  return `${action} on ${d.resource ?? "the resource"}`;
}

function by(d: Denial): string {
  return d.denyingPolicyArn ? ` (${d.denyingPolicyArn})` : "";
}

/**
 * Why this tool does not fix a denial of this type, and what the owner of the denying layer must change.
 * For `ImplicitIdentity` the text says what the proposed statement does.
 *
 * @example
 * ```ts
 * import { explainDenial } from "./explanations.ts";
 * const text = explainDenial({ denialType: "ServiceControlPolicy", explicitDeny: true, action: "s3:PutObject",
 *   resource: "*", missing: [], notes: [], source: "message", line: 1, message: "" });
 * console.assert(text.includes("service control policy"));
 * ```
 */
export function explainDenial(d: Denial): string {
  const who = principalText(d.principal) ?? "the caller";
  const kind = d.explicitDeny ? "explicitly denies" : "does not allow";
  switch (d.denialType) {
    case "ImplicitIdentity":
      return `No identity-based policy of ${who} allows ${
        what(d)
      }. Adding an Allow statement to its identity ` +
        `policies fixes this, unless another layer also denies it.`;
    case "ExplicitIdentity":
      return `An identity-based policy${by(d)} of ${who} (or of a group it belongs to) explicitly denies ` +
        `${what(d)}. An explicit deny always wins, so no Allow can fix this. Whoever owns that policy must ` +
        `narrow its Deny statement (or exempt this use with a condition); if the deny is intended, the code must ` +
        `stop needing ${d.action ?? "this action"}.`;
    case "ResourcePolicy":
      return d.explicitDeny
        ? `The resource-based policy of ${d.resource ?? "the resource"}${by(d)} explicitly denies ${who} ` +
          `${
            d.action ?? "this action"
          }. No identity policy can override it: the resource's owner must change ` +
          `the Deny statement of its policy (bucket policy, key policy, queue policy, trust policy, ...).`
        : `The resource-based policy of ${d.resource ?? "the resource"} does not allow ${who} ` +
          `${
            d.action ?? "this action"
          } (needed for cross-account access and for resources such as KMS keys ` +
          `and role trust policies). The resource's owner must add the statement below to the resource's ` +
          `policy; this tool does not change resource policies.`;
    case "ServiceControlPolicy":
      return `A service control policy of AWS Organizations${by(d)} ${kind} ${
        what(d)
      } in this account. SCPs ` +
        `limit every principal of the account, and no identity policy can get past them. Only the ` +
        `organization's management account (or its delegated administrator) can change SCPs: ask them to ` +
        `${d.explicitDeny ? "narrow the Deny statement" : "allow the action"}. This tool never changes SCPs.`;
    case "ResourceControlPolicy":
      return `A resource control policy of AWS Organizations${by(d)} ${kind} ${
        what(d)
      }. RCPs limit access to ` +
        `the organization's resources whatever the identity policies say. Only the organization's management ` +
        `account (or its delegated administrator) can change them. This tool never changes RCPs.`;
    case "PermissionsBoundary":
      return `The permissions boundary${by(d)} of ${who} ${kind} ${what(d)}. A boundary caps what identity ` +
        `policies can grant, so adding an Allow alone cannot work: whoever manages the boundary must ` +
        `${
          d.explicitDeny ? "narrow its Deny statement" : `add ${d.action ?? "the action"} to it`
        }. This tool ` +
        `never changes permissions boundaries.`;
    case "SessionPolicy":
      return `The session policy${by(d)} passed when the session of ${who} was created ${kind} ${what(d)}. ` +
        `Session policies cap the role's permissions for that session: change the code or configuration that ` +
        `creates the session (the Policy / PolicyArns of AssumeRole, GetFederationToken, ...) so that it allows ` +
        `the action. Changing the role's own policies cannot help.`;
    case "VpcEndpointPolicy":
      return `The policy of the VPC endpoint the request went through${by(d)} ${kind} ${
        what(d)
      }. The owner ` +
        `of the VPC endpoint must ${
          d.explicitDeny ? "narrow its Deny statement" : "allow the action there"
        }; ` +
        `identity policies cannot get past it.`;
    default:
      return d.explicitDeny
        ? `An explicit deny in some policy blocks ${what(d)}, and the message does not say which layer ` +
          `(identity policy, resource policy, SCP, RCP, permissions boundary, session or VPC endpoint ` +
          `policy). An Allow cannot override an explicit deny, so this tool proposes none. Look up the denied ` +
          `call in CloudTrail or IAM policy simulator to find the denying policy.`
        : `The message does not say which policy layer denied ${
          what(d)
        }, so this tool cannot tell whether an ` +
          `identity policy would fix it. Use the full error message of a recent SDK (it names the layer: ` +
          `"because no identity-based policy allows ..."), the CloudTrail event, or IAM policy simulator.`;
  }
}
