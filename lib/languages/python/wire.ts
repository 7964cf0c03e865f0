/**
 * Compact transfer form of {@linkcode PythonFileFacts}, for facts crossing from an analysis worker to the main
 * thread. The facts are a graph in which expressions are shared (a call is a call site, an argument and a binding
 * value at once) and every expression keeps its source text, so plain JSON repeats them many times. Here each
 * expression is sent once, in a table where children come before their parents and refer to them by index; its
 * text is sent as a source range when it is the (trimmed) source text of that range — the main thread has the
 * source — and call locations leave out the file path. {@linkcode decodePythonFacts} rebuilds the same objects
 * (same keys in the same order), with the sharing the collector made.
 *
 * Update both functions when a fact type in `facts.ts` gains a kind or a field: an unknown kind makes
 * {@linkcode encodePythonFacts} give up (the facts then cross as they are), an unknown field would be lost.
 *
 * @module
 */
import type { Binding, BindingValue, CallSite, PyArg, PyExpr, PythonFileFacts, Scope } from "./facts.ts";
import { exprSpans, trimText } from "./analyze_file.ts";

/** Marks encoded facts (and their format version). */
const WIRE = "python/1";

/** The transfer form; see the module doc. */
export interface PythonWireFacts {
  wire: typeof WIRE;
  modulePath: string;
  isPackage: boolean;
  /** Expressions, children first: `[kind, ...fields, text]`, text being a string or `start, end` in the source. */
  exprs: unknown[][];
  /** Scopes with bindings as `[name, at, value]` and expressions as indices into `exprs`. */
  scopes: Record<string, unknown>[];
  /** `[scope, at, call, receiver, method, line, column, endLine, endColumn, bare]`. */
  calls: unknown[][];
}

const KIND = {
  name: 0,
  attr: 1,
  call: 2,
  subscript: 3,
  str: 4,
  fstr: 5,
  num: 6,
  const: 7,
  binop: 8,
  dict: 9,
  iter: 10,
  hint: 11,
  other: 12,
} as const;

class Unsupported extends Error {}

/**
 * The transfer form of `facts` of a file with text `source`, or undefined when the facts hold something this
 * encoder does not know (they should then be sent as they are).
 */
export function encodePythonFacts(
  facts: PythonFileFacts,
  source: string,
  file: string,
): PythonWireFacts | undefined {
  const spans = exprSpans(facts);
  const index = new Map<PyExpr, number>();
  const exprs: unknown[][] = [];

  const text = (out: unknown[], expr: PyExpr) => {
    const span = spans?.get(expr);
    if (span !== undefined) {
      const start = span[0];
      const end = span[1];
      if (trimText(source.slice(start, end)) === expr.text) {
        out.push(start, end);
        return;
      }
    }
    out.push(expr.text);
  };

  const ref = (expr: PyExpr): number => {
    const known = index.get(expr);
    if (known !== undefined) return known;
    let out: unknown[];
    switch (expr.k) {
      case "name":
        out = [KIND.name, expr.name, expr.at];
        break;
      case "attr":
        out = [KIND.attr, ref(expr.object), expr.name];
        break;
      case "call":
        out = [KIND.call, expr.id, ref(expr.callee), expr.args.map(arg)];
        break;
      case "subscript":
        out = [KIND.subscript, ref(expr.object), ref(expr.index)];
        break;
      case "str":
        out = [KIND.str, expr.value];
        break;
      case "fstr":
        out = [KIND.fstr, expr.parts.map((p) => (typeof p === "string" ? p : ref(p)))];
        break;
      case "num":
        if (!Number.isFinite(expr.value)) throw new Unsupported();
        out = [KIND.num, expr.value];
        break;
      case "const":
        out = [KIND.const, expr.value];
        break;
      case "binop":
        out = [KIND.binop, expr.op, ref(expr.left), ref(expr.right)];
        break;
      case "dict":
        out = [
          KIND.dict,
          expr.entries.flatMap((e) => [e.key === undefined ? -1 : ref(e.key), ref(e.value)]),
        ];
        break;
      case "iter":
        out = [KIND.iter, ref(expr.of)];
        break;
      case "hint":
        out = [KIND.hint, ref(expr.type)];
        break;
      case "other":
        out = [KIND.other];
        break;
      default:
        throw new Unsupported();
    }
    text(out, expr);
    const i = exprs.length;
    exprs.push(out);
    index.set(expr, i);
    return i;
  };

  const arg = (a: PyArg): unknown[] => {
    if (a.name !== undefined && a.splat === undefined && a.position === undefined) {
      return [0, a.name, ref(a.value)];
    }
    if (a.splat === "dict" && a.name === undefined && a.position === undefined) return [1, ref(a.value)];
    if (a.splat === "list" && a.name === undefined && a.position !== undefined) {
      return [2, a.position, ref(a.value)];
    }
    if (a.splat === undefined && a.name === undefined && a.position !== undefined) {
      return [3, a.position, ref(a.value)];
    }
    throw new Unsupported();
  };

  const value = (v: BindingValue): unknown[] => {
    switch (v.k) {
      case "expr":
        return [0, ref(v.expr)];
      case "import":
        return [1, v.module];
      case "from":
        return [2, v.module, v.level, v.name];
      case "star":
        return [3, v.module, v.level];
      case "param":
        return [
          4,
          v.index,
          v.annotation === undefined ? 0 : v.annotation,
          v.annotationExpr === undefined ? -1 : ref(v.annotationExpr),
          v.defaultValue === undefined ? -1 : ref(v.defaultValue),
        ];
      case "def":
        return [5, v.kind, v.scope];
      case "unknown":
        return [6, v.text];
      default:
        throw new Unsupported();
    }
  };

  try {
    const scopes = facts.scopes.map((scope) => {
      const out: Record<string, unknown> = { ...scope };
      out.bindings = scope.bindings.map((b) => [b.name, b.at, value(b.value)]);
      if (scope.returns) out.returns = scope.returns.map(ref);
      if (scope.bases) out.bases = scope.bases.map(ref);
      if (scope.attributes) {
        out.attributes = scope.attributes.map((a) => [a.name, a.scope, a.at, ref(a.value)]);
      }
      return out;
    });
    const calls = facts.calls.map((site) => {
      const l = site.location;
      if (site.id !== site.call.id || l.file !== file || site.bare === false) throw new Unsupported();
      return [
        site.scope,
        site.at,
        ref(site.call),
        ref(site.receiver),
        site.method,
        l.line,
        l.column,
        l.endLine,
        l.endColumn,
        site.bare ? 1 : 0,
      ];
    });
    return { wire: WIRE, modulePath: facts.modulePath, isPackage: facts.isPackage, exprs, scopes, calls };
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/** True for facts in the transfer form. */
export function isPythonWireFacts(facts: unknown): facts is PythonWireFacts {
  return typeof facts === "object" && facts !== null && (facts as { wire?: unknown }).wire === WIRE;
}

/** Rebuilds the facts of file `file` (path as in its `FileFacts`) with text `source` from their transfer form. */
export function decodePythonFacts(wire: PythonWireFacts, source: string, file: string): PythonFileFacts {
  const exprs: PyExpr[] = new Array(wire.exprs.length);
  const textAt = (a: unknown[], p: number): string => {
    const t = a[p];
    return typeof t === "string" ? t : trimText(source.slice(t as number, a[p + 1] as number));
  };
  for (let i = 0; i < wire.exprs.length; i++) {
    // deno-lint-ignore no-explicit-any
    const a = wire.exprs[i] as any[];
    let e: PyExpr;
    switch (a[0]) {
      case KIND.name:
        e = { k: "name", name: a[1], at: a[2], text: textAt(a, 3) };
        break;
      case KIND.attr:
        e = { k: "attr", object: exprs[a[1]], name: a[2], text: textAt(a, 3) };
        break;
      case KIND.call:
        e = { k: "call", id: a[1], callee: exprs[a[2]], args: a[3].map(decodeArg), text: textAt(a, 4) };
        break;
      case KIND.subscript:
        e = { k: "subscript", object: exprs[a[1]], index: exprs[a[2]], text: textAt(a, 3) };
        break;
      case KIND.str:
        e = { k: "str", value: a[1], text: textAt(a, 2) };
        break;
      case KIND.fstr:
        e = {
          k: "fstr",
          parts: a[1].map((p: string | number) => (typeof p === "string" ? p : exprs[p])),
          text: textAt(a, 2),
        };
        break;
      case KIND.num:
        e = { k: "num", value: a[1], text: textAt(a, 2) };
        break;
      case KIND.const:
        e = { k: "const", value: a[1], text: textAt(a, 2) };
        break;
      case KIND.binop:
        e = { k: "binop", op: a[1], left: exprs[a[2]], right: exprs[a[3]], text: textAt(a, 4) };
        break;
      case KIND.dict: {
        const flat: number[] = a[1];
        const entries: { key?: PyExpr; value: PyExpr }[] = [];
        for (let j = 0; j < flat.length; j += 2) {
          entries.push(
            flat[j] < 0 ? { value: exprs[flat[j + 1]] } : { key: exprs[flat[j]], value: exprs[flat[j + 1]] },
          );
        }
        e = { k: "dict", entries, text: textAt(a, 2) };
        break;
      }
      case KIND.iter:
        e = { k: "iter", of: exprs[a[1]], text: textAt(a, 2) };
        break;
      case KIND.hint:
        e = { k: "hint", type: exprs[a[1]], text: textAt(a, 2) };
        break;
      default:
        e = { k: "other", text: textAt(a, 1) };
    }
    exprs[i] = e;
  }

  // deno-lint-ignore no-explicit-any
  function decodeArg(a: any[]): PyArg {
    switch (a[0]) {
      case 0:
        return { name: a[1], value: exprs[a[2]] };
      case 1:
        return { splat: "dict", value: exprs[a[1]] };
      case 2:
        return { splat: "list", position: a[1], value: exprs[a[2]] };
      default:
        return { position: a[1], value: exprs[a[2]] };
    }
  }

  // deno-lint-ignore no-explicit-any
  const decodeValue = (v: any[]): BindingValue => {
    switch (v[0]) {
      case 0:
        return { k: "expr", expr: exprs[v[1]] };
      case 1:
        return { k: "import", module: v[1] };
      case 2:
        return { k: "from", module: v[1], level: v[2], name: v[3] };
      case 3:
        return { k: "star", module: v[1], level: v[2] };
      case 4: {
        const out: BindingValue = { k: "param", index: v[1] };
        if (v[2] !== 0) out.annotation = v[2];
        if (v[3] >= 0) out.annotationExpr = exprs[v[3]];
        if (v[4] >= 0) out.defaultValue = exprs[v[4]];
        return out;
      }
      case 5:
        return { k: "def", kind: v[1], scope: v[2] };
      default:
        return { k: "unknown", text: v[1] };
    }
  };

  const scopes = wire.scopes.map((encoded) => {
    // Same keys in the same order: replacing a key's value keeps its place.
    const scope = { ...encoded } as unknown as Scope;
    // deno-lint-ignore no-explicit-any
    scope.bindings = (encoded.bindings as any[][]).map((b): Binding => ({
      name: b[0],
      at: b[1],
      value: decodeValue(b[2]),
    }));
    if (encoded.returns) scope.returns = (encoded.returns as number[]).map((r) => exprs[r]);
    if (encoded.bases) scope.bases = (encoded.bases as number[]).map((r) => exprs[r]);
    if (encoded.attributes) {
      // deno-lint-ignore no-explicit-any
      scope.attributes = (encoded.attributes as any[][]).map((a) => ({
        name: a[0],
        scope: a[1],
        at: a[2],
        value: exprs[a[3]],
      }));
    }
    return scope;
  });

  // deno-lint-ignore no-explicit-any
  const calls = wire.calls.map((c: any[]): CallSite => {
    const call = exprs[c[2]] as Extract<PyExpr, { k: "call" }>;
    const site: CallSite = {
      id: call.id,
      scope: c[0],
      at: c[1],
      call,
      receiver: exprs[c[3]],
      method: c[4],
      location: { file, line: c[5], column: c[6], endLine: c[7], endColumn: c[8] },
    };
    if (c[9] === 1) site.bare = true;
    return site;
  });
  return { modulePath: wire.modulePath, isPackage: wire.isPackage, scopes, calls };
}
