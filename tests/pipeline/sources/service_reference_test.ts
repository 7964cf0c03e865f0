import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { insertRows, queryAll, SourceError } from "../../../pipeline/sqlite.ts";
import type { Database } from "../../../pipeline/sqlite.ts";
import { ingestIamData } from "../../../pipeline/sources/iam_data.ts";
import { ingestServiceReference } from "../../../pipeline/sources/service_reference.ts";
import { collectingLog, operationRow, serviceRow, stagingDatabase } from "../../helpers/staging_db.ts";

const FIXTURES = new URL("../../fixtures/pipeline/", import.meta.url);

// This source reads endpoint prefixes, so every service here has one.
function service(
  service: string,
  serviceId: string,
  iamPrefix: string | null = null,
): Record<string, unknown> {
  return serviceRow(service, serviceId, { endpoint_prefix: service, iam_prefix: iamPrefix });
}

// Service Reference names operations per SDK, so the rows carry real Python and camelCase names.
function operation(service: string, operation: string, pythonName: string): Record<string, unknown> {
  const camel = operation[0].toLowerCase() + operation.slice(1);
  return operationRow(service, operation, { python_name: pythonName, js_method: camel, java_method: camel });
}

async function setup(): Promise<Database> {
  const db = await stagingDatabase();
  insertRows(db, "services", [service("s3", "S3"), service("stepfunctions", "SFN", "states")]);
  insertRows(db, "operations", [
    operation("s3", "GetObject", "get_object"),
    operation("s3", "ListObjectsV2", "list_objects_v2"),
    operation("stepfunctions", "StartExecution", "start_execution"),
  ]);
  await ingestIamData(db, fileURLToPath(new URL("iam-data", FIXTURES)), collectingLog());
  return db;
}

/** Serves the fixture folder on 127.0.0.1 (random port); "/" is the service list. */
function serveFixtures(): { url: string; requests: string[]; close(): Promise<void> } {
  const requests: string[] = [];
  const root = new URL("service-reference/", FIXTURES);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const path = new URL(req.url).pathname;
    requests.push(path);
    if (path === "/broken.json") return new Response("{not json", { status: 200 });
    try {
      const file = path === "/" ? "index.json" : path.slice(1);
      return new Response(await Deno.readTextFile(new URL(file, root)), {
        headers: { "content-type": "application/json" },
      });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/`,
    requests,
    close: () => server.shutdown(),
  };
}

Deno.test("ingestServiceReference stages Operations and extends IAM rows", async () => {
  const db = await setup();
  const server = serveFixtures();
  try {
    const log = collectingLog();
    const record = await ingestServiceReference(db, server.url, log);
    assert.equal(record.name, "service-reference");
    assert.equal(record.detail.services, 2);
    assert.match(String(record.detail.sha256), /^[0-9a-f]{64}$/);
    assert.deepEqual(
      queryAll(
        db,
        "SELECT service, operation, seq, action, context, detail FROM staging_sr_actions ORDER BY 1, 2, 3",
      ),
      [
        {
          service: "s3",
          operation: "GetObject",
          seq: 0,
          action: "s3:GetObject",
          context: "{}",
          detail: "s3:GetObject",
        },
        {
          service: "s3",
          operation: "GetObject",
          seq: 1,
          action: "s3:GetObjectTagging",
          context: "{}",
          detail: "s3:GetObject",
        },
        {
          service: "s3",
          operation: "GetObject",
          seq: 2,
          action: "kms:Decrypt",
          context: '{"kms:ViaService":["s3.amazonaws.com"]}',
          detail: "s3:GetObject",
        },
        {
          service: "s3",
          operation: "ListObjectsV2",
          seq: 0,
          action: "s3:ListBucket",
          context: "{}",
          detail: "s3:ListObjectsV2",
        },
        // no Boto3 SDK entry: attributed through services.iam_prefix = states
        {
          service: "stepfunctions",
          operation: "StartExecution",
          seq: 0,
          action: "states:StartExecution",
          context: "{}",
          detail: "states:StartExecution",
        },
      ],
    );
    // a new action is added, an existing one keeps iam-data's description, untouched ones stay
    assert.deepEqual(
      queryAll(
        db,
        "SELECT action, access_level, description FROM iam_actions WHERE prefix = 's3' ORDER BY action",
      ),
      [
        { action: "GetObject", access_level: "Read", description: "Grants permission to retrieve objects" },
        { action: "GetObjectTagging", access_level: "Read", description: null },
        {
          action: "GetObjectVersion",
          access_level: "Read",
          description: "Grants permission to retrieve a version",
        },
        { action: "ListBucket", access_level: "List", description: "Grants permission to list objects" },
        { action: "PutObject", access_level: "Write", description: "Grants permission to add an object" },
      ],
    );
    assert.deepEqual(
      queryAll(db, "SELECT required FROM iam_action_resources WHERE prefix = 's3' AND action = 'GetObject'"),
      [{ required: 1 }],
    );
    assert.deepEqual(
      queryAll(db, "SELECT arn_formats FROM iam_resource_types WHERE prefix = 'states'"),
      [{ arn_formats: '["arn:${Partition}:states:${Region}:${Account}:stateMachine:${StateMachineName}"]' }],
    );
    assert.deepEqual(log.warnings, []);
  } finally {
    await server.close();
  }
});

Deno.test("ingestServiceReference names the URL on 404, bad JSON and unreachable hosts", async () => {
  const db = await setup();
  const server = serveFixtures();
  try {
    const notFound = async (list: unknown[]): Promise<void> => {
      const fake: typeof fetch = (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (url === server.url) return Promise.resolve(Response.json(list));
        return fetch(input, init);
      };
      await ingestServiceReference(db, server.url, collectingLog(), { fetch: fake });
    };
    await assert.rejects(
      () => notFound([{ service: "s3", url: "v1/missing.json" }]),
      (e: unknown) =>
        e instanceof SourceError && e.message.includes(`${server.url}v1/missing.json`) &&
        e.message.includes("HTTP 404"),
    );
    await assert.rejects(
      () => notFound([{ service: "s3", url: "broken.json" }]),
      (e: unknown) =>
        e instanceof SourceError && e.message.includes("broken.json") && /not valid JSON/.test(e.message),
    );
    await assert.rejects(
      () => ingestServiceReference(db, `${server.url}nothing-here/`, collectingLog()),
      (e: unknown) => e instanceof SourceError && e.message.includes("HTTP 404"),
    );
  } finally {
    await server.close();
  }
  // The port is closed now: connection refused.
  await assert.rejects(
    () => ingestServiceReference(db, server.url, collectingLog(), { timeoutMs: 2000 }),
    (e: unknown) =>
      e instanceof SourceError && e.message.includes(server.url) && e.message.includes("cannot fetch"),
  );
  await assert.rejects(
    () => ingestServiceReference(db, "file:///etc/", collectingLog()),
    (e: unknown) => e instanceof SourceError && e.message.includes("http(s)"),
  );
});
