import assert from "node:assert/strict";
import type { Tree } from "web-tree-sitter";
import { memoryTree } from "../../grammars/fast_cursor.ts";
import {
  ASK,
  CHILD_FIELDS,
  ENTER,
  FIELD_TOKENS,
  FlatNodes,
  flattenCursor,
  flattenMemory,
  type FlattenPolicy,
  flattenTree,
  GRANDCHILD_FIELDS,
  KEEP,
  sameNodes,
} from "../../grammars/flat_walk.ts";
import { createParser, type GrammarName } from "../../grammars/mod.ts";
import { walkAll } from "./walk_all.ts";
import { fixtureSources, SOURCES } from "./walk_sources.ts";

/** More damaged sources: MISSING tokens (closing brackets, `:`), and errors at the end of the text. */
const DAMAGED: Record<GrammarName, string[]> = {
  python: ["print(1\n", "if x\n    pass\n", "d = {'é': [1, 2}\nf(a,", "class A(:\n  def f(self) -> : pass"],
  go: ["package main\nfunc f() { g(1 }\n", "package main\nvar x = []int{1, 2\n"],
  typescript: ["f(1;\n", "const x: Map<string, number = new Map();\nlet é = `${", "class A { m( { } }"],
  tsx: ["const a = <div>{x</div>;\n", "f(<A b={1} />;"],
  javascript: ["f(1;\n", "if (x { y() }\n", "const o = { a: 1, b: [2, 3 };"],
  java: ["class A { void f() { g(1; } }", "class B { int x = (1 + 2; }"],
};

/** Every source of a grammar: the memory cursor's, the damaged ones, and each truncated at a few points. */
function sourcesOf(grammar: GrammarName): string[] {
  const sources = [...SOURCES[grammar], ...DAMAGED[grammar]];
  const cuts = sources.flatMap((s) => [0.25, 0.5, 0.75].map((f) => s.slice(0, Math.floor(s.length * f))));
  return [...sources, ...cuts];
}

/** Policies that keep every node, or named nodes and field tokens, or decide per node (ASK). */
function policiesFor(tree: Tree): Record<string, FlattenPolicy> {
  const grammar = tree.language;
  const all = new Uint8Array(65536).fill(KEEP | ENTER | CHILD_FIELDS);
  const named = new Uint8Array(65536);
  const asking = new Uint8Array(65536);
  for (let id = 0; id < 65536; id++) {
    const isNamed = id >= grammar.nodeTypeCount || grammar.nodeTypeIsNamed(id);
    named[id] = isNamed ? KEEP | ENTER | FIELD_TOKENS : 0;
    // Fields only under some types and their grandchildren; half of the types entered only on request.
    asking[id] = (isNamed ? KEEP | ENTER : 0) | (id % 2 ? ASK : 0) | (id % 3 === 0 ? CHILD_FIELDS : 0) |
      (id % 5 === 0 ? GRANDCHILD_FIELDS : 0) | (id % 7 === 0 ? FIELD_TOKENS : 0);
  }
  const always = () => true;
  return {
    all: { flags: all, enter: always },
    named: { flags: named, enter: always },
    asking: {
      flags: asking,
      // Reads the node just kept, as a policy may.
      enter: (nodes, typeId, start, end, index) =>
        nodes.typeId[index] === typeId && nodes.start[index] === start && nodes.end[index] === end &&
        (start + index) % 3 !== 0,
    },
  };
}

/** `nodes` in walkAll's format (a pre-order walk with `^` for each step back up). */
function walkOf(nodes: FlatNodes): string[] {
  const out: string[] = [];
  const visit = (i: number): void => {
    out.push(`${nodes.typeId[i]}:${nodes.fieldId[i]}:${nodes.start[i]}-${nodes.end[i]}`);
    for (let c = nodes.firstChild[i]; c >= 0; c = nodes.nextSibling[c]) {
      assert.equal(nodes.parent[c], i);
      visit(c);
      if (nodes.nextSibling[c] < 0) out.push("^");
    }
  };
  visit(0);
  return out;
}

/** What a tree holds that the memory walk must get right, counted with the Node API. */
function featuresOf(tree: Tree): { missing: number; extra: number; error: number; alias: number } {
  const counts = { missing: 0, extra: 0, error: 0, alias: 0 };
  const cursor = tree.walk();
  for (;;) {
    const node = cursor.currentNode;
    if (node.isMissing) counts.missing++;
    if (node.isExtra) counts.extra++;
    if (node.isError) counts.error++;
    if (node.grammarType !== node.type) counts.alias++;
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return counts;
      }
    }
  }
}

/** Flattens `tree` from memory and with web-tree-sitter's own TreeCursor under each policy; asserts equality. */
function assertSameFlattening(tree: Tree, label: string): number {
  const memory = memoryTree(tree);
  assert.ok(memory, "the runtime's memory layout is the one the memory walk reads");
  let nodes = 0;
  for (const [name, policy] of Object.entries(policiesFor(tree))) {
    const fromMemory = new FlatNodes();
    const fromCursor = new FlatNodes();
    flattenMemory(memory, fromMemory, policy);
    flattenCursor(tree.walk(), fromCursor, policy);
    assert.deepEqual(walkOf(fromMemory), walkOf(fromCursor), `${label} (${name})`);
    assert.ok(sameNodes(fromMemory, fromCursor), `${label} (${name})`);
    nodes += fromMemory.count;
    if (name === "all") {
      // Keeping everything with fields is a walk over every visible node.
      const reference = tree.walk();
      assert.deepEqual(walkOf(fromMemory), walkAll(reference), label);
      reference.delete();
    }
    const chosen = flattenTree(tree, new FlatNodes(), policy);
    assert.ok(sameNodes(chosen, fromCursor), `${label} (${name}, flattenTree)`);
  }
  return nodes;
}

for (const grammar of Object.keys(SOURCES) as GrammarName[]) {
  Deno.test(`flattenMemory keeps the same nodes as a TreeCursor walk (${grammar})`, async () => {
    const parser = await createParser(grammar);
    const features = { missing: 0, extra: 0, error: 0, alias: 0 };
    try {
      for (const source of sourcesOf(grammar)) {
        const tree = parser.parse(source)!;
        try {
          assertSameFlattening(tree, JSON.stringify(source));
          for (const [key, count] of Object.entries(featuresOf(tree))) {
            features[key as keyof typeof features] += count;
          }
        } finally {
          tree.delete();
        }
      }
    } finally {
      parser.delete();
    }
    // The sources do exercise what the walk re-implements.
    assert.ok(features.missing > 0 && features.extra > 0 && features.error > 0, JSON.stringify(features));
    assert.ok(features.alias > 0, JSON.stringify(features));
  });
}

Deno.test("flattenMemory keeps the same nodes as a TreeCursor walk on every fixture source", async () => {
  const counts = new Map<GrammarName, number>();
  for (const { grammar, name, text } of fixtureSources()) {
    const parser = await createParser(grammar);
    const tree = parser.parse(text)!;
    try {
      assertSameFlattening(tree, name);
      counts.set(grammar, (counts.get(grammar) ?? 0) + 1);
    } finally {
      tree.delete();
      parser.delete();
    }
  }
  for (const grammar of ["python", "go", "typescript"] as const) {
    assert.ok((counts.get(grammar) ?? 0) >= 10, `${grammar} fixtures compared: ${counts.get(grammar)}`);
  }
});

Deno.test("flattenMemory grows its arrays and stack for large, deep trees", async () => {
  const parser = await createParser("python");
  // 3000 nested parentheses and a long flat list: deeper than the initial stack, more nodes than 1024.
  const source = `x = ${"(".repeat(3000)}1${")".repeat(3000)}\ny = [${"a, ".repeat(5000)}]\n`;
  const tree = parser.parse(source)!;
  try {
    assert.ok(assertSameFlattening(tree, "deep") > 3 * 5000);
  } finally {
    tree.delete();
    parser.delete();
  }
});
