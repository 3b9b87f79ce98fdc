// Pins the public API of the package: every export's name and kind, and each function's arity. An accidental
// rename, removal or signature change fails here; an intended one updates api-shape.json in the same commit
// (and CHANGELOG.md says so). Regenerate with: UPDATE_API_SHAPE=1 node --test tests/js/api-shape.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import * as opscore from "opscore";

const file = new URL("./api-shape.json", import.meta.url);

function shape() {
  const out = {};
  for (const name of Object.keys(opscore).sort()) {
    const v = opscore[name];
    if (typeof v === "function") {
      const isClass = /^class\b/.test(Function.prototype.toString.call(v));
      out[name] = isClass
        ? { kind: "class", methods: Object.getOwnPropertyNames(v.prototype).filter((m) => m !== "constructor").sort() }
        : { kind: "function", arity: v.length };
    } else {
      out[name] = { kind: typeof v };
    }
  }
  return out;
}

test("the public API has the pinned shape", () => {
  const now = shape();
  if (process.env.UPDATE_API_SHAPE) writeFileSync(file, `${JSON.stringify(now, null, 2)}\n`);
  const pinned = JSON.parse(readFileSync(file, "utf8"));
  assert.deepEqual(now, pinned);
});
