/**
 * AWS SDK for Go v2 names: the service package is the sdkId lower-cased with spaces and dashes removed
 * (`github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs`); client methods keep the operation name.
 *
 * @module
 */

/** Module path prefix of every Go v2 service package. */
export const GO_SERVICE_MODULE_PREFIX = "github.com/aws/aws-sdk-go-v2/service/";

/** Package name alone: "CloudWatch Logs" → `cloudwatchlogs`, "SFN" → `sfn`. */
export function goPackageName(sdkId: string): string {
  return sdkId.replace(/[\s-]+/g, "").toLowerCase();
}

/** Full import path: "SFN" → `github.com/aws/aws-sdk-go-v2/service/sfn`. */
export function goPackage(sdkId: string): string {
  return GO_SERVICE_MODULE_PREFIX + goPackageName(sdkId);
}

/** Client method of an operation: the operation name unchanged (`ListObjectsV2`). */
export function goMethod(operation: string): string {
  return operation;
}
