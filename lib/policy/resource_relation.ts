/**
 * The relation between two IAM resource patterns, used to drop resources already covered by another one.
 *
 * @module
 */

import { sortedUnique } from "./sort.ts";

/** How two resource patterns relate, read as "a … b". */
export type ResourceRelation = "equivalent" | "subsumes" | "subsumed" | "incomparable";

const globCache = new Map<string, RegExp>();

function glob(pattern: string): RegExp {
  let regex = globCache.get(pattern);
  if (!regex) {
    const body = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&")).join(".*");
    regex = new RegExp(`^${body}$`, "s");
    globCache.set(pattern, regex);
  }
  return regex;
}

/** Segment-wise match as IAM evaluates ARNs: the first five segments one by one, the resource part as a whole. */
function covers(pattern: string, target: string): boolean {
  if (pattern === "*") return true;
  if (!pattern.startsWith("arn:") || !target.startsWith("arn:")) return false;
  const p = pattern.split(":");
  const t = target.split(":");
  if (p.length < 6 || t.length < 6) return false;
  for (let i = 1; i < 5; i++) {
    if (!glob(p[i]).test(t[i])) return false;
  }
  return glob(p.slice(5).join(":")).test(t.slice(5).join(":"));
}

/**
 * Compares two resource patterns. `a` subsumes `b` when every resource `b` matches is also matched by `a`:
 * `*` subsumes everything; for ARNs the partition, service, region and account segments are matched one by one
 * and the resource part as a whole, with `*` in `a` matching any text (including a `*` of `b`, which is sound
 * because `a`'s `*` also matches whatever `b`'s `*` expands to). Non-ARN strings relate only by equality.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { compareResources } from "./resource_relation.ts";
 *
 * assert.equal(compareResources("arn:aws:s3:::b/*", "arn:aws:s3:::b/k"), "subsumes");
 * assert.equal(compareResources("arn:aws:s3:::b/k", "*"), "subsumed");
 * assert.equal(compareResources("arn:aws:s3:::a/*", "arn:aws:s3:::b/*"), "incomparable");
 * ```
 *
 * @param a A resource pattern.
 * @param b Another resource pattern.
 * @returns How `a` relates to `b`.
 */
export function compareResources(a: string, b: string): ResourceRelation {
  if (a === b) return "equivalent";
  const aCoversB = covers(a, b);
  const bCoversA = covers(b, a);
  if (aCoversB && bCoversA) return "equivalent";
  if (aCoversB) return "subsumes";
  if (bCoversA) return "subsumed";
  return "incomparable";
}

/**
 * Sorted, de-duplicated resources without those subsumed by another one in the list. Of two equivalent
 * patterns the one that sorts first is kept.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { removeSubsumed } from "./resource_relation.ts";
 *
 * assert.deepEqual(
 *   removeSubsumed(["arn:aws:s3:::b/k", "arn:aws:s3:::b/*", "arn:aws:s3:::c/*"]),
 *   ["arn:aws:s3:::b/*", "arn:aws:s3:::c/*"],
 * );
 * ```
 *
 * @param resources Resource patterns.
 * @returns The minimal sorted list matching the same resources.
 */
export function removeSubsumed(resources: readonly string[]): string[] {
  const unique = sortedUnique(resources);
  if (unique.includes("*")) return ["*"];
  return unique.filter((candidate, i) =>
    !unique.some((other, j) => {
      if (i === j) return false;
      const relation = compareResources(other, candidate);
      return relation === "subsumes" || (relation === "equivalent" && j < i);
    })
  );
}
