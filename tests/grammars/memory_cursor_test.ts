import assert from "node:assert/strict";
import type { Tree } from "web-tree-sitter";
import { memoryCursor, walkCursor } from "../../grammars/fast_cursor.ts";
import { walkAll } from "./walk_all.ts";
import { MemoryCursor, MemoryLayout } from "../../grammars/memory_cursor.ts";
import { createParser, type GrammarName, loadGrammar } from "../../grammars/mod.ts";
import { fixtureSources, SOURCES } from "./walk_sources.ts";

async function parse(grammar: GrammarName, source: string): Promise<{ tree: Tree; done(): void }> {
  const parser = await createParser(grammar);
  const tree = parser.parse(source)!;
  return {
    tree,
    done() {
      tree.delete();
      parser.delete();
    },
  };
}

for (const [grammar, sources] of Object.entries(SOURCES) as [GrammarName, string[]][]) {
  Deno.test(`MemoryCursor visits the same nodes as web-tree-sitter's TreeCursor (${grammar})`, async () => {
    for (const source of sources) {
      const { tree, done } = await parse(grammar, source);
      try {
        const reference = tree.walk();
        const expected = walkAll(reference);
        reference.delete();
        const cursor = memoryCursor(tree);
        assert.ok(
          cursor instanceof MemoryCursor,
          "the runtime's memory layout is the one MemoryCursor reads",
        );
        assert.deepEqual(walkAll(cursor), expected, JSON.stringify(source));
        const chosen = walkCursor(tree);
        assert.ok(chosen instanceof MemoryCursor, "walkCursor prefers the memory walk");
        chosen.delete();
      } finally {
        done();
      }
    }
  });
}

Deno.test("MemoryCursor visits the same nodes as TreeCursor on every Python, Go and TypeScript fixture", async () => {
  const counts = new Map<GrammarName, number>();
  for (const { grammar, name, text } of fixtureSources()) {
    const { tree, done } = await parse(grammar, text);
    try {
      const reference = tree.walk();
      const expected = walkAll(reference);
      reference.delete();
      assert.deepEqual(walkAll(memoryCursor(tree)!), expected, name);
      counts.set(grammar, (counts.get(grammar) ?? 0) + 1);
    } finally {
      done();
    }
  }
  for (const grammar of ["python", "go", "typescript"] as const) {
    assert.ok((counts.get(grammar) ?? 0) >= 10, `${grammar} fixtures compared: ${counts.get(grammar)}`);
  }
});

Deno.test("MemoryLayout rejects grammar tables that do not match what web-tree-sitter reports", async () => {
  const python = await loadGrammar("python");
  // A TSLanguage header whose symbol and field counts are not Python's: read as another runtime's layout.
  const memory = new ArrayBuffer(4096);
  const words = new Uint32Array(memory);
  words[16 + 1] = python.nodeTypeCount + 1; // symbol_count
  words[16 + 8] = python.fieldCount; // field_count
  const layout = new MemoryLayout(() => ({
    HEAPU8: new Uint8Array(memory),
    HEAPU16: new Uint16Array(memory),
    HEAPU32: words,
  }));
  assert.equal(layout.tablesFor(64, python), null);
  // Counts that match but symbol names that do not (all names read as empty strings).
  words[16 + 1] = python.nodeTypeCount;
  assert.equal(
    new MemoryLayout(() => ({
      HEAPU8: new Uint8Array(memory),
      HEAPU16: new Uint16Array(memory),
      HEAPU32: words,
    })).tablesFor(64, python),
    null,
  );
});
