import assert from "node:assert/strict";
import { RESOURCE_ATTRIBUTE_PATTERN_ID } from "../../../lib/languages/python/patterns/resource_attribute.ts";
import { args } from "./extract.ts";
import { lines, runFixture } from "./pattern_fixture.ts";

Deno.test("python/resource_attribute: data attributes of a resource made from identifiers load it", async () => {
  assert.equal(RESOURCE_ATTRIBUTE_PATTERN_ID, "python/resource_attribute");
  const { calls, pairs } = await runFixture("resource_attribute");
  assert.deepEqual(lines(calls, RESOURCE_ATTRIBUTE_PATTERN_ID), [
    "10 describe_stacks DescribeStacks", // stack.outputs
    "16 head_object HeadObject", // obj.content_length; obj.key and obj.bucket_name are identifiers
    "21 describe_instances DescribeInstances", // instance.vpc: a reference made from the instance's data
    "22 describe_vpcs DescribeVpcs", // vpc.cidr_block
    "40 get_queue_attributes GetQueueAttributes", // queue.attributes.get(...): read, then a method called on it
    // summary.size of collection items, b.upload_file, b.objects and b.meta: no load
  ]);
  assert.deepEqual(args(calls[0]), { StackName: "?name" });
  assert.deepEqual(args(calls[1]), { Bucket: "?bucket", Key: "?key" });
  assert.deepEqual(args(calls.find((c) => c.operation === "GetQueueAttributes")!), { QueueUrl: "?url" });
  // `upload = b.upload_file` is a method kept to be called (python/callable_reference): its transfer operations.
  assert.deepEqual(pairs, [
    "cloudformation:DescribeStacks",
    "ec2:DescribeInstances",
    "ec2:DescribeVpcs",
    "s3:AbortMultipartUpload",
    "s3:CompleteMultipartUpload",
    "s3:CreateMultipartUpload",
    "s3:HeadObject",
    "s3:ListObjects",
    "s3:PutObject",
    "s3:UploadPart",
    "sqs:GetQueueAttributes",
    "sqs:ListDeadLetterSourceQueues",
  ]);
});
