-- Staging tables: what each action source proposes for an operation, before precedence is applied by
-- pipeline/resolve_operation_actions.ts. TEMP tables are not part of the exported database.

-- Service reference Operations[].AuthorizedActions (highest-precedence non-curated source).
CREATE TEMP TABLE staging_sr_actions (
  service TEXT NOT NULL,          -- botocore service (resolved from SDK[].Name or the renames)
  operation TEXT NOT NULL,
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,           -- prefix:Action as the source writes it
  context TEXT NOT NULL,          -- JSON {conditionKey: [values]}
  detail TEXT,
  PRIMARY KEY (service, operation, seq)
);

-- iam-dataset map entries.
CREATE TEMP TABLE staging_map_actions (
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,
  resource_mappings TEXT NOT NULL,
  condition_mappings TEXT NOT NULL,
  applies_when TEXT,
  detail TEXT,                    -- map key, e.g. S3.HeadObject
  PRIMARY KEY (service, operation, seq)
);

-- Explicit permission statements of each operation's botocore documentation ("This operation requires
-- permission for the lambda:InvokeFunction action."), parsed by pipeline/sources/documented_permissions.ts:
-- the lowest-precedence source (botocore-docs), used only for operations no other source maps.
CREATE TEMP TABLE staging_doc_actions (
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,           -- prefix:Action as the documentation writes it
  detail TEXT NOT NULL,           -- botocore documentation of <service>.<Operation>: "<the statement>"
  PRIMARY KEY (service, operation, seq)
);

-- Curated corrections: replace every other source's actions for the operation.
CREATE TEMP TABLE staging_curated_actions (
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,
  resource_mappings TEXT NOT NULL,
  context TEXT NOT NULL,
  applies_when TEXT,              -- JSON {lhs, op: Exists | NotExists | Equals | NotEquals | Contains, rhs?}; NULL = always
  detail TEXT NOT NULL,           -- the curated entry's source note
  PRIMARY KEY (service, operation, seq)
);

-- Operations some source says need no permission.
CREATE TEMP TABLE staging_permissionless (
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  source TEXT NOT NULL,           -- curated | iam-dataset
  detail TEXT,
  PRIMARY KEY (service, operation, source)
);

-- Curated additions (pipeline/curated/additions.json): actions added to whatever source wins for the
-- operation, usually conditional on a request member (s3 GetObject + VersionId -> s3:GetObjectVersion).
CREATE TEMP TABLE staging_curated_additions (
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,
  resource_mappings TEXT NOT NULL,
  context TEXT NOT NULL,
  applies_when TEXT,              -- JSON {lhs, op: Exists | NotExists | Equals | NotEquals | Contains, rhs?}; NULL = always
  detail TEXT NOT NULL,           -- the curated entry's source note
  PRIMARY KEY (service, operation, seq)
);

-- Input members (at any depth, botocore paths as iam-dataset writes them: Targets[].RoleArn) whose name says
-- they carry an IAM role (…Role, …RoleArn, …RoleARN) and whose shape is a string: the pass-role rule
-- (pipeline/pass_role.ts) scopes iam:PassRole with them.
CREATE TEMP TABLE staging_role_members (
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  path TEXT NOT NULL,             -- Role | Targets[].RoleArn | overrides.taskRoleArn
  top_level INTEGER NOT NULL,     -- 1 when path is a top-level input member
  required INTEGER NOT NULL,      -- 1 when a top-level member is required
  PRIMARY KEY (service, operation, path)
);

-- Curated iam:PassedToService principals (pipeline/curated/pass_role.json) for the pass-role rule.
CREATE TEMP TABLE staging_pass_role_services (
  service TEXT NOT NULL,
  operation TEXT NOT NULL,        -- an operation, or '*' for every operation of the service
  passed_to_service TEXT NOT NULL,
  detail TEXT NOT NULL,           -- the curated entry's source note
  PRIMARY KEY (service, operation)
);

-- Curated resource templates (pipeline/curated/resource_templates.json), one row per operation a rule reaches:
-- how the resolver fills the ARN of a resource type from a request member (secretsmanager Secret from SecretId:
-- a name gives secret:<name>-??????). pipeline/resource_templates.ts applies them.
CREATE TEMP TABLE staging_resource_templates (
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  prefix TEXT NOT NULL,           -- IAM prefix of the resource type
  resource_type TEXT NOT NULL,    -- as the Service Authorization Reference spells it
  member TEXT NOT NULL,           -- the top-level input member the templates read
  resource_mappings TEXT NOT NULL, -- JSON {placeholder or resource type: template}
  targets TEXT NOT NULL,          -- JSON [mapping keys addressing the type: its placeholders and its name]
  detail TEXT NOT NULL,           -- the curated entry's source note
  PRIMARY KEY (service, operation, prefix, resource_type)
);
