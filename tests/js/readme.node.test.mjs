// Runs every ```js block of README.md and pkg/README.md in Node, as written, and checks each value the text documents in a
// trailing comment (see examples.mjs), so the documentation cannot rot.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PRELUDE, instrument, runModule } from "./examples.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** The ```js blocks of a Markdown file (a block tagged otherwise, such as ```js worker, is not for Node). */
const blocksOf = (file) => {
  const text = readFileSync(join(root, file), "utf8");
  return [...text.matchAll(/^```js\n([\s\S]*?)^```/gm)].map((m) => ({
    file,
    code: m[1],
    line: text.slice(0, m.index).split("\n").length,
  }));
};
// The project README and the package's own README (what npm shows).
const blocks = [...blocksOf("README.md"), ...blocksOf("pkg/README.md")];

test("README has JS examples", () => assert.ok(blocks.filter((b) => b.file === "README.md").length >= 4));
test("the package README has JS examples", () => assert.ok(blocks.filter((b) => b.file === "pkg/README.md").length >= 4));

for (const b of blocks) {
  test(`${b.file} line ${b.line}: the example runs and its documented values hold`, async () => {
    const code = instrument(b.code, `${b.file}:${b.line}`);
    assert.ok(code.includes("__check(") || !/\/\/\s*-?\d/.test(b.code), "a documented value was not recognised");
    await runModule(root, `${b.file.replace(/\W/g, "-")}-${b.line}`, PRELUDE + code);
  });
}
