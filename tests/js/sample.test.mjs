// The planning tool's sample organisation (www/sample): deterministic, and shaped like a real organisation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng, dailyTotals, generateOrg, isSleepHour, summarise, SAMPLE_DEFAULTS } from "../../www/sample/index.js";

const org = generateOrg();

/** A 32-bit FNV-1a digest of everything in the organisation, Float64Arrays included (byte for byte). */
function digest(value) {
  let h = 0x811c9dc5;
  const eat = (bytes) => {
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  };
  const walk = (v) => {
    if (v instanceof Float64Array) eat(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") for (const k of Object.keys(v).sort()) (eat(new TextEncoder().encode(k)), walk(v[k]));
    else eat(new TextEncoder().encode(String(v)));
  };
  walk(value);
  return h >>> 0;
}

test("the PRNG is deterministic and roughly uniform", () => {
  const a = createRng("seed");
  const b = createRng("seed");
  const xs = Array.from({ length: 20000 }, () => a.next());
  assert.deepEqual(xs.slice(0, 50), Array.from({ length: 50 }, () => b.next()));
  assert.notEqual(createRng("other").next(), xs[0]);
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.01, `mean ${mean}`);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  // Normal deviates: mean ≈ 0, variance ≈ 1 over 20 000 draws (standard error of the mean 0.007).
  const n = Array.from({ length: 20000 }, () => a.normal());
  const m = n.reduce((s, x) => s + x, 0) / n.length;
  const v = n.reduce((s, x) => s + (x - m) ** 2, 0) / n.length;
  assert.ok(Math.abs(m) < 0.03 && Math.abs(v - 1) < 0.05, `mean ${m}, variance ${v}`);
});

test("the same seed gives the same organisation; another seed a different one", () => {
  assert.equal(digest(generateOrg()), digest(org));
  const other = generateOrg({ seed: "another" });
  assert.notEqual(digest(other), digest(org));
  assert.equal(other.services.length, org.services.length);
});

test("five services with a year of per-minute good/total buckets", () => {
  assert.equal(org.services.length, 5);
  assert.equal(org.meta.start, SAMPLE_DEFAULTS.start);
  assert.equal(org.meta.asOf, "2026-11-01T00:00:00Z");
  for (const s of org.services) {
    const { good, total, step, start } = s.sli;
    assert.equal(step, 60);
    assert.equal(start, org.meta.start);
    assert.ok(good instanceof Float64Array && total instanceof Float64Array);
    assert.equal(total.length, 365 * 1440);
    assert.equal(good.length, total.length);
    for (let i = 0; i < total.length; i++) {
      if (!(good[i] >= 0 && good[i] <= total[i] && Number.isInteger(total[i]))) assert.fail(`${s.id} bucket ${i}: ${good[i]}/${total[i]}`);
    }
    assert.ok(s.sla.target > 0.99 && s.sla.target < 1, s.id);
    assert.ok(s.slo.target <= s.sla.target, `${s.id}: the internal SLO target is no higher than the SLA`);
  }
});

test("traffic has a daily peak, quieter weekends and growth", () => {
  const s = org.services.find((x) => x.id === "search");
  const { total } = s.sli;
  // Hour-of-day profile over the first 8 weeks: the peak hour (20:00 UTC) carries well over twice the trough.
  const byHour = new Float64Array(24);
  for (let i = 0; i < 56 * 1440; i++) byHour[Math.floor((i % 1440) / 60)] += total[i];
  const peak = Math.max(...byHour);
  const trough = Math.min(...byHour);
  assert.equal(byHour.indexOf(peak), 20);
  assert.ok(peak > 2.5 * trough, `peak ${peak} trough ${trough}`);
  // 2025-11-01 is a Saturday: days 0 and 1 are a weekend, days 2-6 weekdays.
  const daily = dailyTotals(s.sli).total;
  const weekend = (daily[7] + daily[8]) / 2;
  const weekday = (daily[9] + daily[10] + daily[11]) / 3;
  assert.ok(weekend < 0.85 * weekday, `weekend ${weekend} weekday ${weekday}`);
  const firstMonth = daily.slice(0, 28).reduce((a, b) => a + b, 0);
  const lastMonth = daily.slice(-28).reduce((a, b) => a + b, 0);
  assert.ok(lastMonth > 1.3 * firstMonth, "search grows about 55% over the year");
});

test("incidents show in the SLI, and some months miss the SLA", () => {
  let breaches = 0;
  for (const s of org.services) {
    const d = dailyTotals(s.sli);
    for (let m = 0; m + 30 <= 365; m += 30) {
      let g = 0;
      let t = 0;
      for (let i = m; i < m + 30; i++) (g += d.good[i]), (t += d.total[i]);
      if (g / t < s.sla.target) breaches++;
    }
    const incidents = org.outages.filter((o) => o.service === s.id && !o.maintenance);
    assert.ok(incidents.length >= 2, `${s.id} has incidents`);
    // During an incident the error rate is far above the baseline.
    const inc = incidents[0];
    const i0 = (Date.parse(inc.start) - Date.parse(s.sli.start)) / 60000;
    let bad = 0;
    let tot = 0;
    for (let i = i0; i < i0 + 3; i++) (bad += s.sli.total[i] - s.sli.good[i]), (tot += s.sli.total[i]);
    assert.ok(bad / tot > 0.05, `${s.id} ${inc.id}: error ratio ${bad / tot}`);
  }
  assert.ok(breaches >= 3 && breaches <= 30, `${breaches} service-months below their SLA`);
});

test("outages are ordered, well formed, and maintenance windows are flagged", () => {
  const ids = new Set();
  for (const [i, o] of org.outages.entries()) {
    assert.ok(Date.parse(o.end) > Date.parse(o.start), o.id);
    assert.ok(!ids.has(o.id), `duplicate ${o.id}`);
    ids.add(o.id);
    if (i > 0) assert.ok(o.start >= org.outages[i - 1].start);
  }
  const maintenance = org.outages.filter((o) => o.maintenance);
  assert.equal(maintenance.length, 24, "payments and search: first Sunday of each month");
  assert.ok(maintenance.every((o) => new Date(o.start).getUTCDay() === 0));
  // The shared dependency: an identity incident also hits checkout at the same moment.
  const caused = org.outages.filter((o) => o.cause);
  assert.equal(caused.length, 2);
  assert.ok(caused.every((o) => org.outages.some((p) => p.id === o.cause && p.start === o.start)));
});

test("tickets: all four priorities, ordered, with a business calendar in an IANA zone", () => {
  const { tickets, calendar, targets } = org.support;
  assert.ok(tickets.length > 300 && tickets.length < 700, `${tickets.length} tickets`);
  const count = (p) => tickets.filter((t) => t.priority === p).length;
  assert.ok(count("P1") >= 3 && count("P1") < count("P2") && count("P2") < count("P4") && count("P4") < count("P3") * 1.2);
  assert.deepEqual(Object.keys(targets), ["P1", "P2", "P3", "P4"]);
  assert.equal(calendar.timeZone, "Europe/London");
  assert.ok(calendar.holidays.includes("2025-12-25"));
  assert.deepEqual(calendar.workingHours.saturday, []);
  for (const [i, t] of tickets.entries()) {
    assert.equal(t.id, `SUP-${10001 + i}`);
    if (t.firstResponseAt) assert.ok(t.firstResponseAt >= t.createdAt);
    if (t.resolvedAt) assert.ok(t.resolvedAt >= (t.firstResponseAt ?? t.createdAt));
    // Every pause lies inside the ticket's life: after creation, and before its resolution (or asOf if still open).
    for (const p of t.pauses ?? []) {
      assert.ok(p.end > p.start);
      assert.ok(p.start >= t.createdAt, `${t.id}: pause before creation`);
      assert.ok(p.end <= (t.resolvedAt ?? org.meta.asOf), `${t.id}: pause ${p.start}..${p.end} runs past ${t.resolvedAt ?? "asOf"}`);
    }
  }
  assert.ok(tickets.some((t) => !t.resolvedAt), "some are still open at asOf");
  assert.ok(tickets.some((t) => t.pauses), "some were paused waiting on the customer");
});

test("capacity: daily series with weekly seasonality, growth and thresholds above today's level", () => {
  assert.equal(org.capacity.length, 4);
  for (const c of org.capacity) {
    const v = c.series.values;
    assert.equal(c.series.step, 86400);
    assert.equal(v.length, 365);
    assert.ok(v.every((x) => Number.isFinite(x) && x > 0));
    const head = v.slice(0, 28).reduce((a, b) => a + b, 0);
    const tail = v.slice(-28).reduce((a, b) => a + b, 0);
    assert.ok(tail > 1.2 * head, `${c.id} grows`);
    assert.ok(c.thresholds.warning < c.thresholds.limit);
    assert.ok(v[v.length - 1] < c.thresholds.limit, `${c.id} has not hit its limit yet`);
  }
  // Weekly seasonality on the CPU series: weekdays above weekends on average.
  const cpu = org.capacity.find((c) => c.id === "search-cpu").series.values;
  let we = 0;
  let wd = 0;
  for (let d = 0; d < 364; d++) (d % 7 === 0 || d % 7 === 1 ? (we += cpu[d] / 2) : (wd += cpu[d] / 5));
  assert.ok(wd > 1.1 * we, `weekday ${wd} weekend ${we}`);
});

test("the on-call team: 10-12 people in two zones, sleep-hour pages, failed deployments that recover", () => {
  assert.equal(org.teams.length, 1);
  const team = org.teams[0];
  assert.ok(team.responders.length >= 10 && team.responders.length <= 12);
  assert.deepEqual([...new Set(team.responders.map((r) => r.timeZone))].sort(), ["America/New_York", "Europe/London"]);
  const ids = new Set(team.responders.map((r) => r.id));
  assert.ok(team.pages.length > 300);
  assert.ok(team.pages.every((p) => ids.has(p.responder) && (p.urgency === "high" || p.urgency === "low")));
  const sleep = team.pages.filter((p) => isSleepHour(p, team.responders));
  assert.ok(sleep.length > 10 && sleep.length < team.pages.length / 3, `${sleep.length} sleep-hour pages`);
  assert.ok(team.pages.every((p, i) => i === 0 || p.at >= team.pages[i - 1].at));
  assert.ok(team.shifts.every((s) => ids.has(s.responder) && s.end > s.start));
  const failed = team.deployments.filter((d) => d.failed);
  assert.ok(failed.length > 20 && failed.length < team.deployments.length * 0.2);
  assert.ok(failed.every((d) => d.recoveredAt > d.at));
  const categories = new Set(team.toil.filter((t) => t.toil).map((t) => t.category));
  assert.equal(categories.size, 5);
  assert.ok(team.toil.every((t) => t.hours >= 0 && ids.has(t.person)));
  assert.deepEqual([...new Set(team.squadVotes.map((v) => v.vote))].sort(), ["green", "red", "yellow"]);
  assert.equal(new Set(team.squadVotes.map((v) => v.at)).size, 4, "four quarterly surveys");
  assert.ok(team.enps.every((a) => Number.isInteger(a.score) && a.score >= 0 && a.score <= 10));
});

test("the summary for the page is small and carries daily series only", () => {
  const s = summarise(org);
  assert.equal(s.services.length, 5);
  assert.equal(s.services[0].daily.total.length, 365);
  assert.ok(JSON.stringify(s).length < 200_000);
  let progress = 0;
  generateOrg({ days: 30, onProgress: (done, total) => (progress = done / total) });
  assert.equal(progress, 1);
  assert.throws(() => generateOrg({ days: 3 }), RangeError);
});

test("weekly team counts add up to the team's pages and deployments", () => {
  const t = summarise(org).teams[0];
  const sum = (a) => a.reduce((x, y) => x + y, 0);
  // 365 days = 52 whole weeks and one day; the partial week is left out.
  assert.equal(t.weekly.pagesHigh.length, 52);
  const cut = new Date(Date.parse(org.meta.start) + 52 * 7 * 86400000).toISOString();
  const team = org.teams[0];
  assert.equal(sum(t.weekly.pagesHigh) + sum(t.weekly.pagesLow), team.pages.filter((p) => p.at < cut).length);
  assert.equal(sum(t.weekly.deployments), team.deployments.filter((d) => d.at < cut).length);
  assert.equal(sum(t.weekly.failedDeployments), team.deployments.filter((d) => d.at < cut && d.failed).length);
});

test("credit tables tile from 0 up to each service's SLA target, in the SLA engine's shape", () => {
  for (const s of org.services) {
    const tiers = [...s.sla.credits.tiers].sort((a, b) => (a.min ?? 0) - (b.min ?? 0));
    assert.equal(tiers[0].min, undefined, "the lowest band starts at 0");
    for (let i = 1; i < tiers.length; i++) assert.equal(tiers[i].min, tiers[i - 1].max, `${s.id}: no gap or overlap`);
    assert.equal(tiers[tiers.length - 1].max, s.sla.target, `${s.id}: no credit at or above the target`);
    assert.ok(tiers.every((t, i) => i === 0 || t.credit < tiers[i - 1].credit), "worse months earn more");
  }
});
