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

Deno.test("tracker: properties and cached properties are read as what their getter returns", async () => {
  const { calls, pairs } = await runFixture("property_attribute");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.services} ${c.method}`), [
    "5 ecr describe_images", // @cached_property, inherited by the instance's class
    "9 sqs send_message", // @property with a setter; the None placeholder of the lazy client does not count
    "18 ecr list_images", // paginator of self.ecr = ctx.ecr, kept in a variable
    "23 cloudformation describe_stack_events", // @functools.cached_property giving a service resource
    "28  publish", // an unknown decorator: ctx.sns is the method, not a client
  ]);
  assert.deepEqual(pairs, [
    "cloudformation:DescribeStackEvents",
    "ecr:DescribeImages",
    "ecr:ListImages",
    "sns:Publish",
    "sqs:SendMessage",
  ]);
});

Deno.test("tracker: return annotations and annotated class attributes type what the code does not show", async () => {
  const { calls, pairs } = await runFixture("annotations");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.services} ${c.method} ${c.pattern}`), [
    // Mailer(aws().ses): `ses: Optional[SESV2Client]` of the dataclass aws() is annotated to return
    "9 sesv2 send_email python/client_method_call",
    // aws().cognito: `cognito: "CognitoIdentityProviderClient"`
    "13 cognito-idp list_users python/paginator",
    // `def orders_table() -> Table` whose returned value is unknown
    "22 dynamodb put_item python/resource_action",
    // `-> BaseClient` says less than the returned boto3.client("s3")
    "23 s3 put_object python/client_method_call",
    // dataclass fields typed Any: what cls(...) in a classmethod passes, by position and by keyword (over
    // the None default)
    "28 sqs send_message python/client_method_call",
    "29 sns publish python/client_method_call",
    "31 firehose put_record python/client_method_call", // a NamedTuple's second field
  ]);
  assert.deepEqual(pairs, [
    "cognito-idp:ListUsers",
    "dynamodb:PutItem",
    "firehose:PutRecord",
    "s3:PutObject",
    "sesv2:SendEmail",
    "sns:Publish",
    "sqs:SendMessage",
  ]);
});

Deno.test("tracker: clients taken by key from dict displays and comprehensions; comprehensions bind their own names", async () => {
  const { calls, pairs } = await runFixture("client_maps");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.services} ${c.method}`), [
    "13 sqs receive_message", // self.sqs = clients["sqs"], clients = {name: session.client(name) for name in SERVICES}
    "17 sns publish", // clients.get("sns")
    "21 s3 put_object", // STATIC["s3"] of a dict display
    "22 sesv2 send_email", // STATIC.get("sesv2", default): no such key, so the default
    "28 firehose,kinesis list_streams", // keys that are not the loop variable: any value
    "33 sqs get_queue_url",
    "38 sns,sqs list_tags_for_resource", // a loop over a tuple of names
  ]);
  // The comprehension's `name` is "a" or "b", not the module's "orders".
  assert.deepEqual(args(calls[5]), { QueueName: "?name" });
  assert.deepEqual(pairs, [
    "kinesis:ListStreams",
    "s3:PutObject",
    "sesv2:SendEmail",
    "sns:ListTagsForResource",
    "sns:Publish",
    "sqs:GetQueueUrl",
    "sqs:ReceiveMessage",
  ]);
});

Deno.test("tracker: a client a base class builds from what each subclass defines has the service of the subclass reading it", async () => {
  const { calls, pairs } = await runFixture("class_attribute_service");
  assert.deepEqual(
    calls.map((c) => `${c.location.file.split("/").pop()}:${c.location.line} ${c.services} ${c.method}`),
    [
      // session.client(self.service_name) read in the base class's own method: any subclass's service
      "base.py:12 athena,glue list_tags_for_resource",
      "services.py:10 athena get_query_results", // the subclass's class attribute
      "services.py:20 glue start_crawler", // set by an intermediate class
      "services.py:27 logs get_query_results", // boto3.client(type(self).SERVICE)
      "services.py:35 sqs send_message", // a property calling a helper that calls the overridden self.service()
      "services.py:39 glue get_table", // an instance made outside the class
      "services.py:40 glue get_database", // a base class's method returning boto3.client(self.service_name)
      "services.py:41 sqs purge_queue", // a static method's first parameter is no instance
    ],
  );
  assert.deepEqual(pairs, [
    "athena:GetQueryResults",
    "athena:ListTagsForResource",
    "glue:GetDatabase",
    "glue:GetTable",
    "glue:StartCrawler",
    "logs:GetQueryResults",
    "sqs:PurgeQueue",
    "sqs:SendMessage",
  ]);
});

Deno.test("tracker: Enum members name services (.value, the str member itself, iteration, typed parameters)", async () => {
  const { calls, pairs } = await runFixture("enum_service");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.services} ${c.method}`), [
    "10 s3 get_bucket_tagging", // AwsService.S3.value
    "15 sqs list_queue_tags", // AwsService.SQS: a str Enum member is the string
    "23 dynamodb list_tags_of_resource", // service: AwsService, passed AwsService.DYNAMODB
    "28 s3,sqs,dynamodb tag_resource", // for service in AwsService
    "33 s3,sqs,dynamodb untag_resource", // typed by the Enum, no caller in the project: any member
    "41 dynamodb describe_table", // AwsService("dynamodb"): looked up by value
  ]);
  assert.deepEqual(pairs, [
    "dynamodb:DescribeTable",
    "dynamodb:ListTagsOfResource",
    "dynamodb:TagResource",
    "dynamodb:UntagResource",
    "s3:GetBucketTagging",
    "sqs:ListQueueTags",
  ]);
});

Deno.test("tracker: tuples of clients returned or yielded are unpacked by position (=, with, async with)", async () => {
  const { calls, pairs } = await runFixture("tuple_unpacking");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.services} ${c.method}`), [
    "6 s3 get_bucket_tagging", // async with storage_clients() as (s3, sqs): yield s3, sqs
    "7 sqs list_queue_tags",
    "12 sns list_tags_for_resource", // with notify_clients(...) as (sns, kinesis): yield of two calls
    "13 kinesis list_tags_for_stream",
    "18 s3 get_bucket_tagging", // s3, ddb = make_clients(): return s3, ddb
    "19 dynamodb list_tags_of_resource",
    "21 dynamodb list_tags_of_resource", // both[1]
    "23 s3,dynamodb tag_resource", // for client in make_clients(): either
  ]);
  assert.deepEqual(pairs, [
    "dynamodb:ListTagsOfResource",
    "dynamodb:TagResource",
    "kinesis:ListTagsForStream",
    "s3:GetBucketTagging",
    "sns:ListTagsForResource",
    "sqs:ListQueueTags",
  ]);
});

Deno.test("tracker: a cache held by the instance or the class (self._cache[name] = ...) gives what it stores", async () => {
  const { calls, pairs } = await runFixture("instance_cache");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.services} ${c.method}`), [
    // Keys are not told apart, as for a module's cache: resolution keeps the fitting service.
    "39 dynamodb,sns list_tags_of_resource", // return self._cache[name]
    "40 dynamodb,sns list_tags_for_resource",
    "41 sqs get_queue_url", // return cls._shared.get(name): a class-level dict
    "42  put_item", // a dict of strings is no cache of objects
  ]);
  assert.deepEqual(pairs, ["dynamodb:ListTagsOfResource", "sns:ListTagsForResource", "sqs:GetQueueUrl"]);
});

Deno.test("tracker: context variables hold what is set on them; thread-local objects their assigned attributes", async () => {
  const { calls, pairs } = await runFixture("context_holders");
  assert.deepEqual(calls.map((c) => `${c.location.line} ${c.services} ${c.method}`), [
    "6 dynamodb list_tags_of_resource", // _table_client.get(): set in bind_request
    "7 sqs list_queue_tags", // _queue_client.get(default): the default (the other variable's value stays its own)
    "8 s3 get_bucket_tagging", // return _local.s3, assigned in the same function
    "9 kinesis list_tags_for_stream",
    "10 s3 get_bucket_policy", // _local.s3 read in another module
    "11 kinesis describe_stream_summary", // getattr(_local, "kinesis")
  ]);
  assert.deepEqual(pairs, [
    "dynamodb:ListTagsOfResource",
    "kinesis:DescribeStreamSummary",
    "kinesis:ListTagsForStream",
    "s3:GetBucketPolicy",
    "s3:GetBucketTagging",
    "sqs:ListQueueTags",
  ]);
});
