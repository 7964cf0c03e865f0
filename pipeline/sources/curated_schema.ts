/**
 * The schema of the curated files (`pipeline/curated/*.json`, documented in `pipeline/curated/README.md`) as
 * zod schemas, and {@linkcode validateCurated}, which turns the first problem into one line naming the file,
 * the entry and the key (`corrections.json entries[1].actions[0].applies_when: op "Exists" takes no "rhs"`).
 *
 * @module
 */
import { z } from "zod";
import type {
  Addition,
  Correction,
  CorrectionAction,
  CuratedPredicate,
  FasAddition,
  PassRoleService,
  ResourceOverride,
  ResourceTemplate,
  SdkUtility,
  ServiceAlias,
  ServiceRename,
} from "./curated.ts";

/**
 * Request predicates a curated action may carry (on a top-level input member). `Contains` tests a substring of
 * the member's value (s3 CopySource `bucket/key?versionId=...`: a copy of a specific version); the run-time
 * evaluator (`lib/permissions/applies_when.ts`) decides it only for literal values and keeps the action otherwise.
 */
export const CURATED_PREDICATES: readonly string[] = [
  "Exists",
  "NotExists",
  "Equals",
  "NotEquals",
  "Contains",
];

/** Predicates that compare the member's value with `rhs` (the others test presence and take no `rhs`). */
const VALUE_PREDICATES: readonly string[] = ["Equals", "NotEquals", "Contains"];

/** Languages an SDK utility or library model can belong to. */
export const CURATED_LANGUAGES: readonly string[] = ["python", "typescript", "go", "java"];

/** Alias kinds a curated alias may declare (`dashless` is generated, never curated). */
export const CURATED_ALIAS_KINDS: readonly string[] = ["smithy", "js", "go", "java"];

const ACTION_RE = /^[a-z0-9-]+:[A-Za-z0-9*-]+$/;
const MEMBER_RE = /^[A-Za-z0-9_]+$/;
const PRINCIPAL_RE = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;

/**
 * A schema-level message that leaves an absent value to the parse's error map (`missing required key`):
 * schema-level messages win over it.
 */
const unlessMissing = (message: string) => (issue: { input?: unknown }): string | undefined =>
  issue.input === undefined ? undefined : message;

/** A string with something other than spaces in it. */
const text = z.string({ error: unlessMissing("expected a non-empty string") })
  .refine((s) => s.trim() !== "", { error: "expected a non-empty string" });

const texts = z.array(z.string().min(1, { error: "expected a non-empty string" }), {
  error: unlessMissing("expected an array of strings"),
});

/** A JSON object with exactly these keys (those not optional required): an unknown key names the allowed ones. */
function entry<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown key "${issue.keys[0]}" (allowed: ${allowed})`
        : issue.code === "invalid_type" && issue.input !== undefined
        ? "expected a JSON object"
        : undefined,
  });
}

function oneOf(allowed: readonly string[]) {
  return text.refine((value) => allowed.includes(value), {
    error: (issue) => `"${issue.input}" is not one of ${allowed.join(", ")}`,
  });
}

const actionName = text.refine((value) => ACTION_RE.test(value), {
  error: (issue) => `"${issue.input}" is not an IAM action (prefix:Action)`,
});

/** A top-level input member of an operation (checked against botocore at ingestion). */
const memberName = text.refine((member) => MEMBER_RE.test(member), {
  error: (issue) =>
    `"${issue.input}" is not a top-level request member name (nested paths are not supported)`,
});

/** {key: [values]}, each list non-empty. */
const contextMap = z.record(z.string(), texts.min(1, { error: "expected at least one value" }), {
  error: unlessMissing("expected an object {key: [values]}"),
});

/** {key: "template"}. */
const stringMap = z.record(z.string(), z.string().min(1, { error: "expected a non-empty string" }), {
  error: unlessMissing("expected an object {key: string}"),
});

/** A non-empty array of `item`. */
const entries = <T extends z.ZodType>(item: T) =>
  z.array(item, { error: unlessMissing("expected an array") }).min(1, {
    error: "expected at least one element",
  });

const provenance = { source: text, note: text.optional() };

const serviceRename: z.ZodType<ServiceRename> = entry({ service: text, iam_prefix: text, ...provenance });

const serviceAlias: z.ZodType<ServiceAlias> = entry({
  alias: text,
  service: text,
  kind: oneOf(CURATED_ALIAS_KINDS),
  ...provenance,
});

const fasAddition: z.ZodType<FasAddition> = entry({
  service: text,
  operation: text,
  adds: entries(entry({ service: text, operation: text, context: contextMap })),
  ...provenance,
});

const utilityCall = entry({
  service: text.optional(),
  operation: text.optional(),
  action: actionName.optional(),
  required_params: texts.optional(),
}).superRefine((call, context) => {
  if (call.action !== undefined && (call.service !== undefined || call.operation !== undefined)) {
    context.addIssue({
      code: "custom",
      message: 'give either "action" or "service" + "operation", not both',
    });
  } else if (call.action === undefined && (call.service === undefined || call.operation === undefined)) {
    context.addIssue({ code: "custom", message: 'missing "service" + "operation" (or "action")' });
  }
});

const sdkUtility: z.ZodType<SdkUtility> = entry({
  language: oneOf(CURATED_LANGUAGES),
  module: text,
  receiver: text,
  method: text,
  calls: entries(utilityCall),
  ...provenance,
});

const resourceOverride: z.ZodType<ResourceOverride> = entry({
  action: actionName,
  resource_type: text,
  replacement: text,
  ...provenance,
});

const predicate: z.ZodType<CuratedPredicate> = entry({
  lhs: memberName,
  op: z.enum(["Exists", "NotExists", "Equals", "NotEquals", "Contains"], {
    error: (issue) =>
      issue.input === undefined
        ? undefined
        : `"${issue.input}" is not one of ${CURATED_PREDICATES.join(", ")}`,
  }),
  rhs: text.optional(),
}).superRefine((p, context) => {
  const compares = VALUE_PREDICATES.includes(p.op);
  if (compares !== (p.rhs !== undefined)) {
    context.addIssue({
      code: "custom",
      message: compares
        ? `op "${p.op}" needs "rhs" (the value to compare with)`
        : `op "${p.op}" takes no "rhs"`,
    });
  }
});

const correctionAction: z.ZodType<CorrectionAction> = entry({
  action: actionName,
  resource_mappings: stringMap.optional(),
  context: contextMap.optional(),
  applies_when: predicate.optional(),
});

const addition: z.ZodType<Addition> = entry({
  service: text,
  operation: text,
  actions: entries(correctionAction),
  ...provenance,
}).superRefine((value, context) => {
  if (value.operation !== "*") return;
  value.actions.forEach((action, i) => {
    if (action.applies_when?.op !== "Exists") {
      context.addIssue({
        code: "custom",
        path: ["actions", i],
        message: 'an entry for every operation ("*") needs applies_when {lhs, op: "Exists"} on each action',
      });
    }
  });
});

const passRoleService: z.ZodType<PassRoleService> = entry({
  service: text,
  operations: texts.optional(),
  passed_to_service: text.refine((principal) => PRINCIPAL_RE.test(principal), {
    error: (issue) => `"${issue.input}" is not a service principal (name.amazonaws.com)`,
  }),
  ...provenance,
});

/** `${Name}` references of a request template (`%%regex%${SecretId}%/re/g%%-??????` -> ["SecretId"]). */
function templateMembers(template: string): string[] {
  return [...template.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]);
}

const resourceTemplateMember = entry({
  member: memberName,
  resource_mappings: stringMap.refine((mappings) => Object.keys(mappings).length > 0, {
    error: "expected at least one mapping",
  }),
}).superRefine((value, context) => {
  // A template reading another member would fill the ARN from a member the operation may not have: the rule
  // is chosen per operation by `member` alone.
  for (const [key, template] of Object.entries(value.resource_mappings)) {
    const read = templateMembers(template);
    const other = read.find((m) => m !== value.member);
    if (read.length === 0 || other !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["resource_mappings", key],
        message: other === undefined
          ? `the template reads no request member; it must read \${${value.member}}`
          : `the template reads \${${other}}; it may read only \${${value.member}}`,
      });
    }
  }
});

const resourceTemplate: z.ZodType<ResourceTemplate> = entry({
  service: text,
  resource_type: text,
  members: entries(resourceTemplateMember),
  except_operations: texts.optional(),
  ...provenance,
}).superRefine((value, context) => {
  const seen = new Set<string>();
  value.members.forEach((m, i) => {
    if (seen.has(m.member)) {
      context.addIssue({
        code: "custom",
        path: ["members", i, "member"],
        message: `"${m.member}" is listed twice`,
      });
    }
    seen.add(m.member);
  });
});

const correction: z.ZodType<Correction> = entry({
  service: text,
  operation: text,
  permissionless: z.literal(true, { error: unlessMissing("expected true") }).optional(),
  actions: entries(correctionAction).optional(),
  ...provenance,
}).superRefine((value, context) => {
  if ((value.permissionless === undefined) === (value.actions === undefined)) {
    context.addIssue({ code: "custom", message: 'give exactly one of "permissionless": true or "actions"' });
  }
});

/** A curated file: a description and its entries (each validated with the file's entry schema). */
const curatedFile = entry({
  description: text,
  entries: z.array(z.unknown(), { error: unlessMissing("expected an array") }),
});

/** The entry schema of each kind of curated file. */
export const CURATED_SCHEMAS: {
  file: z.ZodType<{ description: string; entries: unknown[] }>;
  rename: z.ZodType<ServiceRename>;
  alias: z.ZodType<ServiceAlias>;
  fas: z.ZodType<FasAddition>;
  utility: z.ZodType<SdkUtility>;
  override: z.ZodType<ResourceOverride>;
  correction: z.ZodType<Correction>;
  addition: z.ZodType<Addition>;
  passRole: z.ZodType<PassRoleService>;
  resourceTemplate: z.ZodType<ResourceTemplate>;
} = {
  file: curatedFile,
  rename: serviceRename,
  alias: serviceAlias,
  fas: fasAddition,
  utility: sdkUtility,
  override: resourceOverride,
  correction,
  addition,
  passRole: passRoleService,
  resourceTemplate,
};

/** Where a value failed and why, for a message such as `entries[1].adds[0].context: expected ...`. */
export interface CuratedProblem {
  /** `entries[1].adds[0]`-style path below `base`. */
  path: string;
  message: string;
}

/**
 * Validates `value` with `schema`: its value, or the first problem with its path (below `base`, e.g.
 * `entries[3]`). A missing required key is reported on its object (`missing required key "source"`).
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { CURATED_SCHEMAS, validateCurated } from "./curated_schema.ts";
 *
 * const result = validateCurated(CURATED_SCHEMAS.rename, { service: "sfn", iam_prefix: "states" }, "entries[0]");
 * assert.deepEqual(result, { problem: { path: "entries[0]", message: 'missing required key "source"' } });
 * ```
 */
export function validateCurated<T>(
  schema: z.ZodType<T>,
  value: unknown,
  base: string,
): { value: T; problem?: undefined } | { value?: undefined; problem: CuratedProblem } {
  const result = schema.safeParse(value, {
    error: (issue) => {
      if (issue.code === "invalid_type" && issue.input === undefined) return "missing required key";
      if (issue.code === "invalid_type") return `expected ${issue.expected}`;
      return undefined;
    },
  });
  if (result.success) return { value: result.data };
  const issue = result.error.issues[0];
  const path = [...issue.path];
  let message = issue.message;
  if (message === "missing required key") message = `missing required key "${String(path.pop())}"`;
  const at = path.map((key) => typeof key === "number" ? `[${key}]` : `.${String(key)}`).join("");
  return { problem: { path: `${base}${at}`, message } };
}
