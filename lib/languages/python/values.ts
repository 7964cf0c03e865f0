/**
 * What the phase-2 tracker knows about a Python value: the abstract "types" patterns produce and consume.
 *
 * @module
 */

import type { ArgumentValue } from "../../types.ts";
import type { PyExpr } from "./facts.ts";

/** An abstract Python value. Patterns add meaning (sessions, clients, paginators); the tracker adds the rest. */
export type PyValue =
  | { t: "unknown" }
  /** Something from a module outside the project, by dotted name: `boto3`, `boto3.client`, `os.environ`. */
  | { t: "external"; name: string }
  /** A module of the project (`file` indexes the linked files) or a namespace package directory. */
  | { t: "module"; file?: number; dir?: string }
  | { t: "function"; file: number; scope: number }
  /**
   * A method made an attribute by `@property` / `@functools.cached_property`: reading it on an instance gives
   * what the getter (function scope `scope`) returns.
   */
  | { t: "property"; file: number; scope: number }
  /** A class of the project; `open`: it or any subclass (`type(self)`). */
  | { t: "class"; file: number; scope: number; open?: true }
  /**
   * A string; `alternatives` are other values it may have on other code paths (a parameter passed `"sns"` at
   * one call site and `"firehose"` at another). Only service names read them; argument values with
   * alternatives are unresolved, so no ARN is scoped to just one of them.
   */
  | { t: "string"; value: string; alternatives?: string[] }
  /** A string with unknown parts, written `*` (f-strings, concatenation). */
  | { t: "pattern"; value: string }
  | { t: "number"; value: number }
  | { t: "const"; value: boolean | null }
  /** The value of an environment variable. */
  | { t: "env"; name: string }
  /** A `boto3.Session` instance. */
  | { t: "session" }
  /** A boto3 client; `services` is empty when the service name could not be determined. */
  | { t: "client"; services: string[] }
  /**
   * A boto3 resource object of type `resource` (`ServiceResource`, `Bucket`, `Object`, `Table`, ...).
   * `ids` are the identifier values known so far (`{ Name: "my-bucket" }` for `s3.Bucket("my-bucket")`),
   * injected as request parameters when an action is called.
   */
  | {
    t: "resource";
    service: string;
    resource: string;
    ids?: Record<string, ArgumentValue>;
    /** Made from identifiers alone (a constructor such as `cf.Stack(name)`, a reference): holds no data yet. */
    unloaded?: true;
  }
  /**
   * A boto3 resource collection (`bucket.objects`, `bucket.objects.filter(Prefix="x")`): listing it calls
   * `operation`; its items are `item` resources. `owner` is the resource type holding it (for batch actions).
   */
  | {
    t: "collection";
    service: string;
    owner: string;
    member: string;
    operation?: string;
    item?: string;
    ids?: Record<string, ArgumentValue>;
  }
  /**
   * An instance of a class of the project (`svc = OrderService()`). `open`: of that class or of any subclass
   * (`self` in its methods, a value typed by an annotation), so an attribute a subclass redefines may be either.
   */
  | { t: "instance"; file: number; scope: number; open?: true }
  /** A dict display (`{"Bucket": b, "Key": k}`), kept unevaluated so `**params` can expand it in place. */
  | { t: "dict"; file: number; scope: number; expr: PyExpr; open: boolean }
  /** A list, tuple or set display of plain items (`("s3", "sqs")`), kept unevaluated. */
  | { t: "sequence"; file: number; scope: number; expr: Extract<PyExpr, { k: "seq" }> }
  /** A comprehension (`{name: session.client(name) for name in SERVICES}`), kept unevaluated. */
  | { t: "comprehension"; file: number; expr: Extract<PyExpr, { k: "comp" }> }
  /** An object of a library described by the knowledge base's library models (`SSMProvider()`). */
  | { t: "library"; module: string; receiver: string }
  /**
   * A `threading.local()` (`kind` "local") or a `contextvars.ContextVar(...)` ("contextvar"), made by `call` of
   * file `file` (in scope `scope`): it holds what the project stores in it, wherever that is (the local's
   * attributes, the variable's `.set(value)`). Two holders are the same object when made by the same call.
   */
  | {
    t: "holder";
    kind: "local" | "contextvar";
    file: number;
    scope: number;
    call: Extract<PyExpr, { k: "call" }>;
  }
  /** `client.get_paginator(name)`; `site` identifies the creating call (`<file>:<call id>`). */
  | { t: "paginator"; services: string[]; name?: string; site: string }
  /** `client.get_waiter(name)`; `site` identifies the creating call. */
  | { t: "waiter"; services: string[]; name?: string; site: string };

/** The unknown value (shared: values are never mutated). */
export const UNKNOWN: PyValue = Object.freeze({ t: "unknown" }) as PyValue;

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
export function stringPart(value: PyValue): string {
  switch (value.t) {
    case "string":
      return value.alternatives?.length ? "*" : value.value;
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
export function joinStringParts(parts: PyValue[]): PyValue {
  const exact = parts.every((p) => (p.t === "string" && !p.alternatives?.length) || p.t === "number");
  const value = parts.map(stringPart).join("");
  // Adjacent unknown parts say nothing more than one `*`.
  return exact ? { t: "string", value } : { t: "pattern", value: value.replace(/\*+/g, "*") };
}
