/**
 * The phase-2 scope and type tracker for Python: looks names up with Python's scoping rules, follows imports
 * between the project's modules, and evaluates expressions to {@linkcode PyValue}s, asking the patterns first.
 *
 * Scoping, in short:
 * - in the scope that binds a name, the last binding *before* the use wins (flow order); a use with no earlier
 *   binding in that scope (a loop) takes the last one;
 * - names a function does not bind come from enclosing functions, then the module, taking their *last*
 *   binding (functions run after the module has finished loading); class bodies are skipped;
 * - `global` sends bindings to the module; `from m import *` is searched when nothing binds the name.
 *
 * @module
 */
import type { KnowledgeBase } from "../../knowledge/knowledge_base.ts";
import type { ArgumentValue, CallArgument } from "../../types.ts";
import type { Binding, PyArg, PyExpr, PythonFileFacts } from "./facts.ts";
import type { PatternContext, PythonPattern } from "./pattern.ts";
import { joinStringParts, type PyValue, UNKNOWN } from "./values.ts";

/** A file taking part in linking. */
export interface LinkedFile {
  index: number;
  path: string;
  facts: PythonFileFacts;
}

/** Recursion limit for evaluation: deep enough for real code, small enough to stop pathological chains. */
const MAX_DEPTH = 64;

/**
 * Evaluates Python expressions across the files of one project.
 *
 * @example
 * ```ts ignore
 * const tracker = new PythonTracker(files, patterns, kb);
 * tracker.evaluate(0, site.receiver, site.scope); // { t: "client", services: ["s3"] }
 * ```
 */
export class PythonTracker {
  readonly #files: LinkedFile[];
  readonly #patterns: readonly PythonPattern[];
  readonly #kb: KnowledgeBase;
  /** Path without `.py` (and without `/__init__`) → file index. */
  readonly #modules = new Map<string, { file: number; isPackage: boolean }>();
  readonly #dirs = new Set<string>();
  readonly #bindingValues = new Map<Binding, PyValue | "pending">();
  readonly #callValues = new Map<string, PyValue | "pending">();
  readonly #contexts = new Map<number, PatternContext>();
  readonly #state = new Map<string, unknown>();
  #depth = 0;

  constructor(files: LinkedFile[], patterns: readonly PythonPattern[], kb: KnowledgeBase) {
    this.#files = files;
    this.#patterns = patterns;
    this.#kb = kb;
    for (const file of files) {
      const path = normalize(file.path);
      const init = /(^|\/)__init__\.pyi?$/.test(path);
      const key = path.replace(/\.pyi?$/, "").replace(/(^|\/)__init__$/, "");
      // A module file wins over a package of the same name only if seen first; Python prefers packages.
      if (!this.#modules.has(key) || init) this.#modules.set(key, { file: file.index, isPackage: init });
      let dir = dirOf(path);
      while (dir !== "" && !this.#dirs.has(dir)) {
        this.#dirs.add(dir);
        dir = dirOf(dir);
      }
    }
  }

  /** The files being linked, in input order. */
  get files(): readonly LinkedFile[] {
    return this.#files;
  }

  /** The pattern context of a file (created once). */
  context(fileIndex: number): PatternContext {
    let ctx = this.#contexts.get(fileIndex);
    if (!ctx) {
      ctx = {
        kb: this.#kb,
        file: this.#files[fileIndex].path,
        fileIndex,
        evaluate: (expr, scope) => this.evaluate(fileIndex, expr, scope),
        callArguments: (args, scope, drop) => this.callArguments(fileIndex, args, scope, drop),
        state: (id, init) => this.state(id, init),
      };
      this.#contexts.set(fileIndex, ctx);
    }
    return ctx;
  }

  /** Per-run scratch space of a pattern. */
  state<T>(patternId: string, init: () => T): T {
    if (!this.#state.has(patternId)) this.#state.set(patternId, init());
    return this.#state.get(patternId) as T;
  }

  /** Evaluates `expr` of file `fileIndex` in `scope`. */
  evaluate(fileIndex: number, expr: PyExpr, scope: number): PyValue {
    if (this.#depth > MAX_DEPTH) return UNKNOWN;
    this.#depth++;
    try {
      return this.#evaluate(fileIndex, expr, scope);
    } finally {
      this.#depth--;
    }
  }

  #evaluate(fileIndex: number, expr: PyExpr, scope: number): PyValue {
    switch (expr.k) {
      case "call": {
        const key = `${fileIndex}:${expr.id}`;
        const cached = this.#callValues.get(key);
        if (cached === "pending") return UNKNOWN;
        if (cached) return cached;
        this.#callValues.set(key, "pending");
        const value = this.#byPatterns(fileIndex, expr, scope) ?? UNKNOWN;
        this.#callValues.set(key, value);
        return value;
      }
      case "attr": {
        const byPattern = this.#byPatterns(fileIndex, expr, scope);
        if (byPattern) return byPattern;
        const object = this.evaluate(fileIndex, expr.object, scope);
        if (object.t === "external") return { t: "external", name: `${object.name}.${expr.name}` };
        if (object.t === "module") return this.moduleMember(object, expr.name);
        return UNKNOWN;
      }
      case "subscript":
        return this.#byPatterns(fileIndex, expr, scope) ?? UNKNOWN;
      case "name":
        return this.lookup(fileIndex, scope, expr.name, expr.at, true);
      case "str":
        return { t: "string", value: expr.value };
      case "num":
        return { t: "number", value: expr.value };
      case "const":
        return { t: "const", value: expr.value };
      case "fstr":
        return joinStringParts(
          expr.parts.map((p) =>
            typeof p === "string" ? { t: "string", value: p } : this.evaluate(fileIndex, p, scope)
          ),
        );
      case "binop": {
        if (expr.op !== "+") return UNKNOWN;
        const left = this.evaluate(fileIndex, expr.left, scope);
        const right = this.evaluate(fileIndex, expr.right, scope);
        const stringy = (v: PyValue): boolean => v.t === "string" || v.t === "pattern";
        if (left.t === "number" && right.t === "number") {
          return { t: "number", value: left.value + right.value };
        }
        return stringy(left) || stringy(right) ? joinStringParts([left, right]) : UNKNOWN;
      }
      case "other":
        return UNKNOWN;
    }
  }

  #byPatterns(fileIndex: number, expr: PyExpr, scope: number): PyValue | undefined {
    const ctx = this.context(fileIndex);
    for (const pattern of this.#patterns) {
      const value = pattern.evaluate?.(expr, scope, ctx);
      if (value) return value;
    }
    return undefined;
  }

  /** The value `name` has when read at offset `at` of `scope` (see the module doc for the rules). */
  lookup(fileIndex: number, scopeId: number, name: string, at: number, flow: boolean): PyValue {
    const scopes = this.#files[fileIndex].facts.scopes;
    let scope: (typeof scopes)[number] | undefined = scopes[scopeId];
    let first = true;
    while (scope) {
      const skip = !first && scope.kind === "class";
      if (!skip) {
        if (scope.globals.includes(name) && scope.id !== 0) {
          return this.lookup(fileIndex, 0, name, Number.MAX_SAFE_INTEGER, false);
        }
        const binding = pickBinding(scope.bindings, name, at, flow);
        if (binding) return this.bindingValue(fileIndex, scope.id, binding);
        for (const star of scope.bindings) {
          if (star.value.k !== "star") continue;
          const module = this.resolveModule(fileIndex, star.value.module, star.value.level);
          if (module.t === "module" && module.file !== undefined) {
            const found = this.#memberBinding(module.file, name);
            if (found) return found;
          } else if (module.t === "external") {
            // `from boto3 import *` makes `client`, `Session`, ... available.
            return { t: "external", name: `${module.name}.${name}` };
          }
        }
      }
      // Leaving a function: its enclosing scopes have finished binding by the time it runs.
      if (scope.kind === "function") flow = false;
      first = false;
      scope = scope.parent === undefined ? undefined : scopes[scope.parent];
    }
    return UNKNOWN;
  }

  /** The value of one binding, evaluated once. */
  bindingValue(fileIndex: number, scope: number, binding: Binding): PyValue {
    const cached = this.#bindingValues.get(binding);
    if (cached === "pending") return UNKNOWN; // a cycle such as `a = b; b = a`
    if (cached) return cached;
    this.#bindingValues.set(binding, "pending");
    let value: PyValue = UNKNOWN;
    try {
      value = this.#bindingValue(fileIndex, scope, binding);
    } finally {
      this.#bindingValues.set(binding, value);
    }
    return value;
  }

  #bindingValue(fileIndex: number, scope: number, binding: Binding): PyValue {
    const v = binding.value;
    switch (v.k) {
      case "expr":
        return this.evaluate(fileIndex, v.expr, scope);
      case "import":
        return this.resolveModule(fileIndex, v.module, 0);
      case "from": {
        const module = this.resolveModule(fileIndex, v.module, v.level);
        return this.moduleMember(module, v.name);
      }
      case "param":
        // A default value is the best guess without call-site inference (a later pattern's job).
        return v.defaultValue
          ? this.evaluate(fileIndex, v.defaultValue, scopeParent(this, fileIndex, scope))
          : UNKNOWN;
      case "def":
        return { t: v.kind, file: fileIndex, scope: v.scope };
      case "star":
      case "unknown":
        return UNKNOWN;
    }
  }

  /** Attribute `name` of a module value: its last module-level binding, else a submodule. */
  moduleMember(module: PyValue, name: string): PyValue {
    if (module.t === "external") return { t: "external", name: `${module.name}.${name}` };
    if (module.t !== "module") return UNKNOWN;
    if (module.file !== undefined) {
      const found = this.#memberBinding(module.file, name);
      if (found) return found;
    }
    if (module.dir !== undefined) return this.#resolvePath(joinPath(module.dir, name)) ?? UNKNOWN;
    return UNKNOWN;
  }

  #memberBinding(fileIndex: number, name: string): PyValue | undefined {
    const module = this.#files[fileIndex].facts.scopes[0];
    const binding = pickBinding(module.bindings, name, Number.MAX_SAFE_INTEGER, false);
    return binding ? this.bindingValue(fileIndex, 0, binding) : undefined;
  }

  /**
   * A module imported from `fileIndex`: relative imports from the file's package; absolute imports from the
   * file's directory, then each parent directory (Lambda handlers import siblings; `src/` layouts import from
   * the root); anything else is external.
   */
  resolveModule(fileIndex: number, dotted: string, level: number): PyValue {
    const relative = dotted.split(".").filter((p) => p !== "").join("/");
    const here = dirOf(normalize(this.#files[fileIndex].path));
    if (level > 0) {
      let base = here;
      for (let i = 1; i < level; i++) base = dirOf(base);
      return this.#resolvePath(relative ? joinPath(base, relative) : base) ?? UNKNOWN;
    }
    for (let dir = here;; dir = dirOf(dir)) {
      const found = this.#resolvePath(joinPath(dir, relative));
      if (found) return found;
      if (dir === "" || dir === "/") break;
    }
    return { t: "external", name: dotted };
  }

  #resolvePath(path: string): PyValue | undefined {
    const module = this.#modules.get(path);
    if (module) {
      return module.isPackage
        ? { t: "module", file: module.file, dir: path }
        : { t: "module", file: module.file };
    }
    return this.#dirs.has(path) ? { t: "module", dir: path } : undefined;
  }

  /** Converts call arguments to {@linkcode CallArgument}s, leaving out keyword names in `drop`. */
  callArguments(
    fileIndex: number,
    args: readonly PyArg[],
    scope: number,
    drop: readonly string[] = [],
  ): CallArgument[] {
    const out: CallArgument[] = [];
    for (const arg of args) {
      if (arg.name !== undefined && drop.includes(arg.name)) continue;
      const value = arg.splat
        ? { kind: "unresolved" as const, expression: arg.value.text }
        : argumentValue(this.evaluate(fileIndex, arg.value, scope), arg.value.text);
      const item: CallArgument = { value };
      if (arg.name !== undefined) item.name = arg.name;
      if (arg.position !== undefined) item.position = arg.position;
      if (arg.splat) item.splat = true;
      out.push(item);
    }
    return out;
  }
}

/**
 * The {@linkcode ArgumentValue} of an evaluated argument: literals, patterns and environment variables are
 * kept; anything else is unresolved with its source text.
 *
 * @example
 * ```ts
 * import { argumentValue } from "./tracker.ts";
 * argumentValue({ t: "string", value: "orders" }, "TABLE"); // { kind: "literal", value: "orders" }
 * argumentValue({ t: "client", services: ["s3"] }, "s3"); // { kind: "unresolved", expression: "s3" }
 * ```
 */
export function argumentValue(value: PyValue, text: string): ArgumentValue {
  switch (value.t) {
    case "string":
    case "number":
    case "const":
      return { kind: "literal", value: value.value };
    case "pattern":
      return value.value === "*"
        ? { kind: "unresolved", expression: text }
        : { kind: "pattern", value: value.value };
    case "env":
      return { kind: "env", name: value.name };
    default:
      return { kind: "unresolved", expression: text };
  }
}

function pickBinding(
  bindings: readonly Binding[],
  name: string,
  at: number,
  flow: boolean,
): Binding | undefined {
  let before: Binding | undefined;
  let last: Binding | undefined;
  for (const b of bindings) {
    if (b.name !== name || b.value.k === "star") continue;
    if (!last || b.at >= last.at) last = b;
    if (flow && b.at <= at && (!before || b.at >= before.at)) before = b;
  }
  return before ?? last;
}

function scopeParent(tracker: PythonTracker, fileIndex: number, scope: number): number {
  return tracker.files[fileIndex].facts.scopes[scope].parent ?? 0;
}

function normalize(path: string): string {
  return path.replace(/\\/g, "/").replace(/^\.\//, "");
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : slash === 0 ? "/" : path.slice(0, slash);
}

function joinPath(dir: string, name: string): string {
  if (name === "") return dir;
  if (dir === "") return name;
  return dir.endsWith("/") ? `${dir}${name}` : `${dir}/${name}`;
}
