/**
 * `python/field_default`: field specifiers (dataclasses, attrs, pydantic) read as the default they give, and
 * lambdas as functions whose call gives their body (the factories such specifiers take).
 *
 * @module
 */
import assert from "node:assert/strict";
import { FIELD_DEFAULT_PATTERN_ID } from "../../../lib/languages/python/patterns/field_default.ts";
import { extract, summary } from "./extract.ts";
import { pySource, realKnowledgeBase } from "./real_kb.ts";
import type { SdkCall, SourceFile } from "../../../lib/types.ts";

/** The calls of `files`, with the real knowledge database (a tiny one lacks most of these services). */
async function calls(...files: SourceFile[]): Promise<SdkCall[]> {
  const kb = await realKnowledgeBase();
  try {
    return await extract(files, kb);
  } finally {
    kb.close();
  }
}

const CHANNELS = `import dataclasses
from dataclasses import dataclass, field
from typing import Any

import attr
import attrs
import boto3
from pydantic import Field
from pydantic_settings import BaseSettings


def make_kinesis():
    return boto3.client("kinesis")


class Settings(BaseSettings):
    email_service: str = Field(default="sesv2")
    sms_service: str = Field("sns", description="SMS provider")
    tables: list = Field(default_factory=list)


@dataclass
class DeadLetters:
    url: str
    sqs: Any = field(default_factory=lambda: boto3.client("sqs"))
    audit: Any = dataclasses.field(default=None)

    def park(self, body):
        self.sqs.send_message(QueueUrl=self.url, MessageBody=body)


@attrs.define
class Mailer:
    sender: str
    ses: Any = attrs.field(factory=lambda: boto3.client("sesv2"))
    stream: Any = attrs.field(default=attrs.Factory(make_kinesis))

    def send(self, to):
        self.ses.send_email(FromEmailAddress=self.sender, Destination={"ToAddresses": [to]}, Content={})
        self.stream.put_record(StreamName="mail", Data=b"", PartitionKey=to)


@attr.s
class Legacy:
    logs = attr.ib(factory=lambda: boto3.client("logs"))

    def write(self):
        self.logs.put_log_events(logGroupName="g", logStreamName="s", logEvents=[])


def from_settings():
    settings = Settings()
    session = boto3.session.Session()
    mail = session.client(service_name=settings.email_service)
    mail.send_email(FromEmailAddress="a@example.com", Destination={}, Content={})
    session.client(settings.sms_service).publish(PhoneNumber="+1555", Message="hi")
`;

Deno.test("python/field_default: dataclass, attrs and pydantic field defaults and factories give the field's value", async () => {
  assert.equal(FIELD_DEFAULT_PATTERN_ID, "python/field_default");
  const found = await calls(pySource("notify/channels.py", CHANNELS));
  assert.deepEqual(found.map(summary), [
    "channels.py:29:9 send_message [sqs]", // field(default_factory=lambda: ...)
    "channels.py:39:9 send_email [sesv2]", // attrs.field(factory=lambda: ...)
    "channels.py:40:9 put_record [kinesis]", // attrs.field(default=attrs.Factory(make_kinesis))
    "channels.py:48:9 put_log_events [logs]", // attr.ib(factory=...)
    "channels.py:55:5 send_email [sesv2]", // Field(default="sesv2") read on an instance
    "channels.py:56:5 publish [sns]", // Field("sns", ...): the first positional argument
  ]);
});

Deno.test("python/field_default: what the constructor passes joins the default; a specifier without one says nothing", async () => {
  const source = `import boto3
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Publisher:
    sns: Any = field(default_factory=lambda: boto3.client("sns"))
    other: Any = field(repr=False)

    def announce(self):
        self.sns.publish(TopicArn="arn:aws:sns:us-east-1:1:t", Message="m")
        self.other.publish(TopicArn="arn:aws:sns:us-east-1:1:t", Message="m")


def main():
    Publisher(sns=boto3.client("iot-data"), other=None).announce()
`;
  const found = await calls(pySource("pub.py", source));
  assert.deepEqual(found.map(summary), [
    "pub.py:12:9 publish [iot-data,sns]",
    "pub.py:13:9 publish []",
  ]);
});

Deno.test("python: a lambda is a function whose call gives its body, with its parameters bound in its own scope", async () => {
  const source = `import boto3

region = "us-east-1"
make_s3 = lambda: boto3.client("s3")
sqs_in = lambda region: boto3.client("sqs", region_name=region)
FACTORIES = {"events": lambda: boto3.client("events")}


def run(keys):
    make_s3().get_object(Bucket="b", Key="k")
    sqs_in("eu-west-1").send_message(QueueUrl="q", MessageBody="x")
    FACTORIES["events"]().put_events(Entries=[])
    return sorted(keys, key=lambda k: make_s3().head_object(Bucket="b", Key=k)["ContentLength"])
`;
  const found = await calls(pySource("app.py", source));
  assert.deepEqual(found.map(summary), [
    "app.py:10:5 get_object [s3]",
    "app.py:11:5 send_message [sqs]",
    "app.py:12:5 put_events [events]",
    "app.py:13:39 head_object [s3]",
  ]);
});
