/**
 * "Did you mean" suggestions by edit distance.
 *
 * @module
 */

/**
 * Levenshtein distance between two strings (case-insensitive).
 *
 * @example
 * ```ts
 * import { editDistance } from "./closest_matches.ts";
 * console.assert(editDistance("s4", "s3") === 1);
 * ```
 */
export function editDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * Candidates within `maxDistance` edits of `input`, closest first (ties alphabetical), at most `limit`.
 *
 * @example
 * ```ts
 * import { closestMatches } from "./closest_matches.ts";
 * console.assert(closestMatches("lamda", ["lambda", "s3"])[0] === "lambda");
 * ```
 */
export function closestMatches(
  input: string,
  candidates: Iterable<string>,
  maxDistance = 2,
  limit = 3,
): string[] {
  const scored: [number, string][] = [];
  for (const candidate of new Set(candidates)) {
    const distance = editDistance(input, candidate);
    if (distance <= maxDistance) scored.push([distance, candidate]);
  }
  scored.sort((x, y) => x[0] - y[0] || x[1].localeCompare(y[1]));
  return scored.slice(0, limit).map(([, c]) => c);
}
