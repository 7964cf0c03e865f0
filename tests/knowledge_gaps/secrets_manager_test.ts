/**
 * Real-data checks of the Secrets Manager resource template (pipeline/curated/resource_templates.json): every
 * operation naming one secret scopes it the way the Secrets Manager user guide says (a secret's ARN is its name,
 * `-` and six random characters: `secret:<name>-??????`), in the shipped database (db/) and through the CLI end
 * to end. Before, only GetSecretValue was scoped; the others granted `secret:*`, and RemoveRegionsFromReplication
 * and StopReplicationToReplica `secret:<name>`, which matches no secret.
 */
import assert from "node:assert/strict";
import { goMain, resourcesOf, statementsFor } from "../helpers/policy_statements.ts";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:";

const py = (body: string) =>
  statementsFor("app.py", `import boto3\nsm = boto3.client("secretsmanager")\n${body}\n`);

Deno.test("secrets: Python operations naming a secret by SecretId or Name are scoped to <name>-??????", async () => {
  const statements = await py(
    [
      'sm.describe_secret(SecretId="prod/db")',
      'sm.put_secret_value(SecretId="prod/db", SecretString="s3cret")',
      'sm.update_secret(SecretId="prod/db", Description="primary database")',
      'sm.rotate_secret(SecretId="prod/db")',
      'sm.delete_secret(SecretId="prod/db", RecoveryWindowInDays=7)',
      'sm.tag_resource(SecretId="prod/db", Tags=[{"Key": "team", "Value": "data"}])',
      'sm.stop_replication_to_replica(SecretId="prod/db")',
      'sm.remove_regions_from_replication(SecretId="prod/db", RemoveReplicaRegions=["us-west-2"])',
      'sm.get_secret_value(SecretId="prod/db")',
      'sm.create_secret(Name="prod/new", SecretString="s3cret")',
    ].join("\n"),
  );
  for (
    const action of [
      "DescribeSecret",
      "PutSecretValue",
      "UpdateSecret",
      "RotateSecret",
      "DeleteSecret",
      "TagResource",
      "StopReplicationToReplica",
      "RemoveRegionsFromReplication",
      "GetSecretValue",
    ]
  ) {
    assert.deepEqual(resourcesOf(statements, `secretsmanager:${action}`), [`${ARN}prod/db-??????`], action);
  }
  // CreateSecret is authorized on the new secret's ARN, which also gets the suffix.
  assert.deepEqual(resourcesOf(statements, "secretsmanager:CreateSecret"), [`${ARN}prod/new-??????`]);
  // secret:prod/db (the raw name iam-dataset mapped for the replication operations) matches no secret.
  assert.ok(!statements.some((s) => s.Resource.includes(`${ARN}prod/db`)));
});

Deno.test("secrets: patterns keep their prefix, partial ARNs get the suffix, other ARNs and unknowns stay *", async () => {
  const statements = await py(
    [
      "def handler(env, secret_arn):",
      '    sm.describe_secret(SecretId=f"prod/{env}/db")',
      // A partial ARN (no "-" and six characters at the end) names exactly the secrets <arn>-??????.
      '    sm.get_secret_value(SecretId="arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api")',
      // Complete, or partial for a secret named "my-secret": the text cannot tell.
      '    sm.put_secret_value(SecretId="arn:aws:secretsmanager:us-east-1:123456789012:secret:my-secret", ' +
      'SecretString="x")',
      "    sm.delete_secret(SecretId=secret_arn)",
    ].join("\n"),
  );
  // f"prod/{env}/db" is prod/*/db: the * covers the rest of the name and the suffix must still follow.
  assert.deepEqual(resourcesOf(statements, "secretsmanager:DescribeSecret"), [`${ARN}prod/*-??????`]);
  assert.deepEqual(resourcesOf(statements, "secretsmanager:GetSecretValue"), [`${ARN}prod/api-??????`]);
  assert.deepEqual(resourcesOf(statements, "secretsmanager:PutSecretValue"), [`${ARN}*`]);
  assert.deepEqual(resourcesOf(statements, "secretsmanager:DeleteSecret"), [`${ARN}*`]);
});

Deno.test("secrets: a name and an ARN for the same operation leave the secret a wildcard", async () => {
  const statements = await py(
    'sm.get_secret_value(SecretId="prod/db")\n' +
      'sm.get_secret_value(SecretId="arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf")',
  );
  assert.deepEqual(resourcesOf(statements, "secretsmanager:GetSecretValue"), [`${ARN}*`]);
});

Deno.test("secrets: TypeScript commands with a name and a template literal are scoped too", async () => {
  const statements = await statementsFor(
    "app.ts",
    [
      'import { SecretsManagerClient, DescribeSecretCommand, PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";',
      "const client = new SecretsManagerClient({});",
      "export async function store(stage: string, value: string) {",
      '  await client.send(new DescribeSecretCommand({ SecretId: "orders/api-key" }));',
      "  await client.send(new PutSecretValueCommand({ SecretId: `orders/${stage}/token`, SecretString: value }));",
      "}",
      "",
    ].join("\n"),
  );
  assert.deepEqual(resourcesOf(statements, "secretsmanager:DescribeSecret"), [`${ARN}orders/api-key-??????`]);
  assert.deepEqual(resourcesOf(statements, "secretsmanager:PutSecretValue"), [`${ARN}orders/*-??????`]);
});

Deno.test("secrets: a Go UpdateSecret call is scoped to the name", async () => {
  const statements = await statementsFor(
    "main.go",
    goMain("secretsmanager", [
      "\tclient.UpdateSecret(context.TODO(), &secretsmanager.UpdateSecretInput{",
      '\t\tSecretId:     aws.String("billing/stripe"),',
      '\t\tSecretString: aws.String("{}"),',
      "\t})",
    ]),
  );
  assert.deepEqual(resourcesOf(statements, "secretsmanager:UpdateSecret"), [`${ARN}billing/stripe-??????`]);
});

Deno.test("secrets: documented companion actions (BatchGetSecretValue, CreateSecret tags, ValidateResourcePolicy)", async () => {
  const statements = await py(
    [
      'sm.batch_get_secret_value(SecretIdList=["prod/a", "prod/b"])',
      'sm.create_secret(Name="prod/tagged", SecretString="x", Tags=[{"Key": "team", "Value": "data"}])',
      'sm.validate_resource_policy(SecretId="prod/shared", ResourcePolicy="{}")',
    ].join("\n"),
  );
  // "you must have secretsmanager:GetSecretValue for each secret": the list is not read, so every secret.
  assert.deepEqual(resourcesOf(statements, "secretsmanager:BatchGetSecretValue"), ["*"]);
  assert.deepEqual(resourcesOf(statements, "secretsmanager:GetSecretValue"), [`${ARN}*`]);
  // No Filters: secretsmanager:ListSecrets is not needed.
  assert.equal(resourcesOf(statements, "secretsmanager:ListSecrets"), undefined);
  // Tags on the new secret: TagResource on it, scoped from Name like CreateSecret.
  assert.deepEqual(resourcesOf(statements, "secretsmanager:TagResource"), [`${ARN}prod/tagged-??????`]);
  assert.deepEqual(resourcesOf(statements, "secretsmanager:PutResourcePolicy"), [`${ARN}prod/shared-??????`]);
  assert.deepEqual(resourcesOf(statements, "secretsmanager:ValidateResourcePolicy"), [
    `${ARN}prod/shared-??????`,
  ]);

  const filtered = await py('sm.batch_get_secret_value(Filters=[{"Key": "name", "Values": ["prod/"]}])');
  assert.deepEqual(resourcesOf(filtered, "secretsmanager:ListSecrets"), ["*"]);
  const untagged = await py('sm.create_secret(Name="prod/plain", SecretString="x")');
  assert.equal(resourcesOf(untagged, "secretsmanager:TagResource"), undefined);
});
