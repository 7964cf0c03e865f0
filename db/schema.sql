-- Knowledge database schema. The pipeline (pipeline/) writes it; lib/knowledge/ is the only run-time reader.
-- JSON columns hold compact JSON text with sorted keys. Every table is written in a deterministic order.
-- Bump meta.schema_version when a reader must change. Keyed tables are WITHOUT ROWID: the primary key is
-- the table, so the database is smaller and opens faster (it is decompressed on every run).

-- Key/value facts about this build: schema_version, version (date-based), built_from (sha256 of inputs).
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- Every input of the build, for provenance (`knowledge info`, `--version --verbose`).
CREATE TABLE sources (
  name TEXT PRIMARY KEY,          -- botocore | boto3 | iam-data | service-reference | iam-dataset | curated
  location TEXT NOT NULL,         -- path or URL as given to the build (paths relative to the working directory)
  version TEXT,                   -- package version, commit or date, when known
  detail TEXT                     -- JSON: commit, date, file counts, sha256 of the input
) WITHOUT ROWID;

-- SDK services, keyed by botocore name (the boto3 client name): s3, lambda, stepfunctions.
CREATE TABLE services (
  service TEXT PRIMARY KEY,
  service_id TEXT NOT NULL,       -- metadata.serviceId: "SFN"
  sdk_id TEXT,                    -- metadata.sdkId (falls back to serviceId)
  endpoint_prefix TEXT,
  signing_name TEXT,
  protocol TEXT,
  api_version TEXT NOT NULL,
  iam_prefix TEXT,                -- IAM service prefix after curated renames: stepfunctions -> states
  js_package TEXT NOT NULL,       -- @aws-sdk/client-sfn
  js_client TEXT NOT NULL,        -- SFNClient
  js_aggregated_client TEXT NOT NULL, -- SFN
  go_package TEXT NOT NULL,       -- github.com/aws/aws-sdk-go-v2/service/sfn
  java_package TEXT NOT NULL,     -- software.amazon.awssdk.services.sfn
  java_client TEXT NOT NULL       -- SfnClient
) WITHOUT ROWID;

-- SDK operations with each SDK's name for them.
CREATE TABLE operations (
  service TEXT NOT NULL,
  operation TEXT NOT NULL,        -- PascalCase as in the model: ListObjectsV2
  python_name TEXT NOT NULL,      -- botocore xform_name: list_objects_v2
  js_command TEXT NOT NULL,       -- ListObjectsV2Command
  js_method TEXT NOT NULL,        -- listObjectsV2 (aggregated client)
  go_method TEXT NOT NULL,        -- ListObjectsV2
  java_method TEXT NOT NULL,      -- listObjectsV2
  has_input INTEGER NOT NULL,     -- 1 if the operation has an input shape
  deprecated INTEGER NOT NULL,
  PRIMARY KEY (service, operation)
) WITHOUT ROWID;
CREATE INDEX operations_python_name ON operations (python_name);
CREATE INDEX operations_go_method ON operations (go_method);
CREATE INDEX operations_js_command ON operations (js_command);
CREATE INDEX operations_js_method ON operations (js_method);
CREATE INDEX operations_java_method ON operations (java_method);

-- Top-level input members of each operation.
CREATE TABLE operation_members (
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  member TEXT NOT NULL,
  required INTEGER NOT NULL,
  shape_type TEXT,                -- structure | string | list | ...
  PRIMARY KEY (service, operation, member)
) WITHOUT ROWID;

CREATE TABLE paginators (
  service TEXT NOT NULL,
  operation TEXT NOT NULL,        -- paginated operation (paginator name = operation name)
  PRIMARY KEY (service, operation)
) WITHOUT ROWID;

CREATE TABLE waiters (
  service TEXT NOT NULL,
  waiter TEXT NOT NULL,           -- botocore name: BucketExists
  python_name TEXT NOT NULL,      -- bucket_exists
  operation TEXT NOT NULL,        -- polled operation: HeadBucket
  PRIMARY KEY (service, waiter)
) WITHOUT ROWID;
CREATE INDEX waiters_python_name ON waiters (python_name);

CREATE TABLE partitions (
  partition TEXT PRIMARY KEY,     -- aws | aws-cn | aws-us-gov | ...
  region_regex TEXT NOT NULL,
  dns_suffix TEXT,
  regions TEXT NOT NULL           -- JSON array of known region names
) WITHOUT ROWID;

-- boto3 resource models.
CREATE TABLE boto3_resources (
  service TEXT NOT NULL,
  resource TEXT NOT NULL,         -- ServiceResource | Bucket | Object | Table | ...
  identifiers TEXT NOT NULL,      -- JSON array of identifier names, in constructor order
  shape TEXT,
  PRIMARY KEY (service, resource)
) WITHOUT ROWID;
-- What can be reached from a resource: actions and batch actions (-> operation), load (-> operation),
-- waiters (-> waiter), sub-resources and has-many collections (-> target resource / list operation).
CREATE TABLE boto3_resource_members (
  service TEXT NOT NULL,
  resource TEXT NOT NULL,
  name TEXT NOT NULL,             -- Python attribute as written: put, load, Object, objects, wait_until_exists
  kind TEXT NOT NULL,             -- action | batch_action | load | waiter | subresource | collection | reference
  operation TEXT,                 -- client operation it calls, when any
  target_resource TEXT,           -- resource it yields, when any
  params TEXT NOT NULL,           -- JSON: request params bound from identifiers [{target, source, name}]
  PRIMARY KEY (service, resource, name)
) WITHOUT ROWID;

-- Service Authorization Reference.
CREATE TABLE iam_services (
  prefix TEXT PRIMARY KEY,        -- s3, states, kms
  name TEXT NOT NULL              -- Amazon S3
) WITHOUT ROWID;
CREATE TABLE iam_actions (
  prefix TEXT NOT NULL,
  action TEXT NOT NULL,           -- canonical case: GetObject
  action_lower TEXT NOT NULL,     -- for case-insensitive lookups (SQS writes sqs:sendmessage)
  access_level TEXT,
  description TEXT,
  condition_keys TEXT NOT NULL,   -- JSON array
  dependent_actions TEXT NOT NULL,-- JSON array
  PRIMARY KEY (prefix, action)
) WITHOUT ROWID;
CREATE INDEX iam_actions_lower ON iam_actions (prefix, action_lower);
CREATE TABLE iam_action_resources (
  prefix TEXT NOT NULL,
  action TEXT NOT NULL,
  resource_type TEXT NOT NULL,    -- key into iam_resource_types: object, bucket, key
  required INTEGER NOT NULL,
  condition_keys TEXT NOT NULL,   -- JSON array
  dependent_actions TEXT NOT NULL,-- JSON array
  PRIMARY KEY (prefix, action, resource_type)
) WITHOUT ROWID;
CREATE TABLE iam_resource_types (
  prefix TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  arn_formats TEXT NOT NULL,      -- JSON array: ["arn:${Partition}:s3:::${BucketName}/${ObjectName}"]
  condition_keys TEXT NOT NULL,   -- JSON array
  PRIMARY KEY (prefix, resource_type)
) WITHOUT ROWID;
CREATE TABLE condition_keys (
  prefix TEXT NOT NULL,
  key TEXT NOT NULL,              -- canonical case: s3:ExistingObjectTag/<key>
  type TEXT,
  description TEXT,
  PRIMARY KEY (prefix, key)
) WITHOUT ROWID;

-- The resolved answer: the IAM actions an operation needs, after precedence
-- (curated correction > service reference Operations > iam-dataset map > same-name action > permission
-- statement of the botocore documentation).
CREATE TABLE operation_actions (
  service TEXT NOT NULL,          -- botocore service
  operation TEXT NOT NULL,
  seq INTEGER NOT NULL,           -- order within the operation
  action TEXT NOT NULL,           -- prefix:Action in canonical case, present in iam_actions
  source TEXT NOT NULL,           -- curated | service-reference | iam-dataset | same-name | botocore-docs
  source_detail TEXT,             -- curated entry id, map key, ... (why this row exists)
  resource_mappings TEXT NOT NULL,-- JSON {ArnPlaceholder: "${RequestMember}" template}, may be {}
  condition_mappings TEXT NOT NULL, -- JSON {conditionKey: template}, may be {}
  context TEXT NOT NULL,          -- JSON {conditionKey: [values]} always true for this action (SR Context)
  applies_when TEXT,              -- JSON request predicate as iam-dataset writes it: {lhs, op, rhs?, andCondition?}
                                  -- (op: Exists | NotExists | Equals | NotEquals | Contains | IContains |
                                  -- StartsWith | NotStartsWith ...); NULL = always. Unknown forms: assume it applies.
  PRIMARY KEY (service, operation, seq)
);
CREATE INDEX operation_actions_action ON operation_actions (action);

-- Operations that need no permission (sts GetCallerIdentity).
CREATE TABLE permissionless_operations (
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (service, operation)
) WITHOUT ROWID;

-- Forward Access Session additions: calling (service, operation) makes that service call (fas_service,
-- fas_operation) with the caller's credentials; context holds the condition values (templates with ${region}).
CREATE TABLE fas_additions (
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  fas_service TEXT NOT NULL,      -- botocore service
  fas_operation TEXT NOT NULL,
  context TEXT NOT NULL,          -- JSON {conditionKey: [templates]}
  source TEXT NOT NULL,
  PRIMARY KEY (service, operation, fas_service, fas_operation)
) WITHOUT ROWID;

-- SDK utility methods and higher-level libraries: a call pattern in one language -> SDK operations.
CREATE TABLE sdk_utilities (
  language TEXT NOT NULL,         -- python | typescript | go | java (typescript covers javascript)
  module TEXT NOT NULL,           -- boto3 | @aws-sdk/lib-storage | github.com/aws/aws-sdk-go-v2/feature/s3/manager | aws_lambda_powertools.utilities.parameters
  receiver TEXT NOT NULL,         -- client | Bucket | Object | Upload | Uploader | function | ...
  method TEXT NOT NULL,           -- upload_file | PutCommand | Upload | get_parameter
  seq INTEGER NOT NULL,
  service TEXT,                   -- botocore service of the operation (NULL for a bare IAM action)
  operation TEXT,
  action TEXT,                    -- an IAM action with no SDK operation (rds-db:connect), else NULL
  required_params TEXT NOT NULL,  -- JSON array: arguments needed before this operation is assumed called
  source TEXT NOT NULL,           -- curated entry's source note
  PRIMARY KEY (language, module, receiver, method, seq),
  CHECK ((action IS NOT NULL) OR (service IS NOT NULL AND operation IS NOT NULL))
) WITHOUT ROWID;
CREATE INDEX sdk_utilities_method ON sdk_utilities (language, method);

-- Resource types of an action to replace (cloudwatch:PutMetricData dataset -> *), with their reason.
CREATE TABLE resource_overrides (
  action TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  replacement TEXT NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (action, resource_type)
) WITHOUT ROWID;

-- SDK service name -> IAM prefix where they differ (curated), and SDK package aliases -> botocore name.
CREATE TABLE service_aliases (
  alias TEXT NOT NULL,            -- cloudwatch-logs, sfn, bedrockruntime
  service TEXT NOT NULL,          -- botocore service
  kind TEXT NOT NULL,             -- smithy | js | go | java | dashless
  PRIMARY KEY (alias, service)
) WITHOUT ROWID;

-- Mapped actions that did not exist in the Service Authorization Reference: reported, never shipped.
CREATE TABLE dropped_mappings (
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  action TEXT NOT NULL,
  source TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (service, operation, action, source)
) WITHOUT ROWID;
