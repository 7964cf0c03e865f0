/**
 * `knowledge operation`: everything the database knows about the permissions of one SDK operation.
 *
 * @module
 */
import type { KnowledgeBase, OperationKey, SdkLanguage } from "./knowledge_base.ts";
import { UsageError } from "../errors.ts";
import { closestMatches } from "../text/closest_matches.ts";

/**
 * One IAM action an operation needs, with the facts behind it.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { KnowledgeBase } from "./knowledge_base.ts";
 * import { describeOperation, type DescribedAction } from "./describe_operation.ts";
 *
 * const kb = await KnowledgeBase.open();
 * const actions: DescribedAction[] = describeOperation(kb, "s3", "ListObjectsV2").actions;
 * assert.equal(actions[0].action, "s3:ListBucket");
 * kb.close();
 * ```
 */
export interface DescribedAction {
  action: string;
  accessLevel: string | null;
  /** Knowledge source that maps the operation to this action. */
  source: string;
  sourceDetail: string | null;
  /** Request predicate under which the action is needed (e.g. `VersionId Exists`), if any. */
  appliesWhen: string | null;
  resourceTypes: { resourceType: string; required: boolean; arnFormats: string[]; override?: string }[];
  /** Request members that fill ARN placeholders: placeholder → template. */
  resourceMappings: Record<string, unknown>;
  conditionKeys: string[];
  /** Conditions always attached (service reference context). */
  context: Record<string, string[]>;
}

/**
 * A Forward Access Session addition: an operation the service performs with the caller's credentials.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { KnowledgeBase } from "./knowledge_base.ts";
 * import { describeOperation, type DescribedFas } from "./describe_operation.ts";
 *
 * const kb = await KnowledgeBase.open();
 * const fas: DescribedFas[] = describeOperation(kb, "s3", "GetObject").fas;
 * assert.equal(fas[0].service, "kms");
 * kb.close();
 * ```
 */
export interface DescribedFas {
  service: string;
  operation: string;
  conditions: Record<string, string[]>;
  source: string;
  actions: DescribedAction[];
}

/**
 * The answer of `knowledge operation`.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { KnowledgeBase } from "./knowledge_base.ts";
 * import { describeOperation, type OperationDescription } from "./describe_operation.ts";
 *
 * const kb = await KnowledgeBase.open();
 * const description: OperationDescription = describeOperation(kb, "sts", "GetCallerIdentity");
 * assert.ok(description.permissionless);
 * assert.equal(description.knowledgeVersion, kb.version);
 * kb.close();
 * ```
 */
export interface OperationDescription {
  service: string;
  operation: string;
  /** Names of the operation in each SDK. */
  sdkNames: { python: string; typescript: string; go: string; java: string };
  permissionless: { source: string } | null;
  actions: DescribedAction[];
  fas: DescribedFas[];
  knowledgeVersion: string;
}

/**
 * Describes the permissions an operation needs. `name` is the operation (`ListObjectsV2`) or, with
 * `language`, the SDK method (`list_objects_v2`, `ListObjectsV2Command`, `listObjectsV2`).
 *
 * @example
 * ```ts ignore
 * const d = describeOperation(kb, "s3", "ListObjectsV2");
 * d.actions[0].action; // "s3:ListBucket"
 * ```
 * @throws {UsageError} unknown service or operation, with suggestions.
 */
export function describeOperation(
  kb: KnowledgeBase,
  serviceName: string,
  name: string,
  language?: SdkLanguage,
): OperationDescription {
  const service = kb.service(serviceName) ??
    kb.servicesForAlias(serviceName).map((s) => kb.service(s)).find((s) => s !== undefined);
  if (!service) {
    const suggestions = closestMatches(serviceName, kb.services().map((s) => s.service));
    throw new UsageError(
      `Unknown service '${serviceName}'.${suggestionText(suggestions)} ` +
        "Services are named as boto3 names them (s3, lambda, stepfunctions).",
    );
  }
  const operations = kb.operationsOf(service.service);
  let key: OperationKey | undefined;
  if (language) {
    key = kb.operationsByMethod(language, name).find((k) => k.service === service.service);
  } else {
    const found = operations.find((o) => o.operation === name) ??
      operations.find((o) => o.operation.toLowerCase() === name.toLowerCase());
    key = found && { service: found.service, operation: found.operation };
  }
  if (!key) {
    const candidates = operations.map((o) =>
      language === "python"
        ? o.pythonName
        : language === "typescript"
        ? (name.endsWith("Command") ? o.jsCommand : o.jsMethod)
        : language === "go"
        ? o.goMethod
        : language === "java"
        ? o.javaMethod
        : o.operation
    );
    throw new UsageError(
      `Unknown operation '${name}' for service '${service.service}'${language ? ` in ${language}` : ""}.` +
        suggestionText(closestMatches(name, candidates)),
    );
  }
  const op = kb.operation(key.service, key.operation)!;
  const permissionless = kb.permissionlessSource(key.service, key.operation);
  const fas: DescribedFas[] = [];
  const seen = new Set<string>([`${key.service}:${key.operation}`]);
  const queue: {
    service: string;
    operation: string;
    conditions: Record<string, string[]>;
    source: string;
  }[] = kb.fasAdditions(key.service, key.operation).map((f) => ({ ...f, conditions: f.context }));
  while (queue.length) {
    const next = queue.shift()!;
    const id = `${next.service}:${next.operation}`;
    if (seen.has(id)) continue;
    seen.add(id);
    fas.push({ ...next, actions: describeActions(kb, next.service, next.operation) });
    for (const more of kb.fasAdditions(next.service, next.operation)) {
      queue.push({ ...more, conditions: more.context });
    }
  }
  return {
    service: key.service,
    operation: key.operation,
    sdkNames: { python: op.pythonName, typescript: op.jsCommand, go: op.goMethod, java: op.javaMethod },
    permissionless: permissionless ? { source: permissionless } : null,
    actions: permissionless ? [] : describeActions(kb, key.service, key.operation),
    fas,
    knowledgeVersion: kb.version,
  };
}

function describeActions(kb: KnowledgeBase, service: string, operation: string): DescribedAction[] {
  return kb.operationActions(service, operation).map((row) => {
    const info = kb.iamAction(row.action);
    const overrides = kb.resourceOverrides(row.action);
    return {
      action: row.action,
      accessLevel: info?.accessLevel ?? null,
      source: row.source,
      sourceDetail: row.sourceDetail,
      appliesWhen: row.appliesWhen
        ? `${row.appliesWhen.lhs} ${row.appliesWhen.op}${
          row.appliesWhen.rhs ? ` ${row.appliesWhen.rhs}` : ""
        }`
        : null,
      resourceTypes: (info?.resourceTypes ?? []).map((r) => ({
        resourceType: r.resourceType,
        required: r.required,
        arnFormats: r.arnFormats,
        ...(overrides.has(r.resourceType) ? { override: overrides.get(r.resourceType) } : {}),
      })),
      resourceMappings: row.resourceMappings,
      conditionKeys: info?.conditionKeys ?? [],
      context: row.context,
    };
  });
}

function suggestionText(suggestions: string[]): string {
  if (!suggestions.length) return "";
  return suggestions.length === 1
    ? ` Did you mean '${suggestions[0]}'?`
    : ` Did you mean one of: ${suggestions.map((s) => `'${s}'`).join(", ")}?`;
}

/**
 * Renders a description for people.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { KnowledgeBase } from "./knowledge_base.ts";
 * import { describeOperation, formatOperationDescription } from "./describe_operation.ts";
 *
 * const kb = await KnowledgeBase.open();
 * const text = formatOperationDescription(describeOperation(kb, "s3", "ListObjectsV2"));
 * assert.match(text, /s3:ListBucket/);
 * kb.close();
 * ```
 */
export function formatOperationDescription(d: OperationDescription): string {
  const lines: string[] = [];
  lines.push(`${d.service} ${d.operation}`);
  lines.push(
    `  SDK names: python ${d.sdkNames.python} · typescript ${d.sdkNames.typescript} · go ${d.sdkNames.go} · java ${d.sdkNames.java}`,
  );
  if (d.permissionless) {
    lines.push(`  No IAM permission needed (source: ${d.permissionless.source})`);
  } else if (!d.actions.length) {
    lines.push("  No IAM action known for this operation.");
  }
  const renderActions = (actions: DescribedAction[], indent: string) => {
    for (const a of actions) {
      lines.push(
        `${indent}${a.action}${a.accessLevel ? ` (${a.accessLevel})` : ""}  [source: ${a.source}${
          a.sourceDetail ? ` ${a.sourceDetail}` : ""
        }]`,
      );
      if (a.appliesWhen) lines.push(`${indent}  only when: ${a.appliesWhen}`);
      if (!a.resourceTypes.length) lines.push(`${indent}  resource: * (the action has no resource types)`);
      for (const r of a.resourceTypes) {
        const formats = r.override
          ? `${r.override} (override of ${r.arnFormats.join(", ")})`
          : r.arnFormats.join(", ");
        lines.push(`${indent}  resource ${r.resourceType}${r.required ? " (required)" : ""}: ${formats}`);
      }
      for (const [key, values] of Object.entries(a.context)) {
        lines.push(`${indent}  condition ${key} = ${values.join(", ")}`);
      }
      if (a.conditionKeys.length) lines.push(`${indent}  condition keys: ${a.conditionKeys.join(", ")}`);
    }
  };
  renderActions(d.actions, "  ");
  for (const f of d.fas) {
    const conditions = Object.entries(f.conditions).map(([k, v]) => `${k} = ${v.join(", ")}`).join("; ");
    lines.push(
      `  Forward access session: ${f.service} ${f.operation}${
        conditions ? ` when ${conditions}` : ""
      }  [source: ${f.source}]`,
    );
    renderActions(f.actions, "    ");
  }
  lines.push(`  (knowledge database ${d.knowledgeVersion})`);
  return lines.join("\n") + "\n";
}
