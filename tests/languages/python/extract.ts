/**
 * Test helper: runs the Python plug-in over fixture files and summarises the calls for compact assertions.
 *
 * @module
 */
import { pythonPlugin } from "../../../lib/languages/python/mod.ts";
import type { KnowledgeBase } from "../../../lib/knowledge/knowledge_base.ts";
import type { SdkCall, SourceFile } from "../../../lib/types.ts";
import { readFixtureFiles, runPlugin, summary, valueText } from "../../helpers/sdk_calls.ts";
import { tinyKnowledgeBase } from "../../helpers/tiny_knowledge_base.ts";

// Shared with the other plug-ins' tests; re-exported so the Python tests keep importing from here.
export { summary, valueText };

/** Directory of the Python pattern fixtures. */
export const FIXTURES = new URL("../../fixtures/languages/python/", import.meta.url);

/** Reads fixture files (relative to {@linkcode FIXTURES}) as SourceFiles with those relative paths. */
export function fixtureFiles(...paths: string[]): SourceFile[] {
  return readFixtureFiles(FIXTURES, "python", paths);
}

/** Runs both plug-in phases over `files` with `kb` (default: a fresh tiny knowledge base). */
export async function extract(files: SourceFile[], kb?: KnowledgeBase): Promise<SdkCall[]> {
  const own = kb ?? await tinyKnowledgeBase();
  try {
    // Facts pass through JSON, as across a Worker boundary.
    return await runPlugin(pythonPlugin, files, own);
  } finally {
    if (!kb) own.close();
  }
}

/** Keyword/positional arguments as `{ name or #position: value text }`. */
export function args(call: SdkCall): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of call.arguments) {
    const key = a.splat ? `**${a.position ?? ""}` : a.name ?? `#${a.position}`;
    out[key] = valueText(a.value);
  }
  return out;
}

/** Only the calls a pattern produced. */
export function byPattern(calls: SdkCall[], pattern: string): SdkCall[] {
  return calls.filter((c) => c.pattern === pattern);
}
