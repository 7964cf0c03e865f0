import assert from "node:assert/strict";
import { analyzePythonFile } from "../../../lib/languages/python/analyze_file.ts";
import { CLIENT_METHOD_CALL_PATTERN_ID } from "../../../lib/languages/python/patterns/client_method_call.ts";
import { args, extract, fixtureFiles, summary } from "./extract.ts";

Deno.test("python/client_method_call: arguments, constants, f-strings, splats, untracked receivers", async () => {
  assert.equal(CLIENT_METHOD_CALL_PATTERN_ID, "python/client_method_call");
  const calls = await extract(fixtureFiles("client_method_call/app.py"));
  assert.ok(calls.every((c) => c.pattern === CLIENT_METHOD_CALL_PATTERN_ID));
  assert.deepEqual(calls.map(summary), [
    "app.py:10:5 get_object [s3]",
    "app.py:11:5 put_object [s3]",
    "app.py:12:5 get_item []",
    "app.py:13:5 get_object []",
    "app.py:14:5 list_objects_v2 [s3]",
  ]);
  assert.deepEqual(calls[0].arguments, [{
    splat: true,
    value: { kind: "unresolved", expression: "**params" },
  }]);
  assert.deepEqual(args(calls[1]), {
    Bucket: "~invoices-*",
    Key: '"ab"',
    Body: '?event["body"]',
    ContentLength: "42",
  });
  assert.deepEqual(args(calls[2]), {
    TableName: '"orders"',
    Key: '?{"id": {"S": "1"}}',
    ConsistentRead: "true",
    ReturnValues: "null",
  });
  assert.deepEqual(calls[4].arguments, [
    { position: 0, value: { kind: "literal", value: "positional" } },
    { position: 1, splat: true, value: { kind: "unresolved", expression: "*extra_args" } },
  ]);
});

Deno.test("python/client_method_call: calls of the project's own functions are not SDK calls", async () => {
  const calls = await extract([{
    path: "m.py",
    language: "python",
    text: "import m2\n\ndef local():\n    pass\n\nm2.helper()\nobj.get_object(Bucket='b')\n",
  }, { path: "m2.py", language: "python", text: "def helper():\n    return 1\n" }]);
  assert.deepEqual(calls.map(summary), ["m.py:7:1 get_object []"]);
});

Deno.test("python/client_method_call: a method no SDK operation has yields no call, whatever its receiver", async () => {
  const calls = await extract([{
    path: "app.py",
    language: "python",
    text: [
      "import logging, boto3",
      "log = logging.getLogger(__name__)",
      's3 = boto3.client("s3")',
      'log.info("start")',
      "s3.close()",
      'thing.get_object(Bucket="b", Key="k")',
      "",
    ].join("\n"),
  }]);
  assert.deepEqual(calls.map(summary), ["app.py:6:1 get_object []"]);
});

Deno.test("call locations count UTF-16 columns after non-ASCII text and CRLF line ends", async () => {
  const text =
    'x = "é😀"; s3.get_object(Bucket="b")\r\ny = 1\r\n"""a\nb""" ; s3.put_object(Bucket="😀", Key="k")\n';
  const facts = await analyzePythonFile({ path: "app.py", language: "python", text });
  assert.deepEqual(facts.facts?.calls.map((c) => c.location), [
    { file: "app.py", line: 1, column: 12, endLine: 1, endColumn: 37 },
    { file: "app.py", line: 4, column: 8, endLine: 4, endColumn: 43 },
  ]);
});
