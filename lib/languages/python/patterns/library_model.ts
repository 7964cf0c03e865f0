/**
 * Pattern `python/library_model`: higher-level libraries that call AWS for the code, described as data in the
 * knowledge base (library models in `sdk_utilities`: module, receiver, method → operations). A new library is
 * a new data entry; no code changes.
 *
 * Matches, for a module `M` with entries (found by the longest dotted prefix of an imported name):
 * - module functions (`receiver: "function"`): `parameters.get_parameter("/x")`,
 *   `from aws_lambda_powertools.utilities.parameters import get_secret; get_secret("s")`;
 * - constructors (`receiver: "new"`): `DynamoDBPersistenceLayer(table_name=T)` performs the entry's
 *   operations (the idempotency table's GetItem/PutItem/UpdateItem/DeleteItem), also when imported from a
 *   submodule of `M`;
 * - instance methods (`receiver: <Class>`): `provider = parameters.SSMProvider(); provider.get("/x")`.
 * Each entry row becomes one SdkCall with `operation` (or a bare IAM action) and `via` naming the entry.
 * Library calls with no entry (`Key("pk").eq(v)` of `boto3.dynamodb.conditions`, Powertools Metrics, which
 * write EMF to stdout) call nothing.
 *
 * @example
 * ```python
 * from aws_lambda_powertools.utilities import parameters
 * API_KEY = parameters.get_secret("prod/api-key")        # secretsmanager GetSecretValue
 * ```
 *
 * @module
 */
import type { UtilityEntry } from "../../../knowledge/knowledge_base.ts";
import type { SdkCall } from "../../../types.ts";
import type { EmitInput, PatternContext, PythonPattern } from "../pattern.ts";
import type { PyValue } from "../values.ts";
import { utilityCalls } from "../utility_calls.ts";

/** Stable id of this pattern. */
export const LIBRARY_MODEL_PATTERN_ID = "python/library_model";

/** boto3's own utilities belong to `python/sdk_utility`. */
const EXCLUDED_MODULES = new Set(["boto3"]);

/** A library module, the rest of a dotted name after it, and the module's entries. */
interface Library {
  module: string;
  rest: string[];
  entries: UtilityEntry[];
}

/** Per run: dotted name → its library (`null`: none). Every external callee asks, and names repeat. */
const LIBRARIES_STATE = `${LIBRARY_MODEL_PATTERN_ID}#libraries`;

function newLibraryCache(): Map<string, Library | null> {
  return new Map();
}

/** The library module of a dotted name (longest prefix with entries) and the rest of the name. */
function libraryOf(dotted: string, ctx: PatternContext): Library | undefined {
  const cache = ctx.state(LIBRARIES_STATE, newLibraryCache);
  let lib = cache.get(dotted);
  if (lib === undefined) {
    lib = findLibrary(dotted, ctx) ?? null;
    cache.set(dotted, lib);
  }
  return lib ?? undefined;
}

function findLibrary(dotted: string, ctx: PatternContext): Library | undefined {
  const parts = dotted.split(".");
  for (let i = parts.length - 1; i >= 1; i--) {
    const module = parts.slice(0, i).join(".");
    if (EXCLUDED_MODULES.has(module)) return undefined;
    const entries = ctx.kb.utilitiesOfModule("python", module);
    if (entries.length) return { module, rest: parts.slice(i), entries };
  }
  return undefined;
}

/**
 * Evaluates library objects (`SSMProvider()`) and emits library calls as their operations.
 *
 * @example
 * ```ts ignore
 * libraryModelPattern.emit!({ site, makeCall }, ctx); // [{ method: "get_parameter", services: ["ssm"], operation: "GetParameter", via }]
 * ```
 */
export const libraryModelPattern: PythonPattern = {
  id: LIBRARY_MODEL_PATTERN_ID,
  evaluates: ["call"],
  evaluate(expr, scope, ctx) {
    if (expr.k !== "call") return undefined;
    const callee = ctx.evaluate(expr.callee, scope);
    if (callee.t !== "external") return undefined;
    const lib = libraryOf(callee.name, ctx);
    return lib ? libraryObject(lib) : undefined;
  },
  emit(input, ctx) {
    const { site } = input;
    if (!site.bare) {
      const receiver = ctx.evaluate(site.receiver, site.scope);
      if (receiver.t === "library") return methodCalls(receiver, input, ctx);
    }
    const callee = ctx.evaluate(site.call.callee, site.scope);
    if (callee.t !== "external") return undefined;
    const lib = libraryOf(callee.name, ctx);
    return lib ? functionCalls(lib, input, ctx) : undefined;
  },
};

/** The object a library's class makes (`SSMProvider()`), when the name is one of its classes. */
function libraryObject(lib: Library): PyValue | undefined {
  const cls = lib.rest.at(-1);
  if (!cls || !lib.entries.some((e) => e.receiver === cls || (e.receiver === "new" && e.method === cls))) {
    return undefined;
  }
  return { t: "library", module: lib.module, receiver: cls };
}

// The two ways to a library call are apart from `emit`, which runs for every site: their closures would cost
// every call an allocation.

/** A method called on a library object. */
function methodCalls(
  receiver: Extract<PyValue, { t: "library" }>,
  input: EmitInput,
  ctx: PatternContext,
): SdkCall[] {
  const entries = ctx.kb.utilitiesOfModule("python", receiver.module).filter((e) =>
    e.receiver === receiver.receiver && e.method === input.site.method
  );
  return libraryCalls(entries, input, ctx);
}

/** A function (or class, or class method) of a library called by its dotted name. */
function functionCalls(lib: Library, input: EmitInput, ctx: PatternContext): SdkCall[] {
  const name = lib.rest.at(-1)!;
  const entries = lib.entries.filter((e) =>
    (e.receiver === "function" || e.receiver === "new") && e.method === name ||
    (lib.rest.length >= 2 && e.receiver === lib.rest.at(-2) && e.method === name)
  );
  // Other names of a modelled library (`parameters.SSMProvider` itself, helpers) call nothing.
  return libraryCalls(entries, input, ctx);
}

/** The SdkCalls of the library entries a site calls, with the site's arguments. */
function libraryCalls(entries: UtilityEntry[], input: EmitInput, ctx: PatternContext): SdkCall[] {
  const { site } = input;
  return utilityCalls(
    entries,
    input,
    ctx,
    LIBRARY_MODEL_PATTERN_ID,
    ctx.callArguments(site.call.args, site.scope),
  );
}
