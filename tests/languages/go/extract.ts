/**
 * Test helper: runs the Go plug-in over fixture files and summarises the calls for compact assertions.
 *
 * @module
 */
import { goPlugin } from "../../../lib/languages/go/mod.ts";
import { KnowledgeBase } from "../../../lib/knowledge/knowledge_base.ts";
import type { SdkCall, SourceFile } from "../../../lib/types.ts";
import { readFixtureFiles, runPlugin, summary, valueText } from "../../helpers/sdk_calls.ts";

// Shared with the other plug-ins' tests; re-exported so the Go tests keep importing from here.
export { summary, valueText };

/** Directory of the Go pattern fixtures. */
export const FIXTURES = new URL("../../fixtures/languages/go/", import.meta.url);

/** Reads fixture files (relative to {@linkcode FIXTURES}) as SourceFiles with those relative paths. */
export function fixtureFiles(...paths: string[]): SourceFile[] {
  return readFixtureFiles(FIXTURES, "go", paths);
}

/** Every `.go` file under `dir` (recursively), as SourceFiles with paths relative to `root`, sorted. */
export function goFilesUnder(dir: URL, prefix: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (url: URL, rel: string): void => {
    const entries = [...Deno.readDirSync(url)].sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      if (e.isDirectory) walk(new URL(`${e.name}/`, url), `${rel}${e.name}/`);
      else if (e.name.endsWith(".go")) {
        out.push({
          path: `${prefix}${rel}${e.name}`,
          language: "go",
          text: Deno.readTextFileSync(new URL(e.name, url)),
        });
      }
    }
  };
  walk(dir, "");
  return out;
}

let shared: Promise<KnowledgeBase> | undefined;

/** The real knowledge base (db/knowledge.sqlite.gz), opened once per test process. */
export function realKnowledgeBase(): Promise<KnowledgeBase> {
  shared ??= KnowledgeBase.open({
    path: new URL("../../../db/knowledge.sqlite.gz", import.meta.url).pathname,
  });
  return shared;
}

/** Runs both plug-in phases over `files` (facts pass through JSON, as across a Worker boundary). */
export async function extract(files: SourceFile[], kb?: KnowledgeBase): Promise<SdkCall[]> {
  return runPlugin(goPlugin, files, kb ?? await realKnowledgeBase());
}

/** Named/positional arguments as `{ name or #position: value text }`. */
export function args(call: SdkCall): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of call.arguments) out[a.name ?? `#${a.position}`] = valueText(a.value);
  return out;
}
