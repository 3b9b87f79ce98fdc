// The team view's worker tasks (www/engine/tasks-team.js) in Node, on the sample team: the rotation shape read
// from the shifts, the what-if path (pages as columns, no shift calendar) giving the same score as the full
// baseline, the SRE arithmetic of a rotation change, memoisation, and errors with a path.
import { test } from "node:test";
import assert from "node:assert/strict";
import { generateOrg } from "../../www/sample/index.js";
import { deploymentColumns, rotationShape, teamTasks } from "../../www/engine/tasks-team.js";
import { dora, teamHealth, toil } from "opscore";

const org = generateOrg();
const team = org.teams[0];
const period = { start: org.meta.start, end: org.meta.end };

test("the rotation shape comes from the data: 11 people at two sites, primary and secondary, 12-hour shifts", () => {
  // roster(): 6 in London, 5 in New York; generateShifts(): one primary and one secondary per 12-hour half-day.
  assert.deepEqual(rotationShape(team), { members: 11, rolesPerShift: 2, sites: 2, shiftHours: 12 });
});

test("the what-if path (pages as columns, no shift calendar) scores the baseline exactly as the full report", () => {
  for (const benchmark of ["dora-2023", "dora-2021"]) {
    const full = teamTasks["team.health"]({ team, period, benchmark });
    const lean = teamTasks["team.whatIf"]({ team, period, benchmark, scenario: {} });
    assert.equal(lean.baselineScore, full.score.score, benchmark);
    assert.deepEqual(lean.whatIf.before, full.factors, benchmark);
    assert.equal(lean.whatIf.scoreChange, 0);
    // Every page is counted: interruptions = distinct (responder, instant) pairs of the raw pages.
    assert.equal(full.onCall.totals.interruptions, new Set(team.pages.map((p) => `${p.responder}|${p.at}`)).size);
    assert.equal(full.onCall.shiftSummary.count, team.shifts.length);
    assert.equal(full.onCall.shiftSummary.byIncidents.reduce((a, b) => a + b, 0), team.shifts.length);
  }
});

test("rotation size: 2 roles over 13 people is 2/13 of the time each; the second call for a scenario is memoised", () => {
  const a = teamTasks["team.whatIf"]({ team, period, scenario: { rotationMembers: 13 } });
  assert.equal(a.whatIf.after.onCallShare, 2 / 13);
  assert.equal(a.whatIf.rotation.meetsMinimum, true); // 12 for two sites (6 per site)
  assert.equal(a.timing.memo, false);
  const b = teamTasks["team.whatIf"]({ team, period, scenario: { rotationMembers: 13 } });
  assert.equal(b.timing.memo, true);
  assert.deepEqual(b.whatIf, a.whatIf);
  // Six people: 2/6 = 33%, over the 25% guidance, so the onCallTime part costs points (100 at 25%, 0 at 50%).
  const six = teamTasks["team.whatIf"]({ team, period, scenario: { rotationMembers: 6 } });
  const part = six.whatIf.score.parts.find((p) => p.part === "onCallTime");
  assert.ok(Math.abs(part.subscore - 100 * (1 - (2 / 6 - 0.25) / 0.25)) < 1e-9);
});

test("toil automation on the what-if path (the log reduced per person-week) frees what the whole log frees", () => {
  const entries = team.toil.map((e) => ({ person: e.person, week: e.week, category: e.category, hours: e.hours, toil: e.toil }));
  for (const [category, fraction] of [["Ticket triage", 0.5], ["Manual deploys", 0.2], ["Certificate rotation", 1]]) {
    const whole = toil({ entries, automate: [{ category, fraction }] });
    const r = teamTasks["team.whatIf"]({ team, period, scenario: { automate: [{ category, fraction }] } });
    assert.equal(r.whatIf.before.toilShare, whole.share, category);
    assert.ok(Math.abs(r.whatIf.after.toilShare - whole.automation[0].shareAfter) < 1e-12, category);
    assert.ok(Math.abs(r.whatIf.toilHoursFreedPerWeek - whole.automation[0].hoursFreedPerWeek) < 1e-9, category);
  }
});

test("bad input is an error with a path: an unknown benchmark set, an unknown toil category, no team", () => {
  assert.throws(() => teamTasks["team.health"]({ team, period, benchmark: "dora-1999" }), { code: "out_of_range", path: "benchmark" });
  assert.throws(() => teamTasks["team.whatIf"]({ team, period, scenario: { automate: [{ category: "Yak shaving", fraction: 0.5 }] } }), {
    code: "unknown_reference",
    path: "whatIf[0].automate[0].category",
  });
  assert.throws(() => teamTasks["team.health"]({ period }), { code: "invalid_type", path: "team" });
  const ghost = { ...team, pages: [...team.pages, { at: team.pages[0].at, responder: "ghost" }] };
  assert.throws(() => teamTasks["team.health"]({ team: ghost, period }), { code: "unknown_reference", path: `pages[${team.pages.length}].responder` });
});

test("a team without deployments, toil or surveys is scored from its on-call data, the missing parts dropped", () => {
  const bare = { ...team, deployments: [], toil: [], squadVotes: [], enps: [] };
  const r = teamTasks["team.health"]({ team: bare, period });
  assert.deepEqual(r.score.dropped, ["delivery", "toil", "surveys"]);
  assert.equal(r.dora, undefined);
  const w = teamTasks["team.whatIf"]({ team: bare, period, scenario: { rotationMembers: 8 } });
  assert.equal(w.baselineScore, r.score.score);
  assert.equal(w.whatIf.after.onCallShare, 2 / 8);
});

test("the toil chart's what-if weeks average to the engine's share after automation", () => {
  const w = teamTasks["team.whatIf"]({ team, period, scenario: { automate: [{ category: "Ticket triage", fraction: 0.5 }] } });
  const weeks = teamTasks["team.toilWeeks"]({ team, period, category: "Ticket triage", fraction: 0.5 });
  const base = teamTasks["team.health"]({ team, period });
  assert.deepEqual(weeks.weeks.map((x) => x.week), base.toil.weeks.map((x) => x.week));
  // Every week has the same 11 people, so the mean over person-weeks is the mean of the weekly means.
  assert.ok(Math.abs(weeks.share - w.whatIf.after.toilShare) < 1e-12);
  for (const [i, x] of weeks.weeks.entries()) assert.ok(x.share < base.toil.weeks[i].share, x.week);
  assert.throws(() => teamTasks["team.toilWeeks"]({ team, period, category: "Yak shaving", fraction: 0.5 }), { code: "unknown_reference", path: "category" });
});

test("deployments as columns (the what-if path's form) give the engine's report for the same objects", () => {
  const objects = team.deployments.map((d) => ({ at: Date.parse(d.at), ...(d.leadTimeSeconds !== undefined ? { leadTimeSeconds: d.leadTimeSeconds } : {}), ...(d.failed ? { failed: true } : {}), ...(d.recoveredAt ? { recoveredAt: Date.parse(d.recoveredAt) } : {}) }));
  // Commit times (one flat column with offsets) and rework (1, 0 or unknown) as well, on a few made-up rows.
  const { leadTimeSeconds: _, ...first } = objects[0];
  objects[0] = { ...first, commitTimes: [new Date(first.at - 7200e3).toISOString(), new Date(first.at - 3600250).toISOString()], rework: true };
  objects[1] = { ...objects[1], rework: false };
  const cols = deploymentColumns(objects);
  assert.deepEqual(Array.from(cols.commitOffsets.slice(0, 3)), [0, 2, 2]);
  const a = dora({ period, deployments: objects });
  const b = dora({ period, deployments: [], deploymentColumns: cols });
  assert.deepEqual(b, a);
  // What columns cannot carry stays in the objects: an empty list of commits, a commit time finer than 1 ms.
  assert.equal(deploymentColumns([{ at: 0, commitTimes: [] }]), null);
  assert.equal(deploymentColumns([{ at: 0, commitTimes: ["2025-11-03T10:00:00.0001Z"] }]), null);
});

test("toil automation on the what-if path (reduced log, entries as columns) scores as the whole log given as objects", () => {
  const full = teamTasks["team.health"]({ team, period });
  const ms = (t) => Date.parse(t);
  const input = {
    dora: { period, deployments: team.deployments.map((d) => ({ at: ms(d.at), leadTimeSeconds: d.leadTimeSeconds, ...(d.failed ? { failed: true, recoveredAt: ms(d.recoveredAt) } : {}) })) },
    onCall: { period, responders: team.responders.map((r) => ({ id: r.id, timeZone: r.timeZone })), pages: team.pages.filter((p) => p.channel !== "email").map(({ at, responder, urgency, acknowledgedAt, incidentId }) => ({ at, responder, urgency, acknowledgedAt, incidentId })), rotation: full.rotation },
    toil: { entries: team.toil.map((e) => ({ person: e.person, week: e.week, category: e.category, hours: e.hours, toil: e.toil !== false })) },
    surveys: { squadHealth: team.squadVotes, enps: team.enps },
  };
  for (const category of full.categories) {
    const scenario = { rotationMembers: 9, automate: [{ category, fraction: 0.6 }] };
    const r = teamTasks["team.whatIf"]({ team, period, scenario });
    const whole = teamHealth({ ...input, whatIf: [{ name: "what-if", ...scenario }] }).whatIf[0];
    assert.ok(Math.abs(r.whatIf.score.score - whole.score.score) < 1e-9, `${category}: ${r.whatIf.score.score} vs ${whole.score.score}`);
    assert.ok(Math.abs(r.whatIf.after.toilShare - whole.after.toilShare) < 1e-12, category);
    assert.ok(Math.abs(r.whatIf.toilHoursFreedPerWeek - whole.toilHoursFreedPerWeek) < 1e-9, category);
    assert.deepEqual(r.whatIf.before.dora, whole.before.dora, category);
  }
});
