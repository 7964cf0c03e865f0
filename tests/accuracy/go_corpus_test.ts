/**
 * Accuracy of the Go plug-in on the corpus of realistic multi-file apps under `tests/fixtures/apps/go_*`:
 * each app's `expected.json` lists the exact (service, operation) pairs its code can call, and for most the
 * IAM actions the policy must contain. The real pipeline runs (Go plug-in → resolveCalls → permissionsFor)
 * with the real knowledge base; recall must be 100% and no operation of a service the app does not use may
 * appear (every app imports its service packages visibly).
 *
 * @module
 */
import assert from "node:assert/strict";
import { resolveCalls } from "../../lib/resolve/resolve_calls.ts";
import { permissionsFor } from "../../lib/permissions/mod.ts";
import { extract, goFilesUnder, realKnowledgeBase } from "../languages/go/extract.ts";

const APPS = new URL("../fixtures/apps/", import.meta.url);

interface Expected {
  description: string;
  operations: string[];
  actions?: string[];
  utilityCalls?: string[];
}

const apps = [...Deno.readDirSync(APPS)]
  .filter((e) => e.isDirectory && e.name.startsWith("go_"))
  .map((e) => e.name)
  .sort();

Deno.test("go corpus: recall 100%, no cross-service false positives", async () => {
  const kb = await realKnowledgeBase();
  assert.ok(apps.length >= 8, `expected at least 8 Go apps, found ${apps.length}`);
  let expectedTotal = 0;
  let foundTotal = 0;
  let truePositives = 0;
  let files = 0;
  for (const app of apps) {
    const dir = new URL(`${app}/`, APPS);
    const expected: Expected = JSON.parse(Deno.readTextFileSync(new URL("expected.json", dir)));
    const sources = goFilesUnder(dir, `${app}/`);
    files += sources.length;
    const calls = await extract(sources, kb);
    const { operations } = resolveCalls(calls, kb);
    const found = new Set(operations.map((o) => `${o.service}:${o.operation}`));
    const want = new Set(expected.operations);
    const missing = [...want].filter((k) => !found.has(k));
    const extra = [...found].filter((k) => !want.has(k));
    assert.deepEqual(missing, [], `${app}: missing operations`);
    const services = new Set([...want].map((k) => k.split(":")[0]));
    const crossService = extra.filter((k) => !services.has(k.split(":")[0]));
    assert.deepEqual(crossService, [], `${app}: operations of services the app does not use`);
    expectedTotal += want.size;
    foundTotal += found.size;
    truePositives += [...found].filter((k) => want.has(k)).length;
    if (expected.actions) {
      const { permissions } = permissionsFor(operations, kb, {
        region: "us-east-1",
        account: "123456789012",
        partition: "aws",
      });
      const actions = new Set(permissions.map((p) => p.action));
      const missingActions = expected.actions.filter((a) => !actions.has(a));
      assert.deepEqual(missingActions, [], `${app}: missing IAM actions`);
    }
    for (const via of expected.utilityCalls ?? []) {
      assert.ok(calls.some((c) => c.via === via), `${app}: no call via ${via}`);
    }
    if (extra.length) console.error(`  ${app}: extra (same service) ${extra.join(", ")}`);
  }
  const recall = truePositives / expectedTotal;
  const precision = foundTotal ? truePositives / foundTotal : 1;
  console.error(
    `go corpus: ${apps.length} apps, ${files} files, ${expectedTotal} expected operations; ` +
      `recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}%`,
  );
  assert.equal(recall, 1);
});
