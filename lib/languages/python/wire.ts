/**
 * The Python facts as they cross from a phase-1 worker to the main thread, as JSON. Phase 1 shares expression
 * nodes (a call is reduced once, then is a call site, a binding's value, a `return`ed value...), but JSON
 * writes every occurrence out in full, and every location its file name.
 * {@linkcode packPythonFacts} leaves out what the main thread can put back cheaply (a call site's receiver,
 * the file of the locations, the calls that are call sites where the facts hold them again) and
 * {@linkcode unpackPythonFacts} puts it back: the same objects, in the same places and key order.
 *
 * @module
 */
import type { SourceLocation } from "../../types.ts";
import type { Binding, CallSite, PyExpr, PythonFileFacts } from "./facts.ts";

/**
 * Facts as packed: where a binding, a `return`/`yield`, an attribute or an item holds the call of a call site
 * directly, a number stands for it (the site's index in `calls`); sites have no `receiver` and locations no
 * `file`. Only those slots are packed: their holders are no one else's, while a call is shared (packing inside
 * it would change every copy JSON writes of it).
 */
export type PackedPythonFacts = PythonFileFacts;

/** What a call site's call is in the packed facts (`calls` index), or the expression itself. */
type Slot = PyExpr | number;

/**
 * Packs `facts` for JSON, in place (the facts are only to be serialised after).
 *
 * @example
 * ```ts ignore
 * const json = JSON.stringify(packPythonFacts(facts)); // in the worker
 * const same = unpackPythonFacts(JSON.parse(json), path); // on the main thread: `facts` again
 * ```
 */
export function packPythonFacts(facts: PythonFileFacts): PackedPythonFacts {
  const sites = new Map<PyExpr, number>();
  facts.calls.forEach((site, i) => sites.set(site.call, i));
  const slot = (expr: PyExpr): Slot => sites.get(expr) ?? expr;
  for (const site of facts.calls) {
    // Undefined, not deleted: JSON leaves it out and the object keeps its shape.
    (site as { receiver?: PyExpr }).receiver = undefined;
    (site.location as { file?: string }).file = undefined;
  }
  for (const scope of facts.scopes) {
    for (const binding of scope.bindings) packBinding(binding, slot);
    if (scope.returns) packList(scope.returns, slot);
    if (scope.yields) packList(scope.yields, slot);
    for (const attribute of scope.attributes ?? []) attribute.value = slot(attribute.value) as PyExpr;
    for (const item of scope.items ?? []) item.value = slot(item.value) as PyExpr;
  }
  for (const attribute of facts.appState ?? []) attribute.value = slot(attribute.value) as PyExpr;
  for (const reference of facts.references ?? []) (reference.location as { file?: string }).file = undefined;
  for (const read of facts.reads ?? []) (read.location as { file?: string }).file = undefined;
  return facts;
}

/**
 * Undoes {@linkcode packPythonFacts} on its JSON-parsed result, in place; `file` is the path the facts are of
 * (the file of their locations).
 */
export function unpackPythonFacts(packed: PackedPythonFacts, file: string): PythonFileFacts {
  const calls = packed.calls;
  const call = (slot: Slot): PyExpr => typeof slot === "number" ? calls[slot].call : slot;
  for (let i = 0; i < calls.length; i++) {
    const site = calls[i];
    // Rebuilt rather than completed, to keep the key order phase 1 gives them.
    const rebuilt: CallSite = {
      id: site.id,
      scope: site.scope,
      at: site.at,
      call: site.call,
      receiver: site.bare || site.call.callee.k !== "attr"
        ? { k: "other", text: "" }
        : site.call.callee.object,
      method: site.method,
      location: located(site.location, file),
    };
    if (site.bare !== undefined) rebuilt.bare = site.bare;
    calls[i] = rebuilt;
  }
  for (const scope of packed.scopes) {
    for (const binding of scope.bindings) unpackBinding(binding, call);
    if (scope.returns) unpackList(scope.returns, call);
    if (scope.yields) unpackList(scope.yields, call);
    for (const attribute of scope.attributes ?? []) attribute.value = call(attribute.value);
    for (const item of scope.items ?? []) item.value = call(item.value);
  }
  for (const attribute of packed.appState ?? []) attribute.value = call(attribute.value);
  for (const reference of packed.references ?? []) reference.location = located(reference.location, file);
  for (const read of packed.reads ?? []) read.location = located(read.location, file);
  return packed;
}

function packBinding(binding: Binding, slot: (expr: PyExpr) => Slot): void {
  const value = binding.value;
  if (value.k !== "expr") return;
  const expr = value.expr;
  // `for page in paginator.paginate(...)`: the loop variable is an element of a call site's call.
  if (expr.k === "iter") expr.of = slot(expr.of) as PyExpr;
  else value.expr = slot(expr) as PyExpr;
}

function unpackBinding(binding: Binding, call: (slot: Slot) => PyExpr): void {
  const value = binding.value;
  if (value.k !== "expr") return;
  const expr = value.expr;
  if (typeof expr === "number") value.expr = call(expr);
  else if (expr.k === "iter") expr.of = call(expr.of);
}

function packList(list: PyExpr[], slot: (expr: PyExpr) => Slot): void {
  for (let i = 0; i < list.length; i++) list[i] = slot(list[i]) as PyExpr;
}

function unpackList(list: PyExpr[], call: (slot: Slot) => PyExpr): void {
  for (let i = 0; i < list.length; i++) list[i] = call(list[i]);
}

/** `location` with its `file` (first, as phase 1 makes them). */
function located(location: SourceLocation, file: string): SourceLocation {
  return {
    file,
    line: location.line,
    column: location.column,
    endLine: location.endLine,
    endColumn: location.endColumn,
  };
}
