/**
 * Where `generate-policies` spends its time, stage by stage, on one thread: the breakdown behind
 * bench/generate_policies.ts's end-to-end number (which runs phase 1 on every core).
 *
 *   deno run -A bench/stages.ts [DIR] [--files N]
 *
 * Without DIR it generates the bench tree (bench/generate_policies.ts's generator, N files, default 2,200) in a
 * temp dir. Prints milliseconds for: opening the knowledge database, collecting the files, bare tree-sitter
 * parse (and its warm-up: how much slower the first megabytes a fresh thread parses are than the rest), phase 1
 * in the two halves the threads of a real run split it into (a worker's: parse and flatten each syntax tree
 * into one buffer; the calling thread's: collect the facts from it and keep them), phase 2 (linking),
 * resolution, permissions and policies.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { createParser } from "../grammars/mod.ts";
import { collectPackedOneFile, packOneFile, prepareAnalysis } from "../lib/api/analyze_one_file.ts";
import { KnowledgeBase } from "../lib/knowledge/knowledge_base.ts";
import type { FileFacts, PackedFile } from "../lib/languages/language_plugin.ts";
import { type PythonFileFacts, pythonPlugin } from "../lib/languages/python/mod.ts";
import { partitionFor, permissionsFor } from "../lib/permissions/mod.ts";
import { buildPolicies, DEFAULT_RESOURCE_CUTOFF } from "../lib/policy/mod.ts";
import { resolveCalls } from "../lib/resolve/mod.ts";
import { collectSourceFiles } from "../lib/sources/mod.ts";
import { generateTree } from "./generate_policies.ts";

const { values, positionals } = parseArgs({
  args: Deno.args,
  options: { files: { type: "string", default: "2200" } },
  allowPositionals: true,
});

/** Characters a fresh thread parses before its rate is counted as steady (about a worker's first batch). */
const WARM_UP_CHARS = 2e6;

const generated = positionals[0] ? undefined : await Deno.makeTempDir({ prefix: "iam_autopilot_stages_" });
const root = positionals[0] ?? generated!;
try {
  if (generated) await generateTree(generated, Number(values.files));
  let last = performance.now();
  const lap = (label: string, extra = ""): void => {
    const now = performance.now();
    console.log(`${label.padEnd(22)} ${(now - last).toFixed(0).padStart(6)} ms ${extra}`);
    last = now;
  };

  const kb = await KnowledgeBase.open();
  lap("knowledge database");
  const collected = await collectSourceFiles([root]);
  const files = collected.files.filter((f) => f.language === "python");
  const megabytes = files.reduce((sum, f) => sum + (f.text?.length ?? 0), 0) / 1e6;
  lap("collect files", `${files.length} Python files, ${megabytes.toFixed(1)} MB`);

  // A fresh parser in a fresh thread runs slower until V8 has compiled its hot wasm functions with the optimising
  // tier: every thread of a real run pays this once. Measured here as the first WARM_UP_CHARS against the rest.
  const parser = await createParser("python");
  const warmUpEnd = files.findIndex((_, i) =>
    files.slice(0, i + 1).reduce((sum, f) =>
      sum + f.text!.length, 0) >= WARM_UP_CHARS
  ) + 1;
  let firstChars = 0;
  for (const file of files.slice(0, warmUpEnd)) {
    parser.parse(file.text!)?.delete();
    firstChars += file.text!.length;
  }
  const firstMs = performance.now() - last;
  const restStart = performance.now();
  for (const file of files.slice(warmUpEnd)) parser.parse(file.text!)?.delete();
  const restChars = megabytes * 1e6 - firstChars;
  const steadyNs = (performance.now() - restStart) * 1e6 / restChars;
  const firstNs = firstMs * 1e6 / firstChars;
  lap(
    "bare parse, first",
    `(all but the first ${(firstChars / 1e6).toFixed(1)} MB: ${steadyNs.toFixed(0)} ns/char; the first: ` +
      `${firstNs.toFixed(0)} ns/char, ${((firstNs - steadyNs) * firstChars / 1e6).toFixed(0)} ms of warm-up)`,
  );
  last = performance.now();
  for (const file of files) parser.parse(file.text!)?.delete();
  lap("bare parse, again", `${(megabytes / ((performance.now() - last) / 1000)).toFixed(2)} MB/s`);

  const options = prepareAnalysis(files);
  lap("prepare phase 1");
  await collectPackedOneFile((await packOneFile(files[0], options))!, files[0], options); // warm-up
  last = performance.now();
  const packed: PackedFile[] = [];
  for (const file of files) packed.push((await packOneFile(file, options))!);
  const nodes = packed.reduce((sum, p) => sum + ((p.packed as { count?: number })?.count ?? 0), 0);
  lap("phase 1: parse+flatten", `(a worker's half) ${(nodes / 1e6).toFixed(2)}M nodes`);
  const facts: FileFacts<PythonFileFacts>[] = [];
  for (let i = 0; i < files.length; i++) {
    facts.push(await collectPackedOneFile(packed[i], files[i], options) as FileFacts<PythonFileFacts>);
  }
  packed.length = 0;
  lap("phase 1: collect facts", "(the calling thread's half; the facts are kept, as in a real run)");

  const calls = pythonPlugin.linkProject(facts, kb);
  lap("phase 2 (link)", `${calls.length} calls`);
  const resolved = resolveCalls(calls, kb);
  lap("resolve", `${resolved.operations.length} operations`);
  const region = "us-east-1";
  const account = "123456789012";
  const partition = partitionFor(region, kb);
  const permissions = permissionsFor(resolved.operations, kb, { region, account, partition });
  lap("permissions");
  const policies = buildPolicies(permissions.permissions, {
    region,
    account,
    partition,
    resourceCutoff: DEFAULT_RESOURCE_CUTOFF,
  });
  lap("policies", `${policies.policies.length} policies`);
  kb.close();
} finally {
  if (generated) await Deno.remove(generated, { recursive: true });
}
