/**
 * What the knowledge base says about AWS SDK for JavaScript v3 packages: which botocore services a
 * `@aws-sdk/client-*` package serves, and which of its exports are client classes.
 *
 * @module
 */
import type { KnowledgeBase, UtilityEntry } from "../../knowledge/knowledge_base.ts";

/** A client class of a service package. */
export interface ClientClass {
  services: string[];
  /** `S3` (every operation as a method) rather than `S3Client` (only `send`). */
  aggregated: boolean;
}

interface PackageIndex {
  byPackage: Map<string, string[]>;
  clients: Map<string, ClientClass>;
}

const indexes = new WeakMap<KnowledgeBase, PackageIndex>();

function indexOf(kb: KnowledgeBase): PackageIndex {
  let index = indexes.get(kb);
  if (!index) {
    index = { byPackage: new Map(), clients: new Map() };
    for (const s of kb.services()) {
      if (!s.jsPackage) continue;
      const list = index.byPackage.get(s.jsPackage) ?? [];
      list.push(s.service);
      index.byPackage.set(s.jsPackage, list);
      for (const [name, aggregated] of [[s.jsClient, false], [s.jsAggregatedClient, true]] as const) {
        if (!name) continue;
        const key = `${s.jsPackage}\u0000${name}`;
        const entry = index.clients.get(key) ?? { services: [], aggregated };
        entry.services.push(s.service);
        index.clients.set(key, entry);
      }
    }
    indexes.set(kb, index);
  }
  return index;
}

/**
 * botocore services of a `@aws-sdk/client-*` package (usually one); empty for any other module.
 *
 * @example
 * ```ts ignore
 * servicesOfPackage(kb, "@aws-sdk/client-sfn"); // ["stepfunctions"]
 * ```
 */
export function servicesOfPackage(kb: KnowledgeBase, module: string): string[] {
  return indexOf(kb).byPackage.get(module) ?? [];
}

/**
 * The client class `name` of package `module`, if it is one.
 *
 * @example
 * ```ts ignore
 * clientClass(kb, "@aws-sdk/client-s3", "S3"); // { services: ["s3"], aggregated: true }
 * ```
 */
export function clientClass(kb: KnowledgeBase, module: string, name: string): ClientClass | undefined {
  return indexOf(kb).clients.get(`${module}\u0000${name}`);
}

/** Module of the DynamoDB document client library. */
export const LIB_DYNAMODB = "@aws-sdk/lib-dynamodb";

/**
 * Utility entries of `module` for `receiver` and `method`, grouped into the operations they perform. Entries
 * naming a bare IAM action (no SDK operation; the database stores them without service) are left out: an
 * SdkCall cannot carry them (see the plug-in README note on rds-signer).
 *
 * @example
 * ```ts ignore
 * utilityOperations(kb, "@aws-sdk/lib-storage", "new", "Upload").map((e) => e.operation);
 * // ["PutObject", "CreateMultipartUpload", ...]
 * ```
 */
export function utilityOperations(
  kb: KnowledgeBase,
  module: string,
  receiver: string,
  method: string,
): UtilityEntry[] {
  return kb.utilitiesOfModule("typescript", module).filter((e) =>
    e.receiver === receiver && e.method === method && isOperationEntry(e)
  );
}

/** True when a utility entry names an SDK operation (not a bare IAM action stored without service). */
export function isOperationEntry(e: UtilityEntry): boolean {
  return Boolean(e.service) && e.service !== "null" && Boolean(e.operation) && e.operation !== "null";
}
