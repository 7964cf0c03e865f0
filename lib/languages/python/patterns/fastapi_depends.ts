/**
 * Pattern `python/fastapi_depends`: what FastAPI injects into parameters declared with `Depends`.
 *
 * `Depends(provider)` (also `Security(provider)`, from `fastapi` or `fastapi.params`) as a parameter's default,
 * or as metadata of its `Annotated[T, Depends(provider)]` hint — written in place or through an alias such as
 * `PhotosTable = Annotated[Table, Depends(get_photos_table)]` — stands for what FastAPI passes: what the
 * provider returns (a class gives an instance), or what it yields when it is a generator dependency.
 * `Annotated[T, Depends()]` calls `T` itself. When the provider's value is unknown, the `Annotated` hint is
 * read as its type `T` (`python/type_hint`: `Annotated["Table", Depends(get_table)]` is a Table resource).
 * Anything else stays unknown: `Depends` only declares injection.
 *
 * @example
 * ```python
 * def get_photos_table(request: Request) -> "Table":
 *     return request.app.state.dynamodb.Table(settings.photos_table)
 *
 * PhotosTable = Annotated["Table", Depends(get_photos_table)]
 *
 * @router.get("/by-owner/{owner}")
 * def list_photos(owner: str, table: PhotosTable):
 *     return table.query(KeyConditionExpression=Key("owner").eq(owner))["Items"]  # Query
 * ```
 *
 * @module
 */
import { exprText, type PyExpr } from "../facts.ts";
import { findArgument, type PatternContext, type PythonPattern } from "../pattern.ts";
import type { PyValue } from "../values.ts";

/** Stable id of this pattern. */
export const FASTAPI_DEPENDS_PATTERN_ID = "python/fastapi_depends";

/** The names `Depends` and `Security` have where FastAPI defines and re-exports them. */
const DEPENDS_FUNCTIONS = new Set([
  "fastapi.Depends",
  "fastapi.Security",
  "fastapi.params.Depends",
  "fastapi.params.Security",
  "fastapi.param_functions.Depends",
  "fastapi.param_functions.Security",
]);

/** `Annotated`, wherever it is imported from. */
const ANNOTATED = new Set(["typing.Annotated", "typing_extensions.Annotated"]);

/**
 * Kinds of value a name in a type hint can only have as an alias of `Annotated[T, Depends(provider)]`: a type
 * itself evaluates to a class, an external name or nothing known.
 */
const INJECTED_KINDS: ReadonlySet<string> = new Set([
  "client",
  "resource",
  "collection",
  "instance",
  "session",
  "library",
]);

type Call = Extract<PyExpr, { k: "call" }>;
type Subscript = Extract<PyExpr, { k: "subscript" }>;

/**
 * Evaluates `Depends(provider)`, `Annotated[T, Depends(provider)]`, and parameter hints naming either.
 *
 * @example
 * ```ts ignore
 * fastapiDependsPattern.evaluate!(hint, scope, ctx); // { t: "resource", service: "dynamodb", resource: "Table", ... }
 * ```
 */
export const fastapiDependsPattern: PythonPattern = {
  id: FASTAPI_DEPENDS_PATTERN_ID,
  evaluates: ["call", "subscript", "hint"],
  evaluate(expr, scope, ctx) {
    switch (expr.k) {
      case "call":
        return isDependsCall(expr, scope, ctx) ? injected(expr, undefined, scope, ctx) : undefined;
      case "subscript":
        return annotatedValue(expr, scope, ctx);
      case "hint":
        return hintValue(expr.type, scope, ctx);
      default:
        return undefined;
    }
  },
};

/** A parameter hint that is (or names) `Annotated[T, Depends(provider)]`. */
function hintValue(type: PyExpr, scope: number, ctx: PatternContext): PyValue | undefined {
  if (type.k === "subscript") return annotatedValue(type, scope, ctx);
  if (type.k !== "name" && type.k !== "attr") return undefined;
  const value = ctx.evaluate(type, scope);
  return INJECTED_KINDS.has(value.t) ? value : undefined;
}

/** What FastAPI injects for `Annotated[T, ..., Depends(provider), ...]`: the provider's value, else a `T`. */
function annotatedValue(expr: Subscript, scope: number, ctx: PatternContext): PyValue | undefined {
  if (!expr.rest || lastName(expr.object) !== "Annotated") return undefined;
  const object = ctx.evaluate(expr.object, scope);
  if (object.t !== "external" || !ANNOTATED.has(object.name)) return undefined;
  for (const metadata of expr.rest) {
    if (metadata.k !== "call" || !isDependsCall(metadata, scope, ctx)) continue;
    const value = injected(metadata, expr.index, scope, ctx);
    if (value) return value;
    const typed = ctx.evaluate({ k: "hint", type: expr.index, text: exprText(expr.index) }, scope);
    return typed.t === "unknown" ? undefined : typed;
  }
  return undefined;
}

/**
 * What the provider of `depends` gives (`type` stands in when it names none): its call's value, else, for a
 * generator, what it yields.
 */
function injected(
  depends: Call,
  type: PyExpr | undefined,
  scope: number,
  ctx: PatternContext,
): PyValue | undefined {
  const provider = findArgument(depends.args, 0, "dependency")?.value ?? type;
  if (!provider) return undefined;
  // FastAPI calls the provider itself (its parameters are injected in turn): no arguments the linker can see.
  const call: Call = {
    k: "call",
    id: `${depends.id}~dependency`,
    callee: provider,
    args: [],
    text: exprText(provider),
  };
  const value = ctx.evaluate(call, scope);
  if (value.t !== "unknown") return value;
  const item = ctx.evaluate({ k: "iter", of: call, text: call.text }, scope);
  return item.t === "unknown" ? undefined : item;
}

/** True for a call of FastAPI's `Depends` or `Security` (the name is checked before anything is evaluated). */
function isDependsCall(call: Call, scope: number, ctx: PatternContext): boolean {
  const name = lastName(call.callee);
  if (name !== "Depends" && name !== "Security") return false;
  const callee = ctx.evaluate(call.callee, scope);
  return callee.t === "external" && DEPENDS_FUNCTIONS.has(callee.name);
}

/** `Depends` for `Depends` and `fastapi.Depends`. */
function lastName(expr: PyExpr): string | undefined {
  return expr.k === "name" ? expr.name : expr.k === "attr" ? expr.name : undefined;
}
