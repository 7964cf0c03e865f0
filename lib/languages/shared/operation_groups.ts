/**
 * Grouping operations found by name (paginator or waiter names) into one SdkCall per distinct operation, so a
 * name that several services share yields one call naming every service that defines it the same way.
 *
 * @module
 */
import type { OperationKey } from "../../knowledge/knowledge_base.ts";

/** Services sharing one operation name. */
export interface OperationGroup {
  operation: string;
  services: string[];
}

/**
 * Groups `(service, operation)` pairs by operation, keeping first-seen order.
 *
 * @example
 * ```ts
 * import { groupByOperation } from "./operation_groups.ts";
 * groupByOperation([{ service: "chime", operation: "ListAccounts" }, { service: "organizations", operation: "ListAccounts" }]);
 * // [{ operation: "ListAccounts", services: ["chime", "organizations"] }]
 * ```
 */
export function groupByOperation(keys: readonly OperationKey[]): OperationGroup[] {
  const groups = new Map<string, OperationGroup>();
  for (const key of keys) {
    const group = groups.get(key.operation) ?? { operation: key.operation, services: [] };
    if (!group.services.includes(key.service)) group.services.push(key.service);
    groups.set(key.operation, group);
  }
  return [...groups.values()];
}
