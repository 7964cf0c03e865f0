import assert from "node:assert/strict";
import { Gitignore, parseGitignore } from "../../lib/sources/gitignore.ts";

function check(patterns: string, cases: [path: string, isDirectory: boolean, ignored: boolean][]): void {
  const ignore = new Gitignore(patterns);
  for (const [path, isDirectory, ignored] of cases) {
    assert.equal(
      ignore.ignores(path, isDirectory),
      ignored,
      `${JSON.stringify(patterns)} on ${path}${isDirectory ? "/" : ""}: expected ${
        ignored ? "" : "not "
      }ignored`,
    );
  }
}

Deno.test("parseGitignore drops comments and blank lines, keeps escaped # and !", () => {
  const rules = parseGitignore("# comment\n\n   \n\\#hash\n\\!bang\n*.log\r\n!keep.log\n");
  assert.deepEqual(rules.map((r) => [r.source, r.negated]), [
    ["\\#hash", false],
    ["\\!bang", false],
    ["*.log", false],
    ["!keep.log", true],
  ]);
  check("\\#hash\n\\!bang\n", [["#hash", false, true], ["!bang", false, true], ["hash", false, false]]);
});

Deno.test("gitignore: an unanchored name matches at any depth", () => {
  check("*.log\nfoo\n", [
    ["a.log", false, true],
    ["deep/er/a.log", false, true],
    ["a.log.txt", false, false],
    ["foo", false, true],
    ["foo", true, true],
    ["x/foo", true, true],
    ["foobar", false, false],
  ]);
});

Deno.test("gitignore: a leading or middle slash anchors to the .gitignore's directory", () => {
  check("/root.txt\ndoc/frotz\n", [
    ["root.txt", false, true],
    ["sub/root.txt", false, false],
    ["doc/frotz", false, true],
    ["a/doc/frotz", false, false],
  ]);
});

Deno.test("gitignore: a trailing slash matches directories only", () => {
  check("build/\n/out/\n", [
    ["build", true, true],
    ["src/build", true, true],
    ["build", false, false],
    ["out", true, true],
    ["src/out", true, false],
  ]);
});

Deno.test("gitignore: negation re-includes; the last matching rule wins", () => {
  check("*.py\n!keep.py\nkeep.py\n!*.gen.py\n", [
    ["a.py", false, true],
    ["keep.py", false, true],
    ["x.gen.py", false, false],
  ]);
  const ignore = new Gitignore("*.py\n!keep.py\n");
  assert.equal(ignore.match("keep.py", false), "included");
  assert.equal(ignore.match("a.py", false), "ignored");
  assert.equal(ignore.match("a.ts", false), undefined);
});

Deno.test("gitignore: * and ? do not cross slashes", () => {
  check("/a/*.py\n?.ts\n", [
    ["a/x.py", false, true],
    ["a/b/x.py", false, false],
    ["x.ts", false, true],
    ["d/x.ts", false, true],
    ["xy.ts", false, false],
  ]);
});

Deno.test("gitignore: ** matches any number of directories", () => {
  check("**/foo\nabc/**\na/**/b\nx**y\n", [
    ["foo", false, true],
    ["p/q/foo", false, true],
    ["abc/x", false, true],
    ["abc/x/y.py", false, true],
    ["abc", true, false],
    ["a/b", false, true],
    ["a/x/b", false, true],
    ["a/x/y/b", false, true],
    ["xzzy", false, true],
    ["x/y", false, false],
  ]);
  check("**\n", [["anything/at/all.py", false, true]]);
});

Deno.test("gitignore: character classes, ranges and negated classes", () => {
  check("[abc].py\n[0-9]x\n[!q]z\n[^r]w\n", [
    ["a.py", false, true],
    ["d.py", false, false],
    ["5x", false, true],
    ["ax", false, false],
    ["pz", false, true],
    ["qz", false, false],
    ["sw", false, true],
    ["rw", false, false],
  ]);
  check("[abc\n", [["[abc", false, true], ["a", false, false]]); // no closing bracket: literal
  check("a[/]b\n", [["a/b", false, false]]); // a class never matches a slash
});

Deno.test("gitignore: trailing spaces are trimmed unless escaped; regex characters are literal", () => {
  check("foo  \nbar\\ \n(x).py\n", [
    ["foo", false, true],
    ["bar ", false, true],
    ["bar", false, false],
    ["(x).py", false, true],
    ["x.py", false, false],
  ]);
});
