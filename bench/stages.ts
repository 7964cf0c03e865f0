/**
 * Where `generate-policies` spends its time, stage by stage, on one thread: the breakdown behind
 * bench/generate_policies.ts's end-to-end number (which runs phase 1 on every core).
 *
 *   deno run -A bench/stages.ts [DIR] [--files N]
 *
 * Without DIR it generates the bench tree (bench/generate_policies.ts's generator, N files, default 2,200) in a
 * temp dir. Prints milliseconds for: opening the knowledge database, collecting the files, bare tree-sitter
 * parse, phase 1 (parse + facts, with the options the plug-ins prepare), the facts as JSON (their size, and
 * stringify/parse: what crosses from a worker), phase 2 (linking), resolution, permissions and policies.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { createParser } from "../grammars/mod.ts";
import { analyzeOneFile, prepareAnalysis } from "../lib/api/analyze_one_file.ts";
import { KnowledgeBase } from "../lib/knowledge/knowledge_base.ts";
import type { FileFacts } from "../lib/languages/language_plugin.ts";
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

  const parser = await createParser("python");
  parser.parse(files[0].text!)?.delete(); // warm-up
  last = performance.now();
  for (const file of files) parser.parse(file.text!)?.delete();
  lap("bare parse");

  const options = prepareAnalysis(files);
  lap("prepare phase 1");
  await analyzeOneFile(files[0], options); // warm-up
  last = performance.now();
  const facts: FileFacts[] = [];
  for (const file of files) facts.push(await analyzeOneFile(file, options));
  lap("phase 1 (parse+facts)");

  const json = JSON.stringify(facts);
  lap(
    "facts → JSON",
    `${(json.length / 1e6).toFixed(1)} MB (${(json.length / 1e6 / megabytes).toFixed(1)}× source)`,
  );
  const copied: FileFacts<PythonFileFacts>[] = JSON.parse(json);
  lap("JSON → facts");

  const calls = pythonPlugin.linkProject(copied, kb);
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
