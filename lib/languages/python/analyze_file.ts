/**
 * Phase 1 for Python: parse one file and reduce its syntax tree to {@linkcode PythonFileFacts} — scopes with
 * their bindings (assignments, imports, parameters, definitions, `global` declarations) and every
 * `receiver.method(...)` call site. Nothing is evaluated here; see `link_project.ts`.
 *
 * @module
 */
import type { Node } from "web-tree-sitter";
import { parseSource } from "../../../grammars/mod.ts";
import type { SourceFile, SourceLocation } from "../../types.ts";
import type { FileFacts } from "../language_plugin.ts";
import type { Binding, BindingValue, CallSite, PyArg, PyExpr, PythonFileFacts, Scope } from "./facts.ts";

/** Longest expression text kept in facts and SdkCalls; longer text is cut with `…`. */
export const MAX_EXPRESSION_TEXT = 200;

/**
 * Parses a Python file and collects its facts. Syntax errors are reported in `error` (first error, 1-based).
 *
 * @example
 * ```ts ignore
 * const facts = await analyzePythonFile({ path: "app.py", language: "python", text: "s3.get_object(Bucket='b')\n" });
 * facts.facts?.calls[0].method; // "get_object"
 * ```
 */
export async function analyzePythonFile(file: SourceFile): Promise<FileFacts<PythonFileFacts>> {
  const base = { file: file.path, language: file.language };
  if (file.text === undefined) {
    return { ...base, error: { message: file.skipped?.detail ?? "file has no text", line: 1, column: 1 } };
  }
  const parsed = await parseSource(file);
  try {
    if (parsed.hasErrors) {
      const where = parsed.firstError ?? { line: 1, column: 1, detail: "syntax error" };
      return {
        ...base,
        error: { message: `syntax error: ${where.detail}`, line: where.line, column: where.column },
      };
    }
    return { ...base, facts: collectFacts(parsed.tree.rootNode, file.path, file.text) };
  } finally {
    parsed.tree.delete();
  }
}

/**
 * Dotted module name of a path.
 *
 * @example
 * ```ts ignore
 * modulePathOf("src/pkg/helpers.py"); // "src.pkg.helpers"
 * modulePathOf("pkg/__init__.py"); // "pkg"
 * ```
 */
export function modulePathOf(path: string): string {
  const parts = path.replace(/\\/g, "/").replace(/\.pyi?$/, "").split("/").filter((p) =>
    p !== "" && p !== "."
  );
  if (parts.at(-1) === "__init__") parts.pop();
  return parts.join(".");
}

function collectFacts(root: Node, path: string, source: string): PythonFileFacts {
  const collector = new Collector(path, source);
  collector.walkBlock(root, 0);
  return {
    modulePath: modulePathOf(path),
    isPackage: /(^|\/)__init__\.pyi?$/.test(path.replace(/\\/g, "/")),
    scopes: collector.scopes,
    calls: collector.calls,
  };
}

/**
 * Trims source text for facts: one line, at most {@linkcode MAX_EXPRESSION_TEXT} characters.
 *
 * @example
 * ```ts ignore
 * trimText("s3.put_object(\n    Bucket=b,\n)"); // "s3.put_object( Bucket=b, )"
 * ```
 */
export function trimText(text: string): string {
  // Fast path (most expressions): one line, short, no surrounding whitespace — already trimmed.
  const length = text.length;
  if (length > 0 && length <= MAX_EXPRESSION_TEXT && text.indexOf("\n") < 0) {
    const first = text.charCodeAt(0);
    const last = text.charCodeAt(length - 1);
    if (first > 32 && first < 127 && last > 32 && last < 127) return text;
  }
  const flat = text.replace(/\s*\n\s*/g, " ").trim();
  return flat.length > MAX_EXPRESSION_TEXT ? `${flat.slice(0, MAX_EXPRESSION_TEXT - 1)}…` : flat;
}

function locationOf(node: Node, file: string): SourceLocation {
  return {
    file,
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

/** Field ids of a grammar, by name (a `childForFieldName` looks the name up linearly on every call). */
const fieldIdCache = new WeakMap<object, Map<string, number>>();

function fieldIds(node: Node): Map<string, number> {
  const language = node.tree.language;
  let ids = fieldIdCache.get(language);
  if (!ids) {
    ids = new Map();
    language.fields.forEach((name, id) => {
      if (name !== null && !ids!.has(name)) ids!.set(name, id);
    });
    fieldIdCache.set(language, ids);
  }
  return ids;
}

/** Named nodes that never contain a call, a binding or a scope: the walk does not descend into them. */
const LEAF_TYPES = new Set([
  "identifier",
  "comment",
  "integer",
  "float",
  "true",
  "false",
  "none",
  "string_content",
  "string_start",
  "string_end",
  "escape_sequence",
  "ellipsis",
  "keyword_separator",
  "positional_separator",
  "line_continuation",
  "pass_statement",
  "break_statement",
  "continue_statement",
  "import_prefix",
]);

/**
 * Expression-only node types. Inside them the walk acts on nothing but calls, lambdas and `:=`, so a subtree whose
 * text has no `(`, `lambda` or `:=` is skipped whole (see `Collector#mayHold`).
 */
const EXPRESSION_TYPES = new Set([
  "attribute",
  "subscript",
  "slice",
  "argument_list",
  "keyword_argument",
  "dictionary",
  "pair",
  "dictionary_splat",
  "list_splat",
  "list",
  "tuple",
  "set",
  "binary_operator",
  "boolean_operator",
  "comparison_operator",
  "not_operator",
  "unary_operator",
  "conditional_expression",
  "parenthesized_expression",
  "expression_list",
  "concatenated_string",
  "string",
  "interpolation",
  "list_comprehension",
  "dictionary_comprehension",
  "set_comprehension",
  "generator_expression",
  "for_in_clause",
  "if_clause",
  "await",
  "type",
  "generic_type",
  "type_parameter",
  "decorator",
]);

/**
 * For each offset of `source`, the offset of the next `(`, `lambda` or `:=` at or after it (`source.length` when
 * none): a subtree can hold a call, lambda or named expression only if one starts inside it.
 */
function nextInteresting(source: string): Int32Array {
  const n = source.length;
  const next = new Int32Array(n + 1);
  let at = n;
  next[n] = n;
  for (let i = n - 1; i >= 0; i--) {
    const c = source.charCodeAt(i);
    if (
      c === 40 || // (
      (c === 58 && source.charCodeAt(i + 1) === 61) || // :=
      (c === 108 && source.startsWith("lambda", i))
    ) {
      at = i;
    }
    next[i] = at;
  }
  return next;
}

class Collector {
  readonly scopes: Scope[] = [];
  readonly calls: CallSite[] = [];
  /** Function scope → name of its first parameter, for methods (where it is the instance: `self`). */
  readonly #selfNames = new Map<number, string>();

  /** Expressions already reduced, by node id (a call is reduced as a site, an argument and a binding value). */
  readonly #exprs = new Map<number, PyExpr>();

  readonly #next: Int32Array;

  constructor(readonly path: string, readonly source: string) {
    this.#next = nextInteresting(source);
    this.scopes.push({ id: 0, kind: "module", name: "<module>", globals: [], nonlocals: [], bindings: [] });
  }

  /** Field ids of the grammar, looked up on the first `field` call. */
  #fieldIds: Map<string, number> | undefined;

  /** `node.childForFieldName(name)` with the field id looked up once per grammar. */
  field(node: Node, name: string): Node | null {
    const id = (this.#fieldIds ??= fieldIds(node)).get(name);
    return id === undefined ? null : node.childForFieldId(id);
  }

  /** `node.text`, sliced from the source (same characters: tree-sitter's indices are UTF-16 offsets of it). */
  text(node: Node): string {
    return this.source.slice(node.startIndex, node.endIndex);
  }

  walkBlock(node: Node, scope: number): void {
    for (const child of node.namedChildren) if (child) this.visit(child, scope);
  }

  /** Binds `name` in `scope`, or in the module when the scope declared it `global`. */
  bind(scope: number, name: string, at: number, value: BindingValue): void {
    const target = this.scopes[scope].globals.includes(name) ? 0 : scope;
    const binding: Binding = { name, at, value };
    this.scopes[target].bindings.push(binding);
  }

  newScope(kind: Scope["kind"], parent: number, name: string): number {
    const id = this.scopes.length;
    this.scopes.push({ id, kind, parent, name, globals: [], nonlocals: [], bindings: [] });
    return id;
  }

  visit(node: Node, scope: number): void {
    const type = node.type;
    if (LEAF_TYPES.has(type)) return;
    // Only f-strings hold expressions (`{s3.get_object(...)}`); other strings and docstrings are skipped whole.
    if (type === "string" && !this.isFString(node)) return;
    if (EXPRESSION_TYPES.has(type) && !this.mayHold(node)) return;
    switch (type) {
      case "function_definition":
        return this.visitFunction(node, scope);
      case "class_definition":
        return this.visitClass(node, scope);
      case "lambda":
        return this.visitLambda(node, scope);
      case "assignment":
        return this.visitAssignment(node, scope);
      case "augmented_assignment": {
        this.walkChildren(node, scope);
        const left = this.field(node, "left");
        if (left) this.bindTargets(left, scope, node.endIndex, undefined);
        return;
      }
      case "named_expression": {
        this.walkChildren(node, scope);
        const name = this.field(node, "name");
        const value = this.field(node, "value");
        if (name && value) this.bind(scope, name.text, node.endIndex, { k: "expr", expr: this.expr(value) });
        return;
      }
      case "import_statement":
        return this.visitImport(node, scope);
      case "import_from_statement":
        return this.visitImportFrom(node, scope);
      case "global_statement":
      case "nonlocal_statement": {
        const list = node.type === "global_statement"
          ? this.scopes[scope].globals
          : this.scopes[scope].nonlocals;
        for (const child of node.namedChildren) if (child?.type === "identifier") list.push(child.text);
        return;
      }
      case "for_statement": {
        const left = this.field(node, "left");
        const right = this.field(node, "right");
        if (right) this.visit(right, scope);
        if (left?.type === "identifier" && right) {
          // `for obj in bucket.objects.all():` — the loop variable is an element of the iterable.
          const of = this.expr(right);
          this.bind(scope, left.text, left.endIndex, {
            k: "expr",
            expr: { k: "iter", of, text: trimText(right.text) },
          });
        } else if (left) this.bindTargets(left, scope, left.endIndex, undefined);
        for (const name of ["body", "alternative"]) {
          const part = this.field(node, name);
          if (part) this.visit(part, scope);
        }
        return;
      }
      case "with_item": {
        // `with boto3.client("s3") as s3:` — a client's __enter__ returns the client itself.
        const value = this.field(node, "value");
        if (value?.type === "as_pattern") {
          const inner = value.namedChildren[0];
          const alias = this.field(value, "alias");
          if (inner) this.visit(inner, scope);
          const target = alias?.namedChildren[0] ?? alias;
          if (inner && target) this.bindTargets(target, scope, value.endIndex, inner);
          return;
        }
        return this.walkChildren(node, scope);
      }
      case "as_pattern": {
        // `except E as e` and match patterns: the name is bound to something we do not model.
        this.walkChildren(node, scope);
        const alias = this.field(node, "alias");
        const target = alias?.namedChildren[0] ?? alias;
        if (target) this.bindTargets(target, scope, node.endIndex, undefined);
        return;
      }
      case "call":
        this.recordCall(node, scope);
        return this.walkChildren(node, scope);
      case "return_statement": {
        this.walkChildren(node, scope);
        const value = node.namedChildren.find((c) => c !== null && c.type !== "comment");
        const target = this.scopes[scope];
        // Factories (`def make_client(): return boto3.client("s3")`) give their callers the returned value.
        if (value && target.kind === "function") (target.returns ??= []).push(this.expr(value));
        return;
      }
      default:
        return this.walkChildren(node, scope);
    }
  }

  /** Whether a call, lambda or `:=` may start inside `node` (after its first character: a call starts with its callee). */
  mayHold(node: Node): boolean {
    return this.#next[node.startIndex + 1] < node.endIndex;
  }

  /** True when the string literal's prefix (before its first quote) has an `f`. */
  isFString(node: Node): boolean {
    const source = this.source;
    for (let i = node.startIndex; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c === 34 || c === 39) return false; // " '
      if (c === 102 || c === 70) return true; // f F
    }
    return false;
  }

  walkChildren(node: Node, scope: number): void {
    for (const child of node.namedChildren) if (child) this.visit(child, scope);
  }

  visitFunction(node: Node, scope: number): void {
    const name = this.field(node, "name");
    const params = this.field(node, "parameters");
    const returns = this.field(node, "return_type");
    // Defaults and annotations are evaluated in the enclosing scope.
    if (params) this.visitParameterDefaults(params, scope);
    if (returns) this.visit(returns, scope);
    const inner = this.newScope("function", scope, name?.text ?? "<function>");
    if (name) this.bind(scope, name.text, node.startIndex, { k: "def", kind: "function", scope: inner });
    if (params) this.bindParameters(params, inner);
    // In a method, the first parameter is the instance; `self.x = ...` then binds a class attribute.
    const decorators = node.parent?.type === "decorated_definition"
      ? node.parent.namedChildren.filter((c) => c?.type === "decorator").map((c) => c!.text)
      : [];
    const first = this.scopes[inner].bindings.find((b) => b.value.k === "param" && b.value.index === 0);
    if (this.scopes[scope].kind === "class" && first && !decorators.includes("@staticmethod")) {
      this.#selfNames.set(inner, first.name);
    }
    const body = this.field(node, "body");
    if (body) this.walkBlock(body, inner);
  }

  visitLambda(node: Node, scope: number): void {
    const params = this.field(node, "parameters");
    if (params) this.visitParameterDefaults(params, scope);
    const inner = this.newScope("function", scope, "<lambda>");
    if (params) this.bindParameters(params, inner);
    const body = this.field(node, "body");
    if (body) this.visit(body, inner);
  }

  visitClass(node: Node, scope: number): void {
    const name = this.field(node, "name");
    const supers = this.field(node, "superclasses");
    if (supers) this.visit(supers, scope);
    const inner = this.newScope("class", scope, name?.text ?? "<class>");
    const bases =
      supers?.namedChildren.filter((c): c is Node =>
        c !== null && c.type !== "keyword_argument" && c.type !== "comment"
      ) ?? [];
    if (bases.length) this.scopes[inner].bases = bases.map((b) => this.expr(b));
    if (name) this.bind(scope, name.text, node.startIndex, { k: "def", kind: "class", scope: inner });
    const body = this.field(node, "body");
    if (body) this.walkBlock(body, inner);
  }

  visitParameterDefaults(params: Node, scope: number): void {
    for (const param of params.namedChildren) {
      if (!param) continue;
      for (const field of ["value", "type"]) {
        const part = this.field(param, field);
        if (part) this.visit(part, scope);
      }
    }
  }

  bindParameters(params: Node, scope: number): void {
    let index = 0;
    for (const param of params.namedChildren) {
      if (!param) continue;
      let nameNode: Node | null = null;
      switch (param.type) {
        case "identifier":
          nameNode = param;
          break;
        case "typed_parameter":
          nameNode = param.namedChildren.find((c) => c?.type === "identifier") ?? null;
          break;
        case "default_parameter":
        case "typed_default_parameter":
          nameNode = this.field(param, "name");
          break;
        case "list_splat_pattern":
        case "dictionary_splat_pattern": {
          const inner = param.namedChildren[0] ?? null;
          if (inner) this.bind(scope, inner.text, 0, { k: "unknown", text: param.text });
          index++;
          continue;
        }
        default:
          continue;
      }
      if (!nameNode) continue;
      const typeNode = this.field(param, "type");
      const annotation = typeNode?.text;
      const defaultNode = this.field(param, "value");
      const value: BindingValue = { k: "param", index };
      if (annotation) value.annotation = trimText(annotation);
      const annotationNode = typeNode?.type === "type" ? typeNode.namedChildren[0] : typeNode;
      if (annotationNode) value.annotationExpr = this.expr(annotationNode);
      if (defaultNode) value.defaultValue = this.expr(defaultNode);
      this.bind(scope, nameNode.text, 0, value);
      index++;
    }
  }

  visitAssignment(node: Node, scope: number): void {
    const left = this.field(node, "left");
    const right = this.field(node, "right");
    const type = this.field(node, "type");
    if (right) this.visit(right, scope);
    if (type) this.visit(type, scope);
    if (!left) return;
    if (!right) {
      // `x: int` declares without binding.
      return;
    }
    // `a = b = boto3.client("s3")`: the right side is itself an assignment.
    let value: Node = right;
    while (value.type === "assignment") {
      const innerLeft = this.field(value, "left");
      const innerRight = this.field(value, "right");
      if (!innerLeft || !innerRight) break;
      value = innerRight;
    }
    this.bindTargets(left, scope, node.endIndex, value);
  }

  /** Binds assignment targets; tuples on both sides pair up, anything else binds to `unknown`. */
  bindTargets(target: Node, scope: number, at: number, value: Node | undefined): void {
    switch (target.type) {
      case "identifier":
        this.bind(
          scope,
          target.text,
          at,
          value ? { k: "expr", expr: this.expr(value) } : { k: "unknown", text: trimText(target.text) },
        );
        return;
      case "pattern_list":
      case "tuple_pattern":
      case "list_pattern": {
        const targets = target.namedChildren.filter((c): c is Node => c !== null);
        const values = value && ["expression_list", "tuple", "list"].includes(value.type)
          ? value.namedChildren.filter((c): c is Node => c !== null)
          : undefined;
        const paired = values && values.length === targets.length;
        targets.forEach((t, i) => this.bindTargets(t, scope, at, paired ? values[i] : undefined));
        return;
      }
      case "parenthesized_expression": {
        const inner = target.namedChildren[0];
        if (inner) this.bindTargets(inner, scope, at, value);
        return;
      }
      case "attribute": {
        // `self.s3 = boto3.client("s3")` in a method: an attribute of every instance of the class.
        const object = this.field(target, "object");
        const attribute = this.field(target, "attribute");
        const selfName = this.#selfNames.get(scope);
        const owner = this.scopes[scope].parent;
        if (
          value && object?.type === "identifier" && attribute && selfName === object.text &&
          owner !== undefined
        ) {
          (this.scopes[owner].attributes ??= []).push({
            name: attribute.text,
            scope,
            at,
            value: this.expr(value),
          });
        }
        return;
      }
      case "subscript": {
        // `params["VersionId"] = v`: the dict bound to `params` may hold more keys than its display shows.
        const object = this.field(target, "value");
        if (object?.type === "identifier") this.markMutated(scope, object.text);
        return;
      }
      default:
        return;
    }
  }

  visitImport(node: Node, scope: number): void {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === "dotted_name") {
        const module = child.text;
        this.bind(scope, module.split(".")[0], node.endIndex, { k: "import", module: module.split(".")[0] });
      } else if (child.type === "aliased_import") {
        const name = this.field(child, "name")?.text;
        const alias = this.field(child, "alias")?.text;
        if (name && alias) this.bind(scope, alias, node.endIndex, { k: "import", module: name });
      }
    }
  }

  visitImportFrom(node: Node, scope: number): void {
    const moduleNode = this.field(node, "module_name");
    if (!moduleNode) return;
    let level = 0;
    let module = moduleNode.text;
    if (moduleNode.type === "relative_import") {
      const prefix = moduleNode.namedChildren.find((c) => c?.type === "import_prefix");
      level = prefix ? prefix.text.length : 0;
      module = moduleNode.namedChildren.find((c) => c?.type === "dotted_name")?.text ?? "";
    }
    for (const child of node.namedChildren) {
      if (!child || child.id === moduleNode.id) continue;
      if (child.type === "wildcard_import") {
        this.bind(scope, "*", node.endIndex, { k: "star", module, level });
      } else if (child.type === "dotted_name") {
        this.bind(scope, child.text, node.endIndex, { k: "from", module, level, name: child.text });
      } else if (child.type === "aliased_import") {
        const name = this.field(child, "name")?.text;
        const alias = this.field(child, "alias")?.text;
        if (name && alias) this.bind(scope, alias, node.endIndex, { k: "from", module, level, name });
      }
    }
  }

  markMutated(scope: number, name: string): void {
    const list = (this.scopes[scope].mutated ??= []);
    if (!list.includes(name)) list.push(name);
  }

  recordCall(node: Node, scope: number): void {
    const callee = this.field(node, "function");
    if (callee?.type === "identifier") {
      const call = this.expr(node);
      if (call.k !== "call") return;
      this.calls.push({
        id: call.id,
        scope,
        at: node.startIndex,
        call,
        receiver: { k: "other", text: "" },
        method: callee.text,
        location: locationOf(node, this.path),
        bare: true,
      });
      return;
    }
    if (callee?.type !== "attribute") return;
    const object = this.field(callee, "object");
    const attribute = this.field(callee, "attribute");
    if (!object || !attribute) return;
    if (object.type === "identifier" && ["update", "setdefault", "pop"].includes(attribute.text)) {
      this.markMutated(scope, object.text);
    }
    const call = this.expr(node);
    if (call.k !== "call") return;
    this.calls.push({
      id: call.id,
      scope,
      at: node.startIndex,
      call,
      receiver: this.expr(object),
      method: attribute.text,
      location: locationOf(node, this.path),
    });
  }

  /** Reduces an expression node to a {@linkcode PyExpr}. */
  expr(node: Node): PyExpr {
    let reduced = this.#exprs.get(node.id);
    if (!reduced) {
      reduced = this.#expr(node);
      this.#exprs.set(node.id, reduced);
    }
    return reduced;
  }

  #expr(node: Node): PyExpr {
    const text = trimText(this.text(node));
    switch (node.type) {
      case "identifier":
        return { k: "name", name: node.text, at: node.startIndex, text };
      case "attribute": {
        const object = this.field(node, "object");
        const attribute = this.field(node, "attribute");
        if (!object || !attribute) return { k: "other", text };
        return { k: "attr", object: this.expr(object), name: attribute.text, text };
      }
      case "call": {
        const callee = this.field(node, "function");
        const args = this.field(node, "arguments");
        if (!callee) return { k: "other", text };
        return {
          k: "call",
          id: `c${node.startIndex}-${node.endIndex}`,
          callee: this.expr(callee),
          args: args?.type === "argument_list" ? this.args(args) : [],
          text,
        };
      }
      case "subscript": {
        const object = this.field(node, "value");
        const index = this.field(node, "subscript");
        if (!object || !index) return { k: "other", text };
        return { k: "subscript", object: this.expr(object), index: this.expr(index), text };
      }
      case "string":
        return this.string(node, text);
      case "concatenated_string": {
        // Implicit concatenation: "a" f"{b}" → one f-string-like value.
        const parts: (string | PyExpr)[] = [];
        for (const piece of node.namedChildren) {
          if (!piece) continue;
          const value = this.string(piece, piece.text);
          if (value.k === "str") parts.push(value.value);
          else if (value.k === "fstr") parts.push(...value.parts);
          else return { k: "other", text };
        }
        return parts.every((p) => typeof p === "string")
          ? { k: "str", value: parts.join(""), text }
          : { k: "fstr", parts, text };
      }
      case "integer":
      case "float": {
        const value = Number(node.text.replace(/_/g, ""));
        return Number.isFinite(value) ? { k: "num", value, text } : { k: "other", text };
      }
      case "true":
        return { k: "const", value: true, text };
      case "false":
        return { k: "const", value: false, text };
      case "none":
        return { k: "const", value: null, text };
      case "binary_operator": {
        const left = this.field(node, "left");
        const right = this.field(node, "right");
        const op = this.field(node, "operator")?.text;
        if (!left || !right || !op) return { k: "other", text };
        return { k: "binop", op, left: this.expr(left), right: this.expr(right), text };
      }
      case "parenthesized_expression": {
        const inner = node.namedChildren.filter((c) => c?.type !== "comment");
        return inner.length === 1 && inner[0] ? this.expr(inner[0]) : { k: "other", text };
      }
      case "type": {
        const inner = node.namedChildren[0];
        return inner ? this.expr(inner) : { k: "other", text };
      }
      case "generic_type": {
        // `Optional[S3Client]` in a type hint: read like a subscript of its first type parameter.
        const name = node.namedChildren.find((c) => c?.type === "identifier");
        const params = node.namedChildren.find((c) => c?.type === "type_parameter");
        const first = params?.namedChildren[0];
        if (!name || !first) return { k: "other", text };
        return { k: "subscript", object: this.expr(name), index: this.expr(first), text };
      }
      case "dictionary": {
        const entries: { key?: PyExpr; value: PyExpr }[] = [];
        for (const child of node.namedChildren) {
          if (!child || child.type === "comment") continue;
          if (child.type === "pair") {
            const key = this.field(child, "key");
            const value = this.field(child, "value");
            if (key && value) entries.push({ key: this.expr(key), value: this.expr(value) });
          } else if (child.type === "dictionary_splat") {
            const inner = child.namedChildren[0];
            entries.push({ value: inner ? this.expr(inner) : { k: "other", text: trimText(child.text) } });
          } else return { k: "other", text };
        }
        return { k: "dict", entries, text };
      }
      case "await": {
        const inner = node.namedChildren[0];
        return inner ? this.expr(inner) : { k: "other", text };
      }
      default:
        return { k: "other", text };
    }
  }

  /** A string literal; f-strings keep their interpolations as expressions. Escapes are kept as written. */
  string(node: Node, text: string): PyExpr {
    if (node.type !== "string") return { k: "other", text: trimText(text) };
    const start = node.namedChildren.find((c) => c?.type === "string_start")?.text ?? "";
    const isF = /f/i.test(start);
    const parts: (string | PyExpr)[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === "string_content") parts.push(child.text);
      else if (child.type === "interpolation") {
        const inner = this.field(child, "expression");
        parts.push(inner ? this.expr(inner) : { k: "other", text: child.text });
      }
    }
    const trimmed = trimText(text);
    if (!isF || parts.every((p) => typeof p === "string")) {
      return { k: "str", value: parts.map((p) => (typeof p === "string" ? p : "")).join(""), text: trimmed };
    }
    return { k: "fstr", parts, text: trimmed };
  }

  args(list: Node): PyArg[] {
    const out: PyArg[] = [];
    let position = 0;
    for (const child of list.namedChildren) {
      if (!child || child.type === "comment") continue;
      if (child.type === "keyword_argument") {
        const name = this.field(child, "name")?.text;
        const value = this.field(child, "value");
        if (name && value) out.push({ name, value: this.expr(value) });
      } else if (child.type === "dictionary_splat") {
        // Keep the splatted expression (not just its text): `**params` may name a dict display to expand.
        const inner = child.namedChildren[0];
        out.push({
          splat: "dict",
          value: inner ? this.expr(inner) : { k: "other", text: trimText(child.text) },
        });
      } else if (child.type === "list_splat") {
        out.push({ splat: "list", position: position++, value: { k: "other", text: trimText(child.text) } });
      } else {
        out.push({ position: position++, value: this.expr(child) });
      }
    }
    return out;
  }
}
