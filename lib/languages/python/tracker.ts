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
import type { Binding, CallSite, PyArg, PyExpr, PythonFileFacts, Scope } from "./facts.ts";
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
  /** Callee name → call sites of every file with that name (for parameter inference); built on first use. */
  #callsByName?: Map<string, { file: number; site: CallSite }[]>;
  readonly #paramValues = new Map<string, PyValue | "pending">();
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
        expandDict: (expr, scope) => this.expandDict(fileIndex, expr, scope),
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
        let value = UNKNOWN;
        try {
          value = this.#byPatterns(fileIndex, expr, scope) ?? this.#callOfProject(fileIndex, expr, scope);
        } finally {
          this.#callValues.set(key, value);
        }
        return value;
      }
      case "attr": {
        const byPattern = this.#byPatterns(fileIndex, expr, scope);
        if (byPattern) return byPattern;
        const object = this.evaluate(fileIndex, expr.object, scope);
        if (object.t === "external") return { t: "external", name: `${object.name}.${expr.name}` };
        if (object.t === "module") return this.moduleMember(object, expr.name);
        if (object.t === "instance" || object.t === "class") {
          return this.classMember(object.file, object.scope, expr.name, object.t === "instance");
        }
        return UNKNOWN;
      }
      case "dict":
        return { t: "dict", file: fileIndex, scope, expr, open: false };
      case "iter":
      case "hint":
        return this.#byPatterns(fileIndex, expr, scope) ?? UNKNOWN;
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
        if (expr.op === "or") return this.#orValue(fileIndex, expr.left, expr.right, scope);
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

  /**
   * `a or b`: either operand, for objects (`table or invoices_table()`, `sqs or boto3.client("sqs")`,
   * `repo or Repository()`): both merge, an object side winning over an unknown or falsy one (an unset
   * `None` default). Strings, numbers and the like stay unknown, as before: `name or "default"` must not
   * narrow an argument to the default.
   */
  #orValue(fileIndex: number, left: PyExpr, right: PyExpr, scope: number): PyValue {
    const plain = new Set(["unknown", "string", "pattern", "number", "const", "env", "dict"]);
    const l = this.evaluate(fileIndex, left, scope);
    const r = this.evaluate(fileIndex, right, scope);
    const lObject = !plain.has(l.t);
    const rObject = !plain.has(r.t);
    if (lObject && rObject) return mergeValues(l, r);
    return lObject ? l : rObject ? r : UNKNOWN;
  }

  /**
   * The value of calling one of the project's own callables: a class gives an instance; a function gives what
   * its `return` statements give (factories: `def make_s3(): return boto3.client("s3")`).
   */
  #callOfProject(fileIndex: number, expr: Extract<PyExpr, { k: "call" }>, scope: number): PyValue {
    const callee = this.evaluate(fileIndex, expr.callee, scope);
    if (expr.callee.k === "name" && expr.callee.name === "dict" && callee.t === "unknown") {
      // `dict(Bucket=b, Key=k)` is a dict display by another name.
      const entries = expr.args.map((a) =>
        a.splat === "dict" || a.name === undefined
          ? { value: a.value }
          : { key: { k: "str" as const, value: a.name, text: a.name }, value: a.value }
      );
      return {
        t: "dict",
        file: fileIndex,
        scope,
        expr: { k: "dict", entries, text: expr.text },
        open: false,
      };
    }
    if (callee.t === "class") return { t: "instance", file: callee.file, scope: callee.scope };
    if (callee.t !== "function") return UNKNOWN;
    const fn = this.#files[callee.file].facts.scopes[callee.scope];
    let value: PyValue = UNKNOWN;
    for (const returned of fn.returns ?? []) {
      value = mergeValues(value, this.evaluate(callee.file, returned, callee.scope));
    }
    return value;
  }

  /**
   * Attribute `name` of a class (or of its instances): the class body's last binding (methods, class-level
   * clients), else for instances a `self.name = ...` assignment (preferring `__init__`), else the bases'.
   */
  classMember(fileIndex: number, classScope: number, name: string, instance: boolean, seen = 0): PyValue {
    if (seen > 8) return UNKNOWN; // deep or cyclic inheritance
    const cls = this.#files[fileIndex].facts.scopes[classScope];
    const binding = pickBinding(cls.bindings, name, Number.MAX_SAFE_INTEGER, false);
    if (binding) return this.bindingValue(fileIndex, classScope, binding);
    if (instance) {
      const assigned = (cls.attributes ?? []).filter((a) => a.name === name);
      const scopes = this.#files[fileIndex].facts.scopes;
      assigned.sort((a, b) =>
        Number(scopes[b.scope].name === "__init__") - Number(scopes[a.scope].name === "__init__")
      );
      let value: PyValue = UNKNOWN;
      for (const a of assigned) {
        value = mergeValues(value, this.evaluate(fileIndex, a.value, a.scope));
        if (value.t !== "unknown" && value.t !== "client") break;
      }
      if (value.t !== "unknown") return value;
    }
    for (const base of cls.bases ?? []) {
      const b = this.evaluate(fileIndex, base, cls.parent ?? 0);
      if (b.t === "class") {
        const found = this.classMember(b.file, b.scope, name, instance, seen + 1);
        if (found.t !== "unknown") return found;
      }
    }
    return UNKNOWN;
  }

  /**
   * What a parameter holds: the type hint's value (`s3: S3Client`), else for the first parameter of a method
   * the instance, else the union of what the call sites of the function pass (and the default value).
   */
  #paramValue(fileIndex: number, scopeId: number, binding: Binding): PyValue {
    const v = binding.value;
    if (v.k !== "param") return UNKNOWN;
    const scopes = this.#files[fileIndex].facts.scopes;
    const fn = scopes[scopeId];
    const outer = fn.parent ?? 0;
    if (v.annotationExpr) {
      const hinted = this.evaluate(
        fileIndex,
        { k: "hint", type: v.annotationExpr, text: v.annotation ?? "" },
        outer,
      );
      if (hinted.t !== "unknown") return hinted;
    }
    const inClass = scopes[outer]?.kind === "class";
    if (inClass && v.index === 0 && fn.name !== "<lambda>") {
      return { t: "instance", file: fileIndex, scope: outer };
    }
    const key = `${fileIndex}:${scopeId}:${binding.name}`;
    const cached = this.#paramValues.get(key);
    if (cached === "pending") return UNKNOWN;
    if (cached) return cached;
    this.#paramValues.set(key, "pending");
    let value: PyValue = UNKNOWN;
    try {
      for (const passed of this.#argumentsPassed(fileIndex, fn, binding.name, v.index - (inClass ? 1 : 0))) {
        value = mergeValues(value, passed);
      }
      if (v.defaultValue) value = mergeValues(value, this.evaluate(fileIndex, v.defaultValue, outer));
    } finally {
      this.#paramValues.set(key, value);
    }
    return value;
  }

  /** Values passed for parameter `name` (position `index`, self excluded) at every call site of `fn`. */
  *#argumentsPassed(fileIndex: number, fn: Scope, name: string, index: number): Generator<PyValue> {
    if (index < 0) return;
    const scopes = this.#files[fileIndex].facts.scopes;
    const outer = scopes[fn.parent ?? 0];
    // Instances are made by calling the class: `Repo(table)` passes `table` to `Repo.__init__`.
    const viaClass = fn.name === "__init__" && outer.kind === "class";
    // Instantiating a subclass without its own `__init__` runs this one: those classes count too.
    const classes = viaClass
      ? [{ file: fileIndex, scope: outer }, ...this.#subclassesUsing(fileIndex, outer, fn)]
      : [];
    const calledNames = viaClass ? [...new Set(classes.map((c) => c.scope.name))] : [fn.name];
    const calls = calledNames.flatMap((n) => this.#callsNamed(n))
      .map(({ file, site }) => ({ file, scope: site.scope, call: site.call }));
    calls.push(...this.#forwardedCalls(calledNames));
    for (const { file, scope, call } of calls) {
      const callee = this.evaluate(file, call.callee, scope);
      const matches = viaClass
        ? callee.t === "class" && classes.some((c) => c.file === callee.file && c.scope.id === callee.scope)
        : callee.t === "function" && callee.file === fileIndex && callee.scope === fn.id;
      if (!matches) continue;
      const arg = call.args.find((a) => !a.splat && (a.name === name || a.position === index));
      if (arg) yield this.evaluate(file, arg.value, scope);
    }
    if (!viaClass) return;
    // `super().__init__("cloudwatch")` in a subclass's method passes arguments to this `__init__` too.
    for (const { file, site } of this.#callsNamed("__init__")) {
      const callee = site.call.callee;
      if (callee.k !== "attr" || callee.object.k !== "call") continue;
      const inner = callee.object.callee;
      if (inner.k !== "name" || inner.name !== "super") continue;
      const scopes = this.#files[file].facts.scopes;
      const cls = scopes[scopes[site.scope].parent ?? 0];
      if (cls?.kind !== "class" || !this.#inherits(file, cls, fileIndex, outer.id, 0)) continue;
      const arg = site.call.args.find((a) => !a.splat && (a.name === name || a.position === index));
      if (arg) yield this.evaluate(file, arg.value, site.scope);
    }
  }

  /**
   * Calls that patterns' `forwards` hooks see made on the caller's behalf (`providers.Factory(Repo, t=x)`
   * makes `Repo(t=x)`), of a callable written with one of `names` (its last dotted part).
   */
  #forwardedCalls(
    names: readonly string[],
  ): { file: number; scope: number; call: Extract<PyExpr, { k: "call" }> }[] {
    const out: { file: number; scope: number; call: Extract<PyExpr, { k: "call" }> }[] = [];
    for (const pattern of this.#patterns) {
      if (!pattern.forwards) continue;
      for (const method of pattern.forwards.methods) {
        for (const { file, site } of this.#callsNamed(method)) {
          // A cheap syntactic filter before the pattern evaluates anything.
          const first = site.call.args.find((a) => !a.splat && a.position === 0)?.value;
          const written = first?.k === "name" ? first.name : first?.k === "attr" ? first.name : undefined;
          if (written === undefined || !names.includes(written)) continue;
          const call = pattern.forwards.call(site, this.context(file));
          if (call) out.push({ file, scope: site.scope, call });
        }
      }
    }
    return out;
  }

  /** Classes of the project that inherit `base` and whose `__init__` is `init` (they define none of their own). */
  #subclassesUsing(baseFile: number, base: Scope, init: Scope): { file: number; scope: Scope }[] {
    const out: { file: number; scope: Scope }[] = [];
    for (const file of this.#files) {
      for (const scope of file.facts.scopes) {
        if (scope.kind !== "class" || !scope.bases?.length) continue;
        if (file.index === baseFile && scope.id === base.id) continue;
        if (!this.#inherits(file.index, scope, baseFile, base.id, 0)) continue;
        const own = this.classMember(file.index, scope.id, "__init__", false);
        if (own.t === "function" && own.file === baseFile && own.scope === init.id) {
          out.push({ file: file.index, scope });
        }
      }
    }
    return out;
  }

  /** True when class scope `cls` of `file` has class `baseScope` of `baseFile` among its (transitive) bases. */
  #inherits(file: number, cls: Scope, baseFile: number, baseScope: number, depth: number): boolean {
    if (depth > 8) return false;
    for (const base of cls.bases ?? []) {
      const b = this.evaluate(file, base, cls.parent ?? 0);
      if (b.t !== "class") continue;
      if (b.file === baseFile && b.scope === baseScope) return true;
      if (this.#inherits(b.file, this.#files[b.file].facts.scopes[b.scope], baseFile, baseScope, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The arguments a `**splat` stands for, when it is a dict display (directly or through names) with literal
   * keys; undefined when it cannot be known. A dict mutated in place (`params["K"] = v`) keeps a splat too.
   */
  expandDict(
    fileIndex: number,
    expr: PyExpr,
    scope: number,
    drop: readonly string[] = [],
  ): CallArgument[] | undefined {
    return this.#expandDict(fileIndex, expr, scope, drop, 0);
  }

  #expandDict(
    fileIndex: number,
    expr: PyExpr,
    scope: number,
    drop: readonly string[],
    depth: number,
  ): CallArgument[] | undefined {
    if (depth > 4) return undefined;
    const value = this.evaluate(fileIndex, expr, scope);
    if (value.t !== "dict" || value.expr.k !== "dict") return undefined;
    const out: CallArgument[] = [];
    for (const entry of value.expr.entries) {
      if (!entry.key) {
        const inner = this.#expandDict(value.file, entry.value, value.scope, drop, depth + 1);
        if (!inner) return undefined;
        out.push(...inner);
        continue;
      }
      const key = this.evaluate(value.file, entry.key, value.scope);
      if (key.t !== "string") return undefined;
      if (drop.includes(key.value)) continue;
      out.push({
        name: key.value,
        value: argumentValue(this.evaluate(value.file, entry.value, value.scope), entry.value.text),
      });
    }
    if (expr.k === "name" && this.#mutated(fileIndex, scope, expr.name)) {
      out.push({ value: { kind: "unresolved", expression: `**${expr.text}` }, splat: true });
    }
    return out;
  }

  #mutated(fileIndex: number, scopeId: number, name: string): boolean {
    const scopes = this.#files[fileIndex].facts.scopes;
    for (
      let s: Scope | undefined = scopes[scopeId];
      s;
      s = s.parent === undefined ? undefined : scopes[s.parent]
    ) {
      if (s.mutated?.includes(name)) return true;
    }
    return false;
  }

  #callsNamed(name: string): { file: number; site: CallSite }[] {
    if (!this.#callsByName) {
      this.#callsByName = new Map();
      for (const file of this.#files) {
        for (const site of file.facts.calls) {
          const list = this.#callsByName.get(site.method) ?? [];
          list.push({ file: file.index, site });
          this.#callsByName.set(site.method, list);
        }
      }
    }
    return this.#callsByName.get(name) ?? [];
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
        for (const star of starBindings(scope.bindings)) {
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
        return this.#paramValue(fileIndex, scope, binding);
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
      // A `**splat` stays as written (upstream parity: extract-sdk-calls reports arguments as in the source);
      // patterns that need its keys (service names, resource identifiers, presigned Params) call expandDict.
      const value = arg.splat
        ? {
          kind: "unresolved" as const,
          expression: arg.splat === "dict" ? `**${arg.value.text}` : arg.value.text,
        }
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
 * Merges what two code paths may give: clients union their services; otherwise the first known value wins.
 *
 * @example
 * ```ts
 * import { mergeValues } from "./tracker.ts";
 * mergeValues({ t: "client", services: ["s3"] }, { t: "client", services: ["sqs"] }); // client of s3 and sqs
 * ```
 */
export function mergeValues(a: PyValue, b: PyValue): PyValue {
  if (a.t === "unknown") return b;
  if (b.t === "unknown") return a;
  if (a.t === "client" && b.t === "client") {
    return { t: "client", services: [...new Set([...a.services, ...b.services])] };
  }
  if (a.t === "string" && b.t === "string") {
    const all = [...new Set([a.value, ...(a.alternatives ?? []), b.value, ...(b.alternatives ?? [])])];
    return all.length === 1 ? a : { t: "string", value: all[0], alternatives: all.slice(1) };
  }
  return a;
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
      return value.alternatives?.length
        ? { kind: "unresolved", expression: text }
        : { kind: "literal", value: value.value };
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

/** A scope's bindings by name (stars left out), built on first lookup: scopes are never changed in phase 2. */
const bindingsByName = new WeakMap<readonly Binding[], Map<string, Binding[]>>();

function namedBindings(bindings: readonly Binding[], name: string): readonly Binding[] | undefined {
  let index = bindingsByName.get(bindings);
  if (!index) {
    index = new Map();
    for (const b of bindings) {
      if (b.value.k === "star") continue;
      const list = index.get(b.name);
      if (list) list.push(b);
      else index.set(b.name, [b]);
    }
    bindingsByName.set(bindings, index);
  }
  return index.get(name);
}

const starsOf = new WeakMap<readonly Binding[], readonly Binding[]>();

/** The `from m import *` bindings of a scope, in order (computed once per scope). */
function starBindings(bindings: readonly Binding[]): readonly Binding[] {
  let stars = starsOf.get(bindings);
  if (!stars) {
    stars = bindings.filter((b) => b.value.k === "star");
    starsOf.set(bindings, stars);
  }
  return stars;
}

function pickBinding(
  bindings: readonly Binding[],
  name: string,
  at: number,
  flow: boolean,
): Binding | undefined {
  const named = bindings.length > 8 ? namedBindings(bindings, name) : bindings;
  if (!named) return undefined;
  let before: Binding | undefined;
  let last: Binding | undefined;
  for (const b of named) {
    if (b.name !== name || b.value.k === "star") continue;
    if (!last || b.at >= last.at) last = b;
    if (flow && b.at <= at && (!before || b.at >= before.at)) before = b;
  }
  return before ?? last;
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
