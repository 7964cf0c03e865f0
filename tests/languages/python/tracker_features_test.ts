/** Tracker idioms: self attributes, factory return values, parameters inferred from call sites, **kwargs. */
import assert from "node:assert/strict";
import { args } from "./extract.ts";
import { runFixture } from "./pattern_fixture.ts";

Deno.test("tracker: clients stored on self (also inherited and class-level) are used in other methods", async () => {
  const { calls, pairs } = await runFixture("self_attribute");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.services} ${c.method}`), [
    "14 dynamodb put_item",
    "15 events put_events",
    "18 s3 put_object",
    "23 dynamodb delete_item", // repo.table from outside the class
  ]);
  assert.deepEqual(pairs, ["dynamodb:DeleteItem", "dynamodb:PutItem", "events:PutEvents", "s3:PutObject"]);
});

Deno.test("tracker: values returned by factory functions (cached globals, decorators, resources)", async () => {
  const { pairs } = await runFixture("factory_return");
  assert.deepEqual(pairs, ["dynamodb:GetItem", "kms:Encrypt", "sqs:SendMessage"]);
});

Deno.test("tracker: parameters typed by what call sites pass (positional, keyword, constructors)", async () => {
  const { calls, pairs } = await runFixture("parameter_inference");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.services} ${c.method}`), [
    "5 sns publish",
    "10 s3 put_object",
    "18 sqs delete_message",
    // The service name reaches Component.__init__ from a subclass instantiation and from super().__init__:
    // both subclasses share the attribute, so its client may be either; resolution keeps the fitting one.
    "33 sns,firehose publish",
    "41 sns,firehose put_record",
  ]);
  assert.deepEqual(pairs, ["firehose:PutRecord", "s3:PutObject", "sns:Publish", "sqs:DeleteMessage"]);
});

Deno.test("tracker: **kwargs dicts name services and resource identifiers; call splats stay as written", async () => {
  const { calls, pairs } = await runFixture("kwargs_expansion");
  assert.deepEqual(
    calls.filter((c) => c.services.length).map((c) => `${c.location.line} ${c.services} ${c.method}`),
    [
      "17 s3 get_object", // boto3.client(**CONFIG)
      "21 sqs send_message", // boto3.client(**dict(service_name="sqs"))
      "26 s3 delete_object", // resource.Object(**ids)
      // line 27 gives bucket_name twice (positionally and in the splat): boto3 raises, so no operation.
    ],
  );
  assert.deepEqual(pairs, ["s3:DeleteObject", "s3:GetObject", "sqs:SendMessage"]);
  // Request splats are reported as written (upstream parity); resolution treats them as "may pass anything".
  assert.deepEqual(args(calls[0]), { "**": "?**params" });
  assert.deepEqual(args(calls[2]), { Bucket: '"archive"', Key: "?key" });
});

Deno.test("tracker: items of a client cache (an empty dict filled by key) are what it stores", async () => {
  const { calls, pairs } = await runFixture("item_cache");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.services} ${c.method}`), [
    "23 apigatewaymanagementapi post_to_connection",
    // Keys are not told apart: a cache of several services gives their union; resolution keeps the fitting one.
    "24 s3,sqs delete_object",
    "25 s3,sqs purge_queue",
    "26  put_item", // a dict with entries of its own is no cache
    "29  delete_object", // a dict holding a resource and a client: either
  ]);
  assert.deepEqual(pairs, [
    "apigatewaymanagementapi:PostToConnection",
    "s3:DeleteObject",
    "sqs:PurgeQueue",
  ]);
});

Deno.test("tracker: app.state attributes assigned in one function are read in others (request.app, self.app)", async () => {
  const { calls, pairs } = await runFixture("app_state");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.services} ${c.method}`), [
    "14 events put_events", // request.app.state.events, set at startup
    "16  put_item", // request.state is the request's own state, not the app's
    "17  delete_item", // nothing was stored on app.state under that name
    "26 dynamodb put_item", // self.app.state.table
  ]);
  assert.deepEqual(args(calls[3]), { TableName: '"audit"', Item: "?entry" });
  assert.deepEqual(pairs, ["dynamodb:PutItem", "events:PutEvents"]);
});

Deno.test("tracker: iterating a call of a generator function gives what it yields", async () => {
  const { calls } = await runFixture("generator_items");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.services} ${c.method}`), [
    "18 ec2 stop_instances", // for ec2 in regional_clients()
    "20  start_instances", // `yield from` hands on another iterable's items: not followed
    "22  terminate_instances", // the generator object itself is no client
  ]);
});
