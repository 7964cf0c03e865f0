/**
 * Independent (blind) accuracy check: apps under tests/fixtures/apps/blind_* to blind5_* (second to fifth
 * rounds; the third, Python only, first ran at recall 113/130; the fourth at 67/71 in Python and 45/46 in
 * TypeScript/JavaScript and Go; the fifth at 27/41 in TypeScript/JavaScript and at 56/56 in Python, with one
 * foreign pair among 57 found: a client whose service name was a pydantic `Field(default=...)`) were written
 * without reading the extractors, in the idioms real Python (boto3), TypeScript/JavaScript (SDK v3) and Go
 * (SDK v2) code uses. Each app's expected.json lists exactly the (service, operation) pairs its code can call
 * and the services it creates clients for. The real CLI (`extract-sdk-calls <app>`) runs on each app; every
 * PossibleServices × Operations pair of its output counts as found.
 *
 * Asserted: every expected pair is found and no pair of a service outside "clients" is reported — except for
 * the apps in KNOWN_MISSES, whose exact missing and foreign pairs are asserted instead, so a change either way
 * (a fix or a regression) fails the test and the table must be updated consciously. Precision (found pairs
 * that are expected) is printed, not asserted.
 */
import assert from "node:assert/strict";
import { runCli } from "../helpers/run_cli.ts";

const APPS = new URL("../fixtures/apps/", import.meta.url);

type Pair = [service: string, operation: string];

interface Expected {
  description: string;
  clients: string[];
  operations: Pair[];
}

interface Known {
  /** Expected pairs the extractor does not find today. */
  missing: Pair[];
  /** Pairs found today for services the app has no client for. */
  foreign: Pair[];
  reason: string;
}

/** Current, known failures of the blind corpus. Update consciously when the extractors change. */
const KNOWN_MISSES: Record<string, Known> = {};

const key = ([s, o]: Pair) => `${s}:${o}`;
const sortPairs = (pairs: Iterable<string>) => [...pairs].sort();

const apps = [...Deno.readDirSync(APPS)].filter((e) => e.isDirectory && /^blind\d?_/.test(e.name))
  .map((e) => e.name).sort();

const language = (app: string) => app.split("_")[1] === "js" ? "ts" : app.split("_")[1];

Deno.test("blind corpus: every expected operation found, no operation of a service without a client", async () => {
  assert.ok(apps.length >= 25, `blind corpus has ${apps.length} apps, want at least 25`);
  for (const name of Object.keys(KNOWN_MISSES)) assert.ok(apps.includes(name), `KNOWN_MISSES names ${name}`);
  const totals = new Map<string, { expected: number; hit: number; found: number; foundExpected: number }>();
  const failures: string[] = [];
  for (const app of apps) {
    const dir = new URL(`${app}/`, APPS);
    const expected: Expected = JSON.parse(Deno.readTextFileSync(new URL("expected.json", dir)));
    const run = await runCli(["extract-sdk-calls", dir.pathname]);
    assert.equal(run.code, 0, `${app}: exit ${run.code}: ${run.stderr}`);
    const items: { Operations: string[]; PossibleServices: string[] }[] = JSON.parse(run.stdout);
    const found = new Set<string>();
    for (const item of items) {
      for (const service of item.PossibleServices) {
        for (const op of item.Operations) found.add(`${service}:${op}`);
      }
    }
    const want = new Set(expected.operations.map(key));
    const missing = sortPairs([...want].filter((p) => !found.has(p)));
    const foreign = sortPairs([...found].filter((p) => !expected.clients.includes(p.split(":")[0])));
    const extra = sortPairs([...found].filter((p) => !want.has(p)));
    const hit = want.size - missing.length;
    const lang = language(app);
    const t = totals.get(lang) ?? { expected: 0, hit: 0, found: 0, foundExpected: 0 };
    t.expected += want.size;
    t.hit += hit;
    t.found += found.size;
    t.foundExpected += hit;
    totals.set(lang, t);
    console.error(
      `${app}: recall ${hit}/${want.size}, precision ${hit}/${found.size}` +
        (missing.length ? `, missing: ${missing.join(" ")}` : "") +
        (extra.length ? `, extra: ${extra.join(" ")}` : ""),
    );
    const known = KNOWN_MISSES[app];
    const wantMissing = known ? sortPairs(known.missing.map(key)) : [];
    const wantForeign = known ? sortPairs(known.foreign.map(key)) : [];
    if (JSON.stringify(missing) !== JSON.stringify(wantMissing)) {
      failures.push(
        `${app}: missing ${JSON.stringify(missing)}, KNOWN_MISSES says ${JSON.stringify(wantMissing)}`,
      );
    }
    if (JSON.stringify(foreign) !== JSON.stringify(wantForeign)) {
      failures.push(
        `${app}: foreign-service pairs ${JSON.stringify(foreign)}, KNOWN_MISSES says ${
          JSON.stringify(wantForeign)
        }`,
      );
    }
  }
  let all = { expected: 0, hit: 0, found: 0 };
  for (const [lang, t] of [...totals].sort()) {
    console.error(
      `${lang}: recall ${t.hit}/${t.expected} (${(100 * t.hit / t.expected).toFixed(1)}%), ` +
        `precision ${t.foundExpected}/${t.found} (${(100 * t.foundExpected / t.found).toFixed(1)}%)`,
    );
    all = { expected: all.expected + t.expected, hit: all.hit + t.hit, found: all.found + t.found };
  }
  console.error(
    `total: recall ${all.hit}/${all.expected} (${(100 * all.hit / all.expected).toFixed(1)}%), ` +
      `precision ${all.hit}/${all.found} (${(100 * all.hit / all.found).toFixed(1)}%)`,
  );
  assert.deepEqual(failures, [], failures.join("\n"));
});
