/**
 * Prints how long a cold process takes to open the knowledge database and answer its first query.
 * Each run is a fresh `deno run` so nothing is warm. Goal (issue: knowledge database): under 150 ms.
 *
 * Two ways the shipped database is read are measured: the `.gz` file of a source checkout, and the JSON
 * module `db/knowledge.json` that the published package (JSR) and the bundle use (`deno task db:module`
 * generates it).
 *
 *   deno run -A bench/knowledge_open.ts [runs]
 *
 * @module
 */
const runs = Number(Deno.args[0] ?? 7);

if (Deno.args[0] === "--child") {
  const started = performance.now();
  const { KnowledgeBase } = await import("../lib/knowledge/mod.ts");
  let kb;
  if (Deno.args[1] === "module") {
    const { BUNDLED_DB_MODULE_URL, readKnowledgeBytes } = await import("../lib/knowledge/open.ts");
    kb = await KnowledgeBase.open({ bytes: await readKnowledgeBytes(BUNDLED_DB_MODULE_URL) });
  } else {
    kb = await KnowledgeBase.open();
  }
  const opened = performance.now();
  const actions = kb.operationActions("s3", "ListObjectsV2").map((a) => a.action);
  const done = performance.now();
  console.log(
    JSON.stringify({ open: opened - started, firstQuery: done - opened, total: done - started, actions }),
  );
  Deno.exit(0);
}

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (label: string, xs: number[]) =>
  console.log(
    `${label.padEnd(34)} median ${median(xs).toFixed(1).padStart(7)} ms   min ${
      Math.min(...xs).toFixed(1).padStart(7)
    } ms`,
  );
for (
  const [mode, title] of [
    ["file", "source checkout: db/knowledge.sqlite.gz"],
    ["module", "published package / bundle: db/knowledge.json module"],
  ]
) {
  const results: { open: number; firstQuery: number; total: number; wall: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL(import.meta.url).pathname, "--child", mode],
      stdout: "piped",
      stderr: "inherit",
    }).output();
    const wall = performance.now() - t0;
    results.push({ ...JSON.parse(new TextDecoder().decode(out.stdout)), wall });
  }
  console.log(`knowledge database cold open, ${runs} fresh processes; ${title}`);
  row("import + open (in process)", results.map((r) => r.open));
  row("first query", results.map((r) => r.firstQuery));
  row("open + first query (goal < 150)", results.map((r) => r.total));
  row("process wall time", results.map((r) => r.wall));
}
