// Loads the package, imports each suite named in the URL (?files=a.test.mjs,b.test.mjs), runs them, and writes
// the results as JSON into #out for the Node driver (tests/e2e/js-suite.test.mjs) to read.
import init from "opscore";
import { run } from "node:test";

const out = document.getElementById("out");
try {
  await init();
  const files = new URLSearchParams(location.search).get("files").split(",");
  const results = [];
  for (const f of files) {
    await import(`/tests/js/${f}`);
    for (const r of await run()) results.push({ file: f, ...r });
  }
  out.textContent = JSON.stringify(results);
} catch (e) {
  out.textContent = JSON.stringify([{ file: "(runner)", name: "load", ok: false, error: String(e?.stack ?? e) }]);
}
