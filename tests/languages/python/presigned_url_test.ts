import assert from "node:assert/strict";
import { PRESIGNED_URL_PATTERN_ID } from "../../../lib/languages/python/patterns/presigned_url.ts";
import { args } from "./extract.ts";
import { lines, runFixture } from "./pattern_fixture.ts";

Deno.test("python/presigned_url: the signer needs the presigned operation's permission", async () => {
  assert.equal(PRESIGNED_URL_PATTERN_ID, "python/presigned_url");
  const { calls, pairs } = await runFixture("presigned_url");
  assert.deepEqual(lines(calls, PRESIGNED_URL_PATTERN_ID), [
    "9 get_object GetObject",
    "10 put_object PutObject",
    "11 put_object PutObject", // generate_presigned_post
    "17 get_object", // untracked receiver: resolved by arguments, so not MediaStore Data's GetObject (Path)
  ]);
  assert.deepEqual(pairs, ["s3:GetObject", "s3:PutObject"]);
  // Params (through a name or inline) become the operation's arguments.
  assert.deepEqual(args(calls[0]), { Bucket: '"uploads"', Key: "?key" });
  assert.deepEqual(args(calls[2]), { Bucket: '"uploads"', Key: "?key" });
  assert.deepEqual(calls[3].services, []);
});
