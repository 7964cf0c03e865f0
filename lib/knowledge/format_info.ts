/**
 * Human rendering of `knowledge info`.
 *
 * @module
 */
import type { KnowledgeInfo } from "./knowledge_base.ts";

/** Renders version, sources, counts and coverage for people. */
export function formatKnowledgeInfo(info: KnowledgeInfo, location: string): string {
  const lines = [
    `Knowledge database ${info.version} (schema ${info.schemaVersion})`,
    `  file: ${location}`,
    `  services: ${info.counts.services}   operations: ${info.counts.operations}   IAM actions: ${info.counts.iamActions}   operation→action mappings: ${info.counts.operationActions}`,
    "Sources:",
  ];
  for (const s of info.sources) {
    lines.push(`  ${s.name.padEnd(18)} ${s.version ?? "unversioned"}  (${s.location})`);
  }
  const c = info.coverage as Record<string, unknown> | null;
  if (c) {
    lines.push("Coverage:");
    for (const key of Object.keys(c)) {
      const value = c[key];
      if (typeof value === "number" || typeof value === "string") lines.push(`  ${key}: ${value}`);
      else if (value && typeof value === "object" && !Array.isArray(value)) {
        const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) =>
          typeof v !== "object"
        );
        if (entries.length) lines.push(`  ${key}: ${entries.map(([k, v]) => `${k}=${v}`).join(", ")}`);
      }
    }
  }
  return lines.join("\n") + "\n";
}
