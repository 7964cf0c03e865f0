/**
 * Tracker: `with f() as x` over a generator made a context manager (`@contextmanager`, `@asynccontextmanager`,
 * as `contextlib.` attributes too) binds what it yields; `contextlib.closing(x)` enters as `x`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { extract, summary } from "./extract.ts";
import { pySource, realKnowledgeBase } from "./real_kb.ts";

const AWS = `import contextlib
from contextlib import asynccontextmanager, closing, contextmanager

import boto3


@contextmanager
def sqs_client():
    client = boto3.client("sqs")
    try:
        yield client
    finally:
        client.close()


@contextlib.contextmanager
def kms_client(region):
    yield boto3.client("kms", region_name=region)


@asynccontextmanager
async def ddb_client():
    client = boto3.client("dynamodb")
    yield client


def plain():
    return boto3.client("sns")
`;

const WORKER = `from contextlib import closing

import boto3

from aws import ddb_client, kms_client, plain, sqs_client


async def run(url):
    with sqs_client() as sqs:
        sqs.receive_message(QueueUrl=url)
    with kms_client("eu-west-1") as kms, closing(boto3.client("secretsmanager")) as sm:
        kms.decrypt(CiphertextBlob=b"")
        sm.get_secret_value(SecretId="s")
    async with ddb_client() as ddb:
        ddb.get_item(TableName="t", Key={})
    plain().publish(TopicArn="arn:aws:sns:us-east-1:1:t", Message="m")
`;

Deno.test("python: with over a @contextmanager / @asynccontextmanager generator binds what it yields; closing(x) is x", async () => {
  const kb = await realKnowledgeBase();
  try {
    const calls = await extract([pySource("aws.py", AWS), pySource("worker.py", WORKER)], kb);
    assert.deepEqual(calls.filter((c) => c.location.file === "worker.py").map(summary), [
      "worker.py:10:9 receive_message [sqs]",
      "worker.py:12:9 decrypt [kms]",
      "worker.py:13:9 get_secret_value [secretsmanager]",
      "worker.py:15:9 get_item [dynamodb]",
      "worker.py:16:5 publish [sns]",
    ]);
  } finally {
    kb.close();
  }
});
