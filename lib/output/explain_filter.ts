/**
 * `--explain` patterns: globs over IAM actions.
 *
 * @module
 */

/**
 * A matcher for `--explain` patterns: an action matches when any pattern matches it whole, case-insensitively,
 * with `*` standing for any characters (every other character is literal).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { explainMatcher } from "./explain_filter.ts";
 *
 * const matches = explainMatcher(["s3:*", "ec2:Describe*"]);
 * assert.ok(matches("S3:GetObject"));
 * assert.ok(matches("ec2:DescribeInstances"));
 * assert.ok(!matches("kms:Decrypt"));
 * ```
 *
 * @param patterns Glob patterns such as `*`, `s3:*`, `ec2:Describe*`.
 * @returns A predicate on actions.
 */
export function explainMatcher(patterns: readonly string[]): (action: string) => boolean {
  const regexes = patterns.map((pattern) =>
    new RegExp(
      `^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&")).join(".*")}$`,
      "is",
    )
  );
  return (action) => regexes.some((regex) => regex.test(action));
}
