/**
 * The values that travel between the analysis stages, in data-flow order:
 * {@linkcode SourceFile} → {@linkcode SdkCall} → {@linkcode OperationRef} → {@linkcode Permission} →
 * {@linkcode PolicyDocument}.
 *
 * @module
 */

/** Languages the analysis understands. JavaScript files are parsed by the TypeScript plug-in's JS grammar. */
export type Language = "python" | "go" | "typescript" | "javascript" | "java";

/** Why a file was not analysed. */
export type SkipReason =
  | "unreadable"
  | "binary"
  | "not-utf8"
  | "too-large"
  | "syntax-error"
  | "unsupported-language";

/** One input file, with its text or the reason it was skipped. */
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

/** Where a call was found: 1-based line and column of its start and end. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A value passed to an SDK call, as far as static analysis can tell. */
export type ArgumentValue =
  | { kind: "literal"; value: string | number | boolean | null }
  /** A template or f-string: literal parts and `*` for unknown parts, e.g. `orders-*`. */
  | { kind: "pattern"; value: string }
  /** Read from an environment variable. */
  | { kind: "env"; name: string }
  | { kind: "unresolved"; expression: string };

/** One argument of a call: keyword arguments have a name; positional ones a position. */
export interface CallArgument {
  /** Member name for keyword / struct-field / object-property arguments. */
  name?: string;
  /** Position for positional arguments (0-based). */
  position?: number;
  value: ArgumentValue;
  /** `**kwargs` / spread: the call may pass any member. */
  splat?: boolean;
}

/** An SDK call found in source code, before it is resolved to operations. */
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

/** A botocore operation reached by one or more calls. */
export interface OperationRef {
  /** botocore service name: `s3`, `stepfunctions`. */
  service: string;
  /** Operation name as in the model: `ListObjectsV2`. */
  operation: string;
  /** The calls that reach it (at least one). */
  calls: SdkCall[];
}

/** Where an action (or resource, condition) came from. */
export type KnowledgeSource = "curated" | "service-reference" | "iam-dataset" | "same-name" | "fas";

/** Condition block of a statement: operator → key → values. */
export type Conditions = Record<string, Record<string, string[]>>;

/** One IAM action the application needs, with the resources and conditions it needs it on. */
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

/** An IAM policy statement, as IAM accepts it. */
export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow";
  Action: string[];
  Resource: string[];
  Condition?: Conditions;
}

/** An IAM identity policy document. */
export interface PolicyDocument {
  Id: string;
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}
