// Runs every ```js block of README.md in Node, as written, so the documentation cannot rot.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const readme = readFileSync(join(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/^```js\n([\s\S]*?)^```/gm)].map((m, i) => ({
  code: m[1],
  line: readme.slice(0, m.index).split("\n").length,
  i,
}));

// Written inside the repository so that `import ... from "opscore"` resolves like a user's project.
const dir = join(root, "tests", "js", ".readme");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

test("README has JS examples", () => assert.ok(blocks.length >= 1));

for (const b of blocks) {
  test(`README.md line ${b.line}: the example runs`, async () => {
    const file = join(dir, `example-${b.i}.mjs`);
    writeFileSync(file, b.code);
    await import(pathToFileURL(file).href);
  });
}
