/**
 * Typed errors that carry the process exit code the CLI uses for them.
 *
 * @module
 */

/**
 * Exit codes of the `iam-policy-autopilot` command.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { ExitCode } from "./errors.ts";
 *
 * assert.equal(ExitCode.Usage, 2);
 * assert.equal(ExitCode.FilesSkipped, 3);
 * ```
 */
export const ExitCode = {
  /** Everything worked. */
  Success: 0,
  /** The analysis, the knowledge database or an AWS call failed. */
  Error: 1,
  /** Bad command line: unknown flag, missing argument, unknown service hint or region, missing path. */
  Usage: 2,
  /** The command finished, but some input files were skipped (each reported on stderr). */
  FilesSkipped: 3,
} as const;

/**
 * One of {@linkcode ExitCode}'s values.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { ExitCode, type ExitCodeValue } from "./errors.ts";
 *
 * const code: ExitCodeValue = ExitCode.Success;
 * assert.equal(code, 0);
 * ```
 */
export type ExitCodeValue = typeof ExitCode[keyof typeof ExitCode];

/**
 * An error meant for the person running the tool: one clear line, no stack trace, an exit code.
 *
 * @example
 * ```ts
 * import { ExitCode, UserError } from "./errors.ts";
 * const error = new UserError("Path does not exist: app.py", ExitCode.Usage);
 * console.assert(error.exitCode === 2);
 * ```
 */
export class UserError extends Error {
  /** Creates an error that the CLI prints as `error: <message>` and exits with `exitCode`. */
  constructor(message: string, readonly exitCode: ExitCodeValue = ExitCode.Error, options?: ErrorOptions) {
    super(message, options);
    this.name = "UserError";
  }
}

/**
 * A command-line usage error (exit code 2).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { ExitCode, UsageError } from "./errors.ts";
 *
 * const error = new UsageError("Unknown flag --nope");
 * assert.equal(error.exitCode, ExitCode.Usage);
 * ```
 */
export class UsageError extends UserError {
  /** Creates a usage error. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, ExitCode.Usage, options);
    this.name = "UsageError";
  }
}
