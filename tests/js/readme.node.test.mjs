// Runs every ```js block of README.md in Node, as written, and checks each value the text documents in a
// trailing comment (see examples.mjs), so the documentation cannot rot.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PRELUDE, instrument, runModule } from "./examples.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const readme = readFileSync(join(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/^```js\n([\s\S]*?)^```/gm)].map((m) => ({
  code: m[1],
  line: readme.slice(0, m.index).split("\n").length,
}));

test("README has JS examples", () => assert.ok(blocks.length >= 4, `found ${blocks.length}`));

for (const b of blocks) {
  test(`README.md line ${b.line}: the example runs and its documented values hold`, async () => {
    const code = instrument(b.code, `README.md:${b.line}`);
    assert.ok(code.includes("__check(") || !/\/\/\s*-?\d/.test(b.code), "a documented value was not recognised");
    await runModule(root, `readme-${b.line}`, PRELUDE + code);
  });
}
