/**
 * A small in-memory knowledge base for unit tests: a handful of services, operations, members, paginators
 * and waiters, built with the real schema so tests exercise the real {@linkcode KnowledgeBase} queries.
 *
 * @module
 */
import { createDatabase, insertRows, type Row } from "../../pipeline/sqlite.ts";
import { KnowledgeBase } from "../../lib/knowledge/knowledge_base.ts";

/** One operation to put in a tiny knowledge base. */
export interface TinyOperation {
  service: string;
  /** PascalCase model name: `ListObjectsV2`. */
  operation: string;
  /** boto3 name; derived by a simple snake_case conversion when omitted. */
  pythonName?: string;
  /** Input members; names ending in `!` are required (`Bucket!`). */
  members?: string[];
  paginated?: boolean;
}

/** A waiter to put in a tiny knowledge base. */
export interface TinyWaiter {
  service: string;
  waiter: string;
  pythonName: string;
  operation: string;
}

/** Contents of a tiny knowledge base. */
export interface TinyKnowledge {
  operations: TinyOperation[];
  waiters?: TinyWaiter[];
}

/** Operations and waiters most extraction tests need (s3, dynamodb, sqs, ec2, lambda, ssm, sts). */
export const DEFAULT_TINY_KNOWLEDGE: TinyKnowledge = {
  operations: [
    { service: "s3", operation: "GetObject", members: ["Bucket!", "Key!", "VersionId", "Range"] },
    { service: "s3", operation: "PutObject", members: ["Bucket!", "Key!", "Body", "ContentType"] },
    { service: "s3", operation: "HeadBucket", members: ["Bucket!"] },
    { service: "s3", operation: "HeadObject", members: ["Bucket!", "Key!"] },
    { service: "s3", operation: "ListBuckets", members: [] },
    {
      service: "s3",
      operation: "ListObjectsV2",
      pythonName: "list_objects_v2",
      members: ["Bucket!", "Prefix", "ContinuationToken", "MaxKeys"],
      paginated: true,
    },
    { service: "dynamodb", operation: "GetItem", members: ["TableName!", "Key!"] },
    { service: "dynamodb", operation: "PutItem", members: ["TableName!", "Item!", "ConditionExpression"] },
    {
      service: "dynamodb",
      operation: "Query",
      members: ["TableName!", "KeyConditionExpression"],
      paginated: true,
    },
    { service: "dynamodb", operation: "DescribeTable", members: ["TableName!"] },
    { service: "sqs", operation: "SendMessage", members: ["QueueUrl!", "MessageBody!"] },
    { service: "sqs", operation: "GetQueueUrl", members: ["QueueName!"] },
    { service: "ec2", operation: "DescribeInstances", members: ["InstanceIds", "Filters"], paginated: true },
    { service: "lambda", operation: "Invoke", members: ["FunctionName!", "Payload"] },
    { service: "ssm", operation: "GetParameter", members: ["Name!", "WithDecryption"] },
    { service: "sts", operation: "GetCallerIdentity", members: [] },
    { service: "organizations", operation: "ListAccounts", members: ["NextToken"], paginated: true },
    { service: "chime", operation: "ListAccounts", members: ["Name", "NextToken"], paginated: true },
  ],
  waiters: [
    { service: "s3", waiter: "BucketExists", pythonName: "bucket_exists", operation: "HeadBucket" },
    { service: "s3", waiter: "ObjectExists", pythonName: "object_exists", operation: "HeadObject" },
    { service: "dynamodb", waiter: "TableExists", pythonName: "table_exists", operation: "DescribeTable" },
    {
      service: "ec2",
      waiter: "InstanceRunning",
      pythonName: "instance_running",
      operation: "DescribeInstances",
    },
  ],
};

/** `ListObjectsV2` → `list_objects_v2`; good enough for test data (botocore's xform_name has special cases). */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2").toLowerCase();
}

/**
 * Builds a knowledge base in memory from `knowledge` (default: {@linkcode DEFAULT_TINY_KNOWLEDGE}).
 *
 * @example
 * ```ts ignore
 * const kb = await tinyKnowledgeBase();
 * kb.operationsByMethod("python", "get_object"); // [{ service: "s3", operation: "GetObject" }]
 * kb.close();
 * ```
 */
export async function tinyKnowledgeBase(
  knowledge: TinyKnowledge = DEFAULT_TINY_KNOWLEDGE,
): Promise<KnowledgeBase> {
  const db = await createDatabase();
  try {
    insertRows(db, "meta", [
      { key: "schema_version", value: "1" },
      { key: "version", value: "0000.00.00-test" },
    ]);
    const services = [...new Set(knowledge.operations.map((o) => o.service))].sort();
    insertRows(
      db,
      "services",
      services.map((service): Row => ({
        service,
        service_id: service.toUpperCase(),
        sdk_id: service.toUpperCase(),
        endpoint_prefix: service,
        signing_name: service,
        protocol: "json",
        api_version: "2020-01-01",
        iam_prefix: service,
        js_package: `@aws-sdk/client-${service}`,
        js_client: `${service.toUpperCase()}Client`,
        js_aggregated_client: service.toUpperCase(),
        go_package: `github.com/aws/aws-sdk-go-v2/service/${service}`,
        java_package: `software.amazon.awssdk.services.${service}`,
        java_client: `${service[0].toUpperCase()}${service.slice(1)}Client`,
      })),
    );
    insertRows(
      db,
      "operations",
      knowledge.operations.map((o): Row => ({
        service: o.service,
        operation: o.operation,
        python_name: o.pythonName ?? snakeCase(o.operation),
        js_command: `${o.operation}Command`,
        js_method: o.operation[0].toLowerCase() + o.operation.slice(1),
        go_method: o.operation,
        java_method: o.operation[0].toLowerCase() + o.operation.slice(1),
        has_input: (o.members ?? []).length > 0,
        deprecated: false,
      })),
    );
    insertRows(
      db,
      "operation_members",
      knowledge.operations.flatMap((o) =>
        (o.members ?? []).map((m): Row => ({
          service: o.service,
          operation: o.operation,
          member: m.replace(/!$/, ""),
          required: m.endsWith("!"),
          shape_type: "string",
        }))
      ),
    );
    insertRows(
      db,
      "paginators",
      knowledge.operations.filter((o) => o.paginated).map((o): Row => ({
        service: o.service,
        operation: o.operation,
      })),
    );
    insertRows(
      db,
      "waiters",
      (knowledge.waiters ?? []).map((w): Row => ({
        service: w.service,
        waiter: w.waiter,
        python_name: w.pythonName,
        operation: w.operation,
      })),
    );
    return await KnowledgeBase.open({ bytes: db.export() });
  } finally {
    db.close();
  }
}
