/**
 * Entry point of the single-file bundle (`deno task bundle` → dist/iam-policy-autopilot.js) and of the
 * compiled binaries (`deno compile`, see .github/workflows/release.yml). Everything the tool reads at run
 * time is in the module graph: the tree-sitter runtime and grammars and sql.js's WebAssembly are bytes imports
 * here, and the knowledge database is the JSON module `db/knowledge.json` that lib/knowledge/open.ts imports
 * (the same single copy the published package uses; `deno task bundle` generates it first). Nothing is read
 * from next to the script, and no Deno cache is needed.
 *
 * Bytes imports are unstable (`"unstable": ["raw-imports"]`), so this folder is excluded from `deno publish`.
 *
 * @module
 */
import webTreeSitter from "web-tree-sitter/web-tree-sitter.wasm" with { type: "bytes" };
import python from "@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm" with { type: "bytes" };
import go from "@vscode/tree-sitter-wasm/wasm/tree-sitter-go.wasm" with { type: "bytes" };
import typescript from "@vscode/tree-sitter-wasm/wasm/tree-sitter-typescript.wasm" with { type: "bytes" };
import tsx from "@vscode/tree-sitter-wasm/wasm/tree-sitter-tsx.wasm" with { type: "bytes" };
import javascript from "@vscode/tree-sitter-wasm/wasm/tree-sitter-javascript.wasm" with { type: "bytes" };
import java from "@vscode/tree-sitter-wasm/wasm/tree-sitter-java.wasm" with { type: "bytes" };
import sqlWasm from "sql.js/dist/sql-wasm-browser.wasm" with { type: "bytes" };
import manifest from "../db/manifest.json" with { type: "json" };
import { setWasmBytesSource, type WasmName } from "../grammars/wasm_bytes.ts";
import { readShippedKnowledgeModule, useEmbeddedKnowledge } from "../lib/knowledge/open.ts";
import { installInProcessAnalysisWorker } from "./in_process_worker.ts";
import { runCli } from "../cli.ts";

const wasm: Record<WasmName, Uint8Array<ArrayBuffer>> = {
  "web-tree-sitter": webTreeSitter,
  python,
  go,
  typescript,
  tsx,
  javascript,
  java,
};

setWasmBytesSource((name) => {
  const bytes = wasm[name];
  if (!bytes) throw new TypeError(`No embedded WebAssembly for "${name}"`);
  return bytes;
});
useEmbeddedKnowledge({ database: readShippedKnowledgeModule, sqlWasm, version: manifest.version });
// A single file has no lib/api/analysis_worker.ts next to it: analyse in-process instead.
installInProcessAnalysisWorker();

Deno.exit(await runCli(Deno.args));
