import assert from "node:assert/strict";
import { CLIENT_METHOD_CALL_PATTERN_ID } from "../../../lib/languages/go/patterns/client_method_call.ts";
import { args, extract, fixtureFiles, summary } from "./extract.ts";

Deno.test("go/client_method_call: clients, embedded clients, unknown receivers narrowed, non-SDK receivers dropped", async () => {
  assert.equal(CLIENT_METHOD_CALL_PATTERN_ID, "go/client_method_call");
  const calls = await extract(
    fixtureFiles("client_method_call/main.go", "client_method_call/store.go", "client_method_call/use.go"),
  );
  assert.deepEqual(calls.map(summary), [
    "main.go:14:2 ListBuckets [s3]",
    // Receiver of unknown type: the input's type names the service.
    "main.go:16:2 GetObject [s3]",
    // Receiver and input unknown: narrowed to the imported service packages that define the method.
    "main.go:17:2 Publish [sns]",
    // `svc.New(options)` creates a client too.
    "main.go:20:2 DeleteObject [s3]",
    // A struct declared in another file embeds *s3.Client (import alias there): promoted method.
    "use.go:10:2 PutObject [s3]",
  ]);
  assert.ok(calls.every((c) => c.pattern === CLIENT_METHOD_CALL_PATTERN_ID));
  assert.deepEqual(args(calls[1]), { Bucket: '"b"', Key: '"k"' });
  // An input parameter: fields unknown, so the call says so with a positional value.
  assert.deepEqual(args(calls[4]), { "#1": "?in" });
});
