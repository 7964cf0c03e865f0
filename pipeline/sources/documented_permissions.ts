/**
 * Documented permissions: IAM actions an operation's botocore `documentation` names in an explicit permission
 * statement ("This operation requires permission for the <code>lambda:InvokeFunction</code> action.").
 * The botocore ingestion (sources/botocore.ts) runs {@linkcode documentedPermissions} on every operation and
 * stages what it finds in `staging_doc_actions`; the resolver uses it as the lowest-precedence source
 * `botocore-docs`, only for operations no other source maps.
 *
 * The grammar is deliberately strict: a missed statement leaves an operation unmapped (and reported), a wrong
 * one puts an action in a policy. The HTML is reduced to blocks (paragraphs, list items) of plain text, each
 * block is cut into sentences, and a sentence counts only when, whole, it is
 *
 *     [Specifically, | Note that] [LEAD-IN,] FORM [TAIL] [.]
 *
 * - LEAD-IN: one clause starting with "To", "In order to" or "When invoking" that names this operation ("To
 *   use this operation,", "To create a PutBucketReplication request,", "When invoking this operation in a
 *   Neptune cluster ...,"), or "For IAM authorization,". A clause naming anything else ("To delete a data
 *   protection policy,", "For directory buckets,") narrows the statement to some requests: not taken.
 * - FORM: one of {@linkcode SENTENCE_FORMS}, with the actions in its slot ("A", "A and B", "A, B, and C").
 * - TAIL: only where the permission is granted ("in an IAM identity-based policy", "in that cluster", "to use
 *   this operation", ...); a purpose ("to create a table with tags"), an alternative ("or READ_ACP access")
 *   or another resource ("for the S3 bucket where you store the report") rejects the sentence.
 *
 * A list form ({@linkcode LIST_FORMS}) is such a sentence ending in ":", last in its paragraph, directly
 * followed by a list whose every item is exactly one action.
 *
 * Not taken, by construction: a paragraph or sentence opening with "If" or with a label ("Directory bucket
 * permissions - ", "s3:DeleteObjectVersion - "), which scopes it to some requests; "one of the following"
 * (alternatives that depend on the request) and "also"/"additional" permissions (extras whose scope the text
 * leaves open), which no form allows; anything said of someone other than the caller ("Its key policy must
 * grant the service principal ...", "The calling principal must have kms:Decrypt permission on the key");
 * an action merely mentioned ("see X", "deny access to the X action"). An action is `prefix:Name`: a
 * condition key (`securityhub:OCSFSyntaxPath/<field>`, `neptune-db:QueryLanguage:Gremlin`) or a wildcard
 * (`kms:ReEncrypt*`) is not one. The resolver drops any action the Service Authorization Reference lacks.
 *
 * @module
 */

/** One explicit permission statement found in an operation's documentation. */
export interface DocumentedStatement {
  /** Which form of the grammar matched (a {@linkcode SENTENCE_FORMS} or {@linkcode LIST_FORMS} name). */
  form: string;
  /** The actions as written (`prefix:Name`), in order of appearance, without duplicates. */
  actions: string[];
  /** The statement as plain text (a list's items joined with ", "), quoted in `source_detail`. */
  sentence: string;
}

/**
 * An IAM action as written: `prefix:Name`, the prefix in any case (`KinesisVideo:DeleteStream`: IAM compares
 * actions case-insensitively); a repeated lower-case prefix (`neptune-db:neptune-db:X`, a typo) is kept so the
 * resolver reports it. Neither a condition key (`neptune-db:QueryLanguage:Gremlin`, `securityhub:OCSFSyntaxPath/x`)
 * nor a wildcard (`kms:ReEncrypt*`) matches.
 */
const ACTION = String
  .raw`(?<![\w:/.-])[A-Za-z][A-Za-z0-9-]*(?::[a-z][a-z0-9-]*)*:[A-Za-z][A-Za-z0-9]*(?![\w:/*-])`;
/** One or more actions: `A`, `A and B`, `A, B, and the C`. */
const ACTIONS = String.raw`${ACTION}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?${ACTION})*`;
/** Who must hold the permission: the caller of this operation (never a service principal or a key policy). */
const SUBJECT = String
  .raw`(?:you|the IAM principal(?: invoking this operation)?|the IAM user or role making the request)`;
/**
 * What may follow a sentence form: only phrases that say where the permission is granted, never a purpose
 * ("to create a table with tags"), an alternative ("or READ_ACP access") or another resource ("for the S3
 * bucket where you want to store the report", "in addition to ...").
 */
const TAIL = String.raw`(?:\s+(?:in an IAM identity-based policy(?: instead of a bucket policy)?` +
  String
    .raw`|in a bucket policy or an IAM identity-based policy|in the Action element of (?:a|an IAM) policy(?: statement)?` +
  String
    .raw`|in that cluster|on the specific trail|on the specified bucket(?: in a policy)?|for the (?:specified )?bucket` +
  String.raw`|to use this (?:API )?operation|to perform this (?:action|operation)))*\s*\.?`;

/**
 * A form matching a whole sentence body. Case-sensitive, so that the action slot keeps its meaning (under a
 * case-insensitive match `[a-z]` would take `QueryLanguage` for a prefix); the body's first letter is
 * lower-cased before matching, so forms are written in lower case ("you must", "this operation").
 */
function form(name: string, core: string, end: string): { name: string; pattern: RegExp } {
  return { name, pattern: new RegExp(`^${core}${end}$`) };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Sentence forms. Each matches a whole sentence (after an accepted lead-in, see {@linkcode documentedPermissions}),
 * with the actions in its slot `A` and nothing after it but a {@linkcode TAIL} phrase.
 * - `requires-permission-for`: "This operation requires permission(s) for/to perform the A action(s)."
 * - `must-have-permission-to-perform`: "You must have (the) permission(s) to perform the A action(s)."
 * - `must-have-permission`: "You must have (the) A permission(s)", "The IAM principal invoking this operation
 *   must have the A permission."
 * - `policy-attached-that-allows`: "the IAM user or role making the request must have a policy attached that
 *   allows the A IAM action"
 * - `must-have-action-attached`: "the IAM user or role making the request must have the A IAM action attached."
 * - `include-the-permission`: "include the permission A in your/their (IAM) policies."
 * - `required-permissions`: "Required permissions: A(, B)."
 * - `the-iam-action-is`: "The IAM action is A." / "the public IAM action associated with this API is A."
 * - `permissions-derived-from`: "The IAM permissions are derived from the A action."
 * - `grant-permission-to-bucket`: "you grant (the) A permission to the (directory) bucket in a bucket policy
 *   or an IAM identity-based policy." (S3 directory buckets, authorized by session)
 */
export const SENTENCE_FORMS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  form(
    "requires-permission-for",
    String
      .raw`(?:this|the) (?:API )?(?:operation|action|API) requires permissions? (?:for|to perform) the (${ACTIONS}) (?:IAM )?actions?`,
    TAIL,
  ),
  form(
    "must-have-permission-to-perform",
    String.raw`${SUBJECT} must have (?:the )?permissions? to perform the (${ACTIONS}) (?:IAM )?actions?`,
    TAIL,
  ),
  form("must-have-permission", String.raw`${SUBJECT} must have (?:the )?(${ACTIONS}) permissions?`, TAIL),
  form(
    "policy-attached-that-allows",
    String.raw`${SUBJECT} must have a policy attached that (?:allows|enables) the (${ACTIONS}) IAM actions?`,
    TAIL,
  ),
  form(
    "must-have-action-attached",
    String.raw`${SUBJECT} must have the (${ACTIONS}) IAM actions? attached`,
    TAIL,
  ),
  form(
    "include-the-permission",
    String.raw`include the permissions? (${ACTIONS}) in (?:your|their) (?:IAM )?policies`,
    TAIL,
  ),
  form("required-permissions", String.raw`required permissions: (${ACTIONS})`, TAIL),
  form(
    "the-iam-action-is",
    String.raw`the (?:public )?IAM action (?:associated with this (?:API|operation) )?is (${ACTIONS})`,
    TAIL,
  ),
  form(
    "permissions-derived-from",
    String.raw`the IAM permissions are derived from the (${ACTIONS}) actions?`,
    TAIL,
  ),
  form(
    "grant-permission-to-bucket",
    String.raw`you grant (?:the )?(${ACTIONS}) permission to (?:a|the) (?:directory )?bucket`,
    TAIL,
  ),
];

/**
 * List forms: a sentence ending in ":" (the last of its paragraph) whose next paragraphs are the items of
 * one list, each item exactly one action.
 * - `requires-the-following`: "This API operation requires the following IAM permissions:"
 * - `must-have-the-following`: "you must have the following (IAM) permissions:"
 * - `needs-permissions-for-the-following`: "the IAM principal needs permissions for the following IAM actions:"
 * - `must-allow-the-following`: "you must allow the following two actions in the IAM policy statement's
 *   Action element:"
 */
export const LIST_FORMS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  form(
    "requires-the-following",
    String
      .raw`(?:this|the) (?:API )?(?:operation|action|API) requires the following (?:IAM )?(?:permissions|actions)`,
    ":",
  ),
  form(
    "must-have-the-following",
    String.raw`${SUBJECT} must have the following (?:IAM )?(?:permissions|actions)`,
    ":",
  ),
  form(
    "needs-permissions-for-the-following",
    String.raw`${SUBJECT} needs permissions for the following (?:IAM )?actions`,
    ":",
  ),
  form(
    "must-allow-the-following",
    String
      .raw`you must allow the following (?:two |three |four )?actions in the IAM policy statement's Action element`,
    ":",
  ),
];

/** A paragraph or sentence that states what only some requests need. */
const SCOPED = /^(?:If\b|[^,;]{1,80}? - )/;
const ADVERB = /^(?:Specifically|Note that),?\s+/i;
const LEAD_IN = /^((?:To|In order to|When invoking|For IAM authorization)\b[^,]*),\s+/i;
const ACTION_RE = new RegExp(ACTION, "g");
const ANY_ACTION_RE = new RegExp(ACTION);
const SINGLE_ACTION_RE = new RegExp(String.raw`^(${ACTION})\.?$`);

/** A paragraph of plain text, with its list nesting depth and whether it opens a list item. */
interface Block {
  text: string;
  depth: number;
  itemStart: boolean;
}

/** Tags that separate blocks of text; other tags (code, a, b, i) are inline and dropped. */
const BLOCK_TAGS = new Set([
  "p",
  "li",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "note",
  "important",
  "br",
  "div",
  "h1",
  "h2",
  "h3",
  "h4",
  "pre",
  "table",
  "tr",
  "td",
  "th",
]);

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", nbsp: " " };

function decode(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (all, name: string) => {
    if (name[0] === "#") {
      const code = /^#x/i.test(name) ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

/** Splits botocore documentation HTML into blocks of whitespace-collapsed plain text. */
function blocks(html: string): Block[] {
  const out: Block[] = [];
  let depth = 0;
  let pendingItem = false;
  let buffer = "";
  const flush = () => {
    const text = decode(buffer).replace(/\s+/g, " ").trim();
    buffer = "";
    if (!text) return;
    out.push({ text, depth, itemStart: pendingItem });
    pendingItem = false;
  };
  let last = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)) {
    buffer += html.slice(last, m.index);
    last = m.index + m[0].length;
    const name = m[2].toLowerCase();
    if (!BLOCK_TAGS.has(name)) continue;
    flush();
    const closing = m[1] === "/";
    if (name === "ul" || name === "ol") depth = Math.max(0, depth + (closing ? -1 : 1));
    if (name === "li" && !closing) pendingItem = true;
  }
  buffer += html.slice(last);
  flush();
  return out;
}

/** Sentences of a block: cut after ".", "!" or "?" followed by a space and a capital letter. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z])/).map((s) => s.trim()).filter((s) => s.length > 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The sentence without its accepted lead-in, or undefined when the lead-in narrows the statement. Accepted:
 * "Specifically," / "Note that"; then at most one clause up to the first comma starting with "To", "In order
 * to" or "When invoking" that names this operation ("To use this operation,", "To create a PutBucketReplication
 * request,", "When invoking this operation in a Neptune cluster ...,"), or "For IAM authorization,". A clause
 * naming something else ("To delete a data protection policy,", "For directory buckets,") is a condition.
 */
function body(sentence: string, thisOperation: RegExp): string | undefined {
  const rest = sentence.replace(ADVERB, "");
  const m = rest.match(LEAD_IN);
  if (!m) return rest;
  const clause = m[1];
  return /^For IAM authorization$/i.test(clause) || thisOperation.test(clause)
    ? rest.slice(m[0].length)
    : undefined;
}

/**
 * The explicit permission statements of one operation's documentation (HTML as in the botocore model), in
 * order of appearance. `operation` is the operation's name (`PutBucketReplication`), which a lead-in clause
 * may use instead of "this operation". Pure: the resolver checks the actions against IAM.
 */
export function documentedPermissions(documentation: string, operation: string): DocumentedStatement[] {
  const thisOperation = new RegExp(
    String.raw`\b(?:this (?:API )?operation|this API|this command|${escapeRegExp(operation)})\b`,
    "i",
  );
  const found: DocumentedStatement[] = [];
  // Every form names an action: most documentation has none, and needs no parsing (the build reads 7 MB).
  if (!ANY_ACTION_RE.test(documentation)) return found;
  const list = blocks(documentation);
  list.forEach((block, index) => {
    const parts = sentences(block.text);
    // A paragraph that opens with "If ..." or with a label ("Directory bucket permissions - ") is scoped.
    if (parts.length === 0 || SCOPED.test(parts[0])) return;
    for (const sentence of parts) {
      if (!sentence.includes(":") || SCOPED.test(sentence)) continue;
      const rest = body(sentence, thisOperation);
      if (rest === undefined) continue;
      const text = lowerFirst(rest);
      const match = SENTENCE_FORMS.map((f) => ({ f, m: text.match(f.pattern) })).find((x) => x.m);
      if (match) {
        found.push({
          form: match.f.name,
          actions: [...new Set(match.m![1].match(ACTION_RE) ?? [])],
          sentence,
        });
      }
    }
    const intro = parts[parts.length - 1];
    if (SCOPED.test(intro)) return;
    const rest = body(intro, thisOperation);
    const listForm = rest === undefined
      ? undefined
      : LIST_FORMS.find((f) => f.pattern.test(lowerFirst(rest)));
    const items = listForm ? listItems(list, index) : undefined;
    if (listForm && items) {
      found.push({
        form: listForm.name,
        actions: [...new Set(items)],
        sentence: `${intro} ${items.join(", ")}`,
      });
    }
  });
  return found;
}

/**
 * The actions of the list right after block `index`: every following block one level deeper must open a
 * list item holding exactly one action; anything else (prose, a note, a nested list) gives undefined, so the
 * list is not taken at all.
 */
function listItems(list: Block[], index: number): string[] | undefined {
  const depth = list[index].depth;
  const items: string[] = [];
  for (let i = index + 1; i < list.length && list[i].depth > depth; i++) {
    const block = list[i];
    const m = block.text.match(SINGLE_ACTION_RE);
    if (block.depth !== depth + 1 || !block.itemStart || !m) return undefined;
    items.push(m[1]);
  }
  return items.length > 0 ? items : undefined;
}

/** The botocore-docs source name written to `operation_actions.source`. */
export const DOCUMENTED_PERMISSIONS_SOURCE = "botocore-docs";

/**
 * A `staging_doc_actions` row: one action a statement of the operation's documentation names. (A type, not an
 * interface, so that it is a pipeline `Row` for insertRows.)
 */
export type DocumentedPermissionRow = {
  service: string;
  operation: string;
  /** Order within the operation (order of appearance in the documentation). */
  seq: number;
  /** The action as written; the resolver canonicalizes it or drops it when IAM does not define it. */
  action: string;
  /** `botocore documentation of <service>.<Operation>: "<the statement>"`, for `source_detail`. */
  detail: string;
};

/**
 * `staging_doc_actions` rows for one operation: every action of its statements, once (the first statement
 * naming it is quoted), in order of appearance. Empty when the documentation states no permission.
 */
export function documentedPermissionRows(
  service: string,
  operation: string,
  documentation: unknown,
): DocumentedPermissionRow[] {
  if (typeof documentation !== "string" || documentation.length === 0) return [];
  const rows: DocumentedPermissionRow[] = [];
  const seen = new Set<string>();
  for (const statement of documentedPermissions(documentation, operation)) {
    for (const action of statement.actions) {
      // IAM action names are case-insensitive: MediaStore:GetCorsPolicy and mediastore:GetCorsPolicy are one.
      if (seen.has(action.toLowerCase())) continue;
      seen.add(action.toLowerCase());
      rows.push({
        service,
        operation,
        seq: rows.length,
        action,
        detail: `botocore documentation of ${service}.${operation}: "${statement.sentence}"`,
      });
    }
  }
  return rows;
}
