/**
 * The error for `--service-hints` names that match no SDK service.
 *
 * @module
 */
import { UsageError } from "../errors.ts";

/** One unknown hint and the service names it might have meant. */
export interface UnknownHint {
  hint: string;
  suggestions: string[];
}

/**
 * Some service hints name no known service. The message lists each, with suggestions:
 * `Provided service hints do not exist:\n  - s4 (did you mean s3?)`.
 *
 * @example
 * ```ts
 * import { UnknownServiceHintError } from "./unknown_service_hint_error.ts";
 * const error = new UnknownServiceHintError([{ hint: "s4", suggestions: ["s3"] }]);
 * console.assert(error.message === "Provided service hints do not exist:\n  - s4 (did you mean s3?)");
 * ```
 */
export class UnknownServiceHintError extends UsageError {
  /** Creates the error for the unknown hints, in the order given. */
  constructor(readonly unknown: UnknownHint[]) {
    super(
      "Provided service hints do not exist:" +
        unknown.map(({ hint, suggestions }) => `\n  - ${hint}${suggestionText(suggestions)}`).join(""),
    );
    this.name = "UnknownServiceHintError";
  }
}

function suggestionText(suggestions: string[]): string {
  if (suggestions.length === 0) return "";
  if (suggestions.length === 1) return ` (did you mean ${suggestions[0]}?)`;
  return ` (did you mean one of: ${suggestions.join(", ")}?)`;
}
