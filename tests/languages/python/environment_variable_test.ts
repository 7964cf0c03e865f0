import assert from "node:assert/strict";
import { ENVIRONMENT_VARIABLE_PATTERN_ID } from "../../../lib/languages/python/patterns/environment_variable.ts";
import { args, extract, fixtureFiles, summary } from "./extract.ts";

Deno.test("python/environment_variable: os.environ[...], .get, .setdefault, os.getenv, from-imports, in f-strings", async () => {
  assert.equal(ENVIRONMENT_VARIABLE_PATTERN_ID, "python/environment_variable");
  const calls = await extract(fixtureFiles("environment_variable/app.py"));
  assert.deepEqual(calls.map(summary), [
    "app.py:9:1 get_object [s3]",
    "app.py:10:1 put_object [s3]",
    "app.py:11:1 head_object [s3]",
  ]);
  assert.deepEqual(args(calls[0]), { Bucket: "$BUCKET", Key: "$KEY" });
  assert.deepEqual(args(calls[1]), { Bucket: "$OUT_BUCKET", Key: "~*/out.json", Body: '""' });
  assert.deepEqual(args(calls[2]), { Bucket: "$BUCKET2", Key: "$K" });
  assert.deepEqual(calls[0].arguments[0], { name: "Bucket", value: { kind: "env", name: "BUCKET" } });
});
