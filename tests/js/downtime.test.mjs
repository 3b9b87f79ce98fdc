// allowedDowntime through the package; runs in Node and in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { allowedDowntime } from "opscore";

test("allowedDowntime matches the uptime.is table at 99.9%", () => {
  const t = allowedDowntime({ target: 0.999 });
  // Gregorian: day 86.4 s; week 604.8 s; month 2 629.746 s (43m 50s); quarter 7 889.238 s; year 31 556.952 s.
  const close = (a, b) => assert.ok(Math.abs(a - b) < 1e-6, `${a} vs ${b}`);
  close(t.day.allowedSeconds, 86.4);
  close(t.week.allowedSeconds, 604.8);
  close(t.month.allowedSeconds, 2629.746);
  close(t.quarter.allowedSeconds, 7889.238);
  close(t.year.allowedSeconds, 31556.952);
  assert.equal(t.convention, "gregorian");
  assert.equal(t.period, undefined);
});

test("an explicit period in either timestamp form gives its exact allowance", () => {
  // 2026-02-01 → 2026-03-01 (1 772 323 200 000 ms) = 28 days = 2 419 200 s; × 0.01 = 24 192 s.
  const t = allowedDowntime({ target: 0.99, period: { start: "2026-02-01T00:00:00Z", end: 1772323200000 } });
  assert.equal(t.period.periodSeconds, 2419200);
  assert.ok(Math.abs(t.period.allowedSeconds - 24192) < 1e-6);
  assert.equal(t.period.start, "2026-02-01T00:00:00.000Z");
});
