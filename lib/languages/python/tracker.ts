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
import type {
  AttributeBinding,
  Binding,
  CallSite,
  ItemAssignment,
  NameAttributeBinding,
  PyArg,
  PyExpr,
  PythonFileFacts,
  Scope,
} from "./facts.ts";
import { exprText } from "./facts.ts";
import { COPY_SOURCE, copySourceString } from "./boto3_copy_source.ts";
import type { PatternContext, PythonPattern } from "./pattern.ts";
import { joinStringParts, type PyValue, UNKNOWN } from "./values.ts";

/** A file taking part in linking. */
export interface LinkedFile {
  index: number;
  path: string;
  facts: PythonFileFacts;
}

/** A call made on the caller's behalf (see `#forwardedCalls`). */
interface ForwardedCall {
  file: number;
  scope: number;
  call: Extract<PyExpr, { k: "call" }>;
}

const NO_FORWARDS: readonly ForwardedCall[] = Object.freeze([]);

/** The call sites of one name (`#callsNamed`): `sites[i]` is in file `files[i]`. */
interface CallsNamed {
  readonly files: number[];
  readonly sites: CallSite[];
}

/** What `#callsNamed` gives for a name no site calls (shared: nobody changes it). */
const NO_CALLS: CallsNamed = Object.freeze({ files: [], sites: [] });

function stringy(v: PyValue): boolean {
  return v.t === "string" || v.t === "pattern";
}

/** Value kinds that `a or b` does not merge (see `#orValue`). */
const PLAIN_VALUES: ReadonlySet<string> = new Set([
  "unknown",
  "string",
  "pattern",
  "number",
  "const",
  "env",
  "dict",
  "sequence",
  "comprehension",
]);

/**
 * Decorators (as the tracker names them) that turn a method into an attribute whose value is the method's
 * return value (besides the builtin `property`).
 */
const PROPERTY_DECORATORS: ReadonlySet<string> = new Set([
  "functools.cached_property",
  "abc.abstractproperty",
  "cached_property.cached_property",
  "cached_property.threaded_cached_property",
  "django.utils.functional.cached_property",
  "werkzeug.utils.cached_property",
]);

/** Callables whose result holds what the project stores in it (see the `holder` value). */
const HOLDERS: ReadonlyMap<string, Holder["kind"]> = new Map([
  ["threading.local", "local"],
  ["_threading_local.local", "local"],
  ["contextvars.ContextVar", "contextvar"],
]);

/** A thread-local object or a context variable. */
type Holder = Extract<PyValue, { t: "holder" }>;

/** Whether `value` is the holder `holder` (made by the same call). */
function sameHolder(value: PyValue, holder: Holder): boolean {
  return value.t === "holder" && value.file === holder.file && value.call.id === holder.call.id;
}

/** The bindings `pick` gives of every file, grouped by name (in file order, then their order). */
function byName<B extends { name: string }>(
  files: readonly LinkedFile[],
  pick: (facts: PythonFileFacts) => readonly B[] | undefined,
): Map<string, { file: number; binding: B }[]> {
  const out = new Map<string, { file: number; binding: B }[]>();
  for (const file of files) {
    for (const binding of pick(file.facts) ?? []) {
      const list = out.get(binding.name);
      if (list) list.push({ file: file.index, binding });
      else out.set(binding.name, [{ file: file.index, binding }]);
    }
  }
  return out;
}

/** The positional argument at `position` (not a splat), if any. */
function findPositional(args: readonly PyArg[], position: number): PyArg | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.splat && a.name === undefined && a.position === position) return a;
  }
  return undefined;
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
  /** Per file: its directory, normalised (`resolveModule`). */
  readonly #dirOfFile: string[] = [];
  /** Per file: call id → value (ids are unique in a file; synthetic calls reuse theirs on purpose). */
  readonly #callValues: Map<string, PyValue | "pending">[] = [];
  /** Per file and scope id: the scope prepared for lookups (built on first use). */
  readonly #scopeIndexes: (ScopeIndex | undefined)[][] = [];
  /** Expressions rewritten with a name read as a known value (see `#rewritten`), by substitution key. */
  readonly #rewrites = new Map<PyExpr, Map<string, PyExpr>>();
  /** Base class key (`<file>:<scope>`) → the classes that name it among their bases (built on first use). */
  #directSubclasses?: Map<string, ClassRef[]>;
  /** Class key → its subclasses, direct or not. */
  readonly #allSubclasses = new Map<string, ClassRef[]>();
  /** Class key → the names its subclasses define (see `#variantNames`). */
  readonly #variantNamesOf = new Map<string, ReadonlySet<string>>();
  /** Expression of a method → whether it reads through `self` a name subclasses redefine (`#forReceiver`). */
  readonly #readsVariant = new Map<PyExpr, boolean>();
  /** Expression kind → the patterns asked to evaluate it (`#evaluatorsOf`). */
  readonly #evaluators = new Map<PyExpr["k"], readonly PythonPattern[]>();
  /** Patterns with a `forwards` hook. */
  readonly #forwarders: readonly PythonPattern[];
  /** See `#forwardingSites`. */
  #forwarding?: { pattern: PythonPattern; file: number; site: CallSite; written: string }[];
  readonly #contexts: PatternContext[] = [];
  readonly #state = new Map<string, unknown>();
  /** Callee name → call sites of every file with that name (for parameter inference); built on first use. */
  #callsByName?: Map<string, CallsNamed>;
  /** See `#appState`. */
  #appStateByName?: Map<string, { file: number; binding: AttributeBinding }[]>;
  /** Class key (`<file>:<scope>`) → its members when it is an Enum, undefined when not (`#enumMembers`). */
  readonly #enums = new Map<string, PyValue | undefined>();
  /** See `#localAttributes`. */
  #localAttributesByName?: Map<string, { file: number; binding: NameAttributeBinding }[]>;
  /** What thread-local objects and context variables hold (`#held`), by holder and attribute name. */
  readonly #holderValues = new Map<string, PyValue | "pending">();
  /** See `#itemAssignments`. */
  #itemsByName?: Map<string, { file: number; scope: number; item: ItemAssignment }[]>;
  #depth = 0;
  /**
   * Values of attribute chains (and the other composites that recurse), by node: every pattern evaluates a
   * call's callee again, and each step of `a.b.c` asks several patterns about `a.b`, so without this an
   * evaluation costs a walk through scopes and patterns per ask (exponential in the chain's length).
   *
   * Output must not change, so an entry is made only when no cycle (`"pending"`) or depth limit cut the
   * evaluation short (`#cutShort` did not move): such a result is what the evaluation gives at any later time,
   * as everything it read is cached and final by then. `need` is how much deeper than its start the
   * evaluation went (an upper bound for a repeat, which finds more cached): a hit is used only when the repeat
   * would stay within {@linkcode MAX_DEPTH} too.
   */
  readonly #memo = new Map<PyExpr, MemoEntry>();
  /** Times a cycle or the depth limit gave `UNKNOWN` for want of a value. */
  #cutShort = 0;
  /** `#assignedAttribute` evaluations under way (file, class, attribute, receiver): a re-entry is a cycle. */
  readonly #attributesInProgress = new Set<string>();
  /** Deepest `#depth` seen since the current memoised evaluation started. */
  #peak = 0;
  /** What the last `#evaluateTracked` found. */
  #trackedNeed = 0;
  #trackedClean = false;
  /**
   * The last names evaluated cleanly, and their values (entries as in `#memo`), reused round-robin. The
   * patterns offered a site evaluate its receiver one after another; keeping every name would cost more (a
   * lookup is a few steps) than these few.
   */
  readonly #recentNames: MemoEntry[] = Array.from({ length: 4 }, () => ({
    expr: undefined,
    file: -1,
    scope: -1,
    value: UNKNOWN,
    need: 0,
  }));
  #recentNext = 0;

  constructor(files: LinkedFile[], patterns: readonly PythonPattern[], kb: KnowledgeBase) {
    this.#files = files;
    this.#patterns = patterns;
    this.#kb = kb;
    this.#forwarders = patterns.filter((p) => p.forwards);
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
    return this.#contexts[fileIndex] ??= this.#newContext(fileIndex);
  }

  // Apart from `context`: a function whose closures capture its parameters allocates their scope on every
  // call, and `context` is called for every evaluation.
  #newContext(fileIndex: number): PatternContext {
    return {
      kb: this.#kb,
      file: this.#files[fileIndex].path,
      fileIndex,
      evaluate: (expr, scope) => this.evaluate(fileIndex, expr, scope),
      callArguments: (args, scope, drop) => this.callArguments(fileIndex, args, scope, drop),
      expandDict: (expr, scope) => this.expandDict(fileIndex, expr, scope),
      state: (id, init) => this.state(id, init),
    };
  }

  /** Per-run scratch space of a pattern. */
  state<T>(patternId: string, init: () => T): T {
    const value = this.#state.get(patternId);
    if (value !== undefined || this.#state.has(patternId)) return value as T;
    const created = init();
    this.#state.set(patternId, created);
    return created;
  }

  /** Evaluates `expr` of file `fileIndex` in `scope`. */
  evaluate(fileIndex: number, expr: PyExpr, scope: number): PyValue {
    const depth = this.#depth;
    if (depth > MAX_DEPTH) {
      this.#cutShort++;
      return UNKNOWN;
    }
    if (depth > this.#peak) this.#peak = depth;
    const k = expr.k;
    if (k === "name") {
      // Indexed loops on hot paths: before the optimising compiler gets to them (a CLI run is one cold pass),
      // `for...of` allocates an iterator and a result object per step.
      const recent = this.#recentNames;
      for (let i = 0; i < recent.length; i++) {
        const r = recent[i];
        if (r.expr === expr && r.file === fileIndex && r.scope === scope) {
          const reach = depth + r.need;
          if (reach > MAX_DEPTH) break;
          if (reach > this.#peak) this.#peak = reach;
          return r.value;
        }
      }
      const value = this.#evaluateTracked(fileIndex, expr, scope, depth);
      if (this.#trackedClean) {
        const r = this.#recentNames[this.#recentNext];
        this.#recentNext = (this.#recentNext + 1) % this.#recentNames.length;
        r.expr = expr;
        r.file = fileIndex;
        r.scope = scope;
        r.value = value;
        r.need = this.#trackedNeed;
      }
      return value;
    }
    // Calls have their own cache (by id); literals and synthetic hints are cheaper to redo than to keep.
    if (k !== "attr" && k !== "iter" && k !== "subscript" && k !== "binop" && k !== "fstr") {
      this.#depth++;
      try {
        return this.#evaluate(fileIndex, expr, scope);
      } finally {
        this.#depth--;
      }
    }
    const memo = this.#memo.get(expr);
    if (memo !== undefined && memo.file === fileIndex && memo.scope === scope) {
      const reach = depth + memo.need;
      if (reach <= MAX_DEPTH) {
        if (reach > this.#peak) this.#peak = reach;
        return memo.value;
      }
    }
    const value = this.#evaluateTracked(fileIndex, expr, scope, depth);
    if (memo === undefined && this.#trackedClean) {
      this.#memo.set(expr, { expr, file: fileIndex, scope, value, need: this.#trackedNeed });
    }
    return value;
  }

  /**
   * `#evaluate` one level below `depth`, noting how much deeper it went (`#trackedNeed`) and whether no cycle
   * or depth limit cut it short (`#trackedClean`: the value is final, see `#memo`).
   */
  #evaluateTracked(fileIndex: number, expr: PyExpr, scope: number, depth: number): PyValue {
    const outerPeak = this.#peak;
    const cutShort = this.#cutShort;
    this.#peak = depth;
    this.#depth++;
    let value: PyValue;
    try {
      value = this.#evaluate(fileIndex, expr, scope);
    } finally {
      this.#depth--;
    }
    this.#trackedNeed = this.#peak - depth;
    this.#trackedClean = this.#cutShort === cutShort;
    if (outerPeak > this.#peak) this.#peak = outerPeak;
    return value;
  }

  #evaluate(fileIndex: number, expr: PyExpr, scope: number): PyValue {
    switch (expr.k) {
      case "name": // first: the commonest
        return this.lookup(fileIndex, scope, expr.name, expr.at, true);
      case "call": {
        const key = expr.id;
        const values = this.#callValues[fileIndex] ??= new Map();
        const cached = values.get(key);
        if (cached === "pending") {
          this.#cutShort++;
          return UNKNOWN;
        }
        if (cached) return cached;
        values.set(key, "pending");
        let value = UNKNOWN;
        try {
          value = this.#byPatterns(fileIndex, expr, scope) ?? this.#callOfProject(fileIndex, expr, scope);
        } finally {
          values.set(key, value);
        }
        return value;
      }
      case "attr": {
        const byPattern = this.#byPatterns(fileIndex, expr, scope);
        if (byPattern) return byPattern;
        const object = this.evaluate(fileIndex, expr.object, scope);
        // The app's state object is not modelled (nor always tracked: `request.app`), its attributes are.
        if ((object.t === "unknown" || object.t === "external") && this.#appState().has(expr.name)) {
          if (isAppState(expr.object)) return this.#appStateValue(expr.name);
        }
        if (object.t === "external") return { t: "external", name: `${object.name}.${expr.name}` };
        if (object.t === "module") return this.moduleMember(object, expr.name);
        // An Enum member is read as its value (`Service.S3` is "s3": a `str` Enum member is the string), and a
        // `str` has no `.value`: so `.value` of a string can only be the member's value (`Service.S3.value`).
        if ((object.t === "string" || object.t === "number") && expr.name === "value") return object;
        if (object.t === "instance" && expr.name === "__class__") {
          return object.open
            ? { t: "class", file: object.file, scope: object.scope, open: true }
            : { t: "class", file: object.file, scope: object.scope };
        }
        if (object.t === "instance" || object.t === "class") return this.#memberRead(object, expr.name);
        if (object.t === "holder" && object.kind === "local") return this.#localAttribute(object, expr.name);
        return UNKNOWN;
      }
      case "dict":
        return { t: "dict", file: fileIndex, scope, expr, open: false };
      case "seq":
        return { t: "sequence", file: fileIndex, scope, expr };
      case "comp":
        return { t: "comprehension", file: fileIndex, expr };
      // No closures here (`orElse(a, () => b)`): closures capturing the parameters would make every evaluation,
      // whatever its kind, allocate a context for them.
      case "iter": {
        const byPattern = this.#byPatterns(fileIndex, expr, scope);
        if (byPattern) return byPattern;
        const element = this.#elementOf(fileIndex, expr.of, scope);
        return element.t === "unknown" ? this.#yielded(fileIndex, expr.of, scope) : element;
      }
      case "hint":
        return this.#byPatterns(fileIndex, expr, scope) ?? UNKNOWN;
      case "subscript": {
        const byPattern = this.#byPatterns(fileIndex, expr, scope);
        if (byPattern) return byPattern;
        const item = this.#itemOf(fileIndex, expr, scope);
        return item.t === "unknown" ? this.#itemValue(fileIndex, expr, scope) : item;
      }
      case "str":
        return { t: "string", value: expr.value };
      case "num":
        return { t: "number", value: expr.value };
      case "const":
        return { t: "const", value: expr.value };
      case "fstr": {
        // A loop, not a closure: closures capturing parameters would cost every evaluation an allocation.
        const parts: PyValue[] = [];
        for (const p of expr.parts) {
          parts.push(typeof p === "string" ? { t: "string", value: p } : this.evaluate(fileIndex, p, scope));
        }
        return joinStringParts(parts);
      }
      case "binop": {
        if (expr.op === "or") return this.#orValue(fileIndex, expr.left, expr.right, scope);
        if (expr.op !== "+") return UNKNOWN;
        const left = this.evaluate(fileIndex, expr.left, scope);
        const right = this.evaluate(fileIndex, expr.right, scope);
        if (left.t === "number" && right.t === "number") {
          return { t: "number", value: left.value + right.value };
        }
        return stringy(left) || stringy(right) ? joinStringParts([left, right]) : UNKNOWN;
      }
      case "value":
        return expr.value;
      case "lambda":
        // A function like any other: calling it gives its body (`#callOfProject`).
        return { t: "function", file: fileIndex, scope: expr.scope };
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
    const l = this.evaluate(fileIndex, left, scope);
    const r = this.evaluate(fileIndex, right, scope);
    const lObject = !PLAIN_VALUES.has(l.t);
    const rObject = !PLAIN_VALUES.has(r.t);
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
    if (callee.t === "class") {
      // `Service("s3")`: an Enum looked up by value is the member of that value (read as the value).
      const members = this.#enumMembers(callee.file, callee.scope);
      if (members === undefined) return { t: "instance", file: callee.file, scope: callee.scope };
      const looked = expr.args.length === 1 && expr.args[0].position === 0 && !expr.args[0].splat
        ? this.evaluate(fileIndex, expr.args[0].value, scope)
        : UNKNOWN;
      return looked.t === "string" ? looked : members;
    }
    if (callee.t === "external") {
      const kind = HOLDERS.get(callee.name);
      if (kind) return { t: "holder", kind, file: fileIndex, scope, call: expr };
    }
    if (callee.t === "external" && callee.name === "contextlib.closing") {
      // `with closing(boto3.client("sm")) as sm`: the context manager enters as the object it closes.
      const closed = expr.args[0];
      return closed && !closed.splat && closed.position === 0
        ? this.evaluate(fileIndex, closed.value, scope)
        : UNKNOWN;
    }
    if (callee.t === "function") {
      const scopes = this.#files[callee.file].facts.scopes;
      const fnClass = scopes[callee.scope].parent ?? 0;
      if (expr.callee.k === "attr" && scopes[fnClass].kind === "class") {
        // `glue.make_client()`: a method a base class defines, run for the instance (or class) it is called on.
        const receiver = this.evaluate(fileIndex, expr.callee.object, scope);
        if (receiver.t === "instance" || receiver.t === "class") {
          return this.#returnedBy(callee.file, callee.scope, receiver);
        }
      }
      // A context manager made from a generator: `with sqs_client() as sqs` binds what it yields.
      if (scopes[callee.scope].contextManager) return this.#yieldsOf(callee.file, callee.scope);
      return this.#returnedBy(callee.file, callee.scope);
    }
    const first = expr.args[0];
    if (
      expr.callee.k === "name" && expr.callee.name === "type" && callee.t === "unknown" &&
      expr.args.length === 1 &&
      first.position === 0 && !first.splat
    ) {
      // `type(self)`: the instance's class (any subclass, for `self`).
      const object = this.evaluate(fileIndex, first.value, scope);
      if (object.t !== "instance") return UNKNOWN;
      return object.open
        ? { t: "class", file: object.file, scope: object.scope, open: true }
        : { t: "class", file: object.file, scope: object.scope };
    }
    const key = expr.args[0];
    if (expr.callee.k === "name" && expr.callee.name === "getattr" && callee.t === "unknown") {
      return this.#getattrValue(fileIndex, expr, scope);
    }
    if (
      expr.callee.k === "attr" && expr.callee.name === "get" &&
      (!key || (!key.splat && key.name === undefined))
    ) {
      // `_ddb.get()`, `_ddb.get(default)`: what the context variable was set to (and the default).
      const holder = this.evaluate(fileIndex, expr.callee.object, scope);
      if (holder.t === "holder" && holder.kind === "contextvar") {
        const held = this.#contextVarValue(holder);
        return key ? mergeVariants(held, this.evaluate(fileIndex, key.value, scope)) : held;
      }
    }
    // `clients.get("sqs")` on a dict display or comprehension: the entry, else the default.
    if (
      expr.callee.k === "attr" && expr.callee.name === "get" && key && !key.splat && key.name === undefined
    ) {
      const container = this.evaluate(fileIndex, expr.callee.object, scope);
      if (container.t !== "dict" && container.t !== "comprehension") return UNKNOWN;
      const entry = this.#entryOf(container, this.evaluate(fileIndex, key.value, scope));
      if (entry !== undefined) return entry;
      const object = expr.callee.object;
      const fallback = expr.args[1];
      // A cache (`self._clients.get(name)`): what it stores, else the default (`None` gives way).
      const cached = this.#cacheItem(fileIndex, object, scope);
      if (cached !== undefined) {
        return fallback && !fallback.splat && fallback.name === undefined
          ? mergeVariants(cached, this.evaluate(fileIndex, fallback.value, scope))
          : cached;
      }
      // A dict changed in place (`d["sqs"] = ...`) may have gained the key.
      if (object.k === "name" && this.#mutated(fileIndex, scope, object.name)) return UNKNOWN;
      return fallback && !fallback.splat && fallback.name === undefined
        ? this.evaluate(fileIndex, fallback.value, scope)
        : { t: "const", value: null };
    }
    return UNKNOWN;
  }

  /**
   * `getattr(obj, "name")`: attribute `name` of `obj`, as `obj.name` reads it; `getattr(obj, "name", default)`
   * may also be the default (`None` gives way). Unknown when the name is not a known string.
   */
  #getattrValue(fileIndex: number, expr: Extract<PyExpr, { k: "call" }>, scope: number): PyValue {
    const object = findPositional(expr.args, 0);
    const name = findPositional(expr.args, 1);
    if (!object || !name || expr.args.length > 3) return UNKNOWN;
    const attribute = this.evaluate(fileIndex, name.value, scope);
    if (attribute.t !== "string" || attribute.alternatives?.length) return UNKNOWN;
    // Made once per call: the call's value is kept by its id.
    const read: PyExpr = { k: "attr", object: object.value, name: attribute.value, text: expr.text };
    const value = this.evaluate(fileIndex, read, scope);
    const fallback = findPositional(expr.args, 2);
    return fallback ? mergeVariants(value, this.evaluate(fileIndex, fallback.value, scope)) : value;
  }

  /**
   * What a context variable holds: the values of every `.set(value)` on it in the project and its `default=`,
   * merged (`None` gives way). Kept per variable.
   */
  #contextVarValue(holder: Holder): PyValue {
    return this.#held(holder, "", () => {
      let value: PyValue = UNKNOWN;
      const made = holder.call.args.find((a) => a.name === "default" && !a.splat);
      if (made) value = this.evaluate(holder.file, made.value, holder.scope);
      const { files, sites } = this.#callsNamed("set");
      for (let i = 0; i < sites.length; i++) {
        const site = sites[i];
        const stored = findPositional(site.call.args, 0);
        if (!stored || !sameHolder(this.evaluate(files[i], site.receiver, site.scope), holder)) continue;
        value = mergeVariants(value, this.evaluate(files[i], stored.value, site.scope));
      }
      return value;
    });
  }

  /**
   * Attribute `name` of a thread-local object: what every assignment to it in the project stores
   * (`_local.s3 = boto3.client("s3")`), merged; `None` counts only when nothing else is assigned (a placeholder).
   */
  #localAttribute(holder: Holder, name: string): PyValue {
    return this.#held(holder, name, () => {
      let value: PyValue = UNKNOWN;
      for (const { file, binding } of this.#localAttributes().get(name) ?? []) {
        if (!sameHolder(this.evaluate(file, binding.object, binding.scope), holder)) continue;
        value = mergeVariants(value, this.evaluate(file, binding.value, binding.scope));
      }
      return value;
    });
  }

  /**
   * `compute()`'s value for what `holder` holds under `name`, kept once final; within a cycle
   * (`_local.s3 = getattr(_local, "s3", None) or ...`) it reads unknown.
   */
  #held(holder: Holder, name: string, compute: () => PyValue): PyValue {
    const key = `${holder.file}:${holder.call.id}:${name}`;
    const cached = this.#holderValues.get(key);
    if (cached === "pending") {
      this.#cutShort++;
      return UNKNOWN;
    }
    if (cached) return cached;
    this.#holderValues.set(key, "pending");
    const cutShort = this.#cutShort;
    let value: PyValue = UNKNOWN;
    try {
      value = compute();
    } finally {
      // A value a cycle cut short is not final (see `#memo`): asked again later, it may find more.
      if (this.#cutShort === cutShort) this.#holderValues.set(key, value);
      else this.#holderValues.delete(key);
    }
    return value;
  }

  /** Every file's thread-local attribute assignments by attribute name; built on first use. */
  #localAttributes(): Map<string, { file: number; binding: NameAttributeBinding }[]> {
    return this.#localAttributesByName ??= byName(this.#files, (facts) => facts.localAttributes);
  }

  /**
   * The value of one element of what `of` evaluates to: any item of a list or tuple display (when each is a
   * string, or each a client), any value of a comprehension, any key of a dict. Unknown when an item is, or
   * when the sequence is changed in place.
   */
  #elementOf(fileIndex: number, of: PyExpr, scope: number): PyValue {
    const container = this.evaluate(fileIndex, of, scope);
    // `for service in Service:` runs over the members of an Enum.
    if (container.t === "class") return this.#enumMembers(container.file, container.scope) ?? UNKNOWN;
    if (container.t === "comprehension") {
      const comp = container.expr;
      return this.evaluate(container.file, comp.kind === "dict" ? comp.key! : comp.value, comp.scope);
    }
    let items: { file: number; scope: number; exprs: PyExpr[] } | undefined;
    if (container.t === "sequence") {
      items = { file: container.file, scope: container.scope, exprs: container.expr.items };
    } else if (container.t === "dict" && container.expr.k === "dict") {
      const keys = container.expr.entries.map((e) => e.key);
      if (keys.every((k) => k !== undefined)) {
        items = { file: container.file, scope: container.scope, exprs: keys };
      }
    }
    if (!items || (of.k === "name" && this.#mutated(fileIndex, scope, of.name))) return UNKNOWN;
    let value: PyValue = UNKNOWN;
    for (const item of items.exprs) {
      const v = this.evaluate(items.file, item, items.scope);
      // Merging keeps every string and every client; other values would keep just the first.
      if (v.t !== "string" && v.t !== "client") return items.exprs.length === 1 ? v : UNKNOWN;
      if (value.t !== "unknown" && value.t !== v.t) return UNKNOWN;
      value = mergeValues(value, v);
    }
    return value;
  }

  /** `container[index]` on a dict display, a dict comprehension or a list or tuple display. */
  #itemOf(fileIndex: number, expr: Extract<PyExpr, { k: "subscript" }>, scope: number): PyValue {
    const container = this.evaluate(fileIndex, expr.object, scope);
    if (container.t !== "dict" && container.t !== "comprehension" && container.t !== "sequence") {
      return UNKNOWN;
    }
    return this.#entryOf(container, this.evaluate(fileIndex, expr.index, scope)) ?? UNKNOWN;
  }

  /**
   * The entry `key` of a dict display (unknown when a key or a `**` entry could be it), of a dict
   * comprehension, or the item at a number of a sequence display; undefined when there is certainly none.
   */
  #entryOf(container: PyValue, key: PyValue): PyValue | undefined {
    if (container.t === "sequence") {
      const items = container.expr.items;
      if (key.t !== "number" || !Number.isInteger(key.value)) return UNKNOWN;
      const item = items[key.value < 0 ? items.length + key.value : key.value];
      return item ? this.evaluate(container.file, item, container.scope) : undefined;
    }
    if (key.t !== "string" || key.alternatives?.length) return UNKNOWN;
    if (container.t === "dict") {
      if (container.expr.k !== "dict" || container.open) return UNKNOWN;
      const entries = container.expr.entries;
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i];
        if (!entry.key) return UNKNOWN;
        const k = this.evaluate(container.file, entry.key, container.scope);
        if (k.t !== "string" || k.alternatives?.length) return UNKNOWN;
        if (k.value === key.value) return this.evaluate(container.file, entry.value, container.scope);
      }
      return undefined;
    }
    if (container.t !== "comprehension" || container.expr.kind !== "dict") return UNKNOWN;
    const comp = container.expr;
    const target = comp.target;
    if (target === undefined || comp.key?.k !== "name" || comp.key.name !== target) {
      return this.evaluate(container.file, comp.value, comp.scope); // any of its values
    }
    // `{name: session.client(name) for name in SERVICES}["sqs"]`: the body read with the loop variable "sqs".
    const substitution = { name: target, value: key, key: `${target}=${key.value}` };
    return this.evaluate(
      container.file,
      this.#rewritten(container.file, comp.scope, comp.value, substitution),
      comp.scope,
    );
  }

  /**
   * `expr` of `scope` with the name `substitution.name` read as `substitution.value` (its `value` node), also
   * where a local name of `scope` stands for an expression reading it (`name = type(self).SERVICE`); `expr`
   * itself when it reads neither. Kept per expression and substitution, so that the rewritten expressions (and
   * their calls, given ids of their own) are evaluated once.
   */
  #rewritten(fileIndex: number, scope: number, expr: PyExpr, substitution: Substitution): PyExpr {
    let byKey = this.#rewrites.get(expr);
    if (!byKey) this.#rewrites.set(expr, byKey = new Map());
    let rewritten = byKey.get(substitution.key);
    if (!rewritten) {
      rewritten = this.#rewrite(fileIndex, scope, expr, substitution, 0) ?? expr;
      byKey.set(substitution.key, rewritten);
    }
    return rewritten;
  }

  /** See `#rewritten`: the rewritten expression, or undefined when nothing changes. */
  #rewrite(
    fileIndex: number,
    scope: number,
    expr: PyExpr,
    substitution: Substitution,
    depth: number,
  ): PyExpr | undefined {
    const rewrite = (e: PyExpr): PyExpr | undefined =>
      this.#rewrite(fileIndex, scope, e, substitution, depth);
    switch (expr.k) {
      case "name": {
        if (expr.name === substitution.name) {
          return { k: "value", value: substitution.value, text: exprText(expr) };
        }
        if (depth >= 3) return undefined;
        const index = this.#scopeIndex(fileIndex, scope);
        const binding = pickBinding(index, expr.name, expr.at, true);
        const bound = binding >= 0 ? index.scope.bindings[binding].value : undefined;
        return bound?.k === "expr"
          ? this.#rewrite(fileIndex, scope, bound.expr, substitution, depth + 1)
          : undefined;
      }
      case "attr": {
        const object = rewrite(expr.object);
        return object && { ...expr, object };
      }
      case "call": {
        const callee = rewrite(expr.callee);
        const args = expr.args.map((a) => {
          const value = rewrite(a.value);
          return value ? { ...a, value } : a;
        });
        if (!callee && args.every((a, i) => a === expr.args[i])) return undefined;
        return { ...expr, id: `${expr.id}@${substitution.key}`, callee: callee ?? expr.callee, args };
      }
      case "subscript": {
        const object = rewrite(expr.object);
        const index = rewrite(expr.index);
        return object || index
          ? { ...expr, object: object ?? expr.object, index: index ?? expr.index }
          : undefined;
      }
      case "binop": {
        const left = rewrite(expr.left);
        const right = rewrite(expr.right);
        return left || right ? { ...expr, left: left ?? expr.left, right: right ?? expr.right } : undefined;
      }
      case "fstr": {
        const parts = expr.parts.map((p) => typeof p === "string" ? p : rewrite(p) ?? p);
        return parts.some((p, i) => p !== expr.parts[i]) ? { ...expr, parts } : undefined;
      }
      case "dict": {
        const entries = expr.entries.map((e) => {
          const key = e.key && rewrite(e.key);
          const value = rewrite(e.value);
          return key || value ? { key: key ?? e.key, value: value ?? e.value } : e;
        });
        return entries.some((e, i) => e !== expr.entries[i]) ? { ...expr, entries } : undefined;
      }
      case "seq": {
        const items = expr.items.map((item) => rewrite(item) ?? item);
        return items.some((item, i) => item !== expr.items[i]) ? { ...expr, items } : undefined;
      }
      case "iter": {
        const of = rewrite(expr.of);
        return of && { ...expr, of };
      }
      default:
        return undefined;
    }
  }

  /**
   * What function scope `fnScope` of `fileIndex` returns: its `return` values, merged; when they say nothing,
   * what its return annotation names (`def aws() -> AwsClients: return current_app.extensions["aws"]`). A
   * method called on `receiver` returns what it returns for that receiver (see `#forReceiver`).
   */
  #returnedBy(fileIndex: number, fnScope: number, receiver?: Receiver): PyValue {
    const fn = this.#files[fileIndex].facts.scopes[fnScope];
    let value: PyValue = UNKNOWN;
    for (const returned of fn.returns ?? []) {
      value = mergeValues(value, this.#forReceiver(receiver, fileIndex, fnScope, returned));
    }
    if (value.t === "unknown" && fn.returnHint !== undefined) {
      value = this.#annotated(fileIndex, fn.parent ?? 0, fn.returnHint);
    }
    return value;
  }

  /**
   * An item of what a call of one of the project's generator functions gives (`for s3 in clients():`, and what
   * FastAPI injects from a generator dependency): what its `yield` statements give, merged.
   */
  #yielded(fileIndex: number, of: PyExpr, scope: number): PyValue {
    if (of.k !== "call") return UNKNOWN;
    const callee = this.evaluate(fileIndex, of.callee, scope);
    return callee.t === "function" ? this.#yieldsOf(callee.file, callee.scope) : UNKNOWN;
  }

  /** What function scope `fnScope` of `fileIndex` yields: its `yield` values, merged. */
  #yieldsOf(fileIndex: number, fnScope: number): PyValue {
    let value: PyValue = UNKNOWN;
    for (const yielded of this.#files[fileIndex].facts.scopes[fnScope].yields ?? []) {
      value = mergeValues(value, this.evaluate(fileIndex, yielded, fnScope));
    }
    return value;
  }

  /**
   * Attribute `name` of the application state (`request.app.state.table`): what every assignment to
   * `app.state.<name>` in the project stores, merged (see `PythonFileFacts.appState`).
   */
  #appStateValue(name: string): PyValue {
    let value: PyValue = UNKNOWN;
    for (const { file, binding } of this.#appState().get(name) ?? []) {
      value = mergeValues(value, this.evaluate(file, binding.value, binding.scope));
    }
    return value;
  }

  /** Every file's `app.state.<name>` assignments by name; built on first use. */
  #appState(): Map<string, { file: number; binding: AttributeBinding }[]> {
    return this.#appStateByName ??= byName(this.#files, (facts) => facts.appState);
  }

  /**
   * An item of a dict made empty and filled by item assignments, read by any key (a cache:
   * `_clients[endpoint] = boto3.client(...)` in one place, `return _clients[endpoint]` in another): what those
   * assignments store, merged (clients union their services), when every known one is an object of the same
   * kind; otherwise unknown. A dict with entries of its own is left alone.
   */
  #itemValue(fileIndex: number, expr: Extract<PyExpr, { k: "subscript" }>, scope: number): PyValue {
    return this.#cacheItem(fileIndex, expr.object, scope) ?? UNKNOWN;
  }

  /**
   * See `#itemValue`: any item of the dict `object` (a name, or an attribute such as `self._cache`) gives,
   * read in `scope`; undefined when it is no such cache (no item assignments to it).
   */
  #cacheItem(fileIndex: number, object: PyExpr, scope: number): PyValue | undefined {
    if (object.k !== "name" && object.k !== "attr") return undefined;
    const assignments = this.#itemAssignments().get(object.name);
    if (!assignments) return undefined;
    const dict = this.evaluate(fileIndex, object, scope);
    if (dict.t !== "dict" || dict.expr.k !== "dict" || dict.expr.entries.length) return undefined;
    let value: PyValue = UNKNOWN;
    let found = false;
    for (const { file, scope: itemScope, item } of assignments) {
      // The same dict display, whatever names it: `_clients` as the item's scope sees it, or `self._cache`.
      const target = item.target
        ? this.evaluate(file, item.target, itemScope)
        : this.lookup(file, itemScope, item.name, item.at, true);
      if (target.t !== "dict" || target.expr !== dict.expr) continue;
      found = true;
      const stored = this.evaluate(file, item.value, itemScope);
      if (stored.t === "unknown") continue;
      if (PLAIN_VALUES.has(stored.t) || (value.t !== "unknown" && stored.t !== value.t)) return UNKNOWN;
      value = mergeValues(value, stored);
    }
    return found ? value : undefined;
  }

  /** Every file's item assignments (`Scope.items`) by dict name; built on first use. */
  #itemAssignments(): Map<string, { file: number; scope: number; item: ItemAssignment }[]> {
    if (!this.#itemsByName) {
      this.#itemsByName = new Map();
      for (const file of this.#files) {
        for (const scope of file.facts.scopes) {
          for (const item of scope.items ?? []) {
            const list = this.#itemsByName.get(item.name);
            const entry = { file: file.index, scope: scope.id, item };
            if (list) list.push(entry);
            else this.#itemsByName.set(item.name, [entry]);
          }
        }
      }
    }
    return this.#itemsByName;
  }

  /**
   * The value an annotation naming `dotted` (read in `scope`) stands for: what the type-hint patterns make of
   * it (`S3Client`), else an instance of the project's class it names (any subclass: `open`).
   */
  #annotated(fileIndex: number, scope: number, dotted: string): PyValue {
    const type: PyExpr = { k: "str", value: dotted, text: dotted };
    const hinted = this.evaluate(fileIndex, { k: "hint", type, text: dotted }, scope);
    if (hinted.t !== "unknown") return hinted;
    let expr: PyExpr | undefined;
    for (const part of dotted.split(".")) {
      expr = expr
        ? { k: "attr", object: expr, name: part, text: part }
        : { k: "name", name: part, at: Number.MAX_SAFE_INTEGER };
    }
    const named = expr ? this.evaluate(fileIndex, expr, scope) : UNKNOWN;
    if (named.t !== "class") return UNKNOWN;
    // An instance of an Enum is one of its members.
    return this.#enumMembers(named.file, named.scope) ??
      { t: "instance", file: named.file, scope: named.scope, open: true };
  }

  /**
   * When class `cls` of `fileIndex` is an Enum (it inherits one of the `enum` module's, directly or through
   * the project's classes): any of its members, read as their values (strings merge as alternatives, so a
   * service name may be any member's); members whose value is not a string are left out. Undefined for any
   * other class. Kept per class.
   */
  #enumMembers(fileIndex: number, cls: number): PyValue | undefined {
    const key = `${fileIndex}:${cls}`;
    if (this.#enums.has(key)) return this.#enums.get(key);
    this.#enums.set(key, undefined); // a cycle of bases is no Enum
    if (!this.#inheritsEnum(fileIndex, cls, 0)) return undefined;
    let value: PyValue = UNKNOWN;
    const index = this.#scopeIndex(fileIndex, cls);
    const bindings = index.scope.bindings;
    for (let i = 0; i < bindings.length; i++) {
      // Names starting with `_` are no members (`_ignore_`, private helpers); nor are methods.
      if (bindings[i].value.k !== "expr" || bindings[i].name.startsWith("_")) continue;
      const member = this.#bindingValueAt(fileIndex, index, i);
      if (member.t === "string") value = mergeValues(value, member);
    }
    this.#enums.set(key, value);
    return value;
  }

  /** Whether class `cls` of `fileIndex` has a class of the `enum` module (`Enum`, `StrEnum`...) among its bases. */
  #inheritsEnum(fileIndex: number, cls: number, depth: number): boolean {
    if (depth > 8) return false;
    const scope = this.#files[fileIndex].facts.scopes[cls];
    for (const base of scope.bases ?? []) {
      const b = this.evaluate(fileIndex, base, scope.parent ?? 0);
      if (b.t === "external" && b.name.startsWith("enum.")) return true;
      if (b.t === "class" && this.#inheritsEnum(b.file, b.scope, depth + 1)) return true;
    }
    return false;
  }

  /**
   * Attribute `name` read on an instance or a class. A property read on an instance gives what its getter
   * returns. On an open receiver (`self` in a method: the class or any subclass) what a subclass defines for
   * `name` itself is a possible value too: `self.service_name` in a base class may be any subclass's.
   */
  #memberRead(receiver: Receiver, name: string): PyValue {
    let value = this.#memberOf(receiver, name);
    if (!receiver.open) return value;
    const instance = receiver.t === "instance";
    for (const sub of this.#subclassesOf(receiver.file, receiver.scope)) {
      if (!this.#definesOwn(sub.file, sub.scope, name, instance)) continue;
      const variant = this.#memberOf({ t: receiver.t, file: sub.file, scope: sub.scope }, name);
      value = mergeVariants(value, variant);
    }
    return value;
  }

  /** Attribute `name` of the receiver's own class (or its bases), read as the receiver's class runs it. */
  #memberOf(receiver: Receiver, name: string): PyValue {
    const member = this.classMember(
      receiver.file,
      receiver.scope,
      name,
      receiver.t === "instance",
      0,
      receiver,
    );
    if (member.t !== "property" || receiver.t !== "instance") return member;
    return this.#returnedBy(member.file, member.scope, receiver);
  }

  /**
   * `expr` of method scope `fnScope` (of a class of `fileIndex`) evaluated for `receiver`, an instance (or, for
   * a class method, a class) of a subclass: when it reads through `self` a name a subclass redefines
   * (`session.client(self.service_name)` in the base's `__init__`), `self` is read as the receiver, so that
   * each subclass gets what it builds. Otherwise, and when the receiver is of the method's own class, as it is.
   */
  #forReceiver(receiver: Receiver | undefined, fileIndex: number, fnScope: number, expr: PyExpr): PyValue {
    const scopes = this.#files[fileIndex].facts.scopes;
    const fn = scopes[fnScope];
    const cls = fn.parent ?? 0;
    if (
      !receiver || scopes[cls].kind !== "class" || fn.name === "<lambda>" ||
      (receiver.file === fileIndex && receiver.scope === cls) ||
      (receiver.t === "instance" ? fn.methodKind !== undefined : fn.methodKind !== "classmethod")
    ) {
      return this.evaluate(fileIndex, expr, fnScope);
    }
    const first = fn.bindings.find((b) => b.value.k === "param" && b.value.index === 0);
    const variants = this.#variantNames(fileIndex, cls);
    if (!first || variants.size === 0) return this.evaluate(fileIndex, expr, fnScope);
    // Whether the expression reads a redefined name depends on the expression alone: asked once.
    let readsVariant = this.#readsVariant.get(expr);
    if (readsVariant === undefined) {
      readsVariant = this.#readsSelf(fileIndex, fnScope, expr, variants, 0);
      this.#readsVariant.set(expr, readsVariant);
    }
    if (!readsVariant) return this.evaluate(fileIndex, expr, fnScope);
    const key = `${receiver.t}:${receiver.file}:${receiver.scope}${receiver.open ? "+" : ""}`;
    const substitution = { name: first.name, value: receiver, key };
    return this.evaluate(fileIndex, this.#rewritten(fileIndex, fnScope, expr, substitution), fnScope);
  }

  /**
   * Whether `expr`, read in method scope `fnScope`, reads one of `names` through the method's `self`
   * (`self.n`, `type(self).n`, `self.__class__.n`, `self.n()`), directly or through the method's local
   * names and the methods it calls on `self`.
   */
  #readsSelf(
    fileIndex: number,
    fnScope: number,
    expr: PyExpr,
    names: ReadonlySet<string>,
    depth: number,
  ): boolean {
    if (depth > 3) return false;
    const scopes = this.#files[fileIndex].facts.scopes;
    const fn = scopes[fnScope];
    const cls = fn.parent ?? 0;
    if (scopes[cls]?.kind !== "class") return false;
    const selfName = fn.bindings.find((b) => b.value.k === "param" && b.value.index === 0)?.name;
    if (selfName === undefined) return false;
    const isSelf = (e: PyExpr): boolean =>
      (e.k === "name" && e.name === selfName) ||
      (e.k === "attr" && e.name === "__class__" && e.object.k === "name" && e.object.name === selfName) ||
      (e.k === "call" && e.callee.k === "name" && e.callee.name === "type" && e.args.length === 1 &&
        e.args[0].value.k === "name" && e.args[0].value.name === selfName);
    const visit = (e: PyExpr): boolean => {
      switch (e.k) {
        case "name":
          return e.name !== selfName && fn.bindings.some((b) =>
            b.name === e.name && b.value.k === "expr" &&
            this.#readsSelf(fileIndex, fnScope, b.value.expr, names, depth + 1)
          );
        case "attr":
          return (isSelf(e.object) && names.has(e.name)) || visit(e.object);
        case "call": {
          const callee = e.callee;
          if (callee.k === "attr" && isSelf(callee.object)) {
            if (names.has(callee.name)) return true;
            // A helper method of the class: what it returns may read `self` too.
            const method = this.classMember(fileIndex, cls, callee.name, false);
            if (
              method.t === "function" &&
              (this.#files[method.file].facts.scopes[method.scope].returns ?? []).some((r) =>
                this.#readsSelf(method.file, method.scope, r, names, depth + 1)
              )
            ) {
              return true;
            }
          }
          return visit(callee) || e.args.some((a) => visit(a.value));
        }
        case "subscript":
          return visit(e.object) || visit(e.index);
        case "binop":
          return visit(e.left) || visit(e.right);
        case "fstr":
          return e.parts.some((p) => typeof p !== "string" && visit(p));
        case "dict":
          return e.entries.some((x) => (x.key !== undefined && visit(x.key)) || visit(x.value));
        case "seq":
          return e.items.some(visit);
        case "iter":
          return visit(e.of);
        default:
          return false;
      }
    };
    return visit(expr);
  }

  /** Names the proper subclasses of class `cls` of `fileIndex` define themselves (class body and `self.x`). */
  #variantNames(fileIndex: number, cls: number): ReadonlySet<string> {
    const key = `${fileIndex}:${cls}`;
    let names = this.#variantNamesOf.get(key);
    if (!names) {
      const found = new Set<string>();
      for (const sub of this.#subclassesOf(fileIndex, cls)) {
        const scope = this.#files[sub.file].facts.scopes[sub.scope];
        for (const b of scope.bindings) if (b.value.k !== "star") found.add(b.name);
        for (const a of scope.attributes ?? []) found.add(a.name);
        for (const d of scope.declared ?? []) found.add(d.name);
      }
      this.#variantNamesOf.set(key, names = found);
    }
    return names;
  }

  /** Whether class `cls` of `fileIndex` defines `name` itself (in its body; for instances also `self.name`). */
  #definesOwn(fileIndex: number, cls: number, name: string, instance: boolean): boolean {
    const scope = this.#files[fileIndex].facts.scopes[cls];
    if (scope.bindings.some((b) => b.name === name && b.value.k !== "star")) return true;
    return instance &&
      ((scope.attributes?.some((a) => a.name === name) ?? false) ||
        (scope.declared?.some((d) => d.name === name) ?? false));
  }

  /** Every class of the project that inherits class `cls` of `fileIndex`, directly or not (built on first use). */
  #subclassesOf(fileIndex: number, cls: number): readonly ClassRef[] {
    if (!this.#directSubclasses) {
      // Marked first: evaluating a base may read attributes, which asks for subclasses again.
      const direct = this.#directSubclasses = new Map<string, ClassRef[]>();
      // Kept for the whole run: evaluated from the top, not cut short by how deep the asking evaluation is.
      const depth = this.#depth;
      this.#depth = 0;
      try {
        this.#indexSubclasses(direct);
      } finally {
        this.#depth = depth;
      }
    }
    const key = `${fileIndex}:${cls}`;
    let all = this.#allSubclasses.get(key);
    if (!all) {
      all = [];
      const seen = new Set([key]);
      const queue = [key];
      while (queue.length) {
        for (const sub of this.#directSubclasses.get(queue.shift()!) ?? []) {
          const subKey = `${sub.file}:${sub.scope}`;
          if (seen.has(subKey)) continue;
          seen.add(subKey);
          all.push(sub);
          queue.push(subKey);
        }
      }
      this.#allSubclasses.set(key, all);
    }
    return all;
  }

  /** Fills `direct` (base class key → the classes naming it among their bases) from every class of the project. */
  #indexSubclasses(direct: Map<string, ClassRef[]>): void {
    for (const file of this.#files) {
      for (const scope of file.facts.scopes) {
        if (scope.kind !== "class" || !scope.bases?.length) continue;
        for (const base of scope.bases) {
          const b = this.evaluate(file.index, base, scope.parent ?? 0);
          if (b.t !== "class") continue;
          const key = `${b.file}:${b.scope}`;
          const ref = { file: file.index, scope: scope.id };
          const list = direct.get(key);
          if (list) list.push(ref);
          else direct.set(key, [ref]);
        }
      }
    }
  }

  /**
   * Whether `decorators` of a method (evaluated in class scope `scope`) make it a property: `@property` (the
   * builtin, not a name the module rebinds) or a cached property of the standard library or a common package.
   */
  #isProperty(fileIndex: number, scope: number, decorators: readonly PyExpr[]): boolean {
    for (const d of decorators) {
      const value = this.evaluate(fileIndex, d, scope);
      if (d.k === "name" && d.name === "property" && value.t === "unknown") return true;
      if (value.t === "external" && PROPERTY_DECORATORS.has(value.name)) return true;
    }
    return false;
  }

  /**
   * Attribute `name` of a class (or of its instances): the class body's last binding (methods, class-level
   * clients), else for instances a `self.name = ...` assignment (preferring `__init__`) or a declaration by
   * annotation (`s3: S3Client`), else the bases'.
   */
  classMember(
    fileIndex: number,
    classScope: number,
    name: string,
    instance: boolean,
    seen = 0,
    receiver?: Receiver,
  ): PyValue {
    if (seen > 8) return UNKNOWN; // deep or cyclic inheritance
    const index = this.#scopeIndex(fileIndex, classScope);
    const cls = index.scope;
    const binding = pickBinding(index, name, Number.MAX_SAFE_INTEGER, false);
    if (binding >= 0) {
      const value = this.#bindingValueAt(fileIndex, index, binding);
      // A field with a default (`audit: Any = None`): an instance holds what its constructor was passed.
      const field = instance ? cls.declared?.findIndex((d) => d.name === name && d.assigned) ?? -1 : -1;
      if (field < 0) return value;
      const position = this.#ownFieldsFirst(fileIndex, cls) ? field : -1;
      return mergeVariants(this.#fieldPassed(fileIndex, index, name, position), value);
    }
    if (instance && cls.attributes?.length) {
      // Assigned in this class's methods, maybe read on a subclass's instance (`receiver`).
      const value = this.#assignedAttribute(fileIndex, cls, name, receiver);
      if (value.t !== "unknown") return value;
    }
    if (instance && cls.declared) {
      // `cognito: "CognitoIdentityProviderClient"` (a dataclass field): the annotation types the attribute,
      // else what the constructor is passed for it.
      const position = cls.declared.findIndex((d) => d.name === name && !d.assigned);
      if (position >= 0) {
        const annotation = cls.declared[position].annotation;
        const value = annotation === undefined ? UNKNOWN : this.#annotated(fileIndex, classScope, annotation);
        if (value.t !== "unknown") return value;
        const passed = this.#fieldPassed(
          fileIndex,
          index,
          name,
          this.#ownFieldsFirst(fileIndex, cls) ? position : -1,
        );
        if (passed.t !== "unknown") return passed;
      }
    }
    for (const base of cls.bases ?? []) {
      const b = this.evaluate(fileIndex, base, cls.parent ?? 0);
      if (b.t === "class") {
        const found = this.classMember(b.file, b.scope, name, instance, seen + 1, receiver);
        if (found.t !== "unknown") return found;
      }
    }
    return UNKNOWN;
  }

  /**
   * Whether the constructor of class `cls` takes its own fields first, in order: none of its bases is a class
   * of the project (whose fields would come first). External bases (`NamedTuple`, pydantic's `BaseModel`)
   * add none.
   */
  #ownFieldsFirst(fileIndex: number, cls: Scope): boolean {
    return !(cls.bases ?? []).some((b) => this.evaluate(fileIndex, b, cls.parent ?? 0).t === "class");
  }

  /**
   * What the constructor calls of class `cls` (`AwsClients(s3=...)`, `cls(...)` in its classmethods) pass for
   * its field `name` (keyword, or at `position` when that is known): the class must make its instances
   * without an `__init__` of the project's (a dataclass or the like). Kept per class scope.
   */
  #fieldPassed(fileIndex: number, cls: ScopeIndex, name: string, position: number): PyValue {
    const fields = cls.fields ??= new Map();
    const cached = fields.get(name);
    if (cached === "pending") {
      this.#cutShort++;
      return UNKNOWN;
    }
    if (cached) return cached;
    fields.set(name, "pending");
    let value: PyValue = UNKNOWN;
    try {
      const classScope = cls.scope.id;
      if (this.classMember(fileIndex, classScope, "__init__", false).t === "function") return value;
      for (const called of new Set([cls.scope.name, "cls"])) {
        const { files, sites } = this.#callsNamed(called);
        for (let i = 0; i < sites.length; i++) {
          const callee = this.evaluate(files[i], sites[i].call.callee, sites[i].scope);
          if (callee.t !== "class" || callee.file !== fileIndex || callee.scope !== classScope) continue;
          value = this.#mergePassed(value, files[i], sites[i].scope, sites[i].call, name, position);
        }
      }
    } finally {
      fields.set(name, value);
    }
    return value;
  }

  /**
   * `self.name = ...` assignments of a class's methods, those of `__init__` first, merged. `None` counts only
   * when nothing else is assigned: `self._s3 = None` in `__init__` is the placeholder of a lazily made value.
   */
  #assignedAttribute(fileIndex: number, cls: Scope, name: string, receiver?: Receiver): PyValue {
    // `self.buf = self.buf[n:] + more` reads the attribute it assigns: without this guard every such read
    // re-evaluates every assignment again, exponentially (codecs.py took minutes). A re-entered attribute is
    // cut short like any other cycle.
    const key = `${fileIndex}:${cls.id}:${name}:${
      receiver ? `${receiver.t}${receiver.file}:${receiver.scope}` : ""
    }`;
    if (this.#attributesInProgress.has(key)) {
      this.#cutShort++;
      return UNKNOWN;
    }
    this.#attributesInProgress.add(key);
    try {
      return this.#assignedAttributeUnguarded(fileIndex, cls, name, receiver);
    } finally {
      this.#attributesInProgress.delete(key);
    }
  }

  #assignedAttributeUnguarded(fileIndex: number, cls: Scope, name: string, receiver?: Receiver): PyValue {
    const assigned = (cls.attributes ?? []).filter((a) => a.name === name);
    const scopes = this.#files[fileIndex].facts.scopes;
    assigned.sort((a, b) =>
      Number(scopes[b.scope].name === "__init__") - Number(scopes[a.scope].name === "__init__")
    );
    let value: PyValue = UNKNOWN;
    let none: PyValue | undefined;
    let onlyNone = true;
    for (const a of assigned) {
      const assignedValue = this.#forReceiver(receiver, fileIndex, a.scope, a.value);
      if (assignedValue.t === "const" && assignedValue.value === null) {
        none = assignedValue;
        continue;
      }
      onlyNone = false;
      value = mergeValues(value, assignedValue);
      if (value.t !== "unknown" && value.t !== "client") break;
    }
    return onlyNone && none ? none : value;
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
        { k: "hint", type: v.annotationExpr, text: exprText(v.annotationExpr) },
        outer,
      );
      if (hinted.t !== "unknown") return hinted;
    }
    const inClass = scopes[outer]?.kind === "class";
    // A static method has no instance; a class method's first parameter is the class (or a subclass).
    const bound = inClass && fn.name !== "<lambda>" && fn.methodKind !== "staticmethod";
    if (bound && v.index === 0) {
      return fn.methodKind === "classmethod"
        ? { t: "class", file: fileIndex, scope: outer, open: true }
        : { t: "instance", file: fileIndex, scope: outer, open: true };
    }
    // The value is kept with the binding (`#bindingValueAt`, the only caller), which also catches cycles; a
    // cache by name is needed only where two parameters share a name (invalid Python, yet parsed): they share
    // the first one's value.
    if (!hasNamesake(fn.bindings, binding)) return this.#passedValue(fileIndex, fn, binding, bound, outer);
    const params = this.#scopeIndex(fileIndex, scopeId).params ??= new Map();
    const cached = params.get(binding.name);
    if (cached === "pending") {
      this.#cutShort++;
      return UNKNOWN;
    }
    if (cached) return cached;
    params.set(binding.name, "pending");
    let value: PyValue = UNKNOWN;
    try {
      value = this.#passedValue(fileIndex, fn, binding, bound, outer);
    } finally {
      params.set(binding.name, value);
    }
    return value;
  }

  /** What the calls of `fn` pass for parameter `binding`, merged with its default. */
  #passedValue(fileIndex: number, fn: Scope, binding: Binding, bound: boolean, outer: number): PyValue {
    const v = binding.value as Extract<Binding["value"], { k: "param" }>;
    let value = this.#argumentsPassed(fileIndex, fn, binding.name, v.index - (bound ? 1 : 0));
    const hint = v.annotationExpr;
    if (value.t === "unknown" && (hint?.k === "name" || hint?.k === "attr")) {
      // `def handler(service: Service)` called from outside the project (a route's path parameter): any member
      // of the Enum it names.
      const type = this.evaluate(fileIndex, hint, outer);
      if (type.t === "class") value = this.#enumMembers(type.file, type.scope) ?? UNKNOWN;
    }
    return v.defaultValue ? mergeValues(value, this.evaluate(fileIndex, v.defaultValue, outer)) : value;
  }

  /** Values passed for parameter `name` (position `index`, self excluded) at every call site of `fn`, merged. */
  #argumentsPassed(fileIndex: number, fn: Scope, name: string, index: number): PyValue {
    if (index < 0) return UNKNOWN;
    const outer = this.#files[fileIndex].facts.scopes[fn.parent ?? 0];
    // Instances are made by calling the class: `Repo(table)` passes `table` to `Repo.__init__`.
    if (fn.name === "__init__" && outer.kind === "class") {
      return this.#argumentsPassedToInit(fileIndex, outer, fn, name, index);
    }
    // Forwarded calls are found (which evaluates) before any call site is: the order values are first
    // computed in must not change.
    const forwarded = this.#forwardedCalls(fn.name);
    let value: PyValue = UNKNOWN;
    const { files, sites } = this.#callsNamed(fn.name);
    for (let i = 0; i < sites.length; i++) {
      const file = files[i];
      const site = sites[i];
      const callee = this.evaluate(file, site.call.callee, site.scope);
      if (callee.t !== "function" || callee.file !== fileIndex || callee.scope !== fn.id) continue;
      value = this.#mergePassed(value, file, site.scope, site.call, name, index);
    }
    for (let i = 0; i < forwarded.length; i++) {
      const { file, scope, call } = forwarded[i];
      const callee = this.evaluate(file, call.callee, scope);
      if (callee.t !== "function" || callee.file !== fileIndex || callee.scope !== fn.id) continue;
      value = this.#mergePassed(value, file, scope, call, name, index);
    }
    return value;
  }

  /** {@linkcode #argumentsPassed} for the `__init__` of class `outer`. */
  #argumentsPassedToInit(fileIndex: number, outer: Scope, fn: Scope, name: string, index: number): PyValue {
    // Instantiating a subclass without its own `__init__` runs this one: those classes count too.
    const classes = [{ file: fileIndex, scope: outer }, ...this.#subclassesUsing(fileIndex, outer, fn)];
    const calledNames = [...new Set(classes.map((c) => c.scope.name))];
    const forwarded = this.#forwardedCalls(calledNames);
    let value: PyValue = UNKNOWN;
    const passed = (file: number, scope: number, call: Extract<PyExpr, { k: "call" }>) => {
      const callee = this.evaluate(file, call.callee, scope);
      if (
        callee.t !== "class" || !classes.some((c) => c.file === callee.file && c.scope.id === callee.scope)
      ) {
        return;
      }
      value = this.#mergePassed(value, file, scope, call, name, index);
    };
    for (const called of calledNames) {
      const { files, sites } = this.#callsNamed(called);
      for (let i = 0; i < sites.length; i++) passed(files[i], sites[i].scope, sites[i].call);
    }
    for (const { file, scope, call } of forwarded) passed(file, scope, call);
    // `super().__init__("cloudwatch")` in a subclass's method passes arguments to this `__init__` too.
    const inits = this.#callsNamed("__init__");
    for (let i = 0; i < inits.sites.length; i++) {
      const file = inits.files[i];
      const site = inits.sites[i];
      const callee = site.call.callee;
      if (callee.k !== "attr" || callee.object.k !== "call") continue;
      const inner = callee.object.callee;
      if (inner.k !== "name" || inner.name !== "super") continue;
      const scopes = this.#files[file].facts.scopes;
      const cls = scopes[scopes[site.scope].parent ?? 0];
      if (cls?.kind !== "class" || !this.#inherits(file, cls, fileIndex, outer.id, 0)) continue;
      value = this.#mergePassed(value, file, site.scope, site.call, name, index);
    }
    return value;
  }

  /** `value` merged with what `call` passes for parameter `name` (position `index`), if it passes it. */
  #mergePassed(
    value: PyValue,
    file: number,
    scope: number,
    call: Extract<PyExpr, { k: "call" }>,
    name: string,
    index: number,
  ): PyValue {
    for (const a of call.args) {
      if (!a.splat && (a.name === name || a.position === index)) {
        return mergeValues(value, this.evaluate(file, a.value, scope));
      }
    }
    return value;
  }

  /**
   * Calls that patterns' `forwards` hooks see made on the caller's behalf (`providers.Factory(Repo, t=x)`
   * makes `Repo(t=x)`), of a callable written with one of `names` (its last dotted part).
   */
  #forwardedCalls(names: string | readonly string[]): readonly ForwardedCall[] {
    const sites = this.#forwardingSites();
    if (sites.length === 0) return NO_FORWARDS;
    let out: ForwardedCall[] | undefined;
    for (let i = 0; i < sites.length; i++) {
      const { pattern, file, site, written } = sites[i];
      if (typeof names === "string" ? written !== names : !names.includes(written)) continue;
      const call = pattern.forwards!.call(site, this.context(file));
      if (call) (out ??= []).push({ file, scope: site.scope, call });
    }
    return out ?? NO_FORWARDS;
  }

  /**
   * The sites a `forwards` hook may claim, in pattern, method and site order, with the last dotted part of the
   * callable they forward (a cheap syntactic filter before the pattern evaluates anything). Built once.
   */
  #forwardingSites(): readonly { pattern: PythonPattern; file: number; site: CallSite; written: string }[] {
    if (!this.#forwarding) {
      this.#forwarding = [];
      for (const pattern of this.#forwarders) {
        for (const method of pattern.forwards!.methods) {
          const { files, sites } = this.#callsNamed(method);
          for (let i = 0; i < sites.length; i++) {
            const file = files[i];
            const site = sites[i];
            const first = site.call.args.find((a) => !a.splat && a.position === 0)?.value;
            const written = first?.k === "name" ? first.name : first?.k === "attr" ? first.name : undefined;
            if (written !== undefined) this.#forwarding.push({ pattern, file, site, written });
          }
        }
      }
    }
    return this.#forwarding;
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
        value: argumentValue(
          key.value === COPY_SOURCE
            ? this.#copySource(value.file, entry.value, value.scope)
            : this.evaluate(value.file, entry.value, value.scope),
          exprText(entry.value),
        ),
      });
    }
    if (expr.k === "name" && this.#mutated(fileIndex, scope, expr.name)) {
      out.push({ value: { kind: "unresolved", expression: `**${exprText(expr)}` }, splat: true });
    }
    return out;
  }

  /**
   * The value of a `CopySource=` argument: a dict (display, name bound to one, `dict(...)`) is read as the
   * string botocore makes of it (`boto3_copy_source.ts`); any other value as it is. The keyword is a member of
   * s3 CopyObject and UploadPartCopy alone (and of s3transfer's `copy`, which passes it on to them).
   */
  #copySource(fileIndex: number, expr: PyExpr, scope: number): PyValue {
    const value = this.evaluate(fileIndex, expr, scope);
    if (value.t !== "dict") return value;
    // A dict changed in place (`src["VersionId"] = v`) may differ from its display.
    if (expr.k === "name" && this.#mutated(fileIndex, scope, expr.name)) return UNKNOWN;
    return copySourceString((name) => this.#entryOf(value, { t: "string", value: name }));
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

  #callsNamed(name: string): CallsNamed {
    if (!this.#callsByName) {
      // Parallel arrays rather than an object per site: every site of the project is listed.
      this.#callsByName = new Map();
      for (const file of this.#files) {
        const calls = file.facts.calls;
        for (let i = 0; i < calls.length; i++) {
          const site = calls[i];
          let list = this.#callsByName.get(site.method);
          if (!list) this.#callsByName.set(site.method, list = { files: [], sites: [] });
          list.files.push(file.index);
          list.sites.push(site);
        }
      }
    }
    return this.#callsByName.get(name) ?? NO_CALLS;
  }

  #byPatterns(fileIndex: number, expr: PyExpr, scope: number): PyValue | undefined {
    const ctx = this.context(fileIndex);
    const patterns = this.#evaluatorsOf(expr.k);
    for (let i = 0; i < patterns.length; i++) {
      const value = patterns[i].evaluate!(expr, scope, ctx);
      if (value) return value;
    }
    return undefined;
  }

  /**
   * The patterns, in order, that may give a value to an expression of kind `k`: the others would return
   * `undefined` without reading anything (see `PythonPattern.evaluates`), so leaving them out changes nothing.
   */
  #evaluatorsOf(k: PyExpr["k"]): readonly PythonPattern[] {
    let list = this.#evaluators.get(k);
    if (!list) {
      list = this.#patterns.filter((p) => p.evaluate !== undefined && (p.evaluates?.includes(k) ?? true));
      this.#evaluators.set(k, list);
    }
    return list;
  }

  /** The value `name` has when read at offset `at` of `scope` (see the module doc for the rules). */
  lookup(fileIndex: number, scopeId: number, name: string, at: number, flow: boolean): PyValue {
    let scope: ScopeIndex | undefined = this.#scopeIndex(fileIndex, scopeId);
    let first = true;
    while (scope) {
      if (!first && !flow) return this.#outerLookup(fileIndex, scope, name);
      const found = this.#lookupIn(fileIndex, scope, name, at, flow, first);
      if (found) return found;
      // Leaving a function: its enclosing scopes have finished binding by the time it runs.
      if (scope.scope.kind === "function") flow = false;
      first = false;
      scope = scope.parent;
    }
    return UNKNOWN;
  }

  /**
   * {@linkcode lookup} carried on into `scope` from an inner scope once flow no longer matters: it depends
   * only on (scope, name), so it is kept per scope, unless a cycle cut it short (see `#memo`). A repeat
   * would only read cached bindings, so the depth it starts at does not matter.
   */
  #outerLookup(fileIndex: number, scope: ScopeIndex, name: string): PyValue {
    const cached = scope.outer?.get(name);
    if (cached) return cached;
    const cutShort = this.#cutShort;
    const value = this.#lookupIn(fileIndex, scope, name, Number.MAX_SAFE_INTEGER, false, false) ??
      (scope.parent ? this.#outerLookup(fileIndex, scope.parent, name) : UNKNOWN);
    if (this.#cutShort === cutShort) (scope.outer ??= new Map()).set(name, value);
    return value;
  }

  /** What `name` is in `scope` itself (`first`: the scope the lookup started in), or undefined. */
  #lookupIn(
    fileIndex: number,
    scope: ScopeIndex,
    name: string,
    at: number,
    flow: boolean,
    first: boolean,
  ): PyValue | undefined {
    if (!first && scope.scope.kind === "class") return undefined;
    if (scope.globals?.has(name) && scope.scope.id !== 0) {
      return this.lookup(fileIndex, 0, name, Number.MAX_SAFE_INTEGER, false);
    }
    const binding = pickBinding(scope, name, at, flow);
    if (binding >= 0) return this.#bindingValueAt(fileIndex, scope, binding);
    for (let i = 0; i < scope.stars.length; i++) {
      const star = scope.stars[i];
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
    return undefined;
  }

  /** Scope `scopeId` of file `fileIndex` prepared for lookups (built once). */
  #scopeIndex(fileIndex: number, scopeId: number): ScopeIndex {
    // Sized once: filled at any position, an empty array would grow (or turn sparse) as scopes are reached.
    const indexes = this.#scopeIndexes[fileIndex] ??= new Array(this.#files[fileIndex].facts.scopes.length);
    let index = indexes[scopeId];
    if (!index) {
      const scope = this.#files[fileIndex].facts.scopes[scopeId];
      // Small scopes (most functions) are scanned: indexing them would cost more than it saves.
      const named = scope.bindings.length > 64 ? new Map<string, number[]>() : undefined;
      let stars: Binding[] | undefined;
      for (let i = 0; i < scope.bindings.length; i++) {
        const b = scope.bindings[i];
        // Phase 1 names `from m import *` bindings `*`: the name is checked first, so that the other bindings'
        // values (a separate object each, of many thousands in a large project) are not read here.
        if (b.name === STAR_NAME && b.value.k === "star") (stars ??= []).push(b);
        else if (named) {
          const list = named.get(b.name);
          if (list) list.push(i);
          else named.set(b.name, [i]);
        }
      }
      index = {
        scope,
        parent: scope.parent === undefined ? undefined : this.#scopeIndex(fileIndex, scope.parent),
        named,
        stars: stars ?? NO_STARS,
        globals: scope.globals?.length ? new Set(scope.globals) : undefined,
        values: undefined,
        outer: undefined,
        params: undefined,
      };
      indexes[scopeId] = index;
    }
    return index;
  }

  /** The value of one binding of scope `scope`, evaluated once. */
  bindingValue(fileIndex: number, scope: number, binding: Binding): PyValue {
    const index = this.#scopeIndex(fileIndex, scope);
    const i = index.scope.bindings.indexOf(binding);
    return i < 0 ? this.#bindingValue(fileIndex, scope, binding) : this.#bindingValueAt(fileIndex, index, i);
  }

  /** The value of binding `i` of `scope`, evaluated once (kept by position: cheaper than by object). */
  #bindingValueAt(fileIndex: number, scope: ScopeIndex, i: number): PyValue {
    // Sized once: filled at any position, an empty array would grow (and be copied) a few times per scope.
    const values = scope.values ??= new Array(scope.scope.bindings.length);
    const cached = values[i];
    if (cached === "pending") {
      this.#cutShort++;
      return UNKNOWN; // a cycle such as `a = b; b = a`
    }
    if (cached) return cached;
    values[i] = "pending";
    let value: PyValue = UNKNOWN;
    try {
      value = this.#bindingValue(fileIndex, scope.scope.id, scope.scope.bindings[i]);
    } finally {
      values[i] = value;
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
      case "item": {
        // `s3, sqs = make_clients()` where it returns (or, entered by `with`, yields) `s3, sqs`.
        const of = this.evaluate(fileIndex, v.of, scope);
        return of.t === "sequence" ? this.#entryOf(of, { t: "number", value: v.index }) ?? UNKNOWN : UNKNOWN;
      }
      case "def":
        if (v.decorators && this.#isProperty(fileIndex, scope, v.decorators)) {
          return { t: "property", file: fileIndex, scope: v.scope };
        }
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
    const module = this.#scopeIndex(fileIndex, 0);
    const binding = pickBinding(module, name, Number.MAX_SAFE_INTEGER, false);
    return binding >= 0 ? this.#bindingValueAt(fileIndex, module, binding) : undefined;
  }

  /**
   * A module imported from `fileIndex`: relative imports from the file's package; absolute imports from the
   * file's directory, then each parent directory (Lambda handlers import siblings; `src/` layouts import from
   * the root); anything else is external.
   */
  resolveModule(fileIndex: number, dotted: string, level: number): PyValue {
    const relative = dotted.split(".").filter((p) => p !== "").join("/");
    const here = this.#dirOfFile[fileIndex] ??= dirOf(normalize(this.#files[fileIndex].path));
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
    drop?: readonly string[],
  ): CallArgument[] {
    const out: CallArgument[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg.name !== undefined && drop?.includes(arg.name)) continue;
      // A `**splat` stays as written (upstream parity: extract-sdk-calls reports arguments as in the source);
      // patterns that need its keys (service names, resource identifiers, presigned Params) call expandDict.
      const value = arg.splat
        ? {
          kind: "unresolved" as const,
          expression: arg.splat === "dict" ? `**${exprText(arg.value)}` : exprText(arg.value),
        }
        : argumentValue(
          arg.name === COPY_SOURCE
            ? this.#copySource(fileIndex, arg.value, scope)
            : this.evaluate(fileIndex, arg.value, scope),
          exprText(arg.value),
        );
      out.push(callArgument(value, arg));
    }
    return out;
  }
}

/** The {@linkcode CallArgument} of `arg`, valued `value`. */
function callArgument(value: ArgumentValue, arg: PyArg): CallArgument {
  // One literal per common shape: keys added one by one would give each object a property store of its own.
  if (!arg.splat) {
    if (arg.name !== undefined && arg.position === undefined) return { value, name: arg.name };
    if (arg.name === undefined && arg.position !== undefined) return { value, position: arg.position };
  }
  const item: CallArgument = { value };
  if (arg.name !== undefined) item.name = arg.name;
  if (arg.position !== undefined) item.position = arg.position;
  if (arg.splat) item.splat = true;
  return item;
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

/** What an attribute is read on: an instance or a class of the project. */
type Receiver = Extract<PyValue, { t: "instance" | "class" }>;

/** A class of the project: its file and scope. */
interface ClassRef {
  file: number;
  scope: number;
}

/** What a base class and a subclass may each give for one attribute; `None` and unknown give way. */
function mergeVariants(a: PyValue, b: PyValue): PyValue {
  if (b.t === "unknown" || (b.t === "const" && b.value === null)) return a.t === "unknown" ? b : a;
  if (a.t === "unknown" || (a.t === "const" && a.value === null)) return b;
  return mergeValues(a, b);
}

/** A name read as a known value in a rewritten expression (see `PythonTracker#rewritten`), under `key`. */
interface Substitution {
  name: string;
  value: PyValue;
  key: string;
}

/** A value remembered for an expression evaluated in (`file`, `scope`); see `#memo`. */
interface MemoEntry {
  expr: PyExpr | undefined;
  file: number;
  scope: number;
  value: PyValue;
  need: number;
}

/** A scope prepared for lookups: its bindings by name, and what lookups and parameters gave there. */
interface ScopeIndex {
  readonly scope: Scope;
  readonly parent: ScopeIndex | undefined;
  /** Positions of the bindings by name, in order (`from m import *` left out); only for scopes with many. */
  readonly named: Map<string, number[]> | undefined;
  /** The `from m import *` bindings, in order. */
  readonly stars: readonly Binding[];
  /** Names declared `global`, when any. */
  readonly globals: ReadonlySet<string> | undefined;
  /** Binding position → its value (`#bindingValueAt`). */
  values: (PyValue | "pending")[] | undefined;
  /** Name → its value when an inner scope's lookup carries on here (see `#outerLookup`). */
  outer: Map<string, PyValue> | undefined;
  /** Parameter name → the values passed for it (`#paramValue`; only for parameters that share a name). */
  params: Map<string, PyValue | "pending"> | undefined;
  /** Classes: field name → what constructor calls pass for it (`#fieldPassed`). */
  fields?: Map<string, PyValue | "pending">;
}

const NO_POSITIONS: readonly number[] = Object.freeze([]);

/** The `stars` of the many scopes without `from m import *` (shared: nobody changes it). */
const NO_STARS: readonly Binding[] = Object.freeze([]);

/** The name phase 1 gives `from m import *` bindings (`Collector#bind`): no Python name is spelt so. */
const STAR_NAME = "*";

/**
 * The position of the binding of `name` a read at `at` of `scope` sees (-1: none): the last one at or before
 * `at` when `flow`, else (or when there is none) the last one.
 */
function pickBinding(scope: ScopeIndex, name: string, at: number, flow: boolean): number {
  const bindings = scope.scope.bindings;
  let before = -1;
  let last = -1;
  if (scope.named) {
    const positions = scope.named.get(name) ?? NO_POSITIONS;
    for (let j = 0; j < positions.length; j++) {
      const i = positions[j];
      const b = bindings[i];
      if (last < 0 || b.at >= bindings[last].at) last = i;
      if (flow && b.at <= at && (before < 0 || b.at >= bindings[before].at)) before = i;
    }
  } else {
    for (let i = 0; i < bindings.length; i++) {
      const b = bindings[i];
      if (b.name !== name || b.value.k === "star") continue;
      if (last < 0 || b.at >= bindings[last].at) last = i;
      if (flow && b.at <= at && (before < 0 || b.at >= bindings[before].at)) before = i;
    }
  }
  return before >= 0 ? before : last;
}

/** True when another parameter of `bindings` has the name of parameter `param`. */
function hasNamesake(bindings: readonly Binding[], param: Binding): boolean {
  for (let i = 0; i < bindings.length; i++) {
    const b = bindings[i];
    if (b !== param && b.name === param.name && b.value.k === "param") return true;
  }
  return false;
}

/** True for `app.state` and `<anything>.app.state`, as phase 1 recognises them (`Collector#isAppState`). */
function isAppState(expr: PyExpr): boolean {
  if (expr.k !== "attr" || expr.name !== "state") return false;
  const app = expr.object;
  return (app.k === "name" && app.name === "app") || (app.k === "attr" && app.name === "app");
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
