/**
 * The phase-2 scope and type tracker for TypeScript / JavaScript: looks names up through scopes, follows
 * imports, `require` and re-exports between the project's modules, and evaluates expressions to
 * {@linkcode JsValue}s, asking the patterns first.
 *
 * In short:
 * - in the scope that binds a name, the last binding *before* the use wins; a use with no earlier binding
 *   takes the last one (hoisting, loops); enclosing scopes give their last binding (functions run later);
 * - class members come from field initialisers, `this.x = ...` in any method, parameter properties
 *   (`constructor(private s3: S3Client)`), declared field types and superclasses;
 * - a parameter is its declared type's instance; without a type, the values passed at the project's call
 *   sites of that function (through imports, methods and constructors); then its default value;
 * - a call of a project function is its first informative `return` value;
 * - bare specifiers that name a directory of the analysed tree (`@acme/shared` → `packages/shared/src/index.ts`)
 *   resolve to that directory, so monorepo packages link like relative imports.
 *
 * @module
 */
import type { KnowledgeBase } from "../../knowledge/knowledge_base.ts";
import type { ArgumentValue, CallArgument } from "../../types.ts";
import type { LinkedFile as SharedLinkedFile } from "../shared/run_patterns.ts";
import type { Binding, JsArg, JsExpr, TsFileFacts } from "./facts.ts";
import type { ParamCallers, PatternContext, TsPattern } from "./pattern.ts";
import { servicesOfPackage } from "./sdk_modules.ts";
import {
  addValues,
  argumentValue as scalarArgumentValue,
  joinStringParts,
} from "../shared/argument_values.ts";
import { type JsValue, UNKNOWN } from "./values.ts";

/** A file taking part in linking (the shared shape, with this language's facts). */
export type LinkedFile = SharedLinkedFile<TsFileFacts>;

/** Recursion limit for evaluation: deep enough for real code, small enough to stop pathological chains. */
const MAX_DEPTH = 80;

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
const GLOBALS = new Set(["process", "globalThis"]);
/**
 * The global paths a pattern reads (`process.env.X`, also through `globalThis`). Any other member of a global
 * (`globalThis.__doc`, a per-process cache written with `??=`) says nothing about its value, so it stays unknown
 * rather than hiding the informative branch of `globalThis.__doc ??= DynamoDBDocument.from(...)`.
 */
const GLOBAL_PATHS = ["process.env", "globalThis.process.env"];

type ModuleTarget = { file: number } | { package: string };

/**
 * Evaluates JS/TS expressions across the files of one project.
 *
 * @example
 * ```ts ignore
 * const tracker = new TsTracker(files, patterns, kb);
 * tracker.evaluate(0, site.expr.callee, site.scope); // { t: "symbol", module: "@aws-sdk/client-s3", ... }
 * ```
 */
export class TsTracker {
  readonly #files: LinkedFile[];
  readonly #patterns: readonly TsPattern[];
  readonly #kb: KnowledgeBase;
  readonly #byPath = new Map<string, number>();
  #bindingValues = new Map<Binding, JsValue | "pending">();
  #callValues = new Map<string, JsValue | "pending">();
  readonly #contexts = new Map<number, PatternContext>();
  /** `file:scope` of a function → the arguments passed at its call sites (built once, lazily). */
  #callers: Map<string, { file: number; scope: number; args: JsArg[] }[]> | "building" | undefined;
  #depth = 0;

  constructor(files: LinkedFile[], patterns: readonly TsPattern[], kb: KnowledgeBase) {
    this.#files = files;
    this.#patterns = patterns;
    this.#kb = kb;
    for (const file of files) this.#byPath.set(normalize(file.path), file.index);
  }

  /** The pattern context of a file (created once). */
  context(fileIndex: number): PatternContext {
    let ctx = this.#contexts.get(fileIndex);
    if (!ctx) {
      const facts = this.#files[fileIndex].facts;
      let imported: string[] | undefined;
      ctx = {
        kb: this.#kb,
        file: this.#files[fileIndex].path,
        fileIndex,
        evaluate: (expr, scope) => this.evaluate(fileIndex, expr, scope),
        requestArguments: (arg, scope) => this.requestArguments(fileIndex, arg, scope),
        valueArguments: (value, text) => this.valueArguments(value, text),
        member: (value, prop) => this.member(value, prop),
        alternatives: (expr, scope) => this.alternatives(fileIndex, expr, scope),
        importedServices: () =>
          imported ??= [...new Set(facts.imports.flatMap((m) => servicesOfPackage(this.#kb, m)))],
        paramCallers: (expr, scope) => this.paramCallers(fileIndex, expr, scope),
      };
      this.#contexts.set(fileIndex, ctx);
    }
    return ctx;
  }

  /** Evaluates `expr` of file `fileIndex` in `scope`. */
  evaluate(fileIndex: number, expr: JsExpr, scope: number): JsValue {
    if (this.#depth > MAX_DEPTH) return UNKNOWN;
    this.#depth++;
    try {
      return this.#evaluate(fileIndex, expr, scope);
    } finally {
      this.#depth--;
    }
  }

  #byPatterns(fileIndex: number, expr: JsExpr, scope: number): JsValue | undefined {
    const ctx = this.context(fileIndex);
    for (const pattern of this.#patterns) {
      const value = pattern.evaluate?.(expr, scope, ctx);
      if (value) return value;
    }
    return undefined;
  }

  #evaluate(fileIndex: number, expr: JsExpr, scope: number): JsValue {
    switch (expr.k) {
      case "call":
      case "new": {
        const key = `${fileIndex}:${expr.id}`;
        const cached = this.#callValues.get(key);
        if (cached === "pending") return UNKNOWN;
        if (cached) return cached;
        this.#callValues.set(key, "pending");
        const value = this.#byPatterns(fileIndex, expr, scope) ?? this.#callValue(fileIndex, expr, scope);
        this.#callValues.set(key, value);
        return value;
      }
      case "member": {
        const byPattern = this.#byPatterns(fileIndex, expr, scope);
        if (byPattern) return byPattern;
        return this.member(this.evaluate(fileIndex, expr.object, scope), expr.prop);
      }
      case "index": {
        const byPattern = this.#byPatterns(fileIndex, expr, scope);
        if (byPattern) return byPattern;
        // `MAP[key]` with `key` a constant: that member.
        const key = this.evaluate(fileIndex, expr.index, scope);
        if (key.t !== "string" && key.t !== "number") return UNKNOWN;
        return this.member(this.evaluate(fileIndex, expr.object, scope), String(key.value));
      }
      case "name":
        return this.lookup(fileIndex, scope, expr.name, expr.at);
      case "import": {
        const target = this.resolveModule(fileIndex, expr.module);
        return "file" in target
          ? { t: "module", file: target.file }
          : { t: "package", module: target.package };
      }
      case "str":
        return { t: "string", value: expr.value };
      case "num":
        return { t: "number", value: expr.value };
      case "const":
        return { t: "const", value: expr.value };
      case "tmpl":
        return joinStringParts(
          expr.parts.map((p) =>
            typeof p === "string" ? { t: "string", value: p } : this.evaluate(fileIndex, p, scope)
          ),
        );
      case "binop": {
        if (expr.op !== "+") return UNKNOWN;
        const left = this.evaluate(fileIndex, expr.left, scope);
        const right = this.evaluate(fileIndex, expr.right, scope);
        return addValues(left, right, (v) => v.t === "string" || v.t === "pattern") ?? UNKNOWN;
      }
      case "obj":
        return { t: "literal", file: fileIndex, scope, expr };
      case "fn":
        return { t: "function", file: fileIndex, scope: expr.scope };
      case "class":
        return { t: "class", file: fileIndex, scope: expr.scope };
      case "this":
        return expr.cls >= 0 ? { t: "object", file: fileIndex, cls: expr.cls } : UNKNOWN;
      case "either": {
        for (const option of expr.options) {
          const value = this.evaluate(fileIndex, option, scope);
          if (value.t !== "unknown" && !(value.t === "const" && value.value === null)) return value;
        }
        return UNKNOWN;
      }
      case "other":
        return UNKNOWN;
    }
  }

  #callValue(fileIndex: number, expr: Extract<JsExpr, { k: "call" | "new" }>, scope: number): JsValue {
    const callee = this.evaluate(fileIndex, expr.callee, scope);
    if (expr.k === "new") {
      if (callee.t === "symbol") return this.instanceOf(callee, fileIndex);
      if (callee.t === "class") return { t: "object", file: callee.file, cls: callee.scope };
      return UNKNOWN;
    }
    if (callee.t === "function") {
      for (const ret of this.#files[callee.file].facts.scopes[callee.scope].returns) {
        const value = this.evaluate(callee.file, ret, callee.scope);
        if (value.t !== "unknown") return value;
      }
    }
    return UNKNOWN;
  }

  /** What an instance of a package export is: a pattern's answer, else a plain instance without services. */
  instanceOf(symbol: Extract<JsValue, { t: "symbol" }>, fileIndex: number): JsValue {
    const ctx = this.context(fileIndex);
    for (const pattern of this.#patterns) {
      const value = pattern.instance?.(symbol, ctx);
      if (value) return value;
    }
    return { t: "instance", module: symbol.module, cls: symbol.name, services: [] };
  }

  /** The value of a declared type: an instance of a package class or project class, or an interface. */
  typeValue(fileIndex: number, type: JsExpr, scope: number): JsValue {
    const value = this.evaluate(fileIndex, type, scope);
    switch (value.t) {
      case "symbol":
        return this.instanceOf(value, fileIndex);
      case "class":
        return { t: "object", file: value.file, cls: value.scope };
      case "typed":
        return value;
      default:
        return UNKNOWN;
    }
  }

  /** `value.prop`. */
  member(value: JsValue, prop: string): JsValue {
    switch (value.t) {
      case "package":
        return { t: "symbol", module: value.module, name: prop };
      case "global": {
        const name = `${value.name}.${prop}`;
        return GLOBAL_PATHS.some((p) => p === name || p.startsWith(`${name}.`))
          ? { t: "global", name }
          : UNKNOWN;
      }
      case "module":
        return this.exportOf(value.file, prop);
      case "literal": {
        for (let i = value.expr.props.length - 1; i >= 0; i--) {
          const p = value.expr.props[i];
          if (p.spread) {
            const inner = this.member(this.evaluate(value.file, p.value, value.scope), prop);
            if (inner.t !== "unknown") return inner;
          } else if (p.key === prop) return this.evaluate(value.file, p.value, value.scope);
        }
        return UNKNOWN;
      }
      case "object":
      case "class":
        return this.classMember(value.file, value.t === "object" ? value.cls : value.scope, prop);
      case "typed": {
        const type = value.props[prop];
        return type ? this.typeValue(value.file, type, value.scope) : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  classMember(fileIndex: number, cls: number, prop: string, seen = 0): JsValue {
    const scope = this.#files[fileIndex].facts.scopes[cls];
    if (!scope || seen > 8) return UNKNOWN;
    const members = scope.members.filter((m) => m.name === prop);
    // A value assigned anywhere beats a bare declaration; the last informative assignment wins.
    for (let i = members.length - 1; i >= 0; i--) {
      const m = members[i];
      if (m.method !== undefined) return { t: "function", file: fileIndex, scope: m.method };
      if (m.value) {
        const value = this.evaluate(fileIndex, m.value, m.scope);
        if (value.t !== "unknown") return value;
      }
    }
    for (const m of members) {
      if (m.type) {
        const value = this.typeValue(fileIndex, m.type, m.scope);
        if (value.t !== "unknown") return value;
      }
    }
    if (scope.superclass) {
      const parent = this.evaluate(fileIndex, scope.superclass, scope.parent ?? 0);
      if (parent.t === "class") return this.classMember(parent.file, parent.scope, prop, seen + 1);
    }
    return UNKNOWN;
  }

  /** The export `name` of a project module (`default` for the default export). */
  exportOf(fileIndex: number, name: string, seen: Set<number> = new Set()): JsValue {
    if (seen.has(fileIndex)) return UNKNOWN;
    seen.add(fileIndex);
    const exports = this.#files[fileIndex].facts.exports;
    for (let i = exports.length - 1; i >= 0; i--) {
      const e = exports[i];
      if (e.k === "value" && e.name === name) return this.evaluate(fileIndex, e.expr, 0);
      if (e.k === "from" && e.name === name) {
        const target = this.resolveModule(fileIndex, e.module);
        if ("package" in target) {
          return e.from === "*"
            ? { t: "package", module: target.package }
            : { t: "symbol", module: target.package, name: e.from };
        }
        return e.from === "*" ? { t: "module", file: target.file } : this.exportOf(target.file, e.from, seen);
      }
      if (e.k === "cjs") {
        const whole = this.evaluate(fileIndex, e.expr, 0);
        return name === "default" ? whole : this.member(whole, name);
      }
    }
    for (const e of exports) {
      if (e.k !== "star") continue;
      const target = this.resolveModule(fileIndex, e.module);
      const value = "package" in target
        ? { t: "symbol" as const, module: target.package, name }
        : this.exportOf(target.file, name, seen);
      if (value.t !== "unknown") return value;
    }
    return UNKNOWN;
  }

  /** Looks `name` up from `scope` at byte offset `at`. */
  lookup(fileIndex: number, scope: number, name: string, at: number): JsValue {
    const found = this.#findBinding(fileIndex, scope, name, at);
    if (found) return this.bindingValue(fileIndex, found.scope, found.binding);
    return GLOBALS.has(name) ? { t: "global", name } : UNKNOWN;
  }

  /** The binding `name` means from `scope` at byte offset `at`, and the scope that binds it. */
  #findBinding(
    fileIndex: number,
    scope: number,
    name: string,
    at: number,
  ): { scope: number; binding: Binding } | undefined {
    const scopes = this.#files[fileIndex].facts.scopes;
    for (let s: number | undefined = scope; s !== undefined; s = scopes[s].parent) {
      const bindings = scopes[s].bindings.filter((b) => b.name === name);
      if (bindings.length === 0) continue;
      let binding = bindings[bindings.length - 1];
      if (s === scope) {
        const before = bindings.filter((b) => b.at <= at);
        if (before.length > 0) binding = before[before.length - 1];
      }
      return { scope: s, binding };
    }
    return undefined;
  }

  /**
   * Every value `expr` may take (see {@linkcode PatternContext.alternatives}): the branches of `either`
   * expressions, followed through `const x = ...` bindings, and all property values of an object literal
   * indexed by a key that is not a constant. Duplicates are possible; callers filter what they need.
   */
  alternatives(fileIndex: number, expr: JsExpr, scope: number, seen: Set<Binding> = new Set()): JsValue[] {
    if (this.#depth > MAX_DEPTH) return [UNKNOWN];
    this.#depth++;
    try {
      switch (expr.k) {
        case "either":
          return expr.options.flatMap((o) => this.alternatives(fileIndex, o, scope, seen));
        case "name": {
          const found = this.#findBinding(fileIndex, scope, expr.name, expr.at);
          if (!found || seen.has(found.binding)) break;
          const v = found.binding.value;
          if (v.k === "param") {
            seen.add(found.binding);
            return this.#paramAlternatives(fileIndex, v, seen);
          }
          if (v.k !== "expr") break;
          seen.add(found.binding);
          return this.alternatives(fileIndex, v.expr, found.scope, seen);
        }
        case "index": {
          const single = this.evaluate(fileIndex, expr, scope);
          // The key may take several values (a parameter passed different constants at its call sites).
          const keys = this.alternatives(fileIndex, expr.index, scope, new Set(seen));
          if (single.t !== "unknown" && keys.length <= 1) return [single];
          const out: JsValue[] = [];
          for (const object of this.alternatives(fileIndex, expr.object, scope, seen)) {
            // A constant key names its member; any other key (or a missing member) may be every property.
            let every = false;
            for (const key of keys) {
              const value = key.t === "string" || key.t === "number"
                ? this.member(object, String(key.value))
                : UNKNOWN;
              if (value.t !== "unknown") out.push(value);
              else every = true;
            }
            if (every && object.t === "literal") {
              for (const p of object.expr.props) {
                if (!p.spread) {
                  out.push(...this.alternatives(object.file, p.value, object.scope, new Set(seen)));
                }
              }
            }
          }
          if (out.length > 0) return out;
          return [single];
        }
      }
      return [this.evaluate(fileIndex, expr, scope)];
    } finally {
      this.#depth--;
    }
  }

  /**
   * Every value a parameter may take: its declared type's instance when informative; else the alternatives
   * of the argument at each of the project's call sites of its function; else its default value.
   */
  #paramAlternatives(
    fileIndex: number,
    param: Extract<Binding["value"], { k: "param" }>,
    seen: Set<Binding>,
  ): JsValue[] {
    const outer = this.#files[fileIndex].facts.scopes[param.fn].parent ?? 0;
    const walk = (value: JsValue): JsValue => param.path.reduce((v, p) => this.member(v, p), value);
    if (param.type) {
      const typed = walk(this.typeValue(fileIndex, param.type, outer));
      if (typed.t !== "unknown") return [typed];
    }
    const out: JsValue[] = [];
    for (const caller of this.#callersOf(fileIndex, param.fn)) {
      const arg = caller.args[param.index];
      if (!arg || arg.spread) continue;
      for (const value of this.alternatives(caller.file, arg.value, caller.scope, new Set(seen))) {
        const walked = walk(value);
        if (walked.t !== "unknown") out.push(walked);
      }
    }
    if (out.length > 0) return out;
    return param.defaultValue
      ? this.alternatives(fileIndex, param.defaultValue, outer, seen).map(walk)
      : [UNKNOWN];
  }

  /** See {@linkcode PatternContext.paramCallers}. */
  paramCallers(fileIndex: number, expr: JsExpr, scope: number): ParamCallers | undefined {
    if (expr.k !== "name") return undefined;
    const v = this.#findBinding(fileIndex, scope, expr.name, expr.at)?.binding.value;
    if (v?.k !== "param" || v.path.length > 0) return undefined;
    if (v.type) {
      const outer = this.#files[fileIndex].facts.scopes[v.fn].parent ?? 0;
      if (this.typeValue(fileIndex, v.type, outer).t !== "unknown") return undefined;
    }
    const callers = this.#callersOf(fileIndex, v.fn).map((c) => ({
      context: this.context(c.file),
      scope: c.scope,
      args: c.args,
    }));
    return { fn: v.fn, index: v.index, callers };
  }

  bindingValue(fileIndex: number, scope: number, binding: Binding): JsValue {
    const cached = this.#bindingValues.get(binding);
    if (cached === "pending") return UNKNOWN;
    if (cached) return cached;
    this.#bindingValues.set(binding, "pending");
    const value = this.#bindingValue(fileIndex, scope, binding);
    this.#bindingValues.set(binding, value);
    return value;
  }

  #bindingValue(fileIndex: number, scope: number, binding: Binding): JsValue {
    const v = binding.value;
    switch (v.k) {
      case "expr":
        return this.evaluate(fileIndex, v.expr, scope);
      case "import": {
        const target = this.resolveModule(fileIndex, v.module);
        if ("package" in target) {
          return v.name === "*" || v.name === "default"
            ? { t: "package", module: target.package }
            : { t: "symbol", module: target.package, name: v.name };
        }
        if (v.name === "*") return { t: "module", file: target.file };
        const value = this.exportOf(target.file, v.name);
        // `import x from "./cjs"` of a module without a default export: the whole namespace.
        return value.t === "unknown" && v.name === "default" ? { t: "module", file: target.file } : value;
      }
      case "param":
        return this.paramValue(fileIndex, v);
      case "typed":
        return this.typeValue(fileIndex, v.type, scope);
      case "def":
        return v.kind === "function"
          ? { t: "function", file: fileIndex, scope: v.scope }
          : { t: "class", file: fileIndex, scope: v.scope };
      case "typedef":
        return { t: "typed", file: fileIndex, scope, props: v.props };
      case "unknown":
        return UNKNOWN;
    }
  }

  paramValue(fileIndex: number, param: Extract<Binding["value"], { k: "param" }>): JsValue {
    const scopes = this.#files[fileIndex].facts.scopes;
    const outer = scopes[param.fn].parent ?? 0;
    const walk = (value: JsValue): JsValue => param.path.reduce((v, p) => this.member(v, p), value);
    if (param.type) {
      const typed = walk(this.typeValue(fileIndex, param.type, outer));
      if (typed.t !== "unknown") return typed;
    }
    const callers = this.#callersOf(fileIndex, param.fn);
    for (const caller of callers) {
      const arg = caller.args[param.index];
      if (!arg || arg.spread) continue;
      const value = walk(this.evaluate(caller.file, arg.value, caller.scope));
      if (value.t !== "unknown") return value;
    }
    return param.defaultValue ? walk(this.evaluate(fileIndex, param.defaultValue, outer)) : UNKNOWN;
  }

  /** Arguments at the project's call sites of function scope `fn` (constructors via `new Class`). */
  #callersOf(fileIndex: number, fn: number): { file: number; scope: number; args: JsArg[] }[] {
    if (this.#callers === "building") return [];
    if (!this.#callers) {
      this.#callers = "building";
      const callers = new Map<string, { file: number; scope: number; args: JsArg[] }[]>();
      for (const file of this.#files) {
        for (const site of file.facts.calls) {
          const callee = this.evaluate(file.index, site.expr.callee, site.scope);
          let target: string | undefined;
          if (callee.t === "function" && site.expr.k === "call") target = `${callee.file}:${callee.scope}`;
          if (callee.t === "class" && site.expr.k === "new") {
            const ctor = this.#files[callee.file].facts.scopes[callee.scope].members
              .find((m) => m.name === "constructor" && m.method !== undefined);
            if (ctor) target = `${callee.file}:${ctor.method}`;
          }
          if (!target) continue;
          const list = callers.get(target) ?? [];
          list.push({ file: file.index, scope: site.scope, args: site.expr.args });
          callers.set(target, list);
        }
      }
      // Values computed while the index was incomplete may be wrong: forget them.
      this.#bindingValues = new Map();
      this.#callValues = new Map();
      this.#callers = callers;
    }
    return this.#callers.get(`${fileIndex}:${fn}`) ?? [];
  }

  /** Resolves a module specifier of file `fileIndex` to a project file or an external package. */
  resolveModule(fileIndex: number, specifier: string): ModuleTarget {
    if (specifier.startsWith(".") || specifier.startsWith("/")) {
      const base = specifier.startsWith("/")
        ? normalize(specifier)
        : normalize(`${dirOf(normalize(this.#files[fileIndex].path))}/${specifier}`);
      const file = this.#findFile(base);
      return file === undefined ? { package: specifier } : { file };
    }
    if (specifier.startsWith("@aws-sdk/") || specifier.startsWith("node:")) return { package: specifier };
    // Monorepo packages: `@acme/shared[/sub]` → a `shared/` directory of the analysed tree.
    const parts = specifier.split("/");
    const name = specifier.startsWith("@") ? parts[1] : parts[0];
    const sub = parts.slice(specifier.startsWith("@") ? 2 : 1).join("/");
    if (name) {
      for (const path of this.#byPath.keys()) {
        const at = `/${path}`.indexOf(`/${name}/`);
        if (at < 0) continue;
        const root = `/${path}`.slice(1, at + name.length + 1);
        for (
          const candidate of sub
            ? [`${root}/src/${sub}`, `${root}/${sub}`]
            : [`${root}/src/index`, `${root}/index`]
        ) {
          const file = this.#findFile(normalize(candidate));
          if (file !== undefined) return { file };
        }
      }
    }
    return { package: specifier };
  }

  #findFile(base: string): number | undefined {
    const stripped = base.replace(/\.(js|jsx|mjs|cjs)$/, "");
    const candidates = [
      base,
      ...EXTENSIONS.map((e) => stripped + e),
      ...EXTENSIONS.map((e) => `${base}/index${e}`),
    ];
    for (const c of candidates) {
      const file = this.#byPath.get(c);
      if (file !== undefined) return file;
    }
    return undefined;
  }

  /** The request arguments of one SDK call argument (see {@linkcode PatternContext.requestArguments}). */
  requestArguments(fileIndex: number, arg: JsArg | undefined, scope: number): CallArgument[] {
    if (!arg) return [];
    if (arg.spread) {
      return [{ position: 0, splat: true, value: { kind: "unresolved", expression: arg.value.text } }];
    }
    return this.valueArguments(this.evaluate(fileIndex, arg.value, scope), arg.value.text);
  }

  /** Request arguments of an evaluated value: one per property of an object literal. */
  valueArguments(value: JsValue, text: string): CallArgument[] {
    if (value.t !== "literal") return [{ position: 0, value: argumentValue(value, text) }];
    const out: CallArgument[] = [];
    for (const p of value.expr.props) {
      if (p.spread) {
        out.push({ splat: true, value: { kind: "unresolved", expression: p.value.text } });
        continue;
      }
      out.push({
        name: p.key!,
        value: argumentValue(this.evaluate(value.file, p.value, value.scope), p.value.text),
      });
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
 * argumentValue({ t: "env", name: "TABLE" }, "process.env.TABLE"); // { kind: "env", name: "TABLE" }
 * ```
 */
export function argumentValue(value: JsValue, text: string): ArgumentValue {
  // TypeScript reports a bare `*` pattern as a pattern, not as unresolved text; kept so results do not change.
  return scalarArgumentValue(value, text, { bareWildcard: "pattern" });
}

function normalize(path: string): string {
  const out: string[] = [];
  const absolute = path.startsWith("/");
  for (const part of path.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else out.push(part);
  }
  return (absolute ? "/" : "") + out.join("/");
}

function dirOf(path: string): string {
  const at = path.lastIndexOf("/");
  return at < 0 ? "." : path.slice(0, at);
}
