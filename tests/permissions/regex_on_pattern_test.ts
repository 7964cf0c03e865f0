/**
 * Template regexes on pattern values (lib/permissions/regex_on_pattern.ts): the CopySource cases by hand, then
 * a check of the soundness claim itself against the native engine for every regex shape the knowledge base has.
 */
import assert from "node:assert/strict";
import { regexOnPattern } from "../../lib/permissions/regex_on_pattern.ts";

/** The s3 CopyObject templates of pipeline/curated/corrections.json. */
const BUCKET = String.raw`^\/?(?!arn:)([^\/]+)\/`;
const OBJECT = String.raw`^\/?(?!arn:)[^\/]+\/([^?]+)`;

Deno.test("regexOnPattern: CopySource patterns give the source bucket and key when every value agrees", () => {
  assert.equal(regexOnPattern("orders-inbox/in/*", BUCKET, "g"), "orders-inbox");
  assert.equal(regexOnPattern("orders-inbox/in/*", OBJECT, "g"), "in/*");
  assert.equal(regexOnPattern("/orders-inbox/in/*", BUCKET, "g"), "orders-inbox");
  assert.equal(regexOnPattern("orders-inbox/*", BUCKET, "g"), "orders-inbox");
  assert.equal(regexOnPattern("orders-inbox/in/*?versionId=*", OBJECT, "g"), "in/*");
  // A key known up to the version suffix: the key regex stops at the literal `?`, before any wildcard.
  assert.equal(regexOnPattern("orders-inbox/in/a.json?versionId=*", OBJECT, "g"), "in/a.json");
});

Deno.test("regexOnPattern: a capture running into a wildcard keeps only its literal start", () => {
  // `*` may hold a `?`, where the key regex stops: `in/*.json` would miss `in/x` of `orders-inbox/in/x?.json`.
  assert.equal(regexOnPattern("orders-inbox/in/*.json", OBJECT, "g"), "in/*");
  // The capture would start at the wildcard, which may be empty (no match at all): not covered.
  assert.equal(regexOnPattern("orders-inbox/*", OBJECT, "g"), undefined);
});

Deno.test("regexOnPattern: what the wildcard could change stays unknown", () => {
  for (const value of ["*/key", "*/*", "*", "orders-*/k", "ar*/k", "/*/k"]) {
    assert.equal(regexOnPattern(value, BUCKET, "g"), undefined, `bucket of ${value}`);
    assert.equal(regexOnPattern(value, OBJECT, "g"), undefined, `key of ${value}`);
  }
  // An access point ARN is not `bucket/key`: no match, for the pattern as for the literal.
  const arn = "arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/*";
  assert.equal(regexOnPattern(arn, BUCKET, "g"), undefined);
  assert.equal(regexOnPattern(arn, OBJECT, "g"), undefined);
});

Deno.test("regexOnPattern: a greedy prefix that could reach into the wildcard is refused", () => {
  // Naively `orders-*`; but `orders-a/b` gives `b`.
  assert.equal(regexOnPattern("orders-*", String.raw`^(?:.+\/)?(.+)$`, "g"), undefined);
  // Naively `queue-*`; but `.../123/queue-a/b` gives `b`.
  assert.equal(
    regexOnPattern("https://sqs.us-east-1.amazonaws.com/123/queue-*", String.raw`^.+\/(.+?)$`, "g"),
    undefined,
  );
  // Naively `fn-*`; but `fn-a:b:c` does not match at all.
  const lambda = String.raw`^(?:^arn\:aws\:.+function\:|^[0-9]{12}\:function\:)?([^:]+?)(?:\:[^:]+)?$`;
  assert.equal(regexOnPattern("fn-*", lambda, "g"), undefined);
});

Deno.test("regexOnPattern: literal values and unsupported regexes", () => {
  assert.equal(regexOnPattern("orders-inbox/in/a.json", OBJECT, "g"), "in/a.json");
  assert.equal(regexOnPattern("no-slash", BUCKET, "g"), undefined);
  // Backreferences, word boundaries, lookbehinds and other flags are not analysed.
  assert.equal(regexOnPattern("ab/*", String.raw`^(a)\1`, ""), undefined);
  assert.equal(regexOnPattern("ab/*", String.raw`^(\w+)\b`, ""), undefined);
  assert.equal(regexOnPattern("ab/*", String.raw`(?<=a)(b)`, ""), undefined);
  assert.equal(regexOnPattern("ab/*", String.raw`^(ab)\/`, "i"), undefined);
  assert.equal(regexOnPattern("ab/*", String.raw`^(ab)\/`, ""), "ab");
});

/** Every regex shape of the knowledge base's resource templates, plus a few more constructs. */
const REGEXES = [
  BUCKET,
  OBJECT,
  String.raw`^(?:arn:[^:]+:iam::[0-9]*:role\/)?(.+)$`,
  String.raw`^(?:.+\/)?(.+)$`,
  String.raw`^(?:.*\/)?([0-9a-f-]+)$`,
  String.raw`^(?:^arn\:aws\:.+function\:|^[0-9]{12}\:function\:)?([^:]+?)(?:\:[^:]+)?$`,
  String.raw`^.+\/(.+?)$`,
  String.raw`^\/(.+)$`,
  String.raw`^(?:p-)?(.+)$`,
  String.raw`\:(.+)$`,
  String.raw`^\/?(.+)\/?$`,
  String.raw`^([0-9]+)$`,
  String.raw`^(?:.+?\/)?(.+)$`,
  String.raw`^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$`,
  String.raw`^.+\/(.+?)\/.+$`,
  String.raw`^(vgw.+)$`,
  String.raw`\:([^:]+)$`,
  String.raw`(?:.*\/)?([^:]+)(?:\:[^:]+)?$`,
  String.raw`^arn:aws:s3-outposts:.+?:.+?:outpost\/(.+?)\/`,
  String.raw`^(.+)\|`,
  String.raw`^\/?(?!arn:)([^\/]+)\/(.*)`,
  String.raw`^(?:a\/x\/)?([^\/]+)`,
  String.raw`^([a-z]+)(?=\/)`,
  String.raw`^(?:(a)|b)+\/([^/]*)`,
  String.raw`^([^/]{2,4})`,
];

/** Pattern values: literal parts around wildcards, meant to hit the regexes above at their edges. */
const PATTERNS = [
  "orders-inbox/in/*",
  "orders-inbox/*",
  "/orders-inbox/*",
  "orders-*",
  "orders-*/k",
  "*/key",
  "ar*",
  "arn:aws:iam::123456789012:role/*",
  "arn:aws:lambda:us-east-1:123456789012:function:fn-*",
  "123456789012:function:*",
  "p-*",
  "vgw-*",
  "https://sqs.us-east-1.amazonaws.com/123/q-*",
  "a/x/*",
  "ab/*",
  "abc*",
  "a|*",
  "12*",
  "x:*",
  "x:y:*",
  "arn:aws:s3-outposts:us-east-1:123456789012:outpost/op-1/*",
  "b/*.json",
  "b/in/*.json",
  "b/in/*?versionId=*",
];

/** What `*` is replaced with: empty, separators the regexes stop at, and text that changes their path. */
const FILLERS = [
  "",
  "x",
  "*",
  "/",
  "?",
  ":",
  "|",
  "\n",
  "a/b",
  "x?y",
  "arn:",
  "n:",
  "7",
  "a:b:c",
  "/x/",
  "-1/",
];

/** True when `text` is one of the strings glob `glob` (`*` = any text, everything else literal) stands for. */
function globCovers(glob: string, text: string): boolean {
  const escaped = glob.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  return new RegExp(`^${escaped.join("[^]*")}$`).test(text);
}

/** Each way of filling the wildcards of `pattern` with fillers (each wildcard also filled with two at once). */
function concreteValues(pattern: string): string[] {
  const parts = pattern.split("*");
  let values = [parts[0]];
  for (const part of parts.slice(1)) {
    const next: string[] = [];
    for (const v of values) {
      for (const f of FILLERS) next.push(v + f + part);
      for (const f of ["a/", "?v=", "arn:x"]) {
        next.push(`${v}${f}${FILLERS[values.length % FILLERS.length]}${part}`);
      }
    }
    values = next;
  }
  return values;
}

Deno.test("regexOnPattern: every result covers what the native engine captures for the values it stands for", () => {
  let used = 0;
  for (const source of REGEXES) {
    const re = new RegExp(source);
    for (const pattern of PATTERNS) {
      const glob = regexOnPattern(pattern, source, "g");
      if (glob === undefined) continue;
      used++;
      for (const value of concreteValues(pattern)) {
        const match = re.exec(value);
        assert.ok(
          match,
          `/${source}/ on ${JSON.stringify(value)} (from ${pattern}): no match, but ${glob} was given`,
        );
        const captured = match[1] ?? match[0];
        assert.ok(
          globCovers(glob, captured),
          `/${source}/ on ${
            JSON.stringify(value)
          } (from ${pattern}) captures ${captured}, not covered by ${glob}`,
        );
      }
    }
  }
  // The rule does give results (a check that always skips would prove nothing).
  assert.ok(used >= 20, `only ${used} results`);
});
