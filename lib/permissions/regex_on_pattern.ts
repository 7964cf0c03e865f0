/**
 * A resource template's `%%regex%${Member}%/re/flags%%` applied to a **pattern** value (`orders-inbox/in/*`,
 * each `*` standing for any text, `/` and `?` included), when the result provably covers what the regex gives
 * for every concrete value the pattern stands for.
 *
 * Why not just run the regex on the pattern text: a regex reads characters, and what it reads where the pattern
 * has a `*` is not what it would read in a real value. `^(?:.+\/)?(.+)$` gives `orders-*` for the pattern
 * `orders-*`, but `orders-a/b` (which the pattern stands for) gives `b`; `^([^/]+)\/` gives `orders-*` for
 * `orders-*\/k` and `orders-a` for `orders-a/b/k` (covered), but the key regex `^[^/]+\/(.+)` gives `k` for the
 * pattern and `b/k` for that value (not covered). Rules stated on the value alone ("nothing before the capture
 * is a wildcard") miss the first kind: a greedy prefix reaches into the wildcard on real values.
 *
 * So the regex is run here by a small backtracking matcher with ECMAScript's semantics that records every input
 * index it reads (a character test, or the test for the end of the input) on any path, failed ones included.
 * Let `w` be the index of the pattern's first `*`; every concrete value has the pattern's first `w` characters.
 *
 * - **(A) Only the literal prefix was read** (every read index `< w`): a backtracking matcher is a deterministic
 *   function of what its reads return, and every concrete value returns the same for indexes `< w`, so every
 *   concrete value gives the same match; its capture consists of read characters, so it is literal text. The
 *   result is that text (or no match at all, for every value alike).
 * - **(B) The capture runs into the wildcard at the very end of the regex**: the regex is one alternative
 *   whose last term is capture group 1, a greedy unbounded repetition of one character matcher (`([^?]+)`,
 *   `(.*)`), and every read up to the moment the successful path last entered the group was `< w`, at an index
 *   `s < w`. Then every concrete value enters the group the same way at `s` (same reads as in (A)); the
 *   repetition takes a maximal run of matching characters and the match ends there (nothing follows it, so it
 *   never backtracks and cannot fail: the characters from `s` to `w` are literal and matched on the pattern).
 *   The concrete capture therefore starts with `pattern[s..w)`, and `pattern[s..w)*` covers it. The text after
 *   the first `*` is not kept: the run may stop inside the wildcard (at a `?`, say), so `*.json` could miss it.
 *
 * Anything else (a read into the wildcard before the capture, a capture that is not last, a regex construct
 * the matcher does not implement, a flag other than `g`) gives `undefined`, as a regex that does not match:
 * the caller's placeholder stays a wildcard. For example, with the CopySource templates of s3 CopyObject:
 *
 * | pattern | `^\/?(?!arn:)([^\/]+)\/` (bucket) | `^\/?(?!arn:)[^\/]+\/([^?]+)` (key) |
 * | --- | --- | --- |
 * | `orders-inbox/in/*` | `orders-inbox` (A) | `in/*` (B) |
 * | `orders-inbox/*` | `orders-inbox` (A) | none: capture starts at the `*` |
 * | `orders-*\/k`, `*\/key`, `*\/*` | none: `[^\/]+` reads the `*` | none: read before the capture |
 * | `arn:aws:s3:…/*` | none (no match, (A)) | none (no match, (A)) |
 *
 * @module
 */

/** A parsed regex node (non-capturing groups are inlined). */
type Node =
  | { k: "char"; test: (c: string) => boolean }
  | { k: "seq"; items: Node[] }
  | { k: "alt"; alts: Node[] }
  | { k: "group"; index: number; body: Node }
  | { k: "look"; negative: boolean; body: Node }
  | { k: "bol" }
  | { k: "eol" }
  | { k: "repeat"; body: Node; min: number; max: number; greedy: boolean; groups: number[] };

/** A parsed regex and whether its shape allows rule (B) (see the module doc). */
interface Parsed {
  root: Node;
  groupCount: number;
  tailCapture: boolean;
}

/** Capture spans by group index (index 0 unused). */
type Captures = readonly (readonly [number, number] | undefined)[];

/** Where a path of the matcher is. */
interface MatchState {
  pos: number;
  caps: Captures;
  /** The matcher's highest read index when this path last entered group 1 (-1 before). */
  entryRead: number;
}

/** Longest value analysed: deeper inputs would nest continuations too deeply. */
const MAX_INPUT = 1024;
/** Matcher steps before giving up (a regex can backtrack exponentially). */
const MAX_STEPS = 100_000;

/** Parsed regexes by `flags/source`; `null` when not supported. */
const parsedCache = new Map<string, Parsed | null>();

/**
 * What `new RegExp(source, flags)` captures (group 1, else the whole match) for every concrete value the
 * pattern `value` stands for, as a glob covering each of them; undefined when that cannot be shown (see the
 * module doc) or when no value matches. A value without `*` is matched as it is.
 *
 * @example
 * ```ts
 * import { regexOnPattern } from "./regex_on_pattern.ts";
 * regexOnPattern("orders-inbox/in/*", "^\\/?(?!arn:)([^\\/]+)\\/", ""); // "orders-inbox"
 * regexOnPattern("orders-inbox/in/*", "^\\/?(?!arn:)[^\\/]+\\/([^?]+)", ""); // "in/*"
 * regexOnPattern("*\/key", "^\\/?(?!arn:)([^\\/]+)\\/", ""); // undefined
 * ```
 */
export function regexOnPattern(value: string, source: string, flags: string): string | undefined {
  const w = value.indexOf("*");
  if (w < 0) {
    let match: RegExpExecArray | null = null;
    try {
      match = new RegExp(source, flags.replaceAll("g", "")).exec(value);
    } catch {
      return undefined;
    }
    return match ? match[1] ?? match[0] : undefined;
  }
  if (value.length > MAX_INPUT) return undefined;
  const parsed = parseCached(source, flags.replaceAll("g", ""));
  if (!parsed) return undefined;
  const run = new Matcher(value, parsed.groupCount).search(parsed.root);
  if (!run || !run.state) return undefined;
  const { state, start, maxRead } = run;
  const group = state.caps[1];
  const [from, to] = group ?? [start, state.pos];
  if (maxRead < w) return value.slice(from, to); // (A)
  if (parsed.tailCapture && group && state.entryRead < w && from < w) return `${value.slice(from, w)}*`; // (B)
  return undefined;
}

function parseCached(source: string, flags: string): Parsed | null {
  const key = `${flags}/${source}`;
  let parsed = parsedCache.get(key);
  if (parsed === undefined) {
    parsed = flags === "" ? new Parser(source).parse() : null;
    parsedCache.set(key, parsed);
  }
  return parsed;
}

/** Thrown inside the parser for a construct it does not implement. */
class Unsupported extends Error {}

/**
 * A parser for the part of ECMAScript regex syntax (no `u`/`v` flag) that resource templates use: literals,
 * escapes, classes, `.`, groups, lookaheads, alternation, greedy and lazy quantifiers, `^`, `$`. Backreferences,
 * lookbehinds, named groups, word boundaries and the rarer escapes are refused.
 */
class Parser {
  readonly #src: string;
  #i = 0;
  #groups = 0;

  constructor(source: string) {
    this.#src = source;
  }

  parse(): Parsed | null {
    let root: Node;
    try {
      root = this.#disjunction();
      if (this.#i !== this.#src.length) return null;
    } catch (e) {
      if (e instanceof Unsupported) return null;
      throw e;
    }
    return { root, groupCount: this.#groups, tailCapture: isTailCapture(root) };
  }

  #disjunction(): Node {
    const alts = [this.#alternative()];
    while (this.#src[this.#i] === "|") {
      this.#i++;
      alts.push(this.#alternative());
    }
    return alts.length === 1 ? alts[0] : { k: "alt", alts };
  }

  #alternative(): Node {
    const items: Node[] = [];
    while (this.#i < this.#src.length && this.#src[this.#i] !== "|" && this.#src[this.#i] !== ")") {
      items.push(this.#term());
    }
    return { k: "seq", items };
  }

  #term(): Node {
    const src = this.#src;
    const c = src[this.#i];
    if (c === "^" || c === "$") {
      this.#i++;
      this.#noQuantifier();
      return { k: c === "^" ? "bol" : "eol" };
    }
    if (src.startsWith("(?=", this.#i) || src.startsWith("(?!", this.#i)) {
      const negative = src[this.#i + 2] === "!";
      this.#i += 3;
      const body = this.#disjunction();
      this.#expect(")");
      this.#noQuantifier();
      return { k: "look", negative, body };
    }
    const firstGroup = this.#groups + 1;
    const atom = this.#atom();
    return this.#quantified(atom, firstGroup);
  }

  #atom(): Node {
    const src = this.#src;
    const c = src[this.#i];
    if (src.startsWith("(?:", this.#i)) {
      this.#i += 3;
      const body = this.#disjunction();
      this.#expect(")");
      return body;
    }
    if (c === "(") {
      if (src[this.#i + 1] === "?") throw new Unsupported(); // lookbehind, named group
      this.#i++;
      const index = ++this.#groups;
      const body = this.#disjunction();
      this.#expect(")");
      return { k: "group", index, body };
    }
    if (c === "[") return this.#charClass();
    if (c === ".") {
      this.#i++;
      return { k: "char", test: (x) => !LINE_TERMINATORS.includes(x) };
    }
    if (c === "\\") return this.#escape();
    if ("*+?{}])".includes(c)) throw new Unsupported();
    this.#i++;
    return { k: "char", test: (x) => x === c };
  }

  /** `\d`, `\/`, `\n`, ... outside a class. */
  #escape(): Node {
    const d = this.#src[this.#i + 1];
    if (d === undefined) throw new Unsupported();
    this.#i += 2;
    if ("dDwWsS".includes(d)) {
      const re = new RegExp(`^\\${d}$`);
      return { k: "char", test: (x) => re.test(x) };
    }
    const control = CONTROL_ESCAPES[d];
    if (control !== undefined) return { k: "char", test: (x) => x === control };
    // Letters and digits are backreferences, boundaries or escapes not implemented here.
    if (/[A-Za-z0-9]/.test(d)) throw new Unsupported();
    return { k: "char", test: (x) => x === d };
  }

  /** `[...]`: its text is checked here and its meaning left to a native single-character regex. */
  #charClass(): Node {
    const src = this.#src;
    const from = this.#i;
    let i = from + 1;
    for (; i < src.length && src[i] !== "]"; i++) {
      if (src[i] !== "\\") continue;
      const d = src[i + 1];
      if (d === undefined) throw new Unsupported();
      if (/[A-Za-z0-9]/.test(d) && !"dDwWsSnrtvf".includes(d)) throw new Unsupported();
      i++;
    }
    if (i >= src.length) throw new Unsupported();
    this.#i = i + 1;
    const re = new RegExp(`^${src.slice(from, i + 1)}$`);
    return { k: "char", test: (x) => re.test(x) };
  }

  #quantified(atom: Node, firstGroup: number): Node {
    const src = this.#src;
    const c = src[this.#i];
    let min: number;
    let max: number;
    if (c === "*" || c === "+" || c === "?") {
      this.#i++;
      [min, max] = c === "*" ? [0, Infinity] : c === "+" ? [1, Infinity] : [0, 1];
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(this.#i));
      if (!m) throw new Unsupported();
      this.#i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      if (max < min) throw new Unsupported();
    } else {
      return atom;
    }
    const greedy = src[this.#i] !== "?";
    if (!greedy) this.#i++;
    const groups: number[] = [];
    for (let g = firstGroup; g <= this.#groups; g++) groups.push(g);
    return { k: "repeat", body: atom, min, max, greedy, groups };
  }

  #noQuantifier(): void {
    if ("*+?{".includes(this.#src[this.#i] ?? "")) throw new Unsupported();
  }

  #expect(c: string): void {
    if (this.#src[this.#i] !== c) throw new Unsupported();
    this.#i++;
  }
}

const LINE_TERMINATORS = "\n\r\u2028\u2029";
const CONTROL_ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", v: "\v", f: "\f" };

/** Rule (B)'s shape: one alternative ending with group 1 = a greedy unbounded repetition of one character. */
function isTailCapture(root: Node): boolean {
  if (root.k !== "seq") return false;
  const last = root.items[root.items.length - 1];
  if (last?.k !== "group" || last.index !== 1) return false;
  const body = last.body.k === "seq" && last.body.items.length === 1 ? last.body.items[0] : last.body;
  return body.k === "repeat" && body.greedy && body.max === Infinity && body.body.k === "char";
}

/**
 * A backtracking matcher with ECMAScript's semantics for the parsed subset (alternatives in order, greedy or
 * lazy repetition, an empty iteration ending a repetition once its minimum is met, captures of a repeated atom
 * cleared per iteration, lookaheads atomic), recording the highest input index any path reads.
 */
class Matcher {
  readonly #input: string;
  readonly #groupCount: number;
  #steps = 0;
  maxRead = -1;

  constructor(input: string, groupCount: number) {
    this.#input = input;
    this.#groupCount = groupCount;
  }

  /** The first match, as `RegExp.prototype.exec` finds it; undefined when the step budget ran out. */
  search(root: Node): { state: MatchState | null; start: number; maxRead: number } | undefined {
    const caps: Captures = new Array(this.#groupCount + 1).fill(undefined);
    try {
      for (let start = 0; start <= this.#input.length; start++) {
        // Trying a start position depends on the input reaching it.
        if (start > 0) this.#read(start);
        const state = this.#match(root, { pos: start, caps, entryRead: -1 }, (s) => s);
        if (state) return { state, start, maxRead: this.maxRead };
      }
    } catch (e) {
      if (e instanceof StepLimit || e instanceof RangeError) return undefined;
      throw e;
    }
    return { state: null, start: 0, maxRead: this.maxRead };
  }

  #read(index: number): void {
    if (index > this.maxRead) this.maxRead = index;
  }

  #match(node: Node, s: MatchState, k: (s: MatchState) => MatchState | null): MatchState | null {
    if (++this.#steps > MAX_STEPS) throw new StepLimit();
    const input = this.#input;
    switch (node.k) {
      case "char":
        this.#read(s.pos);
        return s.pos < input.length && node.test(input[s.pos]) ? k({ ...s, pos: s.pos + 1 }) : null;
      case "seq":
        return this.#sequence(node.items, 0, s, k);
      case "alt":
        for (const alt of node.alts) {
          const r = this.#match(alt, s, k);
          if (r) return r;
        }
        return null;
      case "group": {
        const entered = node.index === 1 ? { ...s, entryRead: this.maxRead } : s;
        return this.#match(node.body, entered, (t) => {
          const caps = [...t.caps];
          caps[node.index] = [s.pos, t.pos];
          return k({ ...t, caps });
        });
      }
      case "look": {
        const r = this.#match(node.body, s, (t) => t);
        if (node.negative) return r ? null : k(s);
        return r ? k({ ...s, caps: r.caps }) : null;
      }
      case "bol":
        return s.pos === 0 ? k(s) : null;
      case "eol":
        this.#read(s.pos);
        return s.pos === input.length ? k(s) : null;
      case "repeat":
        return this.#repeat(node, s, 0, k);
    }
  }

  #sequence(
    items: Node[],
    index: number,
    s: MatchState,
    k: (s: MatchState) => MatchState | null,
  ): MatchState | null {
    if (index === items.length) return k(s);
    return this.#match(items[index], s, (t) => this.#sequence(items, index + 1, t, k));
  }

  #repeat(
    node: Extract<Node, { k: "repeat" }>,
    s: MatchState,
    count: number,
    k: (s: MatchState) => MatchState | null,
  ): MatchState | null {
    if (count === node.max) return k(s);
    const iterate = (): MatchState | null => {
      let caps = s.caps;
      if (node.groups.length) {
        const cleared = [...caps];
        for (const g of node.groups) cleared[g] = undefined;
        caps = cleared;
      }
      return this.#match(node.body, { ...s, caps }, (t) => {
        if (count >= node.min && t.pos === s.pos) return null;
        return this.#repeat(node, t, count + 1, k);
      });
    };
    if (count < node.min) return iterate();
    if (node.greedy) return iterate() ?? k(s);
    return k(s) ?? iterate();
  }
}

/** Thrown when the matcher used up its step budget. */
class StepLimit extends Error {}
