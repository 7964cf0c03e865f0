import assert from "node:assert/strict";
import { analyzePythonFile } from "../../../lib/languages/python/analyze_file.ts";
import type { PythonFileFacts } from "../../../lib/languages/python/facts.ts";
import { packPythonFacts, unpackPythonFacts } from "../../../lib/languages/python/wire.ts";

const SOURCE = `
import boto3
from fastapi import FastAPI
app = FastAPI()
s3 = boto3.client("s3")
_clients = {}

def make():
    return boto3.client("sqs")

def pages(bucket):
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        yield page
    names = [o for o in s3.list_buckets()["Buckets"]]
    get = s3.get_object
    _clients["x"] = boto3.client("sns")
    app.state.ddb = boto3.resource("dynamodb")
    print(s3.meta.region_name, make())

class Repo:
    def __init__(self):
        self.table = boto3.resource("dynamodb").Table("t")
`;

async function factsOf(text: string): Promise<PythonFileFacts> {
  const result = await analyzePythonFile({ path: "pkg/app.py", language: "python", text });
  return result.facts!;
}

Deno.test("wire: packed facts come back as phase 1 made them, from less JSON", async () => {
  const full = JSON.stringify(await factsOf(SOURCE));
  const packed = JSON.stringify(packPythonFacts(await factsOf(SOURCE)));
  const unpacked = unpackPythonFacts(JSON.parse(packed), "pkg/app.py");
  assert.equal(JSON.stringify(unpacked), full);
  assert.ok(packed.length < full.length * 0.8, `${packed.length} of ${full.length}`);
});

Deno.test("wire: a call site's call is one object again, wherever the facts hold it", async () => {
  const facts = unpackPythonFacts(JSON.parse(JSON.stringify(packPythonFacts(await factsOf(SOURCE)))), "x.py");
  const make = facts.scopes.find((s) => s.name === "make")!;
  const site = facts.calls.find((c) => c.method === "client" && c.call.text.includes("sqs"))!;
  assert.equal(make.returns![0], site.call);
  const get = facts.calls.find((c) => c.method === "get_object" || c.method === "paginate")!;
  assert.ok(get.call.callee.k === "attr");
  assert.equal(get.receiver, get.call.callee.object);
});
