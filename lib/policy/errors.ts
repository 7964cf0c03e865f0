/**
 * Errors of the policy stage.
 *
 * @module
 */

/**
 * The policy stage was given input that an earlier stage should never produce: a wildcard action, an action
 * without a service prefix, or an empty `${}` placeholder. It signals a bug upstream of `lib/policy`, not a user
 * mistake.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { PolicyInternalError } from "./errors.ts";
 *
 * const error = new PolicyInternalError("wildcard-action", "s3:*", "actions must be fully enumerated");
 * assert.equal(error.code, "wildcard-action");
 * assert.ok(error.message.includes("s3:*"));
 * ```
 */
export class PolicyInternalError extends Error {
  /** What kind of invariant was broken. */
  readonly code: "wildcard-action" | "malformed-action" | "empty-placeholder";
  /** The offending value (action or template). */
  readonly value: string;

  /**
   * @param code What kind of invariant was broken.
   * @param value The offending value.
   * @param detail What went wrong and where to fix it.
   */
  constructor(code: PolicyInternalError["code"], value: string, detail: string) {
    super(`Internal error in the policy stage (${code}) for "${value}": ${detail}`);
    this.name = "PolicyInternalError";
    this.code = code;
    this.value = value;
  }
}

/**
 * Throws {@linkcode PolicyInternalError} unless `action` is a fully enumerated `prefix:Name` IAM action.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { assertConcreteAction } from "./errors.ts";
 *
 * assertConcreteAction("s3:GetObject");
 * assert.throws(() => assertConcreteAction("s3:Get*"));
 * ```
 *
 * @param action The IAM action to check.
 */
export function assertConcreteAction(action: string): void {
  if (action.includes("*") || action.includes("?")) {
    throw new PolicyInternalError(
      "wildcard-action",
      action,
      "generated policies never contain wildcard actions; the permissions stage must enumerate the actions it " +
        "needs (fix the knowledge entry that produced it)",
    );
  }
  if (!/^[A-Za-z0-9-]+:[A-Za-z0-9]+$/.test(action)) {
    throw new PolicyInternalError(
      "malformed-action",
      action,
      'expected "service-prefix:ActionName" (e.g. "s3:GetObject"); fix the knowledge entry that produced it',
    );
  }
}
