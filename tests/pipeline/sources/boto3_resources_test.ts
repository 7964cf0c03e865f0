import assert from "node:assert/strict";
import { createDatabase, type Database, queryAll, SourceError } from "../../../pipeline/sqlite.ts";
import { ingestBoto3Resources } from "../../../pipeline/sources/boto3_resources.ts";
import type { BuildLog } from "../../../pipeline/source_record.ts";

const FIXTURE = new URL("../../fixtures/pipeline/boto3/data", import.meta.url).pathname;
const REAL = new URL("../../../../shared/data/boto3/data", import.meta.url).pathname;
const realAvailable = await Deno.stat(REAL).then(() => true, () => false);

const log: BuildLog = { warn: () => {} };

async function build(dir: string): Promise<Database> {
  const db = await createDatabase();
  await ingestBoto3Resources(db, dir, log);
  return db;
}

function member(db: Database, service: string, resource: string, name: string): Record<string, unknown> {
  const rows = queryAll(
    db,
    "SELECT kind, operation, target_resource, params FROM boto3_resource_members WHERE service=? AND resource=? AND name=?",
    [service, resource, name],
  );
  assert.equal(rows.length, 1, `${service} ${resource}.${name} not found`);
  return { ...rows[0], params: JSON.parse(String(rows[0].params)) };
}

Deno.test("boto3 fixture: resources, member kinds, boto3 renames, newest version", async () => {
  const db = await createDatabase();
  const record = await ingestBoto3Resources(db, FIXTURE, log);
  assert.equal(record.name, "boto3");
  assert.equal(record.detail.services, 1);
  assert.deepEqual(queryAll(db, "SELECT * FROM boto3_resources ORDER BY resource"), [
    { service: "demo", resource: "Owner", identifiers: '["Id"]', shape: null },
    { service: "demo", resource: "Part", identifiers: '["ThingName","Id"]', shape: null },
    { service: "demo", resource: "ServiceResource", identifiers: "[]", shape: null },
    { service: "demo", resource: "Thing", identifiers: '["Name"]', shape: "Thing" },
  ]);
  assert.deepEqual(
    queryAll(
      db,
      "SELECT name, kind FROM boto3_resource_members WHERE resource='ServiceResource' ORDER BY name",
    ),
    [
      { name: "Owner", kind: "subresource" },
      { name: "Part", kind: "subresource" },
      { name: "Thing", kind: "subresource" },
      { name: "put_thing", kind: "action" },
      { name: "things", kind: "collection" },
      { name: "things.delete", kind: "batch_action" },
    ],
    "the old API version's OldAction is not read; every resource type is a sub-resource of the service",
  );
  assert.deepEqual(
    queryAll(
      db,
      "SELECT name, kind, operation FROM boto3_resource_members WHERE resource='Thing' ORDER BY name",
    ),
    [
      { name: "Part", kind: "subresource", operation: null },
      { name: "delete", kind: "action", operation: "DeleteThing" },
      { name: "load", kind: "load", operation: "DescribeDBThings" },
      { name: "owner", kind: "reference", operation: null },
      { name: "parts", kind: "action", operation: "GetThingACLs" },
      { name: "parts_collection", kind: "collection", operation: "ListParts" },
      { name: "parts_collection.delete", kind: "batch_action", operation: "DeleteParts" },
      { name: "reload", kind: "load", operation: "DescribeDBThings" },
      { name: "wait_until_exists", kind: "waiter", operation: null },
    ],
  );
  assert.deepEqual(member(db, "demo", "Thing", "wait_until_exists"), {
    kind: "waiter",
    operation: null,
    target_resource: null,
    params: { params: [{ name: "Name", source: "identifier", target: "Bucket" }], waiter: "ThingExists" },
  });
  assert.deepEqual(member(db, "demo", "Thing", "Part").params, [
    { name: "Name", source: "identifier", target: "ThingName" },
    { source: "input", target: "Id" },
  ]);
  assert.equal(member(db, "demo", "Thing", "owner").target_resource, "Owner");
  assert.equal(member(db, "demo", "ServiceResource", "put_thing").target_resource, "Thing");
  assert.equal(member(db, "demo", "Thing", "parts_collection").target_resource, "Part");
});

Deno.test("boto3: bad inputs raise SourceError naming the path", async () => {
  const db = await createDatabase();
  await assert.rejects(() => ingestBoto3Resources(db, `${FIXTURE}/nope`, log), (error: unknown) => {
    assert.ok(error instanceof SourceError);
    assert.match(error.message, /nope.*folder not found/);
    return true;
  });
  const dir = await Deno.makeTempDir();
  try {
    await assert.rejects(() => ingestBoto3Resources(db, dir, log), /no resource models found/);
    await Deno.mkdir(`${dir}/svc/2020-01-01`, { recursive: true });
    await Deno.writeTextFile(`${dir}/svc/2020-01-01/resources-1.json`, "{ not json");
    await assert.rejects(
      () => ingestBoto3Resources(db, dir, log),
      /svc\/2020-01-01\/resources-1\.json.*invalid JSON/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "boto3 real data: s3 and dynamodb resources",
  ignore: !realAvailable,
  async fn() {
    const db = await build(REAL);
    assert.deepEqual(member(db, "s3", "Bucket", "delete"), {
      kind: "action",
      operation: "DeleteBucket",
      target_resource: null,
      params: [{ name: "Name", source: "identifier", target: "Bucket" }],
    });
    assert.equal(member(db, "s3", "Object", "put").operation, "PutObject");
    assert.equal(member(db, "s3", "Object", "load").operation, "HeadObject");
    assert.deepEqual(
      { ...member(db, "s3", "Bucket", "objects"), params: undefined },
      { kind: "collection", operation: "ListObjects", target_resource: "ObjectSummary", params: undefined },
    );
    assert.equal(member(db, "s3", "Bucket", "objects.delete").operation, "DeleteObjects");
    assert.equal(member(db, "s3", "Bucket", "Object").kind, "subresource");
    assert.equal(member(db, "s3", "Bucket", "Object").target_resource, "Object");
    assert.equal(
      (member(db, "s3", "Bucket", "wait_until_exists").params as { waiter: string }).waiter,
      "BucketExists",
    );
    assert.equal(member(db, "s3", "ServiceResource", "buckets").operation, "ListBuckets");
    assert.equal(member(db, "s3", "ServiceResource", "Bucket").kind, "subresource");
    assert.equal(member(db, "s3", "ServiceResource", "create_bucket").operation, "CreateBucket");
    assert.equal(member(db, "dynamodb", "Table", "get_item").operation, "GetItem");
    assert.equal(member(db, "dynamodb", "Table", "load").operation, "DescribeTable");
    assert.equal(member(db, "dynamodb", "Table", "reload").operation, "DescribeTable");
    assert.equal(member(db, "sqs", "Queue", "send_message").operation, "SendMessage");
    assert.equal(member(db, "ec2", "Instance", "vpc").kind, "reference");
    assert.deepEqual(
      queryAll(db, "SELECT identifiers FROM boto3_resources WHERE service='s3' AND resource='Object'"),
      [{ identifiers: '["BucketName","Key"]' }],
    );
    const again = await build(REAL);
    assert.deepEqual(again.export(), db.export(), "two builds give identical bytes");
  },
});
