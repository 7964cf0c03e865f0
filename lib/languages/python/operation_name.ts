/**
 * Python names of operations when the knowledge base has none at hand.
 *
 * @module
 */

/**
 * botocore-style snake_case of an operation name (the knowledge base's `python_name` is preferred: it knows
 * botocore's special cases).
 *
 * @example
 * ```ts
 * import { snakeFromOperation } from "./operation_name.ts";
 * snakeFromOperation("ListObjectsV2"); // "list_objects_v2"
 * snakeFromOperation("DescribeDBInstances"); // "describe_db_instances"
 * ```
 */
export function snakeFromOperation(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/([a-z\d])([A-Z])/g, "$1_$2")
    .toLowerCase();
}
