// The custom elements (opscore/elements) on the static example page, in headless Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { ROOT, launch, serve, watchedPage } from "./lib.mjs";

const SHOTS = join(ROOT, "test-results", "screenshots");

test("examples/embed.html renders the elements, themes them, and reports what-if changes", async () => {
  const server = await serve(ROOT);
  const browser = await launch();
  try {
    const { page, problems } = await watchedPage(browser, server.url);
    await page.goto(`${server.url}/examples/embed.html`);
    const month = (id) =>
      page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('tr[data-period="month"] td')?.textContent, id);
    await page.waitForFunction(() => document.getElementById("search").shadowRoot.querySelector("table"));
    // 99.9%, Gregorian month 2 629 746 s × 0.001 = 2 629.7 s → 43m 50s; 99.95% of a 30-day month: 1 296 s → 21m 36s.
    assert.equal(await month("checkout"), "43m 50s");
    assert.equal(await month("search"), "21m 36s");

    // Shadow DOM isolates the element: the page's own tables are not its tables.
    assert.equal(await page.evaluate(() => document.querySelectorAll("table").length), 0);
    // Theming: the custom property reaches inside the shadow root.
    const color = await page.evaluate(() => getComputedStyle(document.getElementById("search")).color);
    assert.equal(color, "rgb(230, 237, 243)");

    // A what-if control: type 99.99 in the checkout element; it re-renders and fires opscore-change.
    await page.evaluate(() => {
      window.changes = [];
      document.addEventListener("opscore-change", (e) => window.changes.push([e.target.id, e.detail]));
    });
    const input = page.locator("#checkout input");
    await input.fill("99.99");
    await input.press("Enter");
    await page.waitForFunction(() => window.changes.length > 0);
    const changes = await page.evaluate(() => window.changes);
    assert.equal(changes[0][0], "checkout");
    assert.equal(changes[0][1].control, "target");
    assert.ok(Math.abs(changes[0][1].value - 0.9999) < 1e-12);
    // 99.99%: 2 629 746 s × 0.0001 = 263.0 s → 4m 23s.
    await page.waitForFunction(() => document.getElementById("checkout").shadowRoot.querySelector('tr[data-period="month"] td').textContent === "4m 23s");

    // An accessible name for the control, from its label.
    const label = await page.evaluate(() => {
      const root = document.getElementById("checkout").shadowRoot;
      return root.querySelector(`label[for="${root.querySelector("input").id}"]`)?.textContent;
    });
    assert.equal(label, "Target (%)");

    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, "elements-embed.png"), fullPage: true });
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.foreign, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
