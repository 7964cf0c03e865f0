/**
 * From an operation name (`ListObjectsV2`) and hints about its service to the IAM actions it needs, through
 * the knowledge database; and IAM action names to their canonical case.
 *
 * @module
 */
import type { KnowledgeBase, OperationKey } from "../knowledge/knowledge_base.ts";

/** What an operation name resolved to. */
export interface ResolvedOperation {
  /** botocore service name (`s3`). */
  service?: string;
  operation: string;
  /** IAM actions the operation needs (canonical case); empty when unknown. */
  actions: string[];
  /** Services that have an operation of this name when the hints did not single one out. */
  ambiguous?: string[];
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function servicesHinted(kb: KnowledgeBase, hints: readonly string[]): Set<string> {
  const wanted = new Set(hints.map(normalise));
  const out = new Set<string>();
  for (const s of kb.services()) {
    const names = [s.service, s.sdkId, s.serviceId, s.endpointPrefix, s.signingName, s.iamPrefix];
    if (names.some((n) => n && wanted.has(normalise(n)))) out.add(s.service);
  }
  for (const hint of hints) for (const s of kb.servicesForAlias(hint.toLowerCase())) out.add(s);
  return out;
}

/**
 * The canonical spelling of an IAM action (`sqs:sendmessage` → `sqs:SendMessage`), or undefined when the
 * knowledge database does not know it.
 *
 * @example
 * ```ts ignore
 * canonicalAction(kb, "sqs:sendmessage"); // "sqs:SendMessage"
 * ```
 */
export function canonicalAction(kb: KnowledgeBase, action: string): string | undefined {
  return kb.iamAction(action)?.action;
}

/**
 * Resolves an operation (model name, or a Java method name with `dialect: "java"`) to its service and IAM
 * actions, using service hints (`S3`, `dynamodb`, `sqs`) to choose among services with the same operation name.
 *
 * @example
 * ```ts ignore
 * resolveOperation(kb, "ListObjectsV2", ["S3"]); // { service: "s3", operation: "ListObjectsV2", actions: ["s3:ListBucket"] }
 * ```
 */
export function resolveOperation(
  kb: KnowledgeBase,
  name: string,
  hints: readonly string[],
  dialect: "model" | "java" | "js" = "model",
): ResolvedOperation | undefined {
  let candidates: OperationKey[] = kb.operationsByMethod(dialect === "java" ? "java" : "go", name);
  if (candidates.length === 0 && dialect === "model") {
    candidates = kb.operationsByMethod("go", name.charAt(0).toUpperCase() + name.slice(1));
  }
  if (candidates.length === 0) return undefined;
  const hinted = servicesHinted(kb, hints);
  const chosen = candidates.filter((c) => hinted.has(c.service));
  const pick = chosen.length >= 1 ? chosen : candidates;
  if (pick.length > 1) {
    return { operation: pick[0].operation, actions: [], ambiguous: pick.map((c) => c.service) };
  }
  const { service, operation } = pick[0];
  const actions: string[] = [];
  for (const a of kb.operationActions(service, operation)) {
    // An error message does not show the request: keep the actions every call needs (unconditional or
    // "member absent"), not those needed only when an optional member is sent (GetObjectVersion with VersionId).
    if (a.appliesWhen && a.appliesWhen.op !== "NotExists") continue;
    const canonical = canonicalAction(kb, a.action) ?? a.action;
    if (!actions.includes(canonical)) actions.push(canonical);
  }
  if (actions.length === 0 && !kb.permissionlessSource(service, operation)) {
    const prefix = kb.service(service)?.iamPrefix;
    const guess = prefix ? canonicalAction(kb, `${prefix}:${operation}`) : undefined;
    if (guess) actions.push(guess);
  }
  return { service, operation, actions };
}

/**
 * The botocore service of a CloudTrail `eventSource` (`s3.amazonaws.com` → `s3`).
 *
 * @example
 * ```ts ignore
 * serviceOfEventSource(kb, "monitoring.amazonaws.com"); // "cloudwatch"
 * ```
 */
export function serviceOfEventSource(kb: KnowledgeBase, eventSource: string): string | undefined {
  const prefix = eventSource.replace(/\.amazonaws\.com(\.cn)?$/, "").toLowerCase();
  const services = kb.services();
  return (services.find((s) => s.service === prefix) ??
    services.find((s) => s.endpointPrefix === prefix) ??
    services.find((s) => s.signingName === prefix) ??
    services.find((s) => s.iamPrefix === prefix))?.service;
}
