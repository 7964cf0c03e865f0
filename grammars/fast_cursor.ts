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
 * A cursor at the root of `tree`: a {@linkcode FastCursor} when the wasm exports are known, otherwise the
 * library's `TreeCursor`. Call `delete()` when done.
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
  const cursor = tree.walk();
  return wasm ? new FastCursor(cursor, (tree as unknown as { 0: number })[0], wasm) : cursor;
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
