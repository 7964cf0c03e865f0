import assert from "node:assert/strict";
import { INTERFACE_METHOD_CALL_PATTERN_ID } from "../../../lib/languages/go/patterns/interface_method_call.ts";
import { extract, fixtureFiles, summary } from "./extract.ts";

Deno.test("go/interface_method_call: SDK-shaped methods and embedded SDK interfaces, not project methods", async () => {
  const calls = await extract(fixtureFiles("interface_method_call/api.go", "interface_method_call/main.go"));
  assert.deepEqual(calls.map(summary), [
    "main.go:11:2 GetObject [s3]",
    // `Fetch(ctx, key string)` is the project's own method: nothing.
    "main.go:13:2 ListBuckets [s3]",
  ]);
  assert.ok(calls.every((c) => c.pattern === INTERFACE_METHOD_CALL_PATTERN_ID));
});
