import assert from "node:assert/strict";
import { typescriptPlugin } from "../../../lib/languages/typescript/mod.ts";
import { KnowledgeBase } from "../../../lib/knowledge/knowledge_base.ts";
import type { SdkCall, SourceFile } from "../../../lib/types.ts";

async function extract(files: Record<string, string>): Promise<SdkCall[]> {
  const kb = await KnowledgeBase.open();
  try {
    const sources: SourceFile[] = Object.entries(files).map(([path, text]) => ({
      path,
      language: /\.[cm]?jsx?$/.test(path) ? "javascript" : "typescript",
      text,
    }));
    const facts = await Promise.all(sources.map((f) => typescriptPlugin.analyzeFile(f)));
    // Facts must survive a Worker boundary: prove they are plain data.
    return typescriptPlugin.linkProject(facts.map((f) => structuredClone(JSON.parse(JSON.stringify(f)))), kb);
  } finally {
    kb.close();
  }
}

const line = (c: SdkCall): string => `${c.pattern} ${c.method} [${c.services}] ${c.operation ?? "-"}`;

Deno.test("typescript/command_send: only constructed commands of @aws-sdk/client-* count, with arguments", async () => {
  const calls = await extract({
    "app.ts": `import { S3Client, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
class ListTablesCommand {}
const s3 = new S3Client({});
const cmd = new GetObjectCommand({ Bucket: process.env.BUCKET, Key: \`k/\${id}\`, ...rest });
await s3.send(cmd);
new ListTablesCommand();
`,
  });
  assert.deepEqual(calls.map(line), ["typescript/command_send GetObjectCommand [s3] GetObject"]);
  assert.deepEqual(calls[0].arguments, [
    { name: "Bucket", value: { kind: "env", name: "BUCKET" } },
    { name: "Key", value: { kind: "pattern", value: "k/*" } },
    { splat: true, value: { kind: "unresolved", expression: "rest" } },
  ]);
  assert.equal(calls[0].location.line, 4);
});

Deno.test("typescript imports: require, namespace, dynamic import, re-exports across modules", async () => {
  const calls = await extract({
    "lib/index.ts": `export * from "./clients";`,
    "lib/clients.ts": `import * as sqs from "@aws-sdk/client-sqs";\nexport const queue = new sqs.SQS({});`,
    "a.cjs":
      `const { SendMessageCommand: Send } = require("@aws-sdk/client-sqs");\nnew Send({ QueueUrl: "q" });`,
    "b.mjs": `const sns = await import("@aws-sdk/client-sns");\nnew sns.PublishCommand({});`,
    "c.ts": `import { queue } from "./lib";\nqueue.deleteMessage({ QueueUrl: "q", ReceiptHandle: "r" });`,
  });
  assert.deepEqual(calls.map(line), [
    "typescript/command_send SendMessageCommand [sqs] SendMessage",
    "typescript/command_send PublishCommand [sns] Publish",
    "typescript/aggregated_client deleteMessage [sqs] DeleteMessage",
  ]);
});

Deno.test("typescript/aggregated_client: class fields, typed params, deps objects; bare clients claim", async () => {
  const calls = await extract({
    "app.ts": `import { DynamoDB, DynamoDBClient } from "@aws-sdk/client-dynamodb";
class Repo {
  private db = new DynamoDB();
  list() { return this.db.listTables(); }
}
function describe(client: DynamoDB, name: string) { return client.describeTable({ TableName: name }, () => {}); }
function viaDeps(deps) { return deps.ddb.scan({ TableName: "t" }); }
viaDeps({ ddb: new DynamoDB({}) });
new DynamoDBClient({}).destroy();
`,
  });
  assert.deepEqual(calls.map(line), [
    "typescript/aggregated_client listTables [dynamodb] ListTables",
    "typescript/aggregated_client describeTable [dynamodb] DescribeTable",
    "typescript/aggregated_client scan [dynamodb] Scan",
  ]);
});

Deno.test("typescript/paginator, waiter, lib_dynamodb, lib_storage, presigner, credential_providers, rds_signer", async () => {
  const calls = await extract({
    "app.ts": `import { paginateScan, waitUntilTableExists, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocument, paginateQuery, DeleteCommand } from "@aws-sdk/lib-dynamodb";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { Signer } from "@aws-sdk/rds-signer";
paginateScan({ client }, { TableName: "t" });
waitUntilTableExists({ client, maxWaitTime: 5 }, { TableName: "t" });
const docs = DynamoDBDocument.from(client);
docs.update({ TableName: "t", Key: {} });
paginateQuery({ client: docs }, { TableName: "t" });
new DeleteCommand({ TableName: "t", Key: {} });
new Upload({ client, params: { Bucket: "b", Key: "k" } });
getSignedUrl(client, new GetItemCommand({ TableName: "t", Key: {} }));
fromTemporaryCredentials({ params: { RoleArn: "arn" } });
new Signer({}).getAuthToken();
`,
  });
  assert.deepEqual(calls.map(line), [
    "typescript/paginator paginateScan [dynamodb] Scan",
    "typescript/waiter waitUntilTableExists [dynamodb] DescribeTable",
    "typescript/lib_dynamodb update [dynamodb] UpdateItem",
    "typescript/lib_dynamodb paginateQuery [dynamodb] Query",
    "typescript/lib_dynamodb DeleteCommand [dynamodb] DeleteItem",
    "typescript/lib_storage Upload [s3] PutObject",
    "typescript/lib_storage Upload [s3] CreateMultipartUpload",
    "typescript/lib_storage Upload [s3] UploadPart",
    "typescript/lib_storage Upload [s3] CompleteMultipartUpload",
    "typescript/lib_storage Upload [s3] AbortMultipartUpload",
    "typescript/command_send GetItemCommand [dynamodb] GetItem",
    "typescript/credential_providers fromTemporaryCredentials [sts] AssumeRole",
    "typescript/rds_signer getAuthToken [rds-db] connect",
  ]);
  // No `tags` option: no PutObjectTagging.
  assert.ok(!calls.some((c) => c.operation === "PutObjectTagging"));
});

Deno.test("typescript tracker: a globalThis cache (`g.doc ??= X`, Next.js dev reload idiom) is the client X", async () => {
  const calls = await extract({
    "lib/aws.ts": `import { DynamoDB } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
const globalForAws = globalThis as unknown as { __doc?: DynamoDBDocument };
export const doc: DynamoDBDocument = globalForAws.__doc ??= DynamoDBDocument.from(new DynamoDB({}));
export const s3 = (globalThis as any).__s3 ?? new S3Client({});
export const bucket = globalThis.process.env.BUCKET;
`,
    "app/page.ts": `import { doc, s3, bucket } from "../lib/aws";
import { GetObjectCommand } from "@aws-sdk/client-s3";
export default async function Page() {
  await doc.query({ TableName: "t", KeyConditionExpression: "pk = :p" });
  await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
}
`,
  });
  assert.deepEqual(calls.map(line), [
    "typescript/lib_dynamodb query [dynamodb] Query",
    "typescript/command_send GetObjectCommand [s3] GetObject",
  ]);
  // process.env through globalThis is still an environment variable.
  assert.deepEqual(calls[1].arguments[0], { name: "Bucket", value: { kind: "env", name: "BUCKET" } });
});

Deno.test("typescript/library_model: Powertools parameters and idempotency, by function, constructor and method", async () => {
  const calls = await extract({
    "config.mts": `import { getParameter, SSMProvider } from "@aws-lambda-powertools/parameters/ssm";
import * as secrets from "@aws-lambda-powertools/parameters/secrets";
export const url = await getParameter("/app/url", { maxAge: 300 });
export const key = await secrets.getSecret("app/key", { transform: "json" });
class Settings {
  private readonly provider = new SSMProvider({ clientConfig: { region: "eu-west-1" } });
  all() { return this.provider.getMultiple("/app/flags", { recursive: true }); }
}
`,
    "handler.mts": `import { makeIdempotent } from "@aws-lambda-powertools/idempotency";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import { BatchProcessor, EventType } from "@aws-lambda-powertools/batch";
const getParameter = (name: string) => process.env[name];
const persistenceStore = new DynamoDBPersistenceLayer({ tableName: process.env.IDEMPOTENCY_TABLE! });
export const handler = makeIdempotent(async () => getParameter("X"), { persistenceStore });
new BatchProcessor(EventType.SQS);
`,
  });
  assert.deepEqual(calls.map(line), [
    "typescript/library_model getParameter [ssm] GetParameter",
    "typescript/library_model getSecret [secretsmanager] GetSecretValue",
    "typescript/library_model getMultiple [ssm] GetParametersByPath",
    "typescript/library_model DynamoDBPersistenceLayer [dynamodb] GetItem",
    "typescript/library_model DynamoDBPersistenceLayer [dynamodb] PutItem",
    "typescript/library_model DynamoDBPersistenceLayer [dynamodb] UpdateItem",
    "typescript/library_model DynamoDBPersistenceLayer [dynamodb] DeleteItem",
  ]);
  // A positional name is no option; an options object gives its members.
  assert.deepEqual(calls[0].arguments, []);
  assert.deepEqual(calls[3].arguments, [
    { name: "tableName", value: { kind: "env", name: "IDEMPOTENCY_TABLE" } },
  ]);
});

Deno.test("typescript/library_model: Middy middlewares by ESM default import and CommonJS require", async () => {
  const calls = await extract({
    "a.mjs": `import middy from "@middy/core";
import secretsManager from "@middy/secrets-manager";
export const a = middy(async () => {}).use(secretsManager({ fetchData: { db: "prod/db" } }));
export const b = middy(async () => {}).use(secretsManager({ fetchData: { db: "prod/db" }, fetchRotationDate: true }));
`,
    "b.cjs": `const middy = require("@middy/core");
const ssm = require("@middy/ssm");
module.exports.handler = middy(async () => {}).use(ssm({ fetchData: { flags: "/app/flags/" } }));
`,
  });
  assert.deepEqual(calls.map((c) => `${c.location.file}:${c.location.line} ${line(c)}`), [
    "a.mjs:3 typescript/library_model default [secretsmanager] GetSecretValue",
    "a.mjs:4 typescript/library_model default [secretsmanager] GetSecretValue",
    "a.mjs:4 typescript/library_model default [secretsmanager] DescribeSecret",
    "b.cjs:3 typescript/library_model default [ssm] GetParameters",
    "b.cjs:3 typescript/library_model default [ssm] GetParametersByPath",
  ]);
});

Deno.test("typescript/client_method_call: untracked receivers only with a visible client import and object input", async () => {
  const calls = await extract({
    "a.ts":
      `import type { S3 } from "@aws-sdk/client-s3";\nexport const f = (x: any) => x.listBuckets({});\npool.query("SELECT 1");`,
    "b.js": `export const g = (x) => x.listBuckets({}); // no SDK import here`,
  });
  assert.deepEqual(calls.map(line), ["typescript/client_method_call listBuckets [s3] -"]);
});

Deno.test("typescript plug-in: syntax errors are reported, not thrown", async () => {
  const facts = await typescriptPlugin.analyzeFile({
    path: "bad.ts",
    language: "typescript",
    text: "const = ;\n",
  });
  assert.ok(facts.error);
  assert.equal(facts.error.line, 1);
});
