// Runs the @example of every export, as published in pkg/opscore.d.ts, and checks the values it documents
// (see examples.mjs). Also requires every exported function to carry an example.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as opscore from "opscore";
import { PRELUDE, instrument, runModule } from "./examples.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dts = readFileSync(join(root, "pkg", "opscore.d.ts"), "utf8");

// Each doc comment that precedes an exported function or class: /** ... */ export function name(
const documented = [...dts.matchAll(/\/\*\*([\s\S]*?)\*\/\s*export (?:declare )?(?:function|class) (\w+)/g)].map((m) => ({
  name: m[2],
  doc: m[1].replace(/^\s*\* ?/gm, ""),
}));
const GLUE = new Set(["default", "initSync"]);
const exportedFns = Object.keys(opscore).filter((k) => typeof opscore[k] === "function" && !GLUE.has(k));

test("every exported function or class has a doc comment with an @example", () => {
  const withExample = new Set(documented.filter((d) => /@example/.test(d.doc)).map((d) => d.name));
  assert.deepEqual(exportedFns.filter((f) => !withExample.has(f)), []);
});

const names = Object.keys(opscore).filter((k) => k !== "default");
for (const { name, doc } of documented) {
  const m = doc.match(/@example\s*```(?:ts|js|typescript)?\n([\s\S]*?)```/);
  if (!m) continue;
  test(`the @example of ${name} runs and its documented values hold`, async () => {
    const src = `${PRELUDE}import * as __o from "opscore";\nconst { ${names.join(", ")} } = __o;\n${instrument(m[1], name)}`;
    await runModule(root, `doc-${name}`, src);
  });
}
