/**
 * The values that travel between the analysis stages, in data-flow order:
 * {@linkcode SourceFile} → {@linkcode SdkCall} → {@linkcode OperationRef} → {@linkcode Permission} →
 * {@linkcode PolicyDocument}.
 *
 * @module
 */

/**
 * Languages the analysis understands. JavaScript files are parsed by the TypeScript plug-in's JS grammar.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Language } from "./types.ts";
 *
 * const language: Language = "python";
 * assert.ok(["python", "go", "typescript", "javascript", "java"].includes(language));
 * ```
 */
export type Language = "python" | "go" | "typescript" | "javascript" | "java";

/**
 * Why a file was not analysed.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { SkipReason } from "./types.ts";
 *
 * const reason: SkipReason = "not-utf8";
 * assert.equal(reason.replace(/-/g, " "), "not utf8");
 * ```
 */
export type SkipReason =
  | "unreadable"
  | "binary"
  | "not-utf8"
  | "too-large"
  | "syntax-error"
  | "unsupported-language";

/**
 * One input file, with its text or the reason it was skipped.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { SourceFile } from "./types.ts";
 *
 * const file: SourceFile = { path: "app/handler.py", language: "python", text: "import boto3\n" };
 * assert.equal(file.skipped, undefined);
 * ```
 */
export interface SourceFile {
  /** Path as the user gave it or as found while walking a directory (forward slashes). */
  path: string;
  /** Language by extension or `--language`. */
  language: Language;
  /** File contents, when readable as UTF-8 text. */
  text?: string;
  /** Set when the file was skipped; `detail` says more for people. */
  skipped?: { reason: SkipReason; detail: string };
}

/**
 * Where a call was found: 1-based line and column of its start and end.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { SourceLocation } from "./types.ts";
 *
 * const at: SourceLocation = { file: "app.py", line: 3, column: 1, endLine: 3, endColumn: 42 };
 * assert.equal(`${at.file}:${at.line}.${at.column}`, "app.py:3.1");
 * ```
 */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * A value passed to an SDK call, as far as static analysis can tell.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { ArgumentValue } from "./types.ts";
 *
 * const bucket: ArgumentValue = { kind: "pattern", value: "orders-*" };
 * assert.equal(bucket.kind, "pattern");
 * ```
 */
export type ArgumentValue =
  | { kind: "literal"; value: string | number | boolean | null }
  /** A template or f-string: literal parts and `*` for unknown parts, e.g. `orders-*`. */
  | { kind: "pattern"; value: string }
  /** Read from an environment variable. */
  | { kind: "env"; name: string }
  | { kind: "unresolved"; expression: string };

/**
 * One argument of a call: keyword arguments have a name; positional ones a position.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { CallArgument } from "./types.ts";
 *
 * const argument: CallArgument = { name: "Bucket", value: { kind: "literal", value: "reports" } };
 * assert.equal(argument.position, undefined);
 * ```
 */
export interface CallArgument {
  /** Member name for keyword / struct-field / object-property arguments. */
  name?: string;
  /** Position for positional arguments (0-based). */
  position?: number;
  value: ArgumentValue;
  /** `**kwargs` / spread: the call may pass any member. */
  splat?: boolean;
}

/**
 * An SDK call found in source code, before it is resolved to operations.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { SdkCall } from "./types.ts";
 *
 * const call: SdkCall = {
 *   language: "python",
 *   method: "get_object",
 *   services: ["s3"],
 *   arguments: [{ name: "Bucket", value: { kind: "literal", value: "reports" } }],
 *   location: { file: "app.py", line: 4, column: 1, endLine: 4, endColumn: 40 },
 *   expression: "s3.get_object(Bucket=\"reports\", Key=key)",
 *   pattern: "python/client_method_call",
 * };
 * assert.deepEqual(call.services, ["s3"]);
 * ```
 */
export interface SdkCall {
  language: Language;
  /** Method name as written in the source: `list_objects_v2`, `ListObjectsV2Command`, `GetObject`. */
  method: string;
  /** botocore services the receiver is known to be a client of; empty when unknown. */
  services: string[];
  /** The operation, when the pattern already knows it (commands, paginators, waiters, utilities). */
  operation?: string;
  arguments: CallArgument[];
  location: SourceLocation;
  /** Source text of the call expression (trimmed to a readable length). */
  expression: string;
  /** Stable id of the pattern that found it, e.g. `python/client_method_call`. */
  pattern: string;
  /** For utility/library calls: the knowledge entry that expanded it (module + method). */
  via?: string;
}

/**
 * A botocore operation reached by one or more calls.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { OperationRef } from "./types.ts";
 *
 * const ref: OperationRef = { service: "s3", operation: "GetObject", calls: [] };
 * assert.equal(`${ref.service}.${ref.operation}`, "s3.GetObject");
 * ```
 */
export interface OperationRef {
  /** botocore service name: `s3`, `stepfunctions`. */
  service: string;
  /** Operation name as in the model: `ListObjectsV2`. */
  operation: string;
  /** The calls that reach it (at least one). */
  calls: SdkCall[];
}

/**
 * Where an action (or resource, condition) came from.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { KnowledgeSource } from "./types.ts";
 *
 * const source: KnowledgeSource = "service-reference";
 * assert.notEqual(source, "same-name");
 * ```
 */
export type KnowledgeSource =
  | "curated"
  | "service-reference"
  | "iam-dataset"
  | "same-name"
  | "botocore-docs"
  | "fas";

/**
 * Condition block of a statement: operator → key → values.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Conditions } from "./types.ts";
 *
 * const conditions: Conditions = { StringEquals: { "aws:RequestedRegion": ["us-east-1"] } };
 * assert.deepEqual(Object.keys(conditions), ["StringEquals"]);
 * ```
 */
export type Conditions = Record<string, Record<string, string[]>>;

/**
 * One IAM action the application needs, with the resources and conditions it needs it on.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Permission } from "./types.ts";
 *
 * const permission: Permission = {
 *   action: "s3:GetObject",
 *   resources: ["arn:aws:s3:::reports/*"],
 *   conditions: {},
 *   provenance: { operation: { service: "s3", operation: "GetObject" }, calls: [], source: "iam-dataset" },
 * };
 * assert.equal(permission.action.split(":")[0], "s3");
 * ```
 */
export interface Permission {
  /** `prefix:Action` in canonical case. */
  action: string;
  /** Resource ARNs with placeholders filled (`*` where unknown). */
  resources: string[];
  conditions: Conditions;
  /** Why it is needed. */
  provenance: {
    /** The operation that needs it (for FAS, the operation performed on the caller's behalf). */
    operation: { service: string; operation: string };
    /** Calls in the code that reach it. */
    calls: SdkCall[];
    source: KnowledgeSource;
    /** Detail of the knowledge source (map key, curated note). */
    sourceDetail?: string;
    /** For FAS additions: the chain of operations that triggered this one, outermost first. */
    fasParents?: { service: string; operation: string }[];
  };
}

/**
 * An IAM policy statement, as IAM accepts it.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { PolicyStatement } from "./types.ts";
 *
 * const statement: PolicyStatement = { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] };
 * assert.equal(statement.Condition, undefined);
 * ```
 */
export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow";
  Action: string[];
  Resource: string[];
  Condition?: Conditions;
}

/**
 * An IAM identity policy document.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import type { PolicyDocument } from "./types.ts";
 *
 * const policy: PolicyDocument = {
 *   Id: "IamPolicyAutopilot",
 *   Version: "2012-10-17",
 *   Statement: [{ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: ["*"] }],
 * };
 * assert.equal(JSON.parse(JSON.stringify(policy)).Version, "2012-10-17");
 * ```
 */
export interface PolicyDocument {
  Id: string;
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}
