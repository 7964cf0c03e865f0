import assert from "node:assert/strict";
import { resolveCalls } from "../../lib/resolve/resolve_calls.ts";
import { UnknownServiceHintError } from "../../lib/hints/unknown_service_hint_error.ts";
import { call, fixtureKnowledgeBase } from "../helpers/knowledge_fixture.ts";

const kb = await fixtureKnowledgeBase();

function keys(result: ReturnType<typeof resolveCalls>): string[] {
  return result.operations.map((o) => `${o.service}:${o.operation}`);
}

Deno.test("a typed client call resolves to its service's operation only", () => {
  const c = call("get_object", { Bucket: "orders", Key: "a.txt" }, { services: ["s3"] });
  const result = resolveCalls([c], kb);
  assert.deepEqual(keys(result), ["s3:GetObject"]);
  assert.deepEqual(result.operations[0].calls, [c]);
  assert.deepEqual(result.unresolved, []);
});

Deno.test("an untyped receiver is disambiguated by its keyword arguments", () => {
  const s3Like = call("get_object", { Bucket: "orders", Key: "a.txt" });
  const controlLike = call("get_object", { AccountId: "1", Name: "n" }, { line: 2 });
  const result = resolveCalls([s3Like, controlLike], kb);
  assert.deepEqual(keys(result), ["s3:GetObject", "s3control:GetObject"]);
  assert.deepEqual(result.operations[0].calls, [s3Like]);
  assert.deepEqual(result.operations[1].calls, [controlLike]);
});

Deno.test("an untyped get_object with custom keyword arguments is not an SDK call", () => {
  const custom = call("get_object", { custom_param: 1 });
  const result = resolveCalls([custom], kb);
  assert.deepEqual(result.operations, []);
  assert.deepEqual(result.unresolved, [custom]);
});

Deno.test("an untyped call missing a required member is dropped, a typed one is kept", () => {
  const untyped = call("get_object", { Bucket: "orders" });
  const typed = call("get_object", { Bucket: "orders" }, { services: ["s3"], line: 2 });
  const result = resolveCalls([untyped, typed], kb);
  assert.deepEqual(keys(result), ["s3:GetObject"]);
  assert.deepEqual(result.operations[0].calls, [typed]);
  assert.deepEqual(result.unresolved, [untyped]);
});

Deno.test("a typed call with a keyword that is no input member is dropped", () => {
  const c = call("get_object", { Bucket: "b", Key: "k", Bogus: 1 }, { services: ["s3"] });
  assert.deepEqual(resolveCalls([c], kb).unresolved, [c]);
});

Deno.test("a splat keeps every candidate; positional arguments are ignored", () => {
  const splat = call("get_object", { "**": { unresolved: "params" } });
  assert.deepEqual(keys(resolveCalls([splat], kb)), ["s3:GetObject", "s3control:GetObject"]);
  const positional = call("list_buckets", { "#0": { unresolved: "x" } });
  assert.deepEqual(keys(resolveCalls([positional], kb)), ["s3:ListBuckets"]);
});

Deno.test("a method of another client's service is unresolved", () => {
  const c = call("get_object", { Bucket: "b", Key: "k" }, { services: ["dynamodb"] });
  assert.deepEqual(resolveCalls([c], kb).unresolved, [c]);
  const unknownName = call("frobnicate", {}, { services: ["s3"] });
  assert.deepEqual(resolveCalls([unknownName], kb).unresolved, [unknownName]);
});

Deno.test("a call with a known operation maps directly for each service", () => {
  const waiter = call("wait", {}, { services: ["s3"], operation: "HeadObject", pattern: "python/waiter" });
  const result = resolveCalls([waiter], kb);
  assert.deepEqual(keys(result), ["s3:HeadObject"]);
});

Deno.test("other SDK dialects: JS commands and methods, Go, Java (case-insensitive members)", () => {
  const js = call("GetObjectCommand", { Bucket: "b", Key: "k" }, {
    language: "typescript",
    services: ["s3"],
  });
  const jsMethod = call("getObject", { Bucket: "b", Key: "k" }, { language: "javascript", services: ["s3"] });
  const go = call("GetObject", { Bucket: "b", Key: "k" }, { language: "go", services: ["s3"] });
  const java = call("getObject", { bucket: "b", key: "k" }, { language: "java", services: ["s3"] });
  const result = resolveCalls([js, jsMethod, go, java], kb);
  assert.deepEqual(keys(result), ["s3:GetObject"]);
  assert.deepEqual(result.operations[0].calls, [js, jsMethod, go, java]);
});

Deno.test("operations are sorted and collect every call in source order", () => {
  const a = call("list_buckets", {}, { services: ["s3"], line: 1 });
  const b = call("get_item", { TableName: "t", Key: "k" }, { services: ["dynamodb"], line: 2 });
  const c = call("list_buckets", {}, { services: ["s3"], line: 3 });
  const result = resolveCalls([a, b, c], kb);
  assert.deepEqual(keys(result), ["dynamodb:GetItem", "s3:ListBuckets"]);
  assert.deepEqual(result.operations[1].calls, [a, c]);
});

Deno.test("service hints narrow operations and report excluded calls", () => {
  const s3 = call("get_object", { "**": { unresolved: "kw" } });
  const ddb = call("get_item", { TableName: "t", Key: "k" }, { services: ["dynamodb"], line: 2 });
  const result = resolveCalls([s3, ddb], kb, { serviceHints: ["s3"] });
  // s3control shares the s3 IAM prefix, so the hint keeps it as well.
  assert.deepEqual(keys(result), ["s3:GetObject", "s3control:GetObject"]);
  assert.deepEqual(result.excludedByHints, [ddb]);
  assert.throws(() => resolveCalls([s3], kb, { serviceHints: ["s4"] }), UnknownServiceHintError);
});
