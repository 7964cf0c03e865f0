/**
 * CloudTrail events in the input: a single event, `{"Records": [...]}`, an array, JSON lines, or events
 * pasted inside other text.
 *
 * @module
 */
import type { Principal } from "./types.ts";
import { parsePrincipal } from "./principal.ts";

/** The parts of a CloudTrail event this tool reads. */
export interface CloudTrailEvent {
  eventSource?: string;
  eventName?: string;
  errorCode?: string;
  errorMessage?: string;
  awsRegion?: string;
  userIdentity?: {
    type?: string;
    arn?: string;
    accountId?: string;
    principalId?: string;
    userName?: string;
    invokedBy?: string;
    sessionContext?: { sessionIssuer?: { type?: string; arn?: string; userName?: string } };
  };
  resources?: { ARN?: string; type?: string }[];
  requestParameters?: Record<string, unknown> | null;
}

/** A CloudTrail event found in the text, with where it was. */
export interface FoundEvent {
  event: CloudTrailEvent;
  /** Character offsets of the JSON text the event came from. */
  start: number;
  end: number;
}

/** Top-level `{...}` spans of `text` (string-aware brace matching). */
function jsonObjectSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"' && depth > 0) inString = true;
    else if (c === "{") {
      if (depth === 0) start = i;
      depth++;
    } else if (c === "}" && depth > 0) {
      depth--;
      if (depth === 0) spans.push([start, i + 1]);
    }
  }
  return spans;
}

function isEvent(value: unknown): value is CloudTrailEvent {
  return typeof value === "object" && value !== null && "eventName" in value && "eventSource" in value;
}

/**
 * CloudTrail events in `text` that record an access error (`errorCode` AccessDenied, UnauthorizedOperation,
 * ..., or an `errorMessage` saying "not authorized" / "Access Denied").
 *
 * @example
 * ```ts
 * import { findCloudTrailDenials } from "./cloudtrail.ts";
 * const found = findCloudTrailDenials('{"eventSource":"s3.amazonaws.com","eventName":"GetObject","errorCode":"AccessDenied"}');
 * console.assert(found.length === 1);
 * ```
 */
export function findCloudTrailDenials(text: string): FoundEvent[] {
  const found: FoundEvent[] = [];
  for (const [start, end] of jsonObjectSpans(text)) {
    if (!text.slice(start, end).includes('"eventName"')) continue;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start, end));
    } catch {
      continue;
    }
    const events = isEvent(value)
      ? [value]
      : Array.isArray((value as { Records?: unknown }).Records)
      ? (value as { Records: unknown[] }).Records.filter(isEvent)
      : [];
    for (const event of events) {
      const code = event.errorCode ?? "";
      if (
        /denied|unauthori[sz]ed|forbidden|authorization/i.test(code) ||
        /not authori[sz]ed|access denied/i.test(event.errorMessage ?? "")
      ) {
        found.push({ event, start, end });
      }
    }
  }
  return found;
}

/**
 * The principal of a CloudTrail `userIdentity`: IAMUser, AssumedRole (role name from the session issuer),
 * Root, FederatedUser, AWSService (`invokedBy`), anonymous (`ANONYMOUS_PRINCIPAL`).
 *
 * @example
 * ```ts
 * import { principalOfUserIdentity } from "./cloudtrail.ts";
 * const p = principalOfUserIdentity({ type: "AWSService", invokedBy: "lambda.amazonaws.com" });
 * console.assert(p?.kind === "service");
 * ```
 */
export function principalOfUserIdentity(identity: CloudTrailEvent["userIdentity"]): Principal | undefined {
  if (!identity) return undefined;
  if (identity.accountId === "ANONYMOUS_PRINCIPAL" || identity.type === "Anonymous") {
    return { kind: "anonymous" };
  }
  if (identity.type === "AWSService" && identity.invokedBy) {
    return { kind: "service", service: identity.invokedBy };
  }
  const principal = identity.arn ? parsePrincipal(identity.arn) : undefined;
  if (principal?.kind === "assumed-role") {
    const issuer = identity.sessionContext?.sessionIssuer;
    const role = issuer?.arn ? parsePrincipal(issuer.arn) : undefined;
    if (role?.kind === "role") return { ...principal, name: role.name, path: role.path };
  }
  return principal;
}
