// The error shape, identical in Node and in the browser (this file runs in both; see tests/js/browser/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { allowedDowntime, csat } from "opscore";

const cases = [
  ["zero", () => allowedDowntime({ target: 0 }), "out_of_range", "target"],
  ["one (no budget)", () => allowedDowntime({ target: 1 }), "out_of_range", "target"],
  ["percent instead of fraction", () => allowedDowntime({ target: 99.9 }), "out_of_range", "target"],
  ["NaN", () => allowedDowntime({ target: NaN }), "not_finite", "target"],
  ["Infinity", () => allowedDowntime({ target: Infinity }), "not_finite", "target"],
  ["a string", () => allowedDowntime({ target: "0.999" }), "invalid_type", "target"],
  ["missing target", () => allowedDowntime({}), "missing_field", ""],
  ["no input at all", () => allowedDowntime(undefined), "missing_field", ""],
  ["unknown convention", () => allowedDowntime({ target: 0.9, convention: "lunar" }), "unknown_variant", "convention"],
  [
    "end before start",
    () => allowedDowntime({ target: 0.9, period: { start: "2026-02-01T00:00:00Z", end: "2026-01-01T00:00:00Z" } }),
    "end_before_start",
    "period.end",
  ],
  ["bad timestamp", () => allowedDowntime({ target: 0.9, period: { start: "soon", end: 0 } }), "invalid_timestamp", "period.start"],
  ["CSAT score off the scale", () => csat({ scores: [5, 4, 10] }), "out_of_range", "scores[2]"],
  ["CSAT with no responses", () => csat({ scores: [] }), "empty", "scores"],
  ["CSAT score of the wrong type", () => csat({ scores: [5, "4"] }), "invalid_type", "scores[1]"],
];

for (const [name, call, code, path] of cases) {
  test(`bad input (${name}) throws an OpscoreError with code ${code} at "${path}"`, () => {
    assert.throws(call, (e) => {
      assert.ok(e instanceof Error, "a real Error");
      assert.equal(e.name, "OpscoreError");
      assert.equal(e.code, code);
      assert.equal(e.path, path);
      assert.ok(e.message.length > 10, "a message a person can act on");
      assert.equal(typeof e.stack, "string");
      return true;
    });
  });
}

test("csat: Intercom's worked example gives 60%", () => {
  // 10 × 5, 20 × 4, 10 × 3, 5 × 2, 5 × 1: (10 + 20) / 50 = 0.6.
  const scores = [...Array(10).fill(5), ...Array(20).fill(4), ...Array(10).fill(3), ...Array(5).fill(2), ...Array(5).fill(1)];
  const c = csat({ scores });
  assert.equal(c.responses, 50);
  assert.equal(c.satisfied, 30);
  assert.ok(Math.abs(c.csat - 0.6) < 1e-12);
  assert.deepEqual(c.distribution, [5, 5, 10, 20, 10]);
});

test("a hostile, deeply nested input is refused with a path, not a crash", () => {
  let deep = 1;
  for (let i = 0; i < 100000; i++) deep = { a: deep };
  assert.throws(
    () => allowedDowntime({ target: 0.9, period: { start: deep, end: 0 } }),
    (e) => e.code === "too_large" && e.path.startsWith("period.start.a.a") && e.path.endsWith(".a"),
  );
  // The engine still works afterwards.
  assert.equal(allowedDowntime({ target: 0.5 }).day.allowedSeconds, 43200);
});

test("long number arrays pass the nesting check", () => {
  const scores = new Array(200000).fill(5);
  assert.equal(csat({ scores }).csat, 1);
});
