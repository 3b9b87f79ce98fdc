// The npm package in a browser with <script type="module"> and no bundler.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ROOT, launch, serve, watchedPage } from "./lib.mjs";

test("pkg/ loads in Chromium from a plain module script", async () => {
  const server = await serve(ROOT);
  const browser = await launch();
  try {
    const { page, problems } = await watchedPage(browser, server.url);
    await page.goto(`${server.url}/tests/e2e/fixtures/nobundler.html`);
    await page.waitForFunction(() => document.getElementById("out").textContent.startsWith("{"));
    const out = JSON.parse(await page.textContent("#out"));
    // 86 400 s × (1 − 0.999) = 86.4 s.
    assert.ok(Math.abs(out.day - 86.4) < 1e-9, `day = ${out.day}`);
    assert.deepEqual([out.isError, out.code, out.path], [true, "out_of_range", "target"]);
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.foreign, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
