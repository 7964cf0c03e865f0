/**
 * AWS SDK for Java v2 names, following its code generator: `CodegenNamingUtils.pascalCase(serviceId)`,
 * minus a leading "Amazon"/"Aws" and a trailing "Service" (DefaultNamingStrategy.getServiceName), gives
 * the service name; the client is `<name>Client` and the package `software.amazon.awssdk.services.<name
 * lower-cased>`. Methods use `Utils.unCapitalize`, which lower-cases a leading acronym too
 * (`DBInstance` → `dbInstance`).
 *
 * @module
 */

/** Services whose Java package is set by a customization (shared models), not by the naming rule. */
const PACKAGE_OVERRIDES: Readonly<Record<string, string>> = {
  // customization.config shareModelConfig: {shareModelWith: "dynamodb", packageName: "streams"}
  "DynamoDB Streams": "dynamodb.streams",
};

/** Splits a name into words like the Java SDK's `CodegenNamingUtils.splitOnWordBoundaries`. */
export function splitOnWordBoundaries(toSplit: string): string[] {
  let result = toSplit;
  // All non-alphanumeric characters are spaces: acm-success -> "acm success".
  result = result.replace(/[^A-Za-z0-9]+/g, " ");
  // A number with a standalone v in front of it is a version: TESTv4 -> "TEST v4 ", TestV4 -> "Test V4 ".
  result = result.replace(/([^a-z]{2,})v([0-9]+)/g, "$1 v$2 ").replace(/([^A-Z]{2,})V([0-9]+)/g, "$1 V$2 ");
  // A space between camelCased words: AcmSuccess -> "Acm Success".
  result = result.split(/(?<=[a-z])(?=[A-Z](?:[a-zA-Z]|[0-9]))/).join(" ");
  // A space after acronyms: ACMSuccess -> "ACM Success".
  result = result.replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
  // A space after a number in the middle of a word: s3ec2 -> "s3 ec2".
  result = result.replace(/([0-9])([a-zA-Z])/g, "$1 $2");
  result = result.replace(/ +/g, " ").trim();
  return result.split(" ");
}

/** `CodegenNamingUtils.pascalCase`: each word lower-cased, then capitalised ("DynamoDB" → `DynamoDb`). */
export function pascalCase(word: string): string {
  return splitOnWordBoundaries(word)
    .map((part) => part.toLowerCase())
    .map((part) => (part.length === 0 ? part : part[0].toUpperCase() + part.slice(1)))
    .join("");
}

/** Service name of the Java code generator: "SFN" → `Sfn`, "Lex Runtime Service" → `LexRuntime`. */
export function javaServiceName(serviceId: string): string {
  let base = pascalCase(serviceId);
  if (base.startsWith("Amazon")) base = base.slice("Amazon".length);
  if (base.startsWith("Aws")) base = base.slice("Aws".length);
  if (base.endsWith("Service")) base = base.slice(0, base.length - "Service".length);
  return base;
}

/** Client interface: "SFN" → `SfnClient`, "DynamoDB" → `DynamoDbClient`, "CloudWatch Logs" → `CloudWatchLogsClient`. */
export function javaClient(serviceId: string): string {
  return `${javaServiceName(serviceId)}Client`;
}

/** Client package: "CloudWatch Logs" → `software.amazon.awssdk.services.cloudwatchlogs`. */
export function javaPackage(serviceId: string): string {
  const name = PACKAGE_OVERRIDES[serviceId] ?? javaServiceName(serviceId).toLowerCase();
  return `software.amazon.awssdk.services.${name}`;
}

/**
 * Client method of an operation, per the Java SDK's `Utils.unCapitalize`: lower-cases the first letter
 * and any following capitals that are not the start of the next word (`ListObjectsV2` → `listObjectsV2`,
 * `DBInstances` → `dbInstances`).
 */
export function javaMethod(operation: string): string {
  if (operation.trim().length === 0) throw new Error("javaMethod: the operation name is empty");
  const isUpper = (c: string): boolean => c !== c.toLowerCase() && c === c.toUpperCase();
  const isLower = (c: string): boolean => c !== c.toUpperCase() && c === c.toLowerCase();
  let out = "";
  let i = 0;
  do {
    out += operation[i++].toLowerCase();
  } while (
    i < operation.length && isUpper(operation[i]) &&
    !(i < operation.length - 1 && isLower(operation[i + 1]))
  );
  return out + operation.slice(i);
}
