// The planning tool's overview: the sample organisation mapped to an OrgDocument (www/engine/org.js) and scored by
// the package's scorecard, exactly as the worker's "org.scorecard" task does. Runs in Node and in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { scorecard, validateOrg } from "opscore";
import { generateOrg } from "../../www/sample/index.js";
import { SUPPORT_ID, asOfOf, orgDocument } from "../../www/engine/org.js";
import { applyWhatIf } from "../../www/engine/org-whatif.js";

const sample = generateOrg();
const asOf = asOfOf(sample);
const doc = orgDocument(sample);
const card = scorecard(doc, { asOf });

test("the sample's OrgDocument is valid at the sample's asOf", () => {
  const v = validateOrg(doc, asOf);
  assert.deepEqual(v.errors, []);
  assert.equal(v.valid, true);
  // The five services, and the support desk that carries the tickets.
  assert.equal(v.services, sample.services.length + 1);
  assert.equal(v.resources, sample.capacity.length);
  assert.equal(v.teams, sample.teams.length);
});

test("the mapping hands over views of the worker's series: the SLA's month and the SLO's window, no copies", () => {
  const s = sample.services[0];
  const sla = doc.services[0].sla.samples;
  const slo = doc.services[0].slos[0].series;
  assert.equal(sla.good.buffer, s.sli.good.buffer);
  assert.equal(slo.total.buffer, s.sli.total.buffer);
  // The sample's asOf is 2026-11-01T00:00Z: October 2026 is 31 days of minutes; the window 28 days.
  assert.equal(sla.start, "2026-10-01T00:00:00.000Z");
  assert.equal(sla.total.length, 31 * 1440);
  assert.equal(slo.start, "2026-10-04T00:00:00.000Z");
  assert.equal(slo.good.length, s.slo.windowDays * 1440);
  assert.equal(sla.total[0], s.sli.total[s.sli.total.length - 31 * 1440]);
  assert.equal(doc.resources[0].runway.series.values, sample.capacity[0].series.values);
});

test("every service gets a status in words, a headline, the last whole month's SLA and its SLO budget", () => {
  const words = new Set(["no data", "healthy", "at risk", "critical"]);
  assert.equal(Date.parse(card.asOf), Date.parse(asOf));
  assert.deepEqual(card.services.map((s) => s.id), [...sample.services.map((s) => s.id), SUPPORT_ID]);
  for (const [i, s] of card.services.slice(0, sample.services.length).entries()) {
    assert.ok(words.has(s.statusText), s.statusText);
    assert.ok(s.headline.length > 0);
    // The period is the month before asOf (2026-10), not the empty month asOf opens.
    assert.equal(Date.parse(s.sla.start), Date.UTC(2026, 9, 1));
    assert.equal(Date.parse(s.sla.end), Date.UTC(2026, 10, 1));
    assert.equal(s.sla.target, sample.services[i].sla.target);
    // 31 days × 86 400 s × (1 − target), less maintenance cut out of the period: at most the full allowance.
    assert.ok(s.sla.allowedDowntimeSeconds <= 31 * 86400 * (1 - s.sla.target) + 1e-6);
    assert.ok(s.sla.allowedDowntimeSeconds > 0);
    assert.ok(s.sla.availability > 0.9 && s.sla.availability <= 1);
    assert.equal(s.slos.length, 1);
    assert.equal(s.slos[0].objective, sample.services[i].slo.target);
    assert.ok(Number.isFinite(s.slos[0].remaining));
    assert.ok(Number.isFinite(s.slos[0].burnRate) && s.slos[0].burnRate >= 0);
  }
});

test("the SLA availability is the month's mean per-minute good/total (an independent count over the sample)", () => {
  const from = Date.UTC(2026, 9, 1);
  const to = Date.UTC(2026, 10, 1);
  let checked = 0;
  for (const [i, s] of sample.services.entries()) {
    // Only services without maintenance in October (maintenance is cut out of the period, not counted here).
    if (sample.outages.some((o) => o.service === s.id && o.maintenance && Date.parse(o.end) > from && Date.parse(o.start) < to)) continue;
    const t0 = Date.parse(s.sli.start);
    let up = 0;
    const a = (from - t0) / 60000;
    const b = (to - t0) / 60000;
    for (let k = a; k < b; k++) up += s.sli.total[k] > 0 ? s.sli.good[k] / s.sli.total[k] : 1;
    assert.ok(Math.abs(card.services[i].sla.availability - up / (b - a)) < 1e-9, s.id);
    checked++;
  }
  assert.ok(checked >= 1);
});

test("every resource gets a runway against its limit, and the team a score with a top driver", () => {
  assert.deepEqual(card.resources.map((r) => r.id), sample.capacity.map((c) => c.id));
  for (const [i, r] of card.resources.entries()) {
    const c = sample.capacity[i];
    assert.equal(r.current, c.series.values[c.series.values.length - 1]);
    assert.equal(r.threshold, c.thresholds.limit);
    assert.ok(r.headline.length > 0);
    if (r.runwayAt && r.earliestAt) assert.ok(r.earliestAt <= r.runwayAt);
    if (r.runwayAt && r.latestAt) assert.ok(r.runwayAt <= r.latestAt);
  }
  // The sample's storage grows fastest against its limit: it has a runway date within the year's horizon.
  assert.ok(card.resources.some((r) => r.runwayAt), "at least one resource reaches its limit within a year");
  assert.equal(card.teams.length, 1);
  const team = card.teams[0];
  assert.equal(team.id, sample.teams[0].id);
  assert.ok(team.score >= 0 && team.score <= 100);
  assert.ok(typeof team.topDriver === "string" && team.topDriver.length > 0);
  assert.deepEqual([...team.services].sort(), [...sample.services.map((s) => s.id), SUPPORT_ID].sort());
});

test("an SLA target override is a what-if: a stricter target leaves less allowance", () => {
  const id = sample.services[0].id;
  const doc = orgDocument(sample);
  applyWhatIf(doc, { services: { [id]: { slaTarget: 0.99999 } } });
  const strict = scorecard(doc, { asOf });
  const before = card.services[0].sla;
  const after = strict.services[0].sla;
  assert.equal(after.target, 0.99999);
  assert.ok(after.allowedDowntimeSeconds < before.allowedDowntimeSeconds);
  assert.equal(after.downtimeSeconds, before.downtimeSeconds);
  // Other services are untouched.
  assert.deepEqual(strict.services[1].sla, card.services[1].sla);
});
