// Error budgets through the package, exactly as a user imports it. Expected values are worked in the comments.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  alertTiers,
  backtestAlerts,
  compositeBudget,
  errorBudget,
  fromOpenSlo,
  prometheusRules,
  SloHistory,
} from "opscore";

const close = (a, b, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

/** 30 days of 1-minute buckets of 100 requests; `minutes` full-outage minutes from minute `from`. */
function month(from = 0, minutes = 0) {
  const total = new Float64Array(43200).fill(100);
  const bad = new Float64Array(43200);
  bad.fill(100, from, from + minutes);
  return { start: "2026-01-01T00:00:00Z", step: 60, bad, total };
}

test("errorBudget reproduces the Workbook's 5-minute outage (11.6% of a 30-day budget)", () => {
  const r = errorBudget({ slo: { objective: 0.999, window: "30d" }, series: month(1000, 5) });
  // 500 bad of a 0.001 × 4 320 000 = 4 320 budget.
  close(r.consumed.fraction, 5 / 43.2);
  close(r.remaining.fraction + r.consumed.fraction, 1, 1e-15);
  close(r.budget.seconds, 2592, 1e-6); // 43.2 minutes
  close(r.remaining.events, 3820, 1e-6);
  assert.deepEqual(
    r.burnRates.map((b) => b.window),
    ["5m", "30m", "1h", "2h", "6h", "1d", "3d"],
  );
  assert.equal(r.burnDown.t.length, r.burnDown.remaining.length);
  assert.ok(r.burnDown.t.length <= 500);
  assert.equal(r.burnDown.ideal[0], 1);
  assert.equal(r.window.kind, "rolling");
  assert.equal(r.projectedRemaining, undefined);
});

test("plain number[] series with nulls are missing buckets, never NaN", () => {
  const r = errorBudget({
    slo: { objective: 0.99, window: "3h" },
    series: { start: "2026-01-01T00:00:00Z", step: 3600, good: [null, 0, 99], total: [null, 0, 100] },
  });
  assert.equal(r.data.missing, 1);
  assert.equal(r.data.zeroTraffic, 1);
  close(r.sli, 0.99);
  for (const b of r.burnRates) assert.ok(Number.isFinite(b.burnRate));
});

test("what-if: one more 20-minute outage", () => {
  const r = errorBudget({
    slo: { objective: 0.999, window: "30d" },
    series: month(),
    options: { whatIf: { incidents: [{ duration: "20m" }] } },
  });
  // 20 minutes of 100% errors = 2 000 bad of 4 320 → 53.7% left.
  close(r.scenario.remaining.fraction, 1 - 20 / 43.2);
  assert.equal(r.remaining.fraction, 1);
});

test("alert tiers for 30 days are 14.4, 6, 3 and 1", () => {
  const t = alertTiers({ slo: { objective: 0.999, window: "30d" } });
  assert.deepEqual(
    t.tiers.map((x) => [x.burnRate, x.longWindow, x.shortWindow]),
    [
      [14.4, "1h", "5m"],
      [6, "6h", "30m"],
      [3, "1d", "2h"],
      [1, "3d", "6h"],
    ].map(([, l, s], i) => [t.tiers[i].burnRate, l, s]),
  );
  t.tiers.forEach((x, i) => close(x.burnRate, [14.4, 6, 3, 1][i]));
});

test("backtestAlerts times detection of a marked incident", () => {
  const b = backtestAlerts({
    slo: { objective: 0.999, window: "30d" },
    series: month(14400, 10),
    options: { incidents: [{ name: "db", start: "2026-01-11T00:00:00Z", end: "2026-01-11T00:10:00Z" }] },
  });
  // Page tier 14.4: 1 bad minute of 60 > 1.44% → fires after 60 s; resets once its 5-minute window is clean.
  assert.deepEqual(b.tiers[0].fires, [{ start: "2026-01-11T00:01:00.000Z", end: "2026-01-11T00:15:00.000Z" }]);
  assert.equal(b.tiers[0].detections[0].detectionSeconds, 60);
  assert.deepEqual(
    b.tiers.map((t) => t.detections[0].detectionSeconds),
    [60, 180, 300, 300],
  );
  close(b.tiers[1].silent.share, 0.3);
});

test("SloHistory answers several objectives and tiers from one ingest", () => {
  const h = new SloHistory(month(1000, 5));
  try {
    assert.equal(h.buckets, 43200);
    close(h.errorBudget({ objective: 0.999, window: "30d" }).consumed.fraction, 5 / 43.2);
    close(h.errorBudget({ objective: 0.99, window: "30d" }).consumed.fraction, 500 / 43200);
    const bt = h.backtestAlerts(
      { objective: 0.999, window: "30d" },
      { tiers: [{ longWindow: "1h", burnRate: 14.4 }] },
    );
    assert.equal(bt.tiers.length, 1);
    assert.equal(bt.tiers[0].fireCount, 1);
  } finally {
    h.free();
  }
});

test("prometheusRules uses the backtested thresholds", () => {
  const r = prometheusRules({
    slo: { objective: 0.999, window: "30d" },
    service: "checkout",
    name: "availability",
    errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
    totalQuery: "sum(rate(http_requests_total[{{.window}}]))",
  });
  assert.match(r.yaml, /record: slo:sli_error:ratio_rate5m\n/);
  assert.match(r.yaml, /> \(14\.4 \* \(1 - 0\.999\)\)/);
  assert.match(r.yaml, /\[30d\]/);
  assert.equal(r.tiers.length, 4);
});

test("fromOpenSlo reads 1M as a calendar month and rejects threshold objectives", () => {
  const doc = {
    apiVersion: "openslo/v1",
    kind: "SLO",
    metadata: { name: "web" },
    spec: {
      timeWindow: [{ duration: "1M", calendar: { startTime: "2026-01-01 00:00:00", timeZone: "Europe/Berlin" } }],
      budgetingMethod: "Timeslices",
      objectives: [{ target: 0.95, timeSliceTarget: 0.9, timeSliceWindow: 1 }],
    },
  };
  const imp = fromOpenSlo(doc);
  assert.equal(imp.objectives[0].slo.window.timeZone, "Europe/Berlin");
  assert.equal(imp.objectives[0].slo.timeSliceWindow, 60);
  assert.match(imp.windowNote, /calendar month/);
  // The imported SLO feeds errorBudget directly.
  const r = errorBudget({ slo: imp.objectives[0].slo, series: { ...month(), start: "2026-01-01T00:00:00+01:00" } });
  assert.equal(r.window.kind, "calendar");
  assert.equal(r.window.timeZone, "Europe/Berlin");
  doc.spec.objectives[0].op = "lte";
  assert.throws(() => fromOpenSlo(doc), { name: "OpscoreError", code: "unsupported", path: "spec.objectives[0].op" });
});

test("compositeBudget weighs consumption", () => {
  const c = compositeBudget({
    components: [
      { weight: 3, slo: { objective: 0.99, window: "1h" }, series: { start: 0, step: 3600, bad: [1], total: [100] } },
      { weight: 1, slo: { objective: 0.9, window: "1h" }, series: { start: 0, step: 3600, bad: [0], total: [100] } },
    ],
  });
  close(c.consumed, 0.75);
});

test("errors carry code and path", () => {
  const slo = { objective: 0.9, window: "1d" };
  const cases = [
    [{ slo: { objective: 1, window: "30d" }, series: month() }, "out_of_range", "slo.objective"],
    [{ slo: { objective: NaN, window: "30d" }, series: month() }, "not_finite", "slo.objective"],
    [{ slo, series: { start: 0, step: 60, good: [], total: [] } }, "empty", "series.total"],
    [{ slo, series: { start: 0, step: 60, good: [5], total: [4] } }, "out_of_range", "series.good[0]"],
    [{ slo, series: { step: 60, t: [120000, 60000], good: [1, 1], total: [1, 1] } }, "unsorted", "series.t[1]"],
    [{ slo, series: { step: 60, t: [60000, 60000], good: [1, 1], total: [1, 1] } }, "duplicate", "series.t[1]"],
  ];
  for (const [input, code, path] of cases) {
    assert.throws(() => errorBudget(input), { name: "OpscoreError", code, path });
  }
});
