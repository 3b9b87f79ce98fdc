// End-to-end tests of imported data in the detail views (www/dist in headless Chromium): a Prometheus query_range
// response of an availability ratio becomes a service of its own in the error-budget view, and pages and
// deployments CSVs become a team of their own in the team view. Every number checked is worked out here from the
// files' own rows (the arithmetic is in the comments), not read back from the engine. Also: the choice survives a
// reload, axe-core finds nothing serious, and the console stays clean.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, watchedPage, SHOTS, assertClean, plannerApp } from "./lib.mjs";
import { generateOrg } from "../../www/sample/index.js";
import { formatDuration } from "../../www/format.js";

const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");
const app = plannerApp();

async function open(hash, options = {}) {
  const w = await watchedPage(app.browser, app.server.url, { viewport: { width: 1280, height: 900 }, bypassCSP: true, ...options });
  w.page.setDefaultTimeout(30_000);
  await w.page.goto(`${app.server.url}/${hash}`);
  await w.page.waitForSelector("body[data-ready=true]");
  return w;
}

const renders = (page, id) => page.evaluate((i) => Number(document.getElementById(i).dataset.renders ?? 0), id);
/** Run `act`, then wait until the element's data-renders counter moves past its value before. */
async function after(page, id, act) {
  const before = await renders(page, id);
  await act();
  await page.waitForFunction(([i, b]) => Number(document.getElementById(i).dataset.renders) > b, [id, before]);
}
const figure = (page, measure, col = 2) => page.$eval(`#budget-figures tr[data-measure="${measure}"] td:nth-of-type(${col - 1})`, (td) => Number(td.dataset.value));
const close = (actual, expected, eps, what) => assert.ok(Math.abs(actual - expected) < eps, `${what}: ${actual} vs ${expected}`);

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  assert.deepEqual(violations, [], "serious or critical axe-core violations");
}

/** Import `files` on the Data view and score each with `attach` ("new": a separate imported service or team). */
async function importFiles(page, files, attach) {
  await page.click('.nav a[data-view="data"]');
  await page.setInputFiles("#import-file", files);
  await page.waitForFunction((n) => document.querySelectorAll("#imports-table select").length === n, files.length);
  for (const id of await page.$$eval("#imports-table select", (s) => s.map((x) => x.id))) await page.selectOption(`#${id}`, attach);
}

// The sample ends (asOf) at 2026-11-01T00:00Z. The series: 240 hourly availability ratios from 2026-10-22T00:00Z,
// all 1 except 0.9 at 2026-10-29T12:00Z, and no points at 2026-10-27T05:00Z and 06:00Z (two missing hours).
const ASOF = Date.UTC(2026, 10, 1);
const HOUR = 3600e3;
const values = [];
for (let i = 0; i < 240; i++) {
  const t = ASOF - 240 * HOUR + i * HOUR;
  if (t === Date.UTC(2026, 9, 27, 5) || t === Date.UTC(2026, 9, 27, 6)) continue;
  values.push([t / 1000, t === Date.UTC(2026, 9, 29, 12) ? "0.9" : "1"]);
}
const PROM = { status: "success", data: { resultType: "matrix", result: [{ metric: {}, values }] } };

test("an imported Prometheus availability series is a service of the error-budget view, gaps and step said plainly", async () => {
  const w = await open("#/data");
  const { page } = w;
  await importFiles(page, [{ name: "checkout-availability.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(PROM)) }], "new");
  await page.click('.nav a[data-view="budget"]');
  // The imported service's first SLO is "Imported: series 1" (the response names no metric): entry "imported~0".
  await page.waitForSelector('#budget-service option[value="imported~0"]', { state: "attached" });
  await after(page, "budget-headline", () => page.selectOption("#budget-service", "imported~0"));
  // It starts at the imported service's own SLO: 99.9% (IMPORTED_SLO_TARGET) over 28 days.
  assert.equal(await page.inputValue("#budget-objective"), "99.9");
  // Over the 28-day window (from 2026-10-04) only the series' 240 hours exist, 2 of them missing: 238 h covered of
  // 672 h = 35.4%.
  const note = await page.textContent("#budget-data-note");
  assert.match(note, /240 1-hour buckets from 2026-10-22 00:00 to 2026-11-01 00:00 UTC, 2 of them missing/);
  assert.match(note, /covers 35\.4% of this 28-day window/);
  assert.match(note, /shorter than its step \(5m, 30m\)/);
  assert.match(note, /each bucket counts as one event/);

  // 7 days (from 2026-10-25T00:00Z): 168 hours, 2 missing, so 166 events (one per hour), 0.1 of them bad (the 0.9
  // hour). SLI = 165.9 / 166. Budget = 0.1% of 166 events scaled to the whole window: 0.001 × 166 × 168/166 = 0.168
  // events, or 0.001 × 7 × 86 400 = 604.8 s. Consumed 0.1 / 0.168 = 59.52%, remaining 40.48%.
  await after(page, "budget-headline", () => page.selectOption("#budget-window", "7"));
  close(await figure(page, "sli"), 165.9 / 166, 1e-12, "SLI");
  close(await figure(page, "budget-events"), 0.168, 1e-9, "budget events");
  close(await figure(page, "budget-seconds"), 604.8, 1e-6, "budget seconds");
  close(await figure(page, "consumed"), 0.1 / 0.168, 1e-9, "consumed");
  close(await figure(page, "remaining"), 1 - 0.1 / 0.168, 1e-9, "remaining");
  assert.match(await page.textContent("#budget-headline"), /^Imported: series 1, 99\.9% over 7 days: 40\.5% of the budget left/);
  // Burn rates over all seven windows, and the four generated tiers backtested.
  assert.equal((await page.$$("#budget-burn tbody tr")).length, 7);
  assert.equal((await page.$$("#budget-tiers tbody tr")).length, 4);
  // The year's backtest covers the series: 2026-10-22 to 2026-11-01, 10 days.
  await page.waitForFunction(() => /10 days/.test(document.getElementById("budget-year-line").textContent));
  // The Prometheus rules name the imported service.
  await page.waitForFunction(() => document.getElementById("budget-rules").value.includes('job="imported"'));

  // A hypothetical incident 48 hours before asOf (2026-10-30T00:00Z), 60 minutes at 50% errors: it covers that
  // whole hourly bucket (1 event, none bad), which becomes 0.5 bad. Scenario: 0.6 bad of a 0.168 budget, so
  // consumed 0.6 / 0.168 = 357.14%, remaining 1 − 3.5714 = −257.14%.
  await page.check("#budget-incident-on");
  await page.fill("#budget-incident-minutes", "60");
  await page.fill("#budget-incident-rate", "50");
  await after(page, "budget-headline", () => page.fill("#budget-incident-start", "-48"));
  await page.waitForFunction(() => document.querySelector('#budget-figures tr[data-measure="remaining"] td:nth-of-type(2)')?.dataset.value);
  close(await figure(page, "consumed", 3), 0.6 / 0.168, 1e-9, "scenario consumed");
  close(await figure(page, "remaining", 3), 1 - 0.6 / 0.168, 1e-9, "scenario remaining");
  await page.screenshot({ path: join(SHOTS, "budget-imported.png"), fullPage: true });
  await axe(page);

  // The choice survives a reload (the scenario's "budget.service").
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction(() => document.getElementById("budget-service").value === "imported~0");
  await page.waitForFunction(() => document.getElementById("budget-headline").textContent.startsWith("Imported: series 1, 99.9% over 7 days"));
  close(await figure(page, "remaining"), 1 - 0.1 / 0.168, 1e-9, "remaining after reload");
  close(await figure(page, "remaining", 3), 1 - 0.6 / 0.168, 1e-9, "scenario remaining after reload");
  await assertClean(w);
});

// Pages in UTC (the imported responders' zone). 2026-10-06 is a Tuesday, 2026-10-10 a Saturday.
const PAGES = [
  "at,responder,urgency",
  "2026-10-06T10:00:00Z,ana,high", // Tuesday 10:00: business hours (08-18 Mon-Fri)
  "2026-10-06T20:00:00Z,ana,high", // Tuesday 20:00: off-hours (18-22 Mon-Fri)
  "2026-10-07T03:00:00Z,ben,high", // Wednesday 03:00: sleep hours (22-08 daily)
  "2026-10-10T12:00:00Z,ben,high", // Saturday 12:00: off-hours (weekend, outside sleep)
  "2026-10-10T12:00:00Z,ben,high", // the same instant again (another channel): the same interruption
].join("\n");
const DEPLOYMENTS = [
  "id,at,leadTimeSeconds,failed,recoveredAt",
  "d1,2026-10-05T09:00:00Z,3600,false,",
  "d2,2026-10-06T09:00:00Z,7200,true,2026-10-06T09:30:00Z",
  "d3,2026-10-07T09:00:00Z,10800,false,",
  "d4,2026-10-08T09:00:00Z,14400,false,",
].join("\n");

test("imported pages and deployments are a team of the team view: load per responder, DORA keys, score, what-ifs", async () => {
  const w = await open("#/data");
  const { page } = w;
  const csv = (name, text) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await importFiles(page, [csv("pages.csv", PAGES), csv("deployments.csv", DEPLOYMENTS)], "new");
  await page.click('.nav a[data-view="team"]');
  await page.waitForSelector('#team-select option[value="imported-team"]', { state: "attached" });
  await page.selectOption("#team-select", "imported-team");
  await page.waitForSelector("#team-load-table");
  assert.match(await page.textContent("#team-line"), /Imported team: imported data, 2 responders named in 5 pages and 4 deployments \(1 failed\)/);
  assert.match(await page.textContent("#team-line"), /No shift calendar, toil log, health-check surveys: those parts are left out of the score/);

  // Interruptions per responder: ana 2 (1 business, 1 off-hours, 0 sleep); ben 2 (the duplicate counts once:
  // 0 business, 1 off-hours, 1 sleep).
  const rows = await page.$$eval("#team-load-table tbody tr", (trs) => trs.map((tr) => [...tr.cells].slice(0, 6).map((c) => c.textContent)));
  const by = Object.fromEntries(rows.map((r) => [r[0], r.slice(2, 6)]));
  assert.deepEqual(by.ana, ["2", "1", "1", "0"]);
  assert.deepEqual(by.ben, ["2", "0", "1", "1"]);

  // DORA: 1 failed of 4 = 25%; lead time median of 1, 2, 3, 4 h (interpolated) = 2.5 h; recovery 30 minutes.
  const dora = await page.$$eval("#team-dora-table tbody tr", (trs) => Object.fromEntries(trs.map((tr) => [tr.cells[0].textContent, [...tr.cells].map((c) => c.textContent)])));
  assert.equal(dora["Change fail rate"][1], "25.0%");
  assert.match(dora["Change fail rate"][4], /^1 failed of 4 deployments/);
  assert.match(dora["Change lead time"][1], /^median 2h 30m/);
  assert.match(dora["Failed deployment recovery time"][1], /^median 30m/);

  // The score: nothing on call but the 2 responders, so time on call (1 of 2 at once) is 50%; 1 sleep-hour
  // interruption over the sample's 365 days (52.14 weeks) for 2 responders is 0.0096 per responder-week ("0.01").
  // Toil and surveys have no data and are dropped, not scored as zero.
  const parts = await page.$$eval("#team-parts tbody tr", (trs) => Object.fromEntries(trs.map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent])));
  assert.match(Object.entries(parts).find(([k]) => /time on call/i.test(k))[1], /50\.0% of time on call/);
  assert.match(Object.entries(parts).find(([k]) => /sleep/i.test(k))[1], /0\.01 sleep-hour interruptions per responder per week/);
  assert.match(Object.entries(parts).find(([k]) => /toil/i.test(k))[1], /No data: dropped/);
  assert.match(Object.entries(parts).find(([k]) => /survey|health check/i.test(k))[1], /No data: dropped/);
  assert.match(await page.textContent("#team-toil"), /No toil log in the data/);
  assert.match(await page.textContent("#team-surveys"), /No surveys in the data/);
  assert.match(await page.textContent("#team-score-value"), /of 100/);

  // A control: four people in the rotation puts each on call a quarter of the time (1 of 4), the SRE book's 25%.
  await after(page, "team-whatif-result", () => page.fill("#team-rotation", "4"));
  assert.equal(await page.isHidden("#team-error"), true);
  assert.match(await page.textContent("#team-whatif-result"), /25(\.0)?%/);
  await page.screenshot({ path: join(SHOTS, "team-imported.png"), fullPage: true });
  await axe(page);

  // The choice survives a reload.
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction(() => document.getElementById("team-select").value === "imported-team");
  await page.waitForSelector("#team-load-table");
  await assertClean(w);
});

test("without the sample, imported data alone fills the error-budget and team views", async () => {
  const w = await open("#/data");
  const { page } = w;
  await page.selectOption("#sample-seed", "");
  const csv = (name, text) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await importFiles(page, [{ name: "checkout-availability.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(PROM)) }, csv("pages.csv", PAGES)], "new");
  // The organisation is scored at the end of its imported data: the series' last hour ends 2026-11-01T00:00Z, a
  // UTC midnight, so the 7-day window is the one worked out above: 40.48% of the budget left.
  await page.click('.nav a[data-view="budget"]');
  await page.waitForSelector('#budget-service option[value="imported~0"]', { state: "attached" });
  assert.deepEqual(await page.$$eval("#budget-service option", (o) => o.map((x) => x.value)), ["imported~0"]);
  await after(page, "budget-headline", () => page.selectOption("#budget-window", "7"));
  await page.waitForFunction(() => document.getElementById("budget-headline").textContent.startsWith("Imported: series 1, 99.9% over 7 days"));
  close(await figure(page, "remaining"), 1 - 0.1 / 0.168, 1e-9, "remaining");
  // The team: the same four interruptions per responder as with the sample.
  await page.click('.nav a[data-view="team"]');
  await page.waitForFunction(() => document.getElementById("team-select").value === "imported-team");
  await page.waitForSelector("#team-load-table");
  const rows = await page.$$eval("#team-load-table tbody tr", (trs) => trs.map((tr) => [...tr.cells].slice(0, 6).map((c) => c.textContent)));
  assert.deepEqual(Object.fromEntries(rows.map((r) => [r[0], r.slice(2, 6)])), { ana: ["2", "1", "1", "0"], ben: ["2", "0", "1", "1"] });
  // No deployments were imported: delivery says so instead of showing zeros.
  assert.match(await page.textContent("#team-dora"), /No deployments in the data/);
  await axe(page);
  await assertClean(w);
});

test("imported outages and tickets reach the SLA view: painted into a sample service, judged alone, and at the desk", async () => {
  const w = await open("#/data");
  const { page } = w;
  const csv = (name, text) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  // One outage on checkout, one on a service of its own, and one P1 ticket for the support desk.
  await page.setInputFiles("#import-file", csv("checkout-outage.csv", "start,end,title\n2026-10-10T10:00:00Z,2026-10-10T11:00:00Z,Payment gateway down\n"));
  await page.waitForFunction(() => document.querySelectorAll("#imports-table select").length === 1);
  await page.selectOption("#imports-table select", "checkout");
  await page.setInputFiles("#import-file", csv("vendor-outage.csv", "start,end\n2026-09-05T00:00:00Z,2026-09-05T02:00:00Z\n"));
  await page.waitForFunction(() => document.querySelectorAll("#imports-table select").length === 2);
  await page.selectOption("#imports-table tbody tr:nth-child(2) select", "new");
  await page.setInputFiles("#import-file", csv("tickets.csv", "id,priority,createdAt,firstResponseAt,resolvedAt\nT-1,P1,2026-10-20T10:00:00Z,2026-10-20T10:05:00Z,2026-10-20T12:00:00Z\n"));
  await page.waitForFunction(() => document.querySelectorAll("#imports-table select").length === 3);
  await page.click('.nav a[data-view="sla"]');

  // Checkout in October 2026: each minute's downtime is 1 − good/total of its minute (time-sliced evidence); the
  // imported hour (10:00-11:00 on 10 October) is down in full. Summed here over the sample's own buckets.
  const sample = generateOrg();
  const sli = sample.services.find((x) => x.id === "checkout").sli;
  const t0 = Date.parse(sli.start);
  let down = 0;
  for (let i = 0; i < sli.total.length; i++) {
    const t = t0 + i * 60000;
    if (t < Date.UTC(2026, 9, 1) || t >= Date.UTC(2026, 10, 1)) continue;
    const inOutage = t >= Date.UTC(2026, 9, 10, 10) && t < Date.UTC(2026, 9, 10, 11);
    down += 60 * (inOutage ? 1 : sli.total[i] > 0 ? 1 - sli.good[i] / sli.total[i] : 0);
  }
  await page.waitForSelector('#sla-service option[value="checkout"]', { state: "attached" });
  await page.waitForFunction(() => /with imported outages/.test(document.querySelector('#sla-service option[value="checkout"]').textContent));
  await page.selectOption("#sla-service", "checkout");
  await page.waitForFunction(() => [...document.querySelectorAll("#sla-outages tbody td")].some((td) => td.textContent === "Imported outage"));
  await page.waitForFunction((d) => document.querySelector('#sla-months tr[data-month="2026-10"] td:nth-of-type(2)')?.textContent === d, formatDuration(down));
  // Its incidents: the sample's own outages of checkout, plus the imported one.
  const own = sample.outages.filter((o) => o.service === "checkout" && !o.maintenance).length;
  await page.waitForFunction((n) => new RegExp(`: ${n} incidents over the year`).test(document.getElementById("sla-incidents-line").textContent), own + 1);

  // The separate imported service, judged on its one outage: September 2026 has 30 × 86 400 s; 99.9% allows
  // 2 592 s; 2 h = 7 200 s down, breached by 4 608 s = 1h 16m 48s.
  await page.selectOption("#sla-service", "imported");
  await page.waitForFunction((d) => document.querySelector('#sla-months tr[data-month="2026-09"] td:nth-of-type(2)')?.textContent === d, formatDuration(7200));
  const sept = await page.$$eval('#sla-months tr[data-month="2026-09"] td', (tds) => tds.map((td) => td.textContent));
  assert.equal(sept[2], formatDuration(2592));
  assert.equal(sept[3], `Breached by ${formatDuration(4608)}`);
  assert.match(await page.textContent("#sla-chart"), /no per-request data, only 1 imported outage records/);

  // The desk: the sample's tickets plus the imported one.
  await page.waitForFunction((n) => document.getElementById("sla-tickets-line").textContent.startsWith(`Customer support desk: ${n} tickets (1 of them imported)`), (sample.support.tickets.length + 1).toLocaleString("en"));
  await page.screenshot({ path: join(SHOTS, "sla-imported.png"), fullPage: true });

  // The error-budget view paints the same hour into checkout's buckets: over its 28-day window (from 2026-10-04)
  // the bad requests are Σ(total − good), the imported hour counting all of its requests; the budget is
  // (1 − objective) × Σtotal (no minute missing), so consumed = bad / budget.
  const objective = sample.services.find((x) => x.id === "checkout").slo.target;
  let bad = 0;
  let total = 0;
  for (let i = 0; i < sli.total.length; i++) {
    const t = t0 + i * 60000;
    if (t < Date.UTC(2026, 9, 4) || t >= Date.UTC(2026, 10, 1)) continue;
    const inOutage = t >= Date.UTC(2026, 9, 10, 10) && t < Date.UTC(2026, 9, 10, 11);
    bad += inOutage ? sli.total[i] : sli.total[i] - sli.good[i];
    total += sli.total[i];
  }
  await page.click('.nav a[data-view="budget"]');
  await page.selectOption("#budget-service", "checkout");
  await page.waitForFunction(
    (want) => Math.abs(Number(document.querySelector('#budget-figures tr[data-measure="consumed"] td:nth-of-type(1)')?.dataset.value) - want) < 1e-9,
    bad / ((1 - objective) * total),
  );
  assert.ok(await page.$eval("#budget-data-note", (n) => n.hidden), "no data note for the sample's per-minute buckets");
  await axe(page);
  await assertClean(w);
});

test("pages attached to the sample's own team join its year: the team view shows them with the sample's", async () => {
  const w = await open("#/data");
  const { page } = w;
  // "ben" is a responder of the sample's team (Ben Hughes, London): these pages name "zoe" instead, a newcomer.
  await importFiles(page, [{ name: "pages.csv", mimeType: "text/csv", buffer: Buffer.from(PAGES.replaceAll("ben", "zoe")) }], "auto");
  await page.click('.nav a[data-view="team"]');
  await page.waitForFunction(() => /with imported data/.test(document.querySelector("#team-select option")?.textContent ?? ""));
  await page.waitForFunction(() => /Of these, 5 pages and 0 deployments are imported\./.test(document.getElementById("team-line").textContent));
  // The two new responders (UTC) carry exactly the imported interruptions, next to the sample's people.
  await page.waitForFunction(() => [...document.querySelectorAll("#team-load-table tbody tr")].some((tr) => tr.cells[0].textContent === "zoe"));
  const rows = await page.$$eval("#team-load-table tbody tr", (trs) => trs.map((tr) => [...tr.cells].slice(0, 6).map((c) => c.textContent)));
  const by = Object.fromEntries(rows.map((r) => [r[0], r.slice(2, 6)]));
  assert.deepEqual([by.ana, by.zoe], [["2", "1", "1", "0"], ["2", "0", "1", "1"]]);
  assert.ok(rows.length > 2, "the sample's responders are still there");
  await assertClean(w);
});

test("a team of imported deployments only: delivery scored, the parts without data say so, on-call what-ifs off", async () => {
  const w = await open("#/data");
  const { page } = w;
  await importFiles(page, [{ name: "deployments.csv", mimeType: "text/csv", buffer: Buffer.from(DEPLOYMENTS) }], "new");
  await page.click('.nav a[data-view="team"]');
  await page.waitForSelector('#team-select option[value="imported-team"]', { state: "attached" });
  await page.selectOption("#team-select", "imported-team");
  await page.waitForSelector("#team-dora-table");
  // 1 failed of 4 deployments: 25.0%. Nobody is on call: no load, no rotation what-ifs.
  assert.match(await page.textContent("#team-dora-table"), /1 failed of 4 deployments/);
  assert.match(await page.textContent("#team-load"), /No pages in the data/);
  await page.waitForFunction(() => /No pages in this team's data/.test(document.getElementById("team-whatif-result").textContent));
  assert.equal(await page.isDisabled("#team-rotation"), true);
  // Delivery is the only part with data: it carries the whole weight, so the score is the delivery score.
  const delivery = await page.$eval("#team-dora", (d) => /Delivery score([\d.]+) of 100/.exec(d.textContent)[1]);
  assert.equal(await page.textContent("#team-score-value"), `${delivery} of 100`);
  await axe(page);
  await assertClean(w);
});

test("without the sample, imported outages and tickets alone fill the SLA view", async () => {
  const w = await open("#/data");
  const { page } = w;
  await page.selectOption("#sample-seed", "");
  const csv = (name, text) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.setInputFiles("#import-file", [
    csv("outages.csv", "start,end\n2026-09-05T00:00:00Z,2026-09-05T02:00:00Z\n2026-10-01T00:00:00Z,2026-10-01T00:30:00Z\n"),
    csv("tickets.csv", "id,priority,createdAt,firstResponseAt,resolvedAt\nT-1,P1,2026-10-20T10:00:00Z,2026-10-20T10:05:00Z,2026-10-20T12:00:00Z\nT-2,P2,2026-10-21T10:00:00Z,2026-10-21T13:05:00Z,\n"),
  ]);
  await page.waitForFunction(() => document.querySelectorAll("#imports-table select").length === 2);
  await page.click('.nav a[data-view="sla"]');
  // Scored from the first month the outages touch (2026-09-01) to the end of the data rounded up to midnight
  // (the last ticket event, 2026-10-21 13:05, so 2026-10-22). September: 2 h down of the 2 592 s 99.9% allows.
  await page.waitForFunction(() => document.querySelectorAll("#sla-months tbody tr").length === 2);
  const sept = await page.$$eval('#sla-months tr[data-month="2026-09"] td', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(sept.slice(1, 4), [formatDuration(7200), formatDuration(2592), `Breached by ${formatDuration(4608)}`]);
  // October to the 22nd: 21 days, so 0.001 × 21 × 86 400 = 1 814.4 s allowed; 30 minutes down is within it.
  const oct = await page.$$eval('#sla-months tr[data-month="2026-10"] td', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(oct.slice(1, 4), [formatDuration(1800), formatDuration(1814.4), "Met"]);
  assert.match(await page.textContent("#sla-report-line"), /over 2026-09-01 to 2026-10-22/);
  await page.waitForFunction(() => document.getElementById("sla-tickets-line").textContent.startsWith("Imported data: 2 tickets (2 of them imported) as of 2026-10-22"));
  await page.waitForFunction(() => /: 2 incidents/.test(document.getElementById("sla-incidents-line").textContent));
  await axe(page);
  await assertClean(w);
});

test("the overview's cards for imported data open the detail views on that data", async () => {
  const w = await open("#/data");
  const { page } = w;
  const csv = (name, text) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await importFiles(page, [{ name: "checkout-availability.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(PROM)) }, csv("pages.csv", PAGES)], "new");
  await page.click('.nav a[data-view="overview"]');
  // The imported service has an SLO but no SLA: its card opens the error-budget view on its series ("imported~0").
  const service = '#overview-services li[data-service="imported"] h4 a';
  await page.waitForSelector(service);
  assert.equal(await page.getAttribute(service, "href"), "#/budget?service=imported~0");
  await page.click(service);
  await page.waitForFunction(() => document.getElementById("budget-service").value === "imported~0");
  await page.waitForFunction(() => document.getElementById("budget-headline").textContent.startsWith("Imported: series 1, 99.9%"));
  // The imported team's card opens the team view on that team, with its two responders (the same rows as above).
  await page.click('.nav a[data-view="overview"]');
  const team = '#overview-teams li[data-team="imported-team"] h4 a';
  await page.waitForSelector(team);
  assert.equal(await page.getAttribute(team, "href"), "#/team?team=imported-team");
  await page.click(team);
  await page.waitForFunction(() => document.getElementById("team-select").value === "imported-team");
  await page.waitForSelector("#team-load-table");
  const rows = await page.$$eval("#team-load-table tbody tr", (trs) => trs.map((tr) => tr.cells[0].textContent));
  assert.deepEqual(rows.sort(), ["ana", "ben"]);
  // And the sample team's card goes back to the sample team.
  await page.click('.nav a[data-view="overview"]');
  const sampleTeam = await page.$eval("#overview-teams li:not([data-extra]) h4 a", (a) => a.getAttribute("href"));
  assert.match(sampleTeam, /^#\/team\?team=/);
  await page.click("#overview-teams li:not([data-extra]) h4 a");
  await page.waitForFunction((id) => document.getElementById("team-select").value === id, decodeURIComponent(sampleTeam.split("=")[1]));
  await assertClean(w);
});
