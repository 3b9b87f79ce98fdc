// The SLA engine through the package (slaReport, incidentMetrics, ticketSla, compositeAvailability, csat);
// runs in Node and in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TicketSet, compositeAvailability, csat, incidentMetrics, slaReport, ticketSla } from "opscore";

const close = (a, b, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);
const APRIL = { start: "2026-04-01T00:00:00Z", end: "2026-05-01T00:00:00Z" }; // 30 days = 2 592 000 s

test("slaReport: myoperator and enterno figures, margin and AWS credits", () => {
  // 420 min down in 43 200 → 99.03%.
  let r = slaReport({ target: 0.99, period: APRIL, outages: [{ start: "2026-04-10T00:00:00Z", end: "2026-04-10T07:00:00Z" }] });
  assert.equal(Math.round(r.availability * 10000) / 100, 99.03);
  // 45 min down → 99.896%; allowed 2 592 s at 99.9%, so 108 s over; AWS tier 10%.
  r = slaReport({
    target: 0.999,
    period: APRIL,
    credits: { preset: "awsComputeRegion" },
    outages: [{ start: "2026-04-03T10:00:00Z", end: "2026-04-03T10:45:00Z" }],
  });
  assert.equal(Math.round(r.availability * 100000) / 1000, 99.896);
  close(r.marginSeconds, -108, 1e-6);
  assert.equal(r.met, false);
  assert.equal(r.remainingAllowanceSeconds, 0);
  assert.equal(r.credits.credit, 0.1);
  assert.equal(r.credits.tiers.length, 3);
});

test("slaReport: overlap rule, maintenance cut, DST month and monthly breakdown", () => {
  // A 10:00–11:00 @0.3 and B 10:30–12:00 @0.5 → max rule: 540 + 900 + 1800 = 3240 s.
  const r = slaReport({
    target: 0.999,
    period: APRIL,
    outages: [
      { start: "2026-04-02T10:00:00Z", end: "2026-04-02T11:00:00Z", impact: 0.3 },
      { start: "2026-04-02T10:30:00Z", end: "2026-04-02T12:00:00Z", impact: 0.5 },
    ],
    maintenance: [{ start: "2026-04-02T11:30:00Z", end: "2026-04-02T13:00:00Z" }],
  });
  // Maintenance removes 11:30–12:00 @0.5 (900 s): 3240 − 900 = 2340 s.
  close(r.downtimeSeconds, 2340);
  assert.equal(r.maintenanceSeconds, 5400);
  assert.equal(r.overlap.rule, "max");
  assert.equal(r.overlap.overlappingOutages, 1);
  // Counted: 10:00–10:30 @0.3 and 10:30–11:30 @0.5 (the two 0.5 stretches touch and join).
  assert.equal(r.countedOutages.length, 2);
  // 2026 in London by month: March is 743 h, October 745 h.
  const y = slaReport({
    target: 0.999,
    timeZone: "Europe/London",
    period: { unit: "year", containing: "2026-06-01T00:00:00Z" },
    breakdown: "month",
    outages: [],
  });
  assert.equal(y.breakdown.length, 12);
  assert.equal(y.breakdown[2].periodSeconds, 743 * 3600);
  assert.equal(y.breakdown[9].periodSeconds, 745 * 3600);
  assert.equal(y.availability, 1);
});

test("slaReport: a year of per-minute samples as Float64Array", () => {
  const up = new Float64Array(525600).fill(1);
  up.fill(0, 1000, 1030); // 30 minutes down
  const r = slaReport({
    target: 0.999,
    period: { start: "2026-01-01T00:00:00Z", end: "2027-01-01T00:00:00Z" },
    samples: { start: "2026-01-01T00:00:00Z", step: 60, up },
    breakdown: "quarter",
  });
  assert.equal(r.evidence, "samples");
  assert.equal(r.downtimeSeconds, 1800);
  assert.equal(r.breakdown[0].downtimeSeconds, 1800);
  close(r.availability, 1 - 1800 / 31536000);
});

test("slaReport: errors carry code and path", () => {
  const bad = (input, code, path) =>
    assert.throws(() => slaReport(input), (e) => e.name === "OpscoreError" && e.code === code && e.path === path);
  bad({ target: 0.999, period: APRIL, outages: [{ start: "2026-04-02T00:00:00Z", end: "2026-04-02T01:00:00Z", impact: 1.5 }] }, "out_of_range", "outages[0].impact");
  bad({ target: 0.999, period: APRIL, outages: [{ start: "2026-04-02T00:00:00Z", end: "2026-04-01T00:00:00Z" }] }, "end_before_start", "outages[0].end");
  bad({ target: 0.999, period: { unit: "month", containing: 0 }, timeZone: "Atlantis/Capital", outages: [] }, "unknown_time_zone", "timeZone");
  bad(
    { target: 0.999, period: APRIL, outages: [], credits: { tiers: [{ min: 0.99, max: 1, credit: 0.1 }, { min: 0.9, max: 0.98, credit: 0.3 }] } },
    "infeasible",
    "credits.tiers[0].min",
  );
  bad(
    { target: 0.999, period: APRIL, outages: [], credits: { tiers: [{ min: 0.99, max: 1, credit: 0.1 }, { min: 0.9, max: 0.995, credit: 0.3 }] } },
    "overlap",
    "credits.tiers[0].min",
  );
});

test("incidentMetrics: BMC MTTR 51 h, knoldus MTBF 10 h, median and definitions", () => {
  const bmc = [44, 100, 40, 20].map((h) => ({ start: 0, resolvedAt: h * 3600000 }));
  assert.equal(incidentMetrics({ incidents: bmc }).overall.mttr.seconds, 51 * 3600);
  const med = incidentMetrics({ incidents: bmc, statistic: "median" });
  assert.equal(med.overall.mttr.seconds, 42 * 3600); // (40 + 44) / 2
  assert.match(med.overall.mttr.definition, /^MTTR: median/);
  const m = incidentMetrics({
    period: { start: "2026-02-02T00:00:00Z", end: "2026-02-03T00:00:00Z" },
    incidents: [
      { start: "2026-02-02T02:00:00Z", detectedAt: "2026-02-02T02:10:00Z", resolvedAt: "2026-02-02T03:00:00Z", severity: "SEV1" },
      { start: "2026-02-02T10:00:00Z", resolvedAt: "2026-02-02T13:00:00Z", severity: "SEV2" },
    ],
  });
  assert.equal(m.overall.mtbf.seconds, 10 * 3600);
  assert.equal(m.overall.mttd.seconds, 600);
  assert.equal(m.overall.mttd.count, 1);
  assert.deepEqual(m.bySeverity.map((s) => s.severity), ["SEV1", "SEV2"]);
  assert.throws(() => incidentMetrics({ incidents: [] }), (e) => e.code === "empty" && e.path === "incidents");
});

const WEEKDAYS_8_16 = Object.fromEntries(
  ["monday", "tuesday", "wednesday", "thursday", "friday"].map((d) => [d, [{ start: "08:00", end: "16:00" }]]),
);

test("ticketSla: the ServiceNow examples", () => {
  // No schedule: 10 h from 2015-01-01 10:30 → 20:30.
  let r = ticketSla({
    targets: { P2: { resolution: { seconds: 36000 } } },
    tickets: [{ id: "a", priority: "P2", createdAt: "2015-01-01T10:30:00Z", resolvedAt: "2015-01-01T20:00:00Z" }],
  });
  assert.equal(r.tickets[0].resolution.dueAt, "2015-01-01T20:30:00.000Z");
  // Against 08:00–16:00, due Wed 20:30 moves to Thu 08:00.
  r = ticketSla({
    calendar: { timeZone: "UTC", workingHours: WEEKDAYS_8_16 },
    targets: { P2: { resolution: { seconds: 36000, dueInWorkingHours: true } } },
    tickets: [{ id: "b", priority: "P2", createdAt: "2017-01-11T10:30:00Z", resolvedAt: "2017-01-12T08:30:00Z" }],
  });
  assert.equal(r.tickets[0].resolution.dueAt, "2017-01-12T08:00:00.000Z");
  assert.equal(r.tickets[0].resolution.status, "breached");
  assert.equal(r.tickets[0].resolution.lateSeconds, 1800);
  // 24 business hours over 8-hour days = 3 working days: Mon 08:00 → Wed 16:00.
  r = ticketSla({
    calendar: { workingHours: WEEKDAYS_8_16 },
    targets: { P3: { resolution: { seconds: 86400, clock: "business" } } },
    asOf: "2017-01-10T12:00:00Z",
    tickets: [{ id: "c", priority: "P3", createdAt: "2017-01-09T08:00:00Z" }],
  });
  const c = r.tickets[0].resolution;
  assert.equal(c.dueAt, "2017-01-11T16:00:00.000Z");
  assert.equal(c.status, "running");
  assert.equal(c.elapsedSeconds, 12 * 3600); // Mon 8 h + Tue 08:00–12:00
});

test("ticketSla: per-priority compliance, nearest-rank percentiles, worst offenders, errors", () => {
  const tickets = [5, 10, 20, 40].map((min, i) => ({
    id: `t${i}`,
    priority: "P1",
    createdAt: "2026-01-05T10:00:00Z",
    firstResponseAt: new Date(Date.parse("2026-01-05T10:00:00Z") + min * 60000).toISOString(),
  }));
  const r = ticketSla({ targets: { P1: { response: { seconds: 900 } } }, tickets, percentiles: [0.5, 0.9], detail: "none" });
  const s = r.priorities[0].response;
  assert.equal(s.withinSla, 0.5);
  assert.equal(s.meanSeconds, 1125);
  assert.deepEqual(s.percentiles, [{ p: 0.5, seconds: 600 }, { p: 0.9, seconds: 2400 }]);
  assert.deepEqual(s.worstOffenders.map((o) => o.id), ["t3", "t2"]);
  assert.equal(r.tickets.length, 0);
  assert.throws(
    () => ticketSla({ targets: { P1: { response: { seconds: 900 } } }, tickets: [{ id: "x", priority: "P5", createdAt: 0 }] }),
    (e) => e.code === "unknown_reference" && e.path === "tickets[0].priority",
  );
  assert.throws(
    () =>
      ticketSla({
        targets: { P1: { resolution: { seconds: 900 } } },
        tickets: [{ id: "x", priority: "P1", createdAt: 1000, resolvedAt: 5000, pauses: [{ start: 2000, end: 9000 }] }],
      }),
    (e) => e.code === "out_of_range" && e.path === "tickets[0].pauses[0].end",
  );
  assert.throws(
    () => ticketSla({ calendar: { workingHours: {} }, targets: { P1: {} }, tickets: [{ id: "x", priority: "P1", createdAt: 0 }] }),
    (e) => e.code === "empty" && e.path === "calendar.workingHours",
  );
});

test("compositeAvailability: slamax and Azure figures, best improvement", () => {
  const serial = (xs) => ({ root: { name: "svc", kind: "serial", children: xs.map((a, i) => ({ name: `c${i}`, availability: a })) } });
  close(compositeAvailability(serial([0.9995, 0.9995])).availability, 0.99900025, 1e-15);
  const r = compositeAvailability(serial([0.9995, 0.9995, 0.99, 0.95]));
  assert.equal(Math.round(r.availability * 100000) / 1000, 93.956);
  assert.equal(r.bestImprovement, "c3");
  assert.equal(compositeAvailability(serial([0.9999])).availability, 0.9999);
  assert.throws(() => compositeAvailability(serial([])), (e) => e.code === "empty" && e.path === "root.children");
  // Azure: web 99.95% in series with (SQL 99.99% ∥ queue 99.9%) = 0.9995 × (1 − 0.0001 × 0.001).
  const az = compositeAvailability({
    root: {
      name: "app",
      kind: "serial",
      children: [
        { name: "web", availability: 0.9995 },
        { name: "store", kind: "parallel", children: [{ name: "sql", availability: 0.9999 }, { name: "queue", availability: 0.999 }] },
      ],
    },
  });
  close(az.availability, 0.9995 * (1 - 0.0001 * 0.001), 1e-15);
});

test("csat is still exported", () => {
  assert.equal(csat({ scores: [5, 4, 4, 3, 1] }).csat, 0.6);
});

test("TicketSet: parse once, re-run what-ifs with other targets", () => {
  const set = new TicketSet(
    [5, 10, 20, 40].map((min, i) => ({
      id: `t${i}`,
      priority: "P1",
      createdAt: "2026-01-05T10:00:00Z",
      firstResponseAt: new Date(Date.parse("2026-01-05T10:00:00Z") + min * 60000).toISOString(),
    })),
  );
  assert.equal(set.length, 4);
  const within = (seconds) => set.evaluate({ targets: { P1: { response: { seconds } } }, detail: "none" }).priorities[0].response.withinSla;
  assert.equal(within(900), 0.5); // 5 and 10 min within 15 min
  assert.equal(within(1200), 0.75); // 20 min is exactly on target: met
  assert.equal(within(3600), 1);
  assert.throws(() => set.evaluate({ targets: { P2: {} } }), (e) => e.code === "unknown_reference" && e.path === "tickets[0].priority");
  set.free();
});

test("ticketSla and TicketSet: tickets as columns give the report of the same tickets as objects", () => {
  const at = (s) => Date.parse(s);
  const objects = [
    { id: "a", priority: "P1", createdAt: at("2026-01-05T10:00:00Z"), firstResponseAt: at("2026-01-05T10:10:00Z") },
    {
      id: "b",
      priority: "P2",
      createdAt: at("2026-01-05T11:00:00Z"),
      resolvedAt: at("2026-01-06T11:00:00Z"),
      pauses: [{ start: at("2026-01-05T12:00:00Z"), end: at("2026-01-05T13:00:00Z") }],
    },
    { id: "c", priority: "P1", createdAt: at("2026-01-05T12:00:00Z") },
  ];
  const columns = {
    ids: ["a", "b", "c"],
    priority: new Uint8Array([0, 1, 0]),
    priorityNames: ["P1", "P2"],
    createdAt: Float64Array.from(objects, (t) => t.createdAt),
    firstResponseAt: Float64Array.from(objects, (t) => t.firstResponseAt ?? NaN),
    resolvedAt: Float64Array.from(objects, (t) => t.resolvedAt ?? NaN),
    pauses: { offsets: new Uint32Array([0, 0, 1, 1]), start: new Float64Array([at("2026-01-05T12:00:00Z")]), end: new Float64Array([at("2026-01-05T13:00:00Z")]) },
  };
  const options = {
    calendar: { timeZone: "Europe/London", workingHours: { monday: [{ start: "09:00", end: "17:00" }], tuesday: [{ start: "09:00", end: "17:00" }] } },
    targets: { P1: { response: { seconds: 900, clock: "business" } }, P2: { resolution: { seconds: 8 * 3600, clock: "business" } } },
    asOf: "2026-01-07T00:00:00Z",
  };
  const fromObjects = ticketSla({ ...options, tickets: objects });
  assert.deepEqual(ticketSla({ ...options, tickets: columns }), fromObjects);
  // Names instead of indices, plain arrays with null for "none", and no ids: tickets are named by row.
  const plain = {
    priority: ["P1", "P2", "P1"],
    createdAt: objects.map((t) => t.createdAt),
    firstResponseAt: objects.map((t) => t.firstResponseAt ?? null),
    resolvedAt: objects.map((t) => t.resolvedAt ?? null),
    pauses: { offsets: [0, 0, 1, 1], start: [at("2026-01-05T12:00:00Z")], end: [at("2026-01-05T13:00:00Z")] },
  };
  const r = ticketSla({ ...options, tickets: plain });
  assert.deepEqual(r.tickets.map((t) => t.id), ["0", "1", "2"]);
  const counts = (rep) => rep.priorities.map((p) => [p.tickets, p.response?.met, p.response?.breached, p.resolution?.met]);
  assert.deepEqual(counts(r), counts(fromObjects));
  assert.deepEqual(counts(r), [[2, 1, 1, undefined], [1, undefined, undefined, 1]]);
  assert.deepEqual(r.priorities[0].response.worstOffenders.map((o) => o.id), ["2"]); // c, still unanswered
  // b: created Mon 11:00, paused 12:00–13:00, resolved Tue 11:00: Monday 11:00–17:00 is 6 h, less 1 h paused, plus
  // Tuesday 09:00–11:00, 2 h: 7 h of the 8 allowed.
  assert.equal(r.tickets[1].resolution.elapsedSeconds, 7 * 3600);
  assert.equal(r.tickets[1].resolution.status, "met");
  const set = new TicketSet(columns);
  assert.equal(set.length, 3);
  assert.deepEqual(set.evaluate(options), fromObjects);
  set.free();
});

test("ticketSla: ids come back exactly, around the result decoder's short-ASCII path (64 bytes)", () => {
  // Results cross the boundary as bytes; a string of at most 64 ASCII bytes is rebuilt from its char codes (one
  // reused array per length), anything else through TextDecoder. Each id below sits at or beside those edges.
  const ids = [
    "x".repeat(63),
    "y".repeat(64),
    "z".repeat(65),
    `${"a".repeat(62)}é`, // 64 bytes, the last two not ASCII
    `${"b".repeat(63)}é`, // 65 bytes
    "é",
    "",
    "tab\tnul\u0000del\u007f",
    "y".repeat(64).replace(/y$/, "Y"), // the same length as an earlier id: the reused array is overwritten in full
  ];
  const n = ids.length;
  const r = ticketSla({
    targets: { P1: { response: { seconds: 600 } } },
    asOf: 3_600_000,
    tickets: { ids, priority: Array(n).fill("P1"), createdAt: new Float64Array(n), firstResponseAt: new Float64Array(n).fill(60_000) },
  });
  assert.deepEqual(r.tickets.map((t) => t.id), ids);
});

test("ticketSla: column ids as strings or as one text with offsets name the same tickets", () => {
  // Three P1 tickets at epoch 0, answered after 5, 15 and 30 minutes against a 10-minute target.
  const targets = { P1: { response: { seconds: 600 } } };
  const cols = (ids) => ({
    ids,
    priority: ["P1", "P1", "P1"],
    createdAt: new Float64Array([0, 0, 0]),
    firstResponseAt: new Float64Array([300_000, 900_000, 1_800_000]),
  });
  const named = (ids) => {
    const r = ticketSla({ targets, asOf: 3_600_000, tickets: cols(ids) });
    return [r.tickets.map((t) => t.id), r.priorities[0].response.worstOffenders.map((o) => [o.id, o.lateSeconds])];
  };
  // 😀 late by 30 − 10 = 20 minutes, Zoë by 5.
  const want = [["A-1", "Zoë", "😀"], [["😀", 1200], ["Zoë", 300]]];
  assert.deepEqual(named(["A-1", "Zoë", "😀"]), want);
  // Offsets are positions in the JS string (UTF-16 code units): "A-1" 3, "Zoë" 3, "😀" 2.
  assert.deepEqual(named({ text: "A-1Zoë😀", offsets: new Uint32Array([0, 3, 6, 8]) }), want);
  assert.deepEqual(named({ text: "A-1Zoë😀", offsets: [0, 3, 6, 8] }), want);
  assert.deepEqual(named(["T-1", "T-2", "T-3"])[0], ["T-1", "T-2", "T-3"]);
  assert.deepEqual(named({ text: "ab", offsets: new Float64Array([0, 0, 1, 2]) })[0], ["", "a", "b"]);
  const set = new TicketSet(cols({ text: "xyz", offsets: new Uint32Array([0, 1, 2, 3]) }));
  assert.deepEqual(set.evaluate({ targets, asOf: 3_600_000 }).tickets.map((t) => t.id), ["x", "y", "z"]);
  set.free();
});

test("ticketSla: bad column ids are errors by row or offset", () => {
  const targets = { P1: { response: { seconds: 900 } } };
  const base = () => ({ priority: ["P1", "P1", "P1"], createdAt: new Float64Array([0, 1000, 2000]) });
  const fails = (ids, code, path) =>
    assert.throws(() => ticketSla({ targets, asOf: 5000, tickets: { ...base(), ids } }), (e) => e.code === code && e.path === path, `${code} at ${path}`);
  fails(["a", "b", "a"], "duplicate", "tickets.ids[2]");
  fails(["é", "b", "é"], "duplicate", "tickets.ids[2]");
  fails({ text: "abb", offsets: new Uint32Array([0, 1, 2, 3]) }, "duplicate", "tickets.ids[2]");
  fails({ text: "abb", offsets: [0, 1, 2, 3] }, "duplicate", "tickets.ids[2]");
  fails(["a", "b"], "out_of_range", "tickets.ids");
  fails(["a", 7, "c"], "invalid_type", "tickets.ids[1]");
  fails({ text: "abc", offsets: new Uint32Array([0, 1, 3]) }, "out_of_range", "tickets.ids.offsets");
  fails({ text: "abc", offsets: new Uint32Array([1, 1, 2, 3]) }, "out_of_range", "tickets.ids.offsets[0]");
  fails({ text: "abc", offsets: new Uint32Array([0, 2, 1, 3]) }, "out_of_range", "tickets.ids.offsets[2]");
  fails({ text: "abc", offsets: new Uint32Array([0, 1, 2, 9]) }, "out_of_range", "tickets.ids.offsets[3]");
  fails({ text: "abcd", offsets: new Uint32Array([0, 1, 2, 3]) }, "out_of_range", "tickets.ids.offsets[3]");
  fails({ text: "😀ab", offsets: new Uint32Array([0, 1, 3, 4]) }, "out_of_range", "tickets.ids.offsets[1]");
  fails({ text: "abc", offsets: [0, 1.5, 2, 3] }, "out_of_range", "tickets.ids.offsets[1]");
  fails({ text: 12, offsets: [0, 1, 2, 3] }, "invalid_type", "tickets.ids.text");
  fails({ text: "abc" }, "missing_field", "tickets.ids");
});

test("ticketSla: simple ticket objects (the fast reader) give the results and errors of the general reader", () => {
  // The fast reader takes objects whose times are whole epoch milliseconds; an unknown key holding an object
  // (`meta: {}`) sends the same tickets through the general reader instead, with the same meaning.
  const at = (s) => Date.parse(s);
  const good = () => [
    { id: "a", priority: "P1", createdAt: at("2026-01-05T10:00:00Z"), firstResponseAt: at("2026-01-05T10:20:00Z"), note: "x" },
    { id: "b", priority: "P2", createdAt: at("2026-01-05T11:00:00Z"), resolvedAt: at("2026-01-06T11:00:00Z"), firstResponseAt: null,
      pauses: [{ start: at("2026-01-05T12:00:00Z"), end: at("2026-01-05T13:00:00Z") }, { start: at("2026-01-05T14:00:00Z"), end: at("2026-01-05T15:00:00Z"), why: "customer" }] },
    { id: "c", priority: "P1", createdAt: at("2026-01-05T12:00:00Z"), pauses: [{ start: at("2026-01-05T12:30:00Z") }] },
  ];
  const options = {
    calendar: { timeZone: "Europe/London", workingHours: { monday: [{ start: "09:00", end: "17:00" }], tuesday: [{ start: "09:00", end: "17:00" }] } },
    targets: { P1: { response: { seconds: 900, clock: "business" } }, P2: { resolution: { seconds: 8 * 3600, clock: "business" } } },
    asOf: "2026-01-07T00:00:00Z",
  };
  const general = (tickets) => [{ ...tickets[0], meta: {} }, ...tickets.slice(1)];
  // The same tickets with RFC 3339 strings for times (which the fast reader parses with the general parser).
  const str = (x) => (typeof x === "number" && Math.abs(x) < 8.64e15 ? new Date(x).toISOString() : x);
  const strTimes = (o, keys) => Object.fromEntries(Object.entries(o).map(([k, x]) => [k, keys.includes(k) ? str(x) : x]));
  const iso = (tickets) =>
    tickets.map((t) =>
      t === null || typeof t !== "object"
        ? t
        : {
            ...strTimes(t, ["createdAt", "firstResponseAt", "resolvedAt"]),
            ...(Array.isArray(t.pauses) ? { pauses: t.pauses.map((p) => strTimes(p, ["start", "end"])) } : {}),
          },
    );
  const fast = ticketSla({ ...options, tickets: good() });
  assert.deepEqual(ticketSla({ ...options, tickets: general(good()) }), fast);
  assert.deepEqual(ticketSla({ ...options, tickets: iso(good()) }), fast);
  // b: Monday 11:00–17:00 less two 1-hour pauses, then Tuesday 09:00–11:00: 4 h + 2 h = 6 h of the 8 allowed.
  assert.equal(fast.tickets[1].resolution.elapsedSeconds, 6 * 3600);
  const set = new TicketSet(good());
  assert.deepEqual(set.evaluate(options), fast);
  set.free();
  // Each bad input: the same code, path and message from either reader.
  const bad = [
    (t) => (t[2].id = "a"), // duplicate
    (t) => (t[1].priority = "P9"), // unknown priority
    (t) => (t[0].firstResponseAt = t[0].createdAt - 1000), // response before creation
    (t) => (t[1].pauses[1].start = t[1].pauses[0].start + 600_000), // overlapping pauses
    (t) => (t[1].pauses[0].start = t[1].createdAt - 1), // pause before the ticket
    (t) => (t[2].pauses[0].end = t[2].pauses[0].start - 1), // pause ending before it starts
    (t) => (t[1].pauses[1].end = undefined), // open pause on a resolved ticket
    (t) => (t[0].createdAt = 1e20), // outside 1900–2200 (the fast reader hands it over)
    (t) => (t[0].createdAt = "yesterday"),
    (t) => (t[0].id = 7),
    (t) => delete t[1].priority,
    (t) => (t[1].pauses = { start: 0 }),
    (t) => (t[1] = null),
  ];
  const error = (f) => {
    try {
      f();
    } catch (e) {
      return { code: e.code, path: e.path, message: e.message };
    }
    assert.fail("expected an error");
  };
  for (const [k, spoil] of bad.entries()) {
    const tickets = good();
    spoil(tickets);
    const viaFast = error(() => ticketSla({ ...options, tickets }));
    assert.deepEqual(error(() => ticketSla({ ...options, tickets: general(tickets) })), viaFast, `case ${k}`);
    assert.match(viaFast.path, /^tickets\[\d\]/, `case ${k}: ${viaFast.path}`);
    const strings = iso(tickets);
    const viaFastStrings = error(() => ticketSla({ ...options, tickets: strings }));
    assert.deepEqual(error(() => ticketSla({ ...options, tickets: general(strings) })), viaFastStrings, `case ${k} (strings)`);
  }
  // Strings that are not RFC 3339, or lie outside 1900–2200, are the general reader's errors.
  for (const [bad, path] of [["2026-13-01T00:00:00Z", "tickets[2].createdAt"], ["2300-01-01T00:00:00Z", "tickets[2].createdAt"]]) {
    const tickets = iso(good());
    tickets[2].createdAt = bad;
    const e = error(() => ticketSla({ ...options, tickets }));
    assert.deepEqual([e.code, e.path], ["invalid_timestamp", path]);
    assert.deepEqual(error(() => ticketSla({ ...options, tickets: general(tickets) })), e);
  }
  // Option errors come after the tickets, as before.
  assert.equal(error(() => ticketSla({ ...options, targets: {}, tickets: good() })).code, "empty");
  assert.equal(error(() => ticketSla({ ...options, asOf: "soon", tickets: good() })).path, "asOf");
});

test("ticketSla: tickets as columns report errors by column and row", () => {
  const targets = { P1: { response: { seconds: 900 } } };
  const base = () => ({ priority: ["P1", "P1"], createdAt: new Float64Array([0, 1000]) });
  const fails = (tickets, code, path) =>
    assert.throws(() => ticketSla({ targets, asOf: 5000, tickets }), (e) => e.code === code && e.path === path, `${code} at ${path}`);
  fails({ ...base(), createdAt: new Float64Array([0, NaN]) }, "invalid_timestamp", "tickets.createdAt[1]");
  fails({ ...base(), createdAt: [0, "soon"] }, "invalid_type", "tickets.createdAt[1]");
  fails({ ...base(), firstResponseAt: new Float64Array([0]) }, "out_of_range", "tickets.firstResponseAt");
  fails({ ...base(), firstResponseAt: new Float64Array([NaN, 500]) }, "end_before_start", "tickets.firstResponseAt[1]");
  fails({ ...base(), priority: ["P1", "P9"] }, "unknown_reference", "tickets.priority[1]");
  fails({ ...base(), priority: new Uint8Array([0, 1]), priorityNames: ["P1"] }, "unknown_reference", "tickets.priority[1]");
  fails({ ...base(), priority: new Uint8Array([0, 0]) }, "missing_field", "tickets.priorityNames");
  fails({ ...base(), ids: ["x", "x"] }, "duplicate", "tickets.ids[1]");
  fails({ ...base(), pauses: { offsets: [0, 1], start: [10] } }, "out_of_range", "tickets.pauses.offsets");
  fails({ ...base(), pauses: { offsets: [0, 1, 0], start: [10] } }, "out_of_range", "tickets.pauses.offsets[2]");
  fails({ ...base(), pauses: { offsets: [0, 0, 1], start: [500], end: [600] } }, "out_of_range", "tickets.pauses.start[0]");
  fails({ ...base(), pauses: { offsets: [0, 1, 2], start: [10, 2000], end: [5, NaN] } }, "end_before_start", "tickets.pauses.end[0]");
  assert.throws(() => new TicketSet({ priority: ["P1"], createdAt: [1e20] }), (e) => e.code === "invalid_timestamp" && e.path === "tickets.createdAt[0]");
});
