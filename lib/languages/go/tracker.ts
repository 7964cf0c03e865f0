/**
 * The Go value tracker of phase 2: evaluates expressions of linked files to {@linkcode GoValue}s. It knows Go
 * (block-scoped bindings, closures, package-level names shared by every file of a directory, imports of
 * project packages, struct fields, methods and function results by their declared types, composite-literal
 * field values); patterns add what SDK constructs mean.
 *
 * @module
 */
import type { KnowledgeBase } from "../../knowledge/knowledge_base.ts";
import type { CallArgument } from "../../types.ts";
import type { LinkedFile as SharedLinkedFile } from "../shared/run_patterns.ts";
import type { GoBindingValue, GoExpr, GoFileFacts, GoFunc, GoTypeDecl, GoTypeRef } from "./facts.ts";
import type { ExternalType, GoPattern, PatternContext } from "./pattern.ts";
import { addValues, argumentValue } from "../shared/argument_values.ts";
import { type GoValue, UNKNOWN } from "./values.ts";

/** A file taking part in linking (the shared shape, with this language's facts). */
export type LinkedFile = SharedLinkedFile<GoFileFacts>;

/** How deep evaluation may recurse before giving up (cyclic or very long chains). */
const MAX_DEPTH = 40;

/** Predeclared types: values of these are never SDK clients. */
const BUILTIN_TYPES = new Set([
  "string",
  "bool",
  "int",
  "int8",
  "int16",
  "int32",
  "int64",
  "uint",
  "uint8",
  "uint16",
  "uint32",
  "uint64",
  "uintptr",
  "float32",
  "float64",
  "byte",
  "rune",
  "error",
  "any",
  "complex64",
  "complex128",
]);

/**
 * Evaluates Go expressions across the files of a project.
 *
 * @example
 * ```ts ignore
 * const tracker = new GoTracker(files, GO_PATTERNS, kb);
 * const ctx = tracker.context(0);
 * ctx.evaluate(site.receiver, site.fn); // { t: "client", services: ["s3"] }
 * ```
 */
export class GoTracker {
  readonly #files: LinkedFile[];
  readonly #patterns: readonly GoPattern[];
  readonly #kb: KnowledgeBase;
  readonly #byDir = new Map<string, LinkedFile[]>();
  readonly #servicesByPackage = new Map<string, string[]>();
  readonly #state = new Map<string, unknown>();
  readonly #contexts = new Map<number, PatternContext>();
  readonly #inProgress = new Set<string>();
  #depth = 0;

  constructor(files: LinkedFile[], patterns: readonly GoPattern[], kb: KnowledgeBase) {
    this.#files = files;
    this.#patterns = patterns;
    this.#kb = kb;
    for (const f of files) {
      const list = this.#byDir.get(f.facts.dir) ?? [];
      list.push(f);
      this.#byDir.set(f.facts.dir, list);
    }
    for (const s of kb.services()) {
      if (!s.goPackage) continue;
      const list = this.#servicesByPackage.get(s.goPackage) ?? [];
      list.push(s.service);
      this.#servicesByPackage.set(s.goPackage, list);
    }
  }

  /** Per-run scratch space shared by all files. */
  state<T>(id: string, init: () => T): T {
    if (!this.#state.has(id)) this.#state.set(id, init());
    return this.#state.get(id) as T;
  }

  /** The pattern context of one linked file. */
  context(fileIndex: number): PatternContext {
    const cached = this.#contexts.get(fileIndex);
    if (cached) return cached;
    const file = this.#files[fileIndex];
    const ctx: PatternContext = {
      kb: this.#kb,
      file: file.path,
      fileIndex,
      evaluate: (expr, fn) => this.evaluate(fileIndex, fn, expr),
      packageMember: (expr, fn) => this.packageMember(fileIndex, fn, expr),
      servicesOfPackage: (path) => this.#servicesByPackage.get(path) ?? [],
      importedServices: () => [
        ...new Set(file.facts.imports.flatMap((i) => this.#servicesByPackage.get(i.path) ?? [])),
      ],
      sdkArguments: (args, fn) => this.sdkArguments(fileIndex, fn, args),
      interfaceMethod: (dir, name, method) => {
        const found = this.interfaceMethod(dir, name, method);
        return found ? { params: found.params.map((p) => this.typeValue(found.file, p)) } : undefined;
      },
      interfaceEmbeds: (dir, name) => this.interfaceEmbeds(dir, name),
      storedMethodValues: (dir, name, field) => this.storedMethodValues(dir, name, field),
      state: (id, init) => this.state(id, init),
    };
    this.#contexts.set(fileIndex, ctx);
    return ctx;
  }

  /** `pkg.Name` of an imported package that is not part of the project. */
  packageMember(file: number, fn: number, expr: GoExpr): { path: string; name: string } | undefined {
    if (expr.k !== "sel") return undefined;
    const owner = this.evaluate(file, fn, expr.object);
    return owner.t === "package" ? { path: owner.path, name: expr.name } : undefined;
  }

  /** See {@linkcode PatternContext.sdkArguments}. */
  sdkArguments(file: number, fn: number, args: readonly GoExpr[]): CallArgument[] {
    const out: CallArgument[] = [];
    args.forEach((arg, position) => {
      const value = this.evaluate(file, fn, arg);
      if (value.t === "input") {
        out.push(...value.fields);
        // A parameter or copied input may carry members nobody here set: say so with a positional value.
        if (value.open) out.push({ position, value: { kind: "unresolved", expression: arg.text } });
        return;
      }
      // The first argument of every SDK for Go v2 operation is the context.
      if (position === 0) return;
      out.push({ position, value: argumentValue(value, arg.text) });
    });
    return out;
  }

  /** Evaluates `expr` of file `file` inside function `fn` (-1: package level). */
  evaluate(file: number, fn: number, expr: GoExpr): GoValue {
    if (this.#depth > MAX_DEPTH) return UNKNOWN;
    this.#depth++;
    try {
      return this.#evaluate(file, fn, expr);
    } finally {
      this.#depth--;
    }
  }

  #evaluate(file: number, fn: number, expr: GoExpr): GoValue {
    const ctx = this.context(file);
    if (expr.k === "call" || expr.k === "composite") {
      for (const p of this.#patterns) {
        const v = p.evaluate?.(expr, fn, ctx);
        if (v) return v;
      }
    }
    switch (expr.k) {
      case "name":
        return this.lookupName(file, fn, expr.name, expr.at);
      case "sel": {
        const owner = this.evaluate(file, fn, expr.object);
        if (owner.t === "project") return this.packageName(owner.dir, expr.name, file) ?? UNKNOWN;
        if (owner.t === "struct") return this.field(owner.dir, owner.name, expr.name, 0) ?? UNKNOWN;
        // A field of a non-SDK external value (`r.URL` of an `*http.Request`) is no SDK value either.
        if (owner.t === "typed") return { t: "typed", type: expr.text };
        return UNKNOWN;
      }
      case "call":
        return this.callResult(file, fn, expr, 0);
      case "composite": {
        const value = this.typeValue(file, expr.type);
        return value.t === "struct" ? value : UNKNOWN;
      }
      case "addr":
        return this.evaluate(file, fn, expr.operand);
      case "str":
        return { t: "string", value: expr.value };
      case "num":
        return { t: "number", value: expr.value };
      case "const":
        return { t: "const", value: expr.value };
      case "binop": {
        if (expr.op !== "+") return UNKNOWN;
        const left = this.evaluate(file, fn, expr.left);
        const right = this.evaluate(file, fn, expr.right);
        // An environment variable is a string in Go (`os.Getenv`), so it joins like one.
        return addValues(left, right, (v) => v.t === "string" || v.t === "pattern" || v.t === "env") ??
          UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  /** Result `index` of a call: project functions and methods by their declared result types. */
  callResult(file: number, fn: number, call: Extract<GoExpr, { k: "call" }>, index: number): GoValue {
    let target: GoValue | undefined;
    let method: { dir: string; type: string; name: string; iface: boolean } | undefined;
    if (call.callee.k === "sel") {
      const owner = this.evaluate(file, fn, call.callee.object);
      if (owner.t === "project") target = this.packageName(owner.dir, call.callee.name, file);
      // Methods of non-SDK external values (`r.URL.Query()`, `db.QueryContext(...)`) return non-SDK values.
      else if (owner.t === "typed") return { t: "typed", type: call.text };
      else if (owner.t === "struct" || owner.t === "interface") {
        method = { dir: owner.dir, type: owner.name, name: call.callee.name, iface: owner.t === "interface" };
      }
    } else {
      target = this.evaluate(file, fn, call.callee);
    }
    if (target?.t === "function") {
      return this.resultOf(target.file, this.#files[target.file].facts.funcs[target.fn], index);
    }
    if (method && !method.iface) {
      const found = this.methodOf(method.dir, method.type, method.name);
      if (found) return this.resultOf(found.file, this.#files[found.file].facts.funcs[found.fn], index);
    }
    if (method?.iface) {
      const found = this.interfaceMethod(method.dir, method.type, method.name);
      if (found?.result[index]) return this.typeValue(found.file, found.result[index]);
    }
    return UNKNOWN;
  }

  resultOf(file: number, fn: GoFunc, index: number): GoValue {
    const type = fn.results[index];
    return type ? this.typeValue(file, type) : UNKNOWN;
  }

  /** Looks a name up: the function's blocks, enclosing functions, the package, then the file's imports. */
  lookupName(file: number, fn: number, name: string, at: number): GoValue {
    const facts = this.#files[file].facts;
    for (let f = fn; f >= 0;) {
      const func = facts.funcs[f];
      let best: GoFunc["bindings"][number] | undefined;
      for (const b of func.bindings) {
        if (b.name === name && b.at <= at && at <= b.end && (!best || b.at >= best.at)) best = b;
      }
      if (best) {
        const key = `${file}:${f}:${name}:${best.at}`;
        if (this.#inProgress.has(key)) return UNKNOWN;
        this.#inProgress.add(key);
        try {
          const value = this.bindingValue(file, f, best.value);
          return value.t === "input" ? this.withFieldAssigns(file, func, name, best.at, at, value) : value;
        } finally {
          this.#inProgress.delete(key);
        }
      }
      f = func.parent ?? -1;
    }
    const own = this.packageName(facts.dir, name, file);
    if (own) return own;
    const imported = facts.imports.find((i) => i.name === name);
    if (imported) {
      const dir = this.projectDir(imported.path);
      return dir !== undefined ? { t: "project", dir } : { t: "package", path: imported.path };
    }
    return UNKNOWN;
  }

  /** Inputs built field by field: `in := &s3.PutObjectInput{}; in.Key = aws.String(k)`. */
  withFieldAssigns(
    file: number,
    func: GoFunc,
    name: string,
    from: number,
    to: number,
    value: Extract<GoValue, { t: "input" }>,
  ): GoValue {
    const assigns = func.fieldAssigns.filter((a) => a.target === name && a.at > from && a.at <= to);
    if (assigns.length === 0) return value;
    const fields = [...value.fields];
    for (const a of assigns) {
      const v = argumentValue(this.evaluate(file, func.id, a.value), a.value.text);
      const i = fields.findIndex((f) => f.name === a.field);
      if (i >= 0) fields[i] = { name: a.field, value: v };
      else fields.push({ name: a.field, value: v });
    }
    return { ...value, fields };
  }

  bindingValue(file: number, fn: number, value: GoBindingValue): GoValue {
    switch (value.k) {
      case "expr":
        if (value.index && value.expr.k === "call") return this.callResult(file, fn, value.expr, value.index);
        return this.evaluate(file, fn, value.expr);
      case "type":
        return this.typeValue(file, value.type);
      case "typed": {
        const v = this.evaluate(file, fn, value.expr);
        return v.t === "unknown" || (v.t === "const" && v.value === null)
          ? this.typeValue(file, value.type)
          : v;
      }
      default:
        return UNKNOWN;
    }
  }

  /** A package-level name of directory `dir`: a var or const, or a function. */
  packageName(dir: string, name: string, fromFile: number): GoValue | undefined {
    for (const f of this.#byDir.get(dir) ?? []) {
      const global = f.facts.globals.find((g) => g.name === name);
      if (global) {
        const key = `g:${f.index}:${name}`;
        if (this.#inProgress.has(key)) return UNKNOWN;
        this.#inProgress.add(key);
        try {
          return this.bindingValue(f.index, -1, global.value);
        } finally {
          this.#inProgress.delete(key);
        }
      }
      const fn = f.facts.funcs.find((x) =>
        x.name === name && x.receiverType === undefined && x.parent === undefined
      );
      if (fn) return { t: "function", file: f.index, fn: fn.id };
    }
    void fromFile;
    return undefined;
  }

  /**
   * The project directory an import path names: the directory whose trailing path segments match most of the
   * import path's (the module path prefix is not in the analysed paths, and go.mod is not read).
   */
  projectDir(importPath: string): string | undefined {
    const wanted = importPath.split("/");
    let best: { dir: string; score: number } | undefined;
    for (const dir of this.#byDir.keys()) {
      const parts = dir === "." ? [] : dir.split("/");
      let score = 0;
      while (
        score < parts.length && score < wanted.length &&
        parts[parts.length - 1 - score] === wanted[wanted.length - 1 - score]
      ) score++;
      if (score > 0 && (!best || score > best.score)) best = { dir, score };
    }
    return best?.dir;
  }

  findType(dir: string, name: string): { file: number; decl: GoTypeDecl } | undefined {
    for (const f of this.#byDir.get(dir) ?? []) {
      const decl = f.facts.types.find((t) => t.name === name);
      if (decl) return { file: f.index, decl };
    }
    return undefined;
  }

  /** The value of something declared with type `ref` in file `file`. */
  typeValue(file: number, ref: GoTypeRef): GoValue {
    if (!ref.name) return { t: "typed", type: ref.text };
    const facts = this.#files[file].facts;
    if (ref.pkg) {
      const imported = facts.imports.find((i) => i.name === ref.pkg);
      if (!imported) return { t: "typed", type: ref.text };
      const dir = this.projectDir(imported.path);
      if (dir !== undefined && this.findType(dir, ref.name)) return this.declValue(dir, ref.name);
      const external: ExternalType = {
        path: imported.path,
        name: ref.name,
        pointer: !!ref.pointer,
        text: ref.text,
      };
      const ctx = this.context(file);
      for (const p of this.#patterns) {
        const v = p.typeValue?.(external, ctx);
        if (v) return v;
      }
      return { t: "typed", type: ref.text };
    }
    if (BUILTIN_TYPES.has(ref.name)) return { t: "typed", type: ref.text };
    return this.findType(facts.dir, ref.name)
      ? this.declValue(facts.dir, ref.name)
      : { t: "typed", type: ref.text };
  }

  declValue(dir: string, name: string): GoValue {
    const found = this.findType(dir, name);
    if (!found) return UNKNOWN;
    if (found.decl.kind === "struct") return { t: "struct", dir, name };
    if (found.decl.kind === "interface") return { t: "interface", dir, name };
    const key = `t:${dir}:${name}`;
    if (!found.decl.underlying || this.#inProgress.has(key)) return { t: "struct", dir, name };
    this.#inProgress.add(key);
    try {
      const under = this.typeValue(found.file, found.decl.underlying);
      // `type Bucket string` stays a named value of the project; `type API s3.Client` is the client.
      return under.t === "typed" ? { t: "struct", dir, name } : under;
    } finally {
      this.#inProgress.delete(key);
    }
  }

  /**
   * Field `name` of a value of struct type `type` (promoted fields of embedded structs included): its declared
   * type, or — for fields of plain types like `string` — the value every composite literal of the package
   * gives it, when they agree (`&Handler{bucket: os.Getenv("BUCKET")}`).
   */
  field(dir: string, type: string, name: string, depth: number): GoValue | undefined {
    const found = this.findType(dir, type);
    if (!found || found.decl.kind !== "struct" || depth > 5) return undefined;
    const index = found.decl.fields.findIndex((f) => (f.name ?? f.type.name) === name);
    if (index >= 0) {
      const declared = this.typeValue(found.file, found.decl.fields[index].type);
      if (declared.t !== "typed" && declared.t !== "unknown") return declared;
      return this.initValue(dir, type, name, index) ?? declared;
    }
    for (const f of found.decl.fields) {
      if (f.name) continue;
      const embedded = this.typeValue(found.file, f.type);
      if (embedded.t === "struct") {
        const v = this.field(embedded.dir, embedded.name, name, depth + 1);
        if (v) return v;
      }
    }
    return undefined;
  }

  initValue(dir: string, type: string, name: string, index: number): GoValue | undefined {
    const values: GoValue[] = [];
    for (const f of this.#byDir.get(dir) ?? []) {
      for (const init of f.facts.structInits) {
        if (init.type !== type || (init.field !== name && init.field !== `#${index}`)) continue;
        values.push(this.evaluate(f.index, init.fn, init.value));
      }
    }
    if (values.length === 0) return undefined;
    const first = JSON.stringify(values[0]);
    return values.every((v) => JSON.stringify(v) === first) ? values[0] : UNKNOWN;
  }

  /**
   * The struct that declares field `name` of struct `type` (itself, or an embedded struct it is promoted from).
   */
  fieldOwner(dir: string, type: string, name: string, depth = 0): { dir: string; name: string } | undefined {
    const found = this.findType(dir, type);
    if (!found || found.decl.kind !== "struct" || depth > 5) return undefined;
    if (found.decl.fields.some((f) => f.name === name)) return { dir, name: type };
    for (const f of found.decl.fields) {
      if (f.name) continue;
      const embedded = this.typeValue(found.file, f.type);
      if (embedded.t !== "struct") continue;
      const owner = this.fieldOwner(embedded.dir, embedded.name, name, depth + 1);
      if (owner) return owner;
    }
    return undefined;
  }

  /** See {@linkcode PatternContext.storedMethodValues}. */
  storedMethodValues(dir: string, type: string, name: string): { receiver: GoValue; method: string }[] {
    // A method of the type (`r.Sweep()`) is no field read: only names no method declares can be func fields.
    if (this.methodOf(dir, type, name)) return [];
    const owner = this.fieldOwner(dir, type, name);
    if (!owner) return [];
    const out: { receiver: GoValue; method: string }[] = [];
    const add = (file: number, fn: number, value: GoExpr): void => {
      // Only an exported selector can be an SDK method value (`clients.rds.DeleteDBInstance`).
      if (value.k !== "sel" || !/^[A-Z]/.test(value.name)) return;
      const receiver = this.methodReceiver(this.evaluate(file, fn, value.object), value.name);
      out.push({ receiver, method: value.name });
    };
    const index = this.findType(owner.dir, owner.name)!.decl.fields.findIndex((f) => f.name === name);
    for (const f of this.#byDir.get(owner.dir) ?? []) {
      for (const init of f.facts.structInits) {
        if (init.type === owner.name && (init.field === name || init.field === `#${index}`)) {
          add(f.index, init.fn, init.value);
        }
      }
    }
    // `r.field = client.Method`, in any package (an exported field can be set from outside its own).
    for (const f of this.#files) {
      for (const func of f.facts.funcs) {
        for (const a of func.fieldAssigns) {
          if (a.field !== name || a.value.k !== "sel") continue;
          const target = this.lookupName(f.index, func.id, a.target, a.at);
          if (target.t !== "struct") continue;
          const targetOwner = this.fieldOwner(target.dir, target.name, name);
          if (targetOwner?.dir === owner.dir && targetOwner.name === owner.name) {
            add(f.index, func.id, a.value);
          }
        }
      }
    }
    return out;
  }

  /** The method `name` declared on type `type` of directory `dir`. */
  methodOf(dir: string, type: string, name: string): { file: number; fn: number } | undefined {
    for (const f of this.#byDir.get(dir) ?? []) {
      const fn = f.facts.funcs.find((x) => x.receiverType === type && x.name === name);
      if (fn) return { file: f.index, fn: fn.id };
    }
    return undefined;
  }

  /**
   * Method `name` of a project interface (embedded project interfaces included), with the file its types are
   * written in; `embeds` lists embedded external interfaces for callers to judge (`s3.ListObjectsV2APIClient`).
   */
  interfaceMethod(
    dir: string,
    type: string,
    name: string,
    depth = 0,
  ): { file: number; params: GoTypeRef[]; result: GoTypeRef[] } | undefined {
    const found = this.findType(dir, type);
    if (!found || found.decl.kind !== "interface" || depth > 5) return undefined;
    const m = found.decl.methods.find((x) => x.name === name);
    if (m) return { file: found.file, params: m.params, result: m.results };
    for (const e of found.decl.embeds) {
      const v = this.typeValue(found.file, e);
      if (v.t === "interface") {
        const inner = this.interfaceMethod(v.dir, v.name, name, depth + 1);
        if (inner) return inner;
      }
    }
    return undefined;
  }

  /** Values of the external interfaces a project interface embeds (an SDK `XxxAPIClient` is a client). */
  interfaceEmbeds(dir: string, type: string, depth = 0): GoValue[] {
    const found = this.findType(dir, type);
    if (!found || found.decl.kind !== "interface" || depth > 5) return [];
    return found.decl.embeds.flatMap((e) => {
      const v = this.typeValue(found.file, e);
      return v.t === "interface" ? this.interfaceEmbeds(v.dir, v.name, depth + 1) : [v];
    });
  }

  /**
   * The value a method call really goes to: a struct that does not declare `method` but embeds a client (or
   * another struct that does) promotes the embedded value's method.
   */
  methodReceiver(value: GoValue, method: string, depth = 0): GoValue {
    if (value.t !== "struct" || depth > 5 || this.methodOf(value.dir, value.name, method)) return value;
    const found = this.findType(value.dir, value.name);
    if (!found || found.decl.kind !== "struct") return value;
    for (const f of found.decl.fields) {
      if (f.name) continue;
      const embedded = this.typeValue(found.file, f.type);
      const target = this.methodReceiver(embedded, method, depth + 1);
      if (target.t !== "struct" && target.t !== "typed" && target.t !== "unknown") return target;
    }
    return value;
  }
}
