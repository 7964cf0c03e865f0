/**
 * Pattern `python/field_default`: field specifiers of class bodies read as the default they give the field.
 *
 * Dataclass, attrs, pydantic and msgspec classes declare a field's default through a call rather than a plain
 * value: `dataclasses.field(default=x)` / `field(default_factory=f)`, `attrs.field(default=x)` /
 * `attrs.field(factory=f)` (also `attr.ib` / `attr.attrib` / `attr.field`, and `default=attrs.Factory(f)`),
 * `pydantic.Field(x)` / `Field(default=x)` / `Field(default_factory=f)` (also `sqlmodel.Field`), `msgspec.field`.
 * Such a call is read as the default itself, or as what calling the factory gives (a lambda, a function or a
 * class of the project, or anything another pattern evaluates when called: `boto3.client`), however the
 * specifier was imported. An instance's field then holds the default merged with what its constructor calls
 * pass (the tracker does that for any field with a default), so a client built by the factory and a service
 * name given as a settings default (`email_service: str = Field(default="sesv2")`) are known.
 *
 * @example
 * ```python
 * @dataclass
 * class DeadLetters:
 *     sqs: Any = field(default_factory=lambda: boto3.client("sqs"))
 *
 * @attrs.define
 * class Mailer:
 *     ses: Any = attrs.field(factory=lambda: boto3.client("sesv2"))
 *
 * class Settings(BaseSettings):
 *     email_service: str = Field(default="sesv2")
 * ```
 *
 * @module
 */
import type { PyArg, PyExpr } from "../facts.ts";
import type { PatternContext, PythonPattern } from "../pattern.ts";
import { findArgument } from "../pattern.ts";
import type { PyValue } from "../values.ts";

/** Stable id of this pattern. */
export const FIELD_DEFAULT_PATTERN_ID = "python/field_default";

/** Where a specifier takes its default and its factory (keyword names; a position for the first argument). */
interface Specifier {
  /** Keyword of the default value, if the specifier takes one. */
  readonly default?: string;
  /** Whether the default may also be passed first, positionally (pydantic's `Field(x)`). */
  readonly defaultFirst?: true;
  /** Keyword of the factory, if the specifier takes one. */
  readonly factory?: string;
  /** Whether the factory is passed first, positionally (`attrs.Factory(f)`). */
  readonly factoryFirst?: true;
}

const DATACLASS: Specifier = { default: "default", factory: "default_factory" };
const ATTRS: Specifier = { default: "default", factory: "factory" };
const PYDANTIC: Specifier = { default: "default", defaultFirst: true, factory: "default_factory" };
const FACTORY: Specifier = { factory: "factory", factoryFirst: true };

/** Field specifiers by dotted name. */
const SPECIFIERS: ReadonlyMap<string, Specifier> = new Map([
  ["dataclasses.field", DATACLASS],
  ["msgspec.field", DATACLASS],
  ["attr.ib", ATTRS],
  ["attr.attrib", ATTRS],
  ["attr.field", ATTRS],
  ["attrs.field", ATTRS],
  ["attr.Factory", FACTORY],
  ["attrs.Factory", FACTORY],
  ["pydantic.Field", PYDANTIC],
  ["pydantic.fields.Field", PYDANTIC],
  ["pydantic.v1.Field", PYDANTIC],
  ["sqlmodel.Field", PYDANTIC],
]);

/**
 * Evaluates a field specifier call to the field's default.
 *
 * @example
 * ```ts ignore
 * fieldDefaultPattern.evaluate!(expr, scope, ctx); // `field(default_factory=lambda: boto3.client("sqs"))`: sqs client
 * ```
 */
export const fieldDefaultPattern: PythonPattern = {
  id: FIELD_DEFAULT_PATTERN_ID,
  evaluates: ["call"],
  evaluate(expr, scope, ctx) {
    // A specifier without arguments names no default.
    if (expr.k !== "call" || expr.args.length === 0) return undefined;
    const fn = ctx.evaluate(expr.callee, scope);
    const specifier = fn.t === "external" ? SPECIFIERS.get(fn.name) : undefined;
    return specifier ? defaultOf(expr, specifier, scope, ctx) : undefined;
  },
};

/** The default `call` (a specifier call) gives its field, undefined when it names none. */
function defaultOf(
  call: Extract<PyExpr, { k: "call" }>,
  specifier: Specifier,
  scope: number,
  ctx: PatternContext,
): PyValue | undefined {
  const value = argument(call.args, specifier.defaultFirst, specifier.default);
  if (value) return ctx.evaluate(value, scope);
  const factory = argument(call.args, specifier.factoryFirst, specifier.factory);
  if (!factory) return undefined;
  // The field's default is what a call of the factory, without arguments, gives.
  const made: PyExpr = { k: "call", id: `${call.id}~factory`, callee: factory, args: [], text: call.text };
  return ctx.evaluate(made, scope);
}

/** The value passed by keyword `name`, or first when `first`. */
function argument(
  args: readonly PyArg[],
  first: true | undefined,
  name: string | undefined,
): PyExpr | undefined {
  if (name === undefined) return undefined;
  return findArgument(args, first ? 0 : -1, name)?.value;
}
