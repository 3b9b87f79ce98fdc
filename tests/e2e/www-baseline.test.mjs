// End-to-end tests of the overview's what-ifs and its comparison with the baseline, and of imported data taking
// part in the scored organisation. Built by Vite (www/dist), run in headless Chromium (playwright-core). Expected
// numbers come from the sample generated here in Node (the same deterministic generator the worker runs), counted
// independently of the engine. Also writes the README's screenshot (test-results/screenshots/readme-overview.png).
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, watchedPage, SHOTS, assertClean, plannerApp } from "./lib.mjs";
import { generateOrg } from "../../www/sample/index.js";

const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");
const sample = generateOrg();

const app = plannerApp();

async function open(hash = "#/overview", options = {}) {
  const w = await watchedPage(app.browser, app.server.url, options);
  w.page.setDefaultTimeout(60_000);
  await w.page.goto(`${app.server.url}/${hash}`);
  await w.page.waitForSelector("body[data-ready=true]");
  return w;
}

const clean = assertClean;

const renders = (page) => page.evaluate(() => Number(document.getElementById("overview-score-line").dataset.renders));
/** Wait for the overview to repaint after render number `n`. */
const repainted = (page, n) => page.waitForFunction((k) => Number(document.getElementById("overview-score-line").dataset.renders) > k, n);
const firstScore = (page) => page.waitForFunction(() => Number(document.getElementById("overview-score-line").dataset.renders) >= 1);

/** The comparison rows of one item: {measure: {before, after, delta, change}}. */
const compareRows = (page, id) =>
  page.$$eval(`#compare-body table[data-id="${id}"] tbody tr`, (rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.measure, { before: r.cells[1].textContent, after: r.cells[2].textContent, delta: r.cells[3].textContent, change: r.dataset.change }])),
  );

/** A card's facts: {term: text}. */
const facts = (page, id) =>
  page.$eval(`#overview-services li[data-service="${id}"]`, (li) => ({
    status: li.querySelector(".status-text")?.textContent,
    ...Object.fromEntries([...li.querySelectorAll(".score dt")].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])),
  }));

/** The sample's October 2026 (the scored SLA month) for one service, counted here: the per-minute up fractions. */
function october(id) {
  const s = sample.services.find((x) => x.id === id);
  const t0 = Date.parse(s.sli.start);
  const from = (Date.UTC(2026, 9, 1) - t0) / 60000;
  const to = (Date.UTC(2026, 10, 1) - t0) / 60000;
  const up = (k) => (s.sli.total[k] > 0 ? s.sli.good[k] / s.sli.total[k] : 1);
  let sum = 0;
  for (let k = from; k < to; k++) sum += up(k);
  /** Σ up over the minutes [startIso, startIso + minutes). */
  const upOver = (startIso, minutes) => {
    const a = (Date.parse(startIso) - t0) / 60000;
    let u = 0;
    for (let k = a; k < a + minutes; k++) u += up(k);
    return u;
  };
  return { minutes: to - from, availability: sum / (to - from), upOver };
}

const pct = (text) => Number(text.replace(/[%,]/g, "")) / 100;

test("compare with baseline: an SLA target and a hypothetical outage are scored, and the comparison gives before, after and the change in words", async () => {
  const w = await open("#/overview");
  const { page } = w;
  await firstScore(page);
  assert.equal(await page.textContent("#compare-summary"), "No what-ifs: the scenario is the baseline.");
  assert.equal((await page.$$("#compare-body table")).length, 0);
  // No sample service has maintenance in October except payments and search; checkout has none, so its SLA month
  // is all 44,640 minutes of October.
  const oct = october("checkout");
  assert.equal(oct.minutes, 31 * 1440);
  const base = await facts(page, "checkout");
  assert.equal(base.status, "healthy");
  const incidents = sample.outages.filter((o) => o.service === "checkout" && !o.maintenance).length;
  assert.match(base.Incidents, new RegExp(`^${incidents} incidents, time to recover`));

  // 1. The SLA target: 99.95% → 99.99%. October allows 44,640 min × 60 s × 0.0001 = 267.84 s (4m 28s).
  let n = await renders(page);
  await page.fill("#overview-sla-checkout", "99.99");
  await page.press("#overview-sla-checkout", "Tab");
  await repainted(page, n);
  // 2. A 30-minute outage of checkout failing every request, from 2026-10-25 14:00 UTC (in the SLA month and the
  // SLO's 28-day window), moved in with the slider as a person would.
  n = await renders(page);
  await page.selectOption("#outage-service", "checkout");
  await page.fill("#outage-start", "2026-10-25T14:00");
  await page.fill("#outage-error", "100");
  await page.fill("#outage-minutes", "30");
  await page.waitForFunction(() => document.getElementById("outage-minutes-out").textContent === "30 min");
  await repainted(page, n);
  await page.waitForSelector('#compare-body table[data-id="checkout"] tr[data-measure="Incidents"]');

  const rows = await compareRows(page, "checkout");
  assert.deepEqual(rows.Status, { before: "healthy", after: "critical", delta: "healthy → critical (worse)", change: "worse" });
  assert.deepEqual(rows["SLA target"], { before: "99.95%", after: "99.99%", delta: "+0.04 points (raised)", change: "raised" });
  // The outage turns each of its 30 minutes' up fraction to 0: availability falls by Σup / 44,640 and downtime
  // rises by Σup × 60 s (Σup is just under 30: those minutes had a few failed requests already).
  const lost = oct.upOver("2026-10-25T14:00:00Z", 30);
  assert.ok(lost > 29.9 && lost <= 30, String(lost));
  const avail = rows["SLA availability"];
  assert.ok(Math.abs(pct(avail.before) - oct.availability) < 5e-7, `${avail.before} vs ${oct.availability}`);
  assert.ok(Math.abs(pct(avail.after) - (oct.availability - lost / oct.minutes)) < 5e-7, `${avail.after}`);
  assert.match(avail.delta, /^−0\.067\d* points \(worse\)$/);
  assert.equal(avail.change, "worse");
  assert.equal(rows["SLA downtime"].delta, "+30m (worse)", `${lost * 60} s more down time`);
  assert.deepEqual(rows["SLA verdict"], { before: "met", after: "breached", delta: "met → breached (worse)", change: "worse" });
  // The sample's credit table: missing the target (99.99%) but staying above 99% earns 10% of the monthly bill.
  assert.deepEqual([rows["SLA credit owed"].before, rows["SLA credit owed"].after, rows["SLA credit owed"].delta], ["0%", "10%", "+10 points (worse)"]);
  assert.deepEqual([rows.Incidents.before, rows.Incidents.after, rows.Incidents.delta], [String(incidents), String(incidents + 1), "+1 (worse)"]);
  const budget = rows["SLO Availability: budget left"];
  assert.ok(pct(budget.after) < pct(budget.before), JSON.stringify(budget));
  assert.match(budget.delta, /^−[\d.]+ points \(worse\)$/);
  // The card says the same in its own words.
  const now = await facts(page, "checkout");
  assert.equal(now.status, "critical");
  assert.match(now["SLA 2026-10"], /against 99\.99%: breached$/);
  assert.match(now.Incidents, new RegExp(`^${incidents + 1} incidents`));
  // Only checkout changed; the summary counts it, in words.
  assert.deepEqual(await page.$$eval("#compare-body table", (t) => t.map((x) => x.dataset.id)), ["checkout"]);
  assert.match(await page.textContent("#compare-summary"), /^\d+ measures changed across 1 item\. Status: 1 worse, 0 better\.$/);
  // Both what-ifs are listed as changes from the baseline.
  await page.waitForSelector('#changes-table tr[data-key="overview.outage"]');
  assert.match(await page.textContent('#changes-table tr[data-key="overview.outage"]'), /30 min of Checkout API from 2026-10-25 14:00 UTC, 100% of requests failing/);
  // "Show unchanged": every item, every measure; unchanged ones say so.
  await page.check("#compare-all");
  assert.ok((await page.$$("#compare-body table")).length >= sample.services.length + sample.capacity.length + 1);
  assert.equal(await page.textContent('#compare-body table[data-id="payments"] tr[data-measure="Status"] td.delta'), "no change");
  await page.uncheck("#compare-all");

  // Resetting the outage from the changes list takes it out of the scores; the target stays.
  n = await renders(page);
  await page.click('#changes-table tr[data-key="overview.outage"] button.reset');
  await repainted(page, n);
  await page.waitForFunction(() => !document.querySelector('#compare-body table[data-id="checkout"] tr[data-measure="Incidents"]'));
  assert.equal(await page.inputValue("#outage-minutes"), "0");
  const after = await compareRows(page, "checkout");
  assert.equal(after["SLA target"].after, "99.99%");
  assert.equal(after["SLA availability"], undefined, "availability is back to the baseline");
  // The scenario (with its remaining what-if) survives a reload, and the comparison with it.
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForSelector('#compare-body table[data-id="checkout"] tr[data-measure="SLA target"]');
  await clean(w);
});

test("compare with baseline: an SLO objective what-if re-scores the error budget", async () => {
  const w = await open("#/overview");
  const { page } = w;
  await firstScore(page);
  const n = await renders(page);
  // Search's SLO from 99.8% to 99.95%: the same errors use four times the share of a budget a quarter the size.
  await page.fill("#overview-slo-search", "99.95");
  await page.press("#overview-slo-search", "Tab");
  await repainted(page, n);
  await page.waitForSelector('#compare-body table[data-id="search"]');
  const rows = await compareRows(page, "search");
  assert.deepEqual([rows["SLO Availability: objective"].before, rows["SLO Availability: objective"].after], ["99.8%", "99.95%"]);
  // The budget is (1 − objective) of the window's requests: (1 − 0.9995) / (1 − 0.998) = a quarter of it. The same
  // errors E use E/B of it before, so 4·E/B after: left after = 1 − 4·(1 − left before).
  const left = rows["SLO Availability: budget left"];
  assert.ok(Math.abs(pct(left.after) - (1 - 4 * (1 - pct(left.before)))) < 1e-5, JSON.stringify(left));
  assert.match(left.delta, /^−[\d.]+ points \(worse\)$/);
  // Burn rate = error ratio / (1 − objective): 4 times faster (shown to 2 decimals, so within their rounding).
  const burn = (t) => Number(t.replace("×", ""));
  const r = rows["SLO Availability: burn rate"];
  assert.ok(Math.abs(burn(r.after) - 4 * burn(r.before)) <= 0.025 + 1e-9, JSON.stringify(r));
  assert.match(r.delta, /\(worse\)$/);
  assert.match((await facts(page, "search"))["SLO Availability (99.95%)"], /burning at/);
  await clean(w);
});

test("compare with baseline: the Capacity view's what-ifs reach the scored organisation", async () => {
  const w = await open("#/capacity");
  const { page } = w;
  await page.waitForFunction(() => Number(document.getElementById("capacity-compare").dataset.renders) >= 1, null, { timeout: 60_000 });
  const id = await page.$eval("#capacity-resource", (s) => s.value);
  const limit = Number(await page.inputValue("#capacity-limit"));
  assert.ok(limit > 0, `limit ${limit}`);
  // Double the resource's capacity on the Capacity view: the organisation's resource gets capacityAdded = limit.
  await page.fill("#capacity-limit", String(2 * limit));
  await page.press("#capacity-limit", "Tab");
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem("opscore.scenario.v1") ?? "{}")?.overrides?.[k] !== undefined, `capacity.limit.${id.replace(/[^a-zA-Z0-9]/g, "").slice(0, 60)}`);
  await page.goto(`${app.server.url}/#/overview?compare`);
  await page.waitForSelector(`#compare-body table[data-id="${id}"]`, { timeout: 60_000 });
  const rows = await compareRows(page, id);
  // The threshold is a fixed share of the capacity, so doubling the capacity doubles it.
  const num = (t) => Number(t.replace(/[^\d.]/g, ""));
  const t = rows.Threshold;
  assert.ok(Math.abs(num(t.after) / num(t.before) - 2) < 0.01, JSON.stringify(t));
  assert.equal(rows.Headroom.change, "better", JSON.stringify(rows.Headroom));
  await clean(w);
});

const OUTAGES_CSV = [
  "id,service,start,end,severity,title",
  // 60 minutes of checkout down in October 2026: more than the 22m 19s its 99.95% SLA allows that month.
  "EXT-1,checkout,2026-10-20T10:00:00Z,2026-10-20T11:00:00Z,sev1,Imported: database failover",
  "EXT-2,Checkout API,2026-03-02T09:00:00Z,2026-03-02T09:10:00Z,sev2,Imported: a March blip (matched by name)",
].join("\n");

/** Serious or critical axe-core violations on the page as it is (axe is injected once per page). */
async function axeSerious(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((x) => x.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

test("import: a CSV of outages for a service is scored: the overview's status and numbers change, and follow the 'Scored with' choice", async () => {
  // axe is injected as a script tag, which the page's CSP (rightly) refuses; only this context bypasses it.
  const w = await open("#/overview", { bypassCSP: true });
  const { page } = w;
  await firstScore(page);
  const incidents = sample.outages.filter((o) => o.service === "checkout" && !o.maintenance).length;
  assert.equal((await facts(page, "checkout")).status, "healthy");
  await page.click('.nav a[data-view="data"]');
  await page.setInputFiles("#import-file", { name: "pagerduty-outages.csv", mimeType: "text/csv", buffer: Buffer.from(OUTAGES_CSV) });
  await page.waitForSelector('#import-report .report[data-kind="outages"]');
  // Both rows were scored with checkout (one by id, one by its display name).
  await page.waitForFunction(() => /2 rows in Checkout API/.test(document.querySelector("#imports-table td.scored")?.textContent ?? ""));
  assert.equal(await page.inputValue("#imports-table select"), "auto");
  // The "Scored with" choice is labelled, and the data view passes axe with it.
  assert.equal(await page.$eval("#imports-table select", (s) => s.labels[0]?.textContent), "Score pagerduty-outages.csv with");
  assert.deepEqual(await axeSerious(page), []);
  await page.click('.nav a[data-view="overview"]');
  await page.waitForFunction(() => /critical/.test(document.querySelector('#overview-services li[data-service="checkout"] .status-text')?.textContent ?? ""));
  const oct = october("checkout");
  const lost = oct.upOver("2026-10-20T10:00:00Z", 60);
  const f = await facts(page, "checkout");
  assert.match(f["SLA 2026-10"], /against 99\.95%: breached$/);
  // The month's availability falls by Σup over the hour / 44,640 minutes (counted here from the sample).
  const shown = pct(f["SLA 2026-10"].split(" ")[0]);
  assert.ok(Math.abs(shown - (oct.availability - lost / oct.minutes)) < 5e-7, `${shown}`);
  assert.match(f.Incidents, new RegExp(`^${incidents + 2} incidents`));
  assert.match(f.Why, /^SLA breached/);
  // Imported data is data, not a what-if: the baseline includes it, so the comparison shows no change.
  assert.equal(await page.textContent("#compare-summary"), "No what-ifs: the scenario is the baseline.");
  // "Not scored": the import stays in the browser, and checkout is scored as before.
  await page.click('.nav a[data-view="data"]');
  let n = await renders(page);
  await page.selectOption("#imports-table select", "none");
  await repainted(page, n);
  await page.click('.nav a[data-view="overview"]');
  assert.equal((await facts(page, "checkout")).status, "healthy");
  assert.match(await page.textContent("#overview-notes"), /pagerduty-outages\.csv: kept in this browser, not scored/);
  // "A separate Imported data service": a new card, its SLA judged on the imported outages alone (99.9% target,
  // October: 44 640 min × 0.1% = 44m 38s allowed; 60 minutes down, so breached).
  await page.click('.nav a[data-view="data"]');
  n = await renders(page);
  await page.selectOption("#imports-table select", "new");
  await repainted(page, n);
  await page.click('.nav a[data-view="overview"]');
  await page.waitForSelector('#overview-services li[data-service="imported"] .score');
  const imported = await facts(page, "imported");
  assert.equal(imported.status, "critical");
  assert.match(imported["SLA 2026-10"], /^99\.8656% against 99\.9%: breached$/, "1 − 60/44,640 = 99.8656%");
  assert.match(imported["Allowance left"], /^none: 15m 22s over 44m 38s$/, "60m − 44m 38.4s = 15m 21.6s over");
  // The imported service's SLA target is a what-if like any other.
  n = await renders(page);
  await page.fill("#overview-sla-imported", "99.8");
  await page.press("#overview-sla-imported", "Tab");
  await repainted(page, n);
  await page.waitForSelector('#compare-body table[data-id="imported"]');
  assert.equal((await compareRows(page, "imported")).Status.delta, "critical → healthy (better)");
  assert.deepEqual(await axeSerious(page), []);
  await page.screenshot({ path: join(SHOTS, "overview-imported.png"), fullPage: true });
  await clean(w);
});

test("import without the sample: the overview scores the imported data alone", async () => {
  const w = await open("#/data");
  const { page } = w;
  await page.selectOption("#sample-seed", "");
  await page.setInputFiles("#import-file", { name: "outages.csv", mimeType: "text/csv", buffer: Buffer.from(OUTAGES_CSV) });
  await page.waitForSelector('#import-report .report[data-kind="outages"]');
  await page.click('.nav a[data-view="overview"]');
  await page.waitForSelector('#overview-services li[data-service="imported"] .score');
  // asOf is the midnight after the last imported instant (2026-10-21), so the SLA month is October 2026.
  assert.match(await page.textContent("#overview-score-line"), /^Scored as of 2026-10-21 00:00 UTC\. Services: 0 healthy, 0 at risk, 1 critical/);
  assert.match((await facts(page, "imported")).Incidents, /^2 incidents/);
  await clean(w);
});

test("overview with the comparison open: axe-core finds no serious violations; the README screenshot", async () => {
  const w = await open("#/overview", { viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const { page } = w;
  await firstScore(page);
  // The support desk is scored on its tickets, and every service shows its incidents.
  const support = await facts(page, "support");
  assert.match(support["Ticket SLA"], /^[\d.]+% of response and resolution clocks within SLA \([\d,]+ breached, [\d,]+ tickets\)$/);
  assert.match(support["Ticket SLA"], new RegExp(`${sample.support.tickets.length.toLocaleString("en")} tickets\\)$`));
  // The README's screenshot: the top of the overview as a person first sees it. The committed copy
  // (docs/screenshot-overview.png) is refreshed with UPDATE_README_SCREENSHOT=1.
  await page.screenshot({ path: join(SHOTS, "readme-overview.png") });
  if (process.env.UPDATE_README_SCREENSHOT) await copyFile(join(SHOTS, "readme-overview.png"), join(ROOT, "docs", "screenshot-overview.png"));
  const n = await renders(page);
  await page.fill("#overview-sla-payments", "99.999");
  await page.press("#overview-sla-payments", "Tab");
  await repainted(page, n);
  await page.check("#compare-all");
  for (const view of ["overview", "data"]) {
    await page.click(`.nav a[data-view="${view}"]`);
    await page.waitForSelector(`#view-${view}:not([hidden])`);
    const serious = await axeSerious(page);
    assert.deepEqual(serious, [], `${view}: ${JSON.stringify(serious)}`);
  }
  await page.click('.nav a[data-view="overview"]');
  await page.click("#goto-compare");
  assert.equal(await page.evaluate(() => document.activeElement.id), "compare-title");
  // A link straight to the comparison.
  await page.click('.nav a[data-view="data"]');
  await page.evaluate(() => (location.hash = "#/overview?compare"));
  await page.waitForFunction(() => document.activeElement?.id === "compare-title");
  await page.screenshot({ path: join(SHOTS, "overview-compare.png"), fullPage: true });
  await clean(w);
});

test("phone width, dark: the comparison's tables scroll inside themselves, never the page", async () => {
  const w = await open("#/overview", { viewport: { width: 375, height: 740 }, colorScheme: "dark" });
  const { page } = w;
  await firstScore(page);
  const n = await renders(page);
  await page.fill("#overview-slo-checkout", "99.99");
  await page.press("#overview-slo-checkout", "Tab");
  await repainted(page, n);
  await page.check("#compare-all");
  await page.waitForSelector('#compare-body table[data-id="checkout"]');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), false);
  await page.screenshot({ path: join(SHOTS, "overview-compare-phone-dark.png"), fullPage: true });
  await clean(w);
});
