/**
 * The string-like values every language's tracker shares — strings, patterns with `*` for unknown parts,
 * numbers, constants and environment variables — and how they become {@linkcode ArgumentValue}s. Each
 * language's value type is a union tagged by `t` that includes these shapes, so the helpers take any tagged
 * value and treat every tag they do not know as unknown.
 *
 * @module
 */
import type { ArgumentValue } from "../../types.ts";

/** A string value: exactly known, or a pattern with `*` for the unknown parts. */
export type StringValue = { t: "string"; value: string } | { t: "pattern"; value: string };

/** The values all languages evaluate the same way. */
export type ScalarValue =
  | StringValue
  | { t: "number"; value: number }
  | { t: "const"; value: boolean | null }
  /** The value of an environment variable. */
  | { t: "env"; name: string };

/** Any language's value: a union tagged by `t` whose scalar members have the shapes of {@linkcode ScalarValue}. */
export interface TaggedValue {
  readonly t: string;
}

/** What the helpers take: a scalar written out (so literals type-check) or any language's value. */
export type AnyValue = ScalarValue | TaggedValue;

/** How a language departs from the common reading of scalar values. */
export interface ScalarOptions {
  /**
   * Whether a `string` value is not one exact string after all (Python keeps the alternatives of a
   * conditional); such a value reads as unknown. Default: every `string` value is exact.
   */
  inexact?(value: TaggedValue): boolean;
}

const SCALAR_TAGS: ReadonlySet<string> = new Set(["string", "pattern", "number", "const", "env"]);

/** `value` as a scalar, or undefined for a tag of the language's own. */
function scalar(value: TaggedValue, options: ScalarOptions): ScalarValue | undefined {
  if (!SCALAR_TAGS.has(value.t) || (value.t === "string" && options.inexact?.(value))) return undefined;
  // Sound because every language's value type gives these tags the fields of ScalarValue (see TaggedValue).
  return value as ScalarValue;
}

/**
 * The text of a string-like value: the string itself, a pattern, or `*` for anything unknown.
 *
 * @example
 * ```ts
 * import { stringPart } from "./argument_values.ts";
 * stringPart({ t: "string", value: "orders" }); // "orders"
 * stringPart({ t: "env", name: "STAGE" }); // "*"
 * ```
 */
export function stringPart(value: AnyValue, options: ScalarOptions = {}): string {
  const v = scalar(value, options);
  switch (v?.t) {
    case "string":
    case "pattern":
      return v.value;
    case "number":
      return String(v.value);
    default:
      return "*";
  }
}

/**
 * Joins string parts into a string value, or a pattern when any part is unknown.
 *
 * @example
 * ```ts
 * import { joinStringParts } from "./argument_values.ts";
 * joinStringParts([{ t: "string", value: "orders-" }, { t: "unknown" }]); // { t: "pattern", value: "orders-*" }
 * ```
 */
export function joinStringParts(parts: readonly AnyValue[], options: ScalarOptions = {}): StringValue {
  const exact = parts.every((p) => {
    const v = scalar(p, options);
    return v?.t === "string" || v?.t === "number";
  });
  const value = parts.map((p) => stringPart(p, options)).join("");
  // Adjacent unknown parts say nothing more than one `*`.
  return exact ? { t: "string", value } : { t: "pattern", value: value.replace(/\*+/g, "*") };
}

/**
 * The value of `left + right`: the sum of two numbers, the joined string when either side is string-like
 * (`stringy` says which values are), otherwise undefined (the caller's unknown).
 *
 * @example
 * ```ts
 * import { addValues } from "./argument_values.ts";
 * const stringy = (v: { t: string }) => v.t === "string" || v.t === "pattern";
 * addValues({ t: "number", value: 1 }, { t: "number", value: 2 }, stringy); // { t: "number", value: 3 }
 * addValues({ t: "string", value: "a-" }, { t: "unknown" }, stringy); // { t: "pattern", value: "a-*" }
 * ```
 */
export function addValues(
  left: AnyValue,
  right: AnyValue,
  stringy: (value: AnyValue) => boolean,
  options: ScalarOptions = {},
): ScalarValue | undefined {
  const l = scalar(left, options);
  const r = scalar(right, options);
  if (l?.t === "number" && r?.t === "number") return { t: "number", value: l.value + r.value };
  return stringy(left) || stringy(right) ? joinStringParts([left, right], options) : undefined;
}

/** How {@linkcode argumentValue} reads values. */
export interface ArgumentValueOptions extends ScalarOptions {
  /**
   * What a pattern that is only `*` becomes: `"unresolved"` (it says nothing, so keep the source text;
   * the default) or `"pattern"` (kept as the pattern `*`, as the TypeScript plug-in reports it).
   */
  bareWildcard?: "unresolved" | "pattern";
}

/**
 * The {@linkcode ArgumentValue} of an evaluated argument: literals, patterns and environment variables are
 * kept; anything else is unresolved with `expression`, its source text.
 *
 * @example
 * ```ts
 * import { argumentValue } from "./argument_values.ts";
 * argumentValue({ t: "string", value: "orders" }, "TABLE"); // { kind: "literal", value: "orders" }
 * argumentValue({ t: "env", name: "BUCKET" }, "bucket"); // { kind: "env", name: "BUCKET" }
 * argumentValue({ t: "client" }, "s3"); // { kind: "unresolved", expression: "s3" }
 * ```
 */
export function argumentValue(
  value: AnyValue,
  expression: string,
  options: ArgumentValueOptions = {},
): ArgumentValue {
  const v = scalar(value, options);
  switch (v?.t) {
    case "string":
    case "number":
    case "const":
      return { kind: "literal", value: v.value };
    case "pattern":
      return v.value === "*" && options.bareWildcard !== "pattern"
        ? { kind: "unresolved", expression }
        : { kind: "pattern", value: v.value };
    case "env":
      return { kind: "env", name: v.name };
    default:
      return { kind: "unresolved", expression };
  }
}
