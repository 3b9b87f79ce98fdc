// The npm package exactly as a user imports it in Node (ESM): results and the error shape.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import init, { allowedDowntime, version } from "opscore";

test("Node import needs no explicit init, and calling init anyway is harmless", async () => {
  await init();
  assert.equal(version(), JSON.parse(readFileSync(new URL("../../pkg/package.json", import.meta.url))).version);
});

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

const cases = [
  ["zero", { target: 0 }, "out_of_range", "target"],
  ["one (no budget)", { target: 1 }, "out_of_range", "target"],
  ["percent instead of fraction", { target: 99.9 }, "out_of_range", "target"],
  ["NaN", { target: NaN }, "not_finite", "target"],
  ["Infinity", { target: Infinity }, "not_finite", "target"],
  ["a string", { target: "0.999" }, "invalid_type", "target"],
  ["missing target", {}, "missing_field", ""],
  ["unknown convention", { target: 0.9, convention: "lunar" }, "unknown_variant", "convention"],
  ["end before start", { target: 0.9, period: { start: "2026-02-01T00:00:00Z", end: "2026-01-01T00:00:00Z" } }, "end_before_start", "period.end"],
  ["bad timestamp", { target: 0.9, period: { start: "soon", end: 0 } }, "invalid_timestamp", "period.start"],
];

for (const [name, input, code, path] of cases) {
  test(`bad input (${name}) throws an OpscoreError with code ${code}`, () => {
    assert.throws(
      () => allowedDowntime(input),
      (e) => {
        assert.ok(e instanceof Error, "a real Error");
        assert.equal(e.name, "OpscoreError");
        assert.equal(e.code, code);
        assert.equal(e.path, path);
        assert.ok(e.message.length > 10, "a message a person can act on");
        assert.ok(typeof e.stack === "string");
        return true;
      },
    );
  });
}
