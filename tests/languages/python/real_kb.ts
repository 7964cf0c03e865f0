/**
 * Test helper: the real knowledge database (boto3 resource models, utilities and library models live only
 * there), and a one-call pipeline from Python sources to resolved (service, operation) pairs.
 *
 * @module
 */
import { KnowledgeBase } from "../../../lib/knowledge/knowledge_base.ts";
import { resolveCalls } from "../../../lib/resolve/mod.ts";
import type { SdkCall, SourceFile } from "../../../lib/types.ts";
import { extract } from "./extract.ts";

/** Path of the bundled knowledge database. */
export const REAL_DB = new URL("../../../db/knowledge.sqlite.gz", import.meta.url).pathname;

/** Opens the real knowledge database. */
export function realKnowledgeBase(): Promise<KnowledgeBase> {
  return KnowledgeBase.open({ path: REAL_DB });
}

/** One in-memory Python file. */
export function pySource(path: string, text: string): SourceFile {
  return { path, language: "python", text };
}

/** Runs the plug-in and resolution; returns the calls and the sorted `service:Operation` pairs reached. */
export async function resolvedPairs(
  files: SourceFile[],
  kb: KnowledgeBase,
): Promise<{ calls: SdkCall[]; pairs: string[] }> {
  const calls = await extract(files, kb);
  const { operations } = resolveCalls(calls, kb);
  return { calls, pairs: operations.map((o) => `${o.service}:${o.operation}`).sort() };
}
