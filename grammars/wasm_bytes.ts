/**
 * The one place that reads WebAssembly bytes (the tree-sitter runtime and the grammars), so that a bundle can
 * swap it for bytes imports (`import x from "…wasm" with { type: "bytes" }`) without touching anything else.
 *
 * @module
 */

import type { Language } from "../lib/types.ts";

/** A tree-sitter grammar: one per {@linkcode Language}, plus `tsx` for `.tsx` and `.jsx` files. */
export type GrammarName = Language | "tsx";

/** Every WebAssembly module the parser needs: the grammars and the `web-tree-sitter` runtime itself. */
export type WasmName = GrammarName | "web-tree-sitter";

/** Every grammar, in a stable order. */
export const GRAMMAR_NAMES: readonly GrammarName[] = [
  "python",
  "go",
  "typescript",
  "tsx",
  "javascript",
  "java",
];

/**
 * Never called: a statically analysable `import()` of the grammar package keeps `@vscode/tree-sitter-wasm`
 * in the module graph, which it otherwise is not (its `.wasm` files are only `import.meta.resolve`d). Deno
 * downloads (`deno install`, first `deno run`) and resolves only npm packages of the module graph: with it,
 * `import.meta.resolve` of a grammar in the published package gives a `file:` URL inside Deno's npm cache,
 * which works offline; without it, the bare `npm:` specifier that `Deno.readFile` cannot read. The JSON
 * `package.json` keeps `deno bundle` from pulling the package's own JavaScript into the bundle.
 *
 * @returns The package's `package.json` module.
 *
 * @example Usage
 * ```ts ignore
 * await grammarPackageInModuleGraph(); // { default: { name: "@vscode/tree-sitter-wasm", … } }
 * ```
 */
export function grammarPackageInModuleGraph(): Promise<unknown> {
  return import("@vscode/tree-sitter-wasm/package.json", { with: { type: "json" } });
}

/** Where each module lives; literal specifiers keep `import.meta.resolve` analysable (publish, bundle). */
function wasmUrl(name: WasmName): string {
  switch (name) {
    case "web-tree-sitter":
      return import.meta.resolve("web-tree-sitter/web-tree-sitter.wasm");
    case "python":
      return import.meta.resolve("@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm");
    case "go":
      return import.meta.resolve("@vscode/tree-sitter-wasm/wasm/tree-sitter-go.wasm");
    case "typescript":
      return import.meta.resolve("@vscode/tree-sitter-wasm/wasm/tree-sitter-typescript.wasm");
    case "tsx":
      return import.meta.resolve("@vscode/tree-sitter-wasm/wasm/tree-sitter-tsx.wasm");
    case "javascript":
      return import.meta.resolve("@vscode/tree-sitter-wasm/wasm/tree-sitter-javascript.wasm");
    case "java":
      return import.meta.resolve("@vscode/tree-sitter-wasm/wasm/tree-sitter-java.wasm");
    default:
      throw new TypeError(
        `Unknown grammar "${name as string}"; expected one of ${
          [...GRAMMAR_NAMES, "web-tree-sitter"].join(", ")
        }`,
      );
  }
}

/** Supplies the bytes of a WebAssembly module instead of reading them from the npm packages. */
export type WasmBytesSource = (name: WasmName) => Uint8Array<ArrayBuffer> | Promise<Uint8Array<ArrayBuffer>>;

let wasmBytesSource: WasmBytesSource | undefined;

/**
 * Replaces where {@linkcode readGrammarBytes} gets its bytes: a bundle or compiled binary passes bytes
 * imports (`import py from "…/tree-sitter-python.wasm" with { type: "bytes" }`) so that no file is read at
 * run time. Call it before the first parse; `undefined` restores the default (the npm packages).
 *
 * @param source The replacement, or `undefined`.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { readGrammarBytes, setWasmBytesSource } from "./wasm_bytes.ts";
 *
 * const python = await readGrammarBytes("python");
 * setWasmBytesSource((name) => name === "python" ? python : Promise.reject(new Error(name)));
 * assert.equal(await readGrammarBytes("python"), python);
 * setWasmBytesSource(undefined);
 * ```
 */
export function setWasmBytesSource(source: WasmBytesSource | undefined): void {
  wasmBytesSource = source;
}

/**
 * Reads the bytes of a grammar (`python`, `go`, `typescript`, `tsx`, `javascript`, `java`) or of the
 * `web-tree-sitter` runtime, from the npm packages `@vscode/tree-sitter-wasm` and `web-tree-sitter`.
 *
 * @param name Which module.
 * @returns The `.wasm` file's bytes.
 * @throws {Error} When the file is not where the package should have it (e.g. `node_modules` not installed).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { readGrammarBytes } from "./wasm_bytes.ts";
 *
 * const bytes = await readGrammarBytes("python");
 * assert.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d]); // "\0asm"
 * ```
 */
export async function readGrammarBytes(name: WasmName): Promise<Uint8Array<ArrayBuffer>> {
  if (wasmBytesSource) return await wasmBytesSource(name);
  const url = wasmUrl(name);
  try {
    return await Deno.readFile(new URL(url));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(
        `WebAssembly for "${name}" not found at ${url}; run \`deno install\` so that the npm packages ` +
          `web-tree-sitter and @vscode/tree-sitter-wasm are present`,
        { cause: error },
      );
    }
    throw error;
  }
}
