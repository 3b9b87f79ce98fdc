// The planning tool's error-budget view, worker side (www/engine/tasks-budget.js), against the sample organisation:
// the figures the view shows are checked against sums over the sample's own buckets, and the hypothetical incident
// painted for the backtest is checked against the engine's own what-if.
import { test } from "node:test";
import assert from "node:assert/strict";
import { errorBudget } from "opscore";
import { generateOrg } from "../../www/sample/index.js";
import { budgetTasks, paintIncident, sliceSli } from "../../www/engine/tasks-budget.js";

const org = generateOrg();
const held = { org };
const tasks = budgetTasks(held);
const checkout = org.services.find((s) => s.id === "checkout");
const asOfMs = Date.parse(org.meta.asOf);
const N = 28 * 1440; // a 28-day window of minutes

/** Σbad and Σtotal of checkout's last `n` minutes (checkout has no maintenance windows to exclude). */
function sums(n, from = checkout.sli.total.length - n, to = checkout.sli.total.length) {
  let bad = 0;
  let total = 0;
  for (let i = from; i < to; i++) {
    bad += checkout.sli.total[i] - checkout.sli.good[i];
    total += checkout.sli.total[i];
  }
  return { bad, total };
}

test("checkout has no maintenance windows (the hand sums below need none excluded)", () => {
  assert.equal(org.outages.filter((o) => o.service === "checkout" && o.maintenance).length, 0);
});

test("the report: budget, consumed and remaining from the sample's own sums", () => {
  const { bad, total } = sums(N);
  for (const objective of [0.999, 0.9995]) {
    const v = tasks["budget.view"]({ service: "checkout", objective, windowDays: 28 });
    const r = v.report;
    assert.equal(r.window.start, "2026-10-04T00:00:00.000Z");
    assert.equal(r.counts.bad, bad);
    assert.equal(r.counts.total, total);
    // Occurrences: the budget is (1 − objective) × Σtotal events; as time, (1 − objective) × 28 days.
    assert.ok(Math.abs(r.budget.events - (1 - objective) * total) < 1e-6 * total);
    assert.ok(Math.abs(r.budget.seconds - (1 - objective) * 28 * 86400) < 1e-6);
    const consumed = bad / ((1 - objective) * total);
    assert.ok(Math.abs(r.consumed.fraction - consumed) < 1e-9, `${r.consumed.fraction} vs ${consumed}`);
    assert.ok(Math.abs(r.remaining.fraction - (1 - consumed)) < 1e-9);
    // The tiers are the engine's generated ones for 28 days: 14.4 × 28/30 = 13.44 for the 1h page.
    assert.equal(v.backtest.tiers[0].tier.burnRate, 13.44);
    // The burn-down comes as chart columns: epoch seconds from the window's start, the ideal line from 1 to 0.
    assert.equal(v.chart.t[0], Date.parse("2026-10-04T00:00:00Z") / 1000);
    assert.equal(v.chart.t.at(-1), asOfMs / 1000);
    assert.equal(v.chart.ideal[0], 1);
    assert.equal(v.chart.ideal.at(-1), 0);
    assert.ok(Math.abs(v.chart.remaining.at(-1) - r.remaining.fraction) < 1e-12);
    assert.equal(v.report.burnDown, undefined);
    assert.equal(v.backtest.from, r.window.start);
    assert.equal(v.backtest.evaluations, N);
    assert.equal(v.report.scenario, undefined);
    assert.equal(v.hypothetical, null);
    // At another objective, the service's own (99.9% over 28 days) comes back for comparison.
    if (objective === 0.999) assert.equal(v.reference, null);
    else assert.ok(Math.abs(v.reference.remaining.fraction - (1 - bad / (0.001 * total))) < 1e-9);
  }
});

test("a future hypothetical incident consumes errorRate × duration of the budget as time", () => {
  const base = tasks["budget.view"]({ service: "checkout", objective: 0.999, windowDays: 28 }).report;
  const v = tasks["budget.view"]({
    service: "checkout",
    objective: 0.999,
    windowDays: 28,
    incident: { start: org.meta.asOf, durationSeconds: 20 * 60, errorRate: 1 },
  });
  // 20 minutes of full outage against 0.001 × 28 d = 2 419.2 s: 1 200 / 2 419.2 = 0.49603 of the budget.
  assert.ok(Math.abs(base.remaining.fraction - v.report.scenario.remaining.fraction - 1200 / 2419.2) < 1e-9);
  assert.equal(v.hypothetical, null, "nothing to paint before asOf");
});

test("a past hypothetical incident: the engine's what-if and the painted buckets agree", () => {
  // 20 minutes at 100% errors starting two days before asOf (on the minute grid).
  const start = new Date(asOfMs - 2 * 86400000).toISOString();
  const inc = { start, durationSeconds: 1200, errorRate: 1 };
  const v = tasks["budget.view"]({ service: "checkout", objective: 0.999, windowDays: 28, incident: inc });
  // By hand: those 20 minutes become all bad.
  const n = checkout.sli.total.length;
  const i0 = n - 2 * 1440;
  const { bad, total } = sums(N);
  const during = sums(0, i0, i0 + 20);
  const consumed = (bad - during.bad + during.total) / (0.001 * total);
  assert.ok(Math.abs(v.report.scenario.consumed.fraction - consumed) < 1e-9, `${v.report.scenario.consumed.fraction} vs ${consumed}`);
  // The engine's own what-if over the same buckets (it rewrites them itself) gives the same scenario.
  const series = sliceSli(checkout.sli, asOfMs - 28 * 86400000, asOfMs);
  const own = (incident) =>
    errorBudget({
      slo: { objective: 0.999, window: "28d" },
      series,
      options: { asOf: org.meta.asOf, maxPoints: 400, whatIf: { incidents: [{ start: incident.start, duration: incident.durationSeconds, errorRate: incident.errorRate }] } },
    }).scenario;
  const mine = own(inc);
  assert.ok(Math.abs(mine.consumed.fraction - v.report.scenario.consumed.fraction) < 1e-9);
  assert.deepEqual(v.report.scenario.burnRates.map((b) => b.burnRate.toFixed(9)), mine.burnRates.map((b) => b.burnRate.toFixed(9)));
  assert.deepEqual([...v.chart.t], mine.burnDown.t.map((t) => Date.parse(t) / 1000));
  v.chart.scenarioRemaining.forEach((x, i) => assert.ok(Math.abs(x - mine.burnDown.remaining[i]) < 1e-9, `burn-down point ${i}`));
  // A partial-minute error rate paints pro rata, as the engine does: 90 s at 40% from 30 s into a minute.
  const odd = { start: new Date(asOfMs - 86400000 + 30000).toISOString(), durationSeconds: 90, errorRate: 0.4 };
  const w = tasks["budget.view"]({ service: "checkout", objective: 0.999, windowDays: 28, incident: odd });
  assert.ok(Math.abs(own(odd).consumed.fraction - w.report.scenario.consumed.fraction) < 1e-9);
  // One that straddles asOf: 10 minutes painted, 20 minutes of future consumption at 50%.
  const straddle = { start: new Date(asOfMs - 600000).toISOString(), durationSeconds: 1800, errorRate: 0.5 };
  const x = tasks["budget.view"]({ service: "checkout", objective: 0.999, windowDays: 28, incident: straddle });
  assert.ok(Math.abs(own(straddle).remaining.fraction - x.report.scenario.remaining.fraction) < 1e-9);
  assert.equal(Date.parse(x.hypothetical.end), asOfMs);
  // The baseline beside each scenario is the report without the incident.
  assert.ok(Math.abs(x.report.consumed.fraction - bad / (0.001 * total)) < 1e-9);
  // The backtest marks it last, and each tier's detection time follows from the rule as written (README: a tier
  // fires at the end of a bucket when the error rate over both its long and short window is strictly above
  // burnRate × (1 − objective)), evaluated here by hand over the painted buckets.
  assert.deepEqual(v.hypothetical, { start, end: new Date(Date.parse(start) + 1200000).toISOString() });
  const whole = sliceSli(checkout.sli, asOfMs - 31 * 86400000, asOfMs);
  paintIncident(whole, inc, asOfMs);
  const first = whole.total.length - 2 * 1440; // the incident's first bucket in `whole`
  const rate = (end, minutes) => {
    let b = 0;
    let t = 0;
    for (let i = end - minutes + 1; i <= end; i++) {
      b += whole.bad[i];
      t += whole.total[i];
    }
    return b / t;
  };
  const windows = [[60, 5], [360, 30], [1440, 120], [4320, 360]];
  v.backtest.tiers.forEach((t, k) => {
    const [long, short] = windows[k];
    const threshold = t.tier.burnRate * 0.001;
    let expected;
    for (let i = first; i < first + 20 && expected === undefined; i++) {
      if (rate(i, long) > threshold && rate(i, short) > threshold) expected = (i - first + 1) * 60;
    }
    const last = t.detections.at(-1);
    assert.equal(last.name, "hypothetical");
    assert.equal(last.detectionSeconds, expected, t.tier.name);
  });
  // Full errors for 20 minutes are caught by every tier within them.
  assert.ok(v.backtest.tiers.every((t) => t.detections.at(-1).detectionSeconds <= 1200));
});

test("the year backtest marks the sample's incidents and counts every evaluation", () => {
  const y = tasks["budget.yearBacktest"]({ service: "checkout", objective: 0.999, windowDays: 28 });
  assert.equal(y.backtest.evaluations, 365 * 1440);
  const incidents = org.outages.filter((o) => o.service === "checkout" && !o.maintenance);
  assert.equal(y.incidents.length, incidents.length);
  for (const t of y.backtest.tiers) assert.equal(t.detections.length, incidents.length);
  // One year is held at a time: another service's year replaces it, and coming back indexes it again.
  const p = tasks["budget.yearBacktest"]({ service: "payments", objective: 0.9995, windowDays: 28 });
  assert.equal(p.backtest.evaluations, 365 * 1440);
  const again = tasks["budget.yearBacktest"]({ service: "checkout", objective: 0.999, windowDays: 28 });
  assert.deepEqual(again.backtest.tiers.map((t) => t.fireCount), y.backtest.tiers.map((t) => t.fireCount));
});

test("bad input: unknown service, a window the view does not offer, an objective in percent", () => {
  assert.throws(() => tasks["budget.view"]({ service: "nope", objective: 0.999, windowDays: 28 }), { code: "unknown_reference", path: "service" });
  assert.throws(() => tasks["budget.view"]({ service: "checkout", objective: 0.999, windowDays: 29 }), { code: "out_of_range", path: "windowDays" });
  assert.throws(() => tasks["budget.view"]({ service: "checkout", objective: 99.9, windowDays: 28 }), { code: "out_of_range", path: "slo.objective" });
  assert.throws(() => budgetTasks({ org: null })["budget.view"]({ service: "checkout", objective: 0.999, windowDays: 28 }), { code: "unknown_reference", path: "org" });
});

test("the view's words: burn rates as how long a full budget lasts, tier summaries as recall and precision", async () => {
  const { burnWords, rate, roughDuration, tierSummary } = await import("../../www/views/budget/words.js");
  const W = 28 * 86400;
  // Rate 2 over a 28-day window: a full budget lasts 14 days.
  assert.equal(burnWords(2, true, W), "Too fast: a full budget would be gone in 14 days, within the 28-day window.");
  // Rate 0.5: 56 days.
  assert.equal(burnWords(0.5, true, W), "Sustainable: a full budget would last 56 days, longer than the 28-day window.");
  assert.equal(burnWords(1, true, W), "On budget: a full budget lasts exactly the 28-day window.");
  assert.equal(burnWords(0, true, W), "Not burning: no errors in this window.");
  assert.equal(burnWords(0, false, W), "No data in this window.");
  // 14.4 × 1 h = 2% of a 30-day budget: at rate 14.4 a 30-day budget lasts 50 hours.
  assert.equal(roughDuration((30 * 86400) / 14.4), "2 days");
  assert.equal(roughDuration(3 * 3600), "3 hours");
  assert.equal(rate(13.44), "13.4×");
  assert.equal(rate(0.1812), "0.18×");
  // 4 fires, one outside any incident; 2 of 3 incidents caught after 60 s and 180 s.
  const y = tierSummary(
    {
      fireCount: 4,
      firesOutsideIncidents: 1,
      firingSeconds: 600,
      detections: [{ detectionSeconds: 60 }, { detectionSeconds: undefined }, { detectionSeconds: 180 }],
      silent: { share: 0.25, budgets: 0.5 },
    },
    3,
  );
  assert.deepEqual(
    { recall: y.recall, precision: y.precision, median: y.medianDetection, caught: y.caught, during: y.during },
    { recall: 2 / 3, precision: 0.75, median: 120, caught: 2, during: 3 },
  );
});

test("baselines are kept per objective: A → B → A (and an incident at A) gives what a fresh worker gives at A", () => {
  const strip = ({ timing: _t, ...rest }) => rest;
  const warm = budgetTasks({ org });
  const a = { service: "payments", objective: 0.999, windowDays: 28 };
  const inc = { start: new Date(asOfMs - 48 * 3600000).toISOString(), durationSeconds: 1800, errorRate: 0.5 };
  const first = strip(warm["budget.view"](a));
  warm["budget.view"]({ ...a, objective: 0.9995 });
  warm["budget.view"]({ ...a, objective: 0.99, incident: inc });
  const again = strip(warm["budget.view"](a));
  const withInc = strip(warm["budget.view"]({ ...a, incident: inc }));
  assert.deepEqual(again, first);
  // A fresh worker: nothing cached.
  assert.deepEqual(strip(budgetTasks({ org })["budget.view"](a)), first);
  assert.deepEqual(strip(budgetTasks({ org })["budget.view"]({ ...a, incident: inc })), withInc);
  // payments' own SLO is 99.95%: the reference (its own budget) is there at 99.9% and the same after the round trip.
  assert.equal(first.reference.objective, 0.9995);
  // More objectives than are kept: the oldest is recomputed, with the same result.
  for (let k = 0; k < 20; k++) warm["budget.view"]({ ...a, objective: 0.99 + k * 0.0001 });
  assert.deepEqual(strip(warm["budget.view"](a)), first);
});

test("budget.view: an incident moved through several hours gives what a fresh worker gives (the baselines it keeps are never painted)", () => {
  const at = (h) => ({ service: "checkout", objective: 0.999, windowDays: 28, incident: { start: new Date(asOfMs + h * 3600000).toISOString(), durationSeconds: 5400, errorRate: 0.4 } });
  const strip = (r) => JSON.parse(JSON.stringify({ ...r, timing: null, chart: Object.fromEntries(Object.entries(r.chart).map(([k, v]) => [k, [...v]])) }));
  const moving = budgetTasks({ org });
  for (const h of [-48, -100, -200, -48, -300]) moving["budget.view"](at(h));
  const moved = strip(moving["budget.view"](at(-100)));
  const fresh = strip(budgetTasks({ org })["budget.view"](at(-100)));
  assert.deepEqual(moved, fresh);
  // …and without the incident, the baseline is untouched by the painting.
  assert.deepEqual(strip(moving["budget.view"]({ ...at(0), incident: undefined })), strip(budgetTasks({ org })["budget.view"]({ ...at(0), incident: undefined })));
});

test("budget.view: objectives typed with an incident on (its painted history and scenarios kept) give what a fresh worker gives", () => {
  const inc = { start: new Date(asOfMs - 30 * 3600000).toISOString(), durationSeconds: 2400, errorRate: 0.6 };
  const at = (objective, incident = inc) => ({ service: "payments", objective, windowDays: 28, incident });
  const strip = (r) => JSON.parse(JSON.stringify({ ...r, timing: null, chart: Object.fromEntries(Object.entries(r.chart).map(([k, v]) => [k, [...v]])) }));
  const typing = budgetTasks({ org });
  // 99.9 → 99.95 → 99.5 → 99.9 with the incident on, then more objectives than are kept, then the incident moved
  // away and back, and the incident off: each answer as a fresh worker gives it.
  const objectives = [0.999, 0.9995, 0.995, 0.999, ...Array.from({ length: 20 }, (_, k) => 0.99 + k * 0.0001), 0.9995];
  for (const o of objectives) assert.deepEqual(strip(typing["budget.view"](at(o))), strip(budgetTasks({ org })["budget.view"](at(o))), `objective ${o}`);
  const moved = { ...inc, start: new Date(asOfMs - 200 * 3600000).toISOString() };
  assert.deepEqual(strip(typing["budget.view"](at(0.995, moved))), strip(budgetTasks({ org })["budget.view"](at(0.995, moved))));
  assert.deepEqual(strip(typing["budget.view"](at(0.995))), strip(budgetTasks({ org })["budget.view"](at(0.995))));
  assert.deepEqual(strip(typing["budget.view"](at(0.995, undefined))), strip(budgetTasks({ org })["budget.view"](at(0.995, undefined))));
  // The scenario differs from the baseline beside it (the incident is painted in), and the backtest marks it last.
  const v = typing["budget.view"](at(0.999));
  assert.ok(v.report.scenario.consumed.fraction > v.report.consumed.fraction);
  assert.equal(v.backtest.tiers[0].detections.at(-1).name, "hypothetical");
});
