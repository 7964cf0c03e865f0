/**
 * Accuracy of the Python plug-in on a corpus of realistic multi-file apps (tests/fixtures/apps/py_*): each
 * app's expected.json lists the exact (service, operation) pairs its code can call (`operations`) and the
 * services it creates clients or resources for, directly or through a modelled library (`clients`). The real
 * pipeline runs on each app — Python plug-in, then resolveCalls with the real knowledge database — and must
 * find every expected operation (recall 100%) and no operation of a service the app has no client for.
 * Precision (expected found / found) is printed, not asserted: extra operations of the app's own services are
 * the price of over-approximation (utilities that may go multipart, resource waiters...).
 */
import assert from "node:assert/strict";
import { KnowledgeBase } from "../../lib/knowledge/knowledge_base.ts";
import { pythonPlugin } from "../../lib/languages/python/mod.ts";
import { resolveCalls } from "../../lib/resolve/mod.ts";
import type { SourceFile } from "../../lib/types.ts";

const APPS = new URL("../fixtures/apps/", import.meta.url);
const DB = new URL("../../db/knowledge.sqlite.gz", import.meta.url).pathname;

interface Expected {
  description: string;
  clients: string[];
  operations: string[];
}

function pythonFiles(dir: URL, prefix: string): SourceFile[] {
  const out: SourceFile[] = [];
  for (const entry of [...Deno.readDirSync(dir)].sort((a, b) => a.name.localeCompare(b.name))) {
    const path = `${prefix}/${entry.name}`;
    if (entry.isDirectory) out.push(...pythonFiles(new URL(`${entry.name}/`, dir), path));
    else if (entry.name.endsWith(".py")) {
      out.push({ path, language: "python", text: Deno.readTextFileSync(new URL(entry.name, dir)) });
    }
  }
  return out;
}

const apps = [...Deno.readDirSync(APPS)].filter((e) => e.isDirectory && e.name.startsWith("py_")).map((e) =>
  e.name
)
  .sort();

Deno.test("python accuracy corpus: recall 100%, no operation of a service without a client", async () => {
  assert.ok(
    apps.length >= Number(Deno.env.get("PY_CORPUS_MIN") ?? 10),
    `corpus has ${apps.length} apps, want at least 10`,
  );
  const kb = await KnowledgeBase.open({ path: DB });
  let expectedTotal = 0;
  let foundTotal = 0;
  let hitTotal = 0;
  let fileTotal = 0;
  let untypedTotal = 0;
  const failures: string[] = [];
  try {
    for (const app of apps) {
      const dir = new URL(`${app}/`, APPS);
      const expected: Expected = JSON.parse(Deno.readTextFileSync(new URL("expected.json", dir)));
      const files = pythonFiles(dir, app);
      fileTotal += files.length;
      const facts = await Promise.all(files.map((f) => pythonPlugin.analyzeFile(f)));
      for (const f of facts) assert.equal(f.error, undefined, `${f.file}: ${f.error?.message}`);
      const calls = pythonPlugin.linkProject(facts, kb);
      const { operations } = resolveCalls(calls, kb);
      const found = new Set(operations.map((o) => `${o.service}:${o.operation}`));
      // Operations reached only through receivers the tracker could not type (resolved by method name alone).
      const byNameOnly = operations.filter((o) => o.calls.every((c) => c.services.length === 0))
        .map((o) => `${o.service}:${o.operation}`);
      untypedTotal += byNameOnly.length;
      const want = new Set(expected.operations);
      const missed = [...want].filter((op) => !found.has(op));
      const extra = [...found].filter((op) => !want.has(op));
      const foreign = [...found].filter((op) => !expected.clients.includes(op.split(":")[0]));
      expectedTotal += want.size;
      foundTotal += found.size;
      hitTotal += want.size - missed.length;
      console.error(
        `${app}: ${files.length} files, expected ${want.size}, found ${found.size}, missed ${missed.length}` +
          (extra.length ? `, extra: ${extra.join(" ")}` : "") +
          (byNameOnly.length ? `, by method name only: ${byNameOnly.join(" ")}` : ""),
      );
      if (missed.length) failures.push(`${app} missed ${missed.join(" ")}`);
      if (foreign.length) {
        failures.push(`${app} has operations of services without a client: ${foreign.join(" ")}`);
      }
    }
  } finally {
    kb.close();
  }
  const recall = hitTotal / expectedTotal;
  const precision = hitTotal / foundTotal;
  console.error(
    `python corpus: ${apps.length} apps, ${fileTotal} files, ${expectedTotal} expected operations; ` +
      `recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}%, ` +
      `${untypedTotal} operation(s) reached only through untyped receivers`,
  );
  assert.deepEqual(failures, []);
  assert.equal(recall, 1);
});
