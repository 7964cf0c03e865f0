/**
 * Helpers for golden files: the knowledge database version in an output is replaced by a fixed placeholder, so
 * rebuilding the database (a new version string) does not invalidate goldens whose policies did not change.
 *
 * @module
 */

/** What goldens hold instead of the knowledge database version. */
export const KB_VERSION_PLACEHOLDER = "<knowledge-db-version>";

/** The output with `"KnowledgeBase": {"Version": "..."}` replaced by the placeholder (pretty or compact). */
export function normalizeKnowledgeVersion(output: string): string {
  return output.replace(
    /("KnowledgeBase":\s*\{\s*"Version":\s*)"[^"]*"/g,
    (_whole, prefix: string) => `${prefix}"${KB_VERSION_PLACEHOLDER}"`,
  );
}

/** True when the run should rewrite goldens instead of comparing (`UPDATE_GOLDEN=1`). */
export function updatingGoldens(): boolean {
  return Deno.env.get("UPDATE_GOLDEN") === "1";
}
