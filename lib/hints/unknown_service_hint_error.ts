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
 * Some service hints name no known service. One line lists each, with suggestions (upstream printed one line per
 * hint; a single line keeps every error of the CLI greppable):
 * `Unknown service hint: s4 (did you mean s3?). Use boto3 service names (s3, lambda), SDK names (cloudwatch-logs) or IAM prefixes (states)`.
 *
 * @example
 * ```ts
 * import { UnknownServiceHintError } from "./unknown_service_hint_error.ts";
 * const error = new UnknownServiceHintError([{ hint: "s4", suggestions: ["s3"] }]);
 * console.assert(error.message.startsWith("Unknown service hint: s4 (did you mean s3?). "));
 * ```
 */
export class UnknownServiceHintError extends UsageError {
  /** Creates the error for the unknown hints, in the order given. */
  constructor(readonly unknown: UnknownHint[]) {
    super(
      `Unknown service ${unknown.length === 1 ? "hint" : "hints"}: ` +
        unknown.map(({ hint, suggestions }) => `${hint}${suggestionText(suggestions)}`).join(", ") +
        ". Use boto3 service names (s3, lambda), SDK names (cloudwatch-logs) or IAM prefixes (states)",
    );
    this.name = "UnknownServiceHintError";
  }
}

function suggestionText(suggestions: string[]): string {
  if (suggestions.length === 0) return "";
  if (suggestions.length === 1) return ` (did you mean ${suggestions[0]}?)`;
  return ` (did you mean one of: ${suggestions.join(", ")}?)`;
}
