/**
 * Decoding EC2-style encoded authorization failure messages when the credentials allow it.
 *
 * @module
 */
import type { KnowledgeBase } from "../knowledge/knowledge_base.ts";
import { applyDecodedMessage } from "./encoded_message.ts";
import type { Denial } from "./types.ts";

/**
 * Replaces denials that carry an encoded message with their decoded form; a denial whose message cannot be
 * decoded (no credentials, `sts:DecodeAuthorizationMessage` not allowed) keeps the advice, plus the reason.
 *
 * @example
 * ```ts ignore
 * const denials = await decodeDenials(parsed, kb, (m) => decodeAuthorizationMessage(aws, m));
 * ```
 */
export async function decodeDenials(
  denials: readonly Denial[],
  kb: KnowledgeBase,
  decode: (encoded: string) => Promise<string>,
): Promise<Denial[]> {
  const out: Denial[] = [];
  for (const denial of denials) {
    if (!denial.encodedMessage || denial.decoded) {
      out.push(denial);
      continue;
    }
    try {
      out.push(applyDecodedMessage(denial, await decode(denial.encodedMessage), kb));
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      out.push({ ...denial, notes: [...denial.notes, `Decoding failed: ${reason}`] });
    }
  }
  return out;
}
