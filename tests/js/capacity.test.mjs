// Capacity through the package: forecasting, runway, scenarios and Erlang C. Runs in Node and in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { forecast, runway, erlangC, staffing, CapacityModel } from "opscore";

const close = (a, b, tol, what = "") => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b}`);

test("erlangC and staffing match the reference table (a = 10, target 20 s)", () => {
  // shared/reference/capacity.md: c = 13 / 14 / 15 → P(wait) 0.2853 / 0.1741 / 0.1020; SL(20 s) 79.56 / 88.84 / 94.15%.
  const rows = [[13, 0.2853, 0.7956], [14, 0.1741, 0.8884], [15, 0.102, 0.9415]];
  for (const [servers, pWait, sl] of rows) {
    const q = erlangC({ arrivalRate: 100 / 1800, meanServiceTime: 180, servers, targetWait: 20 });
    close(q.pWait, pWait, 5e-5, `c=${servers} pWait`);
    close(q.serviceLevel, sl, 5e-5, `c=${servers} SL`);
  }
  const s = staffing({ arrivalRate: 100 / 1800, meanServiceTime: 180, target: { serviceLevel: 0.8, withinSeconds: 20 } });
  assert.equal(s.servers, 14);
  assert.throws(() => erlangC({ arrivalRate: 3, meanServiceTime: 1, servers: 3 }), (e) => e.code === "infeasible" && e.path === "servers" && /no steady state/.test(e.message));
});

// Airline passengers 1949–1960 (Box & Jenkins series G).
const AIR = [
  112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
  145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166, 171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194,
  196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201, 204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229,
  242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278, 284, 277, 317, 313, 318, 374, 413, 405, 355, 306, 271, 306,
  315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336, 340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337,
  360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405, 417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432,
];

test("forecast detects the yearly season of monthly data and beats the seasonal naive", () => {
  const train = AIR.slice(0, 120);
  const test24 = AIR.slice(120);
  const f = forecast({ series: { start: "1949-01-01T00:00:00Z", step: 30.4375 * 86400, values: new Float64Array(train) }, horizon: 24 });
  assert.deepEqual(f.model.seasonalPeriods, [12]);
  assert.ok(f.model.candidates.length > 10);
  const mae = f.mean.reduce((s, v, h) => s + Math.abs(v - test24[h]), 0) / 24;
  const snaive = test24.reduce((s, v, h) => s + Math.abs(train[108 + (h % 12)] - v), 0) / 24;
  assert.ok(mae < snaive / 2, `${f.model.name}: MAE ${mae} vs seasonal naive ${snaive}`);
  const [b80, b95] = f.intervals;
  for (let h = 0; h < 24; h++) {
    assert.ok(b95.lower[h] <= b80.lower[h] && b80.upper[h] <= b95.upper[h], "the 95% band contains the 80% band");
  }
});

test("runway: fit once, ask many scenarios", () => {
  const values = Array.from({ length: 60 }, (_, t) => 10 + t);
  const model = new CapacityModel({ series: { start: "2026-01-01T00:00:00Z", step: 86400, values }, horizon: 400, seasonalPeriods: [], transform: "none" });
  // Last value 69; capacity 200 at 80% = 160: 69 + h ≥ 160 → h = 91. N+1 with a 40 unit: 128 → h = 59.
  const r = model.runway({
    capacity: 200, utilisationTarget: 0.8, largestUnit: 40,
    scenarios: [
      { name: "launch +30%", steps: [{ at: "2026-03-12T00:00:00Z", factor: 1.3 }] },
      { name: "1.5x growth", growth: 1.5 },
    ],
  });
  assert.equal(r.baseline.runway.mean.steps, 91);
  assert.equal(r.baseline.nPlusOne.mean.steps, 59);
  close(r.baseline.runway.headroom, 91, 1e-9);
  // 1.3 × (69 + h) ≥ 160 → h ≥ 54.08 → 55; 69 + 1.5h ≥ 160 → h ≥ 60.67 → 61.
  assert.equal(r.scenarios[0].runway.mean.steps, 55);
  assert.equal(r.scenarios[1].runway.mean.steps, 61);
  model.free();
});

test("one-shot runway and structured errors", () => {
  const values = Array.from({ length: 60 }, (_, t) => 10 + t);
  const r = runway({ series: { start: "2026-01-01T00:00:00Z", step: 86400, values }, horizon: 30, seasonalPeriods: [], transform: "none", capacity: 1000 });
  assert.equal(r.baseline.runway.mean, undefined, "not within the horizon");
  assert.equal(r.horizonEnd, "2026-03-31T00:00:00.000Z");
  assert.throws(() => runway({ series: { start: 0, step: 60, values }, horizon: 30, capacity: NaN }), (e) => e.code === "not_finite" && e.path === "capacity");
  assert.throws(() => forecast({ series: { start: 0, step: 60, values: [1, 2, 3] }, horizon: 0 }), (e) => e.code === "out_of_range" && e.path === "horizon");
  assert.throws(() => forecast({ series: { start: 0, step: 60, values: [null, null] }, horizon: 1 }), (e) => e.code === "insufficient_data");
});
