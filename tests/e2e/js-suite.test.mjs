// Runs the portable JS suites (tests/js/*.test.mjs, not *.node.test.mjs) in headless Chromium, unchanged: the
// lightningcss pattern of one suite, two runtimes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, launch, serve, watchedPage } from "./lib.mjs";

const files = readdirSync(join(ROOT, "tests", "js")).filter((f) => f.endsWith(".test.mjs") && !f.endsWith(".node.test.mjs"));

test("the portable JS suites pass in Chromium", async () => {
  assert.ok(files.length >= 2, `found ${files}`);
  const server = await serve(ROOT);
  const browser = await launch();
  try {
    const { page, problems } = await watchedPage(browser, server.url);
    await page.goto(`${server.url}/tests/js/browser/index.html?files=${files.join(",")}`);
    await page.waitForFunction(() => document.getElementById("out").textContent.startsWith("["), null, { timeout: 60_000 });
    const results = JSON.parse(await page.textContent("#out"));
    for (const r of results) console.log(`${r.ok ? "ok" : "not ok"} - [chromium] ${r.file}: ${r.name}`);
    const failed = results.filter((r) => !r.ok);
    assert.deepEqual(failed, [], failed.map((f) => `${f.file}: ${f.name}\n${f.error}`).join("\n\n"));
    assert.ok(results.length >= files.length, "every file ran tests");
    assert.deepEqual(problems.console, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
