// scorecard and validateOrg through the package, and a corpus of broken documents: each gets a path-based error,
// never a crash. Runs in Node and in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { scorecard, validateOrg } from "opscore";

const asOf = "2026-03-15T00:00:00Z";
const base = () => ({
  version: 1,
  name: "Acme",
  services: [
    {
      id: "api",
      team: "core",
      sla: { target: 0.999, period: { unit: "month" }, outages: [{ start: "2026-03-02T10:00:00Z", end: "2026-03-02T10:10:00Z" }] },
    },
  ],
  teams: [{ id: "core", toil: { shares: [{ week: "2026-03-02T00:00:00Z", toilFraction: 0.1 }] } }],
});

test("scorecard scores a small organisation", () => {
  const card = scorecard(base(), { asOf });
  assert.equal(card.asOf, "2026-03-15T00:00:00.000Z");
  const api = card.services[0];
  // March: 31 × 86 400 s × 0.001 = 2 678.4 s allowed; 600 s down leaves 2 078.4 s.
  assert.equal(api.status, "healthy");
  assert.equal(api.statusText, "healthy");
  assert.ok(Math.abs(api.sla.remainingAllowanceSeconds - 2078.4) < 1e-6);
  assert.match(api.headline, /SLA met/);
  // Toil 10%: the toil curve gives 100 × (1 − 0.1 / 0.5) = 80.
  assert.ok(Math.abs(card.teams[0].score - 80) < 1e-9);
  assert.deepEqual(card.teams[0].services, ["api"]);
  assert.deepEqual(card.serviceStatus, { healthy: 1, atRisk: 0, critical: 0, noData: 0 });
  assert.equal(validateOrg(base(), asOf).valid, true);
});

test("a capacity resource gets a runway card", () => {
  // Daily usage 100 … 159 ending 2026-03-01; a straight line reaches 200 at day 100, 41 days later (2026-04-11),
  // 27 days after asOf: inside the 90-day warning, so at risk.
  const values = Float64Array.from({ length: 60 }, (_, t) => 100 + t);
  const doc = { ...base(), resources: [{ id: "disk", service: "api",
    runway: { series: { start: "2026-01-01T00:00:00Z", step: 86400, values }, horizon: 365, model: "AAN", transform: "none", capacity: 200 } }] };
  const r = scorecard(doc, { asOf }).resources[0];
  assert.equal(r.status, "atRisk");
  assert.equal(r.headroom, 41);
  assert.ok(Math.abs(Date.parse(r.runwayAt) - Date.parse("2026-04-11T00:00:00Z")) <= 86400000, r.runwayAt);
});

const deep = () => {
  let d = {};
  for (let i = 0; i < 5000; i++) d = { components: [d] };
  return d;
};

// [what is broken, how to break a fresh document, expected code, expected path]
const corpus = [
  ["not an object", () => ({ replace: "acme" }), "invalid_type", ""],
  ["missing version", (d) => delete d.version, "missing_field", ""],
  ["version as a string", (d) => (d.version = "1"), "invalid_type", "version"],
  ["a future version", (d) => (d.version = 2), "unsupported", "version"],
  ["unknown top-level field", (d) => (d.servics = []), "invalid_type", ""],
  ["services not a list", (d) => (d.services = { api: {} }), "invalid_type", "services"],
  ["service without id", (d) => delete d.services[0].id, "missing_field", "services[0]"],
  ["target as a string", (d) => (d.services[0].sla.target = "99.9%"), "invalid_type", "services[0].sla.target"],
  ["target NaN", (d) => (d.services[0].sla.target = NaN), "not_finite", "services[0].sla.target"],
  ["outage end as a boolean", (d) => (d.services[0].sla.outages[0].end = true), "invalid_type", "services[0].sla.outages[0].end"],
  ["outage ends before it starts", (d) => (d.services[0].sla.outages[0].end = "2026-03-01T00:00:00Z"), "end_before_start", "services[0].sla.outages[0].end"],
  ["unknown team", (d) => (d.services[0].team = "ghost"), "unknown_reference", "services[0].team"],
  ["duplicate service id", (d) => d.services.push({ id: "api" }), "duplicate", "services[1].id"],
  ["an unknown period unit", (d) => (d.services[0].sla.period.unit = "fortnight"), "unknown_variant", "services[0].sla.period.unit"],
  ["toil share as a string", (d) => (d.teams[0].toil.shares[0].toilFraction = "10%"), "invalid_type", "teams[0].toil.shares[0].toilFraction"],
  [
    "a series longer than 10,519,200 buckets",
    (d) => (d.services[0].slos = [{ name: "a", slo: { objective: 0.99, window: "28d" }, series: { start: asOf, step: 60, total: new Float64Array(10_519_201), good: new Float64Array(10_519_201) } }]),
    "too_large",
    "services[0].slos[0].series.total",
  ],
  ["numbers where outages belong", (d) => (d.services[0].sla.outages = new Array(100_000).fill(0)), "invalid_type", "services[0].sla.outages[0]"],
  ["hostile nesting", (d) => (d.services[0].sla.composite = deep()), "too_large", null],
];

for (const [what, breakIt, code, path] of corpus) {
  test(`a broken document (${what}) gives ${code}${path === null ? "" : ` at "${path}"`}`, () => {
    const d = base();
    const result = breakIt(d);
    const doc = result && typeof result === "object" && "replace" in result ? result.replace : d;
    const check = (e) => {
      assert.ok(e instanceof Error);
      assert.equal(e.name, "OpscoreError");
      assert.equal(e.code, code, e.message);
      if (path !== null) assert.equal(e.path, path);
      return true;
    };
    assert.throws(() => scorecard(doc, { asOf }), check);
    const v = validateOrg(doc, asOf);
    assert.equal(v.valid, false);
    assert.equal(v.errors[0].code, code);
    if (path !== null) assert.equal(v.errors[0].path, path);
  });
}

test("__proto__ keys neither crash nor pollute", () => {
  const d = JSON.parse(
    '{"version":1,"name":"A","__proto__":{"polluted":true},"services":[{"id":"api","__proto__":{"polluted":true}}]}',
  );
  // "__proto__" from JSON.parse is an own key; at the top level it is an unknown field.
  assert.throws(() => scorecard(d, { asOf }), (e) => e.code === "invalid_type" && /__proto__/.test(e.message));
  delete d.__proto__;
  const card = scorecard(d, { asOf });
  assert.equal(card.services[0].id, "api");
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
});

test("bad options are reported at options.*", () => {
  assert.throws(() => scorecard(base(), { asOf: "tomorrow" }), (e) => e.code === "invalid_timestamp" && e.path === "options.asOf");
  assert.throws(() => scorecard(base(), {}), (e) => e.code === "missing_field" && e.path === "options");
  assert.throws(() => scorecard(base(), { asOf, teamHealthy: "high" }), (e) => e.path === "options.teamHealthy");
});
