// The SLA view's worker tasks (www/engine/tasks-sla.js) over the sample: the held TicketSet gives what a one-off
// ticketSla gives, a P1 calendar-clock share matches a count over the raw tickets, every bad calendar edit comes
// back as the engine's structured error with the path the view shows it by, and the composite follows the
// serial/parallel formulas with a component's what-if.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ticketSla } from "opscore";
import { generateOrg } from "../../www/sample/index.js";
import { engineTicket } from "../../www/engine/org.js";
import { slaTasks } from "../../www/engine/tasks-sla.js";
import { CHECKOUT_TOPOLOGY } from "../../www/sample/topology.js";

const sample = generateOrg();
const tasks = slaTasks({ org: sample });

test("sla.tickets: the held set gives ticketSla's report; P1 response matches a count over the raw tickets", () => {
  const r = tasks["sla.tickets"]({});
  const once = ticketSla({ tickets: sample.support.tickets.map(engineTicket), targets: sample.support.targets, calendar: sample.support.calendar, asOf: sample.meta.asOf, detail: "none" });
  assert.deepEqual(r.report, once);
  // P1: 15 calendar minutes. A response at or before 900 s is met; no response by asOf (long past due) is breached.
  let met = 0;
  let breached = 0;
  for (const t of sample.support.tickets.filter((x) => x.priority === "P1")) {
    if (t.firstResponseAt && (Date.parse(t.firstResponseAt) - Date.parse(t.createdAt)) / 1000 <= 900) met++;
    else breached++;
  }
  const p1 = r.report.priorities.find((p) => p.priority === "P1").response;
  assert.deepEqual([p1.met, p1.breached, p1.withinSla], [met, breached, met / (met + breached)]);
  // A looser target: 30 minutes can only keep or raise the share.
  const loose = tasks["sla.tickets"]({ targets: { ...sample.support.targets, P1: { ...sample.support.targets.P1, response: { seconds: 1800 } } } });
  assert.ok(loose.report.priorities[0].response.withinSla >= p1.withinSla);
});

test("sla.tickets: bad calendar edits are the engine's errors, with the path the view places them by", () => {
  const cal = sample.support.calendar;
  const cases = [
    [{ ...cal, timeZone: "Mars/Olympus_Mons" }, "unknown_time_zone", "calendar.timeZone"],
    [{ ...cal, workingHours: { ...cal.workingHours, monday: [{ start: "09:00", end: "08:00" }] } }, "end_before_start", "calendar.workingHours.monday[0].end"],
    [{ ...cal, workingHours: {} }, "empty", "calendar.workingHours"],
    [{ ...cal, holidays: ["2025-12-25", "2025-12-25"] }, "duplicate", "calendar.holidays[1]"],
  ];
  for (const [calendar, code, path] of cases) {
    assert.throws(() => tasks["sla.tickets"]({ calendar }), (e) => e.code === code && e.path === path && e.message.length > 0, `${code} at ${path}`);
  }
  assert.throws(() => tasks["sla.tickets"]({ asOf: "" }), (e) => e.path === "asOf");
});

/** Serial: ∏ aᵢ; parallel: 1 − ∏ (1 − aᵢ). */
const formula = (n, leaf) => (n.children ? (n.kind === "serial" ? n.children.reduce((a, c) => a * formula(c, leaf), 1) : 1 - n.children.reduce((a, c) => a * (1 - formula(c, leaf)), 1)) : leaf(n.name));

test("sla.composite: measured service leaves, stated others, the formulas, and a what-if", () => {
  const base = tasks["sla.composite"]({});
  assert.equal(base.leaves.length, 8);
  const byName = new Map(base.leaves.map((l) => [l.name, l.baseline]));
  for (const l of base.leaves) assert.ok(l.baseline > 0.99 && l.baseline < 1, `${l.name} ${l.baseline}`);
  assert.equal(byName.get("Order DB replica"), 0.999);
  assert.ok(Math.abs(base.result.availability - formula(CHECKOUT_TOPOLOGY, (n) => byName.get(n))) < 1e-12);
  const w = tasks["sla.composite"]({ overrides: { "Payments gateway": 0.9 } });
  assert.ok(Math.abs(w.result.availability - formula(CHECKOUT_TOPOLOGY, (n) => (n === "Payments gateway" ? 0.9 : byName.get(n)))) < 1e-12);
  assert.equal(w.baseline, base.result.availability);
  assert.throws(() => tasks["sla.composite"]({ overrides: { "Checkout API": 1.2 } }), (e) => e.code === "out_of_range" && e.path === "root.children[3].availability");
});

test("sla.incidents: the selected service's incidents, mean or median, and a clear error for an unknown one", () => {
  const m = tasks["sla.incidents"]({ service: "checkout", statistic: "median" });
  assert.equal(m.statistic, "median");
  assert.equal(m.overall.incidents, sample.outages.filter((o) => o.service === "checkout" && !o.maintenance).length);
  assert.throws(() => tasks["sla.incidents"]({ service: "nope" }), (e) => e.code === "unknown_reference" && e.path === "service");
});

test("org what-if: ticket targets and calendar replace the support desk's, and only a service with tickets takes them", async () => {
  const { orgDocument, SUPPORT_ID } = await import("../../www/engine/org.js");
  const { applyWhatIf } = await import("../../www/engine/org-whatif.js");
  const doc = orgDocument(sample);
  const targets = { ...sample.support.targets, P3: { response: { seconds: 7200, clock: "business" }, resolution: sample.support.targets.P3.resolution } };
  const calendar = { ...sample.support.calendar, timeZone: "UTC" };
  const { notes, changed } = applyWhatIf(doc, { services: { [SUPPORT_ID]: { ticketTargets: targets, ticketCalendar: calendar }, checkout: { ticketTargets: targets } } });
  const support = doc.services.find((s) => s.id === SUPPORT_ID);
  assert.equal(support.tickets.targets, targets);
  assert.equal(support.tickets.calendar, calendar);
  // The held ticket list is shared, never copied or changed.
  assert.equal(support.tickets.tickets.length, sample.support.tickets.length);
  assert.ok(changed.services.has(SUPPORT_ID));
  assert.deepEqual(notes, ["Checkout API has no tickets, so its ticket what-if does nothing."]);
});
