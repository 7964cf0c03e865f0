/**
 * A tree cursor that talks to tree-sitter's wasm exports directly, for walks over every node of large trees.
 *
 * `web-tree-sitter`'s `TreeCursor` copies its four-word state into the wasm transfer buffer before every call and
 * back after every move (eight `setValue`/`getValue` calls around each wasm call): on a full walk that costs
 * more than the walk itself. The wasm functions read the cursor from the transfer buffer and write it back
 * after a move, so a cursor that leaves its state there between calls needs none of that copying. That holds
 * only while nothing else uses the transfer buffer: finish the walk (synchronously) before calling any other
 * `web-tree-sitter` API, and `delete()` the cursor at the end.
 *
 * @module
 */
import type { Tree } from "web-tree-sitter";
import { type GrammarTables, type MemoryCursor, MemoryLayout, type WasmHeap } from "./memory_cursor.ts";

/** The wasm exports a {@linkcode FastCursor} calls (`web-tree-sitter` 0.27's emscripten module). */
export interface TreeSitterExports {
  HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
}

const REQUIRED: readonly (keyof TreeSitterExports)[] = [
  "_ts_init",
  "_ts_tree_cursor_goto_first_child_wasm",
  "_ts_tree_cursor_goto_next_sibling_wasm",
  "_ts_tree_cursor_goto_parent_wasm",
  "_ts_tree_cursor_current_node_type_id_wasm",
  "_ts_tree_cursor_current_field_id_wasm",
  "_ts_tree_cursor_start_index_wasm",
  "_ts_tree_cursor_end_index_wasm",
];

let wasm: TreeSitterExports | undefined;
let transferWord = 0;
let memory: MemoryLayout | undefined;

/**
 * Records the module object `Parser.init` filled with the wasm exports (emscripten assigns them to the options
 * object it is given). Ignored when an export is missing (another `web-tree-sitter` version): walks then use
 * the library's `TreeCursor`.
 *
 * @example
 * ```ts ignore
 * const options = { wasmBinary };
 * await Parser.init(options);
 * useTreeSitterExports(options);
 * ```
 */
export function useTreeSitterExports(module: object): void {
  const candidate = module as Partial<TreeSitterExports>;
  if (REQUIRED.every((name) => typeof candidate[name] === "function") && candidate.HEAP32) {
    wasm = candidate as TreeSitterExports;
    transferWord = wasm._ts_init() >> 2;
  }
  const heap = module as Partial<WasmHeap>;
  if (heap.HEAPU8 && heap.HEAPU16 && heap.HEAPU32) {
    // The views are replaced when wasm memory grows: read them at each use.
    memory = new MemoryLayout(() => heap as WasmHeap);
  }
}

/**
 * Per grammar (by address): nodes whose memory walk has matched the wasm cursor's so far, or -1 once one did
 * not match (that grammar then keeps to the wasm cursor).
 */
const checkedNodes = new Map<number, number>();
/** Nodes to compare per grammar before its memory walks are trusted without a comparison. */
const NODES_TO_CHECK = 2000;

/**
 * A {@linkcode MemoryCursor} at the root of `tree`, or undefined when the runtime's memory layout is not the
 * one it reads (another `web-tree-sitter` version). Its grammar's first trees are walked both ways and compared
 * (a few milliseconds once per process) before it is trusted.
 */
export function memoryCursor(tree: Tree): MemoryCursor | undefined {
  if (!memory) return undefined;
  const address = treeAddress(tree);
  const language = memory.languageOf(address);
  const checked = checkedNodes.get(language) ?? 0;
  if (checked < 0) return undefined;
  const tables = memory.tablesFor(language, tree.language);
  if (!tables) return undefined;
  if (checked < NODES_TO_CHECK) {
    const matched = sameWalk(memory.cursor(address, tables), fastCursor(tree));
    checkedNodes.set(language, matched < 0 ? -1 : checked + matched);
    if (matched < 0) return undefined;
  }
  return memory.cursor(address, tables);
}

/** A tree as a memory walk reads it (see {@linkcode memoryTree}). */
export interface MemoryTree {
  /** The heap views, current when the tree was asked for. */
  readonly heap: WasmHeap;
  /** Address of the `TSTree` (its root `Subtree` is at that address). */
  readonly address: number;
  /** Address of the grammar's `TSLanguage`. */
  readonly language: number;
  /** The grammar's tables, checked against `web-tree-sitter`'s own view of the grammar. */
  readonly tables: GrammarTables;
}

/**
 * `tree` as wasm memory holds it, or undefined when the runtime's memory layout is not the one
 * {@linkcode MemoryLayout} reads (its header and names checked against the grammar). A walk over it must still
 * be checked against a cursor's (as {@linkcode memoryCursor} and `flattenTree` do) before it is trusted.
 */
export function memoryTree(tree: Tree): MemoryTree | undefined {
  if (!memory) return undefined;
  const address = treeAddress(tree);
  const language = memory.languageOf(address);
  const tables = memory.tablesFor(language, tree.language);
  return tables ? { heap: memory.heap(), address, language, tables } : undefined;
}

/**
 * A {@linkcode FastCursor} at the root of `tree` when the wasm exports are known, else the library's `TreeCursor`.
 *
 * @example
 * ```ts ignore
 * const cursor = fastCursor(tree);
 * cursor.delete();
 * ```
 */
export function fastCursor(tree: Tree): WalkCursor {
  const cursor = tree.walk();
  return wasm ? new FastCursor(cursor, treeAddress(tree), wasm) : cursor;
}

/** The address of the `TSTree` behind a web-tree-sitter `Tree` (its internal slot 0). */
function treeAddress(tree: Tree): number {
  return (tree as unknown as { 0: number })[0];
}

/** Walks both cursors over every node; the number of nodes when they agree throughout, else -1. */
function sameWalk(a: WalkCursor, b: WalkCursor): number {
  let nodes = 0;
  try {
    for (;;) {
      if (
        a.nodeTypeId !== b.nodeTypeId || a.currentFieldId !== b.currentFieldId ||
        a.startIndex !== b.startIndex || a.endIndex !== b.endIndex
      ) return -1;
      nodes++;
      const down = a.gotoFirstChild();
      if (down !== b.gotoFirstChild()) return -1;
      if (down) continue;
      for (;;) {
        const next = a.gotoNextSibling();
        if (next !== b.gotoNextSibling()) return -1;
        if (next) break;
        const up = a.gotoParent();
        if (up !== b.gotoParent()) return -1;
        if (!up) return nodes;
      }
    }
  } finally {
    a.delete();
    b.delete();
  }
}

/** The cursor members a walk over a whole tree uses; {@linkcode FastCursor} and `TreeCursor` both have them. */
export interface WalkCursor {
  readonly nodeTypeId: number;
  readonly currentFieldId: number;
  readonly startIndex: number;
  readonly endIndex: number;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete(): void;
}

/**
 * A cursor at the root of `tree`: a {@linkcode MemoryCursor} when the runtime's memory layout is the known
 * one, else a {@linkcode FastCursor} when the wasm exports are known, else the library's `TreeCursor`. Call
 * `delete()` when done, and run no other `web-tree-sitter` call before that.
 *
 * @example
 * ```ts ignore
 * const cursor = walkCursor(tree);
 * try {
 *   if (cursor.gotoFirstChild()) console.log(cursor.nodeTypeId, cursor.startIndex);
 * } finally {
 *   cursor.delete();
 * }
 * ```
 */
export function walkCursor(tree: Tree): WalkCursor {
  return memoryCursor(tree) ?? fastCursor(tree);
}

/** See the module documentation: state stays in the transfer buffer between calls. */
export class FastCursor implements WalkCursor {
  readonly #cursor: ReturnType<Tree["walk"]>;
  readonly #tree: number;
  readonly #wasm: TreeSitterExports;

  constructor(cursor: ReturnType<Tree["walk"]>, tree: number, exports: TreeSitterExports) {
    this.#cursor = cursor;
    this.#tree = tree;
    this.#wasm = exports;
    const handles = (cursor as unknown as { handles: number[] }).handles;
    // HEAP32 is replaced when wasm memory grows: read it at each use.
    exports.HEAP32.set(handles, transferWord);
  }

  get nodeTypeId(): number {
    return this.#wasm._ts_tree_cursor_current_node_type_id_wasm(this.#tree);
  }

  get currentFieldId(): number {
    return this.#wasm._ts_tree_cursor_current_field_id_wasm(this.#tree);
  }

  get startIndex(): number {
    return this.#wasm._ts_tree_cursor_start_index_wasm(this.#tree);
  }

  get endIndex(): number {
    return this.#wasm._ts_tree_cursor_end_index_wasm(this.#tree);
  }

  gotoFirstChild(): boolean {
    return this.#wasm._ts_tree_cursor_goto_first_child_wasm(this.#tree) === 1;
  }

  gotoNextSibling(): boolean {
    return this.#wasm._ts_tree_cursor_goto_next_sibling_wasm(this.#tree) === 1;
  }

  gotoParent(): boolean {
    return this.#wasm._ts_tree_cursor_goto_parent_wasm(this.#tree) === 1;
  }

  /** Copies the state back into the library's cursor and frees it. */
  delete(): void {
    const handles = (this.#cursor as unknown as { handles: number[] }).handles;
    const heap = this.#wasm.HEAP32;
    for (let i = 0; i < 4; i++) handles[i] = heap[transferWord + i];
    this.#cursor.delete();
  }
}
