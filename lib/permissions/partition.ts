/**
 * `--region` → AWS partition, with a helpful error for typos.
 *
 * @module
 */
import type { KnowledgeBase } from "../knowledge/knowledge_base.ts";
import { UsageError } from "../errors.ts";
import { editDistance } from "../text/closest_matches.ts";

/** Regions at most this many edits away are suggested. */
const MAX_SUGGESTION_DISTANCE = 3;

/**
 * No AWS partition matches the region given.
 *
 * @example
 * ```ts
 * import { UnknownRegionError } from "./partition.ts";
 * const error = new UnknownRegionError("us-est-1", "us-east-1");
 * console.assert(error.message.startsWith("Unknown region 'us-est-1': no AWS partition matches it."));
 * ```
 */
export class UnknownRegionError extends UsageError {
  /** Creates the error for `region`, suggesting `suggestion` when there is a close known region. */
  constructor(readonly region: string, readonly suggestion?: string) {
    super(
      `Unknown region '${region}': no AWS partition matches it.` +
        (suggestion ? ` Did you mean ${suggestion}?` : "") +
        " Use --region with a region name such as us-east-1, or * for any.",
    );
    this.name = "UnknownRegionError";
  }
}

/**
 * The partition (`aws`, `aws-cn`, `aws-us-gov`, ...) of a region; `*` for the wildcard region.
 * Throws {@linkcode UnknownRegionError} with the nearest known region when no partition matches.
 *
 * @example
 * ```ts ignore
 * partitionFor("cn-north-1", kb); // "aws-cn"
 * partitionFor("*", kb); // "*"
 * ```
 */
export function partitionFor(region: string, kb: KnowledgeBase): string {
  if (region === "*") return "*";
  const partition = kb.partitionForRegion(region);
  if (partition !== undefined) return partition;
  let best: string | undefined;
  let bestDistance = MAX_SUGGESTION_DISTANCE + 1;
  for (const known of kb.knownRegions()) {
    const distance = editDistance(region, known);
    if (distance < bestDistance) [best, bestDistance] = [known, distance];
  }
  throw new UnknownRegionError(region, best);
}
