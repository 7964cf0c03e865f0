/**
 * `parseAccessDenied`: any text users paste (raw messages, SDK and CLI error output, CloudTrail events,
 * multi-line logs) → the distinct {@linkcode Denial}s in it.
 *
 * @module
 */
import type { KnowledgeBase } from "../knowledge/knowledge_base.ts";
import { type CloudTrailEvent, findCloudTrailDenials, principalOfUserIdentity } from "./cloudtrail.ts";
import { encodedMessageAdvice } from "./encoded_message.ts";
import { canonicalAction, resolveOperation, serviceOfEventSource } from "./operation_actions.ts";
import { isDenialLine, type MessageFields, parseMessage } from "./parse_message.ts";
import { parsePrincipal, principalText } from "./principal.ts";
import type { Denial, Principal } from "./types.ts";

const MAX_MESSAGE = 1000;

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

function iamResourceArn(type: string, name: string, principal: Principal | undefined): string {
  const partition = principal?.partition ?? "aws";
  const account = principal?.account ?? "*";
  return `arn:${partition}:iam::${account}:${type}/${name}`;
}

function buildDenial(
  kb: KnowledgeBase,
  fields: MessageFields,
  base: { line: number; message: string; source: Denial["source"] },
  extra: {
    principal?: Principal;
    service?: string;
    operation?: string;
    resource?: string;
    errorCode?: string;
  } = {},
): Denial {
  // CloudTrail's userIdentity is authoritative (it knows the role's path); messages name the session only.
  const principal = extra.principal ?? (fields.principal ? parsePrincipal(fields.principal) : undefined);
  const denial: Denial = {
    denialType: fields.full ? fields.reason.denialType : "Unknown",
    explicitDeny: fields.reason.explicitDeny,
    missing: [],
    notes: [],
    source: base.source,
    line: base.line,
    message: base.message.trim().slice(0, MAX_MESSAGE),
  };
  if (principal) denial.principal = principal;
  if (fields.reason.denyingPolicyArn) denial.denyingPolicyArn = fields.reason.denyingPolicyArn;
  const errorCode = extra.errorCode ?? fields.errorCode;
  if (errorCode) denial.errorCode = errorCode;

  const operationName = extra.operation ?? fields.operation;
  const hints = extra.service ? [extra.service, ...fields.serviceHints] : fields.serviceHints;
  const resolved = operationName
    ? resolveOperation(kb, operationName, hints, extra.operation ? "model" : fields.operationDialect)
    : undefined;
  if (operationName) {
    denial.operation = {
      ...(resolved?.service ? { service: resolved.service } : {}),
      name: resolved?.operation ?? operationName,
    };
  }
  if (fields.action) {
    const canonical = canonicalAction(kb, fields.action);
    denial.action = canonical ?? fields.action;
    if (!canonical) {
      denial.notes.push(
        `'${fields.action}' is not an IAM action the knowledge database knows; check its spelling.`,
      );
    }
  } else if (resolved?.actions.length === 1) {
    denial.action = resolved.actions[0];
  } else if (resolved && resolved.actions.length > 1) {
    denial.candidateActions = resolved.actions;
    denial.missing.push("action");
    denial.notes.push(
      `The message does not name the denied action; the ${resolved.service}:${resolved.operation} operation ` +
        `needs ${resolved.actions.join(", ")}, and one of them was denied.`,
    );
  } else {
    denial.missing.push("action");
    if (resolved?.ambiguous) {
      denial.notes.push(
        `The message does not name the denied action, and several services have a '${operationName}' ` +
          `operation (${
            resolved.ambiguous.join(", ")
          }); paste more of the error (the SDK client or endpoint).`,
      );
    } else if (operationName) {
      denial.notes.push(
        `The operation '${operationName}' is not in the knowledge database; its IAM action is unknown.`,
      );
    } else {
      denial.notes.push(
        "The message names neither the denied action nor the operation; paste the whole error (with " +
          "'when calling the ... operation') or the CloudTrail event.",
      );
    }
  }
  if (!fields.action && denial.action) {
    denial.notes.push(
      `The message does not name the action; ${denial.action} is what the ${operationName} operation needs.`,
    );
  }

  if (fields.iamResource) {
    denial.resource = iamResourceArn(fields.iamResource.type, fields.iamResource.name, principal);
  } else if (fields.resource) {
    denial.resource = fields.resource;
  } else if (extra.resource) {
    denial.resource = extra.resource;
  } else if (denial.action && kb.iamAction(denial.action)?.resourceTypes.length === 0) {
    denial.resource = "*"; // the action supports no resource-level permissions
  } else {
    denial.missing.push("resource");
    denial.notes.push(
      fields.resourceUnnamed
        ? "The message does not name the resource (it says 'the resource associated with ...')."
        : "The message does not name the resource.",
    );
  }

  if (!principal) {
    denial.missing.unshift("principal");
    denial.notes.unshift(
      "The message does not name the principal (S3 and some other services leave it out). Find it in the " +
        "CloudTrail event of the failed call (or run 'aws sts get-caller-identity' with the credentials of the " +
        "failing code) and rerun with the CloudTrail event.",
    );
  }
  if (fields.encodedMessage) {
    denial.encodedMessage = fields.encodedMessage;
    denial.notes.push(encodedMessageAdvice());
  }
  return denial;
}

function cloudTrailDenial(kb: KnowledgeBase, event: CloudTrailEvent, line: number): Denial {
  const message = event.errorMessage ?? "";
  const fields = parseMessage(message);
  const service = event.eventSource ? serviceOfEventSource(kb, event.eventSource) : undefined;
  const arns = (event.resources ?? []).map((r) => r.ARN).filter((a): a is string => Boolean(a));
  return buildDenial(kb, fields, {
    line,
    message: `${event.eventSource ?? "?"} ${event.eventName ?? "?"} ${event.errorCode ?? ""}: ${message}`,
    source: "cloudtrail",
  }, {
    principal: principalOfUserIdentity(event.userIdentity),
    service,
    operation: fields.action ? undefined : event.eventName,
    // The most specific ARN (an S3 event lists the object and its bucket).
    resource: arns.sort((a, b) => b.length - a.length)[0],
    errorCode: event.errorCode,
  });
}

function keyOf(d: Denial): string {
  return [
    principalText(d.principal),
    d.action ?? d.candidateActions?.join(","),
    d.resource,
    d.denialType,
    d.operation?.name,
  ].join("|");
}

/**
 * Finds every distinct AccessDenied in `text`: lines with "is not authorized to perform", SDK and CLI error
 * wrappers (boto3 `ClientError`, JS v3 `AccessDeniedException`, Go smithy `api error AccessDenied`, Java
 * `AwsServiceException`, AWS CLI), S3's bare "Access Denied" (action from the operation), EC2's encoded
 * messages, and CloudTrail events. Actions come in their canonical case from the knowledge database;
 * duplicates (the same denial repeated in a log or an SDK error dump) are merged. Returns `[]` when the text
 * holds no AccessDenied.
 *
 * @example
 * ```ts ignore
 * const kb = await KnowledgeBase.open();
 * const [d] = parseAccessDenied(
 *   "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sqs:sendmessage on resource: " +
 *     "arn:aws:sqs:us-east-1:123456789012:orders because no identity-based policy allows the sqs:sendmessage action",
 *   kb,
 * );
 * d.action; // "sqs:SendMessage"
 * d.denialType; // "ImplicitIdentity"
 * ```
 */
export function parseAccessDenied(text: string, kb: KnowledgeBase): Denial[] {
  const denials: Denial[] = [];
  let rest = text;
  for (const found of findCloudTrailDenials(text)) {
    denials.push(cloudTrailDenial(kb, found.event, lineOf(text, found.start)));
    rest = rest.slice(0, found.start) + rest.slice(found.start, found.end).replace(/[^\n]/g, " ") +
      rest.slice(found.end);
  }
  const lines = rest.split(/\r?\n/);
  const anchors = lines.flatMap((line, i) => isDenialLine(line) ? [i] : []);
  anchors.forEach((at, k) => {
    const from = k > 0 ? anchors[k - 1] + 1 : 0;
    const to = k + 1 < anchors.length ? anchors[k + 1] : lines.length;
    const context = [...lines.slice(from, at), ...lines.slice(at + 1, to)].join("\n");
    const fields = parseMessage(lines[at], context);
    denials.push(buildDenial(kb, fields, { line: at + 1, message: lines[at], source: "message" }));
  });
  const seen = new Map<string, Denial>();
  for (const d of denials.sort((a, b) => a.line - b.line)) {
    const key = keyOf(d);
    if (!seen.has(key)) seen.set(key, d);
  }
  return [...seen.values()];
}
