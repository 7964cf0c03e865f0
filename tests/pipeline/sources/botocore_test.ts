import assert from "node:assert/strict";
import { createDatabase, type Database, queryAll, SourceError } from "../../../pipeline/sqlite.ts";
import { ingestBotocore } from "../../../pipeline/sources/botocore.ts";
import type { BuildLog } from "../../../pipeline/source_record.ts";

const FIXTURE = new URL("../../fixtures/pipeline/botocore/", import.meta.url).pathname;
const REAL = new URL("../../../../shared/data/botocore/data", import.meta.url).pathname;
const realAvailable = await Deno.stat(REAL).then(() => true, () => false);

function collectingLog(): BuildLog & { messages: string[] } {
  const messages: string[] = [];
  return { messages, warn: (message: string) => messages.push(message) };
}

async function build(dir: string): Promise<{ db: Database; log: ReturnType<typeof collectingLog> }> {
  const db = await createDatabase();
  const log = collectingLog();
  await ingestBotocore(db, dir, log);
  return { db, log };
}

Deno.test("botocore fixture: newest API version, sdk-extras merge, naming columns", async () => {
  const db = await createDatabase();
  const log = collectingLog();
  const record = await ingestBotocore(db, `${FIXTURE}data`, log);
  assert.equal(record.name, "botocore");
  assert.equal(record.location, `${FIXTURE}data`);
  assert.equal(record.detail.services, 2);
  assert.equal(record.detail.older_api_versions_skipped, 1);
  assert.match(String(record.detail.sha256), /^[0-9a-f]{64}$/);
  assert.ok(log.messages.some((m) => m.includes("empty-service")), "a folder without a model is reported");

  const services = queryAll(db, "SELECT * FROM services ORDER BY service");
  assert.deepEqual(services.map((s) => s.service), ["demo", "stepfunctions"]);
  const demo = services[0];
  assert.equal(demo.api_version, "2020-06-30");
  assert.equal(demo.service_id, "Demo Things Service", "service-2.sdk-extras.json merge applied");
  assert.equal(demo.sdk_id, "Demo Things Service");
  assert.equal(demo.endpoint_prefix, "demo-api");
  assert.equal(demo.signing_name, "demo");
  assert.equal(demo.protocol, "json", "falls back to protocols[0]");
  assert.equal(demo.iam_prefix, null);
  assert.equal(demo.js_package, "@aws-sdk/client-demo-things-service");
  assert.equal(demo.java_client, "DemoThingsClient");
  const sfn = services[1];
  assert.equal(sfn.js_package, "@aws-sdk/client-sfn");
  assert.equal(sfn.js_client, "SFNClient");
  assert.equal(sfn.js_aggregated_client, "SFN");
  assert.equal(sfn.go_package, "github.com/aws/aws-sdk-go-v2/service/sfn");
  assert.equal(sfn.java_package, "software.amazon.awssdk.services.sfn");
  assert.equal(sfn.java_client, "SfnClient");
  assert.equal(sfn.signing_name, "states", "signing name defaults to the endpoint prefix");

  const ops = queryAll(db, "SELECT * FROM operations WHERE service = 'demo' ORDER BY operation");
  assert.deepEqual(ops.map((o) => o.operation), [
    "DescribeDBThings",
    "GetThingACLs",
    "ListThingsV2",
    "PutThing",
  ]);
  assert.deepEqual(ops[2], {
    service: "demo",
    operation: "ListThingsV2",
    python_name: "list_things_v2",
    js_command: "ListThingsV2Command",
    js_method: "listThingsV2",
    go_method: "ListThingsV2",
    java_method: "listThingsV2",
    has_input: 1,
    deprecated: 0,
  });
  assert.equal(ops[0].python_name, "describe_db_things");
  assert.equal(ops[1].python_name, "get_thing_acls");
  assert.equal(ops[1].has_input, 0);
  assert.equal(ops[3].deprecated, 1);

  assert.deepEqual(
    queryAll(
      db,
      "SELECT member, required, shape_type FROM operation_members WHERE operation = 'ListThingsV2'",
    ),
    [
      { member: "Bucket", required: 1, shape_type: "string" },
      { member: "Filter", required: 0, shape_type: "structure" },
      { member: "MaxKeys", required: 0, shape_type: "integer" },
    ],
  );
  assert.deepEqual(queryAll(db, "SELECT * FROM paginators"), [{
    service: "demo",
    operation: "ListThingsV2",
  }]);
  assert.deepEqual(queryAll(db, "SELECT * FROM waiters ORDER BY waiter"), [
    {
      service: "demo",
      waiter: "DBThingAvailable",
      python_name: "db_thing_available",
      operation: "DescribeDBThings",
    },
    { service: "demo", waiter: "ThingExists", python_name: "thing_exists", operation: "ListThingsV2" },
  ]);
  assert.deepEqual(queryAll(db, "SELECT * FROM partitions ORDER BY partition"), [
    {
      partition: "aws",
      region_regex: "^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$",
      dns_suffix: "amazonaws.com",
      regions: '["aws-global","us-east-1","us-west-2"]',
    },
    {
      partition: "aws-cn",
      region_regex: "^cn\\-\\w+\\-\\d+$",
      dns_suffix: "amazonaws.com.cn",
      regions: '["cn-north-1","cn-northwest-1"]',
    },
  ]);
});

Deno.test("botocore fixture: the old API version's operations are not read", async () => {
  const { db } = await build(`${FIXTURE}data`);
  assert.deepEqual(queryAll(db, "SELECT * FROM operations WHERE operation = 'OldOnly'"), []);
});

Deno.test("botocore: bad inputs raise SourceError naming the path", async () => {
  const db = await createDatabase();
  const log = collectingLog();
  await assert.rejects(() => ingestBotocore(db, `${FIXTURE}missing`, log), (error: unknown) => {
    assert.ok(error instanceof SourceError);
    assert.match(error.message, /missing.*folder not found/);
    return true;
  });
  await assert.rejects(() => ingestBotocore(db, `${FIXTURE}bad`, log), (error: unknown) => {
    assert.ok(error instanceof SourceError);
    assert.match(error.message, /broken\/2020-01-01\/service-2\.json.*invalid JSON/);
    return true;
  });
  const empty = await Deno.makeTempDir();
  try {
    await assert.rejects(() => ingestBotocore(db, empty, log), /no service models found/);
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
});

Deno.test({
  name: "botocore real data: s3, stepfunctions, partitions, deterministic output",
  ignore: !realAvailable,
  async fn() {
    const first = await build(REAL);
    const db = first.db;
    assert.deepEqual(
      queryAll(
        db,
        "SELECT python_name, js_method, java_method FROM operations WHERE service='s3' AND operation='ListObjectsV2'",
      ),
      [{ python_name: "list_objects_v2", js_method: "listObjectsV2", java_method: "listObjectsV2" }],
    );
    assert.deepEqual(
      queryAll(
        db,
        "SELECT required FROM operation_members WHERE service='s3' AND operation='ListObjectsV2' AND member='Bucket'",
      ),
      [{ required: 1 }],
    );
    assert.deepEqual(
      queryAll(db, "SELECT operation, python_name FROM waiters WHERE service='s3' AND waiter='BucketExists'"),
      [{ operation: "HeadBucket", python_name: "bucket_exists" }],
    );
    assert.deepEqual(
      queryAll(db, "SELECT 1 AS ok FROM paginators WHERE service='s3' AND operation='ListObjectsV2'"),
      [{ ok: 1 }],
    );
    const [sfn] = queryAll(db, "SELECT * FROM services WHERE service='stepfunctions'");
    assert.equal(sfn.js_package, "@aws-sdk/client-sfn");
    assert.equal(sfn.go_package, "github.com/aws/aws-sdk-go-v2/service/sfn");
    assert.equal(sfn.java_client, "SfnClient");
    assert.equal(sfn.endpoint_prefix, "states");
    const [secrets] = queryAll(db, "SELECT * FROM services WHERE service='secretsmanager'");
    assert.equal(secrets.js_client, "SecretsManagerClient");
    assert.ok(Number(queryAll(db, "SELECT count(*) AS n FROM services")[0].n) >= 400);

    const [cn] = queryAll(db, "SELECT * FROM partitions WHERE partition='aws-cn'");
    assert.ok(new RegExp(String(cn.region_regex)).test("cn-north-1"));
    assert.ok(!new RegExp(String(cn.region_regex)).test("us-east-1"));
    assert.ok((JSON.parse(String(cn.regions)) as string[]).includes("cn-north-1"));

    const second = await build(REAL);
    assert.deepEqual(second.db.export(), db.export(), "two builds give identical bytes");
  },
});
