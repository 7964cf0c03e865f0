/**
 * Reading the fields of one AccessDenied message line: principal, action, resource, reason clause, error
 * code, operation name, service hints and an encoded authorization failure message.
 *
 * @module
 */
import { classifyDenial, type DenialReason } from "./denial_type.ts";

/** The raw fields of one message; nothing is looked up in the knowledge database yet. */
export interface MessageFields {
  /** The principal as written (`arn:...`, `anonymous`), when the message names one. */
  principal?: string;
  /** The action as written (`sqs:sendmessage`). */
  action?: string;
  /** The resource as written (quotes removed). */
  resource?: string;
  /** `role NAME` / `user NAME` / `policy NAME` / `group NAME` forms of IAM resources. */
  iamResource?: { type: string; name: string };
  /** The message says "on the resource associated with ..." without an ARN. */
  resourceUnnamed?: boolean;
  reason: DenialReason;
  errorCode?: string;
  /** Operation name (`ListObjectsV2`), or a Java/JS method name (`listObjectsV2`). */
  operation?: string;
  /** Language the operation name is written in, for method-name lookups. */
  operationDialect?: "model" | "java" | "js";
  /** Service names the text mentions (`S3`, `dynamodb`, `sqs`). */
  serviceHints: string[];
  encodedMessage?: string;
  /** The line has the "is not authorized to perform" sentence. */
  full: boolean;
}

const KEY = /\bnot authori[sz]ed to perform\s*:?\s*/i;

const ERROR_CODE_PATTERNS: RegExp[] = [
  /An error occurred \(([\w.]+)\)/,
  /api error ([\w.]+):/,
  /Error Code: ([\w.]+)/,
  /"?(?:errorCode|Code|__type)"?\s*[:=]\s*["']?(?:[\w.]+#)?([\w.]+)/,
  /\b((?:[A-Z][a-z]+)*(?:AccessDenied\w*|UnauthorizedOperation|UnauthorizedAccess|AuthorizationError))\b/,
];

/**
 * Lines that start a denial: the "not authorized to perform" sentence, SDK/CLI error wrappers of access
 * errors, S3's bare "Access Denied", EC2's encoded messages.
 *
 * @example
 * ```ts
 * import { isDenialLine } from "./parse_message.ts";
 * console.assert(isDenialLine("An error occurred (AccessDenied) when calling the ListObjectsV2 operation: Access Denied"));
 * console.assert(!isDenialLine("INFO starting worker"));
 * ```
 */
export function isDenialLine(line: string): boolean {
  return KEY.test(line) ||
    /\((AccessDenied\w*|[\w.]*UnauthorizedOperation|UnauthorizedAccess|Forbidden|AuthorizationError)\) when calling the \w+ operation/
      .test(line) ||
    /api error (AccessDenied\w*|UnauthorizedOperation|Forbidden|AuthorizationError)\b/.test(line) ||
    /\bAccess Denied\b/.test(line) ||
    /Encoded authorization failure message/i.test(line) ||
    /You are not authorized to perform this operation/i.test(line);
}

function unquote(value: string): string {
  return value.replace(/^\\?["'`]|\\?["'`]$/g, "");
}

/**
 * Service names a piece of text mentions: Go's `operation error S3:`, Java's `(Service: S3,`, ARNs' service
 * parts, AWS hostnames, boto3's `client('s3')`, Java packages, JS `@aws-sdk/client-s3`.
 *
 * @example
 * ```ts
 * import { serviceHintsOf } from "./parse_message.ts";
 * console.assert(serviceHintsOf("operation error S3: ListObjectsV2, https response error").includes("S3"));
 * ```
 */
export function serviceHintsOf(text: string): string[] {
  const hints: string[] = [];
  const add = (value: string | undefined) => {
    if (value && !hints.includes(value)) hints.push(value);
  };
  for (const m of text.matchAll(/operation error ([\w .-]+?): \w+/g)) add(m[1]);
  for (const m of text.matchAll(/\(Service: ([\w .-]+?),/g)) add(m[1]);
  for (const m of text.matchAll(/\bclient\(\s*(?:service_name\s*=\s*)?["']([\w-]+)["']/g)) add(m[1]);
  for (const m of text.matchAll(/awssdk\.services\.(\w+)\./g)) add(m[1]);
  for (const m of text.matchAll(/@aws-sdk\/client-([\w-]+)/g)) add(m[1]);
  for (const m of text.matchAll(/\b([a-z0-9-]+)\.(?:[a-z0-9-]+\.)?amazonaws\.com/g)) add(m[1]);
  for (const m of text.matchAll(/\barn:aws[a-z-]*:([a-z0-9-]+):/g)) {
    if (m[1] !== "iam" && m[1] !== "sts") add(m[1]);
  }
  return hints;
}

/**
 * The operation a piece of text names: "when calling the X operation" (boto3, AWS CLI), Go's
 * "operation error S3: X", a JS v3 deserializer (`de_XCommandError`) or a Java client method in a stack
 * trace (`DefaultS3Client.listObjectsV2(`).
 *
 * @example
 * ```ts
 * import { operationOf } from "./parse_message.ts";
 * console.assert(operationOf("An error occurred (AccessDenied) when calling the GetObject operation")?.name === "GetObject");
 * ```
 */
export function operationOf(text: string): { name: string; dialect: "model" | "java" | "js" } | undefined {
  const model = /when calling the (\w+) operation/.exec(text) ??
    /operation error [\w .-]+?: (\w+)/.exec(text);
  if (model) return { name: model[1], dialect: "model" };
  const js = /\b(?:de_|deserializeAws_\w+?)(\w+?)Command(?:Error)?\b/.exec(text);
  if (js) return { name: js[1], dialect: "model" };
  const java = /\.Default\w+Client\.(\w+)\(/.exec(text);
  if (java) return { name: java[1], dialect: "java" };
  return undefined;
}

/**
 * Reads the fields of one message line; `context` is the surrounding text of the same error (stack lines,
 * the SDK's error object) used for the error code, operation and service when the line lacks them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseMessage } from "./parse_message.ts";
 * const f = parseMessage(
 *   'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: s3:GetObject on resource: ' +
 *     '"arn:aws:s3:::orders/a.txt" because no identity-based policy allows the s3:GetObject action',
 * );
 * assert.equal(f.principal, "arn:aws:iam::123456789012:user/bob");
 * assert.equal(f.action, "s3:GetObject");
 * assert.equal(f.resource, "arn:aws:s3:::orders/a.txt");
 * assert.equal(f.reason.denialType, "ImplicitIdentity");
 * ```
 */
export function parseMessage(line: string, context = ""): MessageFields {
  const fields: MessageFields = {
    reason: { denialType: "Unknown", explicitDeny: false },
    serviceHints: [],
    full: false,
  };
  const key = KEY.exec(line);
  if (key) {
    fields.full = true;
    const before = line.slice(0, key.index);
    const principal =
      /(?:User|Principal|Identity|Caller)\s*:?\s*\\?["']?(anonymous|arn:[^\s"'`\\,;]+|[a-z0-9.-]+\.amazonaws\.com)\\?["']?\s*(?:is\s*)?$/i
        .exec(before) ?? /(arn:aws[a-z-]*:(?:iam|sts)::\d{12}:[^\s"'`\\,;]+)[^]*$/.exec(before);
    if (principal) fields.principal = principal[1];
    let rest = line.slice(key.index + key[0].length);
    const action = /^\\?["'`]?([A-Za-z0-9-]+:[A-Za-z0-9*_-]+)\\?["'`]?/.exec(rest);
    if (action) {
      fields.action = action[1];
      rest = rest.slice(action[0].length);
    }
    const iam =
      /^\s*on\s+(?:resource\s*:?\s*)?(role|user|policy|group|instance-profile)\s+\\?["']?([\w+=,.@/-]+?)\\?["']?(?=[\s.,;]|$)/i
        .exec(rest);
    const onResource = /^\s*on\s+(?:the\s+)?resource\s*:?\s*(\\?"[^"\\]*\\?"|'[^']*'|`[^`]*`|\S+)/i.exec(
      rest,
    );
    if (iam) {
      fields.iamResource = { type: iam[1].toLowerCase(), name: iam[2] };
      rest = rest.slice(iam[0].length);
    } else if (/^\s*on\s+the\s+resource\s+associated/i.test(rest)) {
      fields.resourceUnnamed = true;
    } else if (onResource) {
      const raw = onResource[1];
      const quoted = /^\\?["'`]/.test(raw);
      fields.resource = quoted ? unquote(raw) : raw.replace(/[.,;)"'\\]+$/, "");
      rest = rest.slice(onResource[0].length);
    }
    fields.reason = classifyDenial(rest);
  }
  const all = `${line}\n${context}`;
  for (const pattern of ERROR_CODE_PATTERNS) {
    const m = pattern.exec(line) ?? pattern.exec(context);
    if (m && /denied|unauthori[sz]ed|forbidden|authorization/i.test(m[1])) {
      fields.errorCode = m[1].replace(/^Client\./, "");
      break;
    }
  }
  const op = operationOf(line) ?? operationOf(context);
  if (op) {
    fields.operation = op.name;
    fields.operationDialect = op.dialect;
  }
  fields.serviceHints = serviceHintsOf(all);
  if (/\bAccess Denied\b/.test(line) && !fields.full && !fields.serviceHints.includes("s3")) {
    fields.serviceHints.push("s3"); // S3's bare message
  }
  const encoded = /Encoded authorization failure message:\s*([A-Za-z0-9_+/=-]{16,})/i.exec(all);
  if (encoded) fields.encodedMessage = encoded[1];
  return fields;
}
