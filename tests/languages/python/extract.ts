/**
 * Test helper: runs the Python plug-in over fixture files and summarises the calls for compact assertions.
 *
 * @module
 */
import { pythonPlugin } from "../../../lib/languages/python/mod.ts";
import type { KnowledgeBase } from "../../../lib/knowledge/knowledge_base.ts";
import type { ArgumentValue, SdkCall, SourceFile } from "../../../lib/types.ts";
import { tinyKnowledgeBase } from "../../helpers/tiny_knowledge_base.ts";

/** Directory of the Python pattern fixtures. */
export const FIXTURES = new URL("../../fixtures/languages/python/", import.meta.url);

/** Reads fixture files (relative to {@linkcode FIXTURES}) as SourceFiles with those relative paths. */
export function fixtureFiles(...paths: string[]): SourceFile[] {
  return paths.map((path) => ({
    path,
    language: "python",
    text: Deno.readTextFileSync(new URL(path, FIXTURES)),
  }));
}

/** Runs both plug-in phases over `files` with `kb` (default: a fresh tiny knowledge base). */
export async function extract(files: SourceFile[], kb?: KnowledgeBase): Promise<SdkCall[]> {
  const own = kb ?? await tinyKnowledgeBase();
  try {
    const facts = await Promise.all(files.map((f) => pythonPlugin.analyzeFile(f)));
    // Facts must survive a Worker boundary: prove they are plain data.
    const copied = facts.map((f) => structuredClone(JSON.parse(JSON.stringify(f))));
    return pythonPlugin.linkProject(copied, own);
  } finally {
    if (!kb) own.close();
  }
}

/** `file:line:column method [services] Operation` — one line per call. */
export function summary(call: SdkCall): string {
  const file = call.location.file.split("/").pop();
  const op = call.operation ? ` ${call.operation}` : "";
  return `${file}:${call.location.line}:${call.location.column} ${call.method} [${
    call.services.join(",")
  }]${op}`;
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

/** `"x"` literal, `~x*` pattern, `$X` env, `?expr` unresolved, numbers and constants as JSON. */
export function valueText(value: ArgumentValue): string {
  switch (value.kind) {
    case "literal":
      return typeof value.value === "string" ? `"${value.value}"` : JSON.stringify(value.value);
    case "pattern":
      return `~${value.value}`;
    case "env":
      return `$${value.name}`;
    case "unresolved":
      return `?${value.expression}`;
  }
}

/** Only the calls a pattern produced. */
export function byPattern(calls: SdkCall[], pattern: string): SdkCall[] {
  return calls.filter((c) => c.pattern === pattern);
}
