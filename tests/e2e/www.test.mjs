// End-to-end test of the planning tool, built by Vite (www/dist), in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, launch, serve, watchedPage } from "./lib.mjs";

const SHOTS = join(ROOT, "test-results", "screenshots");
let server;
let browser;

before(async () => {
  server = await serve(join(ROOT, "www", "dist"));
  browser = await launch();
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const cell = (page, period, col) => page.textContent(`#downtime-table tr[data-period="${period}"] td:nth-of-type(${col})`);

test("typing a target recomputes the allowed-downtime table", async () => {
  const { page, problems } = await watchedPage(browser, server.url);
  await page.goto(`${server.url}/`);
  await page.waitForSelector("body[data-ready=true]");
  // Default 99.9%: a Gregorian month is 2 629 746 s × 0.001 = 2 629.746 s = 43 min 49.7 s → "43m 50s".
  assert.equal(await cell(page, "month", 1), "43m 50s");

  // Type 99.95 key by key: every keystroke recomputes. 99.95%: month 2 629 746 × 0.0005 = 1 314.873 s
  // = 21 min 54.9 s → "21m 55s"; day 86 400 × 0.0005 = 43.2 s → "43s".
  await page.fill("#target", "");
  await page.type("#target", "99.95");
  assert.equal(await cell(page, "month", 1), "21m 55s");
  assert.equal(await cell(page, "day", 1), "43s");
  assert.equal(await cell(page, "day", 2), "43.2");

  // The 30-day convention: 30 × 86 400 × 0.0005 = 1 296 s = 21m 36s.
  await page.selectOption("#convention", "days30");
  assert.equal(await cell(page, "month", 1), "21m 36s");
  await page.screenshot({ path: join(SHOTS, "downtime.png"), fullPage: true });

  assert.deepEqual(problems.console, [], "console errors");
  assert.deepEqual(problems.foreign, [], "requests beyond the page's own origin");
});

test("a bad target shows the engine's error, and a good one clears it", async () => {
  const { page, problems } = await watchedPage(browser, server.url);
  await page.goto(`${server.url}/`);
  await page.waitForSelector("body[data-ready=true]");
  await page.fill("#target", "100");
  assert.equal(await page.getAttribute("#target-error", "data-code"), "out_of_range");
  assert.equal(await page.isVisible("#target-error"), true);
  assert.equal(await page.getAttribute("#target", "aria-invalid"), "true");
  await page.fill("#target", "abc");
  assert.equal(await page.getAttribute("#target-error", "data-code"), "invalid_type");
  await page.fill("#target", "99");
  assert.equal(await page.isVisible("#target-error"), false);
  // 99%: a day allows 864 s = 14m 24s (uptime.is).
  assert.equal(await cell(page, "day", 1), "14m 24s");
  assert.deepEqual(problems.console, []);
});

test("works at phone width and in dark mode", async () => {
  const { page, problems } = await watchedPage(browser, server.url, {
    viewport: { width: 375, height: 740 },
    colorScheme: "dark",
  });
  await page.goto(`${server.url}/`);
  await page.waitForSelector("body[data-ready=true]");
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--bg").trim());
  assert.equal(bg, "#0f1419");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false, "no horizontal scrolling at 375 px");
  await page.screenshot({ path: join(SHOTS, "downtime-phone-dark.png"), fullPage: true });
  assert.deepEqual(problems.console, []);
});
