/**
 * Pattern `typescript/library_model`: higher-level libraries that call AWS for the code (Powertools for AWS
 * Lambda (TypeScript), Middy middlewares), described as data in the knowledge base (library models in
 * `sdk_utilities`: module, receiver, method → operations). A new library is a new data entry; no code changes.
 *
 * Matches, for a package `M` with `typescript` entries (`@aws-sdk/*` packages have their own patterns):
 * - functions (`receiver: "function"`): `getParameter("/x")` imported from `@aws-lambda-powertools/parameters/ssm`;
 *   a default export is method `default`, also when the whole CommonJS module is called
 *   (`const ssm = require("@middy/ssm"); ssm({ fetchData })`);
 * - constructors (`receiver: "new"`): `new DynamoDBPersistenceLayer({ tableName })` performs the idempotency
 *   table's GetItem/PutItem/UpdateItem/DeleteItem;
 * - instance methods (`receiver: <Class>`): `new SSMProvider().getMultiple("/path")`, also on a field or a
 *   parameter declared `SSMProvider`.
 * `arguments` are the members of the first argument when it is an options object; an entry with
 * `requiredParams` (Middy's `fetchRotationDate`) needs those options. Other exports of a modelled package
 * (`makeIdempotent`, `BatchProcessor`) call nothing themselves and are left alone.
 *
 * @example
 * ```ts
 * import { getSecret } from "@aws-lambda-powertools/parameters/secrets";
 * const apiKey = await getSecret("prod/api-key"); // secretsmanager GetSecretValue
 * ```
 *
 * @module
 */
import type { UtilityEntry } from "../../../knowledge/knowledge_base.ts";
import type { CallArgument } from "../../../types.ts";
import type { JsArg } from "../facts.ts";
import { methodCall, type PatternContext, type TsPattern } from "../pattern.ts";
import { isOperationEntry } from "../sdk_modules.ts";
import { utilityCalls } from "../utility_calls.ts";

/** Stable id of this pattern. */
export const LIBRARY_MODEL_PATTERN_ID = "typescript/library_model";

/** The SDK's own packages (lib-dynamodb, lib-storage, credential providers) belong to their patterns. */
const SDK_SCOPE = "@aws-sdk/";

/** The entries of `module` for `receiver.method` that name an SDK operation. */
function entriesOf(ctx: PatternContext, module: string, receiver: string, method: string): UtilityEntry[] {
  if (module.startsWith(SDK_SCOPE)) return [];
  return ctx.kb.utilitiesOfModule("typescript", module).filter((e) =>
    e.receiver === receiver && e.method === method && isOperationEntry(e)
  );
}

/** The members of an options object argument; a positional value (`getParameter("/x")`) names no option. */
function optionArguments(arg: JsArg | undefined, scope: number, ctx: PatternContext): CallArgument[] {
  if (!arg) return [];
  const value = arg.spread ? undefined : ctx.evaluate(arg.value, scope);
  return value?.t === "literal" || value?.t === "typed" || arg.spread ? ctx.requestArguments(arg, scope) : [];
}

/**
 * Emits a modelled library call as the operations it performs.
 *
 * @example
 * ```ts ignore
 * libraryModelPattern.emit!({ site, makeCall }, ctx); // [{ method: "getParameter", services: ["ssm"], operation: "GetParameter" }]
 * ```
 */
export const libraryModelPattern: TsPattern = {
  id: LIBRARY_MODEL_PATTERN_ID,
  emit(input, ctx) {
    const { site } = input;
    const callee = ctx.evaluate(site.expr.callee, site.scope);
    let entries: UtilityEntry[] = [];
    if (callee.t === "symbol") {
      entries = entriesOf(ctx, callee.module, site.expr.k === "new" ? "new" : "function", callee.name);
    } else if (callee.t === "package" && site.expr.k === "call") {
      // `require("m")(...)`: a CommonJS module that exports one function is its default export.
      entries = entriesOf(ctx, callee.module, "function", "default");
    } else {
      const call = methodCall(site, ctx);
      if (call?.receiver.t === "instance") {
        entries = entriesOf(ctx, call.receiver.module, call.receiver.cls, call.method);
      }
    }
    if (entries.length === 0) return undefined;
    const options = optionArguments(site.expr.args[0], site.scope, ctx);
    return utilityCalls(entries, input, LIBRARY_MODEL_PATTERN_ID, options);
  },
};
