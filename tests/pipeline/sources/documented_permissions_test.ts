import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { insertRows, queryAll } from "../../../pipeline/sqlite.ts";
import { ingestBotocore } from "../../../pipeline/sources/botocore.ts";
import { ingestIamData } from "../../../pipeline/sources/iam_data.ts";
import {
  documentedPermissionRows,
  documentedPermissions,
  LIST_FORMS,
  SENTENCE_FORMS,
} from "../../../pipeline/sources/documented_permissions.ts";
import { resolveOperationActions } from "../../../pipeline/resolve_operation_actions.ts";
import { collectingLog, stagingDatabase } from "../../helpers/staging_db.ts";

const FIXTURE = fileURLToPath(new URL("../../fixtures/pipeline/documented-permissions/", import.meta.url));

/** The actions documentedPermissions finds, per form. */
function found(html: string, operation = "DoThing"): Array<[string, string[]]> {
  return documentedPermissions(html, operation).map((s) => [s.form, s.actions]);
}

Deno.test("documented permissions: every sentence form, with <code> and <a> wrapped actions", () => {
  const cases: Array<[string, string, string[]]> = [
    [
      "requires-permission-for",
      '<p>This operation requires permission for the <a href="https://x">lambda:InvokeFunction</a> action.</p>',
      ["lambda:InvokeFunction"],
    ],
    [
      "requires-permission-for",
      "<p>This action requires permissions for the <code>s3-outposts:GetReplicationConfiguration</code> action.</p>",
      ["s3-outposts:GetReplicationConfiguration"],
    ],
    [
      "must-have-permission-to-perform",
      "<p>To use this operation, you must have permissions to perform the <code>a:One</code> and <code>a:Two</code> action.</p>",
      ["a:One", "a:Two"],
    ],
    [
      "must-have-permission",
      "<p>You must have the <code>s3express:ListAllMyDirectoryBuckets</code> permission in an IAM identity-based policy instead of a bucket policy.</p>",
      ["s3express:ListAllMyDirectoryBuckets"],
    ],
    [
      "must-have-permission",
      "<note><p>The IAM principal invoking this operation must have the <code>ecr:BatchGetImage</code> permission.</p></note>",
      ["ecr:BatchGetImage"],
    ],
    [
      "must-have-permission",
      "<p>To create a <code>DoThing</code> request, you must have <code>x:PutThing</code> permissions for the bucket.</p>",
      ["x:PutThing"],
    ],
    [
      "policy-attached-that-allows",
      "<p>When invoking this operation in a Neptune cluster that has IAM authentication enabled, the IAM user or role making the request must have a policy attached that allows the <a href='#'>neptune-db:CancelQuery</a> IAM action in that cluster.</p>",
      ["neptune-db:CancelQuery"],
    ],
    [
      "must-have-action-attached",
      "<p>When invoking this operation in a Neptune Analytics cluster, the IAM user or role making the request must have the <code>neptune-graph:GetQueryStatus</code> IAM action attached.</p>",
      ["neptune-graph:GetQueryStatus"],
    ],
    [
      "include-the-permission",
      "<p>To authorize this operation for Amazon Web Services principals, include the permission <code>verifiedpermissions:GetPolicy</code> in their IAM policies.</p>",
      ["verifiedpermissions:GetPolicy"],
    ],
    [
      "required-permissions",
      "<p> <b>Required permissions:</b> <code>a:ValidateThing</code> and <code>a:PutThing</code>.</p>",
      ["a:ValidateThing", "a:PutThing"],
    ],
    ["the-iam-action-is", "<p>The IAM action is <code>tax:GetExemptions</code>.</p>", ["tax:GetExemptions"]],
    [
      "the-iam-action-is",
      "<p>For IAM authorization, the public IAM action associated with this API is <code>glue:GetTable</code>.</p>",
      ["glue:GetTable"],
    ],
    [
      "permissions-derived-from",
      "<note><p>The IAM permissions are derived from the <code>qapps:ImportDocument</code> action.</p></note>",
      ["qapps:ImportDocument"],
    ],
    [
      "grant-permission-to-bucket",
      "<p>Specifically, you grant the <code>s3express:CreateSession</code> permission to the directory bucket in a bucket policy or an IAM identity-based policy.</p>",
      ["s3express:CreateSession"],
    ],
    // A prefix in another case is still an action (IAM compares actions case-insensitively).
    [
      "requires-permission-for",
      "<p>This operation requires permission for the <code>KinesisVideo:DeleteStream</code> action.</p>",
      ["KinesisVideo:DeleteStream"],
    ],
  ];
  for (const [form, html, actions] of cases) assert.deepEqual(found(html), [[form, actions]], html);
  // Every sentence form is exercised above.
  assert.deepEqual(
    [...new Set(cases.map(([form]) => form))].sort(),
    SENTENCE_FORMS.map((f) => f.name).sort(),
  );
});

Deno.test("documented permissions: list forms need a list of bare actions right after the sentence", () => {
  const list = (...items: string[]) =>
    `<ul> ${items.map((i) => `<li> <p> <code>${i}</code> </p> </li>`).join(" ")} </ul>`;
  const cases: Array<[string, string, string[]]> = [
    [
      "requires-the-following",
      `<p>Creates it. This API operation requires the following IAM permissions:</p> ${
        list("a:One", "a:Two")
      }`,
      ["a:One", "a:Two"],
    ],
    [
      "must-have-the-following",
      `<p>To run this command, you must have the following permissions:</p> ${list("a:One")}`,
      ["a:One"],
    ],
    [
      "needs-permissions-for-the-following",
      `<p>To add a Region using the <code>DoThing</code> API, the IAM principal needs permissions for the following IAM actions:</p> ${
        list("c:Alter", "c:Create")
      }`,
      ["c:Alter", "c:Create"],
    ],
    [
      "must-allow-the-following",
      `<p>To define permissions for <code>DoThing</code>, you must allow the following two actions in the IAM policy statement's <code>Action</code> element:</p> ${
        list("x:DescribeA", "x:DescribeB")
      }`,
      ["x:DescribeA", "x:DescribeB"],
    ],
  ];
  for (const [form, html, actions] of cases) assert.deepEqual(found(html), [[form, actions]], html);
  assert.deepEqual([...new Set(cases.map(([form]) => form))].sort(), LIST_FORMS.map((f) => f.name).sort());

  const intro = "<p>This API operation requires the following IAM permissions:</p>";
  // Prose between the sentence and the list, an item with more than an action, bare operation names, a
  // nested note: the list is not taken.
  assert.deepEqual(found(`${intro} <p>See the guide.</p> ${list("a:One")}`), []);
  assert.deepEqual(
    found(`${intro} ${list("a:One", "a:Two</code> - required if you include <code>Tags")}`),
    [],
  );
  assert.deepEqual(found(`${intro} <ul> <li> <p> <a href="#">CreateThing</a> </p> </li> </ul>`), []);
  assert.deepEqual(
    found(`${intro} <ul> <li> <p><code>a:One</code></p> <note><p>Same for V1.</p></note> </li> </ul>`),
    [],
  );
});

Deno.test("documented permissions: mentions, condition keys, conditions, alternatives and extras are not taken", () => {
  const negatives = [
    // merely mentioned
    "<p>See <code>a:GetThing</code> for details.</p>",
    "<p>GetThing and GetThingV2 both use <code>a:GetThing</code> in the <code>Action</code> element of an IAM policy statement.</p>",
    "<p>To deny all inference access, you need to deny access to the <code>bedrock:InvokeModel</code> action.</p>",
    // a key policy, or a permission on another resource held by "the caller"
    "<p>Its key policy must grant the service principal these permissions: <code>kms:Decrypt</code>.</p>",
    "<p>The calling principal must have <code>kms:Decrypt</code> permission on the key.</p>",
    // condition keys and wildcards are not actions
    "<p>You must have the <code>securityhub:OCSFSyntaxPath/Comment</code> permission.</p>",
    "<p>You must have the <code>neptune-db:QueryLanguage:Gremlin</code> permission.</p>",
    "<p>You must have the <code>kms:ReEncrypt*</code> permission.</p>",
    // scoped to some requests: "If", a label, a lead-in naming something other than this operation
    "<p>If <code>DoThing</code> is invoked with <code>Name</code>, you must have the <code>a:One</code> permission.</p>",
    "<ul><li><p>If invoked with a trail, access is linked. To use this operation, you must have permissions to perform the <code>a:One</code> action.</p></li></ul>",
    "<p><b>Directory bucket permissions</b> - You must have the <code>s3express:DeleteBucket</code> permission.</p>",
    "<p>For directory buckets, you must have the <code>s3express:TagResource</code> permission to use this operation.</p>",
    "<p>To delete a data protection policy, you must have the <code>logs:DeleteDataProtectionPolicy</code> permission.</p>",
    "<p>When creating a workload using a template, you must have the following IAM permissions:</p> <ul><li><p>a:GetTemplate</p></li></ul>",
    // alternatives and additional permissions
    "<p>the IAM user or role making the request must have a policy attached that allows one of the following IAM actions, depending on the query:</p> <ul><li><p>a:Read</p></li><li><p>a:Write</p></li></ul>",
    "<p>The user or role must also have the <code>iam:CreateRole</code> and <code>iam:PassRole</code> permissions.</p>",
    // anything after the statement but where the permission is granted
    "<p>You must have the <code>a:TagResource</code> permission in addition to <code>a:Create</code> permission to create it with tags.</p>",
    "<p>You must have <code>s3:PutObject</code> permissions for the Amazon S3 bucket where you store the report.</p>",
    "<p>To use this operation, you must have <code>s3:GetObjectAcl</code> permissions or READ_ACP access to the object.</p>",
  ];
  for (const html of negatives) assert.deepEqual(found(html), [], html);
});

Deno.test("documentedPermissionRows: one row per action, first statement quoted, nothing for no documentation", () => {
  const rows = documentedPermissionRows(
    "demo",
    "DoThing",
    "<p>This operation requires permission for the <code>a:One</code> action.</p> " +
      "<p>Required permissions: <code>A:one</code>, <code>a:Two</code>.</p>",
  );
  assert.deepEqual(rows, [
    {
      service: "demo",
      operation: "DoThing",
      seq: 0,
      action: "a:One",
      detail:
        'botocore documentation of demo.DoThing: "This operation requires permission for the a:One action."',
    },
    {
      service: "demo",
      operation: "DoThing",
      seq: 1,
      action: "a:Two",
      detail: 'botocore documentation of demo.DoThing: "Required permissions: A:one, a:Two."',
    },
  ]);
  assert.deepEqual(documentedPermissionRows("demo", "DoThing", undefined), []);
  assert.deepEqual(documentedPermissionRows("demo", "DoThing", "<p>Does a thing.</p>"), []);
});

Deno.test("botocore-docs source: fixture models through ingestion and resolution", async () => {
  const db = await stagingDatabase();
  const log = collectingLog();
  const record = await ingestBotocore(db, `${FIXTURE}botocore/data`, log);
  await ingestIamData(db, `${FIXTURE}iam-data`, log);
  // DescribeWidget is answered by the iam-dataset map (its documentation names another action).
  insertRows(db, "staging_map_actions", [{
    service: "widgets",
    operation: "DescribeWidget",
    seq: 0,
    action: "widgets:GetWidget",
    resource_mappings: {},
    condition_mappings: {},
    applies_when: null,
    detail: "Widgets.DescribeWidget",
  }]);
  const report = resolveOperationActions(db, log);

  const rows = queryAll<{ operation: string; action: string; source: string; source_detail: string | null }>(
    db,
    "SELECT operation, action, source, source_detail FROM operation_actions ORDER BY operation, seq",
  );
  const actions = (operation: string) =>
    rows.filter((r) => r.operation === operation).map((r) => `${r.action} (${r.source})`);
  const docs = "botocore-docs";
  assert.deepEqual(actions("InvokeWidgetStream"), [`widgets:InvokeWidget (${docs})`]);
  assert.deepEqual(actions("GetWidgetV2"), [`widgets:GetWidget (${docs})`]);
  assert.deepEqual(actions("ListGadgetBuckets"), [`gadgets:ListAllMyGadgets (${docs})`]);
  assert.deepEqual(actions("BatchGetWidget"), [`widgets:GetWidget (${docs})`]);
  assert.deepEqual(actions("DescribeWidgets"), [`widgets:ListWidgets (${docs})`]);
  assert.deepEqual(actions("GetWidgetMetadata"), [`widgets:GetWidget (${docs})`]);
  assert.deepEqual(actions("CreateUploadUrl"), [`widgets:UpdateWidget (${docs})`]);
  assert.deepEqual(actions("CancelWidgetQuery"), [`widgets:DeleteWidget (${docs})`]);
  assert.deepEqual(actions("GetWidgetQuery"), [`widgets:GetWidget (${docs})`]);
  assert.deepEqual(actions("OpenGadgetSession"), [`gadgets:CreateSession (${docs})`]);
  assert.deepEqual(actions("CreateWidgetWithTags"), [
    `widgets:UpdateWidget (${docs})`,
    `widgets:TagResource (${docs})`,
  ]);
  // The "If ... additional" list after the statement is not taken (no kms:Decrypt).
  assert.deepEqual(actions("ResetWidget"), [
    `widgets:UpdateWidget (${docs})`,
    `widgets:DeleteWidget (${docs})`,
  ]);
  assert.deepEqual(actions("GetWidgetScaling"), [
    `gadgets:ListAllMyGadgets (${docs})`,
    `widgets:GetWidget (${docs})`,
  ]);
  assert.deepEqual(actions("ListWidgetTags"), [`widgets:ListWidgets (${docs})`]);
  assert.equal(
    rows.find((r) => r.operation === "InvokeWidgetStream")!.source_detail,
    'botocore documentation of widgets.InvokeWidgetStream: "This operation requires permission for the ' +
      'widgets:InvokeWidget action."',
  );

  // Another source's answer is kept as is: the same-name rule, the iam-dataset map, permissionless.
  assert.deepEqual(actions("PutThing"), ["widgets:PutThing (same-name)"]);
  assert.deepEqual(actions("DescribeWidget"), ["widgets:GetWidget (iam-dataset)"]);
  assert.deepEqual(actions("GetPublicWidget"), []);
  assert.equal(
    queryAll(db, "SELECT 1 FROM permissionless_operations WHERE operation = 'GetPublicWidget'").length,
    1,
  );

  // Mentions, conditions, alternatives, bare names and an action IAM does not define leave operations unmapped.
  assert.deepEqual(report.unmapped, [
    "widgets.AlternativesOnly",
    "widgets.ConditionKeyOnly",
    "widgets.ConditionalOnly",
    "widgets.KeyPolicyOnly",
    "widgets.ListOfBareNames",
    "widgets.ListWithProse",
    "widgets.MentionOnly",
    "widgets.NotInSar",
    "widgets.QualifiedOnly",
  ]);
  assert.equal(report.bySource["botocore-docs"], 14);
  assert.deepEqual(
    queryAll(db, "SELECT operation, action, source FROM dropped_mappings"),
    [{ operation: "NotInSar", action: "widgets:FrobnicateWidget", source: "botocore-docs" }],
  );
  assert.ok(
    log.warnings.includes(
      "botocore-docs: widgets.NotInSar maps to widgets:FrobnicateWidget, which IAM does not define; dropped",
    ),
    log.warnings.join("\n"),
  );
  // The documented statements of already-mapped operations were staged too: precedence, not ingestion, skips them.
  assert.equal(record.detail.documented_permission_operations, 18);
});
