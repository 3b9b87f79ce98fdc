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

test("the scorecard, budget and runway elements render from one document and report what-if changes", async () => {
  const server = await serve(ROOT);
  const browser = await launch();
  try {
    const { page, problems } = await watchedPage(browser, server.url);
    await page.goto(`${server.url}/examples/embed.html`);
    const inShadow = (id, selector) =>
      page.evaluate(([id, selector]) => document.getElementById(id).shadowRoot.querySelector(selector)?.textContent ?? null, [id, selector]);
    for (const id of ["scorecard", "budget", "runway"]) {
      await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector("h2"), id);
    }
    // The scorecard: checkout's SLA lost 18 minutes of March's 44m 38s allowance (99.9% of 31 days); the status is
    // in words as well as colour.
    const checkoutStatus = await inShadow("scorecard", 'tr[data-id="checkout"] td.status');
    assert.match(checkoutStatus, /healthy|at risk|critical/);
    assert.ok((await inShadow("scorecard", "table")) !== null);
    // Re-score as of another day through the element's own control.
    await page.evaluate(() => {
      window.changes = [];
      document.addEventListener("opscore-change", (e) => window.changes.push([e.target.id, e.detail]));
      document.addEventListener("opscore-select", (e) => window.changes.push([e.target.id, e.detail]));
    });
    const asOf = page.locator("#scorecard input#asof");
    await asOf.fill("2026-03-20");
    await page.locator('#scorecard tr[data-id="checkout"]').click();
    // The budget: one more 60-minute full outage must leave less budget than now.
    const before = await inShadow("budget", '[part="remaining"]');
    const minutes = page.locator("#budget input#outage");
    await minutes.fill("60");
    await page.waitForFunction(() => document.getElementById("budget").shadowRoot.querySelector('[part="scenario"]'));
    const scenario = await inShadow("budget", '[part="scenario"]');
    const left = (s) => Number(/(-?\d+)%/.exec(s)[1]);
    assert.ok(left(scenario) < left(before), `${scenario} vs ${before}`);
    // The runway: doubling growth must not push the crossing later.
    // A range input: set it as a drag would (each step fires an input event).
    await page.evaluate(() => {
      const slider = document.getElementById("runway").shadowRoot.querySelector("input#growth");
      slider.value = "2";
      slider.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await page.waitForFunction(() => /At 2\.0× growth/.test(document.getElementById("runway").shadowRoot.querySelector('[part="scenario"]').textContent));
    const changes = await page.evaluate(() => window.changes);
    const controls = changes.map(([id, d]) => `${id}:${d.control ?? d.kind}`);
    assert.deepEqual(controls, ["scorecard:asOf", "scorecard:service", "budget:outageMinutes", "runway:growth"]);
    assert.equal(changes[1][1].id, "checkout");
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, "elements-embed-all.png"), fullPage: true });
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.foreign, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("typing into a what-if control keeps focus while the element recomputes", async () => {
  const server = await serve(ROOT);
  const browser = await launch();
  try {
    const { page, problems } = await watchedPage(browser, server.url);
    await page.goto(`${server.url}/examples/embed.html`);
    await page.waitForFunction(() => document.getElementById("budget").shadowRoot.querySelector("input#outage"));
    await page.locator("#budget input#outage").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("45", { delay: 30 });
    assert.equal(await page.evaluate(() => document.getElementById("budget").getAttribute("outage-minutes")), "45");
    assert.equal(await page.evaluate(() => document.getElementById("budget").shadowRoot.activeElement?.id), "outage");
    assert.deepEqual(problems.console, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
