/**
 * Phase 1 in two halves (`packPythonFile` where the file is parsed, `collectPackedPythonFile` where the facts are
 * linked) gives exactly the facts of `analyzePythonFile`: on every Python fixture file, on non-ASCII text
 * (tree-sitter's offsets are UTF-16 code units), with omitted call names, on a file with a syntax error and on an
 * empty one; and the packed tree is still whole after crossing to another thread.
 *
 * @module
 */
import assert from "node:assert/strict";
import { glob, readFile } from "node:fs/promises";
import {
  analyzePythonFile,
  collectPackedPythonFile,
  packPythonFile,
  type PythonAnalysisOptions,
} from "../../../lib/languages/python/analyze_file.ts";
import type { SourceFile } from "../../../lib/types.ts";

const FIXTURES = new URL("../../fixtures/", import.meta.url).pathname;

async function assertSameFacts(file: SourceFile, options: PythonAnalysisOptions = {}): Promise<void> {
  const packed = await packPythonFile(file);
  assert.deepEqual(
    await collectPackedPythonFile(packed, file, options),
    await analyzePythonFile(file, options),
    file.path,
  );
}

Deno.test("packed phase 1 gives analyzePythonFile's facts on every Python fixture file", async () => {
  let count = 0;
  for await (const path of glob("**/*.py", { cwd: FIXTURES })) {
    await assertSameFacts({ path, language: "python", text: await readFile(FIXTURES + path, "utf8") });
    count++;
  }
  assert.ok(count > 100, `fixture files found: ${count}`);
});

Deno.test("packed phase 1: non-ASCII text, omitted calls, a syntax error, an empty file", async () => {
  const text = `import boto3\n# café ☕ — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢\ns3 = boto3.client("s3")\n` +
    `def ünïcode(naïve="é"):\n    log.info("ß")\n    return s3.get_object(Bucket="bücket-𝔁", Key=naïve)\n`;
  await assertSameFacts({ path: "app/unicode.py", language: "python", text });
  await assertSameFacts({ path: "app/unicode.py", language: "python", text }, { omitCalls: ["info"] });
  const broken: SourceFile = { path: "app/broken.py", language: "python", text: "def broken(:\n    pass\n" };
  const packed = await packPythonFile(broken);
  assert.equal(packed.packed, undefined);
  assert.match(packed.error?.message ?? "", /^syntax error/);
  await assertSameFacts(broken);
  await assertSameFacts({ path: "pkg/__init__.py", language: "python", text: "" });
});

Deno.test("a packed tree crosses to a worker and back whole (its buffer is transferred)", async () => {
  const file: SourceFile = {
    path: "svc/handler.py",
    language: "python",
    text: `import boto3\nsqs = boto3.client("sqs")\n\ndef handler(event, _):\n` +
      `    sqs.send_message(QueueUrl=event["q"], MessageBody="x")\n`,
  };
  const packed = await packPythonFile(file);
  const echo = `self.onmessage = (e) => self.postMessage(e.data, [e.data.buffer]);`;
  const worker = new Worker(`data:text/javascript,${encodeURIComponent(echo)}`, { type: "module" });
  try {
    const back = await new Promise<typeof packed>((resolve, reject) => {
      worker.onmessage = (event) => resolve({ ...packed, packed: event.data });
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message));
      };
      worker.postMessage(packed.packed, packed.transfer!);
    });
    assert.equal(packed.packed!.buffer.byteLength, 0, "the buffer was moved, not copied");
    assert.deepEqual(await collectPackedPythonFile(back, file), await analyzePythonFile(file));
  } finally {
    worker.terminate();
  }
});
