/**
 * Phase 1 for Python: parse one file and reduce its syntax tree to {@linkcode PythonFileFacts} — scopes with
 * their bindings (assignments, imports, parameters, definitions, `global` declarations), every
 * `receiver.method(...)` call site, and the methods referenced without being called (stored, passed or
 * returned). Nothing is evaluated here; see `link_project.ts`.
 *
 * @module
 */
import type { Tree } from "web-tree-sitter";
import type { SourceFile, SourceLocation } from "../../types.ts";
import type { FileFacts, PackedFile } from "../language_plugin.ts";
import type {
  AttributeBinding,
  AttributeRead,
  Binding,
  BindingValue,
  CallSite,
  MethodReference,
  NameAttributeBinding,
  PyArg,
  PyExpr,
  PythonFileFacts,
  Scope,
} from "./facts.ts";
import { analyzeParsedFile, LineStarts, MAX_EXPRESSION_TEXT, trimText } from "../shared/file_facts.ts";
import {
  ASK,
  CHILD_FIELDS,
  ENTER,
  FIELD_TOKENS,
  FlatNodes,
  type FlattenPolicy,
  flattenTree,
  GRANDCHILD_FIELDS,
  KEEP,
} from "../../../grammars/flat_walk.ts";
import { grammarFor, loadGrammar } from "../../../grammars/mod.ts";

export { MAX_EXPRESSION_TEXT, trimText };

/**
 * Parses a Python file and collects its facts. Syntax errors are reported in `error` (first error, 1-based).
 *
 * @example
 * ```ts ignore
 * const facts = await analyzePythonFile({ path: "app.py", language: "python", text: "s3.get_object(Bucket='b')\n" });
 * facts.facts?.calls[0].method; // "get_object"
 * ```
 */
export function analyzePythonFile(
  file: SourceFile,
  options: PythonAnalysisOptions = {},
): Promise<FileFacts<PythonFileFacts>> {
  const omit = options.omitCalls?.length ? omitSetOf(options.omitCalls) : undefined;
  return analyzeParsedFile(file, (root, text) => collectFacts(root.tree, file.path, text, omit));
}

/** Options of {@linkcode analyzePythonFile}, the same for every file of a project. */
export interface PythonAnalysisOptions {
  /** Names of calls to leave out of the call sites (see `inert_calls.ts`). */
  omitCalls?: readonly string[];
}

/** One Set per names array: the same options come with every file of a batch. */
const omitSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function omitSetOf(names: readonly string[]): ReadonlySet<string> {
  let set = omitSets.get(names);
  if (!set) omitSets.set(names, set = new Set(names));
  return set;
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

function collectFacts(
  tree: Tree,
  path: string,
  source: string,
  omit: ReadonlySet<string> | undefined,
): PythonFileFacts {
  const tables = tablesOf(tree);
  return factsOf(flatten(tree, tables, source), tables, path, source, omit);
}

/**
 * Phase 1's first half, for a worker: parses the file and flattens its syntax tree into one ArrayBuffer (see
 * {@linkcode collectPackedPythonFile} for the second half). A file without text or with a syntax error gives
 * its `error`, as {@linkcode analyzePythonFile} does.
 *
 * @example
 * ```ts ignore
 * const packed = await packPythonFile(file);
 * const facts = await collectPackedPythonFile(packed, file); // the same as analyzePythonFile(file)
 * ```
 */
export async function packPythonFile(file: SourceFile): Promise<PackedFile<PackedPythonTree>> {
  const { file: path, language, error, facts: packed } = await analyzeParsedFile(
    file,
    (root, text): PackedPythonTree => {
      const tree = flatten(root.tree, tablesOf(root.tree), text);
      return { buffer: tree.pack(), count: tree.count };
    },
  );
  if (!packed) return { file: path, language, error };
  return { file: path, language, packed, transfer: [packed.buffer] };
}

/** A Python file's flattened syntax tree, made by {@linkcode packPythonFile}. */
export interface PackedPythonTree {
  buffer: ArrayBuffer;
  /** Nodes in the tree. */
  count: number;
}

/**
 * Phase 1's second half: the facts of a file from its packed syntax tree and its text (the same text the
 * tree was parsed from), exactly as {@linkcode analyzePythonFile} makes them.
 *
 * @example
 * ```ts ignore
 * const facts = await collectPackedPythonFile(await packPythonFile(file), file);
 * ```
 */
export async function collectPackedPythonFile(
  packed: PackedFile<PackedPythonTree>,
  file: SourceFile,
  options: PythonAnalysisOptions = {},
): Promise<FileFacts<PythonFileFacts>> {
  const base = { file: packed.file, language: packed.language };
  if (packed.error || !packed.packed || file.text === undefined) {
    return { ...base, error: packed.error ?? { message: "file has no syntax tree", line: 1, column: 1 } };
  }
  const tables = tablesOfGrammar(await loadGrammar(grammarFor(file.path, file.language)));
  const omit = options.omitCalls?.length ? omitSetOf(options.omitCalls) : undefined;
  const tree = FlatTree.unpack(packed.packed.buffer, packed.packed.count);
  const source = file.text;
  return { ...base, facts: factsOf(tree, tables, file.path, source, omit) };
}

function factsOf(
  tree: FlatTree,
  tables: GrammarTables,
  path: string,
  source: string,
  omit: ReadonlySet<string> | undefined,
): PythonFileFacts {
  const collector = new Collector(path, source, tree, tables, omit);
  collector.walkBlock(0, 0);
  const facts: PythonFileFacts = {
    modulePath: modulePathOf(path),
    isPackage: /(^|\/)__init__\.pyi?$/.test(path.replace(/\\/g, "/")),
    scopes: collector.scopes,
    calls: collector.calls,
  };
  if (collector.references.length) facts.references = collector.references;
  if (collector.appState.length) facts.appState = collector.appState;
  if (collector.reads.length) facts.reads = collector.reads;
  if (collector.localAttributes.length) facts.localAttributes = collector.localAttributes;
  return facts;
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
 * The offsets where a `(`, `lambda` or `:=` starts in `source`, ascending, in `offsets.list[0..count)` (reused
 * from file to file): a subtree can hold a call, lambda or named expression only if one starts inside it.
 */
function interestingOffsets(source: string): void {
  const n = source.length;
  let list = offsets.list;
  let count = 0;
  // Found with indexOf: much faster than a loop over every character.
  let paren = source.indexOf("(");
  let walrus = source.indexOf(":=");
  let lambda = source.indexOf("lambda");
  for (;;) {
    let at = n;
    if (paren >= 0) at = paren;
    if (walrus >= 0 && walrus < at) at = walrus;
    if (lambda >= 0 && lambda < at) at = lambda;
    if (at === n) break;
    if (count === list.length) {
      const bigger = new Int32Array(Math.max(1024, 2 * count));
      bigger.set(list);
      list = offsets.list = bigger;
    }
    list[count++] = at;
    const from = at + 1;
    // The three never start at the same offset: only the one found moves on.
    if (at === paren) paren = source.indexOf("(", from);
    else if (at === walrus) walrus = source.indexOf(":=", from);
    else lambda = source.indexOf("lambda", from);
  }
  offsets.count = count;
}

/** {@linkcode interestingOffsets} of the file being flattened. */
const offsets = { list: new Int32Array(1024), count: 0 };

/** Index of the first of the {@linkcode offsets} at or after `from` (`offsets.count` when none). */
function firstOffsetFrom(from: number): number {
  const list = offsets.list;
  let low = 0;
  let high = offsets.count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid] < from) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The syntax tree flattened into typed arrays by one walk (no `Node` objects, see grammars/flat_walk.ts): every
 * named node, and every anonymous node that fills a field (`operator`); nodes are numbered in document order,
 * the root is 0 and -1 stands for "none". Anonymous tokens without a field are left out (phase 1 reads named
 * children and fields only); so are the children of {@linkcode LEAF_TYPES}. The arrays are reused from file to
 * file.
 */
class FlatTree extends FlatNodes {
  /**
   * Calls and attributes only (the nodes the facts locate): start row/column and end row/column (0-based), as
   * `Node#startPosition`/`endPosition`.
   */
  position = new Int32Array(0);
  /**
   * 1 when a call, lambda or `:=` may start inside the node, after its first character (a call starts with its
   * callee): when a `(`, `lambda` or `:=` does. Else 0: the collector need not look inside an expression.
   */
  mayHold = new Uint8Array(0);

  /**
   * The first `count` nodes copied into one ArrayBuffer, laid out as {@linkcode FlatTree.unpack} reads it: a
   * worker transfers it to the thread that collects the facts (a fifth of their JSON's size, and no parsing).
   */
  pack(): ArrayBuffer {
    const n = this.count;
    const words = packedWords(n);
    const buffer = new ArrayBuffer(words * 4);
    const halves = new Uint16Array(buffer, 0, 2 * n);
    halves.set(this.typeId.subarray(0, n));
    halves.set(this.fieldId.subarray(0, n), n);
    const ints = new Int32Array(buffer, packedIntsOffset(n));
    let at = 0;
    for (const column of [this.start, this.end, this.parent, this.firstChild, this.nextSibling]) {
      ints.set(column.subarray(0, n), at);
      at += n;
    }
    ints.set(this.position.subarray(0, 4 * n), at);
    new Uint8Array(buffer, packedBytesOffset(n), n).set(this.mayHold.subarray(0, n));
    return buffer;
  }

  /** A tree over the columns {@linkcode FlatTree.pack} wrote into `buffer` (views, not copies). */
  static unpack(buffer: ArrayBuffer, count: number): FlatTree {
    const tree = new FlatTree();
    const n = count;
    tree.count = n;
    tree.typeId = new Uint16Array(buffer, 0, n);
    tree.fieldId = new Uint16Array(buffer, 2 * n, n);
    const ints = packedIntsOffset(n);
    const column = (index: number, length = n) => new Int32Array(buffer, ints + 4 * n * index, length);
    tree.start = column(0);
    tree.end = column(1);
    tree.parent = column(2);
    tree.firstChild = column(3);
    tree.nextSibling = column(4);
    tree.position = column(5, 4 * n);
    tree.mayHold = new Uint8Array(buffer, packedBytesOffset(n), n);
    return tree;
  }

  override reserve(capacity: number): void {
    super.reserve(capacity);
    if (this.position.length < 4 * this.typeId.length) {
      const position = new Int32Array(4 * this.typeId.length);
      position.set(this.position);
      this.position = position;
    }
    if (this.mayHold.length < this.typeId.length) {
      const mayHold = new Uint8Array(this.typeId.length);
      mayHold.set(this.mayHold);
      this.mayHold = mayHold;
    }
  }
}

/** Byte offset of the Int32 columns in a packed FlatTree: after the two Uint16 columns (2 bytes each per node). */
function packedIntsOffset(count: number): number {
  return 4 * count;
}

/** Byte offset of the Uint8 column in a packed FlatTree: after the Int32 columns (nine words per node). */
function packedBytesOffset(count: number): number {
  return packedIntsOffset(count) + 36 * count;
}

/**
 * Size of a packed FlatTree in 4-byte words: two Uint16 columns, five Int32 columns, four positions and one
 * byte per node.
 */
function packedWords(count: number): number {
  return count + 9 * count + Math.ceil(count / 4);
}

/**
 * Node types whose children the collector reads by field name (`node.childForFieldName`): only their children
 * (and the children of parameter lists' items) need a field id.
 */
const FIELD_PARENTS = new Set([
  "augmented_assignment",
  "named_expression",
  "for_statement",
  "with_item",
  "as_pattern",
  "call",
  "attribute",
  "subscript",
  "binary_operator",
  "boolean_operator",
  "pair",
  "interpolation",
  "keyword_argument",
  "aliased_import",
  "import_from_statement",
  "function_definition",
  "lambda",
  "class_definition",
  "assignment",
]);

/** Parameter lists: the collector reads fields (`name`, `type`, `value`) of each of their items. */
const PARAMETER_LISTS = new Set(["parameters", "lambda_parameters"]);

/** Per grammar: type names and named-ness by type id, field ids by name. */
interface GrammarTables {
  types: string[];
  named: Uint8Array;
  /** 1 for {@linkcode LEAF_TYPES}: the walk does not enter them. */
  leaf: Uint8Array;
  /** Type ids named `call` or `attribute`: the flattening keeps their rows and columns. */
  located: Uint8Array;
  /** Type ids named `string`. */
  string: Uint8Array;
  /** Type ids named `binary_operator` / `boolean_operator` (the only parents whose anonymous children the collector reads: `operator`). */
  binary: Uint8Array;
  /** Type ids in {@linkcode FIELD_PARENTS}. */
  fieldParent: Uint8Array;
  /** Type ids in {@linkcode PARAMETER_LISTS}. */
  parameterList: Uint8Array;
  /** Type ids named `identifier`. */
  identifier: Uint8Array;
  /** Type ids named `comment`. */
  comment: Uint8Array;
  /** Type ids named `type` (an annotation). */
  annotation: Uint8Array;
  /**
   * Type ids of `function_definition` and `assignment`: their annotations (return type, `x: T = ...`) are only
   * visited (never reduced to expressions), so one holding no call, lambda or `:=` is not entered.
   */
  annotated: Uint8Array;
  fields: Map<string, number>;
}

const grammarTables = new WeakMap<object, GrammarTables>();

function tablesOf(tree: Tree): GrammarTables {
  return tablesOfGrammar(tree.language);
}

function tablesOfGrammar(language: Tree["language"]): GrammarTables {
  let tables = grammarTables.get(language);
  if (tables) return tables;
  const count = language.nodeTypeCount;
  const table = () => new Uint8Array(65536);
  const fields = new Map<string, number>();
  language.fields.forEach((name, id) => {
    if (name !== null && !fields.has(name)) fields.set(name, id);
  });
  tables = {
    types: [],
    named: table(),
    leaf: table(),
    located: table(),
    string: table(),
    binary: table(),
    fieldParent: table(),
    parameterList: table(),
    identifier: table(),
    comment: table(),
    annotation: table(),
    annotated: table(),
    fields,
  };
  const t = tables;
  for (let id = 0; id < count; id++) {
    const name = language.types[id] || "ERROR";
    t.types.push(name);
    t.named[id] = language.nodeTypeIsNamed(id) ? 1 : 0;
    t.leaf[id] = LEAF_TYPES.has(name) ? 1 : 0;
    t.located[id] = name === "call" || name === "attribute" ? 1 : 0;
    t.string[id] = name === "string" ? 1 : 0;
    t.binary[id] = name === "binary_operator" || name === "boolean_operator" ? 1 : 0;
    t.fieldParent[id] = FIELD_PARENTS.has(name) ? 1 : 0;
    t.parameterList[id] = PARAMETER_LISTS.has(name) ? 1 : 0;
    t.identifier[id] = name === "identifier" ? 1 : 0;
    t.comment[id] = name === "comment" ? 1 : 0;
    t.annotation[id] = name === "type" ? 1 : 0;
    t.annotated[id] = name === "function_definition" || name === "assignment" ? 1 : 0;
  }
  // Ids past the grammar's types (`ERROR` is 65535) are named `ERROR`: named, and in none of the other sets.
  for (let id = count; id < 65536; id++) t.types.push("ERROR");
  t.named.fill(1, count);
  grammarTables.set(language, tables);
  return tables;
}

const flat = new FlatTree();

/**
 * End of the identifier starting at `start`, found in the source for ASCII names; `end` (the node's) otherwise.
 * The walk used to read ends from the cursor only for non-ASCII names: kept so, phase 1's output is unchanged
 * (they differ for a MISSING identifier, whose node is empty).
 */
function identifierEnd(source: string, start: number, end: number): number {
  let i = start;
  for (;;) {
    const c = source.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) i++;
    else if (c >= 128) return end;
    else return i;
  }
}

/** True when the string literal starting at `start` has an `f` in its prefix (before its first quote). */
function isFStringAt(source: string, start: number): boolean {
  for (let i = start; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 34 || c === 39) return false; // " '
    if (c === 102 || c === 70) return true; // f F
  }
  return false;
}

/**
 * What {@linkcode flatten} keeps and enters, per grammar: only what the collector uses. A field id only where
 * the collector looks fields up, anonymous tokens only as the `operator` of a binary operator; leaves are not
 * entered, nor plain (non-f) strings (their value is sliced from the source, see `Collector#string`), nor
 * annotations of definitions and assignments that hold no call, lambda or `:=`.
 */
class PythonFlattenPolicy implements FlattenPolicy {
  readonly flags = new Uint8Array(65536);
  readonly #tables: GrammarTables;
  /** The file being flattened. */
  source = "";

  constructor(tables: GrammarTables) {
    this.#tables = tables;
    const { named, leaf, string, annotation, fieldParent, parameterList, binary } = tables;
    for (let id = 0; id < 65536; id++) {
      let flag = named[id] ? KEEP : 0;
      if (named[id] && !leaf[id]) flag |= ENTER;
      if (string[id] || annotation[id]) flag |= ASK;
      if (fieldParent[id]) flag |= CHILD_FIELDS;
      if (parameterList[id]) flag |= GRANDCHILD_FIELDS;
      if (binary[id]) flag |= FIELD_TOKENS;
      this.flags[id] = flag;
    }
  }

  enter(nodes: FlatNodes, typeId: number, start: number, end: number, index: number): boolean {
    const tables = this.#tables;
    if (tables.string[typeId]) return isFStringAt(this.source, start);
    if (!tables.annotation[typeId] || !tables.annotated[nodes.typeId[nodes.parent[index]]]) return true;
    const at = firstOffsetFrom(start + 1);
    return at < offsets.count && offsets.list[at] < end;
  }
}

const policies = new WeakMap<GrammarTables, PythonFlattenPolicy>();

/**
 * Fills {@linkcode flat} from `tree` as {@linkcode PythonFlattenPolicy} says, then the ends of identifiers and
 * the rows and columns of calls from the source.
 */
function flatten(tree: Tree, tables: GrammarTables, source: string): FlatTree {
  let policy = policies.get(tables);
  if (!policy) policies.set(tables, policy = new PythonFlattenPolicy(tables));
  interestingOffsets(source);
  policy.source = source;
  const t = flat;
  t.reserve(Math.max(1024, (source.length >> 1) + 16));
  flattenTree(tree, t, policy);
  policy.source = "";
  const { identifier, located } = tables;
  const { typeId, start, end, position, mayHold } = t;
  const { list, count } = offsets;
  const lines = new LineStarts(source);
  const rows = lines.starts.length;
  // Nodes come in document order, so their starts never decrease: the first offset after each one's start,
  // and the row it is on, only move forward.
  let at = 0;
  let row = 0;
  for (let i = 0; i < t.count; i++) {
    const from = start[i] + 1;
    if (at > 0 && list[at - 1] >= from) at = firstOffsetFrom(from);
    while (at < count && list[at] < from) at++;
    const type = typeId[i];
    if (identifier[type]) end[i] = identifierEnd(source, start[i], end[i]);
    else if (located[type]) {
      const first = start[i];
      const last = end[i];
      if (lines.starts[row] > first) row = lines.rowOf(first);
      while (row + 1 < rows && lines.starts[row + 1] <= first) row++;
      const endRow = row + 1 < rows && lines.starts[row + 1] <= last ? lines.rowOf(last) : row;
      position[4 * i] = row;
      position[4 * i + 1] = first - lines.starts[row];
      position[4 * i + 2] = endRow;
      position[4 * i + 3] = last - lines.starts[endRow];
    }
    mayHold[i] = at < count && list[at] < end[i] ? 1 : 0;
  }
  return t;
}

/** Node types of item values that may be objects (`cache[k] = boto3.client(...)`); literals never are. */
const ITEM_VALUE_TYPES = new Set(["call", "identifier", "attribute", "await"]);

/** `{}` or `dict()`. */
function isEmptyDict(expr: PyExpr): boolean {
  if (expr.k === "dict") return expr.entries.length === 0;
  return expr.k === "call" && expr.args.length === 0 && expr.callee.k === "name" &&
    expr.callee.name === "dict";
}

/** `threading.local()` or `local()` (imported from `threading`): a thread-local object (see `#localNames`). */
function isLocalCall(expr: PyExpr): boolean {
  if (expr.k !== "call" || expr.args.length !== 0) return false;
  const callee = expr.callee;
  return (callee.k === "name" || callee.k === "attr") && callee.name === "local";
}

/**
 * Names boto3 methods, resource data attributes and identifiers have (lower snake_case): other attributes are
 * never recorded as method references or attribute reads.
 */
const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;

/** Comprehension node types: each has a scope of its own. */
const COMPREHENSION_TYPES: ReadonlySet<string> = new Set([
  "list_comprehension",
  "set_comprehension",
  "generator_expression",
  "dictionary_comprehension",
]);

/**
 * Items a list, tuple or set display may hold to be kept as a `seq`: constants, names and calls (clients made
 * together: `return boto3.client("s3"), boto3.client("sqs")`), not structures.
 */
const SEQUENCE_ITEM_TYPES: ReadonlySet<string> = new Set([
  "string",
  "concatenated_string",
  "integer",
  "identifier",
  "attribute",
  "call",
  "await",
]);

/** Methods that change a dict, list or set in place: its display no longer shows all it holds. */
const MUTATING_METHODS: ReadonlySet<string> = new Set([
  "update",
  "setdefault",
  "pop",
  "append",
  "extend",
  "insert",
  "add",
]);

/** Annotations that name no class a value could be an instance of here. */
const PLAIN_TYPES: ReadonlySet<string> = new Set([
  "None",
  "str",
  "int",
  "float",
  "bool",
  "bytes",
  "dict",
  "list",
  "tuple",
  "set",
  "object",
]);

/**
 * The class an annotation names, as a dotted name: `AwsClients`, `"S3Client"`, `Optional[Repo]`, `Repo | None`;
 * undefined for anything else (generics, plain builtins).
 */
function annotationName(text: string): string | undefined {
  let t = text.trim();
  for (;;) {
    const quoted = /^(['"])(.*)\1$/s.exec(t);
    const optional = quoted ? undefined : /^(?:typing\.)?Optional\[(.*)\]$/s.exec(t);
    const orNone = quoted || optional ? undefined : /^(.*?)\s*\|\s*None$|^None\s*\|\s*(.*)$/s.exec(t);
    const inner = quoted?.[2] ?? optional?.[1] ?? orNone?.[1] ?? orNone?.[2];
    if (inner === undefined) break;
    t = inner.trim();
  }
  return /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/.test(t) && !PLAIN_TYPES.has(t) ? t : undefined;
}

/**
 * True when `decorators` make a method the setter or deleter of property `name` (`@name.setter`): the class
 * attribute stays the property, whose value is its getter's.
 */
function isAccessorOf(decorators: readonly string[], name: string): boolean {
  return decorators.some((d) => {
    const m = /^@\s*([A-Za-z_]\w*)\s*\.\s*(setter|deleter)\s*$/.exec(d);
    return m !== null && m[1] === name;
  });
}

/** A node of the {@linkcode FlatTree}: its index; -1 for none. */
type N = number;

/**
 * What the collector remembers per node of the file it collects: typed arrays indexed by node instead of Maps
 * (which grow a hash table per file), reused from file to file. An entry counts only when its stamp is the
 * current file's ({@linkcode NodeMemo.begin}), so nothing needs clearing between files.
 */
class NodeMemo {
  #file = 0;
  #exprStamp = new Int32Array(0);
  #exprs: (PyExpr | undefined)[] = [];
  #scopeStamp = new Int32Array(0);
  #scopes = new Int32Array(0);

  /** Forgets the previous file; makes room for `count` nodes. */
  begin(count: number): this {
    if (this.#exprStamp.length < count) {
      const size = Math.max(count, 2 * this.#exprStamp.length, 1024);
      this.#exprStamp = new Int32Array(size);
      this.#scopeStamp = new Int32Array(size);
      this.#scopes = new Int32Array(size);
      this.#exprs = new Array(size);
    } else if (this.#file === 0x7fffffff) {
      this.#exprStamp.fill(0);
      this.#scopeStamp.fill(0);
      this.#file = 0;
    }
    this.#file++;
    return this;
  }

  expr(node: N): PyExpr | undefined {
    return this.#exprStamp[node] === this.#file ? this.#exprs[node] : undefined;
  }

  setExpr(node: N, expr: PyExpr): PyExpr {
    this.#exprStamp[node] = this.#file;
    this.#exprs[node] = expr;
    return expr;
  }

  /** The scope node `node` opens, -1 when none was made yet. */
  scope(node: N): number {
    return this.#scopeStamp[node] === this.#file ? this.#scopes[node] : -1;
  }

  setScope(node: N, scope: number): void {
    this.#scopeStamp[node] = this.#file;
    this.#scopes[node] = scope;
  }
}

/** The one {@linkcode NodeMemo}: a collector runs from start to end without yielding. */
const nodeMemo = new NodeMemo();

class Collector {
  readonly scopes: Scope[] = [];
  readonly calls: CallSite[] = [];
  readonly references: MethodReference[] = [];
  readonly appState: AttributeBinding[] = [];
  /**
   * Names bound so far (in any scope) to a new empty dict, and names of instance attributes assigned one
   * (`self._cache = {}`): only their item assignments can fill a cache the tracker reads (`Scope.items`); the
   * others (`params["Key"] = key`) are not kept.
   */
  readonly #emptyDicts = new Set<string>();
  /** Names bound so far (in any scope) to `threading.local()`: assignments to their attributes are kept. */
  readonly #localNames = new Set<string>();
  readonly localAttributes: NameAttributeBinding[] = [];
  readonly reads: AttributeRead[] = [];
  readonly #count: number;
  /** Function scope → name of its first parameter, for methods (where it is the instance: `self`). */
  readonly #selfNames = new Map<number, string>();

  /**
   * Expressions already reduced (a call is reduced as a site, an argument and a binding value) and the scope of
   * each function, lambda, class and comprehension node made so far, by node.
   */
  readonly #memo: NodeMemo;

  readonly #mayHold: Uint8Array;
  readonly #types: string[];
  readonly #named: Uint8Array;
  readonly #comment: Uint8Array;
  readonly #fields: Map<string, number>;
  readonly #typeId: Uint16Array;
  readonly #fieldId: Uint16Array;
  readonly #start: Int32Array;
  readonly #end: Int32Array;
  readonly #parent: Int32Array;
  readonly #firstChild: Int32Array;
  readonly #nextSibling: Int32Array;
  readonly #position: Int32Array;

  constructor(
    readonly path: string,
    readonly source: string,
    tree: FlatTree,
    tables: GrammarTables,
    readonly omit: ReadonlySet<string> | undefined,
  ) {
    this.#mayHold = tree.mayHold;
    this.#types = tables.types;
    this.#named = tables.named;
    this.#comment = tables.comment;
    this.#fields = tables.fields;
    this.#typeId = tree.typeId;
    this.#fieldId = tree.fieldId;
    this.#start = tree.start;
    this.#end = tree.end;
    this.#parent = tree.parent;
    this.#firstChild = tree.firstChild;
    this.#nextSibling = tree.nextSibling;
    this.#position = tree.position;
    this.#count = tree.count;
    this.#memo = nodeMemo.begin(tree.count);
    this.scopes.push({ id: 0, kind: "module", name: "<module>", bindings: [] });
  }

  type(node: N): string {
    return this.#types[this.#typeId[node]];
  }

  /**
   * The first named child of `node` (-1 when none); with {@linkcode Collector.nextNamed}, the named children in
   * order, walked in place (no array per node).
   */
  firstNamed(node: N): N {
    for (let c = this.#firstChild[node]; c >= 0; c = this.#nextSibling[c]) if (this.#isNamed(c)) return c;
    return -1;
  }

  /** The next named sibling of `node` (-1 when none). */
  nextNamed(node: N): N {
    for (let c = this.#nextSibling[node]; c >= 0; c = this.#nextSibling[c]) if (this.#isNamed(c)) return c;
    return -1;
  }

  /** Anonymous children are kept only when they fill a field; named ones always are. */
  #isNamed(node: N): boolean {
    return this.#named[this.#typeId[node]] === 1;
  }

  /** The first named child of `node` that is not a comment (-1 when none). */
  firstValue(node: N): N {
    let c = this.firstNamed(node);
    while (c >= 0 && this.#comment[this.#typeId[c]] === 1) c = this.nextNamed(c);
    return c;
  }

  /** The next named sibling of `node` that is not a comment (-1 when none). */
  nextValue(node: N): N {
    let c = this.nextNamed(node);
    while (c >= 0 && this.#comment[this.#typeId[c]] === 1) c = this.nextNamed(c);
    return c;
  }

  /** The only named child of `node` that is not a comment; -1 when it has none or several. */
  onlyValue(node: N): N {
    const first = this.firstValue(node);
    return first >= 0 && this.nextValue(first) < 0 ? first : -1;
  }

  /** How many named children `node` has. */
  namedCount(node: N): number {
    let count = 0;
    for (let c = this.firstNamed(node); c >= 0; c = this.nextNamed(c)) count++;
    return count;
  }

  /** The first named child of `node` of type `type` (-1 when none). */
  namedOfType(node: N, type: string): N {
    for (let c = this.firstNamed(node); c >= 0; c = this.nextNamed(c)) if (this.type(c) === type) return c;
    return -1;
  }

  /** `node.childForFieldName(name)`: the first child filling the field (-1 when none). */
  field(node: N, name: string): N {
    const id = this.#fields.get(name);
    if (id === undefined) return -1;
    for (let c = this.#firstChild[node]; c >= 0; c = this.#nextSibling[c]) {
      if (this.#fieldId[c] === id) return c;
    }
    return -1;
  }

  /** True for `app.state` and `<anything>.app.state` (`request.app.state`): see `PythonFileFacts.appState`. */
  isAppState(node: N): boolean {
    if (this.type(node) !== "attribute") return false;
    const state = this.field(node, "attribute");
    const app = this.field(node, "object");
    if (state < 0 || app < 0 || this.text(state) !== "state") return false;
    if (this.type(app) === "identifier") return this.text(app) === "app";
    if (this.type(app) !== "attribute") return false;
    const name = this.field(app, "attribute");
    return name >= 0 && this.text(name) === "app";
  }

  /** True for `Annotated` and `<module>.Annotated`. */
  isAnnotated(node: N): boolean {
    if (this.type(node) === "identifier") return this.text(node) === "Annotated";
    const attribute = this.type(node) === "attribute" ? this.field(node, "attribute") : -1;
    return attribute >= 0 && this.text(attribute) === "Annotated";
  }

  /** The later siblings of `first` that fill field `name` too (`a[i, j]` has two `subscript`s). */
  fieldsAfter(first: N, name: string): N[] {
    const id = this.#fields.get(name);
    const out: N[] = [];
    if (id === undefined) return out;
    for (let c = this.#nextSibling[first]; c >= 0; c = this.#nextSibling[c]) {
      if (this.#fieldId[c] === id) out.push(c);
    }
    return out;
  }

  /** `node.text`, sliced from the source (same characters: tree-sitter's indices are UTF-16 offsets of it). */
  text(node: N): string {
    return this.source.slice(this.#start[node], this.#end[node]);
  }

  startIndex(node: N): number {
    return this.#start[node];
  }

  endIndex(node: N): number {
    return this.#end[node];
  }

  /** The 1-based location of a call or attribute (the nodes whose positions the flattening keeps). */
  location(node: N): SourceLocation {
    const p = this.#position;
    return {
      file: this.path,
      line: p[4 * node] + 1,
      column: p[4 * node + 1] + 1,
      endLine: p[4 * node + 2] + 1,
      endColumn: p[4 * node + 3] + 1,
    };
  }

  walkBlock(node: N, scope: number): void {
    for (let c = this.firstNamed(node); c >= 0; c = this.nextNamed(c)) this.visit(c, scope);
  }

  /** Binds `name` in `scope`, or in the module when the scope declared it `global`. */
  bind(scope: number, name: string, at: number, value: BindingValue): void {
    const target = this.scopes[scope].globals?.includes(name) ? 0 : scope;
    const binding: Binding = { name, at, value };
    this.scopes[target].bindings.push(binding);
    if (value.k === "expr") {
      if (isEmptyDict(value.expr)) this.#emptyDicts.add(name);
      else if (isLocalCall(value.expr)) this.#localNames.add(name);
    }
  }

  newScope(kind: Scope["kind"], parent: number, name: string): number {
    const id = this.scopes.length;
    this.scopes.push({ id, kind, parent, name, bindings: [] });
    return id;
  }

  visit(node: N, scope: number): void {
    const type = this.type(node);
    if (LEAF_TYPES.has(type)) return;
    // Only f-strings hold expressions (`{s3.get_object(...)}`); other strings and docstrings are skipped whole.
    if (type === "string" && !this.isFString(node)) return;
    if (EXPRESSION_TYPES.has(type) && !this.mayHold(node)) return this.scanReads(node, scope);
    if (type === "attribute") this.recordRead(node, scope);
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
        if (left >= 0) this.bindTargets(left, scope, this.endIndex(node), -1);
        return;
      }
      case "named_expression": {
        this.walkChildren(node, scope);
        const name = this.field(node, "name");
        const value = this.field(node, "value");
        // `:=` in a comprehension binds in the enclosing function (PEP 572).
        let target = scope;
        while (this.scopes[target].kind === "comprehension") target = this.scopes[target].parent ?? 0;
        if (name >= 0 && value >= 0) {
          this.bind(target, this.text(name), this.endIndex(node), { k: "expr", expr: this.expr(value) });
        }
        return;
      }
      case "list_comprehension":
      case "set_comprehension":
      case "generator_expression":
      case "dictionary_comprehension":
        return this.visitComprehension(node, scope);
      case "import_statement":
        return this.visitImport(node, scope);
      case "import_from_statement":
        return this.visitImportFrom(node, scope);
      case "global_statement":
      case "nonlocal_statement": {
        const target = this.scopes[scope];
        const list = type === "global_statement" ? (target.globals ??= []) : (target.nonlocals ??= []);
        for (let c = this.firstNamed(node); c >= 0; c = this.nextNamed(c)) {
          if (this.type(c) === "identifier") list.push(this.text(c));
        }
        return;
      }
      case "for_statement": {
        const left = this.field(node, "left");
        const right = this.field(node, "right");
        if (right >= 0) this.visit(right, scope);
        if (left >= 0 && this.type(left) === "identifier" && right >= 0) {
          // `for obj in bucket.objects.all():` — the loop variable is an element of the iterable.
          const of = this.expr(right);
          this.bind(scope, this.text(left), this.endIndex(left), {
            k: "expr",
            expr: { k: "iter", of, text: trimText(this.text(right)) },
          });
        } else if (left >= 0) this.bindTargets(left, scope, this.endIndex(left), -1);
        const body = this.field(node, "body");
        if (body >= 0) this.visit(body, scope);
        const alternative = this.field(node, "alternative");
        if (alternative >= 0) this.visit(alternative, scope);
        return;
      }
      case "with_item": {
        // `with boto3.client("s3") as s3:` — a client's __enter__ returns the client itself.
        const value = this.field(node, "value");
        if (value >= 0 && this.type(value) === "as_pattern") {
          const inner = this.firstNamed(value);
          const alias = this.field(value, "alias");
          if (inner >= 0) this.visit(inner, scope);
          const target = alias >= 0 ? this.firstNamedOr(alias) : -1;
          if (inner >= 0 && target >= 0) this.bindTargets(target, scope, this.endIndex(value), inner);
          return;
        }
        return this.walkChildren(node, scope);
      }
      case "as_pattern": {
        // `except E as e` and match patterns: the name is bound to something we do not model.
        this.walkChildren(node, scope);
        const alias = this.field(node, "alias");
        const target = alias >= 0 ? this.firstNamedOr(alias) : -1;
        if (target >= 0) this.bindTargets(target, scope, this.endIndex(node), -1);
        return;
      }
      case "call":
        this.recordCall(node, scope);
        return this.walkChildren(node, scope);
      case "yield": {
        this.walkChildren(node, scope);
        const value = this.firstValue(node);
        const target = this.scopes[scope];
        // Generators give what they yield to whoever iterates them (`for x in gen()`, FastAPI dependencies);
        // `yield from` hands on another iterable's items, which are not this expression.
        if (value >= 0 && target.kind === "function" && !/^yield\s+from\b/.test(this.text(node))) {
          (target.yields ??= []).push(this.expr(value));
        }
        return;
      }
      case "return_statement": {
        this.walkChildren(node, scope);
        const value = this.firstValue(node);
        const target = this.scopes[scope];
        // Factories (`def make_client(): return boto3.client("s3")`) give their callers the returned value.
        if (value >= 0 && target.kind === "function") (target.returns ??= []).push(this.expr(value));
        if (value >= 0) this.referencesIn(value, scope);
        return;
      }
      default:
        return this.walkChildren(node, scope);
    }
  }

  /** Records the attribute reads of `node`'s subtree, which holds no call (so the walk does not enter it). */
  scanReads(node: N, scope: number): void {
    // Nodes are numbered in document order: the subtree ends where the next sibling of it or of an ancestor is.
    let n = node;
    while (n >= 0 && this.#nextSibling[n] < 0) n = this.#parent[n];
    const stop = n >= 0 ? this.#nextSibling[n] : this.#count;
    for (let i = node; i < stop; i++) {
      if (this.type(i) === "attribute") this.recordRead(i, scope);
    }
  }

  /**
   * Records attribute `node` as an {@linkcode AttributeRead} when it is read: not called, and not chained further
   * unless the next link is a method called on it (`queue.attributes.get(k)` reads `queue.attributes` as a value,
   * so a resource's data attribute loads it just as `queue.attributes[k]` does).
   */
  recordRead(node: N, scope: number): void {
    const parent = this.#parent[node];
    if (parent >= 0) {
      const parentType = this.type(parent);
      if (parentType === "call" && this.field(parent, "function") === node) return;
      if (parentType === "attribute" && this.field(parent, "object") === node) {
        const grandparent = this.#parent[parent];
        if (
          grandparent < 0 || this.type(grandparent) !== "call" ||
          this.field(grandparent, "function") !== parent
        ) {
          return;
        }
      }
    }
    const object = this.field(node, "object");
    const attribute = this.field(node, "attribute");
    if (object < 0 || attribute < 0 || !SNAKE_CASE.test(this.text(attribute))) return;
    if (this.type(object) === "identifier") {
      const name = this.text(object);
      if (name === "self" || name === "cls") return;
    }
    const read = this.expr(node);
    if (read.k !== "attr") return;
    this.reads.push({ scope, at: this.#start[node], read, location: this.location(node) });
  }

  /** `node.namedChildren[0] ?? node`. */
  firstNamedOr(node: N): N {
    const first = this.firstNamed(node);
    return first >= 0 ? first : node;
  }

  /** Whether a call, lambda or `:=` may start inside `node` (after its first character: a call starts with its callee). */
  mayHold(node: N): boolean {
    return this.#mayHold[node] === 1;
  }

  /** True when the string literal's prefix (before its first quote) has an `f`. */
  isFString(node: N): boolean {
    return isFStringAt(this.source, this.#start[node]);
  }

  walkChildren(node: N, scope: number): void {
    for (let c = this.firstNamed(node); c >= 0; c = this.nextNamed(c)) this.visit(c, scope);
  }

  visitFunction(node: N, scope: number): void {
    const name = this.field(node, "name");
    const params = this.field(node, "parameters");
    const returns = this.field(node, "return_type");
    // Defaults and annotations are evaluated in the enclosing scope.
    if (params >= 0) this.visitParameterDefaults(params, scope);
    if (returns >= 0) this.visit(returns, scope);
    const nameText = name >= 0 ? this.text(name) : undefined;
    const inner = this.newScope("function", scope, nameText ?? "<function>");
    this.#memo.setScope(node, inner);
    const returnHint = returns >= 0 ? annotationName(this.text(returns)) : undefined;
    if (returnHint !== undefined) this.scopes[inner].returnHint = returnHint;
    const parent = this.#parent[node];
    const decorated = parent >= 0 && this.type(parent) === "decorated_definition" ? parent : -1;
    const decorators: string[] = [];
    if (decorated >= 0) {
      for (let c = this.firstNamed(decorated); c >= 0; c = this.nextNamed(c)) {
        if (this.type(c) === "decorator") decorators.push(this.text(c));
      }
    }
    const inClass = this.scopes[scope].kind === "class";
    if (nameText !== undefined && !(inClass && isAccessorOf(decorators, nameText))) {
      const value: BindingValue = { k: "def", kind: "function", scope: inner };
      if (inClass && decorators.length) value.decorators = this.decoratorExprs(decorated);
      this.bind(scope, nameText, this.startIndex(node), value);
    }
    if (params >= 0) this.bindParameters(params, inner);
    // In a method, the first parameter is the instance; `self.x = ...` then binds a class attribute.
    let first: Binding | undefined;
    for (const binding of this.scopes[inner].bindings) {
      if (binding.value.k === "param" && binding.value.index === 0) {
        first = binding;
        break;
      }
    }
    if (decorators.some(isContextManagerDecorator)) this.scopes[inner].contextManager = true;
    if (inClass && decorators.includes("@classmethod")) this.scopes[inner].methodKind = "classmethod";
    if (inClass && decorators.includes("@staticmethod")) this.scopes[inner].methodKind = "staticmethod";
    if (inClass && first && !decorators.includes("@staticmethod")) {
      this.#selfNames.set(inner, first.name);
    }
    const body = this.field(node, "body");
    if (body >= 0) this.walkBlock(body, inner);
  }

  /** The expressions of the decorators of `decorated` (a `decorated_definition`), after each `@`. */
  decoratorExprs(decorated: N): PyExpr[] {
    const out: PyExpr[] = [];
    for (let d = this.firstNamed(decorated); d >= 0; d = this.nextNamed(d)) {
      if (this.type(d) !== "decorator") continue;
      const decorator = this.firstNamed(d);
      out.push(decorator >= 0 ? this.expr(decorator) : { k: "other", text: trimText(this.text(d)) });
    }
    return out;
  }

  /**
   * A comprehension's parts with the scopes Python runs them in: the first iterable in the enclosing scope,
   * everything else in the comprehension's own.
   */
  visitComprehension(node: N, scope: number): void {
    const inner = this.compScope(node);
    let first = true;
    for (let child = this.firstNamed(node); child >= 0; child = this.nextNamed(child)) {
      if (this.type(child) !== "for_in_clause") {
        this.visit(child, inner);
        continue;
      }
      // The loop targets (the first part) were bound by compScope.
      const target = this.firstNamed(child);
      for (let c = target >= 0 ? this.nextNamed(target) : -1; c >= 0; c = this.nextNamed(c)) {
        this.visit(c, first ? scope : inner);
      }
      first = false;
    }
  }

  /**
   * The scope of comprehension `node`, made on first use (by the walk or by reducing the comprehension to an
   * expression, whichever comes first) with its loop variables bound to the elements of their iterables.
   */
  compScope(node: N): number {
    const known = this.#memo.scope(node);
    if (known >= 0) return known;
    const id = this.newScope("comprehension", this.enclosingScope(node), "<comprehension>");
    this.#memo.setScope(node, id);
    for (let clause = this.firstNamed(node); clause >= 0; clause = this.nextNamed(clause)) {
      if (this.type(clause) !== "for_in_clause") continue;
      const left = this.firstValue(clause);
      if (left < 0) continue;
      const right = this.nextValue(left);
      if (this.type(left) === "identifier" && right >= 0 && this.nextValue(right) < 0) {
        this.bind(id, this.text(left), this.endIndex(left), {
          k: "expr",
          expr: { k: "iter", of: this.expr(right), text: trimText(this.text(right)) },
        });
      } else this.bindTargets(left, id, this.endIndex(left), -1);
    }
    return id;
  }

  /** The scope `node` is read in: that of the nearest function, lambda, class or comprehension around it. */
  enclosingScope(node: N): number {
    for (let p = this.#parent[node]; p >= 0; p = this.#parent[p]) {
      const known = this.#memo.scope(p);
      if (known >= 0) return known;
      if (COMPREHENSION_TYPES.has(this.type(p))) return this.compScope(p);
    }
    return 0;
  }

  visitLambda(node: N, scope: number): void {
    const params = this.field(node, "parameters");
    if (params >= 0) this.visitParameterDefaults(params, scope);
    const inner = this.lambdaScope(node);
    const body = this.field(node, "body");
    if (body >= 0) this.visit(body, inner);
  }

  /**
   * The scope of lambda `node`, made on first use (by the walk or by reducing the lambda to an expression,
   * whichever comes first: a call site is reduced before its arguments are walked) with its parameters bound.
   */
  lambdaScope(node: N): number {
    const known = this.#memo.scope(node);
    if (known >= 0) return known;
    const inner = this.newScope("function", this.enclosingScope(node), "<lambda>");
    this.#memo.setScope(node, inner);
    const params = this.field(node, "parameters");
    if (params >= 0) this.bindParameters(params, inner);
    return inner;
  }

  visitClass(node: N, scope: number): void {
    const name = this.field(node, "name");
    const supers = this.field(node, "superclasses");
    if (supers >= 0) this.visit(supers, scope);
    const nameText = name >= 0 ? this.text(name) : undefined;
    const inner = this.newScope("class", scope, nameText ?? "<class>");
    this.#memo.setScope(node, inner);
    const bases: PyExpr[] = [];
    for (let c = supers >= 0 ? this.firstNamed(supers) : -1; c >= 0; c = this.nextNamed(c)) {
      const t = this.type(c);
      if (t !== "keyword_argument" && t !== "comment") bases.push(this.expr(c));
    }
    if (bases.length) this.scopes[inner].bases = bases;
    if (nameText !== undefined) {
      this.bind(scope, nameText, this.startIndex(node), { k: "def", kind: "class", scope: inner });
    }
    const body = this.field(node, "body");
    if (body >= 0) this.walkBlock(body, inner);
  }

  visitParameterDefaults(params: N, scope: number): void {
    for (let param = this.firstNamed(params); param >= 0; param = this.nextNamed(param)) {
      const value = this.field(param, "value");
      if (value >= 0) this.visit(value, scope);
      const type = this.field(param, "type");
      if (type >= 0) this.visit(type, scope);
    }
  }

  bindParameters(params: N, scope: number): void {
    let index = 0;
    for (let param = this.firstNamed(params); param >= 0; param = this.nextNamed(param)) {
      let nameNode: N = -1;
      switch (this.type(param)) {
        case "identifier":
          nameNode = param;
          break;
        case "typed_parameter":
          nameNode = this.namedOfType(param, "identifier");
          break;
        case "default_parameter":
        case "typed_default_parameter":
          nameNode = this.field(param, "name");
          break;
        case "list_splat_pattern":
        case "dictionary_splat_pattern": {
          const inner = this.firstNamed(param);
          if (inner >= 0) this.bind(scope, this.text(inner), 0, { k: "unknown", text: this.text(param) });
          index++;
          continue;
        }
        default:
          continue;
      }
      if (nameNode < 0) continue;
      const typeNode = this.field(param, "type");
      const defaultNode = this.field(param, "value");
      const value: BindingValue = { k: "param", index };
      const annotationNode = typeNode >= 0 && this.type(typeNode) === "type"
        ? this.firstNamed(typeNode)
        : typeNode;
      if (annotationNode >= 0) value.annotationExpr = this.expr(annotationNode);
      if (defaultNode >= 0) value.defaultValue = this.expr(defaultNode);
      this.bind(scope, this.text(nameNode), 0, value);
      index++;
    }
  }

  visitAssignment(node: N, scope: number): void {
    const left = this.field(node, "left");
    const right = this.field(node, "right");
    const type = this.field(node, "type");
    if (right >= 0) this.visit(right, scope);
    if (type >= 0) this.visit(type, scope);
    if (left < 0) return;
    if (type >= 0 && this.type(left) === "identifier" && this.scopes[scope].kind === "class") {
      // An annotated name of a class body: a field (a dataclass's constructor takes them in this order).
      const field: { name: string; annotation?: string; assigned?: true } = { name: this.text(left) };
      const annotation = annotationName(this.text(type));
      if (annotation !== undefined) field.annotation = annotation;
      if (right >= 0) field.assigned = true;
      (this.scopes[scope].declared ??= []).push(field);
    }
    // `x: int` declares without binding.
    if (right < 0) return;
    // `a = b = boto3.client("s3")`: the right side is itself an assignment.
    let value: N = right;
    while (this.type(value) === "assignment") {
      const innerLeft = this.field(value, "left");
      const innerRight = this.field(value, "right");
      if (innerLeft < 0 || innerRight < 0) break;
      value = innerRight;
    }
    this.bindTargets(left, scope, this.endIndex(node), value);
    this.referencesIn(value, scope);
  }

  /** Binds assignment targets; tuples on both sides pair up, anything else binds to `unknown` (`value` -1). */
  bindTargets(target: N, scope: number, at: number, value: N): void {
    switch (this.type(target)) {
      case "identifier":
        this.bind(
          scope,
          this.text(target),
          at,
          value >= 0
            ? { k: "expr", expr: this.expr(value) }
            : { k: "unknown", text: trimText(this.text(target)) },
        );
        return;
      case "pattern_list":
      case "tuple_pattern":
      case "list_pattern":
      case "tuple": // the target of `with f() as (a, b)` is written as an expression
      case "list": {
        const valueType = value >= 0 ? this.type(value) : "";
        const values = valueType === "expression_list" || valueType === "tuple" || valueType === "list"
          ? value
          : -1;
        const paired = values >= 0 && this.namedCount(values) === this.namedCount(target);
        if (!paired && value >= 0 && this.unpacksByPosition(target)) {
          // `s3, sqs = make_clients()`: each name is an item of what the value gives.
          const of = this.expr(value);
          let index = 0;
          for (let t = this.firstNamed(target); t >= 0; t = this.nextNamed(t)) {
            this.bind(scope, this.text(t), at, { k: "item", of, index: index++ });
          }
          return;
        }
        let v = paired ? this.firstNamed(values) : -1;
        for (let t = this.firstNamed(target); t >= 0; t = this.nextNamed(t)) {
          this.bindTargets(t, scope, at, v);
          if (v >= 0) v = this.nextNamed(v);
        }
        return;
      }
      case "parenthesized_expression": {
        const inner = this.firstNamed(target);
        if (inner >= 0) this.bindTargets(inner, scope, at, value);
        return;
      }
      case "attribute": {
        // `self.s3 = boto3.client("s3")` in a method: an attribute of every instance of the class.
        const object = this.field(target, "object");
        const attribute = this.field(target, "attribute");
        const selfName = this.#selfNames.get(scope);
        const owner = this.scopes[scope].parent;
        if (
          value >= 0 && object >= 0 && this.type(object) === "identifier" && attribute >= 0 &&
          selfName === this.text(object) && owner !== undefined
        ) {
          const name = this.text(attribute);
          const assigned = this.expr(value);
          (this.scopes[owner].attributes ??= []).push({ name, scope, at, value: assigned });
          // `self._cache: dict = {}`: its items may be a cache's (see the `subscript` case).
          if (isEmptyDict(assigned)) this.#emptyDicts.add(name);
        } else if (value >= 0 && object >= 0 && attribute >= 0 && this.isAppState(object)) {
          this.appState.push({ name: this.text(attribute), scope, at, value: this.expr(value) });
        } else if (
          value >= 0 && object >= 0 && attribute >= 0 && this.type(object) === "identifier" &&
          this.#localNames.has(this.text(object))
        ) {
          // `_local.s3 = boto3.client("s3")`: what a thread-local object holds (read wherever it is).
          const name = this.expr(object);
          if (name.k === "name") {
            this.localAttributes.push({
              name: this.text(attribute),
              scope,
              at,
              value: this.expr(value),
              object: name,
            });
          }
        }
        return;
      }
      case "subscript": {
        // `params["VersionId"] = v`: the dict bound to `params` may hold more keys than its display shows.
        const object = this.field(target, "value");
        if (object >= 0 && this.type(object) === "attribute") {
          return this.bindAttributeItem(object, scope, at, value);
        }
        if (object < 0 || this.type(object) !== "identifier") return;
        const name = this.text(object);
        this.markMutated(scope, name);
        // `_clients[endpoint] = boto3.client(...)`: what reading an item of a cache gives.
        if (value >= 0 && ITEM_VALUE_TYPES.has(this.type(value)) && this.#emptyDicts.has(name)) {
          (this.scopes[scope].items ??= []).push({ name, at, value: this.expr(value) });
        }
        return;
      }
      default:
        return;
    }
  }

  /**
   * `self._cache[name] = self.session.client(name)` in a method, `object` being `self._cache`: an item of a
   * cache held by the instance, kept as a plain name's (see the `subscript` case of `bindTargets`).
   */
  bindAttributeItem(object: N, scope: number, at: number, value: N): void {
    if (value < 0 || !ITEM_VALUE_TYPES.has(this.type(value))) return;
    const owner = this.field(object, "object");
    const attribute = this.field(object, "attribute");
    if (owner < 0 || attribute < 0 || this.type(owner) !== "identifier") return;
    if (this.#selfNames.get(scope) !== this.text(owner)) return;
    const name = this.text(attribute);
    if (!this.#emptyDicts.has(name)) return;
    const target = this.expr(object);
    if (target.k !== "attr") return;
    (this.scopes[scope].items ??= []).push({ name, at, value: this.expr(value), target });
  }

  /** Whether every target of unpacking `target` is a plain name (no `*rest`, no nesting, no attribute). */
  unpacksByPosition(target: N): boolean {
    for (let t = this.firstNamed(target); t >= 0; t = this.nextNamed(t)) {
      if (this.type(t) !== "identifier") return false;
    }
    return true;
  }

  visitImport(node: N, scope: number): void {
    for (let child = this.firstNamed(node); child >= 0; child = this.nextNamed(child)) {
      const type = this.type(child);
      if (type === "dotted_name") {
        const module = this.text(child);
        this.bind(scope, module.split(".")[0], this.endIndex(node), {
          k: "import",
          module: module.split(".")[0],
        });
      } else if (type === "aliased_import") {
        const nameNode = this.field(child, "name");
        const aliasNode = this.field(child, "alias");
        const name = nameNode >= 0 ? this.text(nameNode) : undefined;
        const alias = aliasNode >= 0 ? this.text(aliasNode) : undefined;
        if (name && alias) this.bind(scope, alias, this.endIndex(node), { k: "import", module: name });
      }
    }
  }

  visitImportFrom(node: N, scope: number): void {
    const moduleNode = this.field(node, "module_name");
    if (moduleNode < 0) return;
    let level = 0;
    let module = this.text(moduleNode);
    if (this.type(moduleNode) === "relative_import") {
      const prefix = this.namedOfType(moduleNode, "import_prefix");
      level = prefix >= 0 ? this.text(prefix).length : 0;
      const dotted = this.namedOfType(moduleNode, "dotted_name");
      module = dotted >= 0 ? this.text(dotted) : "";
    }
    const at = this.endIndex(node);
    for (let child = this.firstNamed(node); child >= 0; child = this.nextNamed(child)) {
      if (child === moduleNode) continue;
      const type = this.type(child);
      if (type === "wildcard_import") {
        this.bind(scope, "*", at, { k: "star", module, level });
      } else if (type === "dotted_name") {
        const name = this.text(child);
        this.bind(scope, name, at, { k: "from", module, level, name });
      } else if (type === "aliased_import") {
        const nameNode = this.field(child, "name");
        const aliasNode = this.field(child, "alias");
        const name = nameNode >= 0 ? this.text(nameNode) : undefined;
        const alias = aliasNode >= 0 ? this.text(aliasNode) : undefined;
        if (name && alias) this.bind(scope, alias, at, { k: "from", module, level, name });
      }
    }
  }

  markMutated(scope: number, name: string): void {
    const list = (this.scopes[scope].mutated ??= []);
    if (!list.includes(name)) list.push(name);
  }

  recordCall(node: N, scope: number): void {
    const callee = this.field(node, "function");
    const calleeType = callee >= 0 ? this.type(callee) : undefined;
    if (calleeType === "identifier") {
      if (this.omit?.has(this.text(callee))) return;
      const call = this.expr(node);
      if (call.k !== "call") return;
      this.calls.push({
        id: call.id,
        scope,
        at: this.startIndex(node),
        call,
        receiver: { k: "other", text: "" },
        method: this.text(callee),
        location: this.location(node),
        bare: true,
      });
      this.argumentReferences(node, call.id, scope);
      return;
    }
    if (calleeType !== "attribute") return;
    const object = this.field(callee, "object");
    const attribute = this.field(callee, "attribute");
    if (object < 0 || attribute < 0) return;
    const method = this.text(attribute);
    if (this.type(object) === "identifier" && MUTATING_METHODS.has(method)) {
      this.markMutated(scope, this.text(object));
    }
    if (this.omit?.has(method)) return;
    const call = this.expr(node);
    if (call.k !== "call") return;
    this.calls.push({
      id: call.id,
      scope,
      at: this.startIndex(node),
      call,
      receiver: this.expr(object),
      method,
      location: this.location(node),
    });
    this.argumentReferences(node, call.id, scope);
  }

  /** Records the methods passed uncalled to the call `node` (`Broadcaster(post=client.post_to_connection)`). */
  argumentReferences(node: N, callId: string, scope: number): void {
    const list = this.field(node, "arguments");
    if (list < 0 || this.type(list) !== "argument_list") return;
    // Positions as `args` numbers them: `*rest` takes one, `**options` and keywords none.
    let position = 0;
    for (let child = this.firstNamed(list); child >= 0; child = this.nextNamed(child)) {
      const type = this.type(child);
      if (type === "keyword_argument") {
        const value = this.field(child, "value");
        if (value >= 0) this.referencesIn(value, scope);
      } else if (type === "list_splat") position++;
      else if (type !== "comment" && type !== "dictionary_splat") {
        this.referencesIn(child, scope, { call: callId, position: position++ });
      }
    }
  }

  /**
   * Records the methods the value `node` holds uncalled: the value itself when it is an attribute
   * (`client.get_object`), the items of the dicts, lists, tuples and sets it builds (`{"get": s3.get_object}`),
   * and the alternatives it picks from (`a.x if c else a.y`, `a.x or a.y`). A call inside is left alone: its
   * own arguments are recorded with its site.
   */
  referencesIn(node: N, scope: number, argumentOf?: MethodReference["argumentOf"]): void {
    switch (this.type(node)) {
      case "attribute":
        return this.recordReference(node, scope, argumentOf);
      case "parenthesized_expression": {
        const inner = this.onlyValue(node);
        if (inner >= 0) this.referencesIn(inner, scope, argumentOf);
        return;
      }
      case "dictionary":
        for (let pair = this.firstNamed(node); pair >= 0; pair = this.nextNamed(pair)) {
          const value = this.type(pair) === "pair" ? this.field(pair, "value") : -1;
          if (value >= 0) this.referencesIn(value, scope);
        }
        return;
      case "list":
      case "tuple":
      case "set":
      case "expression_list":
        for (let item = this.firstNamed(node); item >= 0; item = this.nextNamed(item)) {
          this.referencesIn(item, scope);
        }
        return;
      case "conditional_expression": {
        // `then if condition else otherwise`: the condition is no value the expression gives.
        const then = this.firstValue(node);
        const condition = then >= 0 ? this.nextValue(then) : -1;
        const otherwise = condition >= 0 ? this.nextValue(condition) : -1;
        if (then >= 0) this.referencesIn(then, scope);
        if (otherwise >= 0) this.referencesIn(otherwise, scope);
        return;
      }
      case "boolean_operator": {
        const left = this.field(node, "left");
        if (left >= 0) this.referencesIn(left, scope);
        const right = this.field(node, "right");
        if (right >= 0) this.referencesIn(right, scope);
        return;
      }
      default:
        return;
    }
  }

  /** Records the attribute `node` as a method reference, unless it cannot be an SDK method. */
  recordReference(node: N, scope: number, argumentOf: MethodReference["argumentOf"]): void {
    const object = this.field(node, "object");
    const attribute = this.field(node, "attribute");
    if (object < 0 || attribute < 0) return;
    // boto3 methods are lower snake_case (no `_private`, `__dunder__` or `CONSTANT`); and `self.x` in a method
    // is the project's own instance (its members are looked at in phase 2 anyway, but they are many).
    if (!SNAKE_CASE.test(this.text(attribute))) return;
    if (this.type(object) === "identifier" && this.#selfNames.get(scope) === this.text(object)) return;
    const expr = this.expr(node);
    if (expr.k !== "attr") return;
    const reference: MethodReference = {
      scope,
      at: this.startIndex(node),
      expr,
      location: this.location(node),
    };
    if (argumentOf) reference.argumentOf = argumentOf;
    this.references.push(reference);
  }

  /** Reduces an expression node to a {@linkcode PyExpr}. */
  expr(node: N): PyExpr {
    return this.#memo.expr(node) ?? this.#memo.setExpr(node, this.#expr(node));
  }

  #expr(node: N): PyExpr {
    const type = this.type(node);
    // Names and constants leave their text out (`exprText` gives it): they are a good part of the facts.
    if (type === "identifier") return { k: "name", name: this.text(node), at: this.startIndex(node) };
    const text = trimText(this.text(node));
    switch (type) {
      case "attribute": {
        const object = this.field(node, "object");
        const attribute = this.field(node, "attribute");
        if (object < 0 || attribute < 0) return { k: "other", text };
        return { k: "attr", object: this.expr(object), name: this.text(attribute), text };
      }
      case "call": {
        const callee = this.field(node, "function");
        const args = this.field(node, "arguments");
        if (callee < 0) return { k: "other", text };
        return {
          k: "call",
          id: `c${this.startIndex(node)}-${this.endIndex(node)}`,
          callee: this.expr(callee),
          args: args >= 0 && this.type(args) === "argument_list" ? this.args(args) : [],
          text,
        };
      }
      case "subscript": {
        const object = this.field(node, "value");
        const index = this.field(node, "subscript");
        if (object < 0 || index < 0) return { k: "other", text };
        const reduced: PyExpr = { k: "subscript", object: this.expr(object), index: this.expr(index), text };
        // Only `Annotated[T, metadata...]` is read past its first index: the rest would only grow the facts.
        if (this.isAnnotated(object)) {
          const rest = this.fieldsAfter(index, "subscript");
          if (rest.length) reduced.rest = this.exprs(rest);
        }
        return reduced;
      }
      case "string":
        return this.string(node, text);
      case "concatenated_string": {
        // Implicit concatenation: "a" f"{b}" → one f-string-like value.
        const parts: (string | PyExpr)[] = [];
        let plain = true;
        for (let piece = this.firstNamed(node); piece >= 0; piece = this.nextNamed(piece)) {
          const value = this.string(piece, this.text(piece));
          if (value.k === "str") parts.push(value.value);
          else if (value.k === "fstr") {
            for (const part of value.parts) {
              parts.push(part);
              if (typeof part !== "string") plain = false;
            }
          } else return { k: "other", text };
        }
        return plain ? { k: "str", value: parts.join(""), text } : { k: "fstr", parts, text };
      }
      case "integer":
      case "float": {
        const value = Number(this.text(node).replace(/_/g, ""));
        return Number.isFinite(value) ? { k: "num", value, text } : { k: "other", text };
      }
      case "true":
        return { k: "const", value: true };
      case "false":
        return { k: "const", value: false };
      case "none":
        return { k: "const", value: null };
      case "boolean_operator": // `table or make_table()`: op "or" / "and", evaluated by the tracker
      case "binary_operator": {
        const left = this.field(node, "left");
        const right = this.field(node, "right");
        const opNode = this.field(node, "operator");
        const op = opNode >= 0 ? this.text(opNode) : undefined;
        if (left < 0 || right < 0 || !op) return { k: "other", text };
        return { k: "binop", op, left: this.expr(left), right: this.expr(right), text };
      }
      case "parenthesized_expression": {
        const inner = this.onlyValue(node);
        return inner >= 0 ? this.expr(inner) : { k: "other", text };
      }
      case "type": {
        const inner = this.firstNamed(node);
        return inner >= 0 ? this.expr(inner) : { k: "other", text };
      }
      case "generic_type": {
        // `Optional[S3Client]` in a type hint: read like a subscript of its first type parameter.
        const name = this.namedOfType(node, "identifier");
        const params = this.namedOfType(node, "type_parameter");
        const first = params >= 0 ? this.firstNamed(params) : -1;
        if (name < 0 || first < 0) return { k: "other", text };
        const reduced: PyExpr = { k: "subscript", object: this.expr(name), index: this.expr(first), text };
        if (this.isAnnotated(name)) {
          const rest: N[] = [];
          for (let c = this.nextValue(first); c >= 0; c = this.nextValue(c)) rest.push(c);
          if (rest.length) reduced.rest = this.exprs(rest);
        }
        return reduced;
      }
      case "list":
      case "tuple":
      case "expression_list": // `return s3, sqs`, `yield s3, sqs`: a tuple
      case "set": {
        for (let c = this.firstValue(node); c >= 0; c = this.nextValue(c)) {
          if (!SEQUENCE_ITEM_TYPES.has(this.type(c))) return { k: "other", text };
        }
        const items: PyExpr[] = [];
        for (let c = this.firstValue(node); c >= 0; c = this.nextValue(c)) items.push(this.expr(c));
        return { k: "seq", items, text };
      }
      case "dictionary_comprehension":
      case "list_comprehension":
      case "set_comprehension":
      case "generator_expression":
        return this.comprehension(node, text);
      case "dictionary": {
        const entries: { key?: PyExpr; value: PyExpr }[] = [];
        for (let child = this.firstNamed(node); child >= 0; child = this.nextNamed(child)) {
          const type = this.type(child);
          if (type === "comment") continue;
          if (type === "pair") {
            const key = this.field(child, "key");
            const value = this.field(child, "value");
            if (key >= 0 && value >= 0) entries.push({ key: this.expr(key), value: this.expr(value) });
          } else if (type === "dictionary_splat") {
            const inner = this.firstNamed(child);
            entries.push({
              value: inner >= 0 ? this.expr(inner) : { k: "other", text: trimText(this.text(child)) },
            });
          } else return { k: "other", text };
        }
        return { k: "dict", entries, text };
      }
      case "await": {
        const inner = this.firstNamed(node);
        return inner >= 0 ? this.expr(inner) : { k: "other", text };
      }
      case "lambda": {
        const body = this.field(node, "body");
        if (body < 0) return { k: "other", text };
        // Its body is what it returns (`Scope.returns`), as a factory function's `return` is.
        const scope = this.lambdaScope(node);
        this.scopes[scope].returns = [this.expr(body)];
        return { k: "lambda", scope, text };
      }
      default:
        return { k: "other", text };
    }
  }

  /** {@linkcode Collector.expr} of each node, in order. */
  exprs(nodes: readonly N[]): PyExpr[] {
    const out: PyExpr[] = [];
    for (const node of nodes) out.push(this.expr(node));
    return out;
  }

  /** A comprehension as an expression (see `PyExpr` `comp`). */
  comprehension(node: N, text: string): PyExpr {
    const scope = this.compScope(node);
    const body = this.firstValue(node);
    let clauses = 0;
    let clause: N = -1;
    for (let c = body; c >= 0; c = this.nextValue(c)) {
      if (this.type(c) !== "for_in_clause") continue;
      if (clauses++ === 0) clause = c;
    }
    if (body < 0 || clauses === 0) return { k: "other", text };
    const type = this.type(node);
    const kind = type === "dictionary_comprehension"
      ? "dict"
      : type === "list_comprehension"
      ? "list"
      : type === "set_comprehension"
      ? "set"
      : "generator";
    const left = clauses === 1 ? this.firstNamed(clause) : -1;
    const target = left >= 0 && this.type(left) === "identifier" ? this.text(left) : undefined;
    if (kind !== "dict") {
      const comp: PyExpr = { k: "comp", kind, scope, value: this.expr(body), text };
      if (target !== undefined) comp.target = target;
      return comp;
    }
    const key = this.type(body) === "pair" ? this.field(body, "key") : -1;
    const value = this.type(body) === "pair" ? this.field(body, "value") : -1;
    if (key < 0 || value < 0) return { k: "other", text };
    const comp: PyExpr = { k: "comp", kind, scope, key: this.expr(key), value: this.expr(value), text };
    if (target !== undefined) comp.target = target;
    return comp;
  }

  /** A string literal; f-strings keep their interpolations as expressions. Escapes are kept as written. */
  string(node: N, text: string): PyExpr {
    if (this.type(node) !== "string") return { k: "other", text: trimText(text) };
    if (!this.isFString(node)) {
      // A plain string's children were not collected: its value is the source between the quotes (the text of
      // its `string_content` children, escapes as written).
      const source = this.source;
      let i = this.#start[node];
      while (i < source.length && source.charCodeAt(i) !== 34 && source.charCodeAt(i) !== 39) i++;
      const end = this.#end[node];
      const quote = source[i];
      const q = end - i >= 6 && source.startsWith(quote + quote + quote, i) ? 3 : 1;
      return { k: "str", value: source.slice(i + q, Math.max(i + q, end - q)), text: trimText(text) };
    }
    const startNode = this.namedOfType(node, "string_start");
    const start = startNode >= 0 ? this.text(startNode) : "";
    const isF = /f/i.test(start);
    const parts: (string | PyExpr)[] = [];
    let plain = true;
    for (let child = this.firstNamed(node); child >= 0; child = this.nextNamed(child)) {
      const type = this.type(child);
      if (type === "string_content") parts.push(this.text(child));
      else if (type === "interpolation") {
        const inner = this.field(child, "expression");
        parts.push(inner >= 0 ? this.expr(inner) : { k: "other", text: this.text(child) });
        plain = false;
      }
    }
    const trimmed = trimText(text);
    if (!isF || plain) {
      let value = "";
      for (const part of parts) if (typeof part === "string") value += part;
      return { k: "str", value, text: trimmed };
    }
    return { k: "fstr", parts, text: trimmed };
  }

  args(list: N): PyArg[] {
    const out: PyArg[] = [];
    let position = 0;
    for (let child = this.firstNamed(list); child >= 0; child = this.nextNamed(child)) {
      const type = this.type(child);
      if (type === "comment") continue;
      if (type === "keyword_argument") {
        const nameNode = this.field(child, "name");
        const name = nameNode >= 0 ? this.text(nameNode) : undefined;
        const value = this.field(child, "value");
        if (name && value >= 0) out.push({ name, value: this.expr(value) });
      } else if (type === "dictionary_splat") {
        // Keep the splatted expression (not just its text): `**params` may name a dict display to expand.
        const inner = this.firstNamed(child);
        out.push({
          splat: "dict",
          value: inner >= 0 ? this.expr(inner) : { k: "other", text: trimText(this.text(child)) },
        });
      } else if (type === "list_splat") {
        out.push({
          splat: "list",
          position: position++,
          value: { k: "other", text: trimText(this.text(child)) },
        });
      } else {
        out.push({ position: position++, value: this.expr(child) });
      }
    }
    return out;
  }
}

/** `@contextmanager` and `@asynccontextmanager`, bare or as attributes of `contextlib`, as phase 1 reads them. */
function isContextManagerDecorator(decorator: string): boolean {
  return /^@\s*(?:contextlib\s*\.\s*)?(?:async)?contextmanager$/.test(decorator);
}
