/**
 * Errors of `fix-access-denied`, each with the exit code the CLI uses.
 *
 * @module
 */
import { ExitCode, UserError } from "../errors.ts";

/** The input holds no AccessDenied (exit 2). */
export class NoAccessDeniedError extends UserError {
  /** Creates the error. */
  constructor() {
    super(
      "No AccessDenied found in provided text: expected an AWS error such as 'User: arn:... is not authorized to " +
        "perform: s3:GetObject on resource: ...', 'An error occurred (AccessDenied) when calling the ... " +
        "operation', or a CloudTrail event with an errorCode. Paste the whole error message.",
      ExitCode.Usage,
    );
    this.name = "NoAccessDeniedError";
  }
}

/** Why a fix was not applied. */
export type ApplyRefusalReason =
  | "unsupported_principal"
  | "account_mismatch"
  | "refused_non_tty"
  | "duplicate_statement"
  | "size_limit"
  | "policy_changed"
  | "malformed_existing_policy";

/**
 * This tool decided not to write: the principal is not a role or user, the credentials are for another
 * account, there is no TTY to confirm, every statement is already there, the size limit would be exceeded,
 * or the policy changed while confirming. Exit 1 for `duplicate_statement`, `size_limit`, `policy_changed` and
 * `malformed_existing_policy`; 2 for the others.
 *
 * @example
 * ```ts
 * import { ApplyRefusedError } from "./errors.ts";
 * console.assert(new ApplyRefusedError("account_mismatch", "x").exitCode === 2);
 * ```
 */
export class ApplyRefusedError extends UserError {
  /** Creates the error. */
  constructor(readonly reason: ApplyRefusalReason, message: string) {
    super(
      `apply refused (${reason}): ${message}`,
      reason === "duplicate_statement" || reason === "size_limit" || reason === "policy_changed" ||
        reason === "malformed_existing_policy"
        ? ExitCode.Error
        : ExitCode.Usage,
    );
    this.name = "ApplyRefusedError";
  }
}
