/**
 * Pattern `python/dependency_injector`: objects wired by the `dependency-injector` library.
 *
 * Applies only when the provider classes come from `dependency_injector` (`from dependency_injector import
 * providers`, `from dependency_injector.providers import Singleton`, ...):
 * - `providers.Singleton(f, *a, **kw)` (also `ThreadSafeSingleton`, `ThreadLocalSingleton`, `Factory`,
 *   `Callable`, `Resource`) is read as what `f(*a, **kw)` gives (`boto3.resource`, `boto3.client`, a class of
 *   the project, a factory function); `providers.Object(x)` as `x`;
 * - the provider's call is also a call of `f` for parameter inference (the tracker's `forwards` hook):
 *   `providers.Factory(Repo, resource=dynamodb)` passes the `dynamodb` provider's value to `Repo.__init__`;
 * - calling a provider (`container.dynamodb()`, `Container.repository(table_name="x")`) gives its value;
 * - `Provide[Container.dynamodb]` (from `dependency_injector.wiring`, a parameter's default) gives the value.
 *
 * @example
 * ```python
 * from dependency_injector import containers, providers
 * class Container(containers.DeclarativeContainer):
 *     dynamodb = providers.Singleton(boto3.resource, service_name="dynamodb")
 *     repository = providers.Factory(OrderRepository, resource=dynamodb, table_name="orders")
 * ```
 *
 * @module
 */
import type { PyArg, PyExpr } from "../facts.ts";
import type { PatternContext, PythonPattern } from "../pattern.ts";
import type { PyValue } from "../values.ts";

/** Stable id of this pattern. */
export const DEPENDENCY_INJECTOR_PATTERN_ID = "python/dependency_injector";

/** Providers whose value is what their first argument, called with the rest, returns. */
const CALLING_PROVIDERS = [
  "Singleton",
  "ThreadSafeSingleton",
  "ThreadLocalSingleton",
  "Factory",
  "Callable",
  "Resource",
];

/** Every provider this pattern reads. */
const PROVIDERS = [...CALLING_PROVIDERS, "Object"];

type CallExpr = Extract<PyExpr, { k: "call" }>;

/** The provider values this pattern made (copies, so only they count as providers when called). */
const madeValues = () => new WeakSet<PyValue>();

/**
 * Evaluates providers, provider calls and `Provide[...]` markers; forwards provider calls for parameter
 * inference.
 *
 * @example
 * ```ts ignore
 * dependencyInjectorPattern.evaluate!(expr, scope, ctx); // { t: "resource", service: "dynamodb", ... }
 * ```
 */
export const dependencyInjectorPattern: PythonPattern = {
  id: DEPENDENCY_INJECTOR_PATTERN_ID,
  evaluates: ["subscript", "call"],
  evaluate(expr, scope, ctx) {
    if (expr.k === "subscript") {
      // Only a subscript of something written `Provide` is evaluated: evaluating every subscript's object
      // (`self._buf = self._buf[n:]`) would re-walk uncached attribute assignments exponentially.
      if (expr.object.k !== "name" && expr.object.k !== "attr") return undefined;
      if (expr.object.name !== "Provide") return undefined;
      const marker = ctx.evaluate(expr.object, scope);
      if (marker.t !== "external" || marker.name !== "dependency_injector.wiring.Provide") return undefined;
      const value = ctx.evaluate(expr.index, scope);
      return value.t === "unknown" ? undefined : value;
    }
    if (expr.k !== "call" || (expr.callee.k !== "name" && expr.callee.k !== "attr")) return undefined;
    const made = ctx.state(DEPENDENCY_INJECTOR_PATTERN_ID, madeValues);
    if (PROVIDERS.includes(expr.callee.name)) {
      const provider = providerKind(expr, scope, ctx);
      if (provider) {
        const value = provider === "Object"
          ? objectValue(expr, scope, ctx)
          : ctx.evaluate(forwardedCall(expr), scope);
        if (value.t === "unknown") return undefined;
        const copy = { ...value };
        made.add(copy);
        return copy;
      }
    }
    // Calling a provider gives its value (arguments only override what it is built with).
    const callee = ctx.evaluate(expr.callee, scope);
    return made.has(callee) ? callee : undefined;
  },
  forwards: {
    methods: CALLING_PROVIDERS,
    call(site, ctx) {
      const kind = providerKind(site.call, site.scope, ctx);
      return kind && kind !== "Object" ? forwardedCall(site.call) : undefined;
    },
  },
};

/** The provider class `call` instantiates, when it is one of `dependency_injector.providers`. */
function providerKind(call: CallExpr, scope: number, ctx: PatternContext): string | undefined {
  const callee = ctx.evaluate(call.callee, scope);
  if (callee.t !== "external") return undefined;
  const match = /^dependency_injector\.providers\.(\w+)$/.exec(callee.name);
  return match && PROVIDERS.includes(match[1]) ? match[1] : undefined;
}

/** `providers.Object(x)`: the value of `x`. */
function objectValue(call: CallExpr, scope: number, ctx: PatternContext): PyValue {
  const arg = call.args.find((a) => !a.splat && (a.position === 0 || a.name === "provides"));
  return arg ? ctx.evaluate(arg.value, scope) : { t: "unknown" };
}

/** `providers.X(f, *a, **kw)` (or `provides=f`) read as `f(*a, **kw)`: positionals after `f` renumbered from 0. */
function forwardedCall(call: CallExpr): CallExpr {
  const target = call.args.find((a) => !a.splat && (a.position === 0 || a.name === "provides"));
  const shift = target?.position === 0 ? 1 : 0;
  const args: PyArg[] = [];
  for (const a of call.args) {
    if (a === target) continue;
    if (a.position !== undefined) args.push({ ...a, position: a.position - shift });
    else args.push(a);
  }
  return {
    k: "call",
    id: `${call.id}~di`,
    callee: target ? target.value : { k: "other", text: "" },
    args,
    text: call.text,
  };
}
