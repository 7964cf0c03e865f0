/**
 * Phase-1 facts of one TypeScript / JavaScript file: a symbolic, JSON-safe picture of its scopes, bindings,
 * class members, exports and call sites. Expressions are small trees ({@linkcode JsExpr}) rather than values,
 * because what a name means may depend on another module (`import { s3 } from "./clients"`), which only
 * phase 2 can see.
 *
 * @module
 */
import type { SourceLocation } from "../../types.ts";

/** A JS/TS expression, reduced to what the patterns look at. Every node keeps its (trimmed) source text. */
export type JsExpr =
  /** A name read at byte offset `at` (flow-sensitive lookup needs the position). */
  | { k: "name"; name: string; at: number; text: string }
  | { k: "member"; object: JsExpr; prop: string; text: string }
  | { k: "index"; object: JsExpr; index: JsExpr; text: string }
  /** `f(...)`; `id` identifies the node (`c<start>-<end>`) for caching and call-site lookup. */
  | { k: "call"; id: string; callee: JsExpr; args: JsArg[]; text: string }
  | { k: "new"; id: string; callee: JsExpr; args: JsArg[]; text: string }
  /** `require("m")` or `import("m")` (awaited or not): the module's namespace. */
  | { k: "import"; module: string; text: string }
  | { k: "str"; value: string; text: string }
  /** Template literal: literal parts and substitutions, in order. */
  | { k: "tmpl"; parts: (string | JsExpr)[]; text: string }
  | { k: "num"; value: number; text: string }
  | { k: "const"; value: boolean | null; text: string }
  | { k: "obj"; props: JsProp[]; text: string }
  /** A function or arrow function expression; `scope` is its body's scope. */
  | { k: "fn"; scope: number; text: string }
  /** A class expression. */
  | { k: "class"; scope: number; text: string }
  /** `this` inside class `cls` (a class scope id), or -1 outside classes. */
  | { k: "this"; cls: number; text: string }
  | { k: "binop"; op: string; left: JsExpr; right: JsExpr; text: string }
  /** `a ?? b`, `a || b`, `c ? a : b`: any of `options` (the first informative one is used). */
  | { k: "either"; options: JsExpr[]; text: string }
  /** Anything else (array, regex, ...): only the text is kept. */
  | { k: "other"; text: string };

/** One property of an object literal; `key` is absent for spreads. */
export interface JsProp {
  key?: string;
  value: JsExpr;
  spread?: boolean;
}

/** One call argument (JavaScript has only positional arguments; `spread` for `...xs`). */
export interface JsArg {
  value: JsExpr;
  spread?: boolean;
}

/** What a binding assigns to its name. */
export type BindingValue =
  | { k: "expr"; expr: JsExpr }
  /** ES import: `name` is the imported export, `*` for a namespace, `default` for a default import. */
  | { k: "import"; module: string; name: string }
  /**
   * A parameter of function scope `fn` at `index`; `path` walks into a destructuring pattern
   * (`({ s3 }) => ...` is index 0, path `["s3"]`). `type` is the declared type, as an expression.
   */
  | { k: "param"; fn: number; index: number; path: string[]; type?: JsExpr; defaultValue?: JsExpr }
  /** `let s3: S3Client;` declared with a type but no value. */
  | { k: "typed"; type: JsExpr }
  | { k: "def"; kind: "function" | "class"; scope: number }
  /** `interface Deps { s3: S3Client }` / `type Deps = { ... }`: property → declared type. */
  | { k: "typedef"; props: Record<string, JsExpr> }
  | { k: "unknown"; text: string };

/** One name binding inside a scope, at byte offset `at`. */
export interface Binding {
  name: string;
  at: number;
  value: BindingValue;
}

/** A member of a class: a field, a `this.x = ...` assignment, a parameter property or a method. */
export interface ClassMember {
  name: string;
  /** Scope in which `value` / `type` are evaluated. */
  scope: number;
  value?: JsExpr;
  type?: JsExpr;
  /** For methods: the function scope. */
  method?: number;
}

/** A module, function or class scope (blocks belong to their function). */
export interface Scope {
  id: number;
  kind: "module" | "function" | "class";
  parent?: number;
  name: string;
  bindings: Binding[];
  /** Functions: the returned expressions (an arrow's expression body included). */
  returns: JsExpr[];
  /** Classes: members, in source order. */
  members: ClassMember[];
  /** Classes: the `extends` expression. */
  superclass?: JsExpr;
}

/** What a module exports. */
export type ExportEntry =
  /** `export const x`, `export { a as x }`, `exports.x = ...`, `export default ...` (name `default`). */
  | { k: "value"; name: string; expr: JsExpr }
  /** `export { a as x } from "m"` (`from` is the name in `m`); `export * as ns from "m"` has `from: "*"`. */
  | { k: "from"; name: string; module: string; from: string }
  /** `export * from "m"`. */
  | { k: "star"; module: string }
  /** `module.exports = expr`: the whole namespace. */
  | { k: "cjs"; expr: JsExpr };

/** A call or `new` expression: the candidates for SDK calls. */
export interface CallSite {
  scope: number;
  /** The call (`k: "call"` or `"new"`). */
  expr: Extract<JsExpr, { k: "call" | "new" }>;
  location: SourceLocation;
}

/** Facts of one TypeScript / JavaScript file. */
export interface TsFileFacts {
  scopes: Scope[];
  exports: ExportEntry[];
  calls: CallSite[];
  /** Every module specifier the file imports, requires or dynamically imports, in source order. */
  imports: string[];
}
