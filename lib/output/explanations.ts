/**
 * Explanations: why each action is in the policy (upstream §2.1), plus the knowledge source of the action.
 *
 * @module
 */

import type { KnowledgeSource, Permission, SdkCall, SourceLocation } from "../types.ts";
import { explainMatcher } from "./explain_filter.ts";

/** Where an operation in a reason came from. */
export type ExplanationSource =
  | { Expr: string; Location: string }
  /** A call without source metadata (e.g. given directly, not extracted). */
  | "Provided"
  /** Added by Forward Access Sessions on behalf of the previous operation. */
  | "FAS";

/** One operation of a reason's provenance chain. */
export interface ExplanationOperation {
  Service: string;
  Name: string;
  Source: ExplanationSource;
}

/** One reason an action is needed: the chain of operations (FAS parents first) and where the action mapping came from. */
export interface ExplanationReason {
  Operations: ExplanationOperation[];
  /** Ours: which knowledge maps the operation to the action (`service-reference`, `curated`, …) and detail. */
  KnowledgeSource: { Source: KnowledgeSource; Detail?: string };
}

/** The `Explanations` object of the output. */
export interface Explanations {
  /** Action → reasons, actions sorted. */
  ExplanationForAction: Record<string, ExplanationReason[]>;
  /** Present only when some reason contains an operation added by FAS. */
  Documentation?: string[];
}

/** Upstream's documentation line for explanations that contain FAS operations. */
export const FAS_DOCUMENTATION =
  "The explanation contains an operation added due to Forward Access Sessions (FAS). See https://docs.aws.amazon.com/IAM/latest/UserGuide/access_forward_access_sessions.html.";

/**
 * Formats a location as `path:line.col-endLine.endCol`.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatLocation } from "./explanations.ts";
 *
 * assert.equal(formatLocation({ file: "app.py", line: 5, column: 5, endLine: 5, endColumn: 60 }), "app.py:5.5-5.60");
 * ```
 *
 * @param location A source location.
 * @returns The formatted location.
 */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}.${location.column}-${location.endLine}.${location.endColumn}`;
}

type SortKey = (string | number)[];

function compareSortKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (typeof x === "number" && typeof y === "number") {
      if (x !== y) return x - y;
    } else if (x !== y) {
      return String(x) < String(y) ? -1 : 1;
    }
  }
  return a.length - b.length;
}

function reasonFor(permission: Permission, call: SdkCall | undefined): ExplanationReason {
  const { operation, fasParents = [], source, sourceDetail } = permission.provenance;
  const chain = [...fasParents, operation];
  return {
    Operations: chain.map((op, i) => ({
      Service: op.service,
      Name: op.operation,
      Source: i > 0
        ? "FAS"
        : call
        ? { Expr: call.expression, Location: formatLocation(call.location) }
        : "Provided",
    })),
    KnowledgeSource: sourceDetail === undefined
      ? { Source: source }
      : { Source: source, Detail: sourceDetail },
  };
}

/**
 * Explanations for the actions matching any of `patterns` (see `explainMatcher`), or `undefined` when none
 * match. Each call site of a permission gives one reason (duplicates removed); a permission without calls gives
 * one reason whose first operation has Source `"Provided"`. In a FAS chain the outermost operation carries the
 * call and the others Source `"FAS"`. Reasons are ordered by call location (file, line, column), actions by
 * name, so the result is independent of input order.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildExplanations } from "./explanations.ts";
 *
 * const explanations = buildExplanations([{
 *   action: "s3:ListAllMyBuckets",
 *   resources: [],
 *   conditions: {},
 *   provenance: { operation: { service: "s3", operation: "ListBuckets" }, calls: [], source: "service-reference" },
 * }], ["s3:*"]);
 * assert.deepEqual(explanations, {
 *   ExplanationForAction: {
 *     "s3:ListAllMyBuckets": [{
 *       Operations: [{ Service: "s3", Name: "ListBuckets", Source: "Provided" }],
 *       KnowledgeSource: { Source: "service-reference" },
 *     }],
 *   },
 * });
 * ```
 *
 * @param permissions All permissions of the run.
 * @param patterns `--explain` globs.
 * @returns The explanations, or `undefined` when no action matches.
 */
export function buildExplanations(
  permissions: readonly Permission[],
  patterns: readonly string[],
): Explanations | undefined {
  const matches = explainMatcher(patterns);
  const byAction = new Map<string, Map<string, { key: SortKey; reason: ExplanationReason }>>();
  for (const permission of permissions) {
    if (!matches(permission.action)) continue;
    let reasons = byAction.get(permission.action);
    if (!reasons) {
      reasons = new Map();
      byAction.set(permission.action, reasons);
    }
    const calls: (SdkCall | undefined)[] = permission.provenance.calls.length > 0
      ? permission.provenance.calls
      : [undefined];
    for (const call of calls) {
      const reason = reasonFor(permission, call);
      const json = JSON.stringify(reason);
      const l = call?.location;
      const key: SortKey = l ? [0, l.file, l.line, l.column, l.endLine, l.endColumn, json] : [1, json];
      reasons.set(json, { key, reason });
    }
  }
  if (byAction.size === 0) return undefined;
  const ExplanationForAction: Record<string, ExplanationReason[]> = {};
  let fas = false;
  for (const action of [...byAction.keys()].sort((a, b) => a < b ? -1 : a > b ? 1 : 0)) {
    const reasons = [...byAction.get(action)!.values()].sort((a, b) => compareSortKeys(a.key, b.key))
      .map((entry) => entry.reason);
    fas ||= reasons.some((reason) => reason.Operations.some((op) => op.Source === "FAS"));
    ExplanationForAction[action] = reasons;
  }
  return fas ? { ExplanationForAction, Documentation: [FAS_DOCUMENTATION] } : { ExplanationForAction };
}
