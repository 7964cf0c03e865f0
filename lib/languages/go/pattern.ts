/**
 * The shape of a Go SDK pattern. Each file under `patterns/` exports one {@linkcode GoPattern}; the plug-in
 * runs them in order. A pattern can
 * - give meaning to an expression (`evaluate`: `s3.NewFromConfig(cfg)` is an s3 client) or to a declared type
 *   (`typeValue`: a `*s3.Client` field or parameter is an s3 client), which the tracker then carries through
 *   bindings, struct fields, constructors and function results, and
 * - claim a call site and turn it into {@linkcode SdkCall}s (`emit`), and
 * - add calls once every site was seen (`finish`: paginators created but never paged).
 *
 * @module
 */
import type { KnowledgeBase } from "../../knowledge/knowledge_base.ts";
import type { CallArgument, SdkCall } from "../../types.ts";
import type { GoCallSite, GoExpr } from "./facts.ts";
import type { GoValue } from "./values.ts";

/** A named type from another package, resolved to its import path. */
export interface ExternalType {
  path: string;
  name: string;
  pointer: boolean;
  text: string;
}

/** What a pattern sees while evaluating or emitting in one file. */
export interface PatternContext {
  readonly kb: KnowledgeBase;
  /** Path of the file being linked. */
  readonly file: string;
  /** Index of the file in the linked project (for `site` ids). */
  readonly fileIndex: number;
  /** Evaluates an expression of this file inside function `fn` (-1: package level). */
  evaluate(expr: GoExpr, fn: number): GoValue;
  /** `{ path, name }` when `expr` is `pkg.Name` of an imported (non-project) package. */
  packageMember(expr: GoExpr, fn: number): { path: string; name: string } | undefined;
  /** botocore services of an SDK for Go v2 service package path (`.../service/s3` → `["s3"]`). */
  servicesOfPackage(path: string): string[];
  /** Services of every SDK service package this file imports. */
  importedServices(): string[];
  /**
   * Arguments of an SDK method call: the fields of the operation input (`&s3.GetObjectInput{...}`, or a
   * variable holding one) as named arguments; other arguments but the leading context as positional ones.
   */
  sdkArguments(args: readonly GoExpr[], fn: number): CallArgument[];
  /**
   * Method `method` of a project interface (embedded project interfaces included): the values of its
   * parameter types (`*s3.GetObjectInput` → an s3 GetObject input); undefined when it declares no such method.
   */
  interfaceMethod(dir: string, name: string, method: string): { params: GoValue[] } | undefined;
  /** Values of the external types a project interface embeds (`s3.ListObjectsV2APIClient` → an s3 client). */
  interfaceEmbeds(dir: string, name: string): GoValue[];
  /**
   * The method values stored in field `field` of project struct `name` (declared there or promoted from an
   * embedded struct) by a composite literal (`&Reaper{deleteDB: c.rds.DeleteDBInstance}`) or an assignment
   * (`r.deleteDB = c.rds.DeleteDBInstance`): each selector's receiver value and method name. Empty when the
   * struct has no such field, or a method of that name.
   */
  storedMethodValues(dir: string, name: string, field: string): { receiver: GoValue; method: string }[];
  /** Per-run scratch space shared by every file, keyed by pattern id. */
  state<T>(patternId: string, init: () => T): T;
}

/** A call site with the context to emit it. */
export interface EmitInput {
  site: GoCallSite;
  /** The receiver's value (for a struct embedding a client, the embedded client). */
  receiver: GoValue;
  /** Builds the SdkCall of this site; `fields` override the defaults (method, arguments, services...). */
  makeCall(fields: Partial<SdkCall> & Pick<SdkCall, "pattern">): SdkCall;
}

/** One SDK idiom of Go. */
export interface GoPattern {
  /** Stable id, `go/<file name>`. */
  readonly id: string;
  /** The value of `expr`, when this pattern recognises it; `undefined` lets other patterns try. */
  evaluate?(expr: GoExpr, fn: number, ctx: PatternContext): GoValue | undefined;
  /** The value of a variable, field or parameter declared with an external type. */
  typeValue?(type: ExternalType, ctx: PatternContext): GoValue | undefined;
  /** SdkCalls for a site; `undefined` when the pattern does not claim it, `[]` to claim it without a call. */
  emit?(input: EmitInput, ctx: PatternContext): SdkCall[] | undefined;
  /** Calls to add after every site of every file was emitted. */
  finish?(ctx: Pick<PatternContext, "kb" | "state">): SdkCall[];
}
