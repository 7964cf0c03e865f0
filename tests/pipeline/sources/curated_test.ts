import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Database, insertRows, queryAll } from "../../../pipeline/sqlite.ts";
import {
  CURATED_FILES,
  defaultCuratedDir,
  ingestCurated,
  readCurated,
} from "../../../pipeline/sources/curated.ts";
import {
  assertSourceError,
  collectingLog,
  operationRow,
  serviceRow,
  stagingDatabase,
} from "../../helpers/staging_db.ts";

const FIXTURE = fileURLToPath(new URL("../../fixtures/pipeline/curated/valid", import.meta.url));
const BOTOCORE = "/work/shared/data/botocore/data";

/** A database with the few services, operations and IAM rows the fixture names. */
async function fixtureDb(): Promise<Database> {
  const db = await stagingDatabase();
  const services: [string, string | null][] = [
    ["s3", "s3"],
    ["stepfunctions", "states"],
    ["logs", "logs"],
    ["kms", "kms"],
    ["ssm", "ssm"],
    ["sts", "sts"],
    ["bedrock-runtime", "bedrock"],
    ["lambda", "lambda"],
  ];
  insertRows(
    db,
    "services",
    services.map(([service, signing_name]) => serviceRow(service, service, { signing_name })),
  );
  const operations = [
    ["s3", "GetObject"],
    ["s3", "CopyObject"],
    ["s3", "PutObject"],
    ["s3", "PutObjectTagging"],
    ["s3", "HeadBucket"],
    ["kms", "Decrypt"],
    ["kms", "GenerateDataKey"],
    ["ssm", "GetParameter"],
    ["sts", "GetCallerIdentity"],
  ];
  insertRows(
    db,
    "operations",
    operations.map(([service, operation]) => operationRow(service, operation)),
  );
  insertRows(
    db,
    "iam_services",
    ["s3", "states", "logs", "kms", "ssm", "sts", "bedrock", "rds-db"].map((prefix) => ({
      prefix,
      name: prefix,
    })),
  );
  insertRows(
    db,
    "iam_actions",
    [["s3", "GetObject"], ["s3", "ListBucket"], ["rds-db", "connect"]].map(([prefix, action]) => ({
      prefix,
      action,
      action_lower: action.toLowerCase(),
      condition_keys: [],
      dependent_actions: [],
    })),
  );
  insertRows(db, "iam_resource_types", [{
    prefix: "s3",
    resource_type: "object",
    arn_formats: [],
    condition_keys: [],
  }]);
  return db;
}

/** Copies the fixture to a temporary folder and lets the test break one file. */
async function brokenCopy(file: string, edit: (text: string) => string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "curated_test_" });
  for (const name of CURATED_FILES) {
    const text = await Deno.readTextFile(join(FIXTURE, name));
    await Deno.writeTextFile(join(dir, name), name === file ? edit(text) : text);
  }
  return dir;
}

async function assertIngestFails(dir: string, pattern: RegExp): Promise<void> {
  const db = await fixtureDb();
  try {
    await assertSourceError(() => ingestCurated(db, dir, collectingLog()), pattern);
  } finally {
    db.close();
    if (dir !== FIXTURE) await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("ingestCurated writes prefixes, aliases, FAS, utilities, overrides and staged corrections", async () => {
  const db = await fixtureDb();
  const log = collectingLog();
  const record = await ingestCurated(db, FIXTURE, log);
  assert.equal(record.name, "curated");
  assert.equal(record.location, FIXTURE);
  assert.deepEqual(record.detail.iam_prefix, { curated: 1, name: 5, signing_name: 1, none: 1 });

  assert.deepEqual(queryAll(db, "SELECT service, iam_prefix FROM services ORDER BY service"), [
    { service: "bedrock-runtime", iam_prefix: "bedrock" }, // signing name
    { service: "kms", iam_prefix: "kms" },
    { service: "lambda", iam_prefix: null }, // no iam_services row in the fixture
    { service: "logs", iam_prefix: "logs" },
    { service: "s3", iam_prefix: "s3" },
    { service: "ssm", iam_prefix: "ssm" },
    { service: "stepfunctions", iam_prefix: "states" }, // curated rename
    { service: "sts", iam_prefix: "sts" },
  ]);
  assert.deepEqual(queryAll(db, "SELECT * FROM service_aliases"), [
    { alias: "bedrockruntime", service: "bedrock-runtime", kind: "dashless" },
    { alias: "cloudwatch-logs", service: "logs", kind: "smithy" },
    { alias: "sfn", service: "stepfunctions", kind: "smithy" },
  ]);
  assert.deepEqual(queryAll(db, "SELECT * FROM fas_additions"), [
    {
      service: "s3",
      operation: "CopyObject",
      fas_service: "kms",
      fas_operation: "Decrypt",
      context: "{}",
      source: "fixture",
    },
    {
      service: "s3",
      operation: "CopyObject",
      fas_service: "kms",
      fas_operation: "GenerateDataKey",
      context: '{"kms:ViaService":["s3.${region}.amazonaws.com"]}',
      source: "fixture",
    },
    {
      service: "s3",
      operation: "GetObject",
      fas_service: "kms",
      fas_operation: "Decrypt",
      context: '{"kms:ViaService":["s3.${region}.amazonaws.com"]}',
      source: "fixture: upstream operation-fas-maps/s3.json",
    },
  ]);
  assert.deepEqual(
    queryAll(
      db,
      "SELECT language, module, receiver, method, seq, service, operation, action, required_params FROM sdk_utilities",
    ),
    [
      {
        language: "python",
        module: "aws_lambda_powertools.utilities.parameters",
        receiver: "function",
        method: "get_parameter",
        seq: 0,
        service: "ssm",
        operation: "GetParameter",
        action: null,
        required_params: "[]",
      },
      {
        language: "python",
        module: "boto3",
        receiver: "client",
        method: "download_file",
        seq: 0,
        service: "s3",
        operation: "GetObject",
        action: null,
        required_params: "[]",
      },
      {
        language: "python",
        module: "boto3",
        receiver: "client",
        method: "generate_db_auth_token",
        seq: 0,
        service: null,
        operation: null,
        action: "rds-db:connect",
        required_params: "[]",
      },
      {
        language: "typescript",
        module: "@aws-sdk/lib-storage",
        receiver: "new",
        method: "Upload",
        seq: 0,
        service: "s3",
        operation: "PutObject",
        action: null,
        required_params: "[]",
      },
      {
        language: "typescript",
        module: "@aws-sdk/lib-storage",
        receiver: "new",
        method: "Upload",
        seq: 1,
        service: "s3",
        operation: "PutObjectTagging",
        action: null,
        required_params: '["tags"]',
      },
    ],
  );
  // rds-db:connect has no SDK operation: it is stored as a bare IAM action
  assert.ok(!log.warnings.some((w) => w.includes("rds-db:connect")), log.warnings.join("\n"));
  // actions are stored in canonical case
  assert.deepEqual(queryAll(db, "SELECT action, resource_type, replacement FROM resource_overrides"), [
    { action: "s3:GetObject", resource_type: "object", replacement: "*" },
  ]);
  assert.deepEqual(queryAll(db, "SELECT * FROM staging_curated_actions"), [
    {
      service: "s3",
      operation: "HeadBucket",
      seq: 0,
      action: "s3:ListBucket",
      resource_mappings: '{"BucketName":"${Bucket}"}',
      context: "{}",
      applies_when: null,
      detail: "fixture: botocore s3 model",
    },
  ]);
  assert.deepEqual(queryAll(db, "SELECT * FROM staging_permissionless"), [
    { service: "sts", operation: "GetCallerIdentity", source: "curated", detail: "fixture: AWS docs" },
  ]);
  db.close();
});

Deno.test("ingestCurated is deterministic", async () => {
  const dump = async () => {
    const db = await fixtureDb();
    await ingestCurated(db, FIXTURE, collectingLog());
    const out = ["services", "service_aliases", "fas_additions", "sdk_utilities", "resource_overrides"].map((
      t,
    ) => JSON.stringify(queryAll(db, `SELECT * FROM ${t}`)));
    db.close();
    return out;
  };
  assert.deepEqual(await dump(), await dump());
});

Deno.test("ingestCurated rejects an entry without source, naming file and entry", async () => {
  const dir = await brokenCopy(
    "sdk_utilities.json",
    (t) => t.replace('"source": "fixture: AWS docs"', '"note": "x"'),
  );
  await assertIngestFails(dir, /sdk_utilities\.json entries\[1\].*missing required key "source"/);
});

Deno.test("ingestCurated rejects unknown keys and wrong types", async () => {
  await assertIngestFails(
    await brokenCopy(
      "service_aliases.json",
      (t) =>
        t.replace(
          '"kind": "smithy", "source": "fixture",',
          '"kind": "smithy", "sorce": "x", "source": "fixture",',
        ),
    ),
    /service_aliases\.json entries\[1\].*unknown key "sorce"/,
  );
  await assertIngestFails(
    await brokenCopy(
      "fas_additions.json",
      (t) => t.replace('"context": {}', '"context": { "kms:ViaService": "s3" }'),
    ),
    /fas_additions\.json entries\[1\]\.adds\[1\]\.context\.kms:ViaService.*array of strings/,
  );
  await assertIngestFails(
    await brokenCopy(
      "corrections.json",
      (t) => t.replace('"permissionless": true', '"permissionless": "yes"'),
    ),
    /corrections\.json entries\[0\]\.permissionless.*expected true/,
  );
  await assertIngestFails(
    await brokenCopy("sdk_utilities.json", (t) => t.replace('"language": "python"', '"language": "ruby"')),
    /sdk_utilities\.json entries\[1\]\.language.*"ruby" is not one of/,
  );
});

Deno.test("ingestCurated rejects unknown services, operations and actions", async () => {
  await assertIngestFails(
    await brokenCopy(
      "fas_additions.json",
      (t) => t.replace('"operation": "GetObject"', '"operation": "GetObjet"'),
    ),
    /fas_additions\.json entries\[0\].*unknown operation "GetObjet" of botocore service "s3"/,
  );
  await assertIngestFails(
    await brokenCopy("service_renames.json", (t) => t.replace('"stepfunctions"', '"stepfunction"')),
    /service_renames\.json entries\[0\].*unknown botocore service "stepfunction"/,
  );
  await assertIngestFails(
    await brokenCopy("corrections.json", (t) => t.replace('"s3:ListBucket"', '"s3:ListBuckets"')),
    /corrections\.json entries\[1\]\.actions\[0\].*unknown IAM action "s3:ListBuckets"/,
  );
  await assertIngestFails(
    await brokenCopy("service_aliases.json", (t) => t.replace('"alias": "sfn"', '"alias": "s3"')),
    /service_aliases\.json entries\[0\].*itself a botocore service/,
  );
});

Deno.test("ingestCurated rejects duplicates", async () => {
  await assertIngestFails(
    await brokenCopy(
      "corrections.json",
      (t) =>
        t.replace(
          '"entries": [',
          '"entries": [\n    { "service": "s3", "operation": "HeadBucket", "permissionless": true, "source": "dup" },',
        ),
    ),
    /corrections\.json entries\[2\].*duplicate correction.*entries\[0\]/,
  );
});

Deno.test("ingestCurated names the file on bad JSON and on a missing file", async () => {
  await assertIngestFails(
    await brokenCopy("resource_overrides.json", (t) => t.replace("}", "},,")),
    /resource_overrides\.json.*invalid JSON/,
  );
  const dir = await brokenCopy("", (t) => t);
  await Deno.remove(join(dir, "library_models.json"));
  await assertIngestFails(dir, /library_models\.json.*cannot read the curated file/);
});

Deno.test("ingestCurated needs the botocore step first", async () => {
  const db = await stagingDatabase();
  await assert.rejects(() => ingestCurated(db, FIXTURE, collectingLog()), /services table is empty/);
  db.close();
});

// ---------------------------------------------------------------------------------------------------------
// The real curated knowledge against the real botocore models and IAM data.

Deno.test({
  name: "the shipped pipeline/curated files name only real services, operations and IAM actions",
  ignore: !(await exists(join(BOTOCORE, "s3"))),
  async fn() {
    const { ingestBotocore } = await import("../../../pipeline/sources/botocore.ts");
    const { defaultIamDataDir, ingestIamData } = await import("../../../pipeline/sources/iam_data.ts");
    const db = await stagingDatabase();
    const log = collectingLog();
    await ingestBotocore(db, BOTOCORE, log);
    await ingestIamData(db, defaultIamDataDir(), log);
    const record = await ingestCurated(db, defaultCuratedDir(), log);

    const data = await readCurated(defaultCuratedDir());
    for (const [file, { entries }] of Object.entries(data.files)) {
      assert.ok(entries > 0, `${file} has entries`);
    }
    const prefix = (service: string) =>
      queryAll<{ iam_prefix: string | null }>(db, "SELECT iam_prefix FROM services WHERE service = ?", [
        service,
      ])[0]
        ?.iam_prefix;
    assert.equal(prefix("stepfunctions"), "states");
    assert.equal(prefix("efs"), "elasticfilesystem");
    assert.equal(prefix("sso-oidc"), "sso-oauth");
    assert.equal(prefix("opensearch"), "es");
    assert.equal(prefix("s3"), "s3");
    assert.equal(prefix("bedrock-runtime"), "bedrock");
    const alias = (a: string) =>
      queryAll<{ service: string }>(db, "SELECT service FROM service_aliases WHERE alias = ?", [a]).map((r) =>
        r.service
      );
    assert.deepEqual(alias("cloudwatch-logs"), ["logs"]);
    assert.deepEqual(alias("sfn"), ["stepfunctions"]);
    assert.deepEqual(alias("bedrockruntime"), ["bedrock-runtime"]);
    assert.deepEqual(
      queryAll(
        db,
        "SELECT fas_service, fas_operation FROM fas_additions WHERE service = 'sqs' AND operation = 'SendMessage' " +
          "ORDER BY fas_operation",
      ),
      // SQS producers need both (the SQS developer guide's key management page; see fas_additions.json).
      [{ fas_service: "kms", fas_operation: "Decrypt" }, {
        fas_service: "kms",
        fas_operation: "GenerateDataKey",
      }],
    );
    assert.ok(
      queryAll(
        db,
        "SELECT 1 FROM staging_permissionless WHERE service = 'sts' AND operation = 'GetCallerIdentity'",
      )
        .length === 1,
    );
    assert.ok((record.detail.sdk_utilities as number) > 100);
    const noPrefix = queryAll<{ service: string }>(
      db,
      "SELECT service FROM services WHERE iam_prefix IS NULL",
    );
    assert.ok(
      noPrefix.length < 10,
      `services without IAM prefix: ${noPrefix.map((r) => r.service).join(", ")}`,
    );
    db.close();
  },
});

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

Deno.test("ingestCurated takes Equals/NotEquals/Contains predicates with rhs, and rejects rhs where it does not fit", async () => {
  const withPredicate = (predicate: string) =>
    brokenCopy("corrections.json", (t) =>
      t.replace(
        '"resource_mappings": { "BucketName": "${Bucket}" } }',
        `"resource_mappings": { "BucketName": "\${Bucket}" }, "applies_when": ${predicate} }`,
      ));
  const memberDb = async (): Promise<Database> => {
    const db = await fixtureDb();
    insertRows(db, "operation_members", [{
      service: "s3",
      operation: "HeadBucket",
      member: "ExpectedBucketOwner",
      required: 0,
      shape_type: "string",
    }]);
    return db;
  };
  // The predicate is stored as written. Contains (a substring of the value, e.g. CopySource "?versionId=")
  // compares a value too, so it needs rhs like Equals/NotEquals.
  const ingests = async (predicate: { lhs: string; op: string; rhs: string }) => {
    const dir = await withPredicate(JSON.stringify(predicate));
    const db = await memberDb();
    try {
      await ingestCurated(db, dir, collectingLog());
      const rows = queryAll<{ applies_when: string }>(
        db,
        "SELECT applies_when FROM staging_curated_actions WHERE service = 's3' AND operation = 'HeadBucket'",
      );
      assert.deepEqual(rows.map((r) => JSON.parse(r.applies_when)), [predicate]);
    } finally {
      db.close();
      await Deno.remove(dir, { recursive: true });
    }
  };
  await ingests({ lhs: "ExpectedBucketOwner", op: "NotEquals", rhs: "123456789012" });
  await ingests({ lhs: "ExpectedBucketOwner", op: "Contains", rhs: "1234" });
  await assertIngestFails(
    await withPredicate('{ "lhs": "ExpectedBucketOwner", "op": "NotEquals" }'),
    /corrections\.json entries\[1\]\.actions\[0\]\.applies_when.*op "NotEquals" needs "rhs"/,
  );
  await assertIngestFails(
    await withPredicate('{ "lhs": "ExpectedBucketOwner", "op": "Exists", "rhs": "x" }'),
    /corrections\.json entries\[1\]\.actions\[0\]\.applies_when.*op "Exists" takes no "rhs"/,
  );
  await assertIngestFails(
    await withPredicate('{ "lhs": "ExpectedBucketOwner", "op": "Contains" }'),
    /corrections\.json entries\[1\]\.actions\[0\]\.applies_when.*op "Contains" needs "rhs"/,
  );
  await assertIngestFails(
    await withPredicate('{ "lhs": "ExpectedBucketOwner", "op": "StartsWith", "rhs": "1" }'),
    /corrections\.json entries\[1\]\.actions\[0\]\.applies_when.*"StartsWith" is not one of/,
  );
});
