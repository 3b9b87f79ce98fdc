// Team health through the package; runs in Node and in Chromium. Expected values come from
// shared/reference/team_health.md or are worked by hand in the comments.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dora, onCallLoad, surveyHealth, teamHealth, toil } from "opscore";

const close = (a, b, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} vs ${b}`);

test("dora: change fail rate counts failed deployments, not incidents (DevLake PR #8890)", () => {
  // 23 deployments, 6 incidents over 4 of them → 4 / 23 = 17.4%, not 6 / 23 = 26.1%.
  const caused = { 2: ["a", "b"], 7: ["c"], 11: ["d", "e"], 19: ["f"] };
  const deployments = Array.from({ length: 23 }, (_, i) => ({
    at: Date.UTC(2026, 2, 2, 9) + i * 3_600_000,
    ...(caused[i] ? { causedIncidentIds: caused[i] } : {}),
  }));
  const r = dora({ deployments });
  assert.equal(r.changeFailRate.failedDeployments, 4);
  assert.equal(r.changeFailRate.incidentsCaused, 6);
  close(r.changeFailRate.rate, 4 / 23);
  assert.equal(r.benchmark, "dora-2023");
  assert.equal(r.changeFailRate.classification.tier, "low"); // > 15% under dora-2023
  assert.equal(dora({ deployments, benchmark: "dora-2021" }).changeFailRate.classification.tier, "high");
});

test("dora: the median convention is an option (fourkeys 2.5, DevLake 2)", () => {
  const deployments = [1, 2, 3, 4].map((h) => ({ at: "2026-03-02T12:00:00Z", leadTimeSeconds: h * 3600 }));
  assert.equal(dora({ deployments }).leadTime.medianSeconds, 2.5 * 3600);
  assert.equal(dora({ deployments, median: "lower" }).leadTime.medianSeconds, 2 * 3600);
});

test("dora: FDRT of a deploy at 10:00 whose incident is resolved at 11:00 is one hour", () => {
  const r = dora({
    deployments: [{ at: "2026-03-02T10:00:00Z", causedIncidentIds: ["inc"] }],
    incidents: [{ id: "inc", start: "2026-03-02T10:20:00Z", resolvedAt: "2026-03-02T11:00:00Z" }],
  });
  assert.equal(r.recoveryTime.medianSeconds, 3600);
});

const period = { start: "2026-03-01T00:00:00Z", end: "2026-04-01T00:00:00Z" };

test("onCallLoad: windows in each responder's local time, DST included", () => {
  const r = onCallLoad({
    period,
    responders: [{ id: "lon", timeZone: "Europe/London" }, { id: "nyc", timeZone: "America/New_York" }],
    pages: [
      { at: "2026-03-30T07:30:00Z", responder: "lon" }, // 08:30 BST Monday → business
      { at: "2026-03-02T12:30:00Z", responder: "nyc" }, // 07:30 EST → sleep
      { at: "2026-03-09T12:30:00Z", responder: "nyc" }, // 08:30 EDT → business
      { at: "2026-03-07T23:00:00Z", responder: "nyc" }, // Saturday 18:00 EST → off-hours
    ],
  });
  const [lon, nyc] = r.responders;
  assert.deepEqual([lon.business, lon.offHours, lon.sleep], [1, 0, 0]);
  assert.deepEqual([nyc.business, nyc.offHours, nyc.sleep], [1, 1, 1]);
  // Loads 1 and 3: Gini = Σ|xi − xj| / (2 n² x̄) = 4 / (2 × 4 × 2) = 0.25; busiest share 3 / 4.
  close(r.fairness.gini, 0.25);
  assert.equal(r.fairness.busiestShare, 0.75);
});

test("onCallLoad: columns (Float64Array) count exactly like objects", () => {
  const responders = [{ id: "a", timeZone: "Asia/Kolkata" }, { id: "b", timeZone: "UTC" }];
  const at = [Date.UTC(2026, 2, 3, 2, 30), Date.UTC(2026, 2, 3, 23), Date.UTC(2026, 2, 4, 12)];
  const who = [0, 0, 1];
  const acks = [at[0] + 60_000, NaN, at[2] + 120_000];
  const rows = onCallLoad({
    period,
    responders,
    pages: at.map((t, i) => ({
      at: t,
      responder: responders[who[i]].id,
      ...(Number.isNaN(acks[i]) ? {} : { acknowledgedAt: acks[i] }),
    })),
  });
  const cols = onCallLoad({
    period,
    responders,
    pageColumns: { at: Float64Array.from(at), responder: Float64Array.from(who), acknowledgedAt: Float64Array.from(acks) },
  });
  assert.deepEqual(cols, rows);
  // Kolkata is UTC+5:30: 02:30Z is 08:00 local → business ([start, end)); 23:00Z is 04:30 → sleep.
  assert.deepEqual([rows.responders[0].business, rows.responders[0].sleep], [1, 1]);
  assert.equal(rows.responders[1].mttaSeconds, 120);
});

test("toil: share against the 50% cap, trend and automation", () => {
  const r = toil({
    hoursPerWeek: 40,
    entries: [
      { person: "a", week: "2026-03-02T00:00:00Z", category: "deploys", hours: 12 },
      { person: "a", week: "2026-03-09T00:00:00Z", category: "deploys", hours: 24 },
    ],
    automate: [{ category: "deploys", fraction: 0.5 }],
  });
  // Weeks 12 / 40 = 0.3 and 24 / 40 = 0.6 → mean 0.45, slope +0.3 per week; half automated → 0.225.
  close(r.share, 0.45);
  close(r.trendPerWeek, 0.3);
  close(r.automation[0].shareAfter, 0.225);
  assert.equal(r.personWeeksOverCap, 1);
});

test("surveyHealth: eNPS reference examples and CSAT from the SLA engine", () => {
  const answers = (counts, at) =>
    counts.flatMap(([score, n]) => Array.from({ length: n }, () => ({ team: "core", at, score })));
  const r = surveyHealth({
    enps: [
      ...answers([[9, 5], [7, 11], [3, 4]], "2026-01-01T00:00:00Z"), // 25 / 55 / 20 → +5
      ...answers([[10, 12], [8, 5], [0, 3]], "2026-04-01T00:00:00Z"), // 60 / 25 / 15 → +45
    ],
    csat: answers([[5, 10], [4, 20], [3, 10], [2, 5], [1, 5]], "2026-04-01T00:00:00Z"), // Intercom: 60%
  });
  close(r.enps[0].enps, 5);
  close(r.enps[1].enps, 45);
  close(r.enps[1].change, 40);
  close(r.csat[0].csat, 0.6);
});

test("teamHealth: 6 → 8 people moves time on call from 33% to 25%", () => {
  const r = teamHealth({
    onCall: {
      period: { start: "2026-03-02T00:00:00Z", end: "2026-03-09T00:00:00Z" },
      responders: [{ id: "a", timeZone: "UTC" }],
      rotation: { members: 6 },
    },
    whatIf: [{ name: "hire two", rotationMembers: 8 }],
  });
  close(r.whatIf[0].before.onCallShare, 1 / 3);
  assert.equal(r.whatIf[0].after.onCallShare, 0.25);
  assert.ok(r.score.score >= 0 && r.score.score <= 100);
  assert.ok(r.score.note.includes("renormalised"));
});

test("errors carry a code and a path", () => {
  const expect = (f, code, path) =>
    assert.throws(f, (e) => e instanceof Error && e.name === "OpscoreError" && e.code === code && e.path === path);
  expect(() => onCallLoad({ period, responders: [{ id: "a", timeZone: "UTC" }], pages: [{ at: "2026-03-02T00:00:00Z", responder: "b" }] }),
    "unknown_reference", "pages[0].responder");
  expect(() => onCallLoad({ period, responders: [{ id: "a", timeZone: "Mars/Base" }] }), "unknown_time_zone", "responders[0].timeZone");
  expect(() => onCallLoad({
    period,
    responders: [{ id: "a", timeZone: "UTC" }],
    pages: [{ at: "2026-03-02T10:00:00Z", responder: "a", acknowledgedAt: "2026-03-02T09:00:00Z" }],
  }), "end_before_start", "pages[0].acknowledgedAt");
  expect(() => onCallLoad({ period, responders: [{ id: "a", timeZone: "UTC" }], pageColumns: { at: Float64Array.of(0), responder: Float64Array.of(0) } }),
    "out_of_range", "pageColumns.at[0]");
  expect(() => teamHealth({ toil: { shares: [{ week: 0, toilFraction: 0.3 }] }, weights: { toil: -1 } }), "out_of_range", "weights.toil");
  expect(() => surveyHealth({ enps: [{ team: "t", at: 0, score: 11 }] }), "out_of_range", "enps[0].score");
  expect(() => dora({ deployments: [] }), "empty", "deployments");
});

test("dora, toil and teamHealth: deployments and toil entries as columns give the reports of the objects", () => {
  const t0 = Date.parse("2026-03-02T09:00:00Z");
  const hour = 3_600_000;
  const deployments = [
    { at: t0, commitTimes: [t0 - 2 * hour, t0 - hour] },
    { at: t0 + hour, failed: true, recoveredAt: t0 + 1.5 * hour },
    { at: t0 + 2 * hour, leadTimeSeconds: 600 },
  ];
  const deploymentColumns = {
    at: new Float64Array([t0, t0 + hour, t0 + 2 * hour]),
    commitOffsets: new Uint32Array([0, 2, 2, 2]),
    commitTimes: new Float64Array([t0 - 2 * hour, t0 - hour]),
    leadTimeSeconds: new Float64Array([NaN, NaN, 600]),
    failed: new Float64Array([NaN, 1, NaN]),
    recoveredAt: new Float64Array([NaN, t0 + 1.5 * hour, NaN]),
  };
  assert.deepEqual(dora({ deploymentColumns }), dora({ deployments }));
  assert.throws(
    () => dora({ deploymentColumns: { ...deploymentColumns, failed: new Float64Array([NaN, 2, NaN]) } }),
    (e) => e.code === "out_of_range" && e.path === "deploymentColumns.failed[1]",
  );
  const entries = [
    { person: "ana", week: t0, category: "deploys", hours: 10 },
    { person: "bo", week: t0, category: "tickets", hours: 20 },
  ];
  const entryColumns = {
    people: ["ana", "bo"],
    person: new Uint8Array([0, 1]),
    week: new Float64Array([t0, t0]),
    categories: ["deploys", "tickets"],
    category: new Uint8Array([0, 1]),
    hours: new Float64Array([10, 20]),
  };
  assert.deepEqual(toil({ entryColumns, hoursPerWeek: 40 }), toil({ entries, hoursPerWeek: 40 }));
  assert.throws(
    () => toil({ entryColumns: { ...entryColumns, hours: new Float64Array([10, -1]) } }),
    (e) => e.code === "out_of_range" && e.path === "entryColumns.hours[1]",
  );
  const health = (d, t) => teamHealth({ dora: { ...d }, toil: { ...t, hoursPerWeek: 40 } });
  assert.deepEqual(health({ deploymentColumns }, { entryColumns }), health({ deployments }, { entries }));
  assert.throws(
    () => teamHealth({ toil: { entryColumns: { ...entryColumns, category: new Uint8Array([0, 5]) } } }),
    (e) => e.code === "unknown_reference" && e.path === "toil.entryColumns.category[1]",
  );
});
