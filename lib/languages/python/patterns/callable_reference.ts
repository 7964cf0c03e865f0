/**
 * Pattern `python/callable_reference`: SDK methods referenced as values instead of being called.
 *
 * Passed to a known wrapper that calls them: a call of one of these wrappers whose callable argument is a
 * method reference (`client.method`, not called) or a plain name:
 * - `asyncio.to_thread(f, *args, **kwargs)` and `functools.partial(f, *args, **kwargs)` (however imported):
 *   the callable is the first positional argument;
 * - `<loop>.run_in_executor(executor, f, *args)`: the callable is the second positional argument;
 * - `<executor>.submit(f, *args, **kwargs)` (`concurrent.futures` executors): the first positional argument;
 * - `<executor>.map(f, *iterables)`: the first positional argument; the iterables are not its arguments.
 * The wrapper call is read as a call of the callable with the remaining arguments (positions shifted down),
 * and the patterns that claim direct calls turn it into SdkCalls (client operations, resource actions,
 * utilities such as `upload_file`, library functions), reported under this pattern's id. Wrappers of the
 * project's own classes and functions are left alone, as is a wrapper whose callable is anything else
 * (a lambda: its body's calls are call sites of their own). A `functools.partial` is called later with the
 * rest of the arguments, so one of a method of an unknown receiver names its operation: a required member
 * it lacks does not make resolution take it for another object's method of that name.
 *
 * Referenced anywhere else — stored in a dict, a list or an attribute, passed to another callable, returned
 * (see `MethodReference`) — a method of a value the tracker knows to be a client or a resource is a request the
 * code can make whenever it calls what it stored, so the reference counts as a call without arguments (an
 * attribute of anything else may be no SDK method at all, and is left alone).
 *
 * @example
 * ```python
 * resp = await asyncio.to_thread(self.sqs.receive_message, QueueUrl=url, WaitTimeSeconds=20)
 * await loop.run_in_executor(None, functools.partial(sqs.delete_message_batch, QueueUrl=url, Entries=e))
 * actions = {"disable": cognito.admin_disable_user, "enable": cognito.admin_enable_user}
 * actions[name](UserPoolId=pool, Username=user)
 * ```
 *
 * @module
 */
import type { CallSite, PyArg, PyExpr } from "../facts.ts";
import type { SdkCall } from "../../../types.ts";
import type { EmitInput, PatternContext, PythonPattern } from "../pattern.ts";
import { clientMethodCallPattern } from "./client_method_call.ts";
import { libraryModelPattern } from "./library_model.ts";
import { paginatorPattern } from "./paginator.ts";
import { presignedUrlPattern } from "./presigned_url.ts";
import { resourceActionPattern } from "./resource_action.ts";
import { sdkUtilityPattern } from "./sdk_utility.ts";
import { waiterPattern } from "./waiter.ts";

/** Stable id of this pattern. */
export const CALLABLE_REFERENCE_PATTERN_ID = "python/callable_reference";

/** Wrapper functions by dotted name → position of the callable. */
const WRAPPER_FUNCTIONS = new Map([["asyncio.to_thread", 0], ["functools.partial", 0]]);

/** The wrapper that calls its callable later, with more arguments than it was given. */
const PARTIAL = "functools.partial";

/** Where a wrapper's callable is, and how the wrapper's other arguments relate to the callable's. */
interface Wrapper {
  position: number;
  /** The rest are no arguments of the callable (`executor.map`'s iterables). */
  dropRest: boolean;
  /** The rest are only the first of its arguments (`functools.partial`). */
  partial: boolean;
}

/** Wrapper methods (on loops and executors) → position of the callable; `map` takes iterables, not arguments. */
const WRAPPER_METHODS = new Map([["run_in_executor", 1], ["submit", 0], ["map", 0]]);

/** The patterns that claim direct calls, in the plug-in's order (see `mod.ts`). */
const DIRECT_CALL_PATTERNS: readonly PythonPattern[] = [
  sdkUtilityPattern,
  presignedUrlPattern,
  resourceActionPattern,
  libraryModelPattern,
  paginatorPattern,
  waiterPattern,
  clientMethodCallPattern,
];

/**
 * Emits the calls a wrapper makes of a referenced SDK method.
 *
 * @example
 * ```ts ignore
 * callableReferencePattern.emit!({ site, makeCall }, ctx); // [{ method: "receive_message", services: ["sqs"], ... }]
 * ```
 */
export const callableReferencePattern: PythonPattern = {
  id: CALLABLE_REFERENCE_PATTERN_ID,
  emit({ site }, ctx) {
    const wrapper = callablePosition(site, ctx);
    return wrapper ? referencedCalls(site, wrapper, ctx) : undefined;
  },
  emitReference(input, ctx) {
    const wrapped = input.reference?.argumentOf;
    // The callable of a wrapper was emitted with the wrapper's arguments already.
    if (
      wrapped && ctx.state(WRAPPED_STATE, newWrappedSet).has(wrappedKey(ctx, wrapped.call, wrapped.position))
    ) {
      return [];
    }
    return storedMethodCalls(input, ctx);
  },
};

/** State key of the wrapped callables (`wrappedKey`) seen at call sites. */
const WRAPPED_STATE = `${CALLABLE_REFERENCE_PATTERN_ID}#wrapped`;

function newWrappedSet(): Set<string> {
  return new Set();
}

/** Identifies argument `position` of call `callId` in the file of `ctx`. */
function wrappedKey(ctx: PatternContext, callId: string, position: number): string {
  return `${ctx.fileIndex} ${callId} ${position}`;
}

/** The calls a method reference stands for, when its receiver is a client or a resource. */
function storedMethodCalls(input: EmitInput, ctx: PatternContext): SdkCall[] {
  const { site } = input;
  const receiver = ctx.evaluate(site.receiver, site.scope);
  if (receiver.t !== "client" && receiver.t !== "resource") return [];
  for (const pattern of DIRECT_CALL_PATTERNS) {
    const calls = pattern.emit?.(input, ctx);
    if (!calls) continue;
    const out: SdkCall[] = [];
    for (const call of calls) {
      // On a resource, a name the model does not define (`table.name`) reaches the catch-all method call with no
      // service: an attribute, not a request.
      if (receiver.t === "resource" && call.services.length === 0) continue;
      out.push({ ...call, pattern: CALLABLE_REFERENCE_PATTERN_ID });
    }
    return out;
  }
  return [];
}

/**
 * The calls a wrapper makes of the callable at `wrapper.position`. (Apart from `emit`, which runs for every
 * site: its closures would cost every call an allocation.)
 */
function referencedCalls(site: CallSite, wrapper: Wrapper, ctx: PatternContext): SdkCall[] | undefined {
  const ref = site.call.args.find((a) => !a.splat && a.name === undefined && a.position === wrapper.position);
  if (!ref || (ref.value.k !== "attr" && ref.value.k !== "name")) return undefined;
  if (ref.value.k === "attr") {
    ctx.state(WRAPPED_STATE, newWrappedSet).add(wrappedKey(ctx, site.call.id, wrapper.position));
  }
  const args = wrapper.dropRest ? [] : shifted(site.call.args, ref, wrapper.position + 1);
  const call: Extract<PyExpr, { k: "call" }> = {
    k: "call",
    id: `${site.call.id}~ref`,
    callee: ref.value,
    args,
    text: site.call.text,
  };
  const synthetic: CallSite = ref.value.k === "attr"
    ? { ...site, id: call.id, call, receiver: ref.value.object, method: ref.value.name, bare: undefined }
    : {
      ...site,
      id: call.id,
      call,
      receiver: { k: "other", text: "" },
      method: ref.value.name,
      bare: true,
    };
  if (!synthetic.bare) delete synthetic.bare;
  const input: EmitInput = {
    site: synthetic,
    makeCall: (fields) => ({
      language: "python",
      method: synthetic.method,
      services: [],
      arguments: fields.arguments ?? ctx.callArguments(args, site.scope),
      location: site.location,
      expression: site.call.text,
      ...fields,
    }),
  };
  for (const pattern of DIRECT_CALL_PATTERNS) {
    const calls = pattern.emit?.(input, ctx);
    if (!calls) continue;
    return calls.map((c) => {
      const call = { ...c, pattern: CALLABLE_REFERENCE_PATTERN_ID };
      if (wrapper.partial && call.services.length === 0 && call.operation === undefined) {
        // A partial is called later with the rest of the arguments: a required member it lacks is no sign of
        // another object's method of that name (resolution would take it as one on an unknown receiver). Naming
        // the operation makes resolution vouch for it, as for a known receiver: the named arguments must still
        // be its members.
        const operation = onlyOperation(ctx, call.method);
        if (operation !== undefined) call.operation = operation;
      }
      return call;
    });
  }
  return [];
}

/** The operation a boto3 method name stands for in every service that has it, if only one. */
function onlyOperation(ctx: PatternContext, method: string): string | undefined {
  let operation: string | undefined;
  for (const key of ctx.kb.operationsByMethod("python", method)) {
    if (operation !== undefined && key.operation !== operation) return undefined;
    operation = key.operation;
  }
  return operation;
}

/** Where the callable is when `site` calls a known wrapper. */
function callablePosition(site: CallSite, ctx: PatternContext): Wrapper | undefined {
  const callee = ctx.evaluate(site.call.callee, site.scope);
  if (callee.t === "external") {
    const position = WRAPPER_FUNCTIONS.get(callee.name);
    if (position !== undefined) return { position, dropRest: false, partial: callee.name === PARTIAL };
  }
  if (site.bare) return undefined;
  const position = WRAPPER_METHODS.get(site.method);
  if (position === undefined) return undefined;
  // The project's own `submit`/`map`/`run_in_executor` are not the standard library's.
  if (callee.t === "function" || callee.t === "class") return undefined;
  const receiver = ctx.evaluate(site.receiver, site.scope);
  if (receiver.t !== "unknown" && receiver.t !== "external") return undefined;
  return { position, dropRest: site.method === "map", partial: false };
}

/** The arguments after the callable: keywords as they are, positionals from `from` on renumbered from 0. */
function shifted(args: readonly PyArg[], ref: PyArg, from: number): PyArg[] {
  const out: PyArg[] = [];
  for (const a of args) {
    if (a === ref) continue;
    if (a.position !== undefined) {
      if (a.position < from) continue; // the executor of run_in_executor
      out.push({ ...a, position: a.position - from });
    } else out.push(a);
  }
  return out;
}
