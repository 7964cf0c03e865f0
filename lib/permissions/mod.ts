/**
 * The permissions stage: operations → IAM permissions with provenance; region → partition.
 *
 * @module
 */
export * from "./permissions_for.ts";
export { partitionFor, UnknownRegionError } from "./partition.ts";
export { type AppliesDecision, appliesToCalls } from "./applies_when.ts";
export { evaluateTemplate, resourcesFor } from "./arn_templates.ts";
