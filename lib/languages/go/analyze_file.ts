/**
 * Phase 1 for Go: parse one file and reduce its syntax tree to {@linkcode GoFileFacts} — imports, type
 * declarations, package-level vars and consts, functions with their block-scoped bindings, composite literals
 * of the package's own types, and every `receiver.Method(...)` call site. Nothing is evaluated here; see
 * `link_project.ts`.
 *
 * @module
 */
import type { Node } from "web-tree-sitter";
import type { SourceFile } from "../../types.ts";
import type { FileFacts } from "../language_plugin.ts";
import { analyzeParsedFile, locationOf, namedChildren as named, trimText } from "../shared/file_facts.ts";
import type {
  GoBinding,
  GoBindingValue,
  GoCallSite,
  GoExpr,
  GoField,
  GoFileFacts,
  GoFunc,
  GoGlobal,
  GoImport,
  GoInterfaceMethod,
  GoParam,
  GoStructInit,
  GoTypeDecl,
  GoTypeRef,
} from "./facts.ts";

// Re-exported so that importers of this module keep working; the shared module owns them.
export { MAX_EXPRESSION_TEXT, trimText } from "../shared/file_facts.ts";

/** Node types that end the visibility of the bindings declared directly inside them. */
const SCOPE_NODES = new Set([
  "block",
  "if_statement",
  "for_statement",
  "expression_switch_statement",
  "type_switch_statement",
  "select_statement",
  "expression_case",
  "type_case",
  "default_case",
  "communication_case",
  "func_literal",
  "function_declaration",
  "method_declaration",
]);

/**
 * Parses a Go file and collects its facts. Syntax errors are reported in `error` (first error, 1-based).
 *
 * @example
 * ```ts ignore
 * const facts = await analyzeGoFile({ path: "main.go", language: "go", text: "package main\n" });
 * facts.facts?.packageName; // "main"
 * ```
 */
export function analyzeGoFile(file: SourceFile): Promise<FileFacts<GoFileFacts>> {
  return analyzeParsedFile(file, (root) => new Collector(file.path).collect(root));
}

/**
 * The name an import binds when it has no alias: the last path segment, skipping a major-version suffix
 * (`github.com/jackc/pgx/v5` → `pgx`), with `go-`/`-go` affixes and other non-identifier characters dropped
 * (`github.com/aws/smithy-go` → `smithy`), as Go packages are conventionally named.
 *
 * @example
 * ```ts
 * import { defaultImportName } from "./analyze_file.ts";
 * defaultImportName("github.com/aws/aws-sdk-go-v2/service/s3"); // "s3"
 * defaultImportName("github.com/aws/aws-lambda-go/lambda"); // "lambda"
 * ```
 */
export function defaultImportName(path: string): string {
  const parts = path.split("/");
  let last = parts.at(-1) ?? path;
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts.at(-2)!;
  // `gopkg.in/yaml.v3` → yaml; `aws-sdk-go` → the package is conventionally named without dashes.
  return last.replace(/\.v\d+$/, "").replace(/^go-/, "").replace(/-go$/, "").replace(/[^A-Za-z0-9_]/g, "");
}

/** Decodes a Go string literal's text; escapes JSON does not know are kept as written. */
function stringValue(node: Node): string {
  const text = node.text;
  if (node.type === "raw_string_literal") return text.slice(1, -1);
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(1, -1);
  }
}

class Collector {
  readonly imports: GoImport[] = [];
  readonly types: GoTypeDecl[] = [];
  readonly globals: GoGlobal[] = [];
  readonly funcs: GoFunc[] = [];
  readonly structInits: GoStructInit[] = [];
  readonly calls: GoCallSite[] = [];
  readonly methodValues: GoCallSite[] = [];
  /** Bindings to a selector (`f := client.Method`), with its node: method-value candidates. */
  readonly selectorNodes = new Map<GoBinding, Node>();
  /** Types declared in this file; composite literals of these are recorded as struct inits. */
  packageName = "";

  constructor(readonly path: string) {}

  collect(root: Node): GoFileFacts {
    for (const child of named(root)) {
      switch (child.type) {
        case "package_clause":
          this.packageName = named(child)[0]?.text ?? "";
          break;
        case "import_declaration":
          this.visitImports(child);
          break;
        case "type_declaration":
          for (const spec of named(child)) this.visitTypeSpec(spec);
          break;
        case "var_declaration":
        case "const_declaration":
          this.visitGlobalSpecs(child);
          break;
        case "function_declaration":
        case "method_declaration":
          this.visitFunction(child, undefined);
          break;
      }
    }
    const normalized = this.path.replace(/\\/g, "/");
    const slash = normalized.lastIndexOf("/");
    return {
      packageName: this.packageName,
      dir: slash < 0 ? "." : normalized.slice(0, slash),
      imports: this.imports,
      types: this.types,
      globals: this.globals,
      funcs: this.funcs,
      structInits: this.structInits,
      calls: this.calls,
      methodValues: this.methodValues,
    };
  }

  visitImports(node: Node): void {
    const specs = node.descendantsOfType("import_spec").filter((s): s is Node => s !== null);
    for (const spec of specs) {
      const pathNode = spec.childForFieldName("path");
      if (!pathNode) continue;
      const path = stringValue(pathNode);
      const alias = spec.childForFieldName("name")?.text;
      // `_` imports bind nothing; dot imports merge names we do not model.
      if (alias === "_" || alias === ".") continue;
      this.imports.push({ name: alias ?? defaultImportName(path), path });
    }
  }

  visitTypeSpec(spec: Node): void {
    if (spec.type !== "type_spec" && spec.type !== "type_alias") return;
    const name = spec.childForFieldName("name")?.text;
    const type = spec.childForFieldName("type");
    if (!name || !type) return;
    const decl: GoTypeDecl = { name, kind: "named", fields: [], methods: [], embeds: [] };
    if (type.type === "struct_type") {
      decl.kind = "struct";
      decl.fields = this.structFields(type);
    } else if (type.type === "interface_type") {
      decl.kind = "interface";
      for (const elem of named(type)) {
        if (elem.type === "method_elem") {
          const method: GoInterfaceMethod = {
            name: elem.childForFieldName("name")?.text ?? "",
            params: this.params(elem.childForFieldName("parameters")).map((p) => p.type),
            results: this.results(elem.childForFieldName("result")),
          };
          decl.methods.push(method);
        } else if (elem.type === "type_elem") {
          for (const t of named(elem)) decl.embeds.push(this.typeRef(t));
        } else {
          decl.embeds.push(this.typeRef(elem));
        }
      }
    } else {
      decl.underlying = this.typeRef(type);
    }
    this.types.push(decl);
  }

  structFields(struct: Node): GoField[] {
    const fields: GoField[] = [];
    const list = named(struct).find((c) => c.type === "field_declaration_list");
    for (const decl of named(list)) {
      if (decl.type !== "field_declaration") continue;
      const typeNode = decl.childForFieldName("type");
      if (!typeNode) continue;
      const type = this.typeRef(typeNode);
      const names = decl.childrenForFieldName("name").filter((n): n is Node => n !== null);
      if (names.length === 0) fields.push({ type });
      for (const n of names) fields.push({ name: n.text, type });
    }
    return fields;
  }

  typeRef(node: Node): GoTypeRef {
    const text = trimText(node.text);
    switch (node.type) {
      case "pointer_type": {
        const inner = named(node)[0];
        return inner ? { ...this.typeRef(inner), pointer: true, text } : { text };
      }
      case "qualified_type": {
        const pkg = node.childForFieldName("package")?.text;
        const name = node.childForFieldName("name")?.text;
        return name ? { pkg, name, text } : { text };
      }
      case "type_identifier":
        return { name: node.text, text };
      case "generic_type": {
        const inner = node.childForFieldName("type");
        return inner ? { ...this.typeRef(inner), text } : { text };
      }
      case "parenthesized_type": {
        const inner = named(node)[0];
        return inner ? this.typeRef(inner) : { text };
      }
      default:
        return { text };
    }
  }

  params(list: Node | null): GoParam[] {
    const out: GoParam[] = [];
    for (const decl of named(list)) {
      if (decl.type !== "parameter_declaration" && decl.type !== "variadic_parameter_declaration") continue;
      const typeNode = decl.childForFieldName("type");
      const type: GoTypeRef = typeNode
        ? (decl.type === "variadic_parameter_declaration"
          ? { text: `...${typeNode.text}` }
          : this.typeRef(typeNode))
        : { text: "" };
      const names = decl.childrenForFieldName("name").filter((n): n is Node => n !== null);
      if (names.length === 0) out.push({ type });
      for (const n of names) out.push({ name: n.text, type });
    }
    return out;
  }

  results(node: Node | null): GoTypeRef[] {
    if (!node) return [];
    if (node.type === "parameter_list") return this.params(node).map((p) => p.type);
    return [this.typeRef(node)];
  }

  visitGlobalSpecs(node: Node): void {
    const specs = node.descendantsOfType(["var_spec", "const_spec"]).filter((s): s is Node => s !== null);
    for (const spec of specs) {
      const names = spec.childrenForFieldName("name").filter((n): n is Node => n !== null);
      const typeNode = spec.childForFieldName("type");
      const values = named(spec.childForFieldName("value"));
      names.forEach((n, i) => {
        this.globals.push({ name: n.text, value: this.bindingValue(typeNode, values, i, names.length, -1) });
      });
      for (const v of values) this.visit(v, -1);
    }
  }

  bindingValue(
    typeNode: Node | null,
    values: Node[],
    i: number,
    count: number,
    fn: number,
  ): GoBindingValue {
    const type = typeNode ? this.typeRef(typeNode) : undefined;
    let value: GoBindingValue = { k: "unknown" };
    if (values.length === count && values[i]) value = { k: "expr", expr: this.expr(values[i], fn) };
    else if (values.length === 1 && count > 1) {
      value = { k: "expr", expr: this.expr(values[0], fn), index: i };
    }
    if (type && value.k === "expr" && value.index === undefined) {
      return { k: "typed", type, expr: value.expr };
    }
    if (type) return { k: "type", type };
    return value;
  }

  visitFunction(node: Node, parent: number | undefined): number {
    const id = this.funcs.length;
    const isLiteral = node.type === "func_literal";
    const receiver = this.params(node.childForFieldName("receiver"))[0];
    const fn: GoFunc = {
      id,
      name: isLiteral ? "<literal>" : node.childForFieldName("name")?.text ?? "<function>",
      params: this.params(node.childForFieldName("parameters")),
      results: this.results(node.childForFieldName("result")),
      start: node.startIndex,
      end: node.endIndex,
      bindings: [],
      fieldAssigns: [],
    };
    if (parent !== undefined) fn.parent = parent;
    if (receiver?.type.name) fn.receiverType = receiver.type.name;
    this.funcs.push(fn);
    for (const p of [...(receiver ? [receiver] : []), ...fn.params]) {
      if (p.name && p.name !== "_") {
        fn.bindings.push({
          name: p.name,
          at: node.startIndex,
          end: node.endIndex,
          value: { k: "type", type: p.type },
        });
      }
    }
    const body = node.childForFieldName("body");
    if (body) this.visit(body, id);
    return id;
  }

  /** End of the scope a declaration at `node` is visible in. */
  scopeEnd(node: Node): number {
    for (let p = node.parent; p; p = p.parent) if (SCOPE_NODES.has(p.type)) return p.endIndex;
    return Number.MAX_SAFE_INTEGER;
  }

  /** `source`: the bound expression's node, kept when it is a selector (a possible method value). */
  bind(fn: number, name: string, node: Node, value: GoBindingValue, source?: Node): void {
    if (fn < 0 || name === "_") return;
    const binding: GoBinding = { name, at: node.endIndex, end: this.scopeEnd(node), value };
    this.funcs[fn].bindings.push(binding);
    if (source?.type === "selector_expression") this.selectorNodes.set(binding, source);
  }

  visit(node: Node, fn: number): void {
    switch (node.type) {
      case "func_literal":
        this.visitFunction(node, fn < 0 ? undefined : fn);
        return;
      case "short_var_declaration":
      case "assignment_statement": {
        const right = named(node.childForFieldName("right"));
        for (const r of right) this.visit(r, fn);
        const left = named(node.childForFieldName("left"));
        const op = node.type === "assignment_statement"
          ? node.children.find((c) => c?.type.endsWith("=") && !c.isNamed)?.type ?? "="
          : ":=";
        left.forEach((l, i) => {
          if (op !== "=" && op !== ":=") return; // `x += 1` changes a value we do not model
          const value: GoBindingValue = right.length === left.length
            ? { k: "expr", expr: this.expr(right[i], fn) }
            : right.length === 1
            ? { k: "expr", expr: this.expr(right[0], fn), index: i }
            : { k: "unknown" };
          if (l.type === "identifier") {
            this.bind(fn, l.text, node, value, right.length === left.length ? right[i] : undefined);
          } else if (l.type === "selector_expression" && fn >= 0 && value.k === "expr") {
            const target = l.childForFieldName("operand");
            const field = l.childForFieldName("field")?.text;
            if (target?.type === "identifier" && field) {
              this.funcs[fn].fieldAssigns.push({
                target: target.text,
                field,
                at: node.endIndex,
                value: value.expr,
              });
            }
          }
        });
        for (const l of left) if (l.type !== "identifier") this.visit(l, fn);
        return;
      }
      case "var_declaration":
      case "const_declaration": {
        const specs = node.descendantsOfType(["var_spec", "const_spec"]).filter((s): s is Node => s !== null);
        for (const spec of specs) {
          const names = spec.childrenForFieldName("name").filter((n): n is Node => n !== null);
          const typeNode = spec.childForFieldName("type");
          const values = named(spec.childForFieldName("value"));
          for (const v of values) this.visit(v, fn);
          names.forEach((n, i) =>
            this.bind(
              fn,
              n.text,
              spec,
              this.bindingValue(typeNode, values, i, names.length, fn),
              values.length === names.length ? values[i] : undefined,
            )
          );
        }
        return;
      }
      case "range_clause": {
        const right = node.childForFieldName("right");
        if (right) this.visit(right, fn);
        for (const l of named(node.childForFieldName("left"))) {
          if (l.type === "identifier") this.bind(fn, l.text, node, { k: "unknown" });
        }
        return;
      }
      case "type_switch_statement": {
        const alias = node.childForFieldName("alias");
        for (const a of named(alias)) {
          if (a.type === "identifier") this.bind(fn, a.text, node, { k: "unknown" });
        }
        this.walk(node, fn);
        return;
      }
      case "call_expression":
        this.recordCall(node, fn);
        this.recordMethodValues(node, fn);
        this.walk(node, fn);
        return;
      case "composite_literal":
        this.recordStructInit(node, fn);
        this.walk(node, fn);
        return;
      default:
        this.walk(node, fn);
    }
  }

  walk(node: Node, fn: number): void {
    for (const child of named(node)) this.visit(child, fn);
  }

  recordCall(node: Node, fn: number): void {
    const callee = node.childForFieldName("function");
    if (callee?.type !== "selector_expression") return;
    const operand = callee.childForFieldName("operand");
    const field = callee.childForFieldName("field");
    if (!operand || !field) return;
    const call = this.expr(node, fn);
    if (call.k !== "call") return;
    const site: GoCallSite = {
      id: call.id,
      fn,
      at: node.startIndex,
      call,
      receiver: this.expr(operand, fn),
      method: field.text,
      location: locationOf(node, this.path),
    };
    this.calls.push(site);
  }

  /**
   * Method-value candidates of a call: arguments `x.Method` (exported name, not called) or locals bound to
   * one, and a callee that is a local bound to one (`f := client.Method; f(ctx, in)`). Phase 2 decides which
   * selectors are SDK methods.
   */
  recordMethodValues(node: Node, fn: number): void {
    const callee = node.childForFieldName("function");
    let call: GoExpr | undefined;
    const record = (selector: Node, located: Node, kind: "argument" | "binding"): void => {
      const operand = selector.childForFieldName("operand");
      const field = selector.childForFieldName("field");
      if (!operand || !field || !/^[A-Z]/.test(field.text)) return;
      call ??= this.expr(node, fn);
      if (call.k !== "call") return;
      this.methodValues.push({
        id: `${call.id}:v${located.startIndex}`,
        fn,
        at: located.startIndex,
        call,
        receiver: this.expr(operand, fn),
        method: field.text,
        location: locationOf(located, this.path),
        methodValue: kind,
      });
    };
    if (callee?.type === "identifier") {
      const bound = this.boundSelector(callee.text, node.startIndex, fn);
      if (bound) record(bound, node, "binding");
    }
    for (const arg of named(node.childForFieldName("arguments"))) {
      if (arg.type === "selector_expression") record(arg, arg, "argument");
      else if (arg.type === "identifier") {
        const bound = this.boundSelector(arg.text, arg.startIndex, fn);
        if (bound) record(bound, arg, "argument");
      }
    }
  }

  /** The selector node a local `name` visible at `at` was last bound to (`f := client.Method`), if any. */
  boundSelector(name: string, at: number, fn: number): Node | undefined {
    for (let f = fn; f >= 0;) {
      const func = this.funcs[f];
      let best: { at: number; node?: Node } | undefined;
      for (const b of func.bindings) {
        if (b.name === name && b.at <= at && at <= b.end && (!best || b.at >= best.at)) {
          best = { at: b.at, node: this.selectorNodes.get(b) };
        }
      }
      if (best) return best.node;
      f = func.parent ?? -1;
    }
    return undefined;
  }

  /** Composite literals of an unqualified named type: the values given to its fields, for field reads. */
  recordStructInit(node: Node, fn: number): void {
    const typeNode = node.childForFieldName("type");
    if (typeNode?.type !== "type_identifier") return;
    const expr = this.expr(node, fn);
    if (expr.k !== "composite") return;
    expr.fields.forEach((f, i) => {
      this.structInits.push({ type: typeNode.text, field: f.name ?? `#${i}`, value: f.value, fn });
    });
  }

  /** Reduces an expression node to a {@linkcode GoExpr}. Function literals become functions of `fn`. */
  expr(node: Node, fn: number): GoExpr {
    const text = trimText(node.text);
    switch (node.type) {
      case "identifier":
        return { k: "name", name: node.text, at: node.startIndex, text };
      case "selector_expression": {
        const operand = node.childForFieldName("operand");
        const field = node.childForFieldName("field");
        if (!operand || !field) return { k: "other", text };
        return { k: "sel", object: this.expr(operand, fn), name: field.text, text };
      }
      case "call_expression": {
        const callee = node.childForFieldName("function");
        if (!callee) return { k: "other", text };
        return {
          k: "call",
          id: `c${node.startIndex}-${node.endIndex}`,
          callee: this.expr(callee, fn),
          args: named(node.childForFieldName("arguments")).map((a) => this.expr(a, fn)),
          text,
        };
      }
      case "composite_literal": {
        const typeNode = node.childForFieldName("type");
        const body = node.childForFieldName("body");
        const fields: { name?: string; value: GoExpr }[] = [];
        for (const el of named(body)) {
          if (el.type === "keyed_element") {
            const [key, value] = named(el).map((c) => (c.type === "literal_element" ? named(c)[0] ?? c : c));
            if (key && value) fields.push({ name: key.text, value: this.expr(value, fn) });
          } else {
            const value = el.type === "literal_element" ? named(el)[0] ?? el : el;
            fields.push({ value: this.expr(value, fn) });
          }
        }
        return { k: "composite", type: typeNode ? this.typeRef(typeNode) : { text: "" }, fields, text };
      }
      case "unary_expression": {
        const operand = node.childForFieldName("operand");
        const op = node.childForFieldName("operator")?.text ?? node.children[0]?.text;
        if (!operand) return { k: "other", text };
        if (op === "&") return { k: "addr", operand: this.expr(operand, fn), text };
        if (op === "*") return this.expr(operand, fn); // a dereferenced client is the same client
        return { k: "other", text };
      }
      case "parenthesized_expression": {
        const inner = named(node)[0];
        return inner ? this.expr(inner, fn) : { k: "other", text };
      }
      case "interpreted_string_literal":
      case "raw_string_literal":
        return { k: "str", value: stringValue(node), text };
      case "int_literal":
      case "float_literal": {
        const value = Number(node.text.replace(/_/g, ""));
        return Number.isFinite(value) ? { k: "num", value, text } : { k: "other", text };
      }
      case "true":
        return { k: "const", value: true, text };
      case "false":
        return { k: "const", value: false, text };
      case "nil":
        return { k: "const", value: null, text };
      case "binary_expression": {
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        const op = node.childForFieldName("operator")?.text;
        if (!left || !right || !op) return { k: "other", text };
        return { k: "binop", op, left: this.expr(left, fn), right: this.expr(right, fn), text };
      }
      case "func_literal":
        // The walk visits the literal itself; here only its future id is needed, so look it up by position.
        return { k: "funclit", fn: this.funcs.findIndex((f) => f.start === node.startIndex), text };
      default:
        return { k: "other", text };
    }
  }
}
