/**
 * `generatePolicies` given a knowledge database that is still opening (a promise, as the CLI passes it) gives
 * the output it gives with an open one; a database that fails to open, or a service hint it does not know,
 * makes a pooled analysis reject with that error (not with the stopped pool's).
 *
 * @module
 */
import assert from "node:assert/strict";
import { generatePolicies } from "../../lib/api/generate_policies.ts";
import { UnknownServiceHintError } from "../../lib/hints/mod.ts";
import { KnowledgeBase, KnowledgeDatabaseError } from "../../lib/knowledge/mod.ts";

const EXAMPLE = new URL("../../examples/python_orders_service", import.meta.url).pathname;

/** A tree large enough for the worker pool (≥ 24 files), each with a client call. */
async function pooledTree(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "iam_autopilot_kb_opening_" });
  for (let i = 0; i < 40; i++) {
    await Deno.writeTextFile(
      `${dir}/job_${i}.py`,
      `import boto3\nsqs = boto3.client("sqs")\n\ndef run_${i}(url):\n    sqs.send_message(QueueUrl=url, MessageBody="x")\n`,
    );
  }
  return dir;
}

Deno.test("a database still opening gives the same policies as an open one", async () => {
  const options = { paths: [EXAMPLE], region: "us-east-1", account: "123456789012" };
  const open = await KnowledgeBase.open();
  const opening = KnowledgeBase.open();
  try {
    const expected = await generatePolicies(open, options);
    const got = await generatePolicies(opening, options);
    assert.deepEqual(got.output, expected.output);
    assert.deepEqual(got.notices, expected.notices);
    assert.equal(got.partition, "aws");
  } finally {
    open.close();
    (await opening).close();
  }
});

Deno.test("a database that fails to open, or an unknown hint, rejects a pooled analysis with that error", async () => {
  const dir = await pooledTree();
  try {
    const failing = Promise.reject(new KnowledgeDatabaseError("/nowhere/kb.sqlite.gz", "not found"));
    await assert.rejects(generatePolicies(failing, { paths: [dir], workers: 2 }), KnowledgeDatabaseError);
    const kb = KnowledgeBase.open();
    try {
      await assert.rejects(
        generatePolicies(kb, { paths: [dir], workers: 2, serviceHints: ["dynamo"] }),
        UnknownServiceHintError,
      );
    } finally {
      (await kb).close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
