/**
 * The shape of a TypeScript / JavaScript SDK pattern. Each file under `patterns/` exports one
 * {@linkcode TsPattern}; the plug-in runs them in order. A pattern can
 * - give meaning to an expression (`evaluate`: `process.env.X` is an environment variable;
 *   `DynamoDBDocumentClient.from(ddb)` is a DynamoDB client), which the tracker then carries through
 *   bindings, imports, class members, parameters and object properties;
 * - say what an instance of a package class is (`instance`: `new S3Client()` and a parameter declared
 *   `client: S3Client` are both s3 clients);
 * - claim a call or `new` site and turn it into {@linkcode SdkCall}s (`emit`).
 *
 * @module
 */
import type { KnowledgeBase } from "../../knowledge/knowledge_base.ts";
import type { CallArgument, SdkCall } from "../../types.ts";
import type { CallSite, JsArg, JsExpr } from "./facts.ts";
import type { JsValue } from "./values.ts";

/** What a pattern sees while evaluating or emitting in one file. */
export interface PatternContext {
  readonly kb: KnowledgeBase;
  /** Path of the file being linked. */
  readonly file: string;
  /** Index of the file in the linked project. */
  readonly fileIndex: number;
  /** Evaluates an expression of this file in `scope`. */
  evaluate(expr: JsExpr, scope: number): JsValue;
  /**
   * The request members an argument passes: an object literal (directly or through a variable) gives one
   * named argument per property (`...spread` gives a splat); anything else one unresolved positional one.
   */
  requestArguments(arg: JsArg | undefined, scope: number): CallArgument[];
  /** {@linkcode requestArguments} of an already evaluated value (`text` names it when unresolved). */
  valueArguments(value: JsValue, text: string): CallArgument[];
  /** `value.prop`, as the tracker sees it (object literals, class members, module exports...). */
  member(value: JsValue, prop: string): JsValue;
  /**
   * Every value `expr` may take: each branch of `c ? a : b`, `a || b` and `a ?? b` (also through `const x =`
   * bindings), and every property value of an object literal indexed by a non-literal key (`MAP[action]`).
   * Other expressions give their one {@linkcode evaluate}d value.
   */
  alternatives(expr: JsExpr, scope: number): JsValue[];
  /** botocore services of the `@aws-sdk/client-*` packages this file imports (statically or dynamically). */
  importedServices(): string[];
  /**
   * When `expr` is a name bound to a whole, untyped parameter of a project function (`Cmd` in
   * `const call = (client, Cmd, input) => client.send(new Cmd(input))`): that parameter's position and the
   * project's call sites of the function, so a pattern can pair the values one call site passes
   * (its command class with its own input). `undefined` for anything else.
   */
  paramCallers(expr: JsExpr, scope: number): ParamCallers | undefined;
}

/** The call sites feeding one parameter (see {@linkcode PatternContext.paramCallers}). */
export interface ParamCallers {
  /** Scope of the function whose parameter it is. */
  fn: number;
  /** Position of the parameter. */
  index: number;
  /** Each call site of the function: the pattern context of its file, its scope and its arguments. */
  callers: { context: PatternContext; scope: number; args: JsArg[] }[];
}

/** A call site with the context to emit it. */
export interface EmitInput {
  site: CallSite;
  /** Builds the SdkCall of this site; `fields` override the defaults. */
  makeCall(fields: Partial<SdkCall> & Pick<SdkCall, "pattern" | "method">): SdkCall;
}

/** One SDK idiom of JavaScript / TypeScript. */
export interface TsPattern {
  /** Stable id, `typescript/<file name>`. */
  readonly id: string;
  /** The value of `expr` when this pattern recognises it; `undefined` lets others (and the tracker) try. */
  evaluate?(expr: JsExpr, scope: number, ctx: PatternContext): JsValue | undefined;
  /** What an instance of package export `symbol` is (for `new X()` and declared types). */
  instance?(symbol: Extract<JsValue, { t: "symbol" }>, ctx: PatternContext): JsValue | undefined;
  /** SdkCalls for a site; `undefined` when the pattern does not claim it, `[]` to claim it without a call. */
  emit?(input: EmitInput, ctx: PatternContext): SdkCall[] | undefined;
}

/**
 * The callee's value of a call or `new` site, when it is an export of a package.
 *
 * @example
 * ```ts ignore
 * calleeSymbol(site, ctx); // { t: "symbol", module: "@aws-sdk/client-s3", name: "GetObjectCommand" }
 * ```
 */
export function calleeSymbol(
  site: CallSite,
  ctx: PatternContext,
): Extract<JsValue, { t: "symbol" }> | undefined {
  const value = ctx.evaluate(site.expr.callee, site.scope);
  return value.t === "symbol" ? value : undefined;
}

/**
 * Every package export the callee of a call or `new` site may be (see {@linkcode PatternContext.alternatives}):
 * `new (on ? EnableCommand : DisableCommand)()` gives both.
 *
 * @example
 * ```ts ignore
 * calleeSymbols(site, ctx).map((s) => s.name); // ["AdminEnableUserCommand", "AdminDisableUserCommand"]
 * ```
 */
export function calleeSymbols(site: CallSite, ctx: PatternContext): Extract<JsValue, { t: "symbol" }>[] {
  const out = new Map<string, Extract<JsValue, { t: "symbol" }>>();
  for (const value of ctx.alternatives(site.expr.callee, site.scope)) {
    if (value.t === "symbol") out.set(`${value.module}\0${value.name}`, value);
  }
  return [...out.values()];
}

/**
 * For `receiver.method(...)` sites: the receiver's value and the method name.
 *
 * @example
 * ```ts ignore
 * methodCall(site, ctx); // { receiver: { t: "instance", cls: "S3", ... }, method: "getObject" }
 * ```
 */
export function methodCall(
  site: CallSite,
  ctx: PatternContext,
): { receiver: JsValue; method: string } | undefined {
  const callee = site.expr.callee;
  if (site.expr.k !== "call" || callee.k !== "member") return undefined;
  return { receiver: ctx.evaluate(callee.object, site.scope), method: callee.prop };
}
