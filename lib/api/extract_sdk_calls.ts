/**
 * `extractSdkCalls`: the SDK calls found in source code, with the operations and services they resolve to.
 *
 * @module
 */
import type { KnowledgeBase } from "../knowledge/knowledge_base.ts";
import type { ArgumentValue, CallArgument, SdkCall } from "../types.ts";
import { formatLocation } from "../output/mod.ts";
import { analyzeProject, type AnalyzeProjectOptions, type ProjectAnalysis } from "./analyze_project.ts";

/** A call as `extract-sdk-calls` prints it by default. */
export interface ExtractedCall {
  /** Method name as written (SDK dialect: `get_object`, `GetObjectCommand`, `GetObject`). */
  Name: string;
  /** Operation(s) it resolves to, PascalCase as in the SDK model. */
  Operations: string[];
  /** botocore services that define the operation and fit the receiver and arguments. */
  PossibleServices: string[];
  File: string;
  Line: number;
  Column: number;
  Expr: string;
  /** Arguments by name (positional ones as `#0`, `#1`; splats as `**`): literal values where resolvable. */
  Arguments: Record<string, unknown>;
  /** Stable id of the pattern that found it. */
  Pattern: string;
}

/** A call in upstream's `--full-output` shape (plus `Operations`). */
export interface ExtractedCallFull {
  Name: string;
  PossibleServices: string[];
  Operations: string[];
  Metadata: { Expr: string; Location: string; Parameters: unknown[]; Pattern: string };
}

/** Result of {@linkcode extractSdkCalls}. */
export interface ExtractSdkCallsResult {
  calls: ExtractedCall[];
  fullCalls: ExtractedCallFull[];
  analysis: ProjectAnalysis;
}

/**
 * Finds the SDK calls of the given paths. Calls that match no SDK operation are left out.
 *
 * @example
 * ```ts ignore
 * const { calls } = await extractSdkCalls(kb, { paths: ["handler.py"] });
 * calls[0]; // { Name: "get_object", Operations: ["GetObject"], PossibleServices: ["s3"], ... }
 * ```
 */
export async function extractSdkCalls(
  kb: KnowledgeBase,
  options: AnalyzeProjectOptions,
): Promise<ExtractSdkCallsResult> {
  const analysis = await analyzeProject(kb, options);
  const resolvedBy = new Map<SdkCall, { services: Set<string>; operations: Set<string> }>();
  for (const op of analysis.resolved.operations) {
    for (const call of op.calls) {
      const entry = resolvedBy.get(call) ?? { services: new Set(), operations: new Set() };
      entry.services.add(op.service);
      entry.operations.add(op.operation);
      resolvedBy.set(call, entry);
    }
  }
  const calls: ExtractedCall[] = [];
  const fullCalls: ExtractedCallFull[] = [];
  for (const call of analysis.calls) {
    const resolved = resolvedBy.get(call);
    if (!resolved) continue;
    const services = [...resolved.services].sort();
    const operations = [...resolved.operations].sort();
    calls.push({
      Name: call.method,
      Operations: operations,
      PossibleServices: services,
      File: call.location.file,
      Line: call.location.line,
      Column: call.location.column,
      Expr: call.expression,
      Arguments: argumentsObject(call.arguments),
      Pattern: call.pattern,
    });
    fullCalls.push({
      Name: call.method,
      PossibleServices: services,
      Operations: operations,
      Metadata: {
        Expr: call.expression,
        Location: formatLocation(call.location),
        Parameters: call.arguments.map(upstreamParameter),
        Pattern: call.pattern,
      },
    });
  }
  return { calls, fullCalls, analysis };
}

/** Arguments by key; a key seen before (a second `**` splat) gets `#2`, `#3`... so no argument is lost. */
function argumentsObject(args: CallArgument[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  args.forEach((argument, i) => {
    const key = argumentKey(argument, i);
    let unique = key;
    for (let n = 2; unique in out; n++) unique = `${key}#${n}`;
    out[unique] = plainValue(argument.value);
  });
  return out;
}

function argumentKey(argument: CallArgument, index: number): string {
  if (argument.splat) return argument.name ? `**${argument.name}` : "**";
  return argument.name ?? `#${argument.position ?? index}`;
}

function plainValue(value: ArgumentValue): unknown {
  switch (value.kind) {
    case "literal":
      return value.value;
    case "pattern":
      return { Pattern: value.value };
    case "env":
      return { Env: value.name };
    case "unresolved":
      return { Unresolved: value.expression };
  }
}

function upstreamValue(value: ArgumentValue): unknown {
  return value.kind === "literal" ? { Resolved: String(value.value) } : {
    Unresolved: value.kind === "unresolved"
      ? value.expression
      : value.kind === "env"
      ? `env:${value.name}`
      : value.value,
  };
}

/** Upstream's externally tagged parameter enum (Positional / Keyword / DictionarySplat). */
function upstreamParameter(argument: CallArgument, index: number): unknown {
  if (argument.splat) {
    const expression = argument.value.kind === "unresolved" ? argument.value.expression : "**";
    return { DictionarySplat: { expression, position: index } };
  }
  if (argument.name !== undefined) {
    return {
      Keyword: {
        name: argument.name,
        value: upstreamValue(argument.value),
        position: index,
        type_annotation: null,
      },
    };
  }
  return {
    Positional: {
      value: upstreamValue(argument.value),
      position: argument.position ?? index,
      type_annotation: null,
    },
  };
}
