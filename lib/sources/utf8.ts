/**
 * UTF-8 validation that says where the first invalid byte is.
 *
 * @module
 */

/**
 * The byte offset of the first invalid UTF-8 sequence in `bytes` (overlong forms, surrogates, code points above
 * U+10FFFF and truncated sequences are invalid, as for `TextDecoder` with `fatal: true`), or `-1` when all of
 * it is valid.
 *
 * @example Usage
 * ```ts
 * import assert from "node:assert/strict";
 * import { firstInvalidUtf8Offset } from "./utf8.ts";
 *
 * assert.equal(firstInvalidUtf8Offset(new TextEncoder().encode("héllo")), -1);
 * assert.equal(firstInvalidUtf8Offset(new Uint8Array([0x61, 0xe9, 0x62])), 1); // latin-1 "aéb"
 * ```
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min = 0xa0; // no overlong forms
      if (b === 0xed) max = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90; // no overlong forms
      if (b === 0xf4) max = 0x8f; // nothing above U+10FFFF
    } else {
      return i;
    }
    if (i + need >= n) return i; // truncated at the end
    const second = bytes[i + 1];
    if (second < min || second > max) return i;
    for (let k = 2; k <= need; k++) {
      const next = bytes[i + k];
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}
