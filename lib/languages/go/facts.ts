/**
 * Phase-1 facts of one Go file: a symbolic, JSON-safe picture of its imports, type declarations, functions
 * (with their local bindings) and every `x.Method(...)` call site. Nothing is evaluated here: what a name
 * means may depend on another file of the same package (`type Store struct{ client *s3.Client }` in
 * `store.go`, used from `handler.go`), which only phase 2 sees.
 *
 * @module
 */
import type { SourceLocation } from "../../types.ts";

/**
 * A type as written: `*s3.Client` is `{ pkg: "s3", name: "Client", pointer: true }`; unnamed types (slices,
 * maps, function types) keep only their text.
 */
export interface GoTypeRef {
  /** Import name (alias or last path segment) of a qualified type. */
  pkg?: string;
  /** Type name; absent for unnamed types. */
  name?: string;
  pointer?: boolean;
  text: string;
}

/** A Go expression, reduced to what the patterns look at. Every node keeps its (trimmed) source text. */
export type GoExpr =
  /** A name read at byte offset `at` (block-scoped lookup needs the position). */
  | { k: "name"; name: string; at: number; text: string }
  | { k: "sel"; object: GoExpr; name: string; text: string }
  | { k: "call"; id: string; callee: GoExpr; args: GoExpr[]; text: string }
  /** `T{...}`: keyed elements have a `name`; positional ones do not. */
  | { k: "composite"; type: GoTypeRef; fields: { name?: string; value: GoExpr }[]; text: string }
  /** `&x` */
  | { k: "addr"; operand: GoExpr; text: string }
  | { k: "str"; value: string; text: string }
  | { k: "num"; value: number; text: string }
  | { k: "const"; value: boolean | null; text: string }
  | { k: "binop"; op: string; left: GoExpr; right: GoExpr; text: string }
  /** A function literal: its body is function `fn` of the same file. */
  | { k: "funclit"; fn: number; text: string }
  /** Anything else (index, slice, type assertion, ...): only the text is kept. */
  | { k: "other"; text: string };

/** What a binding gives its name. */
export type GoBindingValue =
  /** `x := f()` / `x, err := f()`: `index` picks the result of a multi-value call. */
  | { k: "expr"; expr: GoExpr; index?: number }
  /** `var x T`, a parameter or a receiver: only the declared type is known. */
  | { k: "type"; type: GoTypeRef }
  /** `var x T = expr`: both. */
  | { k: "typed"; type: GoTypeRef; expr: GoExpr }
  /** Bound to something not modelled (range variables, type switches). */
  | { k: "unknown" };

/** A local binding, visible from byte offset `at` to `end` (its block's end). */
export interface GoBinding {
  name: string;
  at: number;
  end: number;
  value: GoBindingValue;
}

/** `x.Field = value` inside a function: inputs built field by field. */
export interface GoFieldAssign {
  target: string;
  field: string;
  at: number;
  value: GoExpr;
}

/** A parameter or result: name (if any) and type. */
export interface GoParam {
  name?: string;
  type: GoTypeRef;
}

/** A function declaration, method declaration or function literal. */
export interface GoFunc {
  /** Index in {@linkcode GoFileFacts.funcs}. */
  id: number;
  /** Name; `<literal>` for function literals. */
  name: string;
  /** For methods: the receiver type name (pointer stripped). */
  receiverType?: string;
  /** Enclosing function of a literal (closures read its bindings). */
  parent?: number;
  params: GoParam[];
  results: GoTypeRef[];
  start: number;
  end: number;
  bindings: GoBinding[];
  fieldAssigns: GoFieldAssign[];
}

/** A method of an interface type, with its parameter and result types. */
export interface GoInterfaceMethod {
  name: string;
  params: GoTypeRef[];
  results: GoTypeRef[];
}

/** A struct field; embedded fields have no name (their type name is the field name). */
export interface GoField {
  name?: string;
  type: GoTypeRef;
}

/** A type declaration of the package. */
export interface GoTypeDecl {
  name: string;
  kind: "struct" | "interface" | "named";
  /** struct: fields in order. */
  fields: GoField[];
  /** interface: methods. */
  methods: GoInterfaceMethod[];
  /** interface: embedded interfaces and type elements. */
  embeds: GoTypeRef[];
  /** named (`type API s3.Client`, `type API = S3API`): the underlying type. */
  underlying?: GoTypeRef;
}

/** A package-level `var` or `const`. */
export interface GoGlobal {
  name: string;
  value: GoBindingValue;
}

/** A composite literal of a type named in this package (`&Handler{bucket: os.Getenv("B")}`): field values. */
export interface GoStructInit {
  type: string;
  field: string;
  value: GoExpr;
  /** Function the literal is in (-1: package level). */
  fn: number;
}

/** A call whose callee is a selector (`receiver.Method(...)`): the candidates for SDK calls. */
export interface GoCallSite {
  /** Same id as the call's {@linkcode GoExpr} node (`c<start>-<end>`). */
  id: string;
  /** Function the call is in (-1: package level initialiser). */
  fn: number;
  at: number;
  call: Extract<GoExpr, { k: "call" }>;
  receiver: GoExpr;
  method: string;
  location: SourceLocation;
  /**
   * Set on {@linkcode GoFileFacts.methodValues} sites only: `"argument"` for an uncalled `receiver.Method`
   * (or a local bound to one) passed to `call`; `"binding"` for `call` invoking a local bound to one
   * (`f := client.Method; f(ctx, in)`).
   */
  methodValue?: "argument" | "binding";
}

/** One import: `name` is the alias, or the path's last segment (minus a `/vN` suffix). */
export interface GoImport {
  name: string;
  path: string;
}

/** Facts of one Go file. */
export interface GoFileFacts {
  /** `package` clause name. */
  packageName: string;
  /** Directory of the file (forward slashes, `.` for none): a Go package is a directory. */
  dir: string;
  imports: GoImport[];
  types: GoTypeDecl[];
  globals: GoGlobal[];
  funcs: GoFunc[];
  structInits: GoStructInit[];
  calls: GoCallSite[];
  /**
   * Uncalled selectors with an exported name (`x.Method` — maybe a method value, maybe a field) passed to a
   * call or called through a local: `receiver` and `method` name the selector, `call` is the call using it.
   */
  methodValues: GoCallSite[];
}
