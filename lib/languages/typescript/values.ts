/**
 * What the phase-2 tracker knows about a JS/TS value: the abstract "types" patterns produce and consume.
 *
 * @module
 */
import type { JsExpr } from "./facts.ts";

/** An abstract JS/TS value. */
export type JsValue =
  | { t: "unknown" }
  /** The namespace of a package outside the project (`import * as s3 from "@aws-sdk/client-s3"`). */
  | { t: "package"; module: string }
  /** A named export of a package outside the project: a class, function or constant (`S3Client`). */
  | { t: "symbol"; module: string; name: string }
  /** A global of the runtime by dotted name: `process`, `process.env`. */
  | { t: "global"; name: string }
  /** A module of the project (`file` indexes the linked files). */
  | { t: "module"; file: number }
  | { t: "function"; file: number; scope: number }
  | { t: "class"; file: number; scope: number }
  /** An instance of a package class; `services` is set for SDK clients (botocore names). */
  | { t: "instance"; module: string; cls: string; services: string[] }
  /** An instance of a class of the project. */
  | { t: "object"; file: number; cls: number }
  /** An object literal, evaluated lazily in its file and scope. */
  | { t: "literal"; file: number; scope: number; expr: Extract<JsExpr, { k: "obj" }> }
  /** A value of a project interface / object type: property → declared type, evaluated in `scope`. */
  | { t: "typed"; file: number; scope: number; props: Record<string, JsExpr> }
  | { t: "string"; value: string }
  /** A string with unknown parts, written `*` (template literals, concatenation). */
  | { t: "pattern"; value: string }
  | { t: "number"; value: number }
  | { t: "const"; value: boolean | null }
  /** The value of an environment variable. */
  | { t: "env"; name: string };

/** The unknown value (shared: values are never mutated). */
export const UNKNOWN: JsValue = Object.freeze({ t: "unknown" }) as JsValue;
