// End-to-end tests of the planning tool's Capacity view (www/dist, built by Vite) in headless Chromium: the fan
// chart and the runway in words, scenario controls that move the runway the right way without refitting, the
// threshold control, the Erlang C staffing panel against the reference table and the closed form, the results
// export, axe-core, console errors, and a screenshot in test-results/screenshots/capacity.png.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, watchedPage, SHOTS, assertClean, plannerApp } from "./lib.mjs";
import { generateOrg } from "../../www/sample/index.js";

const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");

const app = plannerApp();

async function open(hash, options = {}) {
  const w = await watchedPage(app.browser, app.server.url, { viewport: { width: 1280, height: 900 }, ...options });
  w.page.setDefaultTimeout(30_000);
  await w.page.goto(`${app.server.url}/${hash}`);
  await w.page.waitForSelector("body[data-ready=true]");
  await w.page.waitForFunction(() => Number(document.getElementById("capacity-compare").dataset.renders) >= 1, null, { timeout: 60_000 });
  return w;
}

const clean = assertClean;

/** Set a control's value (a range, date or number input: `fill` fires "input") and wait for the repaint. */
async function move(page, selector, value, result = "#capacity-compare") {
  const before = await page.getAttribute(result, "data-renders");
  await page.fill(selector, String(value));
  await page.waitForFunction(([r, b]) => document.querySelector(r).dataset.renders !== b, [result, before]);
}

/** The comparison table as {row key: [baseline, scenario, change]}. */
const compareTable = (page) =>
  page.$$eval("#capacity-compare tbody tr", (trs) => Object.fromEntries(trs.map((tr) => [tr.dataset.row, [...tr.querySelectorAll("td")].map((td) => td.textContent)])));
/** The scenario's mean crossing date (RFC 3339) or "" when beyond the horizon. */
const scenarioMean = (page) => page.getAttribute("#capacity-summary", "data-scenario-mean");
const DAY = 86400000;

// The sample, generated here exactly as the worker does (same seed), for expectations from the data itself.
const org = generateOrg({ seed: "opscore-sample-1" });
const storage = org.capacity.find((c) => c.id === "checkout-db-storage");
const lastValue = storage.series.values[storage.series.values.length - 1];
const lastDay = new Date(Date.parse(storage.series.start) + (storage.series.values.length - 1) * DAY).toISOString().slice(0, 10);
/** The page's number format: no decimals from 100, one from 10, two below (www/views/capacity/text.js `num`). */
const fmt = (x) => {
  const d = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return Number(x.toFixed(d)).toLocaleString("en", { maximumFractionDigits: d });
};

test("capacity: fan chart, runway in words, and scenarios that move the runway the right way without refitting", async () => {
  const w = await open("#/capacity");
  const { page } = w;
  assert.equal(await page.inputValue("#capacity-resource"), "checkout-db-storage");
  // The chart: history, the forecast median and both intervals, with the threshold and runway drawn on it.
  assert.match(await page.textContent("#capacity-chart figcaption"), /Checkout database storage \(GB\): daily history and 730-day forecast/);
  assert.match(await page.textContent("#capacity-chart .u-legend"), /Daily \(GB\).*Forecast median.*95% interval lower.*80% interval upper/s);
  // The runway in words. Headroom from the data itself: limit 2,400 GB − the last observed value.
  const summary = await page.textContent("#capacity-summary");
  const headroomPct = (100 * (2400 - lastValue)) / 2400;
  assert.match(summary, /^Checkout database storage runs out around (\d{4}-\d\d-\d\d) \(between (\d{4}-\d\d-\d\d) and (\d{4}-\d\d-\d\d), 95% interval\); headroom now ([\d.]+)% \(([\d,]+) GB below the threshold of 2,400 GB\)\.$/);
  const [, mean, earliest, latest, pct, gb] = summary.match(/around (\S+) \(between (\S+) and (\S+), .*headroom now ([\d.]+)% \(([\d,]+) GB/);
  assert.ok(earliest <= mean && mean <= latest, `${earliest} ≤ ${mean} ≤ ${latest}`);
  assert.ok(mean > lastDay, "the crossing is after the last observation");
  assert.equal(Number(pct), Number(headroomPct.toFixed(1)));
  assert.equal(gb, fmt(2400 - lastValue));
  assert.match(await page.textContent("#capacity-model-line"), /^Model: .*ETS\(.*\), (?:chosen by lowest AICc from \d+ models compared|\d+ models combined with equal weights, from \d+ compared) \(AICc [\d,.-]+\); residual SD [\d.]+ GB, in-sample MASE [\d.]+, 365 observations, season of 7 days\.$/);
  const baselineMean = await page.getAttribute("#capacity-summary", "data-mean");
  assert.equal(baselineMean.slice(0, 10), mean);
  const fits = await page.getAttribute("#capacity-compare", "data-fits");
  assert.equal(fits, "1");

  // Growth: more growth → earlier; less → later. Each step is monotone.
  await move(page, "#capacity-growth", "1.5");
  const g15 = await scenarioMean(page);
  assert.ok(g15 && g15 < baselineMean, `1.5× growth runs out earlier: ${g15} < ${baselineMean}`);
  assert.match((await compareTable(page)).mean[2], /^\d+ days earlier$/);
  await move(page, "#capacity-growth", "2");
  const g2 = await scenarioMean(page);
  assert.ok(g2 < g15, `2× earlier than 1.5×: ${g2} < ${g15}`);
  await move(page, "#capacity-growth", "0.5");
  const g05 = await scenarioMean(page);
  assert.ok(g05 === "" || g05 > baselineMean, `0.5× growth runs out later: ${g05} > ${baselineMean}`);
  assert.match(await page.textContent("#capacity-summary"), /With growth 0\.5× the fitted trend, it (runs out around|does not run out before)/);
  await move(page, "#capacity-growth", "1");
  assert.equal(await scenarioMean(page), baselineMean, "back at 1× the scenario is the baseline");

  // A launch adding 30% on the day after the data ends: the scenario runs out earlier.
  const launchDay = new Date(Date.parse(lastDay) + DAY).toISOString().slice(0, 10);
  await move(page, "#capacity-launch-date", launchDay);
  await move(page, "#capacity-launch-pct", "30");
  const launched = await scenarioMean(page);
  assert.ok(launched < baselineMean, `a +30% launch runs out earlier: ${launched} < ${baselineMean}`);
  // 1.3 × the last value (about 1,936 GB → 2,517 GB) is already past 2,400 GB: the launch day itself crosses.
  assert.ok(1.3 * lastValue > 2400);
  assert.equal(launched.slice(0, 10), launchDay);
  await move(page, "#capacity-launch-pct", "0");

  // Capacity: +25% of the limit (600 GB) from the day after the data ends moves the threshold to 3,000 GB: later.
  await move(page, "#capacity-add-date", launchDay);
  await move(page, "#capacity-add-pct", "25");
  assert.match(await page.textContent("#capacity-add-value"), /^\+25% \(\+600 GB\)$/);
  const added = await scenarioMean(page);
  assert.ok(added === "" || added > baselineMean, `more capacity runs out later: ${added} > ${baselineMean}`);
  // With two changes at once, each is also shown on its own (the same runway call answers all three).
  await move(page, "#capacity-growth", "1.5");
  const alone = await page.$$eval("#capacity-levers li", (lis) => Object.fromEntries(lis.map((li) => [li.dataset.lever, li.textContent])));
  assert.deepEqual(Object.keys(alone), ["growth", "capacity"]);
  assert.match(alone.growth, new RegExp(`^Growth 1\\.5× the fitted trend on its own: runs out around ${g15.slice(0, 10)} \\(\\d+ days earlier than the baseline\\)\\.$`));
  assert.match(alone.capacity, /^600 GB of capacity added from \d{4}-\d\d-\d\d on its own: /);
  await move(page, "#capacity-growth", "1");
  assert.equal(await page.isVisible("#capacity-levers"), false);
  await move(page, "#capacity-add-pct", "0");

  // The threshold: alert at 80% of 2,400 GB = 1,920 GB; headroom = 1,920 − the last value (negative if past it).
  await move(page, "#capacity-alert", "80");
  const table = await compareTable(page);
  assert.equal(table.threshold[0], "1,920 GB");
  const hr = 1920 - lastValue;
  assert.equal(table.headroom[0], `${fmt(hr)} GB (${Number(((100 * hr) / 1920).toFixed(1))}%)`);
  const at80 = await page.getAttribute("#capacity-summary", "data-mean");
  assert.ok(at80 <= baselineMean, "a lower threshold is reached no later");
  await move(page, "#capacity-alert", "100");

  // Every what-if above reused the one fit.
  assert.equal(await page.getAttribute("#capacity-compare", "data-fits"), "1", "scenarios and thresholds never refit");
  // Choosing another model does fit again; a model without a trend says the growth multiplier has nothing to act on.
  await page.selectOption("#capacity-model", "seasonalNaive");
  await page.waitForFunction(() => document.getElementById("capacity-compare").dataset.fits === "2");
  await page.waitForSelector("#capacity-growth-note:not([hidden])");
  assert.match(await page.textContent("#capacity-growth-note"), /has no trend/);
  await page.selectOption("#capacity-model", "ZZZ");
  await page.waitForSelector("#capacity-growth-note", { state: "hidden" });
  assert.equal(await page.getAttribute("#capacity-compare", "data-fits"), "2", "the automatic model's fit was still held");
  await clean(w);
});

/** Erlang C from the closed form (shared/reference/capacity.md), with plain sums: independent of the engine. */
function erlangC(a, c) {
  let sum = 0;
  let term = 1; // a^k / k!
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = (term * c) / (c - a); // a^c / c! · c / (c − a)
  return top / (sum + top);
}
const serviceLevel = (a, c, t, s) => 1 - erlangC(a, c) * Math.exp((-(c - a) * t) / s);

test("capacity staffing: Erlang C matches the reference table and the closed form", async () => {
  const w = await open("#/capacity");
  const { page } = w;
  await page.waitForFunction(() => Number(document.getElementById("erlang-table").dataset.renders) >= 1);
  // Reference table (shared/reference/capacity.md): 100 arrivals per 30 min, 180 s each (a = 10), 80% within 20 s →
  // 14 agents: P(wait) 0.1741, SL 88.84%, ASA 7.8 s; 13 agents give 79.56%.
  assert.equal(await page.inputValue("#erlang-arrivals"), "200");
  assert.equal(await page.getAttribute("#erlang-summary", "data-servers"), "14");
  const text = await page.textContent("#erlang-summary");
  assert.match(text, /^14 agents or servers needed: 88\.8% answered within 20 s \(target 80%\), 17\.4% of arrivals wait at all, the average wait is 7\.8 s/);
  assert.match(text, /With 13, only 79\.6% would be answered within 20 s\./);
  const rows = await page.$$eval("#erlang-table tbody tr", (trs) => trs.map((tr) => [tr.dataset.servers, tr.querySelector("td").textContent]));
  assert.deepEqual(rows, [["13", "79.6%"], ["14", "88.8%"], ["15", "94.1%"]]);

  // 300 calls an hour (a = 15 erlangs): the closed form, computed here, gives the answer to check against.
  await move(page, "#erlang-arrivals", "300", "#erlang-table");
  const a = 15;
  let c = 16;
  while (serviceLevel(a, c, 20, 180) < 0.8) c++;
  assert.equal(await page.getAttribute("#erlang-summary", "data-servers"), String(c));
  const expected = `${Number((serviceLevel(a, c, 20, 180) * 100).toFixed(1))}%`;
  assert.match(await page.textContent("#erlang-summary"), new RegExp(`^${c} agents or servers needed: ${expected.replace(".", "\\.")} answered within 20 s`));
  assert.equal(await page.textContent(`#erlang-table tr[data-servers="${c}"] td`), expected);

  // A load the agents cannot carry has no steady state: the engine says so, next to the field.
  await move(page, "#erlang-aht", "0", "#erlang-table");
  assert.equal(await page.isVisible("#erlang-error"), true);
  assert.equal(await page.getAttribute("#erlang-aht", "aria-invalid"), "true");
  await move(page, "#erlang-aht", "3", "#erlang-table");
  assert.equal(await page.isVisible("#erlang-error"), false);
  // A preset: the support desk (12 tickets/h × 25 min = 5 erlangs, 80% within 30 min).
  await page.selectOption("#erlang-preset", "tickets");
  await page.waitForFunction(() => document.getElementById("erlang-summary").textContent.includes("within 30m"));
  let t = 6;
  while (serviceLevel(5, t, 1800, 1500) < 0.8) t++;
  assert.equal(await page.getAttribute("#erlang-summary", "data-servers"), String(t));
  await clean(w);
});

test("capacity: settings survive a reload, results export as CSV, axe finds nothing, and the screenshot", async () => {
  const w = await open("#/capacity", { bypassCSP: true });
  const { page } = w;
  await move(page, "#capacity-growth", "1.5");
  await move(page, "#capacity-launch-pct", "30");
  // The scenario is saved shortly after the last change (debounced).
  await page.waitForFunction(() => /"capacity\.launchPct":30/.test(localStorage.getItem("opscore.scenario.v1") ?? ""));
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction(() => Number(document.getElementById("capacity-compare").dataset.renders) >= 1, null, { timeout: 60_000 });
  assert.equal(await page.inputValue("#capacity-growth"), "1.5");
  assert.equal(await page.inputValue("#capacity-launch-pct"), "30");
  assert.match(await page.textContent("#capacity-scenario-state"), /^Scenario: growth 1\.5× the fitted trend, a launch adding 30% of usage from \d{4}-\d\d-\d\d\.$/);
  await page.waitForFunction(() => Number(document.getElementById("erlang-table").dataset.renders) >= 1);
  // axe (injected as a script: this context bypasses the CSP only for that) finds no violations at all.
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document.getElementById("view-capacity"), { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  assert.deepEqual(violations, []);
  await page.screenshot({ path: join(SHOTS, "capacity.png"), fullPage: true });
  // The results export carries the runway, the scenario and the staffing answer.
  await page.click('.nav a[data-view="data"]');
  const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#export-results")]);
  const text = await readFile(await csv.path(), "utf8");
  assert.match(text, /\r\nCapacity,Checkout database storage,Baseline runs out \(mean\),\d{4}-\d\d-\d\d,date\r\n/);
  assert.match(text, /\r\nCapacity,Checkout database storage,Scenario,"?growth 1\.5× the fitted trend, a launch adding 30% of usage from \d{4}-\d\d-\d\d"?,\r\n/);
  assert.match(text, /\r\nCapacity,"?Staffing: 200 arrivals\/h, 180 s handling, 80% within 20 s"?,Agents or servers needed,14,count\r\n/);
  await clean(w);
});

test("capacity at phone width in dark mode: no horizontal scrolling, controls usable", async () => {
  const w = await open("#/capacity", { viewport: { width: 375, height: 740 }, colorScheme: "dark" });
  const { page } = w;
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), false);
  await move(page, "#capacity-growth", "2");
  assert.match(await page.textContent("#capacity-summary"), /With growth 2× the fitted trend/);
  await page.screenshot({ path: join(SHOTS, "capacity-phone-dark.png"), fullPage: true });
  await clean(w);
});

test("capacity: saved values that are not numbers fall back to the baseline; out-of-range ones are clamped", async () => {
  const w = await open("#/capacity");
  const { page } = w;
  await page.evaluate(() => {
    const key = "opscore.scenario.v1";
    const s = JSON.parse(localStorage.getItem(key));
    s.overrides = { ...s.overrides, "capacity.growth": "fast", "capacity.launchPct": 500, "capacity.model": "<b>x</b>" };
    localStorage.setItem(key, JSON.stringify(s));
  });
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction(() => Number(document.getElementById("capacity-compare").dataset.renders) >= 1, null, { timeout: 60_000 });
  assert.equal(await page.inputValue("#capacity-growth"), "1");
  assert.equal(await page.inputValue("#capacity-launch-pct"), "100");
  assert.equal(await page.inputValue("#capacity-model"), "ZZZ");
  assert.match(await page.textContent("#capacity-scenario-state"), /^Scenario: a launch adding 100% of usage from /);
  await clean(w);
});

test("capacity of an imported Prometheus series: the forecast at once, the runway when its capacity is entered", async () => {
  const w = await open("#/data");
  const { page } = w;
  // 90 daily values from 2026-01-01: 100 + 2t, plus 1 on every seventh day (t = 0, 7, …). The last (t = 89, 31 March)
  // is 278; against a capacity of 399 the line needs 278 + 2k ≥ 399, so k = 61 days: 31 May 2026 (k = 60 gives
  // 398, one short; the weekly bump is a third of a unit on average, too small to move it).
  const t0 = Date.UTC(2026, 0, 1) / 1000;
  const values = Array.from({ length: 90 }, (_, t) => [t0 + t * 86400, String(100 + 2 * t + (t % 7 === 0 ? 1 : 0))]);
  const prom = { status: "success", data: { resultType: "matrix", result: [{ metric: { __name__: "queue_depth", cluster: "<b>eu</b>" }, values }] } };
  await page.setInputFiles("#import-file", { name: "depth.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(prom)) });
  await page.waitForFunction(() => document.querySelectorAll("#imports-table button.remove").length === 1);
  await page.click('.nav a[data-view="capacity"]');
  const option = 'depth.json: queue_depth{cluster="<b>eu</b>"}';
  await page.waitForFunction((o) => [...document.querySelectorAll("#capacity-resource option")].some((x) => x.textContent === `Imported: ${o}`), option);
  const value = await page.$eval("#capacity-resource", (s, o) => [...s.options].find((x) => x.textContent === `Imported: ${o}`).value, option);
  const before = await page.getAttribute("#capacity-compare", "data-renders");
  await page.selectOption("#capacity-resource", value);
  await page.waitForFunction((b) => document.getElementById("capacity-compare").dataset.renders !== b, before);
  // No capacity is known for an import: the forecast is drawn and the page asks for it.
  assert.equal(await page.inputValue("#capacity-limit"), "");
  assert.match(await page.textContent("#capacity-summary"), /^Enter the capacity of depth\.json: queue_depth\{cluster="<b>eu<\/b>"\} above/);
  assert.match(await page.textContent("#capacity-chart figcaption"), /^depth\.json: queue_depth\{cluster="<b>eu<\/b>"\} \(units\): daily history and 270-day forecast/);
  await move(page, "#capacity-limit", "399");
  assert.match(await page.textContent("#capacity-summary"), /^depth\.json: .* runs out around 2026-05-31 \(between /);
  assert.equal((await compareTable(page)).days[0], "61");
  // The name is text everywhere, never markup.
  assert.equal(await page.$$eval("#view-capacity b", (x) => x.length), 0);
  // After a reload the imported series is chosen again (it is listed only once the worker holds the import).
  await page.waitForFunction(() => /"capacity\.limit\.imports[a-z0-9]+":399/.test(localStorage.getItem("opscore.scenario.v1") ?? ""));
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction((v) => document.getElementById("capacity-resource").value === v, value);
  await page.waitForFunction(() => /runs out around 2026-05-31/.test(document.getElementById("capacity-summary").textContent));
  assert.equal(await page.inputValue("#capacity-limit"), "399");
  await clean(w);
});

test("capacity by keyboard: the growth slider moves with arrow keys, the 80% interval narrows the dates, the capacity is a what-if", async () => {
  const w = await open("#/capacity");
  const { page } = w;
  const base = await page.getAttribute("#capacity-summary", "data-mean");
  const rows95 = await compareTable(page);
  // Ten presses of → on a 0.05 step: 1 → 1.5, recomputed at each press.
  await page.focus("#capacity-growth");
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.getElementById("capacity-growth-value").textContent === "1.5×");
  await page.waitForFunction((b) => (document.getElementById("capacity-summary").dataset.scenarioMean ?? "") < b, base);
  // The 80% interval lies inside the 95% one, so its earliest date is no earlier and its latest no later.
  const before = await page.getAttribute("#capacity-compare", "data-renders");
  await page.selectOption("#capacity-level", "0.8");
  await page.waitForFunction((b) => document.getElementById("capacity-compare").dataset.renders !== b, before);
  const rows80 = await compareTable(page);
  const date = (cell) => cell.match(/^\d{4}-\d\d-\d\d/)?.[0] ?? "9999";
  assert.ok(date(rows80.earliest[0]) >= date(rows95.earliest[0]), `${rows80.earliest[0]} vs ${rows95.earliest[0]}`);
  assert.ok(date(rows80.latest[0]) <= date(rows95.latest[0]), `${rows80.latest[0]} vs ${rows95.latest[0]}`);
  assert.match(await page.textContent('#capacity-compare tr[data-row="earliest"] th'), /upper 80% bound/);
  // A different capacity is a what-if the overview lists, with the data's limit as the baseline.
  await move(page, "#capacity-limit", "3000");
  assert.equal((await compareTable(page)).threshold[0], "3,000 GB");
  await page.click('.nav a[data-view="overview"]');
  await page.waitForSelector('#changes-table tr[data-key="capacity.limit.checkoutdbstorage"]');
  assert.match(await page.textContent('#changes-table tr[data-key="capacity.limit.checkoutdbstorage"]'), /Capacity of Checkout database storage \(Capacity view\)3,000 GB2,400 GB/);
  assert.match(await page.textContent('#changes-table tr[data-key="capacity.growth"]'), /1\.5×/);
  await clean(w);
});
