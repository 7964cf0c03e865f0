import assert from "node:assert/strict";
import { firstInvalidUtf8Offset } from "../../lib/sources/utf8.ts";

function decodes(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

Deno.test("firstInvalidUtf8Offset finds the first invalid sequence", () => {
  const cases: [number[], number][] = [
    [[], -1],
    [[...new TextEncoder().encode("a é € 😀")], -1],
    [[0x61, 0xe9, 0x62], 1], // latin-1 é
    [[0x61, 0x80], 1], // stray continuation byte
    [[0xc0, 0xaf], 0], // overlong
    [[0xe0, 0x80, 0xaf], 0], // overlong
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
    [[0xf5, 0x80, 0x80, 0x80], 0],
    [[0x61, 0x62, 0xe2, 0x82], 2], // truncated at the end
    [[0xe2, 0x28, 0xa1], 0], // bad continuation
  ];
  for (const [bytes, offset] of cases) {
    const array = new Uint8Array(bytes);
    assert.equal(firstInvalidUtf8Offset(array), offset, JSON.stringify(bytes));
    assert.equal(decodes(array), offset === -1, `TextDecoder agrees on ${JSON.stringify(bytes)}`);
  }
});

Deno.test("firstInvalidUtf8Offset agrees with TextDecoder on random bytes", () => {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let n = 0; n < 2000; n++) {
    const bytes = new Uint8Array(1 + Math.floor(random() * 8)).map(() => Math.floor(random() * 256));
    assert.equal(firstInvalidUtf8Offset(bytes) === -1, decodes(bytes), JSON.stringify([...bytes]));
  }
});
