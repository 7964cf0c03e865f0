/**
 * The resource-template rule (pipeline/curated/resource_templates.json, pipeline/resource_templates.ts): its
 * ingestion (expansion to the operations having the member, validation naming file and entry) and how the
 * resolver applies it, on a small Secrets Manager-like database.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { type Database, insertRows, queryAll } from "../../pipeline/sqlite.ts";
import { CURATED_FILES, ingestCurated } from "../../pipeline/sources/curated.ts";
import { resolveOperationActions } from "../../pipeline/resolve_operation_actions.ts";
import {
  assertSourceError,
  collectingLog,
  operationRow,
  serviceRow,
  stagingDatabase,
} from "../helpers/staging_db.ts";

const SECRET_ARN = "arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}";
const BY_NAME = "%%regex%${SecretId}%/^(?!arn:)(.+)/g%%-??????";

/** The shipped entry's shape: a name from SecretId, a new secret's Name, one operation left out. */
const TEMPLATE = {
  service: "secretsmanager",
  resource_type: "Secret",
  members: [
    { member: "SecretId", resource_mappings: { SecretId: BY_NAME } },
    { member: "Name", resource_mappings: { SecretId: "${Name}-??????" } },
  ],
  except_operations: ["ReplicateSecretToRegions"],
  source: "fixture: Secrets Manager user guide",
};

const SECRET_ACTIONS = [
  "CreateSecret",
  "DescribeSecret",
  "GetSecretValue",
  "RemoveRegionsFromReplication",
  "ReplicateSecretToRegions",
  "TagResource",
];

/** Secrets Manager operations, members and IAM rows (plus `extraTypes` resource types of the prefix). */
async function secretsDb(extraTypes: Record<string, string[]> = {}): Promise<Database> {
  const db = await stagingDatabase();
  insertRows(db, "services", [serviceRow("secretsmanager", "Secrets Manager")]);
  const members: Record<string, string[]> = {
    CreateSecret: ["Name", "Tags"],
    DescribeSecret: ["SecretId"],
    GetSecretValue: ["SecretId", "VersionId"],
    ListSecrets: ["Filters"],
    RemoveRegionsFromReplication: ["RemoveReplicaRegions", "SecretId"],
    ReplicateSecretToRegions: ["AddReplicaRegions", "SecretId"],
  };
  insertRows(db, "operations", Object.keys(members).map((op) => operationRow("secretsmanager", op)));
  insertRows(
    db,
    "operation_members",
    Object.entries(members).flatMap(([operation, names]) =>
      names.map((member) => ({
        service: "secretsmanager",
        operation,
        member,
        required: 0,
        shape_type: "string",
      }))
    ),
  );
  insertRows(db, "iam_services", [{ prefix: "secretsmanager", name: "AWS Secrets Manager" }]);
  insertRows(
    db,
    "iam_actions",
    [...SECRET_ACTIONS, "ListSecrets"].map((action) => ({
      prefix: "secretsmanager",
      action,
      action_lower: action.toLowerCase(),
      condition_keys: [],
      dependent_actions: [],
    })),
  );
  insertRows(
    db,
    "iam_resource_types",
    Object.entries({ Secret: [SECRET_ARN], ...extraTypes }).map(([resource_type, arn_formats]) => ({
      prefix: "secretsmanager",
      resource_type,
      arn_formats,
      condition_keys: [],
    })),
  );
  // ListSecrets has no resource type (Resource "*"): the rule never touches it.
  insertRows(
    db,
    "iam_action_resources",
    SECRET_ACTIONS.map((action) => ({
      prefix: "secretsmanager",
      action,
      resource_type: "Secret",
      required: 1,
      condition_keys: [],
      dependent_actions: [],
    })),
  );
  return db;
}

/** A curated folder with every required file empty and the given optional files. */
async function curatedDir(files: Record<string, unknown[]>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "resource_templates_test_" });
  for (const name of [...CURATED_FILES, ...Object.keys(files)]) {
    await Deno.writeTextFile(
      join(dir, name),
      JSON.stringify({ description: "fixture", entries: files[name] ?? [] }),
    );
  }
  return dir;
}

async function assertIngestFails(
  templates: unknown[],
  pattern: RegExp,
  extraTypes: Record<string, string[]> = {},
): Promise<void> {
  const dir = await curatedDir({ "resource_templates.json": templates });
  const db = await secretsDb(extraTypes);
  try {
    await assertSourceError(() => ingestCurated(db, dir, collectingLog()), pattern);
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
}

const map = (operation: string, seq: number, action: string, resource_mappings: Record<string, unknown>) => ({
  service: "secretsmanager",
  operation,
  seq,
  action,
  resource_mappings,
  condition_mappings: {},
  applies_when: null,
  detail: `SecretsManager.${operation}`,
});

Deno.test("resource templates: expanded per operation, applied to every source's rows but explicit curated ones", async () => {
  const dir = await curatedDir({
    "resource_templates.json": [TEMPLATE],
    // An explicit mapping of the secret by a correction is evidence about that operation: it is kept.
    "corrections.json": [{
      service: "secretsmanager",
      operation: "DescribeSecret",
      actions: [{ action: "secretsmanager:DescribeSecret", resource_mappings: { SecretId: "${SecretId}" } }],
      source: "fixture correction",
    }],
    // An addition without a mapping of the secret gets the rule's (from CreateSecret's Name).
    "additions.json": [{
      service: "secretsmanager",
      operation: "CreateSecret",
      actions: [{ action: "secretsmanager:TagResource", applies_when: { lhs: "Tags", op: "Exists" } }],
      source: "fixture addition",
    }],
  });
  const db = await secretsDb();
  try {
    const record = await ingestCurated(db, dir, collectingLog());
    assert.equal(record.detail.resource_templates, 4);
    assert.deepEqual(
      queryAll(
        db,
        "SELECT operation, prefix, resource_type, member, targets FROM staging_resource_templates",
      ),
      // ListSecrets has neither member; ReplicateSecretToRegions is excepted.
      ["CreateSecret", "DescribeSecret", "GetSecretValue", "RemoveRegionsFromReplication"].map((
        operation,
      ) => ({
        operation,
        prefix: "secretsmanager",
        resource_type: "Secret",
        member: operation === "CreateSecret" ? "Name" : "SecretId",
        targets: '["SecretId","Secret"]',
      })),
    );
    insertRows(db, "staging_map_actions", [
      map("CreateSecret", 0, "secretsmanager:CreateSecret", {}),
      map("GetSecretValue", 0, "secretsmanager:GetSecretValue", {}),
      map("ListSecrets", 0, "secretsmanager:ListSecrets", {}),
      // The raw name would give secret:<name>, which matches no secret: replaced, whatever its key's case.
      map("RemoveRegionsFromReplication", 0, "secretsmanager:RemoveRegionsFromReplication", {
        secretid: { template: "${SecretId}" },
      }),
      map("ReplicateSecretToRegions", 0, "secretsmanager:ReplicateSecretToRegions", {
        Secret: "arn:${Partition}:secretsmanager:${AddReplicaRegions[].Region}:${Account}:secret:${SecretId}",
      }),
    ]);
    const report = resolveOperationActions(db, collectingLog());
    assert.deepEqual(report.resourceTemplates, { operations: 3, actions: 4, keptCurated: 1 });
    const rows = queryAll<{ operation: string; action: string; source: string; resource_mappings: string }>(
      db,
      `SELECT operation, action, source, resource_mappings FROM operation_actions
        WHERE service = 'secretsmanager' ORDER BY operation, seq`,
    );
    const byName = JSON.stringify({ SecretId: BY_NAME });
    const byNewName = JSON.stringify({ SecretId: "${Name}-??????" });
    assert.deepEqual(rows, [
      {
        operation: "CreateSecret",
        action: "secretsmanager:CreateSecret",
        source: "iam-dataset",
        resource_mappings: byNewName,
      },
      {
        operation: "CreateSecret",
        action: "secretsmanager:TagResource",
        source: "curated",
        resource_mappings: byNewName,
      },
      {
        operation: "DescribeSecret",
        action: "secretsmanager:DescribeSecret",
        source: "curated",
        resource_mappings: '{"SecretId":"${SecretId}"}',
      },
      {
        operation: "GetSecretValue",
        action: "secretsmanager:GetSecretValue",
        source: "iam-dataset",
        resource_mappings: byName,
      },
      {
        operation: "ListSecrets",
        action: "secretsmanager:ListSecrets",
        source: "iam-dataset",
        resource_mappings: "{}",
      },
      {
        operation: "RemoveRegionsFromReplication",
        action: "secretsmanager:RemoveRegionsFromReplication",
        source: "iam-dataset",
        resource_mappings: byName,
      },
      {
        operation: "ReplicateSecretToRegions",
        action: "secretsmanager:ReplicateSecretToRegions",
        source: "iam-dataset",
        resource_mappings:
          '{"Secret":"arn:${Partition}:secretsmanager:${AddReplicaRegions[].Region}:${Account}:secret:${SecretId}"}',
      },
    ]);
    // The explanation names the rule and its evidence after the winning source's own detail.
    const detail = queryAll<{ source_detail: string }>(
      db,
      "SELECT source_detail FROM operation_actions WHERE operation = 'GetSecretValue'",
    )[0].source_detail;
    assert.equal(
      detail,
      "SecretsManager.GetSecretValue; resource Secret from request member SecretId " +
        "(resource template: fixture: Secrets Manager user guide)",
    );
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("resource templates: a bad entry fails the build naming file, entry and key", async () => {
  const withMember = (member: string, resource_mappings: Record<string, string>) => ({
    ...TEMPLATE,
    members: [{ member, resource_mappings }],
  });
  await assertIngestFails(
    [{ ...TEMPLATE, resource_type: "secret" }],
    /resource_templates\.json entries\[0\]\.resource_type.*unknown resource type "secret" of IAM service "secretsmanager"/,
  );
  await assertIngestFails(
    [withMember("SecretId", { Name: "${SecretId}" })],
    /entries\[0\]\.members\[0\]\.resource_mappings\.Name.*neither a placeholder.*one of SecretId, Secret/,
  );
  await assertIngestFails(
    [withMember("SecretId", { SecretId: "${Name}-??????" })],
    /entries\[0\]\.members\[0\]\.resource_mappings\.SecretId.*reads \$\{Name\}; it may read only \$\{SecretId\}/,
  );
  await assertIngestFails(
    [withMember("SecretId", { SecretId: "fixed-??????" })],
    /entries\[0\]\.members\[0\]\.resource_mappings\.SecretId.*reads no request member/,
  );
  await assertIngestFails(
    [withMember("SecretArn", { SecretId: "${SecretArn}" })],
    /entries\[0\]\.members\[0\].*no operation of secretsmanager has the input member "SecretArn"/,
  );
  await assertIngestFails(
    [withMember("Filters.Key", { SecretId: "${Filters.Key}" })],
    /entries\[0\]\.members\[0\]\.member.*not a top-level request member name/,
  );
  await assertIngestFails(
    [{ ...TEMPLATE, except_operations: ["ReplicateSecretToRegion"] }],
    /entries\[0\]\.except_operations.*unknown operation "ReplicateSecretToRegion"/,
  );
  await assertIngestFails(
    [{ ...TEMPLATE, members: [...TEMPLATE.members, TEMPLATE.members[0]] }],
    /entries\[0\]\.members\[2\]\.member.*"SecretId" is listed twice/,
  );
  await assertIngestFails([TEMPLATE, TEMPLATE], /entries\[1\].*duplicate resource template.*entries\[0\]/);
  // A mapping is per action: a placeholder two resource types share would fill the other type's ARN too.
  await assertIngestFails(
    [TEMPLATE],
    /entries\[0\]\.resource_type.*placeholder \$\{SecretId\} of "Secret" is also in resource type "Replica"/,
    { Replica: ["arn:${Partition}:secretsmanager:${Region}:${Account}:replica:${SecretId}"] },
  );
});
