/**
 * Phase 1 for TypeScript and JavaScript: parse one file (TypeScript, TSX or JavaScript grammar by extension)
 * and reduce its syntax tree to {@linkcode TsFileFacts} — scopes with their bindings (imports, `require`,
 * declarations, destructuring, parameters with their declared types), class members, exports and every call
 * and `new` expression. Nothing is evaluated here; see `link_project.ts`.
 *
 * @module
 */
import type { Node } from "web-tree-sitter";
import type { SourceFile } from "../../types.ts";
import type { FileFacts } from "../language_plugin.ts";
import { analyzeParsedFile, locationOf, namedChildren as named, trimText } from "../shared/file_facts.ts";
import type {
  BindingValue,
  CallSite,
  ExportEntry,
  JsArg,
  JsExpr,
  JsProp,
  Scope,
  TsFileFacts,
} from "./facts.ts";

// Re-exported so that importers of this module keep working; the shared module owns them.
export { MAX_EXPRESSION_TEXT, trimText } from "../shared/file_facts.ts";

/**
 * Parses a TS/JS file and collects its facts. Syntax errors are reported in `error` (first error, 1-based).
 *
 * @example
 * ```ts ignore
 * const facts = await analyzeTypeScriptFile({ path: "app.ts", language: "typescript", text: "s3.send(cmd);\n" });
 * facts.facts?.calls.length; // 1
 * ```
 */
export function analyzeTypeScriptFile(file: SourceFile): Promise<FileFacts<TsFileFacts>> {
  return analyzeParsedFile(file, (root) => {
    const collector = new Collector(file.path);
    collector.walkChildren(root, 0, -1);
    return {
      scopes: collector.scopes,
      exports: collector.exports,
      calls: collector.calls,
      imports: collector.imports,
    };
  });
}

/** Node types that wrap an expression without changing its value (for this analysis). */
const TRANSPARENT = new Set([
  "parenthesized_expression",
  "await_expression",
  "as_expression",
  "satisfies_expression",
  "non_null_expression",
  "type_assertion",
]);

const FUNCTION_TYPES = new Set([
  "function_declaration",
  "generator_function_declaration",
  "function_expression",
  "function",
  "generator_function",
  "arrow_function",
]);

/** The text of a string literal node (escapes kept as written, quotes removed). */
function stringValue(node: Node): string {
  return named(node).filter((c) => c.type === "string_fragment" || c.type === "escape_sequence")
    .map((c) => c.text).join("");
}

class Collector {
  readonly scopes: Scope[] = [];
  readonly exports: ExportEntry[] = [];
  readonly calls: CallSite[] = [];
  readonly imports: string[] = [];

  constructor(readonly path: string) {
    this.scopes.push({ id: 0, kind: "module", name: "<module>", bindings: [], returns: [], members: [] });
  }

  newScope(kind: Scope["kind"], parent: number, name: string): number {
    const id = this.scopes.length;
    this.scopes.push({ id, kind, parent, name, bindings: [], returns: [], members: [] });
    return id;
  }

  bind(scope: number, name: string, at: number, value: BindingValue): void {
    this.scopes[scope].bindings.push({ name, at, value });
  }

  /** Nearest enclosing function scope (or the module), which owns `var`/`let`/`const` of blocks. */
  walkChildren(node: Node, scope: number, cls: number): void {
    for (const child of named(node)) this.visit(child, scope, cls);
  }

  visit(node: Node, scope: number, cls: number): void {
    switch (node.type) {
      case "import_statement":
        return this.visitImport(node, scope);
      case "export_statement":
        return this.visitExport(node, scope, cls);
      case "lexical_declaration":
      case "variable_declaration":
        for (const d of named(node)) {
          if (d.type === "variable_declarator") this.visitDeclarator(d, scope, cls);
        }
        return;
      case "function_declaration":
      case "generator_function_declaration": {
        const name = node.childForFieldName("name");
        const inner = this.visitFunction(node, scope, cls);
        if (name) this.bind(scope, name.text, node.startIndex, { k: "def", kind: "function", scope: inner });
        return;
      }
      case "class_declaration":
      case "abstract_class_declaration": {
        const name = node.childForFieldName("name");
        const inner = this.visitClass(node, scope, cls);
        if (name) this.bind(scope, name.text, node.startIndex, { k: "def", kind: "class", scope: inner });
        return;
      }
      case "interface_declaration": {
        const name = node.childForFieldName("name");
        const body = node.childForFieldName("body");
        if (name && body) {
          this.bind(scope, name.text, 0, { k: "typedef", props: this.typeProps(body, scope) });
        }
        return;
      }
      case "type_alias_declaration": {
        const name = node.childForFieldName("name");
        const value = node.childForFieldName("value");
        if (!name || !value) return;
        if (value.type === "object_type") {
          this.bind(scope, name.text, 0, { k: "typedef", props: this.typeProps(value, scope) });
        } else {
          const type = this.typeRef(value, scope);
          if (type) this.bind(scope, name.text, 0, { k: "expr", expr: type });
        }
        return;
      }
      case "return_statement": {
        const value = named(node)[0];
        if (value) {
          this.visit(value, scope, cls);
          this.scopes[scope].returns.push(this.expr(value, scope, cls));
        }
        return;
      }
      case "expression_statement": {
        const inner = named(node)[0];
        if (inner?.type === "assignment_expression") return this.visitAssignment(inner, scope, cls);
        return this.walkChildren(node, scope, cls);
      }
      case "assignment_expression":
        return this.visitAssignment(node, scope, cls);
      case "call_expression":
      case "new_expression":
        this.recordCall(node, scope, cls);
        return this.walkChildren(node, scope, cls);
      default:
        if (FUNCTION_TYPES.has(node.type) || node.type === "class") {
          // Reduce like an expression so that the scope is created once, whether reached here or via expr().
          this.expr(node, scope, cls);
          return;
        }
        return this.walkChildren(node, scope, cls);
    }
  }

  // ---- imports and exports ----

  visitImport(node: Node, scope: number): void {
    const source = node.childForFieldName("source");
    if (!source) return;
    const module = stringValue(source);
    this.imports.push(module);
    const clause = named(node).find((c) => c.type === "import_clause");
    for (const part of named(clause)) {
      if (part.type === "identifier") {
        this.bind(scope, part.text, 0, { k: "import", module, name: "default" });
      } else if (part.type === "namespace_import") {
        const id = named(part).find((c) => c.type === "identifier");
        if (id) this.bind(scope, id.text, 0, { k: "import", module, name: "*" });
      } else if (part.type === "named_imports") {
        for (const spec of named(part)) {
          if (spec.type !== "import_specifier") continue;
          const name = spec.childForFieldName("name");
          const alias = spec.childForFieldName("alias") ?? name;
          if (name && alias) this.bind(scope, alias.text, 0, { k: "import", module, name: name.text });
        }
      }
    }
    // `import x = require("m")` (TypeScript) has an import_require_clause.
    const requireClause = named(node).find((c) => c.type === "import_require_clause");
    const id = named(requireClause).find((c) => c.type === "identifier");
    if (id) this.bind(scope, id.text, 0, { k: "import", module, name: "*" });
  }

  visitExport(node: Node, scope: number, cls: number): void {
    const source = node.childForFieldName("source");
    const declaration = node.childForFieldName("declaration");
    const value = node.childForFieldName("value");
    const isDefault = node.children.some((c) => c?.type === "default");
    if (source) {
      const module = stringValue(source);
      this.imports.push(module);
      const clause = named(node).find((c) => c.type === "export_clause");
      const nsExport = named(node).find((c) => c.type === "namespace_export");
      if (clause) {
        for (const spec of named(clause)) {
          const name = spec.childForFieldName("name");
          const alias = spec.childForFieldName("alias") ?? name;
          if (name && alias) this.exports.push({ k: "from", name: alias.text, module, from: name.text });
        }
      } else if (nsExport) {
        const id = named(nsExport)[0];
        if (id) this.exports.push({ k: "from", name: id.text, module, from: "*" });
      } else {
        this.exports.push({ k: "star", module });
      }
      return;
    }
    if (declaration) {
      this.visit(declaration, scope, cls);
      const names: string[] = [];
      if (declaration.type === "lexical_declaration" || declaration.type === "variable_declaration") {
        for (const d of named(declaration)) {
          const name = d.childForFieldName("name");
          if (name) names.push(...this.patternNames(name));
        }
      } else {
        const name = declaration.childForFieldName("name");
        if (name) names.push(name.text);
      }
      for (const name of names) {
        this.exports.push({
          k: "value",
          name: isDefault ? "default" : name,
          expr: { k: "name", name, at: node.endIndex, text: name },
        });
      }
      return;
    }
    if (value) {
      this.visit(value, scope, cls);
      this.exports.push({ k: "value", name: "default", expr: this.expr(value, scope, cls) });
      return;
    }
    const clause = named(node).find((c) => c.type === "export_clause");
    for (const spec of named(clause)) {
      const name = spec.childForFieldName("name");
      const alias = spec.childForFieldName("alias") ?? name;
      if (name && alias) {
        this.exports.push({
          k: "value",
          name: alias.text,
          expr: { k: "name", name: name.text, at: node.endIndex, text: name.text },
        });
      }
    }
  }

  /** Names bound by a destructuring pattern. */
  patternNames(pattern: Node): string[] {
    switch (pattern.type) {
      case "identifier":
      case "shorthand_property_identifier_pattern":
        return [pattern.text];
      case "object_pattern":
      case "array_pattern":
        return named(pattern).flatMap((c) => this.patternNames(c));
      case "pair_pattern": {
        const value = pattern.childForFieldName("value");
        return value ? this.patternNames(value) : [];
      }
      case "assignment_pattern":
      case "object_assignment_pattern": {
        const left = pattern.childForFieldName("left");
        return left ? this.patternNames(left) : [];
      }
      case "rest_pattern":
        return named(pattern).flatMap((c) => this.patternNames(c));
      default:
        return [];
    }
  }

  // ---- declarations and assignments ----

  visitDeclarator(node: Node, scope: number, cls: number): void {
    const name = node.childForFieldName("name");
    const value = node.childForFieldName("value");
    const type = node.childForFieldName("type");
    if (value) this.visit(value, scope, cls);
    if (!name) return;
    if (value) {
      this.bindPattern(name, scope, node.endIndex, this.expr(value, scope, cls));
    } else if (type && name.type === "identifier") {
      const typeExpr = this.typeRef(type, scope);
      if (typeExpr) this.bind(scope, name.text, node.endIndex, { k: "typed", type: typeExpr });
    }
  }

  /** Binds the names of a pattern to the parts of `value` they take (`const { a: b } = v` binds b to v.a). */
  bindPattern(pattern: Node, scope: number, at: number, value: JsExpr | undefined): void {
    const unknown: BindingValue = { k: "unknown", text: trimText(pattern.text) };
    switch (pattern.type) {
      case "identifier":
        this.bind(scope, pattern.text, at, value ? { k: "expr", expr: value } : unknown);
        return;
      case "shorthand_property_identifier_pattern":
        this.bind(
          scope,
          pattern.text,
          at,
          value ? { k: "expr", expr: memberOf(value, pattern.text) } : unknown,
        );
        return;
      case "object_pattern":
        for (const part of named(pattern)) {
          if (part.type === "shorthand_property_identifier_pattern") {
            this.bindPattern(part, scope, at, value);
          } else if (part.type === "pair_pattern") {
            const key = part.childForFieldName("key");
            const inner = part.childForFieldName("value");
            if (!key || !inner) continue;
            const keyText = key.type === "string" ? stringValue(key) : key.text;
            this.bindPattern(inner, scope, at, value ? memberOf(value, keyText) : undefined);
          } else if (part.type === "object_assignment_pattern") {
            const left = part.childForFieldName("left");
            if (left) this.bindPattern(left, scope, at, value);
          } else {
            for (const name of this.patternNames(part)) this.bind(scope, name, at, unknown);
          }
        }
        return;
      case "assignment_pattern": {
        const left = pattern.childForFieldName("left");
        if (left) this.bindPattern(left, scope, at, value);
        return;
      }
      default:
        for (const name of this.patternNames(pattern)) this.bind(scope, name, at, unknown);
    }
  }

  visitAssignment(node: Node, scope: number, cls: number): void {
    const left = node.childForFieldName("left");
    const right = node.childForFieldName("right");
    if (right) this.visit(right, scope, cls);
    if (!left || !right) return;
    const value = this.expr(right, scope, cls);
    if (left.type === "identifier") {
      this.bind(this.owningScope(scope, left.text), left.text, node.endIndex, { k: "expr", expr: value });
      return;
    }
    if (left.type !== "member_expression") {
      if (left.type === "object_pattern") this.bindPattern(left, scope, node.endIndex, value);
      return;
    }
    const object = left.childForFieldName("object");
    const prop = left.childForFieldName("property")?.text;
    if (!object || !prop) return;
    // `this.s3 = new S3Client()` in a method: a member of the enclosing class.
    if (object.type === "this" && cls >= 0) {
      this.scopes[cls].members.push({ name: prop, scope, value });
      return;
    }
    // CommonJS exports: `module.exports = ...`, `module.exports.x = ...`, `exports.x = ...`.
    if (object.type === "member_expression" && object.text === "module.exports") {
      this.exports.push({ k: "value", name: prop, expr: value });
    } else if (object.type === "identifier" && object.text === "exports") {
      this.exports.push({ k: "value", name: prop, expr: value });
    } else if (object.type === "identifier" && object.text === "module" && prop === "exports") {
      this.exports.push({ k: "cjs", expr: value });
    }
    this.visit(left, scope, cls);
  }

  /** The scope that already binds `name` (assignment without declaration), else the current one. */
  owningScope(scope: number, name: string): number {
    for (let s: number | undefined = scope; s !== undefined; s = this.scopes[s].parent) {
      if (this.scopes[s].bindings.some((b) => b.name === name)) return s;
    }
    return scope;
  }

  // ---- functions and classes ----

  /** Creates the function's scope, binds its parameters and walks its body; returns the scope id. */
  visitFunction(node: Node, scope: number, cls: number, name?: string): number {
    const inner = this.newScope(
      "function",
      scope,
      name ?? node.childForFieldName("name")?.text ?? "<function>",
    );
    // A `function` expression has its own `this`; an arrow keeps the enclosing one.
    const innerCls = node.type === "arrow_function" || name !== undefined ? cls : -1;
    const single = node.childForFieldName("parameter");
    if (single) {
      this.bind(inner, single.text, 0, { k: "param", fn: inner, index: 0, path: [] });
    }
    const params = node.childForFieldName("parameters");
    named(params).forEach((param, index) => this.bindParameter(param, index, inner, cls, scope));
    const body = node.childForFieldName("body");
    if (body) {
      if (body.type === "statement_block") this.walkChildren(body, inner, innerCls);
      else {
        this.visit(body, inner, innerCls);
        this.scopes[inner].returns.push(this.expr(body, inner, innerCls));
      }
    }
    return inner;
  }

  bindParameter(param: Node, index: number, fn: number, cls: number, outer: number): void {
    let pattern: Node | null = param;
    let type: JsExpr | undefined;
    let defaultValue: JsExpr | undefined;
    let isProperty = false;
    if (param.type === "required_parameter" || param.type === "optional_parameter") {
      pattern = param.childForFieldName("pattern");
      const typeNode = param.childForFieldName("type");
      if (typeNode) type = this.typeRef(typeNode, outer);
      const value = param.childForFieldName("value");
      if (value) defaultValue = this.expr(value, outer, cls);
      isProperty = named(param).some((c) =>
        c.type === "accessibility_modifier" || c.type === "override_modifier"
      ) ||
        param.children.some((c) => c?.type === "readonly");
    } else if (param.type === "assignment_pattern") {
      pattern = param.childForFieldName("left");
      const value = param.childForFieldName("right");
      if (value) defaultValue = this.expr(value, outer, cls);
    }
    if (!pattern) return;
    if (pattern.type === "rest_pattern") {
      for (const name of this.patternNames(pattern)) {
        this.bind(fn, name, 0, { k: "unknown", text: pattern.text });
      }
      return;
    }
    this.bindParamPattern(pattern, fn, index, [], type, defaultValue);
    // `constructor(private readonly s3: S3Client)`: also a member of the class.
    if (isProperty && cls >= 0 && pattern.type === "identifier") {
      this.scopes[cls].members.push({
        name: pattern.text,
        scope: fn,
        value: { k: "name", name: pattern.text, at: 0, text: pattern.text },
      });
    }
  }

  bindParamPattern(
    pattern: Node,
    fn: number,
    index: number,
    path: string[],
    type: JsExpr | undefined,
    defaultValue: JsExpr | undefined,
  ): void {
    const bindParam = (name: string, p: string[]): void => {
      const value: BindingValue = { k: "param", fn, index, path: p };
      if (type) value.type = type;
      if (defaultValue && p.length === path.length) value.defaultValue = defaultValue;
      this.bind(fn, name, 0, value);
    };
    switch (pattern.type) {
      case "identifier":
        return bindParam(pattern.text, path);
      case "shorthand_property_identifier_pattern":
        return bindParam(pattern.text, [...path, pattern.text]);
      case "object_pattern":
        for (const part of named(pattern)) {
          if (part.type === "shorthand_property_identifier_pattern") {
            bindParam(part.text, [...path, part.text]);
          } else if (part.type === "pair_pattern") {
            const key = part.childForFieldName("key");
            const value = part.childForFieldName("value");
            if (key && value) {
              this.bindParamPattern(value, fn, index, [...path, key.text], type, undefined);
            }
          } else if (part.type === "object_assignment_pattern") {
            const left = part.childForFieldName("left");
            if (left) bindParam(left.text, [...path, left.text]);
          }
        }
        return;
      case "assignment_pattern": {
        const left = pattern.childForFieldName("left");
        if (left) this.bindParamPattern(left, fn, index, path, type, defaultValue);
        return;
      }
      default:
        for (const name of this.patternNames(pattern)) {
          this.bind(fn, name, 0, { k: "unknown", text: pattern.text });
        }
    }
  }

  visitClass(node: Node, scope: number, _cls: number): number {
    const inner = this.newScope("class", scope, node.childForFieldName("name")?.text ?? "<class>");
    const heritage = named(node).find((c) => c.type === "class_heritage");
    const extendsClause = named(heritage).find((c) => c.type === "extends_clause") ?? named(heritage)[0];
    const superNode = extendsClause?.childForFieldName("value") ?? named(extendsClause)[0];
    if (superNode) this.scopes[inner].superclass = this.expr(superNode, scope, -1);
    const body = node.childForFieldName("body");
    for (const member of named(body)) {
      if (member.type === "method_definition") {
        const name = member.childForFieldName("name")?.text ?? "<method>";
        const fn = this.visitFunction(member, inner, inner, name);
        this.scopes[inner].members.push({ name, scope: inner, method: fn });
      } else if (member.type === "public_field_definition" || member.type === "field_definition") {
        const nameNode = member.childForFieldName("name") ?? member.childForFieldName("property");
        const value = member.childForFieldName("value");
        const typeNode = member.childForFieldName("type");
        if (value) this.visit(value, inner, inner);
        if (!nameNode) continue;
        const entry: Scope["members"][number] = { name: nameNode.text, scope: inner };
        if (value) entry.value = this.expr(value, inner, inner);
        if (typeNode) entry.type = this.typeRef(typeNode, scope);
        this.scopes[inner].members.push(entry);
      } else {
        this.visit(member, inner, inner);
      }
    }
    return inner;
  }

  // ---- types ----

  /** A type annotation as a name/member expression (`S3Client`, `AWS.S3`), unions reduced to one member. */
  typeRef(node: Node, scope: number): JsExpr | undefined {
    switch (node.type) {
      case "type_annotation":
      case "parenthesized_type":
      case "readonly_type": {
        const inner = named(node)[0];
        return inner ? this.typeRef(inner, scope) : undefined;
      }
      case "type_identifier":
      case "identifier":
        return { k: "name", name: node.text, at: node.startIndex, text: node.text };
      case "nested_type_identifier": {
        const module = node.childForFieldName("module");
        const name = node.childForFieldName("name");
        const object = module ? this.typeRef(module, scope) ?? this.expr(module, scope, -1) : undefined;
        return object && name
          ? { k: "member", object, prop: name.text, text: trimText(node.text) }
          : undefined;
      }
      case "generic_type": {
        // `Promise<S3Client>` / `Readonly<S3Client>`: the wrapped type is what the code ends up using.
        const name = node.childForFieldName("name");
        const args = named(node.childForFieldName("type_arguments"));
        if (
          args.length === 1 && name && ["Promise", "Readonly", "NonNullable", "Awaited"].includes(name.text)
        ) {
          return this.typeRef(args[0], scope);
        }
        return name ? this.typeRef(name, scope) : undefined;
      }
      case "union_type": {
        for (const part of named(node)) {
          const ref = this.typeRef(part, scope);
          if (ref) return ref;
        }
        return undefined;
      }
      case "object_type":
        return undefined;
      default:
        return undefined;
    }
  }

  typeProps(body: Node, scope: number): Record<string, JsExpr> {
    const props: Record<string, JsExpr> = {};
    for (const member of named(body)) {
      if (member.type !== "property_signature") continue;
      const name = member.childForFieldName("name");
      const type = member.childForFieldName("type");
      const ref = type ? this.typeRef(type, scope) : undefined;
      if (name && ref) props[name.text] = ref;
    }
    return props;
  }

  // ---- calls and expressions ----

  recordCall(node: Node, scope: number, cls: number): void {
    const expr = this.expr(node, scope, cls);
    if (expr.k === "call" || expr.k === "new") {
      this.calls.push({ scope, expr, location: locationOf(node, this.path) });
    }
    if (expr.k === "import") this.imports.push(expr.module);
  }

  /** Reduces an expression node to a {@linkcode JsExpr}. Function and class expressions get their scopes here. */
  expr(node: Node, scope: number, cls: number): JsExpr {
    const text = trimText(node.text);
    if (TRANSPARENT.has(node.type)) {
      const inner = named(node)[0];
      return inner ? this.expr(inner, scope, cls) : { k: "other", text };
    }
    switch (node.type) {
      case "identifier":
        return node.text === "undefined"
          ? { k: "const", value: null, text }
          : { k: "name", name: node.text, at: node.startIndex, text };
      case "this":
        return { k: "this", cls, text };
      case "member_expression": {
        const object = node.childForFieldName("object");
        const prop = node.childForFieldName("property");
        if (!object || !prop) return { k: "other", text };
        return { k: "member", object: this.expr(object, scope, cls), prop: prop.text, text };
      }
      case "subscript_expression": {
        const object = node.childForFieldName("object");
        const index = node.childForFieldName("index");
        if (!object || !index) return { k: "other", text };
        const key = this.expr(index, scope, cls);
        if (key.k === "str") {
          return { k: "member", object: this.expr(object, scope, cls), prop: key.value, text };
        }
        return { k: "index", object: this.expr(object, scope, cls), index: key, text };
      }
      case "call_expression": {
        const callee = node.childForFieldName("function");
        const args = this.args(node.childForFieldName("arguments"), scope, cls);
        if (!callee) return { k: "other", text };
        const first = args[0]?.value;
        if (
          (callee.type === "import" || (callee.type === "identifier" && callee.text === "require")) &&
          first?.k === "str"
        ) {
          return { k: "import", module: first.value, text };
        }
        return {
          k: "call",
          id: `c${node.startIndex}-${node.endIndex}`,
          callee: this.expr(callee, scope, cls),
          args,
          text,
        };
      }
      case "new_expression": {
        const callee = node.childForFieldName("constructor");
        if (!callee) return { k: "other", text };
        return {
          k: "new",
          id: `c${node.startIndex}-${node.endIndex}`,
          callee: this.expr(callee, scope, cls),
          args: this.args(node.childForFieldName("arguments"), scope, cls),
          text,
        };
      }
      case "string":
        return { k: "str", value: stringValue(node), text };
      case "template_string": {
        const parts: (string | JsExpr)[] = [];
        for (const child of named(node)) {
          if (child.type === "string_fragment" || child.type === "escape_sequence") parts.push(child.text);
          else if (child.type === "template_substitution") {
            const inner = named(child)[0];
            parts.push(inner ? this.expr(inner, scope, cls) : { k: "other", text: child.text });
          }
        }
        return parts.every((p) => typeof p === "string")
          ? { k: "str", value: parts.join(""), text }
          : { k: "tmpl", parts, text };
      }
      case "number": {
        const value = Number(node.text.replace(/_/g, ""));
        return Number.isFinite(value) ? { k: "num", value, text } : { k: "other", text };
      }
      case "true":
        return { k: "const", value: true, text };
      case "false":
        return { k: "const", value: false, text };
      case "null":
      case "undefined":
        return { k: "const", value: null, text };
      case "object":
        return { k: "obj", props: this.props(node, scope, cls), text };
      case "binary_expression": {
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        const op = node.childForFieldName("operator")?.text;
        if (!left || !right || !op) return { k: "other", text };
        if (op === "??" || op === "||") {
          return { k: "either", options: [this.expr(left, scope, cls), this.expr(right, scope, cls)], text };
        }
        return {
          k: "binop",
          op,
          left: this.expr(left, scope, cls),
          right: this.expr(right, scope, cls),
          text,
        };
      }
      case "ternary_expression": {
        const consequence = node.childForFieldName("consequence");
        const alternative = node.childForFieldName("alternative");
        const options = [consequence, alternative].filter((n): n is Node => n !== null)
          .map((n) => this.expr(n, scope, cls));
        return { k: "either", options, text };
      }
      case "assignment_expression": {
        // `client ??= new S3Client()` / `x = y = z`: the value is the right side.
        const right = node.childForFieldName("right");
        return right ? this.expr(right, scope, cls) : { k: "other", text };
      }
      case "augmented_assignment_expression": {
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        const options = [left, right].filter((n): n is Node => n !== null).map((n) =>
          this.expr(n, scope, cls)
        );
        return { k: "either", options, text };
      }
      default:
        if (FUNCTION_TYPES.has(node.type)) {
          // Expressions are reduced once per node: reuse the scope the walk already created.
          const existing = this.fnScopes.get(node.id);
          const fnScope = existing ?? this.visitFunction(node, scope, cls);
          this.fnScopes.set(node.id, fnScope);
          return { k: "fn", scope: fnScope, text };
        }
        if (node.type === "class") {
          const existing = this.fnScopes.get(node.id);
          const clsScope = existing ?? this.visitClass(node, scope, cls);
          this.fnScopes.set(node.id, clsScope);
          return { k: "class", scope: clsScope, text };
        }
        return { k: "other", text };
    }
  }

  /** Function/class expression node id → the scope created for it. */
  readonly fnScopes = new Map<number, number>();

  props(node: Node, scope: number, cls: number): JsProp[] {
    const out: JsProp[] = [];
    for (const child of named(node)) {
      if (child.type === "pair") {
        const key = child.childForFieldName("key");
        const value = child.childForFieldName("value");
        if (!key || !value) continue;
        const keyText = key.type === "string"
          ? stringValue(key)
          : key.type === "computed_property_name"
          ? undefined
          : key.text;
        if (keyText === undefined) continue;
        out.push({ key: keyText, value: this.expr(value, scope, cls) });
      } else if (child.type === "shorthand_property_identifier") {
        out.push({
          key: child.text,
          value: { k: "name", name: child.text, at: child.startIndex, text: child.text },
        });
      } else if (child.type === "spread_element") {
        const inner = named(child)[0];
        if (inner) out.push({ value: this.expr(inner, scope, cls), spread: true });
      } else if (child.type === "method_definition") {
        const name = child.childForFieldName("name");
        if (name) {
          out.push({
            key: name.text,
            value: {
              k: "fn",
              scope: this.visitFunction(child, scope, cls, name.text),
              text: trimText(child.text),
            },
          });
        }
      }
    }
    return out;
  }

  args(list: Node | null, scope: number, cls: number): JsArg[] {
    const out: JsArg[] = [];
    for (const child of named(list)) {
      if (child.type === "spread_element") {
        const inner = named(child)[0];
        out.push({
          value: inner ? this.expr(inner, scope, cls) : { k: "other", text: child.text },
          spread: true,
        });
      } else out.push({ value: this.expr(child, scope, cls) });
    }
    return out;
  }
}

function memberOf(object: JsExpr, prop: string): JsExpr {
  return { k: "member", object, prop, text: `${object.text}.${prop}` };
}
