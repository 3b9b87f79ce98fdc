// End-to-end test of the planning tool's SLA view (www/dist, headless Chromium): the ticket SLA by priority with
// edited targets and working hours, the business-calendar editor's errors, the composite tree's what-if, incident
// metrics, the results export, axe-core with no violations, no console errors, and a screenshot. Expected numbers
// are counted here from the sample's raw tickets with an independent business-hours calculator (the Europe/London
// daylight-saving rule written out, not Intl), and the composite from the serial/parallel formulas, not read back
// from the engine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, watchedPage, SHOTS, assertClean, plannerApp } from "./lib.mjs";
import { generateOrg } from "../../www/sample/index.js";

const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");
const sample = generateOrg();
const tickets = sample.support.tickets;
const AS_OF = Date.parse(sample.meta.asOf);
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const app = plannerApp();

/** UK summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
function londonOffset(ms) {
  const y = new Date(ms).getUTCFullYear();
  const lastSunday = (month) => {
    const last = new Date(Date.UTC(y, month + 1, 0));
    return Date.UTC(y, month, last.getUTCDate() - last.getUTCDay(), 1);
  };
  return ms >= lastSunday(2) && ms < lastSunday(9) ? HOUR : 0;
}

/**
 * Working seconds between two instants in a London calendar: `week[0..6]` (Sunday first) lists [startMinute,
 * endMinute] ranges of local time, `holidays` whole local dates. Each local day's ranges become UTC intervals at that
 * day's offset (the ranges are daytime, away from the 01:00 / 02:00 transitions) and are intersected with [a, b].
 */
function businessSeconds(a, b, { week, holidays }) {
  let total = 0;
  const first = Math.floor((a + londonOffset(a)) / DAY) - 1;
  const last = Math.floor((b + londonOffset(b)) / DAY) + 1;
  for (let d = first; d <= last; d++) {
    const date = new Date(d * DAY);
    if (holidays.includes(date.toISOString().slice(0, 10))) continue;
    const offset = londonOffset(d * DAY + 12 * HOUR);
    for (const [s, e] of week[date.getUTCDay()]) {
      const rs = d * DAY + s * MIN - offset;
      const re = d * DAY + e * MIN - offset;
      total += Math.max(0, Math.min(b, re) - Math.max(a, rs));
    }
  }
  return total / 1000;
}

const OFFICE = [9 * 60, 17 * 60 + 30];
const SAMPLE_WEEK = [[], [OFFICE], [OFFICE], [OFFICE], [OFFICE], [OFFICE], []];
const HOLIDAYS = ["2025-12-25", "2025-12-26", "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31"];

/**
 * The share of a priority's response clocks within SLA, counted from the raw tickets: a response in time is met,
 * a late one breached, an unanswered ticket past due at asOf breached (one not yet due is left out).
 */
function responseWithin(priority, seconds, calendar) {
  let met = 0;
  let breached = 0;
  for (const t of tickets.filter((x) => x.priority === priority)) {
    const created = Date.parse(t.createdAt);
    const end = t.firstResponseAt ? Date.parse(t.firstResponseAt) : AS_OF;
    const elapsed = calendar ? businessSeconds(created, end, calendar) : (end - created) / 1000;
    if (t.firstResponseAt) elapsed <= seconds ? met++ : breached++;
    else if (elapsed > seconds) breached++;
  }
  return { met, breached, within: met / (met + breached) };
}

async function open(options = {}, { via } = {}) {
  const w = await watchedPage(app.browser, app.server.url, options);
  w.page.setDefaultTimeout(60_000);
  await w.page.goto(`${app.server.url}/#/${via ?? "sla"}`);
  await w.page.waitForSelector("body[data-ready=true]");
  // The ticket, composite and incident parts are computed once the view is shown: arriving from another view too.
  if (via) await w.page.click('.nav a[data-view="sla"]');
  await w.page.waitForFunction(() => Number(document.querySelector("#sla-tickets")?.dataset.renders) > 0 && document.querySelector("#sla-tickets tbody tr"));
  await w.page.waitForFunction(() => Number(document.querySelector("#sla-composite-tree")?.dataset.renders) > 0);
  return w;
}

/** Do `action` and wait until `selector`'s data-renders moves on (the engine's answer to it is painted). */
async function rendered(page, selector, action) {
  const before = await page.getAttribute(selector, "data-renders");
  await action();
  await page.waitForFunction(([s, r]) => document.querySelector(s)?.dataset.renders !== r, [selector, before]);
}

const within = async (page, p, clock) => {
  const row = page.locator(`#sla-tickets tr[data-priority="${p}"][data-clock="${clock}"]`);
  return { within: Number(await row.getAttribute("data-within-sla")), met: Number(await row.getAttribute("data-met")), breached: Number(await row.getAttribute("data-breached")) };
};

test("SLA view: ticket SLA per priority follows edited targets and working hours as the raw tickets count", async () => {
  const w = await open();
  const { page } = w;

  // P1 response: 15 calendar minutes.
  const p1 = responseWithin("P1", 15 * 60);
  assert.deepEqual(await within(page, "P1", "response"), p1);
  // P3 response: 4 business hours in the sample's calendar.
  const p3 = responseWithin("P3", 4 * 3600, { week: SAMPLE_WEEK, holidays: HOLIDAYS });
  assert.deepEqual(await within(page, "P3", "response"), p3);

  // Tighten the P3 response target to 2 business hours: fewer within SLA, exactly as counted.
  await rendered(page, "#sla-tickets", () => page.fill("#sla-target-P3-response", "2"));
  const tight = responseWithin("P3", 2 * 3600, { week: SAMPLE_WEEK, holidays: HOLIDAYS });
  assert.ok(tight.within < p3.within, `${tight.within} < ${p3.within}`);
  assert.deepEqual(await within(page, "P3", "response"), tight);

  // Wednesdays end at 12:00: less working time, so each P3 response uses less of its business budget.
  await rendered(page, "#sla-tickets", () => page.fill("#sla-day-wednesday-end", "12:00"));
  const week = SAMPLE_WEEK.map((r, i) => (i === 3 ? [[9 * 60, 12 * 60]] : r));
  const shortWed = responseWithin("P3", 2 * 3600, { week, holidays: HOLIDAYS });
  assert.notEqual(shortWed.within, tight.within);
  assert.deepEqual(await within(page, "P3", "response"), shortWed);
  // P1 is on a calendar clock: the calendar edit leaves it alone.
  assert.deepEqual(await within(page, "P1", "response"), p1);

  // The edits are what-ifs of the scenario (saved, listed in the overview's changes).
  // (Saving is debounced: wait for it.) Only what differs from the baseline is kept, each value a short string.
  await page.waitForFunction(() => /12:00/.test(JSON.parse(localStorage.getItem("opscore.scenario.v1") ?? "{}").overrides?.["sla.calendar.hours"] ?? ""));
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("opscore.scenario.v1") ?? "{}").overrides ?? {});
  assert.deepEqual(Object.keys(saved).filter((k) => /^sla\.(ticket|calendar|asOf|composite)/.test(k)).sort(), ["sla.calendar.hours", "sla.ticket.P3.response"]);
  assert.equal(saved["sla.ticket.P3.response"], "2");
  assert.equal(saved["sla.calendar.hours"], "09:00-17:30,09:00-17:30,09:00-12:00,09:00-17:30,09:00-17:30,,");
  // A reload restores both edits, and the same figures.
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction(() => Number(document.querySelector("#sla-tickets")?.dataset.renders) > 0 && document.querySelector("#sla-tickets tbody tr"));
  assert.equal(await page.inputValue("#sla-target-P3-response"), "2");
  assert.equal(await page.inputValue("#sla-day-wednesday-end"), "12:00");
  assert.deepEqual(await within(page, "P3", "response"), shortWed);
  // ...and of the organisation: the overview's comparison with the baseline re-scores the support desk.
  await page.click('.nav a[data-view="overview"]');
  await page.waitForSelector('#compare-body table[data-id="support"] tbody tr');
  const changes = await page.$$eval('#compare-body table[data-id="support"] tbody tr', (rows) => rows.map((r) => [r.dataset.measure, r.cells[1].textContent, r.cells[2].textContent]));
  assert.ok(changes.length > 0 && changes.every(([, before, after]) => before !== after), JSON.stringify(changes));
  await assertClean(w);
});

test("SLA view: invalid calendar edits show the engine's message next to the field, and recover", async () => {
  const w = await open();
  const { page } = w;
  const good = await within(page, "P3", "response");

  // End before start on Monday.
  await rendered(page, "#sla-tickets", () => page.fill("#sla-day-monday-end", "08:00"));
  assert.match(await page.textContent("#sla-day-monday-problem"), /working hours end \(08:00\) must be after they start \(09:00\)/);
  assert.equal(await page.getAttribute("#sla-day-monday-end", "aria-invalid"), "true");
  assert.equal(await page.getAttribute("#sla-tickets-line", "data-stale"), "true");
  assert.deepEqual(await within(page, "P3", "response"), good, "the last good figures stay");
  await rendered(page, "#sla-tickets", () => page.fill("#sla-day-monday-end", "17:30"));
  assert.equal(await page.textContent("#sla-day-monday-problem"), "");

  // An unknown time zone.
  await rendered(page, "#sla-tickets", () => page.fill("#sla-zone", "Mars/Olympus_Mons"));
  assert.ok(await page.isVisible("#sla-zone-error"));
  assert.match(await page.textContent("#sla-zone-error"), /Mars\/Olympus_Mons/);
  await rendered(page, "#sla-tickets", () => page.fill("#sla-zone", "Europe/London"));
  assert.equal(await page.isVisible("#sla-zone-error"), false);

  // No working day at all.
  for (const d of ["monday", "tuesday", "wednesday", "thursday", "friday"]) {
    await rendered(page, "#sla-tickets", () => page.uncheck(`#sla-day-${d}`));
  }
  assert.match(await page.textContent("#sla-hours-error"), /working hours on at least one weekday/);

  // Reset brings the sample's calendar, and its figures, back.
  await rendered(page, "#sla-tickets", () => page.click("#sla-calendar-reset"));
  assert.equal(await page.isVisible("#sla-hours-error"), false);
  assert.deepEqual(await within(page, "P3", "response"), good);

  // A holiday added and removed by keyboard-reachable buttons.
  await page.fill("#sla-holiday-new", "2026-10-28");
  await rendered(page, "#sla-tickets", () => page.click("#sla-holiday-add"));
  assert.equal(await page.locator('#sla-holidays li[data-date="2026-10-28"]').count(), 1);
  await rendered(page, "#sla-tickets", () => page.click('#sla-holidays button[aria-label="Remove holiday 2026-10-28"]'));
  assert.equal(await page.locator('#sla-holidays li[data-date="2026-10-28"]').count(), 0);
  await assertClean(w);
});

/** A tree node's availability by the formulas: serial ∏ aᵢ, parallel 1 − ∏ (1 − aᵢ). */
function formula(node, leaves) {
  if (node.kind === "leaf") return leaves.get(node.name);
  const parts = node.children.map((c) => formula(c, leaves));
  return node.kind === "serial" ? parts.reduce((a, b) => a * b, 1) : 1 - parts.reduce((a, b) => a * (1 - b), 1);
}

test("SLA view: the composite tree recomputes a component's what-if by the serial/parallel formulas", async () => {
  const w = await open();
  const { page } = w;
  const readTree = () =>
    page.evaluate(() => {
      const walk = (li) => ({
        name: li.dataset.name,
        kind: li.dataset.kind,
        availability: Number(li.dataset.availability),
        children: [...(li.querySelector(":scope > ul")?.children ?? [])].map(walk),
      });
      return { root: walk(document.querySelector("#sla-composite-tree > li")), composite: Number(document.querySelector("#sla-composite-line").dataset.availability) };
    });
  const leavesOf = (n, out = new Map()) => (n.kind === "leaf" ? out.set(n.name, n.availability) : (n.children.forEach((c) => leavesOf(c, out)), out));

  const base = await readTree();
  assert.equal(base.root.kind, "serial");
  assert.equal(leavesOf(base.root).size, 8);
  assert.ok(Math.abs(base.composite - formula(base.root, leavesOf(base.root))) < 1e-12);

  await rendered(page, "#sla-composite-tree", () => page.selectOption("#sla-component", "Checkout API"));
  await rendered(page, "#sla-composite-tree", () => page.fill("#sla-component-availability", "99"));
  const after = await readTree();
  const leaves = leavesOf(after.root);
  assert.equal(leaves.get("Checkout API"), 0.99);
  for (const [name, a] of leavesOf(base.root)) if (name !== "Checkout API") assert.equal(leaves.get(name), a);
  // The composite by hand: the serial chain of the four single parts and the two parallel pairs.
  const l = (n) => leaves.get(n);
  const byHand =
    l("Edge load balancer") * l("Product search") * l("Identity and login") * l("Checkout API") *
    (1 - (1 - l("Order DB primary")) * (1 - l("Order DB replica"))) *
    (1 - (1 - l("Payments gateway")) * (1 - l("Backup card processor")));
  assert.ok(Math.abs(after.composite - byHand) < 1e-12, `${after.composite} vs ${byHand}`);
  assert.ok(after.composite < base.composite);
  // At 99% the checkout API is the weakest serial part by far: the engine names it the best single improvement.
  assert.match(await page.textContent("#sla-composite-line"), /Best single improvement: Checkout API/);
  assert.equal(await page.textContent('#sla-contributions tbody tr:first-child th'), "Checkout API");

  // A bad value shows the engine's error and keeps the last figures.
  await rendered(page, "#sla-composite-tree", () => page.fill("#sla-component-availability", "120"));
  assert.ok(await page.isVisible("#sla-component-error"));
  assert.equal((await readTree()).composite, after.composite);
  await assertClean(w);
});

test("SLA view: incident metrics per severity, mean and median; results export carries the new rows", async () => {
  const w = await open({}, { via: "overview" });
  const { page } = w;
  await page.waitForFunction(() => Number(document.querySelector("#sla-incidents")?.dataset.renders) > 0);
  await page.selectOption("#sla-service", "checkout");
  await page.waitForFunction(() => /^Checkout API: .* mean figures\.$/.test(document.querySelector("#sla-incidents-line")?.textContent ?? ""));
  const count = sample.outages.filter((o) => o.service === "checkout" && !o.maintenance).length;
  assert.equal(await page.textContent('#sla-incidents tr[data-severity="All"] td'), String(count));
  // The overall MTTR by hand: the mean and the median of end − start over checkout's outages.
  const durations = sample.outages.filter((o) => o.service === "checkout" && !o.maintenance).map((o) => (Date.parse(o.end) - Date.parse(o.start)) / 1000).sort((a, b) => a - b);
  const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
  const mid = durations.length / 2;
  const median = durations.length % 2 ? durations[Math.floor(mid)] : (durations[mid - 1] + durations[mid]) / 2;
  const { formatDuration } = await import("../../www/format.js");
  assert.equal(await page.textContent('#sla-incidents tr[data-severity="All"] td:nth-child(5)'), formatDuration(mean));
  await page.check("#sla-statistic-median");
  await page.waitForFunction(() => /median figures\.$/.test(document.querySelector("#sla-incidents-line")?.textContent ?? ""));
  assert.equal(await page.textContent('#sla-incidents tr[data-severity="All"] td:nth-child(5)'), formatDuration(median));

  await page.click('.nav a[data-view="data"]');
  const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#export-results")]);
  const text = await readFile(await csv.path(), "utf8");
  assert.match(text, /SLA tickets,Tickets P1 response,Within SLA,/);
  assert.match(text, /SLA composite,Online checkout journey,Composite availability,/);
  assert.match(text, /SLA incidents,Checkout API all,MTTR \(median\),/);
  await assertClean(w);
});

test("SLA view: no axe-core violations, no console errors, phone width without sideways scrolling; screenshots", async () => {
  for (const [label, options] of [
    ["", { viewport: { width: 1280, height: 900 } }],
    ["-phone-dark", { viewport: { width: 375, height: 740 }, colorScheme: "dark" }],
  ]) {
    // axe is injected as a script tag, which the page's CSP would (rightly) refuse; only this context bypasses it.
    const w = await open({ ...options, bypassCSP: true });
    const { page } = w;
    await page.waitForSelector("#sla-tickets-chart svg");
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
    });
    assert.deepEqual(violations, [], `sla${label}: ${JSON.stringify(violations)}`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), false, "no sideways scrolling of the page");
    await page.screenshot({ path: join(SHOTS, `sla${label}.png`), fullPage: true });
    await assertClean(w);
  }
});
