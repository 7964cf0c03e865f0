/**
 * A tiny knowledge base for the resolve, permissions and hints tests, modelled on real rows: s3 GetObject /
 * HeadObject (iam-dataset resource mappings, VersionId predicates), FAS kms Decrypt, sts GetCallerIdentity
 * (permissionless), a dynamodb get_item, bedrock / logs / stepfunctions aliases, partitions.
 *
 * @module
 */
import { createDatabase, insertRows, type Row } from "../../pipeline/sqlite.ts";
import { KnowledgeBase } from "../../lib/knowledge/knowledge_base.ts";
import type { CallArgument, Language, SdkCall } from "../../lib/types.ts";

function service(name: string, iamPrefix: string): Row {
  const pkg = name.replaceAll("-", "");
  return {
    service: name,
    service_id: name,
    sdk_id: name,
    endpoint_prefix: name,
    signing_name: name,
    protocol: "json",
    api_version: "2020-01-01",
    iam_prefix: iamPrefix,
    js_package: `@aws-sdk/client-${name}`,
    js_client: `${pkg}Client`,
    js_aggregated_client: pkg,
    go_package: `github.com/aws/aws-sdk-go-v2/service/${pkg}`,
    java_package: `software.amazon.awssdk.services.${pkg}`,
    java_client: `${pkg}Client`,
  };
}

function operation(svc: string, op: string, pythonName: string, hasInput = true): Row {
  const lower = op.charAt(0).toLowerCase() + op.slice(1);
  return {
    service: svc,
    operation: op,
    python_name: pythonName,
    js_command: `${op}Command`,
    js_method: lower,
    go_method: op,
    java_method: lower,
    has_input: hasInput,
    deprecated: false,
  };
}

function members(svc: string, op: string, names: string[]): Row[] {
  return names.map((n) => ({
    service: svc,
    operation: op,
    member: n.replace("!", ""),
    required: n.endsWith("!"),
    shape_type: "string",
  }));
}

function opAction(svc: string, op: string, seq: number, action: string, extra: Partial<Row> = {}): Row {
  return {
    service: svc,
    operation: op,
    seq,
    action,
    source: "iam-dataset",
    source_detail: `${svc.toUpperCase()}.${op}`,
    resource_mappings: {},
    condition_mappings: {},
    context: {},
    applies_when: null,
    ...extra,
  };
}

const OBJECT_MAPPINGS = { BucketName: "${Bucket}", ObjectName: "${Key}" };

/**
 * Builds the fixture knowledge base.
 *
 * @example
 * ```ts ignore
 * const kb = await fixtureKnowledgeBase();
 * kb.operationActions("s3", "GetObject")[0].action; // "s3:GetObject"
 * ```
 */
export async function fixtureKnowledgeBase(): Promise<KnowledgeBase> {
  const db = await createDatabase();
  insertRows(db, "meta", [{ key: "schema_version", value: "1" }, { key: "version", value: "2026.01.01" }]);
  insertRows(db, "services", [
    service("bedrock", "bedrock"),
    service("bedrock-agent", "bedrock"),
    service("bedrock-runtime", "bedrock"),
    service("dynamodb", "dynamodb"),
    service("iam", "iam"),
    service("kms", "kms"),
    service("logs", "logs"),
    service("s3", "s3"),
    service("s3control", "s3"),
    service("stepfunctions", "states"),
    service("sts", "sts"),
  ]);
  insertRows(db, "service_aliases", [
    { alias: "cloudwatch-logs", service: "logs", kind: "smithy" },
    { alias: "cloudwatchlogs", service: "logs", kind: "dashless" },
    { alias: "sfn", service: "stepfunctions", kind: "smithy" },
  ]);
  insertRows(db, "operations", [
    operation("bedrock-runtime", "InvokeModel", "invoke_model"),
    operation("dynamodb", "DescribeTable", "describe_table"),
    operation("dynamodb", "GetItem", "get_item"),
    operation("dynamodb", "ListTables", "list_tables"),
    operation("iam", "GetRole", "get_role"),
    operation("kms", "Decrypt", "decrypt"),
    operation("logs", "PutLogEvents", "put_log_events"),
    operation("s3", "GetObject", "get_object"),
    operation("s3", "HeadObject", "head_object"),
    operation("s3", "ListBuckets", "list_buckets", false),
    operation("s3control", "GetObject", "get_object"), // fictitious twin, to test disambiguation
    operation("stepfunctions", "StartExecution", "start_execution"),
    operation("sts", "GetCallerIdentity", "get_caller_identity"),
  ]);
  insertRows(db, "operation_members", [
    ...members("bedrock-runtime", "InvokeModel", ["modelId!", "body"]),
    ...members("dynamodb", "GetItem", ["TableName!", "Key!"]),
    ...members("iam", "GetRole", ["RoleName!"]),
    ...members("kms", "Decrypt", ["CiphertextBlob!", "KeyId"]),
    ...members("logs", "PutLogEvents", ["logGroupName!", "logStreamName!", "logEvents!"]),
    ...members("s3", "GetObject", ["Bucket!", "Key!", "VersionId", "Range", "ExpectedBucketOwner"]),
    ...members("s3", "HeadObject", ["Bucket!", "Key!", "VersionId"]),
    ...members("s3control", "GetObject", ["AccountId!", "Name!"]),
    ...members("stepfunctions", "StartExecution", ["stateMachineArn!", "input"]),
  ]);
  insertRows(db, "operation_actions", [
    opAction("bedrock-runtime", "InvokeModel", 0, "bedrock:InvokeModel", { source: "service-reference" }),
    opAction("dynamodb", "DescribeTable", 0, "dynamodb:DescribeTable"),
    opAction("dynamodb", "ListTables", 0, "dynamodb:ListTables"),
    opAction("dynamodb", "GetItem", 0, "dynamodb:GetItem", {
      resource_mappings: { TableName: "${TableName}" },
    }),
    opAction("iam", "GetRole", 0, "iam:GetRole", {
      resource_mappings: { RoleNameWithPath: "%%regex%${RoleName}%/(?:.*\\/)?(.+)/g%%" },
    }),
    opAction("kms", "Decrypt", 0, "kms:Decrypt", { source: "same-name", source_detail: null }),
    opAction("s3", "GetObject", 0, "s3:GetObject", { resource_mappings: OBJECT_MAPPINGS }),
    opAction("s3", "HeadObject", 0, "s3:GetObject", {
      resource_mappings: OBJECT_MAPPINGS,
      applies_when: { lhs: "VersionId", op: "NotExists" },
    }),
    opAction("s3", "HeadObject", 1, "s3:GetObjectVersion", {
      resource_mappings: OBJECT_MAPPINGS,
      applies_when: { lhs: "VersionId", op: "Exists" },
    }),
    opAction("s3", "ListBuckets", 0, "s3:ListAllMyBuckets"),
    opAction("stepfunctions", "StartExecution", 0, "states:StartExecution", {
      source: "service-reference",
      source_detail: null,
      context: { "states:SomeKey": ["b", "a"] },
    }),
  ]);
  insertRows(
    db,
    "iam_actions",
    [
      ["bedrock", "InvokeModel"],
      ["dynamodb", "DescribeTable"],
      ["dynamodb", "GetItem"],
      ["dynamodb", "ListTables"],
      ["iam", "GetRole"],
      ["kms", "Decrypt"],
      ["s3", "GetObject"],
      ["s3", "GetObjectVersion"],
      ["s3", "ListAllMyBuckets"],
      ["states", "StartExecution"],
    ].map(([prefix, action]) => ({
      prefix,
      action,
      action_lower: action.toLowerCase(),
      access_level: "Read",
      description: null,
      condition_keys: [],
      dependent_actions: [],
    })),
  );
  const res = (prefix: string, action: string, type: string): Row => ({
    prefix,
    action,
    resource_type: type,
    required: true,
    condition_keys: [],
    dependent_actions: [],
  });
  insertRows(db, "iam_action_resources", [
    res("bedrock", "InvokeModel", "foundation-model"),
    res("dynamodb", "GetItem", "table"),
    res("iam", "GetRole", "role"),
    res("kms", "Decrypt", "key"),
    res("s3", "GetObject", "object"),
    res("s3", "GetObjectVersion", "object"),
    res("states", "StartExecution", "stateMachine"),
  ]);
  const type = (prefix: string, resourceType: string, arn: string): Row => ({
    prefix,
    resource_type: resourceType,
    arn_formats: [arn],
    condition_keys: [],
  });
  insertRows(db, "iam_resource_types", [
    type("bedrock", "foundation-model", "arn:${Partition}:bedrock:${Region}::foundation-model/${ResourceId}"),
    type("dynamodb", "table", "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}"),
    type("iam", "role", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"),
    type("kms", "key", "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"),
    type("s3", "object", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"),
    type(
      "states",
      "stateMachine",
      "arn:${Partition}:states:${Region}:${Account}:stateMachine:${StateMachineName}",
    ),
  ]);
  insertRows(db, "resource_overrides", [
    { action: "bedrock:InvokeModel", resource_type: "foundation-model", replacement: "*", source: "test" },
  ]);
  const viaS3 = { "kms:ViaService": ["s3.${region}.amazonaws.com"] };
  insertRows(db, "fas_additions", [
    {
      service: "dynamodb",
      operation: "GetItem",
      fas_service: "kms",
      fas_operation: "Decrypt",
      context: { "kms:ViaService": ["dynamodb.${region}.amazonaws.com"] },
      source: "fas:dynamodb",
    },
    {
      service: "s3",
      operation: "GetObject",
      fas_service: "kms",
      fas_operation: "Decrypt",
      context: viaS3,
      source: "fas:s3",
    },
    {
      service: "s3",
      operation: "HeadObject",
      fas_service: "kms",
      fas_operation: "Decrypt",
      context: viaS3,
      source: "fas:s3",
    },
    // A fictitious cycle, to show the expansion terminates.
    {
      service: "dynamodb",
      operation: "DescribeTable",
      fas_service: "dynamodb",
      fas_operation: "ListTables",
      context: {},
      source: "fas:cycle",
    },
    {
      service: "dynamodb",
      operation: "ListTables",
      fas_service: "dynamodb",
      fas_operation: "DescribeTable",
      context: {},
      source: "fas:cycle",
    },
  ]);
  insertRows(db, "permissionless_operations", [
    { service: "sts", operation: "GetCallerIdentity", source: "iam-dataset" },
  ]);
  insertRows(db, "partitions", [
    {
      partition: "aws",
      region_regex: "^(us|eu|ap)\\-\\w+\\-\\d+$",
      dns_suffix: "amazonaws.com",
      regions: ["eu-west-1", "us-east-1", "us-west-2"],
    },
    {
      partition: "aws-cn",
      region_regex: "^cn\\-\\w+\\-\\d+$",
      dns_suffix: "amazonaws.com.cn",
      regions: ["cn-north-1"],
    },
  ]);
  const bytes = db.export();
  db.close();
  return await KnowledgeBase.open({ bytes });
}

/** Options of {@linkcode call}. */
export interface CallOptions {
  language?: Language;
  services?: string[];
  operation?: string;
  line?: number;
  file?: string;
  pattern?: string;
}

/**
 * An SdkCall for tests. `args` maps names to literal values; a value `{unresolved: "expr"}` is an expression,
 * the name `**` a splat, a name starting with `#` a positional argument.
 *
 * @example
 * ```ts ignore
 * call("get_object", { Bucket: "orders", Key: "a.txt" }, { services: ["s3"] });
 * ```
 */
export function call(
  method: string,
  args: Record<string, string | number | { unresolved: string }> = {},
  options: CallOptions = {},
): SdkCall {
  const line = options.line ?? 1;
  const file = options.file ?? "app.py";
  const callArguments: CallArgument[] = Object.entries(args).map(([name, v], i) => {
    const value = typeof v === "object"
      ? { kind: "unresolved" as const, expression: v.unresolved }
      : { kind: "literal" as const, value: v };
    if (name === "**") return { value, splat: true };
    if (name.startsWith("#")) return { position: i, value };
    return { name, value };
  });
  return {
    language: options.language ?? "python",
    method,
    services: options.services ?? [],
    ...(options.operation ? { operation: options.operation } : {}),
    arguments: callArguments,
    location: { file, line, column: 1, endLine: line, endColumn: 40 },
    expression: `x.${method}(...)`,
    pattern: options.pattern ?? "python/client_method_call",
  };
}
