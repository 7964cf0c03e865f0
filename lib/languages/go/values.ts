/**
 * What the phase-2 tracker knows about a Go value: the abstract "types" patterns produce and consume.
 *
 * @module
 */
import type { CallArgument } from "../../types.ts";

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
