// Imported data as the detail views see it (www/engine/org-sources.js) and the SLI readings of imported series
// (www/engine/org-imports.js): hand-worked cases with the arithmetic in comments.
import { test } from "node:test";
import assert from "node:assert/strict";
import { generateOrg } from "../../www/sample/index.js";
import { asOfOf, orgDocument } from "../../www/engine/org.js";
import { applyImports, errorRatioSli, isErrorRatio, pairSli } from "../../www/engine/org-imports.js";
import { coverageOf, orgSources, regularSeries, sourcesSummary, windowDaysOf } from "../../www/engine/org-sources.js";
import { budgetTasks } from "../../www/engine/tasks-budget.js";

const sample = generateOrg();
const asOf = asOfOf(sample);
const asOfMs = Date.parse(asOf);
const HOUR = 3600e3;

test("an error ratio is read as failures: 1 − value of each step is good", () => {
  // Steps of 0.001, 0 and missing: good 0.999, 1 and missing of one event each.
  const cols = { step: 60, t: new Float64Array([0, 60000, 120000]), values: new Float64Array([0.001, 0, Number.NaN]) };
  const s = errorRatioSli(cols);
  assert.deepEqual([...s.good].map(String), ["0.999", "1", "NaN"]);
  assert.deepEqual([...s.total].map(String), ["1", "1", "NaN"]);
  // Median 0.0005 < 0.5: failures. An availability of 0.999 is not, unless its name says "error".
  assert.equal(isErrorRatio("series 1", cols.values), true);
  assert.equal(isErrorRatio("up", new Float64Array([0.999, 1])), false);
  assert.equal(isErrorRatio("http_error_ratio", new Float64Array([0.999, 1])), true);
});

test("two count series on one grid are a good/total or errors/total pair", () => {
  const t = new Float64Array([0, 60000]);
  const total = { name: "requests", cols: { step: 60, t, values: new Float64Array([100, 200]) } };
  const good = { name: "ok", cols: { step: 60, t, values: new Float64Array([99, 190]) } };
  const errors = { name: "errors", cols: { step: 60, t, values: new Float64Array([1, 10]) } };
  // good ≤ total and mostly above half of it: good events. 99/100 and 190/200.
  const p = pairSli(good, total);
  assert.deepEqual([p.small, p.large, p.bad], ["ok", "requests", false]);
  assert.deepEqual([...p.sli.good], [99, 190]);
  // "errors" names failures: good = total − errors = 99, 190 again, whichever order they come in.
  const q = pairSli(total, errors);
  assert.deepEqual([q.small, q.bad], ["errors", true]);
  assert.deepEqual([...q.sli.good], [99, 190]);
  assert.equal(pairSli(good, { ...errors, cols: { ...errors.cols, t: new Float64Array([0, 120000]) } }), null, "other timestamps");
  // Merged into the organisation (attached to a new service): one SLO, with a note saying how it was read.
  const doc = { version: 1, name: "x", services: [], resources: [], teams: [] };
  const [r] = applyImports(doc, [{ id: "a", name: "prom.json", kind: "series", attach: "new", data: { series: [total, errors].map((x) => ({ name: x.name, series: x.cols })) } }], { asOf: "2026-01-01T00:00:00Z" });
  assert.equal(doc.services[0].slos.length, 1);
  assert.deepEqual([...doc.services[0].slos[0].series.good], [99, 190]);
  assert.match(r.notes.join(" "), /"errors" read as the bad \(failed\) events of "requests"/);
});

test("regularSeries puts a series with timestamps and bad counts on its grid; windows in days", () => {
  // Buckets at 0, 2 and 3 minutes: minute 1 is missing. good = total − bad.
  const s = regularSeries({ step: 60, t: ["1970-01-01T00:00:00Z", 120000, 180000], bad: [1, 2, null], total: [10, 10, 10] });
  assert.deepEqual([...s.good].map(String), ["9", "NaN", "8", "NaN"]);
  assert.deepEqual([...s.total].map(String), ["10", "NaN", "10", "10"]);
  assert.deepEqual(coverageOf(s), { start: "1970-01-01T00:00:00.000Z", end: "1970-01-01T00:04:00.000Z", step: 60, points: 4, missing: 1, ratio: false });
  assert.equal(regularSeries({ step: 60, start: 0, good: [1], total: [1, 2] }), null, "columns of different lengths");
  assert.deepEqual([windowDaysOf("28d"), windowDaysOf("4w"), windowDaysOf("1h"), windowDaysOf({ calendar: "month" })], [28, 28, null, null]);
});

test("pages attached to the sample's team make a merged team; an SLI series a budget entry the budget tasks read", () => {
  const pages = [{ at: new Date(asOfMs - 5 * 86400e3).toISOString(), responder: "newcomer", urgency: "high" }];
  // 48 hourly ratios up to asOf, all 1 but one 0.5: an hourly SLI on the "search" service.
  const t = Float64Array.from({ length: 48 }, (_, i) => asOfMs - (48 - i) * HOUR);
  const values = Float64Array.from({ length: 48 }, (_, i) => (i === 40 ? 0.5 : 1));
  const held = { org: sample, seed: null, imports: { p: { pages }, s: { series: [{ name: "avail", series: { start: new Date(t[0]).toISOString(), step: 3600, t, values } }] } } };
  const imports = [
    { id: "p", name: "pages.csv", kind: "pages", attach: "auto" },
    { id: "s", name: "prom.json", kind: "series", attach: "search" },
  ];
  const src = orgSources(held, imports);
  assert.equal(orgSources(held, imports), src, "built once per set of imports");
  const sum = sourcesSummary(src);
  const team = sum.teams.find((x) => x.id === sample.teams[0].id);
  assert.equal(team.source, "sample+import");
  assert.deepEqual(team.imported, { pages: 1, deployments: 0 });
  assert.equal(team.pages, sample.teams[0].pages.length + 1);
  assert.equal(team.responders.length, sample.teams[0].responders.length + 1);
  assert.notEqual(sum.teams[0].weekly.pagesHigh, sourcesSummary(src).teams[0].weekly.pagesHigh, "fresh buffers each time (they are transferred)");
  // The series is search's second SLO: entry "search~1", at search's own objective, over 28 days.
  const e = sum.budget.find((x) => x.id === "search~1");
  assert.equal(e.slo.target, sample.services.find((s) => s.id === "search").slo.target);
  assert.deepEqual([e.slo.windowDays, e.coverage.points, e.coverage.missing, e.coverage.ratio], [28, 48, 0, true]);
  // Over 7 days only the 48 hours exist: 48 events, 0.5 bad. SLI = 47.5 / 48.
  const r = budgetTasks(held)["budget.view"]({ service: "search~1", objective: 0.999, windowDays: 7, imports });
  assert.equal(r.report.sli, 47.5 / 48);
  assert.equal(r.report.data.coveredSeconds, 48 * 3600);
  // A window with no data at all is said in words, not handed to the engine empty.
  const old = { ...held, imports: { s: { series: [{ name: "old", series: { start: "2020-01-01T00:00:00.000Z", step: 3600, t: t.map((x) => x - 5 * 365 * 86400e3), values } }] } } };
  const oldImports = [{ id: "s", name: "old.json", kind: "series", attach: "new" }];
  assert.throws(() => budgetTasks(old)["budget.view"]({ service: "imported~0", objective: 0.999, windowDays: 7, imports: oldImports }), (x) => x.code === "insufficient_data" && x.path === "service" && /none of it in this window/.test(x.message));
  // The sample's own services stay as they were.
  assert.equal(src.budgetOrg.services.find((s) => s.id === "checkout"), sample.services.find((s) => s.id === "checkout"));
  assert.ok(orgDocument(sample).teams.length >= 1);
});

test("an OpenSLO objective over a sample service reads the sample's whole year, at its own target and window", () => {
  const held = { org: sample, seed: null, imports: { o: { slos: [{ name: "checkout-fast", service: "checkout", target: 0.995, windowDays: 7 }] } } };
  const src = orgSources(held, [{ id: "o", name: "slo.yaml", kind: "slos", attach: "auto" }]);
  const e = src.budget.find((x) => x.id === "checkout~1");
  assert.equal(e.name, `${sample.services.find((s) => s.id === "checkout").name}, OpenSLO: checkout-fast`);
  assert.deepEqual(e.slo, { target: 0.995, windowDays: 7 });
  assert.equal(e.sli, sample.services.find((s) => s.id === "checkout").sli, "the year of buckets, lead-in included, not a 7-day copy");
});
