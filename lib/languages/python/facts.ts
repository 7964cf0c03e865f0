/**
 * Phase-1 facts of one Python file: a symbolic, JSON-safe picture of its scopes, bindings and call sites.
 * Expressions are kept as small trees ({@linkcode PyExpr}) rather than evaluated, because what a name means
 * may depend on another module (`from helpers import s3`), which only phase 2 can see.
 *
 * @module
 */
import type { SourceLocation } from "../../types.ts";
import { trimText } from "../shared/file_facts.ts";
import type { PyValue } from "./values.ts";

/**
 * A Python expression, reduced to what the patterns look at. Every node keeps its (trimmed) source text, but
 * names and constants, whose text is their name or keyword, leave it out: read it with {@linkcode exprText}.
 */
export type PyExpr =
  /** A name read at byte offset `at` of its scope (flow-sensitive lookup needs the position). */
  | { k: "name"; name: string; at: number }
  | { k: "attr"; object: PyExpr; name: string; text: string }
  | { k: "call"; id: string; callee: PyExpr; args: PyArg[]; text: string }
  /** `rest`: the indices after the first of `Annotated[Table, Depends(get_table)]` (no other subscript's). */
  | { k: "subscript"; object: PyExpr; index: PyExpr; rest?: PyExpr[]; text: string }
  | { k: "str"; value: string; text: string }
  /** f-string: literal parts and interpolated expressions, in order. */
  | { k: "fstr"; parts: (string | PyExpr)[]; text: string }
  | { k: "num"; value: number; text: string }
  /** `None`, `True` or `False`. */
  | { k: "const"; value: boolean | null }
  | { k: "binop"; op: string; left: PyExpr; right: PyExpr; text: string }
  /** A dict display; `key` is absent for `**other` entries. Kept so `f(**params)` can expand its keys. */
  | { k: "dict"; entries: { key?: PyExpr; value: PyExpr }[]; text: string }
  /** A list, tuple or set display of plain items (strings, numbers, names): `SERVICES = ("s3", "sqs")`. */
  | { k: "seq"; items: PyExpr[]; text: string }
  /**
   * A comprehension. Its loop variables are bound in scope `scope`, where `value` (and a dict's `key`) are read;
   * `target` is the loop variable when there is one loop, over a plain name.
   */
  | {
    k: "comp";
    kind: "dict" | "list" | "set" | "generator";
    scope: number;
    key?: PyExpr;
    value: PyExpr;
    target?: string;
    text: string;
  }
  /**
   * A lambda, whose function scope is `scope` (its body is that scope's one `returns` value). Kept so a lambda
   * handed on as a factory (`field(default_factory=lambda: boto3.client("sqs"))`, `make = lambda: ...`) gives
   * what it builds when called.
   */
  | { k: "lambda"; scope: number; text: string }
  /** One element of an iterable: the target of `for x in <of>` (a collection's items, a list of messages). */
  | { k: "iter"; of: PyExpr; text: string }
  /** A type hint in value position, made by the tracker for annotated parameters (`s3: S3Client`). */
  | { k: "hint"; type: PyExpr; text: string }
  /**
   * An expression whose value is known, made by the tracker only (never in phase-1 facts): `self` read as a
   * subclass's instance, a comprehension's loop variable read as one key.
   */
  | { k: "value"; value: PyValue; text: string }
  /** Anything else (a list of calls, a conditional expression, ...): only the text is kept. */
  | { k: "other"; text: string };

/** One argument of a call, before evaluation. */
export interface PyArg {
  /** Keyword name (`Bucket=`). */
  name?: string;
  /** 0-based position among positional arguments. */
  position?: number;
  /** `**kwargs` (dictionary splat) or `*args` (list splat). */
  splat?: "dict" | "list";
  value: PyExpr;
}

/** What a binding assigns to its name. */
export type BindingValue =
  | { k: "expr"; expr: PyExpr }
  /** `import a.b` binds `a` to module `a`; `import a.b as x` binds `x` to module `a.b`. */
  | { k: "import"; module: string }
  /** `from .m import n`: `level` leading dots, `module` may be empty (`from . import n`). */
  | { k: "from"; module: string; level: number; name: string }
  /** `from m import *`: recorded so phase 2 can look names up in `m`. */
  | { k: "star"; module: string; level: number }
  /**
   * A function parameter: `annotationExpr` is the type hint as an expression (`S3Client`, `"Table"`,
   * `Optional[S3Client]`), evaluated in the enclosing scope.
   */
  | { k: "param"; annotationExpr?: PyExpr; defaultValue?: PyExpr; index: number }
  /**
   * A `def` or `class`; `decorators` (methods only, when they have any) are the expressions after each `@`,
   * evaluated in the class body: `@property` and `@functools.cached_property` make an attribute.
   */
  | { k: "def"; kind: "function" | "class"; scope: number; decorators?: PyExpr[] }
  /**
   * Item `index` of what `of` gives, for a name unpacked from it: `s3, sqs = make_clients()`,
   * `async with clients() as (s3, sqs)` (what `with` binds: `of` is the context manager, as for a plain name).
   */
  | { k: "item"; of: PyExpr; index: number }
  /** Bound, but to something the tracker does not model (loop target, except alias, augmented assignment). */
  | { k: "unknown"; text: string };

/** One name binding inside a scope, at byte offset `at`. */
export interface Binding {
  name: string;
  at: number;
  value: BindingValue;
}

/**
 * A module, function, lambda or class body, or a comprehension (which binds its loop variables in a scope of
 * its own, read as it runs: no flow boundary, unlike a function).
 */
export interface Scope {
  id: number;
  kind: "module" | "function" | "class" | "comprehension";
  /** Enclosing scope id; undefined for the module. */
  parent?: number;
  /** Function or class name (`<module>` for the module). */
  name: string;
  /** Names declared `global` (their bindings go to the module scope); absent when none. */
  globals?: string[];
  /** Names declared `nonlocal`; absent when none. */
  nonlocals?: string[];
  bindings: Binding[];
  /**
   * Functions: the expressions of their `return` statements (factories returning clients); a lambda's body, when
   * the lambda is reduced to an expression (see `PyExpr` `lambda`).
   */
  returns?: PyExpr[];
  /** Generator functions: the expressions of their `yield` statements (not `yield from`). */
  yields?: PyExpr[];
  /**
   * Functions: the class their return annotation names, as a dotted name (`-> AwsClients`, `-> "S3Client"`,
   * `-> Optional[Repo]`), when it is one; what they give when their `return` values say nothing.
   */
  returnHint?: string;
  /**
   * Classes: the annotated names of the class body, in order (dataclass fields: `s3: "S3Client"`,
   * `retries: int = 3`); `annotation` when it names a class (a dotted name), `assigned` when a value is given.
   */
  declared?: { name: string; annotation?: string; assigned?: true }[];
  /**
   * Functions decorated `@contextmanager` / `@asynccontextmanager` (bare or as `contextlib.`): what `with f() as x`
   * binds is what they yield.
   */
  contextManager?: true;
  /** Methods decorated `@classmethod` (the first parameter is the class) or `@staticmethod` (no instance). */
  methodKind?: "classmethod" | "staticmethod";
  /** Classes: base class expressions (attributes are inherited). */
  bases?: PyExpr[];
  /** Classes: `self.x = ...` assignments made in its methods; `scope` is the method's scope. */
  attributes?: AttributeBinding[];
  /** Names mutated in place in this scope (`params["K"] = v`, `params.update(...)`): their dicts are open. */
  mutated?: string[];
  /**
   * Objects stored under a key of a dict named by a plain name (`_clients[region] = boto3.client(...)`: a cache)
   * or held by an attribute of the instance (`self._cache[name] = ...` in a method), made in this scope. Only
   * values that may be objects (calls, names, attributes) stored in a dict bound (or assigned to such an
   * attribute) earlier in the file to `{}` or `dict()` are kept.
   */
  items?: ItemAssignment[];
}

/** `name[key] = value` or `self.name[key] = value` (see `Scope.items`). */
export interface ItemAssignment {
  /** The dict's name, or the name of the attribute holding it. */
  name: string;
  at: number;
  value: PyExpr;
  /** For an attribute: the attribute read (`self._cache`). */
  target?: Extract<PyExpr, { k: "attr" }>;
}

/** An assignment to an attribute of the instance (`self.s3 = boto3.client("s3")` inside a method). */
export interface AttributeBinding {
  name: string;
  /** Scope of the method whose body holds the assignment. */
  scope: number;
  at: number;
  value: PyExpr;
}

/**
 * An assignment to an attribute of an object named by a plain name (`_local.s3 = boto3.client("s3")`): kept only
 * for names bound earlier in the file to `threading.local()` (or `local()`), whose attributes the tracker reads
 * wherever they are assigned.
 */
export interface NameAttributeBinding extends AttributeBinding {
  /** The name read (`_local`). */
  object: Extract<PyExpr, { k: "name" }>;
}

/** A call whose callee is an attribute (`receiver.method(...)`): the candidates for SDK calls. */
export interface CallSite {
  /** Same id as the call's {@linkcode PyExpr} node (`c<start>-<end>`: chained calls share their start), so values can refer back. */
  id: string;
  scope: number;
  at: number;
  /** The whole call expression. */
  call: Extract<PyExpr, { k: "call" }>;
  receiver: PyExpr;
  method: string;
  location: SourceLocation;
  /**
   * A call of a plain name (`get_parameter("/x")`, `DynamoDBPersistenceLayer(...)`): `receiver` is empty and
   * `method` is the name. Only patterns that know such callables (library models) claim these.
   */
  bare?: boolean;
}

/**
 * A method read as a value instead of being called: stored (`actions = {"disable": cognito.admin_disable_user}`,
 * `self.post = client.post_to_connection`), passed (`Broadcaster(post=client.post_to_connection)`) or returned.
 * Phase 2 reads it as a call of the method without arguments, once every call site was emitted.
 */
export interface MethodReference {
  scope: number;
  at: number;
  /** The attribute read (`client.post_to_connection`). */
  expr: Extract<PyExpr, { k: "attr" }>;
  location: SourceLocation;
  /**
   * When the reference is a positional argument of a call: that call's id and the argument's position (a
   * wrapper such as `functools.partial(client.method, ...)` calls it with the wrapper's arguments).
   */
  argumentOf?: { call: string; position: number };
}

/**
 * An attribute read that is not called (`stack.outputs`, `obj.content_length`): reading a data attribute of a
 * boto3 resource made from identifiers alone loads it. Left out: callees, the inner links of a chain
 * (`a.b` of `a.b.c`) except the receiver of a method call (`a.b` of `a.b.get(k)`), names that no resource
 * attribute has (not snake_case) and reads on `self` / `cls`.
 */
export interface AttributeRead {
  scope: number;
  at: number;
  read: Extract<PyExpr, { k: "attr" }>;
  location: SourceLocation;
}

/** Facts of one Python file. */
export interface PythonFileFacts {
  /** Dotted module name guessed from the path (`pkg/helpers.py` → `pkg.helpers`); used for imports. */
  modulePath: string;
  /** True for `__init__.py` (relative imports start at the package itself). */
  isPackage: boolean;
  scopes: Scope[];
  calls: CallSite[];
  /** Methods referenced without being called (absent when none). */
  references?: MethodReference[];
  /**
   * Assignments to `app.state.<name>` (also through `request.app`, `self.app`...): the application state of
   * Starlette and FastAPI, one object shared by everything that reaches the app (absent when none).
   */
  appState?: AttributeBinding[];
  /** Assignments to attributes of thread-local objects (see {@linkcode NameAttributeBinding}), when any. */
  localAttributes?: NameAttributeBinding[];
  /** Attribute reads (see {@linkcode AttributeRead}), when there are any. */
  reads?: AttributeRead[];
}

/**
 * The (trimmed) source text of an expression: names and constants do not carry it, it is what they read.
 *
 * @example
 * ```ts
 * import { exprText } from "./facts.ts";
 * exprText({ k: "name", name: "s3", at: 0 }); // "s3"
 * exprText({ k: "const", value: null }); // "None"
 * ```
 */
export function exprText(expr: PyExpr): string {
  switch (expr.k) {
    case "name":
      return trimText(expr.name);
    case "const":
      return expr.value === null ? "None" : expr.value ? "True" : "False";
    default:
      return expr.text;
  }
}
