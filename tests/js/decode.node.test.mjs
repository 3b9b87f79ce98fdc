// The result decoder of the JS boundary (src/wasm/glue.js, opscore_decode), on byte buffers written here in the
// layout src/wasm/ser.rs writes: a string is tag 4, its UTF-8 length as a little-endian u32, then its bytes.
// Strings of at most 64 ASCII bytes take a path of their own (built from their char codes, one reused array per
// length); every other string goes through TextDecoder. Both must give what UTF-8 decoding gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { opscore_decode } from "../../src/wasm/glue.js";

const utf8 = new TextEncoder();

/** The bytes of `strings` as one array value (tag 5, the items, end tag 7). */
function encodeArray(strings) {
  const parts = [Uint8Array.of(5)];
  for (const s of strings) {
    const b = utf8.encode(s);
    const head = new Uint8Array(5);
    head[0] = 4;
    new DataView(head.buffer).setUint32(1, b.length, true);
    parts.push(head, b);
  }
  parts.push(Uint8Array.of(7));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

test("decode: every ASCII byte at every length from 0 to 66, as UTF-8 decoding gives it", () => {
  const strings = [];
  for (let n = 0; n <= 66; n++) {
    // Lengths on both sides of the 64-byte edge, each filled with a run of code points that starts where the last
    // one stopped, so that every byte 0-127 appears at many positions (NUL, controls, DEL included).
    let s = "";
    for (let i = 0; i < n; i++) s += String.fromCharCode((n * 31 + i) % 128);
    strings.push(s);
  }
  assert.deepEqual(opscore_decode(encodeArray(strings)), strings);
});

test("decode: the reused array of a length never leaks one string into the next", () => {
  // Same lengths in turn, the later ones shorter in their distinct part: a partial overwrite would show.
  const strings = ["abcdefgh", "ABCDEFGH", "a", "b", "x".repeat(64), `${"y".repeat(63)}z`, "abcdefgh"];
  assert.deepEqual(opscore_decode(encodeArray(strings)), strings);
});

test("decode: strings with bytes past ASCII, and a leading U+FEFF, come back whole", () => {
  const strings = [
    "é",
    `${"a".repeat(62)}é`, // 64 bytes, the last two not ASCII: the ASCII scan stops and TextDecoder reads it
    `${"b".repeat(63)}é`,
    "Zoë",
    "😀",
    "\uFEFFid", // a byte-order mark as the first character is part of the string, not dropped
    "日本語のチケット",
    "\u0000é\u0000",
  ];
  assert.deepEqual(opscore_decode(encodeArray(strings)), strings);
});

test("decode: object keys (tag 10) and repeated keys (tag 11) of up to 64 ASCII bytes", () => {
  // {k: "v", k: "w"} written with the key once in full and once by index: tag 6 (object), tag 10 + key, value,
  // tag 11 + u32 index, value, end 7. The second value wins, as in a JS object literal.
  const key = "k".repeat(64);
  const kb = utf8.encode(key);
  const b = new Uint8Array(1 + 5 + kb.length + 6 + 5 + 6 + 1);
  const v = new DataView(b.buffer);
  let p = 0;
  b[p++] = 6;
  b[p++] = 10;
  v.setUint32(p, kb.length, true);
  p += 4;
  b.set(kb, p);
  p += kb.length;
  b[p++] = 4;
  v.setUint32(p, 1, true);
  p += 4;
  b[p++] = 0x76; // "v"
  b[p++] = 11;
  v.setUint32(p, 0, true);
  p += 4;
  b[p++] = 4;
  v.setUint32(p, 1, true);
  p += 4;
  b[p++] = 0x77; // "w"
  b[p++] = 7;
  assert.equal(p, b.length);
  assert.deepEqual(opscore_decode(b), { [key]: "w" });
});
