/**
 * AWS SDK for JavaScript v3 names derived from a service's sdkId (botocore `metadata.serviceId`) and its
 * operation names. The v3 code generator names packages `@aws-sdk/client-<sdkId lower-cased, spaces → ->`
 * and clients after the sdkId with each word capitalised and the spaces removed (the Smithy
 * "sdkId for client naming" rule): "Elastic Load Balancing v2" → `@aws-sdk/client-elastic-load-balancing-v2`,
 * `ElasticLoadBalancingV2Client`; "codeartifact" → `CodeartifactClient`.
 *
 * @module
 */

/** Words of an sdkId: split on spaces and dashes, empty parts dropped. */
function sdkIdWords(sdkId: string): string[] {
  return sdkId.trim().split(/[\s-]+/).filter((word) => word.length > 0);
}

/** `@aws-sdk/client-<x>` package of a service: "CloudWatch Logs" → `@aws-sdk/client-cloudwatch-logs`. */
export function jsPackage(sdkId: string): string {
  return `@aws-sdk/client-${sdkIdWords(sdkId).join("-").toLowerCase()}`;
}

/** Aggregated client class: "SFN" → `SFN`, "Secrets Manager" → `SecretsManager`, "Elastic Load Balancing v2" → `ElasticLoadBalancingV2`. */
export function jsAggregatedClient(sdkId: string): string {
  return sdkIdWords(sdkId).map((word) => word[0].toUpperCase() + word.slice(1)).join("");
}

/** Bare-bones client class: "SFN" → `SFNClient`, "CloudWatch Logs" → `CloudWatchLogsClient`. */
export function jsClient(sdkId: string): string {
  return `${jsAggregatedClient(sdkId)}Client`;
}

/** Command class of an operation: `ListObjectsV2` → `ListObjectsV2Command`. */
export function jsCommand(operation: string): string {
  return `${operation}Command`;
}

/** Method of the aggregated client: the operation with its first letter lower-cased (`listObjectsV2`). */
export function jsMethod(operation: string): string {
  return operation.length === 0 ? operation : operation[0].toLowerCase() + operation.slice(1);
}
