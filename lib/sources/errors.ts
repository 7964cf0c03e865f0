/**
 * Errors of the source-collection stage.
 *
 * @module
 */

/**
 * An input path given by the user does not exist (or is a broken symbolic link).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { InputPathError } from "./errors.ts";
 *
 * const error = new InputPathError("app/missing.py");
 * assert.equal(error.path, "app/missing.py");
 * assert.match(error.message, /^Path does not exist: app\/missing\.py/);
 * ```
 */
export class InputPathError extends Error {
  /** The path as the user gave it. */
  readonly path: string;

  /**
   * @param path The path as the user gave it.
   * @param options Standard error options (`cause`).
   */
  constructor(path: string, options?: ErrorOptions) {
    super(
      `Path does not exist: ${path} (check the spelling, or run from the directory the path is relative to)`,
      options,
    );
    this.name = "InputPathError";
    this.path = path;
  }
}
