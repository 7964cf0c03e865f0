/**
 * `PythonPattern.evaluates` is a promise the tracker relies on to skip patterns: for an expression kind a pattern
 * does not list, its `evaluate` returns `undefined` without evaluating or reading anything.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { PyExpr } from "../../../lib/languages/python/facts.ts";
import { PYTHON_PATTERNS } from "../../../lib/languages/python/mod.ts";
import type { PatternContext } from "../../../lib/languages/python/pattern.ts";

const name: PyExpr = { k: "name", name: "x", at: 0 };
const SAMPLES: Record<PyExpr["k"], PyExpr> = {
  name,
  attr: {
    k: "attr",
    object: { k: "attr", object: name, name: "meta", text: "x.meta" },
    name: "client",
    text: "",
  },
  call: {
    k: "call",
    id: "c1",
    callee: { k: "attr", object: name, name: "get_paginator", text: "" },
    args: [],
    text: "",
  },
  subscript: { k: "subscript", object: { k: "name", name: "Provide", at: 0 }, index: name, text: "" },
  str: { k: "str", value: "s", text: "'s'" },
  fstr: { k: "fstr", parts: ["a", name], text: "" },
  num: { k: "num", value: 1, text: "1" },
  const: { k: "const", value: null },
  binop: { k: "binop", op: "+", left: name, right: name, text: "" },
  dict: { k: "dict", entries: [], text: "{}" },
  seq: { k: "seq", items: [], text: "[]" },
  comp: { k: "comp", kind: "list", scope: 0, value: name, text: "" },
  lambda: { k: "lambda", scope: 0, text: "lambda: x" },
  iter: { k: "iter", of: name, text: "" },
  hint: { k: "hint", type: name, text: "" },
  value: { k: "value", value: { t: "unknown" }, text: "" },
  other: { k: "other", text: "" },
};

/** A context any use of which fails the test. */
const untouchable = new Proxy({} as PatternContext, {
  get(_, key) {
    throw new Error(`context read: ${String(key)}`);
  },
});

Deno.test("a pattern gives nothing, reading nothing, for expression kinds it does not list", () => {
  for (const pattern of PYTHON_PATTERNS) {
    if (!pattern.evaluate || !pattern.evaluates) continue;
    for (const [k, expr] of Object.entries(SAMPLES)) {
      if (pattern.evaluates.includes(k as PyExpr["k"])) continue;
      assert.deepEqual(pattern.evaluate(expr, 0, untouchable), undefined, `${pattern.id} on ${k}`);
    }
  }
});

Deno.test("every Python pattern that evaluates lists its expression kinds", () => {
  const unlisted = PYTHON_PATTERNS.filter((p) => p.evaluate && !p.evaluates).map((p) => p.id);
  assert.deepEqual(unlisted, []);
});
