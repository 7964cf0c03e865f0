/**
 * What the phase-2 tracker knows about a Go value: the abstract "types" patterns produce and consume.
 *
 * @module
 */
import type { ArgumentValue, CallArgument } from "../../types.ts";

/** An abstract Go value. Patterns add SDK meaning (clients, paginators, inputs); the tracker adds the rest. */
export type GoValue =
  | { t: "unknown" }
  /** A value of a type from outside the project that is no SDK type (`*sql.DB`, `string`): never an SDK call. */
  | { t: "typed"; type: string }
  /** An imported package (`path` is its import path); project packages are `{ t: "project" }`. */
  | { t: "package"; path: string }
  /** A package of the analysed project (its directory). */
  | { t: "project"; dir: string }
  /** A function of the project: `file` indexes the linked files, `fn` the file's functions. */
  | { t: "function"; file: number; fn: number }
  /** An instance of a struct or named type declared in the project. */
  | { t: "struct"; dir: string; name: string }
  /** A value of an interface type declared in the project. */
  | { t: "interface"; dir: string; name: string }
  | { t: "string"; value: string }
  /** A string with unknown parts, written `*` (`fmt.Sprintf`, concatenation). */
  | { t: "pattern"; value: string }
  | { t: "number"; value: number }
  | { t: "const"; value: boolean | null }
  /** The value of an environment variable. */
  | { t: "env"; name: string }
  /** An SDK client (`s3.NewFromConfig(cfg)`, `*s3.Client`, `s3.ListObjectsV2APIClient`). */
  | { t: "client"; services: string[] }
  /** `s3.NewPresignClient(client)`. */
  | { t: "presign"; services: string[] }
  /** `svc.NewXxxPaginator(client, input)`; `site` identifies the creating call (`<file>:<call id>`). */
  | { t: "paginator"; services: string[]; operation: string; input?: InputValue; site: string }
  /** `svc.NewXxxWaiter(client)`: `operation` is the polled operation. */
  | { t: "waiter"; services: string[]; operation: string; site: string }
  /** An instance of a knowledge-base utility receiver (`manager.NewUploader(client)` → `Uploader`). */
  | { t: "utility"; module: string; receiver: string }
  | InputValue;

/** An operation input (`&s3.GetObjectInput{Bucket: ...}`), with the fields static analysis saw. */
export interface InputValue {
  t: "input";
  service: string;
  operation: string;
  fields: CallArgument[];
  /** True when fields may be set where the analysis cannot see (a parameter, a copied value). */
  open: boolean;
}

/** The unknown value (shared: values are never mutated). */
export const UNKNOWN: GoValue = Object.freeze({ t: "unknown" }) as GoValue;

/**
 * The text of a string-like value: the string itself, a pattern, or `*` for anything unknown.
 *
 * @example
 * ```ts
 * import { stringPart } from "./values.ts";
 * stringPart({ t: "string", value: "orders" }); // "orders"
 * stringPart({ t: "env", name: "STAGE" }); // "*"
 * ```
 */
export function stringPart(value: GoValue): string {
  switch (value.t) {
    case "string":
    case "pattern":
      return value.value;
    case "number":
      return String(value.value);
    default:
      return "*";
  }
}

/**
 * Joins string parts into a string value, or a pattern when any part is unknown.
 *
 * @example
 * ```ts
 * import { joinStringParts } from "./values.ts";
 * joinStringParts([{ t: "string", value: "orders-" }, { t: "unknown" }]); // { t: "pattern", value: "orders-*" }
 * ```
 */
export function joinStringParts(parts: GoValue[]): GoValue {
  const exact = parts.every((p) => p.t === "string" || p.t === "number");
  const value = parts.map(stringPart).join("");
  return exact ? { t: "string", value } : { t: "pattern", value: value.replace(/\*+/g, "*") };
}

/**
 * The {@linkcode ArgumentValue} of a value, with `expression` as the text of anything not statically known.
 *
 * @example
 * ```ts
 * import { argumentValue } from "./values.ts";
 * argumentValue({ t: "env", name: "BUCKET" }, "bucket"); // { kind: "env", name: "BUCKET" }
 * ```
 */
export function argumentValue(value: GoValue, expression: string): ArgumentValue {
  switch (value.t) {
    case "string":
    case "number":
    case "const":
      return { kind: "literal", value: value.value };
    case "pattern":
      return value.value === "*"
        ? { kind: "unresolved", expression }
        : { kind: "pattern", value: value.value };
    case "env":
      return { kind: "env", name: value.name };
    default:
      return { kind: "unresolved", expression };
  }
}
