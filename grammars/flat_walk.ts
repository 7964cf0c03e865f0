/**
 * Flattens a syntax tree into typed arrays ({@linkcode FlatNodes}) in one pass, keeping only the nodes a
 * {@linkcode FlattenPolicy} asks for: the form a phase-1 collector reads, with no `Node` object per node.
 *
 * The fast path ({@linkcode flattenMemory}) reads tree-sitter's `Subtree` structures straight out of wasm
 * memory, the way `MemoryCursor` (memory_cursor.ts) does, but without a cursor: one loop over an explicit
 * stack of child lists, with node kinds, aliases and fields looked up in precomputed tables. It yields what a
 * walk with a tree cursor over the visible nodes yields ({@linkcode flattenCursor}, the reference and fallback):
 * {@linkcode flattenTree} compares the two on the first trees of each grammar and keeps to the cursor when
 * they ever differ, or when the runtime's memory layout is not the one `MemoryLayout` checks for.
 *
 * @module
 */
import type { Tree } from "web-tree-sitter";
import { fastCursor, type MemoryTree, memoryTree, type WalkCursor, walkCursor } from "./fast_cursor.ts";
import {
  ERROR_SYMBOL,
  HEAP_CHILD_COUNT,
  HEAP_FLAGS,
  HEAP_PADDING_BYTES,
  HEAP_PRODUCTION_ID,
  HEAP_SIZE_BYTES,
  HEAP_SYMBOL,
  HEAP_VISIBLE_CHILD_COUNT,
  SUBTREE_SIZE,
} from "./memory_cursor.ts";

/** Flag of {@linkcode FlattenPolicy.flags}: nodes of this type are kept (named nodes, usually). */
export const KEEP = 1;
/** Flag: the children of a kept node of this type are walked. */
export const ENTER = 2;
/** Flag: with {@linkcode ENTER}, {@linkcode FlattenPolicy.enter} decides per node whether to walk its children. */
export const ASK = 4;
/** Flag: the kept children of a node of this type get their field id (else 0). */
export const CHILD_FIELDS = 8;
/** Flag: the kept grandchildren (children of kept children) of a node of this type get their field id. */
export const GRANDCHILD_FIELDS = 16;
/** Flag: the children of a node of this type that are not {@linkcode KEEP} types are kept when they fill a field. */
export const FIELD_TOKENS = 32;

/** What {@linkcode flattenTree} keeps; the root is always kept and its children always walked. */
export interface FlattenPolicy {
  /** Per public type id (65536 entries, `ERROR` is 65535): {@linkcode KEEP} and the other flags. */
  readonly flags: Uint8Array;
  /**
   * For {@linkcode ASK} types: whether to walk the children of the kept node `index` (already in `nodes`;
   * `start` and `end` are its UTF-16 offsets).
   */
  enter(nodes: FlatNodes, typeId: number, start: number, end: number, index: number): boolean;
}

/**
 * Kept nodes in document order: the root is 0 and -1 stands for "none". Offsets are UTF-16 code units (as
 * `Node#startIndex`). The arrays are reused from tree to tree; only the first `count` entries are meaningful.
 */
export class FlatNodes {
  /** Number of nodes. */
  count = 0;
  /** Type id (`Node#typeId`, aliases applied). */
  typeId: Uint16Array = new Uint16Array(0);
  /** Field id in the parent, where the policy asks for it; else 0. */
  fieldId: Uint16Array = new Uint16Array(0);
  /** Start offset. */
  start: Int32Array = new Int32Array(0);
  /** End offset. */
  end: Int32Array = new Int32Array(0);
  /** Nearest kept ancestor. */
  parent: Int32Array = new Int32Array(0);
  /** First kept child. */
  firstChild: Int32Array = new Int32Array(0);
  /** Next kept sibling. */
  nextSibling: Int32Array = new Int32Array(0);
  /** Last kept child so far, while flattening. */
  lastChild: Int32Array = new Int32Array(0);

  /** Grows the arrays to hold at least `capacity` nodes, keeping their content. */
  reserve(capacity: number): void {
    if (this.typeId.length >= capacity) return;
    const size = Math.max(capacity, this.typeId.length * 2, 1024);
    this.typeId = grow(this.typeId, size);
    this.fieldId = grow(this.fieldId, size);
    this.start = grow(this.start, size);
    this.end = grow(this.end, size);
    this.parent = grow(this.parent, size);
    this.firstChild = grow(this.firstChild, size);
    this.nextSibling = grow(this.nextSibling, size);
    this.lastChild = grow(this.lastChild, size);
  }
}

function grow<T extends Uint16Array | Int32Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

/**
 * Per grammar (by address): kept nodes whose memory flattening matched the cursor's so far, or -1 once one
 * did not (that grammar then keeps to the cursor).
 */
const checkedNodes = new Map<number, number>();
/** Kept nodes to compare per grammar before its memory flattening is trusted without a comparison. */
const NODES_TO_CHECK = 20000;
/** The reference flattening while a grammar is being checked. */
let reference: FlatNodes | undefined;

/**
 * Flattens `tree` into `nodes` as `policy` says and returns `nodes`: from wasm memory when the runtime's layout
 * is the known one (checked against the cursor walk on each grammar's first trees), else with a cursor. Run no
 * other `web-tree-sitter` call meanwhile (no wasm call may run during a memory walk).
 *
 * @example
 * ```ts ignore
 * const nodes = flattenTree(tree, new FlatNodes(), { flags, enter: () => true });
 * nodes.typeId[0]; // the root's type id
 * ```
 */
export function flattenTree<T extends FlatNodes>(tree: Tree, nodes: T, policy: FlattenPolicy): T {
  const memory = memoryTree(tree);
  const checked = memory ? checkedNodes.get(memory.language) ?? 0 : -1;
  if (!memory || checked < 0) return flattenWithCursor(tree, nodes, policy);
  flattenMemory(memory, nodes, policy);
  if (checked < NODES_TO_CHECK) {
    reference ??= new FlatNodes();
    flattenCursor(fastCursor(tree), reference, policy);
    const same = sameNodes(nodes, reference);
    checkedNodes.set(memory.language, same ? checked + nodes.count : -1);
    if (!same) return flattenWithCursor(tree, nodes, policy);
  }
  return nodes;
}

function flattenWithCursor<T extends FlatNodes>(tree: Tree, nodes: T, policy: FlattenPolicy): T {
  flattenCursor(walkCursor(tree), nodes, policy);
  return nodes;
}

/** True when both hold the same nodes. */
export function sameNodes(a: FlatNodes, b: FlatNodes): boolean {
  const n = a.count;
  if (b.count !== n) return false;
  for (let i = 0; i < n; i++) {
    if (
      a.typeId[i] !== b.typeId[i] || a.fieldId[i] !== b.fieldId[i] || a.start[i] !== b.start[i] ||
      a.end[i] !== b.end[i] || a.parent[i] !== b.parent[i] || a.firstChild[i] !== b.firstChild[i] ||
      a.nextSibling[i] !== b.nextSibling[i]
    ) return false;
  }
  return true;
}

/** Appends a node under `parent` (-1 for the root); returns its index. */
function append(
  nodes: FlatNodes,
  typeId: number,
  fieldId: number,
  start: number,
  end: number,
  parent: number,
): number {
  const i = nodes.count;
  if (i >= nodes.typeId.length) nodes.reserve(i + 1);
  nodes.count = i + 1;
  nodes.typeId[i] = typeId;
  nodes.fieldId[i] = fieldId;
  nodes.start[i] = start;
  nodes.end[i] = end;
  nodes.parent[i] = parent;
  nodes.firstChild[i] = -1;
  nodes.nextSibling[i] = -1;
  nodes.lastChild[i] = -1;
  if (parent >= 0) {
    const last = nodes.lastChild[parent];
    if (last < 0) nodes.firstChild[parent] = i;
    else nodes.nextSibling[last] = i;
    nodes.lastChild[parent] = i;
  }
  return i;
}

/** Whether the kept children of the kept node `index` get field ids / field tokens are kept (bits 0 and 1). */
function childMode(nodes: FlatNodes, flags: Uint8Array, index: number): number {
  const own = flags[nodes.typeId[index]];
  const parent = nodes.parent[index];
  const fields = (own & CHILD_FIELDS) !== 0 ||
    (parent >= 0 && (flags[nodes.typeId[parent]] & GRANDCHILD_FIELDS) !== 0);
  return (fields ? 1 : 0) | ((own & FIELD_TOKENS) !== 0 ? 2 : 0);
}

/**
 * The reference flattening: a walk of `cursor` (at the root; deleted at the end) over the visible nodes. Every
 * step may cost a call into wasm, so it reads a field id only where one is needed.
 */
export function flattenCursor(cursor: WalkCursor, nodes: FlatNodes, policy: FlattenPolicy): void {
  const flags = policy.flags;
  nodes.count = 0;
  try {
    append(nodes, cursor.nodeTypeId, 0, cursor.startIndex, cursor.endIndex, -1);
    let parent = 0;
    let mode = childMode(nodes, flags, 0);
    if (!cursor.gotoFirstChild()) return;
    for (;;) {
      const typeId = cursor.nodeTypeId;
      const flag = flags[typeId];
      let entered = false;
      if ((flag & KEEP) !== 0) {
        const i = append(
          nodes,
          typeId,
          (mode & 1) !== 0 ? cursor.currentFieldId : 0,
          cursor.startIndex,
          cursor.endIndex,
          parent,
        );
        if (
          (flag & ENTER) !== 0 &&
          ((flag & ASK) === 0 || policy.enter(nodes, typeId, nodes.start[i], nodes.end[i], i)) &&
          cursor.gotoFirstChild()
        ) {
          parent = i;
          mode = childMode(nodes, flags, i);
          entered = true;
        }
      } else if ((mode & 2) !== 0) {
        const fieldId = cursor.currentFieldId;
        if (fieldId !== 0) append(nodes, typeId, fieldId, cursor.startIndex, cursor.endIndex, parent);
      }
      if (entered) continue;
      while (!cursor.gotoNextSibling()) {
        if (parent === 0) return;
        cursor.gotoParent();
        parent = nodes.parent[parent];
        mode = childMode(nodes, flags, parent);
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Words of a saved frame: one frame per child list being walked (of a kept node or of a hidden node). */
const FRAME = 10;

let stack: Int32Array = new Int32Array(FRAME * 64);

/**
 * The memory walk: what {@linkcode flattenCursor} yields, read from the `Subtree` structures of `tree` (the
 * steps of tree_cursor.c: hidden nodes are looked through, aliases and fields come from the parent's
 * production, a visible node's field may come from the hidden nodes between it and its visible parent, extras
 * have no field and take no structural index). No wasm call may run during it.
 */
export function flattenMemory(tree: MemoryTree, nodes: FlatNodes, policy: FlattenPolicy): void {
  const { HEAPU8: u8, HEAPU16: u16, HEAPU32: u32 } = tree.heap;
  const { publicSymbols, aliasSequences, maxAliasSequenceLength, childFields, childFieldStride } =
    tree.tables;
  const flags = policy.flags;
  nodes.count = 0;

  // The root: a Subtree in the TSTree (inline or not).
  const root = tree.address;
  const rootInline = (u8[root] & 1) === 1;
  const rootHeap = rootInline ? 0 : u32[root >> 2];
  const rootSymbol = rootInline ? u8[root + 1] : u16[(rootHeap + HEAP_SYMBOL) >> 1];
  const rootStart = rootInline ? u8[root + 6] : u32[(rootHeap + HEAP_PADDING_BYTES) >> 2];
  const rootSize = rootInline ? u8[root + 7] : u32[(rootHeap + HEAP_SIZE_BYTES) >> 2];
  append(
    nodes,
    rootSymbol === ERROR_SYMBOL ? ERROR_SYMBOL : publicSymbols[rootSymbol],
    0,
    rootStart >>> 1,
    (rootStart + rootSize) >>> 1,
    -1,
  );
  if (rootInline || u32[(rootHeap + HEAP_CHILD_COUNT) >> 2] === 0) return;

  // The node arrays, reloaded when they grow.
  let typeIds = nodes.typeId;
  let fieldIds = nodes.fieldId;
  let starts = nodes.start;
  let ends = nodes.end;
  let parents = nodes.parent;
  let firstChildren = nodes.firstChild;
  let nextSiblings = nodes.nextSibling;
  let lastChildren = nodes.lastChild;
  let n = 1;

  // The child list being walked, in locals; the lists it is nested in are saved on `stack`.
  let s = stack;
  let depth = 0;
  let node = rootHeap; // address of the parent's SubtreeHeapData (its children are just before it)
  let count = u32[(rootHeap + HEAP_CHILD_COUNT) >> 2];
  let index = 0; // next child
  let structural = 0; // structural (non-extra) index of the next child
  let position = rootStart; // byte offset: start of the list for child 0, else end of the previous child
  let parent = 0; // kept node the children belong to
  let inherited = 0; // field id a hidden parent has in its own parent (0 under a kept node)
  let mode = childMode(nodes, flags, 0); // bit 0: children get field ids; bit 1: field tokens are kept
  let production = u16[(rootHeap + HEAP_PRODUCTION_ID) >> 1];

  for (;;) {
    if (index === count) {
      if (depth === 0) break;
      const f = --depth * FRAME;
      node = s[f];
      count = s[f + 1];
      index = s[f + 2];
      structural = s[f + 3];
      position = s[f + 4];
      parent = s[f + 5];
      inherited = s[f + 6];
      mode = s[f + 7];
      production = s[f + 8];
      continue;
    }
    const child = node - (count - index) * SUBTREE_SIZE;
    const b = u8[child];
    const inline = (b & 1) === 1;
    const heap = inline ? 0 : u32[child >> 2];
    const bits = inline ? b >> 1 : u8[heap + HEAP_FLAGS];
    let start = position;
    if (index !== 0) start += inline ? u8[child + 6] : u32[(heap + HEAP_PADDING_BYTES) >> 2];
    const end = start + (inline ? u8[child + 7] : u32[(heap + HEAP_SIZE_BYTES) >> 2]);
    index++;
    position = end;
    // The child's structural index, -1 for an extra (no alias, no field).
    let at = -1;
    let alias = 0;
    if ((bits & 4) === 0) {
      at = structural++;
      if (production !== 0) alias = aliasSequences[production * maxAliasSequenceLength + at];
    }
    let fieldId = 0;
    if (mode !== 0 && at >= 0) {
      if (at < childFieldStride) fieldId = childFields[production * childFieldStride + at];
      if (fieldId === 0) fieldId = inherited;
    }
    const childCount = inline ? 0 : u32[(heap + HEAP_CHILD_COUNT) >> 2];
    let enter = false;
    let typeId = alias;
    if ((bits & 1) !== 0 || alias !== 0) {
      if (typeId === 0) {
        const symbol = inline ? u8[child + 1] : u16[(heap + HEAP_SYMBOL) >> 1];
        typeId = symbol === ERROR_SYMBOL ? ERROR_SYMBOL : publicSymbols[symbol];
      }
      const flag = flags[typeId];
      let keep = (flag & KEEP) !== 0;
      if (keep) {
        if ((mode & 1) === 0) fieldId = 0;
      } else {
        keep = (mode & 2) !== 0 && fieldId !== 0;
      }
      if (!keep) continue;
      if (n >= typeIds.length) {
        nodes.reserve(n + 1);
        typeIds = nodes.typeId;
        fieldIds = nodes.fieldId;
        starts = nodes.start;
        ends = nodes.end;
        parents = nodes.parent;
        firstChildren = nodes.firstChild;
        nextSiblings = nodes.nextSibling;
        lastChildren = nodes.lastChild;
      }
      const i = n++;
      typeIds[i] = typeId;
      fieldIds[i] = fieldId;
      starts[i] = start >>> 1;
      ends[i] = end >>> 1;
      parents[i] = parent;
      firstChildren[i] = -1;
      nextSiblings[i] = -1;
      lastChildren[i] = -1;
      const last = lastChildren[parent];
      if (last < 0) firstChildren[parent] = i;
      else nextSiblings[last] = i;
      lastChildren[parent] = i;
      if ((flag & (KEEP | ENTER)) !== (KEEP | ENTER) || childCount === 0) continue;
      if ((flag & ASK) !== 0) {
        nodes.count = n;
        if (!policy.enter(nodes, typeId, start >>> 1, end >>> 1, i)) continue;
      }
      enter = true;
      typeId = i; // the kept parent of the children
    } else if (childCount === 0 || u32[(heap + HEAP_VISIBLE_CHILD_COUNT) >> 2] === 0) continue;

    // Walk the children of `heap` next.
    if ((depth + 1) * FRAME > s.length) stack = s = growStack(s);
    const f = depth++ * FRAME;
    s[f] = node;
    s[f + 1] = count;
    s[f + 2] = index;
    s[f + 3] = structural;
    s[f + 4] = position;
    s[f + 5] = parent;
    s[f + 6] = inherited;
    s[f + 7] = mode;
    s[f + 8] = production;
    node = heap;
    count = childCount;
    index = 0;
    structural = 0;
    position = start;
    production = u16[(heap + HEAP_PRODUCTION_ID) >> 1];
    if (enter) {
      // A kept node: its children get fields and field tokens as the policy says for it.
      parent = typeId;
      inherited = 0;
      const own = flags[typeIds[parent]];
      const fields = (own & CHILD_FIELDS) !== 0 ||
        (flags[typeIds[parents[parent]]] & GRANDCHILD_FIELDS) !== 0;
      mode = (fields ? 1 : 0) | ((own & FIELD_TOKENS) !== 0 ? 2 : 0);
    } else {
      // A hidden node: its children belong to the kept parent; its own field is theirs when they have none.
      inherited = fieldId;
    }
  }
  nodes.count = n;
}

function growStack(s: Int32Array): Int32Array {
  const bigger = new Int32Array(s.length * 2);
  bigger.set(s);
  return bigger;
}
