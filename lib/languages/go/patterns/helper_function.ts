/**
 * Pattern `go/helper_function`: package-level function calls — `attributevalue.MarshalMap(item)`,
 * `config.LoadDefaultConfig(ctx)`, `json.Marshal(v)`, `lambda.Start(handler)`, or a function of one of the
 * project's own packages — send no request themselves and yield nothing. (SDK constructors and feature
 * functions are claimed by earlier patterns; the project's own functions are analysed where they are
 * declared.)
 *
 * @example
 * ```go
 * av, err := attributevalue.MarshalMap(order) // nothing
 * ```
 *
 * @module
 */
import type { GoPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const HELPER_FUNCTION_PATTERN_ID = "go/helper_function";

/**
 * Claims calls whose receiver is a package, with no SdkCall.
 *
 * @example
 * ```ts ignore
 * helperFunctionPattern.emit!(input, ctx); // []
 * ```
 */
export const helperFunctionPattern: GoPattern = {
  id: HELPER_FUNCTION_PATTERN_ID,
  emit({ receiver }) {
    return receiver.t === "package" || receiver.t === "project" ? [] : undefined;
  },
};
