/**
 * A tree cursor that reads tree-sitter's syntax tree straight out of wasm memory, with no call into wasm per
 * node: the fastest way to visit every node of a large tree from JavaScript.
 *
 * Each move of a wasm-backed cursor costs a JS→wasm call, and tree-sitter's own cursor functions re-derive
 * visibility, aliases and positions on every call; on a full walk of a big Python tree that is most of the
 * time not spent parsing. This cursor re-implements the same walk (lib/src/tree_cursor.c of the tree-sitter
 * runtime inside `web-tree-sitter`) over the runtime's data structures: `Subtree` (inline leaves and heap
 * nodes with their children stored just before them), the `TSTree` root, and the grammar's alias sequences,
 * field maps and public symbol map. The layouts are those of the pinned `web-tree-sitter` version, which is
 * why {@linkcode MemoryLayout.verify} checks every grammar's header against the library's own API before the
 * cursor is used, and `walkCursor` (fast_cursor.ts) compares the first full walk with the wasm cursor's.
 *
 * It only reads: the tree must stay alive and no wasm call may run during the walk (memory may move when it
 * grows; the views are taken when the cursor is made).
 *
 * @module
 */
import type { Language as Grammar } from "web-tree-sitter";
import type { WalkCursor } from "./fast_cursor.ts";

/** The heap views of web-tree-sitter's emscripten module this cursor reads through. */
export interface WasmHeap {
  HEAPU8: Uint8Array;
  HEAPU16: Uint16Array;
  HEAPU32: Uint32Array;
}

/** tree-sitter's error symbol (`ts_builtin_sym_error`): it has no public-symbol entry. */
export const ERROR_SYMBOL = 65535;

// SubtreeHeapData offsets on wasm32 (lib/src/subtree.h); grammars/flat_walk.ts reads the same layout.
/** Byte offset of `padding.bytes` in SubtreeHeapData. */
export const HEAP_PADDING_BYTES = 4;
/** Byte offset of `size.bytes`. */
export const HEAP_SIZE_BYTES = 16;
/** Byte offset of `child_count`. */
export const HEAP_CHILD_COUNT = 36;
/** Byte offset of `symbol`. */
export const HEAP_SYMBOL = 40;
/** Byte offset of the flags byte: bit 0 visible, bit 2 extra. */
export const HEAP_FLAGS = 44;
/** Byte offset of `visible_child_count`. */
export const HEAP_VISIBLE_CHILD_COUNT = 48;
/** Byte offset of `production_id`. */
export const HEAP_PRODUCTION_ID = 66;
/**
 * Size of a Subtree (a pointer, or SubtreeInlineData: byte 0 bit 0 is_inline, bit 1 visible, bit 3 extra;
 * byte 1 symbol; byte 6 padding bytes; byte 7 size bytes).
 */
export const SUBTREE_SIZE = 8;

// TSLanguage offsets on wasm32 (tree_sitter/parser.h, ABI 14 and 15 share this prefix).
const LANGUAGE_SYMBOL_COUNT = 4;
const LANGUAGE_ALIAS_COUNT = 8;
const LANGUAGE_PRODUCTION_ID_COUNT = 28;
const LANGUAGE_FIELD_COUNT = 32;
const LANGUAGE_MAX_ALIAS_SEQUENCE_LENGTH = 36;
const LANGUAGE_SYMBOL_NAMES = 56;
const LANGUAGE_FIELD_NAMES = 60;
const LANGUAGE_FIELD_MAP_SLICES = 64;
const LANGUAGE_FIELD_MAP_ENTRIES = 68;
const LANGUAGE_PUBLIC_SYMBOL_MAP = 76;
const LANGUAGE_ALIAS_SEQUENCES = 84;
// TSTree: the root Subtree, then the language pointer.
const TREE_LANGUAGE = 8;

/** A grammar's tables, copied out of wasm memory once. */
export interface GrammarTables {
  readonly publicSymbols: Uint16Array;
  /** `production_id * maxAliasSequenceLength + structural child index` → alias symbol (0: none). */
  readonly aliasSequences: Uint16Array;
  readonly maxAliasSequenceLength: number;
  /** Per production id: start and length in `fieldEntries` (entries are 3 numbers: field, child, inherited). */
  readonly fieldSlices: Uint16Array;
  readonly fieldEntries: Uint16Array;
  /**
   * `production_id * childFieldStride + structural child index` → the field id the child has in that
   * production (its first non-inherited entry), 0 for none: `fieldEntries` as one lookup.
   */
  readonly childFields: Uint16Array;
  readonly childFieldStride: number;
}

/**
 * Reads and checks grammar tables: `verify` compares the header and every symbol and field name with what
 * `web-tree-sitter` reports, so a different runtime layout is detected instead of misread.
 */
export class MemoryLayout {
  readonly #heap: () => WasmHeap;
  readonly #tables = new Map<number, GrammarTables | null>();

  constructor(heap: () => WasmHeap) {
    this.#heap = heap;
  }

  /**
   * The tables of the grammar at `languageAddress` when they match `grammar`, else `null` (cached either way).
   */
  tablesFor(languageAddress: number, grammar: Grammar): GrammarTables | null {
    let tables = this.#tables.get(languageAddress);
    if (tables === undefined) {
      try {
        tables = this.#read(languageAddress, grammar);
      } catch {
        tables = null;
      }
      this.#tables.set(languageAddress, tables);
    }
    return tables;
  }

  #read(address: number, grammar: Grammar): GrammarTables | null {
    const { HEAPU8, HEAPU16, HEAPU32 } = this.#heap();
    const word = (offset: number): number => HEAPU32[(address + offset) >> 2];
    const symbolCount = word(LANGUAGE_SYMBOL_COUNT);
    const aliasCount = word(LANGUAGE_ALIAS_COUNT);
    const productionIdCount = word(LANGUAGE_PRODUCTION_ID_COUNT);
    const fieldCount = word(LANGUAGE_FIELD_COUNT);
    const maxAliasSequenceLength = HEAPU16[(address + LANGUAGE_MAX_ALIAS_SEQUENCE_LENGTH) >> 1];
    if (symbolCount + aliasCount !== grammar.nodeTypeCount || fieldCount !== grammar.fieldCount) return null;
    const decoder = new TextDecoder();
    const cString = (pointer: number): string => {
      let end = pointer;
      while (HEAPU8[end] !== 0) end++;
      return decoder.decode(HEAPU8.subarray(pointer, end));
    };
    const symbolNames = word(LANGUAGE_SYMBOL_NAMES) >> 2;
    for (let id = 1; id < symbolCount + aliasCount; id++) {
      // web-tree-sitter names only visible symbols (regular and anonymous ones).
      const name = grammar.types[id];
      if (name !== undefined && cString(HEAPU32[symbolNames + id]) !== name) return null;
    }
    const fieldNames = word(LANGUAGE_FIELD_NAMES) >> 2;
    for (let id = 1; id <= fieldCount; id++) {
      if (cString(HEAPU32[fieldNames + id]) !== grammar.fields[id]) return null;
    }

    const publicMap = word(LANGUAGE_PUBLIC_SYMBOL_MAP) >> 1;
    const publicSymbols = HEAPU16.slice(publicMap, publicMap + symbolCount + aliasCount);
    const aliases = word(LANGUAGE_ALIAS_SEQUENCES) >> 1;
    const aliasSequences = HEAPU16.slice(aliases, aliases + productionIdCount * maxAliasSequenceLength);
    const fieldSlices = new Uint16Array(productionIdCount * 2);
    let entryCount = 0;
    if (fieldCount > 0) {
      const slices = word(LANGUAGE_FIELD_MAP_SLICES) >> 1;
      fieldSlices.set(HEAPU16.subarray(slices, slices + productionIdCount * 2));
      for (let p = 0; p < productionIdCount; p++) {
        entryCount = Math.max(entryCount, fieldSlices[2 * p] + fieldSlices[2 * p + 1]);
      }
    }
    // TSFieldMapEntry: field_id (u16), child_index (u8), inherited (bool).
    const fieldEntries = new Uint16Array(entryCount * 3);
    const entries = word(LANGUAGE_FIELD_MAP_ENTRIES);
    for (let e = 0; e < entryCount; e++) {
      fieldEntries[3 * e] = HEAPU16[(entries + 4 * e) >> 1];
      fieldEntries[3 * e + 1] = HEAPU8[entries + 4 * e + 2];
      fieldEntries[3 * e + 2] = HEAPU8[entries + 4 * e + 3];
    }
    let childFieldStride = 1;
    for (let e = 0; e < entryCount; e++) {
      childFieldStride = Math.max(childFieldStride, fieldEntries[3 * e + 1] + 1);
    }
    const childFields = new Uint16Array(productionIdCount * childFieldStride);
    for (let p = 0; p < productionIdCount; p++) {
      const start = fieldSlices[2 * p];
      // Backwards, so that the first entry for a child is the one left.
      for (let e = start + fieldSlices[2 * p + 1] - 1; e >= start; e--) {
        if (fieldEntries[3 * e + 2] === 0) {
          childFields[p * childFieldStride + fieldEntries[3 * e + 1]] = fieldEntries[3 * e];
        }
      }
    }
    return {
      publicSymbols,
      aliasSequences,
      maxAliasSequenceLength,
      fieldSlices,
      fieldEntries,
      childFields,
      childFieldStride,
    };
  }

  /** The current heap views (they are replaced when wasm memory grows). */
  heap(): WasmHeap {
    return this.#heap();
  }

  /** The address of the grammar a tree was parsed with. */
  languageOf(treeAddress: number): number {
    return this.#heap().HEAPU32[(treeAddress + TREE_LANGUAGE) >> 2];
  }

  /** A cursor at the root of the tree at `treeAddress`. */
  cursor(treeAddress: number, tables: GrammarTables): MemoryCursor {
    return new MemoryCursor(this.#heap(), treeAddress, tables);
  }
}

/** Moves return none / a hidden node (keep descending) / a visible node, as in tree_cursor.c. */
const STEP_NONE = 0;
const STEP_HIDDEN = 1;
const STEP_VISIBLE = 2;

/**
 * The walk of tree_cursor.c over wasm memory. The stack holds, per entry, the address of its `Subtree` slot,
 * its start byte, its index among its parent's children and its structural (non-extra) child index, plus what
 * the getters return (type id, end byte), computed once when the entry is pushed.
 */
export class MemoryCursor implements WalkCursor {
  readonly #u8: Uint8Array;
  readonly #u16: Uint16Array;
  readonly #u32: Uint32Array;
  readonly #tables: GrammarTables;
  #slot = new Uint32Array(64);
  #start = new Uint32Array(64);
  #end = new Uint32Array(64);
  #typeId = new Uint16Array(64);
  #childIndex = new Uint32Array(64);
  #structuralIndex = new Uint32Array(64);
  #depth = 1;

  constructor(heap: WasmHeap, treeAddress: number, tables: GrammarTables) {
    this.#u8 = heap.HEAPU8;
    this.#u16 = heap.HEAPU16;
    this.#u32 = heap.HEAPU32;
    this.#tables = tables;
    this.#slot[0] = treeAddress;
    const start = this.#paddingBytes(treeAddress);
    this.#start[0] = start;
    this.#end[0] = start + this.#sizeBytes(treeAddress);
    this.#typeId[0] = this.#publicSymbol(this.#symbol(treeAddress));
  }

  get nodeTypeId(): number {
    return this.#typeId[this.#depth - 1];
  }

  get currentFieldId(): number {
    const { fieldSlices, fieldEntries } = this.#tables;
    if (fieldEntries.length === 0) return 0;
    const top = this.#depth - 1;
    for (let i = top; i > 0; i--) {
      if (i !== top && this.#isEntryVisible(i)) break;
      const slot = this.#slot[i];
      if (this.#isExtra(slot)) break;
      const production = this.#productionId(this.#slot[i - 1]);
      const child = this.#structuralIndex[i];
      const start = fieldSlices[2 * production];
      const end = start + fieldSlices[2 * production + 1];
      for (let e = start; e < end; e++) {
        if (fieldEntries[3 * e + 2] === 0 && fieldEntries[3 * e + 1] === child) return fieldEntries[3 * e];
      }
    }
    return 0;
  }

  get startIndex(): number {
    return this.#start[this.#depth - 1] >>> 1;
  }

  get endIndex(): number {
    return this.#end[this.#depth - 1] >>> 1;
  }

  gotoFirstChild(): boolean {
    for (;;) {
      const step = this.#firstChild();
      if (step === STEP_VISIBLE) return true;
      if (step === STEP_NONE) return false;
    }
  }

  gotoNextSibling(): boolean {
    const step = this.#nextSibling();
    if (step === STEP_HIDDEN) this.gotoFirstChild();
    return step !== STEP_NONE;
  }

  gotoParent(): boolean {
    for (let i = this.#depth - 2; i >= 0; i--) {
      if (this.#isEntryVisible(i)) {
        this.#depth = i + 1;
        return true;
      }
    }
    return false;
  }

  delete(): void {}

  // ts_tree_cursor_goto_first_child_internal
  #firstChild(): number {
    const top = this.#depth - 1;
    const parent = this.#slot[top];
    if ((this.#u8[parent] & 1) === 1) return STEP_NONE;
    const node = this.#u32[parent >> 2];
    const count = this.#u32[(node + HEAP_CHILD_COUNT) >> 2];
    if (count === 0) return STEP_NONE;
    return this.#scan(node, count, 0, 0, this.#start[top]);
  }

  // ts_tree_cursor_goto_sibling_internal with ts_tree_cursor_child_iterator_next
  #nextSibling(): number {
    const initial = this.#depth;
    const u8 = this.#u8;
    const u32 = this.#u32;
    while (this.#depth > 1) {
      const top = --this.#depth;
      const node = u32[this.#slot[top - 1] >> 2];
      const count = u32[(node + HEAP_CHILD_COUNT) >> 2];
      // Step over the entry itself.
      const slot = this.#slot[top];
      const index = this.#childIndex[top] + 1;
      let structural = this.#structuralIndex[top];
      let position = this.#end[top];
      if (index < count) position += this.#paddingBytes(node - (count - index) * SUBTREE_SIZE);
      const b = u8[slot];
      const flags = (b & 1) === 1 ? b >> 1 : u8[u32[slot >> 2] + HEAP_FLAGS];
      const extra = (flags & 4) !== 0;
      let visible = (flags & 1) !== 0;
      if (!extra) {
        if (!visible) visible = this.#aliasAt(node, structural) !== 0;
        structural++;
      }
      if (visible && this.#depth + 1 < initial) break;
      const step = this.#scan(node, count, index, structural, position);
      if (step !== STEP_NONE) return step;
    }
    this.#depth = initial;
    return STEP_NONE;
  }

  /**
   * From child `index` of `node` on, pushes the first child that is visible (STEP_VISIBLE) or hidden with
   * visible children (STEP_HIDDEN).
   */
  #scan(node: number, count: number, index: number, structural: number, position: number): number {
    const u8 = this.#u8;
    const u16 = this.#u16;
    const u32 = this.#u32;
    const production = u16[(node + HEAP_PRODUCTION_ID) >> 1];
    const aliasBase = production === 0 ? -1 : production * this.#tables.maxAliasSequenceLength;
    const aliasSequences = this.#tables.aliasSequences;
    let child = node - (count - index) * SUBTREE_SIZE;
    for (; index < count; index++, child += SUBTREE_SIZE) {
      const b = u8[child];
      const inline = (b & 1) === 1;
      const heap = inline ? 0 : u32[child >> 2];
      const flags = inline ? b >> 1 : u8[heap + HEAP_FLAGS];
      let visible = (flags & 1) !== 0;
      const childStructural = structural;
      let alias = 0;
      if ((flags & 4) === 0) {
        if (aliasBase >= 0) {
          alias = aliasSequences[aliasBase + structural];
          if (alias !== 0) visible = true;
        }
        structural++;
      }
      const size = inline ? u8[child + 7] : u32[(heap + HEAP_SIZE_BYTES) >> 2];
      if (
        visible ||
        (!inline && u32[(heap + HEAP_CHILD_COUNT) >> 2] !== 0 &&
          u32[(heap + HEAP_VISIBLE_CHILD_COUNT) >> 2] > 0)
      ) {
        const depth = this.#depth;
        if (depth === this.#slot.length) this.#grow();
        this.#slot[depth] = child;
        this.#start[depth] = position;
        this.#end[depth] = position + size;
        this.#childIndex[depth] = index;
        this.#structuralIndex[depth] = childStructural;
        this.#typeId[depth] = this.#publicSymbol(
          alias !== 0 ? alias : inline ? u8[child + 1] : u16[(heap + HEAP_SYMBOL) >> 1],
        );
        this.#depth = depth + 1;
        return visible ? STEP_VISIBLE : STEP_HIDDEN;
      }
      position += size;
      if (index + 1 < count) position += this.#paddingBytes(child + SUBTREE_SIZE);
    }
    return STEP_NONE;
  }

  #grow(): void {
    const bigger = <T extends Uint32Array | Uint16Array>(array: T): T => {
      const copy = new (array.constructor as new (length: number) => T)(array.length * 2);
      copy.set(array);
      return copy;
    };
    this.#slot = bigger(this.#slot);
    this.#start = bigger(this.#start);
    this.#end = bigger(this.#end);
    this.#typeId = bigger(this.#typeId);
    this.#childIndex = bigger(this.#childIndex);
    this.#structuralIndex = bigger(this.#structuralIndex);
  }

  #publicSymbol(symbol: number): number {
    return symbol === ERROR_SYMBOL ? symbol : this.#tables.publicSymbols[symbol];
  }

  // ts_tree_cursor_is_entry_visible
  #isEntryVisible(index: number): boolean {
    const slot = this.#slot[index];
    if (index === 0 || this.#isVisible(slot)) return true;
    if (this.#isExtra(slot)) return false;
    return this.#aliasAt(this.#u32[this.#slot[index - 1] >> 2], this.#structuralIndex[index]) !== 0;
  }

  /** Alias of the child at `structuralIndex` of the heap node `node`; 0 for none. */
  #aliasAt(node: number, structuralIndex: number): number {
    const production = this.#u16[(node + HEAP_PRODUCTION_ID) >> 1];
    return production === 0
      ? 0
      : this.#tables.aliasSequences[production * this.#tables.maxAliasSequenceLength + structuralIndex];
  }

  #productionId(slot: number): number {
    if ((this.#u8[slot] & 1) === 1) return 0;
    const node = this.#u32[slot >> 2];
    return this.#u32[(node + HEAP_CHILD_COUNT) >> 2] === 0 ? 0 : this.#u16[(node + HEAP_PRODUCTION_ID) >> 1];
  }

  #symbol(slot: number): number {
    if ((this.#u8[slot] & 1) === 1) return this.#u8[slot + 1];
    return this.#u16[(this.#u32[slot >> 2] + HEAP_SYMBOL) >> 1];
  }

  #isVisible(slot: number): boolean {
    const b = this.#u8[slot];
    if ((b & 1) === 1) return (b & 2) !== 0;
    return (this.#u8[this.#u32[slot >> 2] + HEAP_FLAGS] & 1) !== 0;
  }

  #isExtra(slot: number): boolean {
    const b = this.#u8[slot];
    if ((b & 1) === 1) return (b & 8) !== 0;
    return (this.#u8[this.#u32[slot >> 2] + HEAP_FLAGS] & 4) !== 0;
  }

  #paddingBytes(slot: number): number {
    if ((this.#u8[slot] & 1) === 1) return this.#u8[slot + 6];
    return this.#u32[(this.#u32[slot >> 2] + HEAP_PADDING_BYTES) >> 2];
  }

  #sizeBytes(slot: number): number {
    if ((this.#u8[slot] & 1) === 1) return this.#u8[slot + 7];
    return this.#u32[(this.#u32[slot >> 2] + HEAP_SIZE_BYTES) >> 2];
  }
}
