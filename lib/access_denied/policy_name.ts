/**
 * Names this tool gives what it writes: its inline policy (`IamPolicyAutopilot-<principal>`, as upstream)
 * and statement ids (`IamPolicyAutopilot<Service><Action><YYYYMMDD>`).
 *
 * @module
 */

/** Prefix of the tool's inline policy name. */
export const INLINE_POLICY_PREFIX = "IamPolicyAutopilot-";

/**
 * The tool's inline policy name for a role or user: `IamPolicyAutopilot-<name>`, characters outside
 * `[A-Za-z0-9+=,.@_-]` replaced by `-` (runs collapsed, ends trimmed), at most 128 characters.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inlinePolicyName } from "./policy_name.ts";
 * assert.equal(inlinePolicyName("orders-api"), "IamPolicyAutopilot-orders-api");
 * ```
 */
export function inlinePolicyName(principalName: string): string {
  const clean = principalName.replace(/[^A-Za-z0-9+=,.@_-]+/g, "-").replace(/^-+|-+$/g, "");
  return `${INLINE_POLICY_PREFIX}${clean}`.slice(0, 128);
}

function pascal(text: string): string {
  return text.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

/**
 * Statement id for an action on a day: `IamPolicyAutopilotS3GetObject20260115`; `taken` ids get `2`, `3`, ...
 * appended.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { statementSid } from "./policy_name.ts";
 * const day = new Date("2026-01-15T10:00:00Z");
 * assert.equal(statementSid("s3:GetObject", day), "IamPolicyAutopilotS3GetObject20260115");
 * assert.equal(statementSid("s3:GetObject", day, new Set(["IamPolicyAutopilotS3GetObject20260115"])),
 *   "IamPolicyAutopilotS3GetObject202601152");
 * ```
 */
export function statementSid(action: string, now: Date, taken: ReadonlySet<string> = new Set()): string {
  const [prefix, name = ""] = action.split(":");
  const day = now.toISOString().slice(0, 10).replaceAll("-", "");
  const base = `IamPolicyAutopilot${pascal(prefix)}${pascal(name)}${day}`;
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}${n}`)) n++;
  return `${base}${n}`;
}
