/**
 * The resolve stage: {@linkcode SdkCall}s found in source code → the SDK operations they reach.
 *
 * @module
 */
import type { OperationRef, SdkCall } from "../types.ts";
import type { KnowledgeBase, OperationKey, SdkLanguage } from "../knowledge/knowledge_base.ts";
import { argumentsFit } from "../call_arguments.ts";
import { applyServiceHints } from "../hints/service_hints.ts";

/** What {@linkcode resolveCalls} returns. */
export interface ResolveResult {
  /** Operations reached, sorted by service then operation; each lists its calls in input (source) order. */
  operations: OperationRef[];
  /** Calls that match no SDK operation (unknown method, receiver of another service, foreign arguments). */
  unresolved: SdkCall[];
  /** Calls that resolved, but only to services the service hints exclude. */
  excludedByHints: SdkCall[];
}

/** Options of {@linkcode resolveCalls}. */
export interface ResolveOptions {
  /** `--service-hints`: keep only operations of services matching one of these names (see lib/hints). */
  serviceHints?: string[];
}

/**
 * The SDK dialect whose method names the knowledge base indexes for a source language (JS shares TS's SDK).
 *
 * @example
 * ```ts
 * import { sdkDialect } from "./resolve_calls.ts";
 * console.assert(sdkDialect("javascript") === "typescript");
 * ```
 */
export function sdkDialect(language: SdkCall["language"]): SdkLanguage {
  return language === "javascript" ? "typescript" : language;
}

/**
 * Resolves SDK calls to the operations they reach.
 *
 * - A call whose pattern already knows the operation (commands, paginators, waiters, utilities) and whose
 *   services are known maps directly to that operation in each of those services, without argument checks:
 *   the pattern vouches for it.
 * - Otherwise the method name is looked up in the call's SDK dialect (Python → boto3 names, JS/TS → aggregated
 *   client methods or `XxxCommand`, Go, Java). Candidates are intersected with the receiver's known services;
 *   an empty intersection means the method belongs to some other object, so the call is unresolved.
 * - Argument check (upstream §4.2 disambiguation): a candidate is kept only if every named argument is an input
 *   member (case-sensitive for Python, case-insensitive for the others, whose names are re-cased by the SDK)
 *   and, **for an unknown receiver only**, every required member is passed by name. A known receiver keeps the
 *   candidate even when required members are missing, because the code may build them dynamically and dropping
 *   a real call would lose a permission; but a named argument that is no input member at all still rejects it
 *   (`db.get_object(custom_param=1)` is someone else's `get_object`). A splat argument (`**kwargs`, `...input`)
 *   skips the check; positional arguments are ignored (boto3 takes none; Go passes `ctx`).
 *
 * Service hints, when given, are validated (throws {@linkcode UnknownServiceHintError}) and then narrow the
 * operations; calls left with none are reported in `excludedByHints`.
 *
 * @example
 * ```ts ignore
 * const { operations } = resolveCalls(calls, kb, { serviceHints: ["s3"] });
 * operations.map((o) => `${o.service}:${o.operation}`); // ["s3:GetObject"]
 * ```
 */
export function resolveCalls(
  calls: SdkCall[],
  kb: KnowledgeBase,
  options: ResolveOptions = {},
): ResolveResult {
  const byKey = new Map<string, OperationRef>();
  const unresolved: SdkCall[] = [];
  // Large trees repeat the same call shapes thousands of times; each shape is resolved once (to the operations
  // it reaches). Shapes are kept by method name and compared field by field: a key string per call would cost
  // more than the rest of resolving.
  const resolved = new Map<string, { call: SdkCall; refs: OperationRef[] }[]>();
  // The calls each operation lists, as sets: asking its list would cost a scan per call (quadratic in large trees).
  const listed = new Map<OperationRef, Set<SdkCall>>();
  for (const call of calls) {
    let shapes = resolved.get(call.method);
    if (!shapes) resolved.set(call.method, shapes = []);
    let refs: OperationRef[] | undefined;
    for (const shape of shapes) {
      if (sameShape(shape.call, call)) {
        refs = shape.refs;
        break;
      }
    }
    if (!refs) {
      refs = [];
      for (const target of operationsOfCall(call, kb)) {
        const key = `${target.service}\u0000${target.operation}`;
        let ref = byKey.get(key);
        if (!ref) {
          byKey.set(key, ref = { service: target.service, operation: target.operation, calls: [] });
          listed.set(ref, new Set());
        }
        refs.push(ref);
      }
      shapes.push({ call, refs });
    }
    if (refs.length === 0) {
      unresolved.push(call);
      continue;
    }
    for (const ref of refs) {
      const seen = listed.get(ref)!;
      if (!seen.has(call)) {
        seen.add(call);
        ref.calls.push(call);
      }
    }
  }
  let operations = [...byKey.values()].sort((a, b) =>
    compare(a.service, b.service) || compare(a.operation, b.operation)
  );
  let excludedByHints: SdkCall[] = [];
  if (options.serviceHints && options.serviceHints.length > 0) {
    const kept = applyServiceHints(operations, options.serviceHints, kb);
    const keptCalls = new Set(kept.flatMap((o) => o.calls));
    excludedByHints = calls.filter((c) => !keptCalls.has(c) && !unresolved.includes(c));
    operations = kept;
  }
  return { operations, unresolved, excludedByHints };
}

/**
 * The (service, operation) pairs one call reaches, sorted by service; empty when none. The rules are those of
 * {@linkcode resolveCalls}, without service hints.
 *
 * @example
 * ```ts ignore
 * operationsOfCall(getObjectCall, kb); // [{ service: "s3", operation: "GetObject" }]
 * ```
 */
export function operationsOfCall(call: SdkCall, kb: KnowledgeBase): OperationKey[] {
  const services = [...new Set(call.services)];
  if (call.operation && services.length > 0) {
    return services.sort(compare).map((service) => ({ service, operation: call.operation! }))
      // A pattern may name a service the knowledge base lacks (typo in a curated map): nothing to resolve to.
      // Exception: a utility whose knowledge entry is a bare IAM action (`rds-db:connect`, no SDK operation)
      // names it as (IAM prefix, action name); it stays, and the permissions stage turns it into the action.
      .filter((k) => kb.operation(k.service, k.operation) !== undefined || isBareIamAction(k, kb));
  }
  let candidates = candidatesByName(call, kb);
  if (call.operation) candidates = candidates.filter((c) => c.operation === call.operation);
  const known = services.length > 0;
  if (known) candidates = candidates.filter((c) => services.includes(c.service));
  // A pattern that knows the operation vouches for the call like a known receiver would.
  return candidates.filter((c) => argumentsFit(call, c, kb, known || call.operation !== undefined));
}

/**
 * True when `key` is no SDK operation but an IAM action written as (prefix, action name), the way utility
 * patterns report a knowledge entry such as `rds-db:connect`. A botocore service name never counts, so an
 * unknown operation of a real service is still dropped.
 *
 * @example
 * ```ts ignore
 * isBareIamAction({ service: "rds-db", operation: "connect" }, kb); // true
 * isBareIamAction({ service: "s3", operation: "Connect" }, kb); // false
 * ```
 */
export function isBareIamAction(key: OperationKey, kb: KnowledgeBase): boolean {
  return kb.service(key.service) === undefined &&
    kb.iamAction(`${key.service}:${key.operation}`) !== undefined;
}

function candidatesByName(call: SdkCall, kb: KnowledgeBase): OperationKey[] {
  const dialect = sdkDialect(call.language);
  if (call.operation) {
    // Operation known, receiver not: every service defining an operation of that name.
    return kb.operationsByMethod("go", call.operation).filter((k) => k.operation === call.operation);
  }
  const found = kb.operationsByMethod(dialect, call.method);
  if (found.length > 0) return found;
  // Extractors report names as written; tolerate the spellings other SDK idioms produce for the same call.
  if (dialect === "typescript") {
    const lower = call.method.charAt(0).toLowerCase() + call.method.slice(1);
    const fallback = kb.operationsByMethod("typescript", lower);
    return fallback.length > 0 ? fallback : kb.operationsByMethod("typescript", `${call.method}Command`);
  }
  if (dialect === "java" && call.method.endsWith("AsBytes")) {
    return kb.operationsByMethod("java", call.method.slice(0, -"AsBytes".length));
  }
  if (dialect === "go" && call.method.endsWith("WithContext")) {
    return kb.operationsByMethod("go", call.method.slice(0, -"WithContext".length));
  }
  return [];
}

/**
 * Whether two calls of the same method look alike to {@linkcode operationsOfCall} (which reads only these
 * fields), so that they resolve alike.
 */
function sameShape(a: SdkCall, b: SdkCall): boolean {
  if (a.language !== b.language || a.method !== b.method || (a.operation ?? null) !== (b.operation ?? null)) {
    return false;
  }
  if (a.services.length !== b.services.length || a.arguments.length !== b.arguments.length) return false;
  for (let i = 0; i < a.services.length; i++) if (a.services[i] !== b.services[i]) return false;
  for (let i = 0; i < a.arguments.length; i++) {
    const x = a.arguments[i];
    const y = b.arguments[i];
    if (
      (x.name ?? null) !== (y.name ?? null) || (x.splat === true) !== (y.splat === true) ||
      (x.position ?? null) !== (y.position ?? null) || x.value.kind !== y.value.kind
    ) {
      return false;
    }
  }
  return true;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
