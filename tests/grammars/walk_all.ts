import type { WalkCursor } from "../../grammars/fast_cursor.ts";

/**
 * Every node of a pre-order walk as `type:field:start-end`, with `^` for each step back up: two cursors that
 * give the same list moved through the same tree the same way.
 */
export function walkAll(cursor: WalkCursor): string[] {
  const out: string[] = [];
  for (;;) {
    out.push(`${cursor.nodeTypeId}:${cursor.currentFieldId}:${cursor.startIndex}-${cursor.endIndex}`);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return out;
      out.push("^");
    }
  }
}
