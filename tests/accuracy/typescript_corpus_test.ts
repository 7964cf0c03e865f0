/**
 * Accuracy of the TypeScript / JavaScript plug-in on the corpus of realistic apps under
 * `tests/fixtures/apps/ts_*` and `js_*`: the real pipeline (source collection → plug-in → resolveCalls →
 * permissionsFor) against each app's `expected.json`. Recall must be 100%; precision is printed.
 *
 * @module
 */
import assert from "node:assert/strict";
import { collectSourceFiles } from "../../lib/sources/mod.ts";
import { typescriptPlugin } from "../../lib/languages/typescript/mod.ts";
import { KnowledgeBase } from "../../lib/knowledge/knowledge_base.ts";
import { resolveCalls } from "../../lib/resolve/resolve_calls.ts";
import { permissionsFor } from "../../lib/permissions/mod.ts";

const APPS = new URL("../fixtures/apps/", import.meta.url);

interface Expected {
  description: string;
  operations: string[];
  actions?: string[];
  /** Expected items the pipeline cannot produce yet (documented, not counted). */
  knownGaps?: string[];
}

function corpus(): string[] {
  return [...Deno.readDirSync(APPS)]
    .filter((e) => e.isDirectory && /^(ts|js)_/.test(e.name))
    .map((e) => e.name)
    .sort();
}

Deno.test("typescript corpus: recall 100%, no cross-service false positives", async () => {
  const apps = corpus();
  assert.ok(apps.length >= 10, `corpus has ${apps.length} apps`);
  const kb = await KnowledgeBase.open();
  let expectedOps = 0, foundOps = 0, reportedOps = 0, expectedActs = 0, foundActs = 0, reportedActs = 0;
  const failures: string[] = [];
  try {
    for (const app of apps) {
      const dir = decodeURIComponent(new URL(`${app}/`, APPS).pathname);
      const expected: Expected = JSON.parse(Deno.readTextFileSync(`${dir}expected.json`));
      const { files } = await collectSourceFiles([dir]);
      const sources = files.filter((f) => typescriptPlugin.languages.includes(f.language));
      const facts = await Promise.all(sources.map((f) => typescriptPlugin.analyzeFile(f)));
      for (const f of facts) assert.equal(f.error, undefined, `${f.file}: ${f.error?.message}`);
      const calls = typescriptPlugin.linkProject(facts, kb);
      const { operations } = resolveCalls(calls, kb);
      const got = new Set(operations.map((o) => `${o.service}:${o.operation}`));
      const want = new Set(expected.operations);
      const missing = [...want].filter((o) => !got.has(o));
      const extra = [...got].filter((o) => !want.has(o));
      expectedOps += want.size;
      foundOps += want.size - missing.length;
      reportedOps += got.size;
      if (missing.length) failures.push(`${app}: missing operations ${missing.join(", ")}`);
      // Every client import is visible in these apps: any extra operation is a false positive.
      if (extra.length) failures.push(`${app}: unexpected operations ${extra.join(", ")}`);
      if (expected.actions) {
        const perms = permissionsFor(operations, kb, {
          region: "us-east-1",
          account: "123456789012",
          partition: "aws",
        });
        const acts = new Set(
          perms.permissions.filter((p) => p.provenance.source !== "fas").map((p) => p.action),
        );
        const wantActs = new Set(expected.actions);
        const missingActs = [...wantActs].filter((a) => !acts.has(a));
        expectedActs += wantActs.size;
        foundActs += wantActs.size - missingActs.length;
        reportedActs += acts.size;
        if (missingActs.length) failures.push(`${app}: missing actions ${missingActs.join(", ")}`);
      }
    }
  } finally {
    kb.close();
  }
  const pct = (a: number, b: number): string => (b === 0 ? "n/a" : `${((100 * a) / b).toFixed(1)}%`);
  console.error(
    `typescript corpus: ${apps.length} apps; operations: ${foundOps}/${expectedOps} found, ${reportedOps} reported ` +
      `(recall ${pct(foundOps, expectedOps)}, precision ${pct(foundOps, reportedOps)}); ` +
      `actions (non-FAS): ${foundActs}/${expectedActs} found, ${reportedActs} reported ` +
      `(recall ${pct(foundActs, expectedActs)}, precision ${pct(foundActs, reportedActs)})`,
  );
  assert.deepEqual(failures, []);
});
