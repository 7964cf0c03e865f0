/**
 * Dev tool (not a CI test): checks that a change to Python phase 1 (analyze_file.ts, facts) or to the facts
 * transfer (lib/api/analysis_worker.ts, analyze_files.ts) keeps the final SdkCalls byte-identical.
 *
 *   # once, before changing anything: freeze the current plug-in outside the repo
 *   deno run -A tests/languages/python/facts_equivalence.ts --freeze /tmp/frozen_py
 *   # after the change: compare
 *   deno run -A tests/languages/python/facts_equivalence.ts --frozen /tmp/frozen_py [--files 2200] [--runs 3]
 *
 * Compared files: every `.py` under tests/fixtures/ and examples/, and a generated bench tree
 * (bench/generate_policies.ts's generator). Each root, and each top-level directory of it, is linked as one
 * project, with the OLD (frozen) analyze_file + link_project and with the NEW ones: in-process and through the
 * worker pool (`analyzeFiles` with 2 workers). The SdkCall lists must be equal as JSON text.
 * It also prints phase-1 cost single-threaded (ms per MB of source, bare parse for reference) and the size of
 * the facts as they cross from the workers.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { createParser } from "../../../grammars/mod.ts";
import { generateTree } from "../../../bench/generate_policies.ts";
import { analyzeFiles } from "../../../lib/api/analyze_files.ts";
import { KnowledgeBase } from "../../../lib/knowledge/knowledge_base.ts";
import type { FileFacts } from "../../../lib/languages/language_plugin.ts";
import { analyzePythonFile } from "../../../lib/languages/python/analyze_file.ts";
import { pythonPlugin } from "../../../lib/languages/python/mod.ts";
import type { SourceFile } from "../../../lib/types.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    freeze: { type: "string" },
    frozen: { type: "string", default: "/tmp/frozen_py" },
    files: { type: "string", default: "2200" },
    runs: { type: "string", default: "3" },
  },
});
const REPO = new URL("../../../", import.meta.url).pathname;

if (values.freeze) {
  await freeze(values.freeze);
  Deno.exit(0);
}

/** Copies lib/languages/python to `dir/python`, pointing its imports outside the plug-in back at the repo. */
async function freeze(dir: string): Promise<void> {
  const src = `${REPO}lib/languages/python`;
  const copy = async (from: string, to: string) => {
    await Deno.mkdir(to, { recursive: true });
    for await (const entry of Deno.readDir(from)) {
      if (entry.isDirectory) await copy(`${from}/${entry.name}`, `${to}/${entry.name}`);
      else if (entry.name.endsWith(".ts")) {
        const text = await Deno.readTextFile(`${from}/${entry.name}`);
        const fixed = text.replace(/from "((?:\.\.\/)+[^"]*)"/g, (whole, rel: string) => {
          const abs = new URL(rel, `file://${from}/`).pathname;
          return abs.startsWith(`${src}/`) ? whole : `from "${abs}"`;
        });
        await Deno.writeTextFile(`${to}/${entry.name}`, fixed);
      }
    }
  };
  await copy(src, `${dir}/python`);
  console.log(`frozen ${src} → ${dir}/python`);
}

type Analyze = (file: SourceFile) => Promise<FileFacts>;
type Link = (facts: FileFacts[], kb: KnowledgeBase) => unknown[];

const oldAnalyze: Analyze = (await import(`${values.frozen}/python/analyze_file.ts`)).analyzePythonFile;
const oldPlugin = (await import(`${values.frozen}/python/mod.ts`)).pythonPlugin;
const oldLink: Link = (facts, kb) => oldPlugin.linkProject(facts, kb);
const newLink: Link = (facts, kb) => pythonPlugin.linkProject(facts as never, kb);

async function pyFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    const entries = [];
    for await (const e of Deno.readDir(dir)) entries.push(e);
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const e of entries) {
      if (e.isDirectory) await walk(`${dir}/${e.name}`);
      else if (e.name.endsWith(".py")) out.push(`${dir}/${e.name}`);
    }
  };
  await walk(root);
  return out;
}

async function load(paths: string[], root: string): Promise<SourceFile[]> {
  return await Promise.all(paths.map(async (p) => ({
    path: p.slice(root.length + 1),
    language: "python",
    text: await Deno.readTextFile(p),
  })));
}

/** Projects of a root: the whole root, and each top-level directory holding .py files. */
function projects(files: SourceFile[]): SourceFile[][] {
  const groups = new Map<string, SourceFile[]>();
  for (const f of files) {
    const top = f.path.includes("/") ? f.path.split("/")[0] : "";
    if (!top) continue;
    if (!groups.has(top)) groups.set(top, []);
    groups.get(top)!.push(f);
  }
  return [files, ...[...groups.values()].filter((g) => g.length < files.length)];
}

const kb = await KnowledgeBase.open({ path: `${REPO}db/knowledge.sqlite.gz` });
const benchRoot = await Deno.makeTempDir({ prefix: "facts_equivalence_" });
let failures = 0;
let compared = 0;
let calls = 0;
try {
  await generateTree(benchRoot, Number(values.files));
  const roots = [`${REPO}tests/fixtures`, `${REPO}examples`, benchRoot];
  const all: SourceFile[] = [];
  for (const root of roots) {
    const files = await load(await pyFiles(root), root.replace(/\/$/, ""));
    all.push(...files);
    const oldFacts = new Map<SourceFile, FileFacts>();
    for (const f of files) oldFacts.set(f, await oldAnalyze(f));
    const newFacts = new Map<SourceFile, FileFacts>();
    for (const f of files) newFacts.set(f, await analyzePythonFile(f));
    const pooled = await analyzeFiles(files, { workers: 2 });
    const pooledFacts = new Map(files.map((f, i) => [f, pooled[i]]));
    for (const project of projects(files)) {
      const expected = JSON.stringify(oldLink(project.map((f) => oldFacts.get(f)!), kb));
      const inProcess = JSON.stringify(newLink(project.map((f) => newFacts.get(f)!), kb));
      const viaWorkers = JSON.stringify(newLink(project.map((f) => pooledFacts.get(f)!), kb));
      compared++;
      calls += JSON.parse(expected).length;
      for (const [how, got] of [["in-process", inProcess], ["workers", viaWorkers]]) {
        if (got !== expected) {
          failures++;
          let i = 0;
          while (i < got.length && got[i] === expected[i]) i++;
          console.log(
            `DIFF (${how}) in project of ${project.length} files (first ${project[0].path}) at ${i}:`,
          );
          console.log(`  old: …${expected.slice(Math.max(0, i - 200), i + 200)}`);
          console.log(`  new: …${got.slice(Math.max(0, i - 200), i + 200)}`);
        }
      }
    }
    // Per file too (a file alone is the smallest project).
    for (const f of files) {
      const expected = JSON.stringify(oldLink([oldFacts.get(f)!], kb));
      const got = JSON.stringify(newLink([newFacts.get(f)!], kb));
      compared++;
      if (got !== expected) {
        failures++;
        console.log(`DIFF (single file) ${f.path}`);
      }
    }
    console.log(`${root}: ${files.length} files compared`);
  }

  // ------------------------------------------------------------------ cost of phase 1, single-threaded
  const bench = all.filter((f) => f.path.startsWith("pkg"));
  const mb = bench.reduce((s, f) => s + new TextEncoder().encode(f.text!).length, 0) / 1e6;
  const parser = await createParser("python");
  const time = async (label: string, run: () => Promise<void> | void) => {
    const ms: number[] = [];
    for (let r = 0; r < Number(values.runs); r++) {
      const t0 = performance.now();
      await run();
      ms.push(performance.now() - t0);
    }
    const best = Math.min(...ms);
    console.log(
      `${label.padEnd(34)} ${(best / mb).toFixed(1).padStart(7)} ms/MB  (best of ${ms.length}: ${
        best.toFixed(0)
      } ms)`,
    );
    return best;
  };
  console.log(
    `bench tree: ${bench.length} files, ${mb.toFixed(1)} MB; load ${
      (await Deno.readTextFile("/proc/loadavg")).trim()
    }`,
  );
  const parse = await time("bare parse", () => {
    for (const f of bench) parser.parse(f.text!)?.delete();
  });
  const old = await time("phase 1 OLD (parse + facts)", async () => {
    for (const f of bench) await oldAnalyze(f);
  });
  const now = await time("phase 1 NEW (parse + facts)", async () => {
    for (const f of bench) await analyzePythonFile(f);
  });
  console.log(
    `facts on top of parse: OLD ${(100 * (old - parse) / parse).toFixed(0)}%, NEW ${
      (100 * (now - parse) / parse).toFixed(0)
    }% of parse`,
  );
  const oldSize = JSON.stringify(await Promise.all(bench.map((f) => oldAnalyze(f)))).length;
  const newSize = JSON.stringify(await Promise.all(bench.map((f) => analyzePythonFile(f)))).length;
  console.log(
    `facts JSON (as sent by workers): OLD ${(oldSize / 1e6).toFixed(1)} MB, NEW ${
      (newSize / 1e6).toFixed(1)
    } MB ` +
      `(${(newSize / 1e6 / mb).toFixed(1)}× source)`,
  );
  console.log(`load ${(await Deno.readTextFile("/proc/loadavg")).trim()}`);
} finally {
  await Deno.remove(benchRoot, { recursive: true });
}
console.log(
  failures === 0
    ? `OK: ${compared} projects/files, ${calls} SdkCalls in projects, byte-identical`
    : `FAILED: ${failures} differences`,
);
Deno.exit(failures === 0 ? 0 : 1);
