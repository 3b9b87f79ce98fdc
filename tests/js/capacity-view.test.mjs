// The planning tool's capacity view without a browser page: the worker's capacity tasks (www/engine/tasks-capacity.js:
// fit once, answer many runway questions from the held model) and the view's wording (www/views/capacity/text.js).
// Runs in Node and in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { capacityTasks, onGrid } from "../../www/engine/tasks-capacity.js";
import { compareRows, num, runwaySentence } from "../../www/views/capacity/text.js";
import { generateOrg } from "../../www/sample/index.js";

// Daily usage growing by 1 a day (10, 11, …, 69): the README's CapacityModel example, worked by hand there.
const line = {
  series: { start: "2026-01-01T00:00:00Z", step: 86400, values: Array.from({ length: 60 }, (_, t) => 10 + t) },
  horizon: 400,
  seasonalPeriods: [],
  transform: "none",
};

test("capacity tasks: one fit per key, and every runway after it reuses the held model", () => {
  const tasks = capacityTasks();
  const fit = tasks["capacity.fit"]({ key: "line", input: line });
  assert.ok(fit.timing.fitMs > 0);
  assert.ok(fit.forecast.mean instanceof Float64Array);
  assert.equal(fit.forecast.mean.length, 400);
  assert.deepEqual(fit.forecast.intervals.map((b) => b.level), [0.8, 0.95]);
  assert.ok(fit.forecast.intervals.every((b) => b.lower instanceof Float64Array && b.upper.length === 400));
  // Threshold 200 × 0.8 = 160; the last value is 69, so the mean reaches 160 after 91 steps (69 + 91). With 1.5×
  // the trend: 69 + 1.5·61 = 160.5 ≥ 160 after 61 steps. A launch of +30% from 12 March (step 12): 1.3·(69 + 55)
  // = 161.2 ≥ 160 after 55.
  const query = {
    capacity: 200,
    utilisationTarget: 0.8,
    scenarios: [{ growth: 1.5 }, { steps: [{ at: "2026-03-12T00:00:00Z", factor: 1.3 }] }],
  };
  const r = tasks["capacity.runway"]({ key: "line", query });
  assert.equal(r.timing.fitMs, 0, "the held model answered");
  assert.equal(r.baseline.runway.threshold, 160);
  assert.equal(r.baseline.runway.headroom, 91);
  assert.equal(r.baseline.runway.mean.steps, 91);
  assert.equal(r.scenarios[0].runway.mean.steps, 61);
  assert.equal(r.scenarios[1].runway.mean.steps, 55);
  // A second fit call for the same key returns fresh arrays (its buffers travel to the page) from the held fit.
  const again = tasks["capacity.fit"]({ key: "line", input: line });
  assert.equal(again.timing.fitMs, 0);
  assert.notEqual(again.forecast.mean.buffer, fit.forecast.mean.buffer);
  assert.deepEqual([...again.forecast.mean], [...fit.forecast.mean]);
  assert.deepEqual(tasks["capacity.release"](), { released: 1 });
});

test("capacity tasks: a runway for an unknown key fits from its input; without one it says what is missing", () => {
  const tasks = capacityTasks();
  const r = tasks["capacity.runway"]({ key: "fresh", input: line, query: { capacity: 200 } });
  assert.ok(r.timing.fitMs > 0, "fitted on the miss");
  // 69 + 131 = 200.
  assert.equal(r.baseline.runway.mean.steps, 131);
  assert.throws(() => tasks["capacity.runway"]({ key: "unknown", query: { capacity: 1 } }), (e) => e.code === "missing_field" && e.path === "input");
  assert.throws(() => tasks["capacity.fit"]({ input: line }), (e) => e.code === "invalid_type" && e.path === "key");
  // The engine's own errors pass through with their code and path.
  assert.throws(() => tasks["capacity.runway"]({ key: "fresh", query: { capacity: 200, utilisationTarget: 1.5 } }), (e) => e.code === "out_of_range" && e.path === "utilisationTarget");
  tasks["capacity.release"]();
});

test("capacity tasks: at most twelve models are held; the least recently used is freed first", () => {
  const tasks = capacityTasks();
  for (let i = 0; i < 13; i++) tasks["capacity.fit"]({ key: `m${i}`, input: { ...line, horizon: 10 } });
  // m0 was evicted (and freed): asking for it without an input fails; m1 is still held.
  assert.throws(() => tasks["capacity.runway"]({ key: "m0", query: { capacity: 200 } }), (e) => e.code === "missing_field");
  assert.equal(tasks["capacity.runway"]({ key: "m1", query: { capacity: 200 } }).timing.fitMs, 0);
  assert.deepEqual(tasks["capacity.release"](), { released: 12 });
});

test("capacity tasks on the sample: faster growth never runs out later, slower never earlier", () => {
  const org = generateOrg({ seed: "opscore-sample-1" });
  const c = org.capacity.find((x) => x.id === "checkout-db-storage");
  const tasks = capacityTasks();
  const input = { series: c.series, horizon: 730, seasonalPeriods: [7], levels: [0.8, 0.95] };
  const growths = [0.5, 1, 1.5, 2];
  const r = tasks["capacity.runway"]({ key: "storage", input, query: { capacity: c.thresholds.limit, scenarios: growths.map((growth) => ({ growth })) } });
  const steps = r.scenarios.map((s) => s.runway.mean?.steps ?? Infinity);
  assert.equal(steps[1], r.baseline.runway.mean.steps, "growth 1 is the baseline");
  for (let i = 1; i < steps.length; i++) assert.ok(steps[i] <= steps[i - 1], `growth ${growths[i]}: ${steps[i]} ≤ ${steps[i - 1]}`);
  assert.ok(steps[3] < steps[1], "2× growth runs out strictly earlier on a trending model");
  tasks["capacity.release"]();
});

test("capacity wording: the runway sentence and the side-by-side rows", () => {
  const crossing = (at, threshold = 160) => ({ at, steps: 0, seconds: 0, value: threshold, threshold });
  const runway = { threshold: 160, headroom: 91, headroomFraction: 91 / 160, mean: crossing("2026-05-31T00:00:00.000Z"), earliest: crossing("2026-05-01T00:00:00.000Z") };
  const ctx = { level: 0.95, horizonEnd: "2027-02-04T00:00:00.000Z", unit: "GB" };
  // 91 / 160 = 56.875% → "56.9%"; no latest crossing within the horizon → "after" the horizon's end.
  assert.equal(runwaySentence(runway, ctx), "runs out around 2026-05-31 (between 2026-05-01 and after 2027-02-04, 95% interval); headroom now 56.9% (91 GB below the threshold of 160 GB)");
  assert.equal(runwaySentence({ ...runway, mean: undefined }, { ...ctx, headroom: false }), "does not run out before 2027-02-04, the end of the forecast, though it could at the earliest by 2026-05-01 (95% interval)");
  assert.equal(runwaySentence({ ...runway, headroom: -4, headroomFraction: -0.025 }, ctx), "is already past the threshold of 160 GB by 4 GB");
  const report = {
    asOf: "2026-03-01T00:00:00.000Z",
    horizonEnd: "2027-02-04T00:00:00.000Z",
    level: 0.95,
    baseline: { runway },
    scenarios: [{ runway: { ...runway, mean: crossing("2026-04-30T00:00:00.000Z") } }],
  };
  const rows = Object.fromEntries(compareRows(report, "GB").map(([key, ...cells]) => [key, cells]));
  // 1 March → 31 May is 91 days; → 30 April is 60 days: 31 days earlier.
  assert.deepEqual(rows.mean, ["Runs out (forecast mean)", "2026-05-31 (in 91 days)", "2026-04-30 (in 60 days)", "31 days earlier"]);
  assert.deepEqual(rows.days, ["Days of runway (mean)", "91", "60", "−31 days"]);
  assert.deepEqual(rows.latest.slice(1), ["after 2027-02-04", "after 2027-02-04", "no change"]);
  assert.equal(num(2442.94), "2,443");
  assert.equal(num(85.56), "85.6");
  assert.equal(num(0.3405), "0.34");
});

test("imported series: put on their grid (gaps as missing), listed by capacity.sources, fitted by source", () => {
  const day = 86400000;
  const t0 = Date.UTC(2026, 0, 1);
  // A CSV import's columns: 1, 2, 4 January (3 January missing) on a daily step.
  const csv = { start: "2026-01-01T00:00:00.000Z", step: 86400, t: Float64Array.of(t0, t0 + day, t0 + 3 * day), values: Float64Array.of(5, 6, 8) };
  const g = onGrid(csv);
  assert.equal(g.start, "2026-01-01T00:00:00.000Z");
  assert.deepEqual([...g.values], [5, 6, Number.NaN, 8]);
  assert.equal(onGrid({ ...csv, step: 0 }), null, "no step");
  assert.equal(onGrid({ step: 60, t: Float64Array.of(0), values: undefined }), null, "no values (an SLI import)");
  assert.equal(onGrid({ step: 1, t: Float64Array.of(0, 1e9), values: Float64Array.of(1, 2) }), null, "more slots than the engine fits");
  // A Prometheus import holds a list of named series; a CSV import one series; an SLI import (good/total) none.
  const line = Array.from({ length: 60 }, (_, t) => 10 + t);
  const prom = { name: 'used{host="a"}', series: { start: "2026-01-01T00:00:00.000Z", step: 86400, t: Float64Array.from(line, (_, i) => t0 + i * day), values: Float64Array.from(line) } };
  const held = { imports: { p1: { series: [prom] }, c1: { series: csv }, s1: { series: { step: 60, t: Float64Array.of(t0), good: Float64Array.of(1), total: Float64Array.of(1) } } } };
  const tasks = capacityTasks(held);
  const list = tasks["capacity.sources"]();
  assert.deepEqual(list.map((x) => [x.id, x.importId, x.name, x.points]), [["imports/p1/0", "p1", 'used{host="a"}', 60], ["imports/c1/0", "c1", "", 4]]);
  // Fitted from the held series by its id: 69 + 32 = 101 is the first value past 100.5 (the README's example).
  const r = tasks["capacity.runway"]({ key: "p", input: { source: "imports/p1/0", horizon: 100, seasonalPeriods: [], transform: "none" }, query: { capacity: 100.5 } });
  assert.equal(r.baseline.runway.mean.steps, 32);
  assert.throws(() => tasks["capacity.fit"]({ key: "gone", input: { source: "imports/zz/0", horizon: 10 } }), (e) => e.code === "unknown_reference" && e.path === "input.source");
  tasks["capacity.release"]();
});
