/**
 * The shape of a Python SDK pattern. Each file under `patterns/` exports one {@linkcode PythonPattern}; the
 * plug-in runs them in order. A pattern can
 * - give meaning to an expression (`evaluate`: `boto3.client("s3")` is an s3 client), which the tracker then
 *   carries through assignments, aliases and imports, and
 * - claim a call site and turn it into {@linkcode SdkCall}s (`emit`), or an attribute read (`emitRead`), and
 * - add calls once every site was seen (`finish`: paginators created but never used).
 *
 * @module
 */
import type { KnowledgeBase } from "../../knowledge/knowledge_base.ts";
import type { CallArgument, SdkCall } from "../../types.ts";
import type { AttributeRead, CallSite, MethodReference, PyArg, PyExpr } from "./facts.ts";
import type { PyValue } from "./values.ts";

/** What a pattern sees while evaluating or emitting in one file. */
export interface PatternContext {
  readonly kb: KnowledgeBase;
  /** Path of the file being linked. */
  readonly file: string;
  /** Index of the file in the linked project (for `site` ids and module values). */
  readonly fileIndex: number;
  /** Evaluates an expression of this file in `scope`. */
  evaluate(expr: PyExpr, scope: number): PyValue;
  /** Converts call arguments to {@linkcode CallArgument}s (keyword names in `drop` are left out). */
  callArguments(args: readonly PyArg[], scope: number, drop?: readonly string[]): CallArgument[];
  /**
   * The keyword arguments a `**splat` of `expr` stands for, when it is a dict display (directly, through names,
   * or `dict(...)`) with literal keys; undefined when unknown. A dict mutated in place adds a trailing splat.
   */
  expandDict(expr: PyExpr, scope: number): CallArgument[] | undefined;
  /** Per-run scratch space shared by every file, keyed by pattern id (paginators remember their uses). */
  state<T>(patternId: string, init: () => T): T;
}

/** A call site with the context to emit it. */
export interface EmitInput {
  site: CallSite;
  /** Builds the SdkCall of this site; `fields` override the defaults (method, arguments, services...). */
  makeCall(fields: Partial<SdkCall> & Pick<SdkCall, "pattern">): SdkCall;
  /** For `emitReference`: the method reference `site` stands for. */
  reference?: MethodReference;
}

/** An attribute read with the context to emit it. */
export interface ReadInput {
  read: AttributeRead;
  /** Builds the SdkCall of this read; `fields` override the defaults (no arguments, no services...). */
  makeCall(fields: Partial<SdkCall> & Pick<SdkCall, "pattern" | "method">): SdkCall;
}

/** One SDK idiom of Python. */
export interface PythonPattern {
  /** Stable id, `python/<file name>`. */
  readonly id: string;
  /** The value of `expr`, when this pattern recognises it; `undefined` lets other patterns try. */
  evaluate?(expr: PyExpr, scope: number, ctx: PatternContext): PyValue | undefined;
  /**
   * The expression kinds `evaluate` may give a value for. For any other kind it must return `undefined` before
   * it evaluates or reads anything, so the tracker does not ask it (every attribute chain and call would ask
   * every pattern otherwise). Without this list it is asked about every kind.
   */
  readonly evaluates?: readonly PyExpr["k"][];
  /** SdkCalls for a site; `undefined` when the pattern does not claim it, `[]` to claim it without a call. */
  emit?(input: EmitInput, ctx: PatternContext): SdkCall[] | undefined;
  /** SdkCalls an attribute read makes (a resource's lazy load); claims as `emit` does. */
  emitRead?(input: ReadInput, ctx: PatternContext): SdkCall[] | undefined;
  /**
   * SdkCalls for a method referenced as a value, not called (`{"get": s3.get_object}`; see `MethodReference`):
   * `input.site` reads it as a call without arguments. Asked once every call site of every file was emitted, so
   * evaluating references cannot change what call sites give; `undefined` lets the next pattern try.
   */
  emitReference?(input: EmitInput, ctx: PatternContext): SdkCall[] | undefined;
  /**
   * Call sites that call another callable on the caller's behalf (`providers.Factory(Repo, table=t)` makes
   * `Repo(table=t)`), so parameter inference sees their arguments. `methods` are the site methods (or bare
   * names) it may claim, whose first positional argument is the forwarded callable; `call` gives the forwarded
   * call (callee and arguments), or undefined.
   */
  readonly forwards?: {
    readonly methods: readonly string[];
    call(site: CallSite, ctx: PatternContext): Extract<PyExpr, { k: "call" }> | undefined;
  };
  /** Calls to add after every site of every file was emitted. */
  finish?(
    ctx: Omit<PatternContext, "file" | "fileIndex" | "evaluate" | "callArguments" | "expandDict">,
  ): SdkCall[];
}

/**
 * The first non-splat argument at `position` or named `name`.
 *
 * @example
 * ```ts ignore
 * findArgument(call.args, 0, "service_name"); // `"s3"` in boto3.client("s3") and boto3.client(service_name="s3")
 * ```
 */
export function findArgument(args: readonly PyArg[], position: number, name?: string): PyArg | undefined {
  for (const a of args) {
    if (!a.splat && ((name !== undefined && a.name === name) || a.position === position)) return a;
  }
  return undefined;
}
