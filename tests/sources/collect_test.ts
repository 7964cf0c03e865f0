import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  collectSourceFiles,
  DEFAULT_MAX_FILE_BYTES,
  InputPathError,
  readSourceFile,
} from "../../lib/sources/mod.ts";
import type { CollectResult } from "../../lib/sources/mod.ts";

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/sources/project");

/**
 * Copies the fixture tree into a temporary directory, renaming `_gitignore` to `.gitignore`, and adds what
 * cannot be committed: dependency, virtual-environment and build directories, symbolic links and a huge file.
 */
async function makeTree(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "sources_test_" });
  await copyTree(FIXTURE, root);
  const write = async (path: string, text: string | Uint8Array) => {
    await Deno.mkdir(dirname(join(root, path)), { recursive: true });
    if (typeof text === "string") await Deno.writeTextFile(join(root, path), text);
    else await Deno.writeFile(join(root, path), text);
  };
  await write("node_modules/aws-sdk/index.js", "module.exports = {};\n");
  await write("app/node_modules/x/index.ts", "export {};\n");
  await write(".venv/lib/site.py", "x = 1\n");
  await write("venv/lib/site.py", "x = 1\n");
  await write("env/pyvenv.cfg", "home = /usr/bin\n");
  await write("env/lib/site.py", "x = 1\n");
  await write("app/__pycache__/main.py", "x = 1\n");
  await write("build/out.js", "x = 1;\n");
  await write("dist/out.js", "x = 1;\n");
  await write("vendor/lib.go", "package lib\n");
  await write("target/Gen.java", "class Gen {}\n");
  await write(".git/hooks/pre-commit.py", "x = 1\n");
  await write(".tox/py.py", "x = 1\n");
  await write(".mypy_cache/x.py", "x = 1\n");
  await write("lib/site-packages/x.py", "x = 1\n");
  await write("huge.py", new Uint8Array(DEFAULT_MAX_FILE_BYTES + 1).fill(0x20));
  await Deno.symlink("..", join(root, "app/loop")); // directory symlink cycle: not followed
  await Deno.symlink(join(root, "app"), join(root, "app_link")); // directory symlink: not followed
  await Deno.symlink("app/main.py", join(root, "linked.py")); // file symlink: followed
  await Deno.symlink("missing.py", join(root, "broken.py")); // broken symlink
  return root;
}

async function copyTree(from: string, to: string): Promise<void> {
  for await (const entry of Deno.readDir(from)) {
    const target = join(to, entry.name === "_gitignore" ? ".gitignore" : entry.name);
    if (entry.isDirectory) {
      await Deno.mkdir(target, { recursive: true });
      await copyTree(join(from, entry.name), target);
    } else {
      await Deno.copyFile(join(from, entry.name), target);
    }
  }
}

/** Runs `fn` with the tree as the working directory, so that paths are relative as a user gives them. */
async function inTree<T>(fn: (root: string) => Promise<T>): Promise<T> {
  const root = await makeTree();
  const cwd = Deno.cwd();
  Deno.chdir(root);
  try {
    return await fn(root);
  } finally {
    Deno.chdir(cwd);
    await Deno.remove(root, { recursive: true });
  }
}

function summary(result: CollectResult): { files: string[]; skipped: string[] } {
  return {
    files: result.files.map((f) => `${f.path} ${f.language}`),
    skipped: result.skipped.map((s) => `${s.path} ${s.skipped.reason}`),
  };
}

const EXPECTED_FILES = [
  "app/env/settings.py python",
  "app/handlers/View.tsx typescript", // code-point order: upper case first
  "app/handlers/upload.ts typescript",
  "app/java/App.java java",
  "app/keep.gen.py python",
  "app/main.py python",
  "app/service/main.go go",
  "app/web/App.jsx javascript",
  "app/web/index.mjs javascript",
  "linked.py python",
  "local_root.py python",
];

const EXPECTED_SKIPPED = [
  "app/blob.py binary",
  "app/latin1.py not-utf8",
  "broken.py unreadable",
  "huge.py too-large",
];

Deno.test("collectSourceFiles walks a directory: skips, .gitignore, symlinks, sorted", async () => {
  await inTree(async () => {
    const result = await collectSourceFiles(["."]);
    assert.deepEqual(summary(result), { files: EXPECTED_FILES, skipped: EXPECTED_SKIPPED });
    const main = result.files.find((f) => f.path === "app/main.py");
    assert.equal(main?.text, await Deno.readTextFile("app/main.py"));
    assert.ok(result.files.every((f) => typeof f.text === "string" && f.skipped === undefined));
  });
});

Deno.test("collectSourceFiles reports paths relative as given, with forward slashes", async () => {
  await inTree(async (root) => {
    const plain = await collectSourceFiles(["app/web"]);
    assert.deepEqual(plain.files.map((f) => f.path), ["app/web/App.jsx", "app/web/index.mjs"]);
    const dotted = await collectSourceFiles(["./app/web/"]);
    assert.deepEqual(dotted.files.map((f) => f.path), ["app/web/App.jsx", "app/web/index.mjs"]);
    const absolute = await collectSourceFiles([`${root}/app/service`]);
    assert.deepEqual(absolute.files.map((f) => f.path), [`${root}/app/service/main.go`]);
  });
});

Deno.test("collectSourceFiles gives skip details: binary, not-utf8 offset, too-large size and limit", async () => {
  await inTree(async () => {
    const { skipped } = await collectSourceFiles(["."]);
    const detail = (path: string) => skipped.find((s) => s.path === path)?.skipped.detail ?? "";
    assert.match(detail("app/blob.py"), /NUL byte at offset 6/);
    // "# caf\xe9": the latin-1 é is byte 5.
    assert.match(detail("app/latin1.py"), /not valid UTF-8 .*0xe9 at offset 5/);
    assert.match(
      detail("huge.py"),
      new RegExp(`${DEFAULT_MAX_FILE_BYTES + 1} bytes.*limit of ${DEFAULT_MAX_FILE_BYTES}`),
    );
    assert.match(detail("broken.py"), /symbolic link to a missing file/);
    assert.equal(skipped.find((s) => s.path === "app/latin1.py")?.language, "python");
  });
});

Deno.test("readSourceFile names UTF-16 and UTF-32 text (byte order mark) instead of calling it binary", () => {
  const dir = Deno.makeTempDirSync({ prefix: "sources_bom_" });
  try {
    const text = 'import boto3\ns3 = boto3.client("s3")\n';
    const utf16le = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
    const utf16be = new Uint8Array([0xfe, 0xff, ...[...text].flatMap((c) => [0, c.charCodeAt(0)])]);
    const utf32le = new Uint8Array([
      0xff,
      0xfe,
      0,
      0,
      ...[...text].flatMap((c) => [c.charCodeAt(0), 0, 0, 0]),
    ]);
    const utf8bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const cases: [string, Uint8Array, RegExp | string][] = [
      [
        "le.py",
        utf16le,
        /le\.py is UTF-16 LE text \(byte order mark\), not UTF-8; convert it \(e\.g\. iconv -f UTF-16 -t utf-8\)/,
      ],
      ["be.py", utf16be, /UTF-16 BE text/],
      ["le32.py", utf32le, /UTF-32 LE text .*iconv -f UTF-32/],
      ["bom8.py", utf8bom, text],
    ];
    for (const [name, bytes, want] of cases) {
      Deno.writeFileSync(join(dir, name), bytes);
      const outcome = readSourceFile(name, join(dir, name), "python", 1024);
      if (typeof want === "string") {
        assert.equal(outcome.file?.text, want, name);
      } else {
        assert.equal(outcome.skipped?.skipped.reason, "not-utf8", name);
        assert.match(outcome.skipped!.skipped.detail, want);
      }
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("collectSourceFiles honours maxFileBytes", async () => {
  await inTree(async () => {
    const { files, skipped } = await collectSourceFiles(["app/main.py", "app/service/main.go"], {
      maxFileBytes: 40,
    });
    assert.deepEqual(files.map((f) => f.path), ["app/service/main.go"]);
    assert.deepEqual(skipped.map((s) => [s.path, s.skipped.reason]), [["app/main.py", "too-large"]]);
    assert.match(skipped[0].skipped.detail, /limit of 40 bytes/);
    await assert.rejects(() => collectSourceFiles(["app"], { maxFileBytes: -1 }), RangeError);
  });
});

Deno.test("collectSourceFiles throws InputPathError naming a missing path, before reading anything", async () => {
  await inTree(async () => {
    await assert.rejects(
      () => collectSourceFiles(["app", "nope/handler.py"]),
      (error: unknown) => {
        assert.ok(error instanceof InputPathError);
        assert.equal(error.path, "nope/handler.py");
        assert.match(error.message, /^Path does not exist: nope\/handler\.py/);
        return true;
      },
    );
  });
});

Deno.test("collectSourceFiles: explicit file with an unknown extension is unsupported-language", async () => {
  await inTree(async () => {
    const { files, skipped } = await collectSourceFiles(["app/script.rb", "README.md"]);
    assert.deepEqual(files, []);
    assert.deepEqual(skipped.map((s) => [s.path, s.skipped.reason, s.language]), [
      ["README.md", "unsupported-language", undefined],
      ["app/script.rb", "unsupported-language", undefined],
    ]);
    assert.match(skipped[1].skipped.detail, /Unsupported file extension "\.rb"/);
    assert.match(skipped[1].skipped.detail, /\.py \(python\).*\.java \(java\)/);
    assert.match(skipped[1].skipped.detail, /--language/);
  });
});

Deno.test("collectSourceFiles: --language applies to explicit files and filters walked directories", async () => {
  await inTree(async () => {
    const explicit = await collectSourceFiles(["app/script.rb", "app/main.py"], { language: "javascript" });
    assert.deepEqual(summary(explicit).files, ["app/main.py javascript", "app/script.rb javascript"]);
    const walked = await collectSourceFiles(["app"], { language: "typescript" });
    assert.deepEqual(summary(walked), {
      files: ["app/handlers/View.tsx typescript", "app/handlers/upload.ts typescript"],
      skipped: [],
    });
  });
});

Deno.test("collectSourceFiles: explicit files are read even when git-ignored; duplicates are dropped", async () => {
  await inTree(async () => {
    const result = await collectSourceFiles(["app/models.gen.py", "app", "./app/main.py", "app/main.py"]);
    const paths = result.files.map((f) => f.path);
    assert.ok(paths.includes("app/models.gen.py"));
    assert.equal(paths.filter((p) => p === "app/main.py").length, 1);
    assert.deepEqual(paths, [...paths].sort());
  });
});

Deno.test("collectSourceFiles follows an explicitly given directory symlink", async () => {
  await inTree(async () => {
    const { files } = await collectSourceFiles(["app_link/web"]);
    assert.deepEqual(files.map((f) => f.path), ["app_link/web/App.jsx", "app_link/web/index.mjs"]);
  });
});

Deno.test("collectSourceFiles honours .gitignore files above the walked directory up to the work-tree root", async () => {
  await inTree(async () => {
    await Deno.mkdir(".git/info", { recursive: true });
    const { files } = await collectSourceFiles(["app"]);
    const paths = files.map((f) => f.path);
    assert.ok(paths.includes("app/keep.gen.py"));
    assert.ok(!paths.includes("app/models.gen.py"), "root .gitignore applies when walking app/");
    assert.ok(!paths.includes("app/local_settings.py"));
  });
});

Deno.test("collectSourceFiles is deterministic", async () => {
  await inTree(async () => {
    const first = await collectSourceFiles(["app", "."]);
    const second = await collectSourceFiles([".", "app"]);
    assert.deepEqual(second, first);
  });
});

Deno.test({
  name: "collectSourceFiles reports a file without read permission as unreadable",
  ignore: Deno.build.os === "windows" || Deno.uid() === 0, // root reads everything
  fn: async () => {
    await inTree(async () => {
      await Deno.chmod("app/main.py", 0o000);
      const { skipped } = await collectSourceFiles(["app/main.py"]);
      assert.deepEqual(skipped.map((s) => [s.path, s.skipped.reason]), [["app/main.py", "unreadable"]]);
      assert.match(skipped[0].skipped.detail, /Permission denied/);
      await Deno.chmod("app/main.py", 0o644);
    });
  },
});

Deno.test({
  name: "collectSourceFiles reports an explicit non-regular file (FIFO) as unreadable without blocking",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    await inTree(async () => {
      const made = await new Deno.Command("mkfifo", { args: ["pipe.py"] }).output();
      assert.ok(made.success, "mkfifo failed");
      const { files, skipped } = await collectSourceFiles(["pipe.py", "."]);
      assert.ok(!files.some((f) => f.path === "pipe.py"));
      const pipe = skipped.filter((s) => s.path === "pipe.py");
      assert.deepEqual(pipe.map((s) => s.skipped.reason), ["unreadable"]);
      assert.match(pipe[0].skipped.detail, /not a regular file/);
    });
  },
});

Deno.test("collectSourceFiles: onListed hears once, before any file is read, of the files to read", async () => {
  await inTree(async () => {
    const calls: string[][] = [];
    const result = await collectSourceFiles(["app/main.py", ".", "app/script.rb"], {
      onListed: (listed) => {
        calls.push(listed.map((f) => `${f.path} ${f.language}`));
        // Files are read afterwards: a change made now shows in the result.
        Deno.writeTextFileSync("app/main.py", "changed = True\n");
      },
    });
    assert.equal(calls.length, 1);
    const listed = calls[0];
    assert.equal(listed[0], "app/main.py python", "explicit files first, in input order");
    assert.equal(listed.filter((l) => l.startsWith("app/main.py ")).length, 1, "duplicates dropped");
    assert.ok(!listed.some((l) => l.startsWith("app/script.rb")), "unsupported-language is not read");
    assert.ok(!listed.some((l) => l.startsWith("broken.py")), "a broken link is not read");
    assert.ok(listed.includes("app/blob.py python"), "files that will turn out binary are listed");
    assert.deepEqual(
      [...listed].sort(),
      [
        ...result.files.map((f) => `${f.path} ${f.language}`),
        "app/blob.py python",
        "app/latin1.py python",
        "huge.py python",
      ]
        .sort(),
    );
    assert.equal(result.files.find((f) => f.path === "app/main.py")?.text, "changed = True\n");
  });
});

Deno.test("readSourceFile classifies each file; a BOM is dropped every time (the read buffer is reused)", async () => {
  await inTree(async () => {
    await Deno.writeFile("bom.py", new Uint8Array([0xef, 0xbb, 0xbf, 0x78, 0x0a]));
    const reasons = ["app/main.py", "app/blob.py", "app/latin1.py", "bom.py", "app"].map((path) => {
      const outcome = readSourceFile(path, path, "python", DEFAULT_MAX_FILE_BYTES);
      return outcome.skipped?.skipped.reason ?? "text";
    });
    assert.deepEqual(reasons, ["text", "binary", "not-utf8", "text", "unreadable"]);
    assert.equal(readSourceFile("bom.py", "bom.py", "python", 100).file?.text, "x\n");
    assert.equal(readSourceFile("bom.py", "bom.py", "python", 100).file?.text, "x\n");
    assert.match(
      readSourceFile("app", "app", "python", 100).skipped!.skipped.detail,
      /not a regular file/,
    );
    assert.match(
      readSourceFile("nope.py", "nope.py", "python", 100).skipped!.skipped.detail,
      /^Could not read nope\.py: /,
    );
  });
});

Deno.test({
  name: "readSourceFile reads past the size stat gave (files grow) and stops once over the limit",
  ignore: Deno.build.os !== "linux", // /proc files: stat says 0 bytes, reading gives more
  fn: () => {
    const whole = readSourceFile("status.py", "/proc/self/status", "python", 1024 * 1024);
    assert.match(whole.file?.text ?? "", /^Name:/);
    const over = readSourceFile("status.py", "/proc/self/status", "python", 10);
    assert.equal(over.skipped?.skipped.reason, "too-large");
    assert.match(over.skipped!.skipped.detail, /^File is \d+ bytes, over the limit of 10 bytes/);
  },
});
