// The overview's what-ifs, imports and comparison with the baseline (www/engine/{org-whatif,org-imports,compare,
// tasks-org}.js, www/orgwhatif.js): hand-worked cases with the arithmetic in comments, and invariants against the
// engine's own scorecard. Runs in Node and in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { scorecard } from "opscore";
import { generateOrg } from "../../www/sample/index.js";
import { asOfOf, orgDocument, sliWindowOf } from "../../www/engine/org.js";
import { applyWhatIf, paintOutages } from "../../www/engine/org-whatif.js";
import { IMPORTED_SERVICE, applyImports, ratioSli, regularSli } from "../../www/engine/org-imports.js";
import { compareScorecards } from "../../www/engine/compare.js";
import { orgTasks } from "../../www/engine/tasks-org.js";
import { orgWhatIf, outageText, parseOutage, registerOrgWhatIf } from "../../www/orgwhatif.js";

const series = () => ({ start: "2026-10-01T00:00:00.000Z", step: 60, good: new Float64Array([100, 100, 90, 100]), total: new Float64Array([100, 100, 100, 100]) });

test("paintOutages fails the covered share of each bucket, on a copy", () => {
  const s = series();
  // 00:01:30 to 00:03:00: half of bucket 1 and all of bucket 2. Bucket 1: 100 × (1 − 0.5) = 50; bucket 2: 0.
  const p = paintOutages(s, [{ start: "2026-10-01T00:01:30Z", end: "2026-10-01T00:03:00Z" }]);
  assert.deepEqual([...p.good], [100, 50, 0, 100]);
  assert.deepEqual([...s.good], [100, 100, 90, 100], "the held series is never written");
  assert.equal(p.total, s.total, "totals are shared, not copied");
  // Half the requests failing over bucket 2: 90 × (1 − 0.5) = 45.
  assert.deepEqual([...paintOutages(s, [{ start: "2026-10-01T00:02:00Z", end: "2026-10-01T00:03:00Z", errorRatio: 0.5 }]).good], [100, 100, 45, 100]);
  // Outside the series: the same object back.
  assert.equal(paintOutages(s, [{ start: "2026-09-01T00:00:00Z", end: "2026-09-01T01:00:00Z" }]), s);
});

test("applyWhatIf: targets, an outage with its incident, notes for what cannot apply, and the changed ids", () => {
  const doc = {
    version: 1,
    name: "T",
    services: [
      { id: "a", sla: { target: 0.999, samples: series() }, slos: [{ name: "x", slo: { objective: 0.99, window: "28d" }, series: series() }], incidents: { incidents: [] } },
      { id: "b", tickets: { tickets: [] } },
    ],
    resources: [{ id: "r", runway: { capacity: 100 } }],
    teams: [{ id: "t" }],
  };
  const { notes, changed } = applyWhatIf(doc, {
    services: { a: { slaTarget: 0.9999, sloTarget: 0.995, outages: [{ start: "2026-10-01T00:00:00Z", end: "2026-10-01T00:01:00Z" }] }, b: { slaTarget: 0.99 }, zz: { slaTarget: 0.9 } },
    resources: { r: { capacityAdded: 20, growth: 1.5 } },
    teams: { t: { rotationMembers: 8 } },
  });
  const a = doc.services[0];
  assert.equal(a.sla.target, 0.9999);
  assert.equal(a.slos[0].slo.objective, 0.995);
  assert.deepEqual([...a.sla.samples.good], [0, 100, 90, 100]);
  assert.deepEqual([...a.slos[0].series.good], [0, 100, 90, 100]);
  assert.deepEqual(a.incidents.incidents, [{ id: "what-if-1", start: "2026-10-01T00:00:00.000Z", resolvedAt: "2026-10-01T00:01:00.000Z", severity: "what-if" }]);
  assert.equal(doc.resources[0].runway.capacity, 120);
  assert.deepEqual(doc.resources[0].runway.scenarios, [{ name: "what-if", growth: 1.5 }]);
  assert.deepEqual(doc.teams[0].whatIf, [{ name: "what-if", rotationMembers: 8 }]);
  assert.deepEqual([...changed.services].sort(), ["a", "b"]);
  assert.deepEqual(notes, ["b has no SLA, so its SLA-target what-if does nothing.", 'The what-if for service "zz" was left out: the organisation has no such service.']);
});

test("orgWhatIf maps registered overrides, skipping values at their baseline; the outage override round-trips", () => {
  registerOrgWhatIf(
    (k) => k === "test.capacity.plus",
    (v, k, add) => add.resource("db", { capacityAdded: v }),
  );
  const w = orgWhatIf({ "test.capacity.plus": 5, "unrelated.key": 1 });
  assert.deepEqual(w, { services: {}, resources: { db: { capacityAdded: 5 } }, teams: {} });
  const text = outageText({ service: "checkout", start: "2026-10-25T14:00Z", minutes: 30, errorPercent: 100 });
  assert.equal(text, "checkout 2026-10-25T14:00Z 30 100");
  // 30 minutes after 14:00 is 14:30.
  assert.deepEqual(parseOutage(text), { service: "checkout", start: "2026-10-25T14:00:00.000Z", end: "2026-10-25T14:30:00.000Z", minutes: 30, errorPercent: 100 });
  for (const bad of ["", "checkout", "checkout soon 30 100", "checkout 2026-10-25T14:00Z 0 100", "checkout 2026-10-25T14:00Z 30 101"]) assert.equal(parseOutage(bad), null, bad);
});

test("compareScorecards: before, after and the change in numbers and words", () => {
  const svc = (status, availability, target) => ({ id: "s", name: "S", status, headline: "h", sla: { target, availability, downtimeSeconds: (1 - availability) * 2678400, remainingAllowanceSeconds: 0, met: status === "healthy", credit: null }, slos: [], drivers: [] });
  const res = (runwayAt) => ({ id: "r", name: "R", status: "healthy", runwayAt, earliestAt: null, threshold: 10, headroom: 5, headline: "h", horizonEnd: "2027-11-01T00:00:00Z" });
  const c = compareScorecards({ services: [svc("healthy", 0.9999, 0.999)], resources: [res("2027-01-01T00:00:00Z")], teams: [] }, { services: [svc("critical", 0.9989, 0.9995)], resources: [res("2027-01-15T00:00:00Z")], teams: [] });
  const m = Object.fromEntries(c.items[0].measures.map((x) => [x.measure, x]));
  assert.equal(m.Status.deltaText, "healthy → critical (worse)");
  // 99.95% − 99.9% = +0.05 points; a target is a setting, so "raised" rather than better or worse.
  assert.equal(m["SLA target"].deltaText, "+0.05 points (raised)");
  // 99.89% − 99.99% = −0.1 points of availability: worse.
  assert.equal(m["SLA availability"].deltaText, "−0.1 points (worse)");
  // 0.1% of a 31-day month more downtime: 2,678,400 s × 0.001 = 2,678.4 s = 44m 38s.
  assert.equal(m["SLA downtime"].deltaText, "+44m 38s (worse)");
  assert.equal(m["SLA credit owed"].change, "same");
  const r = Object.fromEntries(c.items[1].measures.map((x) => [x.measure, x]));
  // A runway two weeks later is better; an earliest crossing absent in both is no change.
  assert.equal(r["Runway to"].deltaText, "14 days later (better)");
  assert.equal(r["Earliest plausible crossing"].deltaText, "no change");
  assert.equal(c.changedItems, 2);
});

test("regularSli puts imported rows on their step grid, gaps missing", () => {
  // Rows at 0, 60 and 180 s (the 120 s bucket is missing); the second gives bad rather than good.
  const s = regularSli({ step: 60, t: new Float64Array([0, 60000, 180000]), total: new Float64Array([10, 10, 10]), bad: new Float64Array([1, 2, 3]) });
  assert.deepEqual(s.start, "1970-01-01T00:00:00.000Z");
  assert.deepEqual([...s.total].map(String), ["10", "10", "NaN", "10"]);
  assert.deepEqual([...s.good].map(String), ["9", "8", "NaN", "7"]);
  assert.equal(regularSli({ step: 60, t: new Float64Array([0]), values: new Float64Array([1]) }), null, "values are not an SLI");
});

const sample = generateOrg();
const asOf = asOfOf(sample);
const ctx = {
  asOf,
  lastMonth: new Date(Date.parse(asOf) - 1).toISOString(),
  period: { start: sample.meta.start, end: sample.meta.end },
  sliWindow: (id, days) => sliWindowOf(sample, id, days),
};

test("imports: outages join a service by id or name and fail its buckets; the rest go to an Imported service", () => {
  const doc = orgDocument(sample);
  const used = applyImports(
    doc,
    [
      {
        id: "x",
        name: "o.csv",
        kind: "outages",
        attach: "auto",
        data: {
          outages: [
            { service: "Checkout API", start: "2026-10-20T10:00:00.000Z", end: "2026-10-20T11:00:00.000Z" },
            { service: "billing", start: "2026-10-02T00:00:00.000Z", end: "2026-10-02T00:30:00.000Z" },
          ],
        },
      },
      { id: "y", name: "t.csv", kind: "tickets", attach: "auto", data: { tickets: [{ id: "SUP-10001", priority: "P2", createdAt: "2026-10-01T09:00:00.000Z", firstResponseAt: "2026-10-01T09:30:00.000Z" }] } },
      { id: "z", name: "p.csv", kind: "pages", attach: "none", data: { pages: [] } },
    ],
    ctx,
  );
  assert.deepEqual(used.map((u) => [u.rows, u.attached]), [[2, ["Checkout API", "Imported data"]], [1, ["Customer support desk"]], [0, []]]);
  const checkout = doc.services.find((s) => s.id === "checkout");
  // The hour from 10:00 on 20 October is minutes 19·1440 + 600 … +659 of October: all good requests fail there.
  const k = 19 * 1440 + 600;
  assert.ok(checkout.sla.samples.good.subarray(k, k + 60).every((g) => g === 0));
  assert.ok(checkout.sla.samples.good[k - 1] > 0 && checkout.sla.samples.good[k + 60] > 0);
  const imported = doc.services.find((s) => s.id === IMPORTED_SERVICE);
  assert.deepEqual(imported.sla.outages, [{ start: "2026-10-02T00:00:00.000Z", end: "2026-10-02T00:30:00.000Z", impact: 1 }]);
  // A clashing ticket id is kept apart rather than merged into the sample's.
  const support = doc.services.find((s) => s.tickets);
  assert.equal(support.tickets.tickets.length, sample.support.tickets.length + 1);
  assert.equal(support.tickets.tickets.at(-1).id, "SUP-10001 (t.csv 2)");
  // The engine accepts the result; the imported service's month: 30 min down of 44,640 → 1 − 30/44,640.
  const card = scorecard(doc, { asOf });
  const sla = card.services.find((s) => s.id === IMPORTED_SERVICE).sla;
  assert.ok(Math.abs(sla.availability - (1 - 30 / 44640)) < 1e-12, String(sla.availability));
  assert.equal(used[2].notes.length, 1);
});

test("org.scorecard: only the changed parts are scored again, with the same result as scoring everything", () => {
  const held = { org: sample, seed: "opscore-sample-1", imports: {} };
  const tasks = orgTasks(held);
  const whatIf = { services: { checkout: { slaTarget: 0.9999, outages: [{ start: "2026-10-25T14:00:00Z", end: "2026-10-25T14:30:00Z" }] }, search: { sloTarget: 0.9995 } } };
  const base = tasks["org.scorecard"]({ whatIf: {}, imports: [] });
  assert.equal(base.compare.changedMeasures, 0);
  const fast = tasks["org.scorecard"]({ whatIf, imports: [] });
  const doc = orgDocument(sample);
  applyWhatIf(doc, whatIf);
  const full = scorecard(doc, { asOf });
  assert.deepEqual(fast.services, full.services);
  assert.deepEqual(fast.serviceStatus, full.serviceStatus);
  assert.deepEqual(fast.teams, base.teams);
  assert.deepEqual(
    fast.compare.items.filter((i) => i.changed).map((i) => i.id),
    ["checkout", "search"],
  );
});

test("org.scorecard: a bad what-if target is the engine's error, with the path of the service in the whole organisation", () => {
  const tasks = orgTasks({ org: sample, seed: "opscore-sample-1", imports: {} });
  // search is services[3] of the organisation (it would be services[0] of the small document scored again).
  assert.throws(
    () => tasks["org.scorecard"]({ whatIf: { services: { search: { slaTarget: 1.5 } } }, imports: [] }),
    (e) => e.path === "services[3].sla.target" && typeof e.code === "string",
  );
});

test("org.scorecard: capacity and team what-ifs are the engines' own scenarios (runway growth, teamHealth whatIf)", () => {
  const tasks = orgTasks({ org: sample, seed: "opscore-sample-1", imports: {} });
  const base = tasks["org.scorecard"]({ whatIf: {}, imports: [] });
  const r = sample.capacity[0].id;
  const t = sample.teams[0].id;
  const people = sample.teams[0].responders.length;
  const added = tasks["org.scorecard"]({ whatIf: { resources: { [r]: { capacityAdded: 100 } } }, imports: [] });
  // Capacity is the threshold here (no reserve, utilisation target 1): 100 more units is 100 more headroom.
  const b = base.resources[0];
  const a = added.resources[0];
  assert.ok(Math.abs(a.threshold - b.threshold - 100) < 1e-9 && Math.abs(a.headroom - b.headroom - 100) < 1e-9);
  assert.ok(!a.runwayAt || !b.runwayAt || a.runwayAt >= b.runwayAt, "more capacity never brings the runway closer");
  // Twice the growth never reaches the threshold later.
  const faster = tasks["org.scorecard"]({ whatIf: { resources: { [r]: { growth: 2 } } }, imports: [] }).resources[0];
  assert.ok(!b.runwayAt || (faster.runwayAt && faster.runwayAt <= b.runwayAt), `${faster.runwayAt} vs ${b.runwayAt}`);
  // One more person on call: the card is teamHealth's own what-if score, with the scorecard's thresholds.
  const more = tasks["org.scorecard"]({ whatIf: { teams: { [t]: { rotationMembers: people + 1 } } }, imports: [] });
  const team = more.teams[0];
  assert.equal(team.whatIf, true);
  assert.equal(team.status, team.score >= 70 ? "healthy" : team.score < 50 ? "critical" : "atRisk");
  const m = more.compare.items.find((i) => i.kind === "team").measures.find((x) => x.measure === "Team-health score");
  assert.equal(m.before, base.teams[0].score);
  assert.equal(m.after, team.score);
});

test("imports: pages, deployments, SLI series and OpenSLO objectives join the organisation, and the engine scores it", () => {
  const doc = orgDocument(sample);
  const t0 = Date.UTC(2026, 9, 1);
  const minutes = 60;
  const series = {
    start: new Date(t0).toISOString(),
    step: 60,
    t: Float64Array.from({ length: minutes }, (_, i) => t0 + i * 60000),
    good: new Float64Array(minutes).fill(99),
    total: new Float64Array(minutes).fill(100),
  };
  const used = applyImports(
    doc,
    [
      { id: "p", name: "pages.csv", kind: "pages", attach: "auto", data: { pages: [{ at: "2026-10-03T03:00:00.000Z", responder: "newcomer", urgency: "high" }, { at: "2027-01-01T00:00:00.000Z", responder: "x" }] } },
      { id: "d", name: "deploys.csv", kind: "deployments", attach: "auto", data: { deployments: [{ id: "D1", at: "2026-10-05T12:00:00.000Z", failed: true, recoveredAt: "2026-10-05T12:30:00.000Z" }] } },
      { id: "s", name: "sli.csv", kind: "series", attach: "checkout", data: { series } },
      { id: "v", name: "disk.json", kind: "series", attach: "auto", data: { series: [{ name: "disk", series: { start: series.start, step: 60, t: series.t, values: series.good } }] } },
      { id: "o", name: "slo.yaml", kind: "slos", attach: "auto", data: { slos: [{ name: "co-30d", service: "checkout", target: 0.9995, windowDays: 30 }, { name: "nope", service: "unknown", target: 0.99, windowDays: 28 }] } },
    ],
    ctx,
  );
  // The page outside the sample's year is left out; the newcomer joins the roster (UTC, having no zone on file).
  assert.deepEqual([used[0].rows, used[0].skipped], [1, 1]);
  const team = doc.teams[0];
  assert.deepEqual(team.onCall.responders.at(-1), { id: "newcomer", timeZone: "UTC" });
  assert.equal(team.dora.deployments.at(-1).id, "D1");
  const checkout = doc.services.find((s) => s.id === "checkout");
  assert.deepEqual(checkout.slos.map((s) => s.name), ["Availability", "Imported: sli.csv", "OpenSLO: co-30d"]);
  assert.equal(checkout.slos[2].slo.window, "30d");
  // 30 days of the sample's minutes before asOf feed the 30-day OpenSLO objective.
  assert.equal(checkout.slos[2].series.total.length, 30 * 1440);
  assert.match(used[3].notes[0], /series of values is not scored on its own/);
  assert.match(used[4].notes[0], /SLO "nope": not scored, no service "unknown"/);
  const card = scorecard(doc, { asOf });
  const slos = card.services.find((s) => s.id === "checkout").slos;
  assert.equal(slos.length, 3);
  assert.equal(slos[2].objective, 0.9995);
  assert.ok(card.teams[0].score >= 0 && card.teams[0].score <= 100);
});

test("imports: an organisation document adds its services and teams; a clashing id is left out with a note", () => {
  const doc = orgDocument(sample);
  const extra = {
    version: 1,
    name: "Partner",
    teams: [{ id: "partner-team", name: "Partner team", toil: { entries: [{ person: "a", week: "2026-09-28T00:00:00Z", category: "tickets", hours: 4, toil: true }] } }],
    services: [
      { id: "checkout", name: "Clash" },
      { id: "partner-api", name: "Partner API", team: "partner-team", sla: { target: 0.99, period: { unit: "month", containing: "2026-10-15T00:00:00Z" }, outages: [{ start: "2026-10-10T00:00:00Z", end: "2026-10-10T07:00:00Z" }] } },
    ],
  };
  const [used] = applyImports(doc, [{ id: "org", name: "partner.json", kind: "organisation", attach: "auto", data: extra }], ctx);
  assert.deepEqual([used.rows, used.skipped], [2, 1]);
  assert.match(used.notes[0], /service "checkout" was left out/);
  const card = scorecard(doc, { asOf });
  // October 2026 (31 days) at 99%: 2,678,400 s × 0.01 = 26,784 s allowed; 7 h = 25,200 s down: met, 1,584 s left.
  const partner = card.services.find((s) => s.id === "partner-api");
  assert.equal(partner.sla.downtimeSeconds, 25200);
  assert.equal(partner.sla.met, true);
  assert.ok(Math.abs(partner.sla.remainingAllowanceSeconds - 1584) < 1e-6);
  assert.deepEqual(card.teams.find((t) => t.id === "partner-team").services, ["partner-api"]);
});

test("org.scorecard: an import the engine rejects is set aside with the engine's message; the rest is scored", () => {
  const bad = { version: 1, name: "Bad", services: [{ id: "broken", sla: { target: 2, period: { unit: "month" }, outages: [] } }] };
  const good = { outages: [{ service: "checkout", start: "2026-10-20T10:00:00.000Z", end: "2026-10-20T10:10:00.000Z" }] };
  const tasks = orgTasks({ org: sample, seed: "opscore-sample-1", imports: { bad, good } });
  const card = tasks["org.scorecard"]({
    whatIf: {},
    imports: [
      { id: "bad", name: "bad.json", kind: "organisation" },
      { id: "good", name: "good.csv", kind: "outages" },
    ],
  });
  assert.equal(card.services.some((s) => s.id === "broken"), false);
  const notes = card.imports.find((u) => u.id === "bad").notes;
  assert.match(notes[0], /^bad\.json: not scored, the engine rejected it: .*\(at services\[6\]\.sla\.target\)$/);
  assert.equal(card.imports.find((u) => u.id === "good").rows, 1);
  const checkout = card.services.find((s) => s.id === "checkout");
  assert.equal(checkout.incidents.incidents, sample.outages.filter((o) => o.service === "checkout" && !o.maintenance).length + 1);
});

test("a saved scenario keeps where each import is scored; a malformed choice falls back to automatic", async () => {
  const { validateScenario } = await import("../../www/state.js");
  const imports = [
    { id: "a1", name: "x.csv", kind: "outages", attach: "checkout" },
    { id: "a2", name: "y.csv", kind: "pages", attach: "<img src=x>" },
    { id: "a3", name: "z.csv", kind: "pages" },
  ];
  const { scenario } = validateScenario({ version: 1, sample: null, overrides: {}, imports });
  assert.deepEqual(scenario.imports.map((r) => r.attach), ["checkout", "auto", "auto"]);
});

test("a ratio series (Prometheus availability, 0 to 1) attached to a service is an SLI of one event per step", () => {
  // Steps at 0, 60 s and 120 s with availability 1, 0.5 and missing (NaN): good 1, 0.5, missing; total 1, 1, missing.
  const cols = { step: 60, t: new Float64Array([0, 60000, 120000]), values: new Float64Array([1, 0.5, Number.NaN]) };
  const s = ratioSli(cols);
  assert.deepEqual([...s.good].map(String), ["1", "0.5", "NaN"]);
  assert.deepEqual([...s.total].map(String), ["1", "1", "NaN"]);
  assert.equal(ratioSli({ ...cols, values: new Float64Array([1, 2, 3]) }), null, "usage is not a ratio");
  const doc = orgDocument(sample);
  const data = { series: [{ name: "up", series: { start: "2026-10-30T00:00:00.000Z", ...cols, t: cols.t.map((x) => x + Date.UTC(2026, 9, 30)) } }] };
  const [auto] = applyImports(doc, [{ id: "a", name: "prom.json", kind: "series", attach: "auto", data }], ctx);
  assert.equal(auto.rows, 0);
  const [chosen] = applyImports(doc, [{ id: "b", name: "prom.json", kind: "series", attach: "search", data }], ctx);
  assert.deepEqual([chosen.rows, chosen.attached], [3, ["Product search"]]);
  assert.equal(doc.services.find((x) => x.id === "search").slos.at(-1).name, "Imported: up");
  // Scored with the service's objective (99.8%) over its 28-day window: 1.5 good of 2 events → SLI 75%.
  const slo = scorecard(doc, { asOf }).services.find((x) => x.id === "search").slos.at(-1);
  assert.equal(slo.objective, 0.998);
  assert.equal(slo.sli, 0.75);
});
