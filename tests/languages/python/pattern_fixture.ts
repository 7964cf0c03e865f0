/**
 * Test helper: runs one pattern fixture directory through the plug-in and resolution with the real knowledge
 * database.
 *
 * @module
 */
import type { SdkCall } from "../../../lib/types.ts";
import { FIXTURES } from "./extract.ts";
import { pySource, realKnowledgeBase, resolvedPairs } from "./real_kb.ts";

/** Calls and resolved `service:Operation` pairs of every `.py` file of fixture directory `dir`. */
export async function runFixture(dir: string): Promise<{ calls: SdkCall[]; pairs: string[] }> {
  const base = new URL(`${dir}/`, FIXTURES);
  const files = [...Deno.readDirSync(base)].filter((e) => e.name.endsWith(".py")).map((e) => e.name).sort()
    .map((name) => pySource(`${dir}/${name}`, Deno.readTextFileSync(new URL(name, base))));
  const kb = await realKnowledgeBase();
  try {
    return await resolvedPairs(files, kb);
  } finally {
    kb.close();
  }
}

/** The calls a pattern produced, as `line method Operation`. */
export function lines(calls: SdkCall[], pattern: string): string[] {
  return calls.filter((c) => c.pattern === pattern).map((c) =>
    `${c.location.line} ${c.method}${c.operation ? ` ${c.operation}` : ""}`
  );
}
