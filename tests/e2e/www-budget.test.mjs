// End-to-end tests of the planning tool's error-budget view (www/dist, built by Vite) in headless Chromium: the
// controls recompute in the worker, and the numbers on screen are checked against values worked out here from the
// sample organisation's own buckets (generated in Node with the same seed) and by hand. Also: the Prometheus
// export, the CSV results, persistence across a reload, axe-core, console errors, and a screenshot.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, watchedPage, SHOTS, assertClean, plannerApp } from "./lib.mjs";
import { generateOrg } from "../../www/sample/index.js";

const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");

// The sample as the page generates it (the default seed): checkout's per-minute buckets, no maintenance windows.
const org = generateOrg();
const sli = org.services.find((s) => s.id === "checkout").sli;
const N = sli.total.length;
const WINDOW = 28 * 1440;
function sums(from, to) {
  let bad = 0;
  let total = 0;
  for (let i = from; i < to; i++) {
    bad += sli.total[i] - sli.good[i];
    total += sli.total[i];
  }
  return { bad, total };
}
const window28 = sums(N - WINDOW, N);

const app = plannerApp();

async function open(hash, options = {}) {
  const w = await watchedPage(app.browser, app.server.url, { viewport: { width: 1280, height: 900 }, ...options });
  w.page.setDefaultTimeout(30_000);
  await w.page.goto(`${app.server.url}/${hash}`);
  await w.page.waitForSelector("body[data-ready=true]");
  return w;
}

const clean = assertClean;

const renders = (page, id) => page.evaluate((i) => Number(document.getElementById(i).dataset.renders ?? 0), id);
/**
 * Wait until no card of the view waits to be painted: while a control moves, cards off screen are painted when the
 * control rests (400 ms after the last change) or when they come on screen.
 */
const settled = (page) => page.waitForFunction(() => !document.getElementById("view-budget").dataset.stale);
/** Run `act`, then wait until the element's data-renders counter moves past its value before, and the view settles. */
async function after_(page, id, act) {
  const before = await renders(page, id);
  await act();
  await page.waitForFunction(([i, b]) => Number(document.getElementById(i).dataset.renders) > b, [id, before]);
  await settled(page);
}
const figure = (page, measure, col = 2) =>
  page.$eval(`#budget-figures tr[data-measure="${measure}"] td:nth-of-type(${col - 1})`, (td) => ({ text: td.textContent, value: td.dataset.value }));
const close = (actual, expected, eps, what) => assert.ok(Math.abs(Number(actual) - expected) < eps, `${what}: ${actual} vs ${expected}`);

test("error budget: target, window and a hypothetical incident recompute to the values worked out by hand", async () => {
  const w = await open("#/budget");
  const { page } = w;
  await page.waitForFunction(() => Number(document.getElementById("budget-headline").dataset.renders) >= 1);
  assert.equal(await page.inputValue("#budget-service"), "checkout");
  // The service's own SLO: 99.9% over 28 days. As full outage: (1 − 0.999) × 28 × 86 400 s = 2 419.2 s = 40m 19s.
  assert.equal(await page.inputValue("#budget-objective"), "99.9");
  const budget = await figure(page, "budget-seconds");
  assert.equal(budget.text, "40m 19s");
  close(budget.value, 2419.2, 1e-6, "budget seconds at 99.9%");
  const base = 1 - window28.bad / (0.001 * window28.total);
  close((await figure(page, "remaining")).value, base, 1e-9, "remaining at 99.9%");
  assert.equal((await figure(page, "remaining")).text, `${Number((base * 100).toFixed(1))}%`);
  assert.match(await page.textContent("#budget-headline"), /^Checkout API, 99\.9% over 28 days: \d+(\.\d)?% of the budget left/);
  // The burn-down chart and the alert timeline are drawn; the burn-rate table has the standard windows.
  await page.waitForSelector("#budget-chart canvas");
  await page.waitForSelector("#budget-timeline svg rect.lane-bg");
  assert.deepEqual(await page.$$eval("#budget-burn tbody tr", (trs) => trs.map((tr) => tr.dataset.window)), ["5m", "30m", "1h", "2h", "6h", "1d", "3d"]);
  assert.match(await page.textContent('#budget-burn tr[data-window="1d"] td:nth-of-type(3)'), /^(Sustainable|Too fast|On budget|Not burning)/);

  // Tighten the target to 99.95%: the budget halves. (1 − 0.9995) × 28 d = 1 209.6 s = 20m 10s; consumed doubles.
  await after_(page, "budget-headline", async () => {
    await page.fill("#budget-objective", "");
    await page.type("#budget-objective", "99.95");
  });
  await page.waitForFunction(() => document.querySelector('#budget-figures tr[data-measure="budget-seconds"] td').textContent === "20m 10s");
  const tight = 1 - window28.bad / (0.0005 * window28.total);
  close((await figure(page, "remaining")).value, tight, 1e-9, "remaining at 99.95%");
  close((await figure(page, "budget-events")).value, 0.0005 * window28.total, 1e-6 * window28.total, "budget in requests");
  // The headline compares with the service's own SLO.
  assert.ok((await page.textContent("#budget-headline")).includes(`At the service's own SLO (99.9% over 28 days): ${Number((base * 100).toFixed(1))}% left.`));

  // One more incident from now on: 20 minutes at 100% errors consume 1 200 / 1 209.6 = 0.99206 of the budget.
  await after_(page, "budget-headline", async () => {
    await page.check("#budget-incident-on");
    await page.fill("#budget-incident-minutes", "20");
    await page.fill("#budget-incident-rate", "100");
  });
  await page.waitForFunction(() => document.querySelector('#budget-figures tr[data-measure="remaining"] td:nth-of-type(2)').dataset.value !== undefined);
  await page.waitForFunction(
    (want) => Math.abs(Number(document.querySelector('#budget-figures tr[data-measure="remaining"] td:nth-of-type(2)').dataset.value) - want) < 1e-9,
    tight - 1200 / 1209.6,
  );
  await settled(page);
  assert.match(await page.textContent("#budget-headline"), /With a 20-minute incident at 100% errors from now on: /);
  assert.equal(await page.textContent('#budget-tiers tr[data-tier="page-1h"] td:nth-of-type(4)'), "Not evaluated: it lies after the as-of time");

  // Move it 48 hours into the past: its 20 minutes of buckets become all bad, and the backtest evaluates it.
  await after_(page, "budget-headline", () => page.fill("#budget-incident-start", "-48"));
  const i0 = N - 2 * 1440;
  const during = sums(i0, i0 + 20);
  const pastConsumed = (window28.bad - during.bad + during.total) / (0.0005 * window28.total);
  await page.waitForFunction(
    (want) => Math.abs(Number(document.querySelector('#budget-figures tr[data-measure="consumed"] td:nth-of-type(2)').dataset.value) - want) < 1e-9,
    pastConsumed,
  );
  await settled(page);
  assert.match(await page.textContent("#budget-incident-when"), /^2026-10-30 00:00 UTC, 48 hours before the as-of time/);
  // The 1h page tier (13.44 × 0.05% = 0.672% errors over 1h and 5m) fires at the end of the incident's first minute
  // when that minute alone already lifts the hour above 0.672%: worked out from the buckets here.
  const hour = sums(i0 - 59, i0);
  const five = sums(i0 - 4, i0);
  const minute = sli.total[i0];
  const firstMinute = (hour.bad + minute) / (hour.total + minute) > 0.00672 && (five.bad + minute) / (five.total + minute) > 0.00672;
  assert.ok(firstMinute, "the sample's traffic makes the first minute enough");
  assert.equal(await page.textContent('#budget-tiers tr[data-tier="page-1h"] td:nth-of-type(4)'), "Caught after 1m");
  assert.ok((await page.$$("#budget-timeline rect.bar-hypothetical")).length === 1);
  assert.ok((await page.$$('#budget-fires tr[data-tier="page-1h"]')).length >= 1);

  // The year backtest summarises each tier against the recorded incidents.
  await page.waitForFunction(() => document.querySelectorAll("#budget-year tbody tr").length === 4);
  const incidents = org.outages.filter((o) => o.service === "checkout" && !o.maintenance).length;
  assert.match(await page.textContent("#budget-year-line"), new RegExp(`against ${incidents} recorded incidents`));
  assert.match(await page.textContent('#budget-year tr[data-tier="page-1h"] td:nth-of-type(2)'), new RegExp(`^\\d+ of ${incidents} \\(\\d+%\\)$`));

  // The Prometheus export for 99.95% over 28 days: the 1h page factor is 14.4 × 28 / 30 = 13.44.
  await page.waitForFunction(() => document.getElementById("budget-rules").value.includes("0.9995"));
  const yaml = await page.inputValue("#budget-rules");
  for (const name of [
    "record: slo:sli_error:ratio_rate5m",
    "record: slo:sli_error:ratio_rate3d",
    "record: slo:period_error_budget_remaining:ratio",
    'alert: "slo_checkout_availability_budget_burn_page"',
    'alert: "slo_checkout_availability_budget_burn_ticket"',
    "> (13.44 * (1 - 0.9995))",
    "vector(28)",
  ]) {
    assert.ok(yaml.includes(name), `rules contain ${name}`);
  }
  assert.equal(await page.getAttribute("#budget-rules", "readonly"), "");
  const [file] = await Promise.all([page.waitForEvent("download"), page.click("#budget-rules-download")]);
  assert.equal(file.suggestedFilename(), "checkout-availability-slo.rules.yml");
  assert.equal(await readFile(await file.path(), "utf8"), yaml);

  // A 30-day window: (1 − 0.9995) × 30 × 86 400 = 1 296 s = 21m 36s, and the page factor is Sloth's 14.4.
  await after_(page, "budget-headline", () => page.selectOption("#budget-window", "30"));
  await page.waitForFunction(() => document.querySelector('#budget-figures tr[data-measure="budget-seconds"] td').textContent === "21m 36s");
  await page.waitForFunction(() => document.getElementById("budget-rules").value.includes("> (14.4 * (1 - 0.9995))"));

  // A bad objective is reported next to the field, in the page's own words.
  await page.fill("#budget-objective", "100");
  await page.waitForSelector("#budget-objective-error:not([hidden])");
  assert.match(await page.textContent("#budget-objective-error"), /above 0 and below 100/);
  assert.equal(await page.getAttribute("#budget-objective", "aria-invalid"), "true");
  await after_(page, "budget-headline", () => page.fill("#budget-objective", "99.95"));
  assert.equal(await page.isHidden("#budget-objective-error"), true);

  // A long query (over the scenario's 200-character strings) is used for the rules but not saved.
  const long = `sum(rate(http_requests_total{job="checkout",code=~"5..",${"x".repeat(200)}="y"}[{{.window}}]))`;
  // (The rules follow a pause in typing: wait for their text, not for the next repaint, which may be an earlier one.)
  await page.fill("#budget-error-query", long);
  assert.equal(await page.isVisible("#budget-query-note"), true);
  await page.waitForFunction((marker) => document.getElementById("budget-rules").value.includes(marker), `${"x".repeat(200)}="y"}[5m]`);

  // The results export carries the view's rows.
  await page.click('.nav a[data-view="data"]');
  const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#export-results")]);
  const text = await readFile(await csv.path(), "utf8");
  assert.match(text, /Error budget,Checkout API 99\.95% over 30d,Budget as full outage,1296(\.0+\d*)?,s/);
  assert.match(text, /Error budget,"Checkout API 99\.95% over 30d, with a 20-minute incident at 100% errors",Remaining,/);
  assert.match(text, /Error budget,Checkout API 99\.95% over 30d,Burn rate 1h,/);

  // The scenario survives a reload: the objective, the window and the incident come back.
  await page.goto(`${app.server.url}/#/budget`);
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction(() => Number(document.getElementById("budget-headline").dataset.renders) >= 1);
  assert.equal(await page.inputValue("#budget-objective"), "99.95");
  assert.equal(await page.inputValue("#budget-window"), "30");
  assert.equal(await page.isChecked("#budget-incident-on"), true);
  assert.equal(await page.inputValue("#budget-incident-start"), "-48");
  assert.equal(await page.inputValue("#budget-incident-minutes"), "20");
  // The saved state was readable (no notice), and the long query was left out of it.
  assert.equal(await page.$('#notices [data-id="saved-state"]'), null);
  assert.equal(await page.inputValue("#budget-error-query"), 'sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))');
  // The overview lists the three what-ifs as changes from the baseline.
  await page.click('.nav a[data-view="overview"]');
  const keys = await page.$$eval("#changes-table tbody tr", (trs) => trs.map((tr) => tr.dataset.key));
  for (const k of ["budget.objective", "budget.window", "budget.incident"]) assert.ok(keys.includes(k), `${k} listed as a change`);
  // The objective reaches the organisation the overview scores: Checkout's SLO there is 99.95% too.
  await page.waitForFunction(() => /SLO Availability \(99\.95%\)/.test(document.querySelector('#overview-services li[data-service="checkout"]')?.textContent ?? ""));
  await clean(w);
});

test("error budget: axe-core finds no violations in the view, no console errors, and a screenshot", async () => {
  // axe is injected as a script tag, which this page's CSP would (rightly) refuse; only this context bypasses it.
  const w = await open("#/budget?service=payments", { bypassCSP: true });
  const { page } = w;
  await page.waitForFunction(() => Number(document.getElementById("budget-year-line").dataset.renders) >= 1);
  assert.equal(await page.inputValue("#budget-service"), "payments");
  // Payments' own SLO is 99.95%; show a hypothetical incident so the screenshot has every layer.
  assert.equal(await page.inputValue("#budget-objective"), "99.95");
  await after_(page, "budget-headline", async () => {
    await page.check("#budget-incident-on");
    await page.fill("#budget-incident-start", "-100");
  });
  // Wait for the last result (the slider's), so axe never runs while the view repaints.
  await page.waitForFunction(() => / 100 hours before the as-of time/.test(document.getElementById("budget-headline").textContent));
  await page.waitForSelector("#budget-timeline rect.bar-hypothetical");
  await page.waitForFunction(() => document.getElementById("budget-rules").value.includes("slo_payments_availability_budget_burn_page"));
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document.getElementById("view-budget"), { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  assert.deepEqual(violations, []);
  // Once the controls are still, every card is rendered (off-screen ones skip rendering only while a control moves).
  await page.waitForSelector("#view-budget:not(.moving)");
  await page.screenshot({ path: join(SHOTS, "budget.png"), fullPage: true });
  // Phone width in dark mode: still no horizontal scrolling, and no violations.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.emulateMedia({ colorScheme: "dark" });
  // The chart and the timeline follow their boxes through ResizeObservers (asynchronous): give them a moment.
  await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, null, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), false, "no horizontal scrolling");
  const phone = await page.evaluate(async () => (await window.axe.run(document.getElementById("view-budget"), { resultTypes: ["violations"] })).violations.map((v) => v.id));
  assert.deepEqual(phone, []);
  await page.screenshot({ path: join(SHOTS, "budget-phone-dark.png"), fullPage: true });
  await clean(w);
});

test("error budget without the sample: the view says so, and a later sample (another seed) is shown in full", async () => {
  const w = await open("#/budget");
  const { page } = w;
  await page.waitForFunction(() => Number(document.getElementById("budget-headline").dataset.renders) >= 1);
  await page.click('.nav a[data-view="data"]');
  await page.selectOption("#sample-seed", "");
  await page.click('.nav a[data-view="budget"]');
  await page.waitForFunction(() => document.getElementById("budget-headline").textContent.startsWith("No service data"));
  assert.equal(await page.$("#budget-chart canvas"), null);
  assert.equal((await page.$$("#budget-figures tbody tr")).length, 0);
  // Another seed: its services come back, and the view recomputes (the worker drops the old histories).
  await page.click('.nav a[data-view="data"]');
  await page.selectOption("#sample-seed", "opscore-sample-2");
  await page.click('.nav a[data-view="budget"]');
  await page.waitForFunction(() => /^Checkout API, 99\.9% over 28 days/.test(document.getElementById("budget-headline").textContent));
  await page.waitForSelector("#budget-chart canvas");
  await clean(w);
});

test("error budget: objective A → B → A shows what a fresh load at A shows (the worker keeps baselines), and a long fires list is shortened", async () => {
  const w = await open("#/budget");
  const { page } = w;
  await page.waitForFunction(() => Number(document.getElementById("budget-headline").dataset.renders) >= 1);
  /** Every number on screen that the objective drives: the figures, burn rates, tiers and fires (raw values). */
  const snapshot = () =>
    page.evaluate(() => ({
      headline: document.getElementById("budget-headline").textContent,
      values: [...document.querySelectorAll("#budget-figures td, #budget-burn td, #budget-tiers td, #budget-fires td")].map((td) => [td.textContent, td.dataset.value ?? null]),
      timeline: document.querySelector("#budget-timeline svg")?.getAttribute("aria-label"),
    }));
  const fresh = await snapshot();
  assert.equal(await page.inputValue("#budget-objective"), "99.9");
  // 99.99%: a tenth of the budget, (1 − 0.9999) × 28 d = 241.92 s; the slow ticket tier fires over and over.
  await after_(page, "budget-headline", () => page.fill("#budget-objective", "99.99"));
  await page.waitForFunction(() => Math.abs(Number(document.querySelector('#budget-figures tr[data-measure="budget-seconds"] td').dataset.value) - 241.92) < 1e-6);
  await settled(page);
  const fires = await page.$$eval("#budget-tiers tbody tr", (trs) => trs.reduce((n, tr) => n + Number(tr.querySelector("td:nth-of-type(3)").dataset.value), 0));
  assert.ok(fires > 20, `${fires} fires at 99.99%`);
  // The table lists the first 20 (the timeline draws them all) and offers the rest.
  assert.equal((await page.$$("#budget-fires tbody tr")).length, 20);
  assert.equal(await page.isVisible("#budget-fires-more"), true);
  assert.equal(await page.textContent("#budget-fires-all"), `List all ${fires} fires`);
  assert.equal((await page.$$("#budget-timeline rect.bar-ticket, #budget-timeline rect.bar-page")).length, fires);
  await page.click("#budget-fires-all");
  assert.equal((await page.$$("#budget-fires tbody tr")).length, fires);
  await page.click("#budget-fires-all");
  assert.equal((await page.$$("#budget-fires tbody tr")).length, 20);
  // Back to 99.9%: the same numbers as the fresh load.
  await after_(page, "budget-headline", () => page.fill("#budget-objective", "99.9"));
  assert.deepEqual(await snapshot(), fresh);
  assert.equal(await page.isVisible("#budget-fires-more"), false);
  await clean(w);
});

test("error budget: after moves of the incident and the objective with the chart on screen, the figures, fires, timeline and chart equal a fresh load's", async () => {
  // The view patches what moved (figures cell by cell, the timeline's nodes in place, the fires table only when its
  // rows change): the page left after a sequence of moves must be the page a fresh load of the same scenario draws.
  const w = await open("#/budget");
  const { page } = w;
  await page.waitForFunction(() => Number(document.getElementById("budget-headline").dataset.renders) >= 1);
  await page.evaluate(() => document.getElementById("budget-chart").scrollIntoView({ block: "center" }));
  await after_(page, "budget-headline", () => page.check("#budget-incident-on"));
  const move = async (sel, value) => {
    await after_(page, "budget-headline", () =>
      page.evaluate(([s, v]) => {
        const c = document.querySelector(s);
        c.value = v;
        c.dispatchEvent(new Event("input", { bubbles: true }));
      }, [sel, value]),
    );
  };
  for (const h of ["-48", "-100", "-200", "-300", "-10"]) await move("#budget-incident-start", h);
  await move("#budget-objective", "99.99");
  for (const h of ["-250", "-30", "-120"]) await move("#budget-incident-start", h);
  await move("#budget-objective", "99.5");
  await move("#budget-incident-start", "-72");
  // Back to the tight objective, where a move adds and removes a few of a hundred fires in a lane (patched in place).
  await move("#budget-objective", "99.99");
  for (const h of ["-150", "-151", "-72"]) await move("#budget-incident-start", h);
  const snapshot = (p) =>
    p.evaluate(() => ({
      headline: document.getElementById("budget-headline").textContent,
      figures: document.querySelector("#budget-figures tbody").innerHTML,
      fires: document.querySelector("#budget-fires tbody").innerHTML,
      more: document.getElementById("budget-fires-more")?.textContent ?? "",
      tiers: document.querySelector("#budget-tiers tbody").innerHTML,
      timeline: document.getElementById("budget-timeline").innerHTML,
      chart: document.querySelector("#budget-chart figcaption").textContent + document.querySelector("#budget-chart [role=img]").getAttribute("aria-label"),
      pixels: document.querySelector("#budget-chart canvas").toDataURL(),
    }));
  await settled(page);
  const moved = await snapshot(page);
  assert.match(moved.timeline, /bar-hypothetical/);
  // The same scenario in a fresh page (it is saved as the controls move).
  const w2 = await watchedPage(app.browser, app.server.url, { viewport: { width: 1280, height: 900 }, storageState: await page.context().storageState() });
  await w2.page.goto(page.url());
  await w2.page.waitForSelector("body[data-ready=true]");
  await w2.page.waitForSelector("#budget-timeline rect.bar-hypothetical");
  await w2.page.evaluate(() => document.getElementById("budget-chart").scrollIntoView({ block: "center" }));
  await settled(w2.page);
  assert.equal(await w2.page.inputValue("#budget-incident-start"), "-72");
  const fresh = await snapshot(w2.page);
  for (const k of Object.keys(fresh)) assert.equal(moved[k], fresh[k], `${k} after the moves vs a fresh load`);
  await clean(w);
  await clean(w2);
});
