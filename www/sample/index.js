// The built-in sample organisation: deterministic from a seed, generated in the engine's Web Worker (or in Node
// for tests). The field names follow the engines' JSON documents (camelCase, RFC 3339 times, seconds, fractions).
import { createRng } from "./prng.js";
import { DAY, iso } from "./time.js";
import { SERVICE_SPECS, generateSli, outagesFrom, planEvents } from "./services.js";
import { businessCalendar, generateTickets, ticketTargets } from "./support.js";
import { RESOURCE_SPECS, generateCapacity } from "./capacity.js";
import {
  TEAM_ID,
  TEAM_NAME,
  generateDeployments,
  generatePages,
  generateShifts,
  generateSurveys,
  generateToil,
  roster,
} from "./team.js";

export { createRng } from "./prng.js";
export { isSleepHour } from "./team.js";

/** The sample's default seed and year: 2025-11-01 to 2026-11-01 (UTC), scored "as of" its end. */
export const SAMPLE_DEFAULTS = Object.freeze({ seed: "opscore-sample-1", start: "2025-11-01T00:00:00Z", days: 365 });

/** The generator's format version; part of a saved scenario, so a changed generator can be told apart. */
export const SAMPLE_VERSION = 1;

/**
 * Generate the sample organisation. Options: `seed` (string), `start` (RFC 3339), `days` (1-366),
 * `onProgress(done, total, label)`. Returns a plain object whose SLI and capacity values are Float64Arrays.
 */
export function generateOrg(options = {}) {
  const seed = options.seed ?? SAMPLE_DEFAULTS.seed;
  const days = options.days ?? SAMPLE_DEFAULTS.days;
  if (!Number.isInteger(days) || days < 14 || days > 366) throw new RangeError("days must be a whole number from 14 to 366");
  const start = Date.parse(options.start ?? SAMPLE_DEFAULTS.start);
  if (!Number.isFinite(start) || start % DAY !== 0) throw new RangeError("start must be a UTC midnight");
  const end = start + days * DAY;
  const progress = options.onProgress ?? (() => {});
  const rng = createRng(seed);
  const steps = SERVICE_SPECS.length + 3;
  let done = 0;

  const plans = planEvents(rng.fork("events"), start, days);
  const services = SERVICE_SPECS.map((spec) => {
    const sli = generateSli(rng.fork(`sli/${spec.id}`), spec, plans.get(spec.id), start, days);
    progress(++done, steps, `SLI buckets for ${spec.name}`);
    return {
      id: spec.id,
      name: spec.name,
      tier: spec.tier,
      dependsOn: [...spec.dependsOn],
      sla: { target: spec.slaTarget, period: "month", credits: creditTable(spec.slaTarget) },
      slo: { target: spec.sloTarget, windowDays: 28 },
      sli,
    };
  });
  const outages = outagesFrom(plans);

  const supportRng = rng.fork("support");
  const support = {
    calendar: businessCalendar(),
    targets: ticketTargets(),
    tickets: generateTickets(supportRng, start, days, end),
  };
  progress(++done, steps, "Support tickets");

  const capacity = RESOURCE_SPECS.map((spec) => generateCapacity(rng.fork(`capacity/${spec.id}`), spec, start, days));
  progress(++done, steps, "Capacity series");

  const teamRng = rng.fork("team");
  const people = roster();
  const incidents = [...plans.values()].flatMap((p) => p.incidents.filter((i) => !i.cause));
  const surveys = generateSurveys(teamRng.fork("surveys"), people, start, days);
  const team = {
    id: TEAM_ID,
    name: TEAM_NAME,
    services: SERVICE_SPECS.map((s) => s.id),
    responders: people,
    shifts: generateShifts(people, start, days),
    pages: generatePages(teamRng.fork("pages"), people, incidents, start, days),
    deployments: generateDeployments(teamRng.fork("deploys"), start, days),
    toil: generateToil(teamRng.fork("toil"), people, start, days),
    squadVotes: surveys.votes,
    enps: surveys.enps,
  };
  progress(++done, steps, "On-call team");

  return {
    meta: {
      name: "Northwind Retail (sample)",
      seed,
      generator: `opscore-sample/${SAMPLE_VERSION}`,
      start: iso(start),
      end: iso(end),
      asOf: iso(end),
    },
    services,
    outages,
    support,
    capacity,
    teams: [team],
  };
}

/**
 * Service credits as the SLA engine's credit table: availability bands [min, max) and the credit (a fraction of
 * the monthly bill) each earns. Missing the SLA target earns 10%, a much worse month 25%, a disaster the whole
 * bill; at or above the target no credit is due.
 */
export function creditTable(target) {
  const [mid, low] = target >= 0.999 ? [0.99, 0.95] : [0.95, 0.9];
  return {
    tiers: [
      { min: mid, max: target, credit: 0.1 },
      { min: low, max: mid, credit: 0.25 },
      { max: low, credit: 1 },
    ],
  };
}

/**
 * Sum per-minute buckets into daily ones: `{good, total}` Float64Arrays of one value per day. Used for charts
 * (the page never needs half a million points per service) and to check the sample's shape.
 */
export function dailyTotals(sli) {
  const perDay = 86400 / sli.step;
  const days = Math.floor(sli.total.length / perDay);
  const good = new Float64Array(days);
  const total = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    let g = 0;
    let t = 0;
    for (let i = d * perDay, e = i + perDay; i < e; i++) {
      g += sli.good[i];
      t += sli.total[i];
    }
    good[d] = g;
    total[d] = t;
  }
  return { start: sli.start, step: 86400, good, total };
}

/** A small summary of an organisation for the page: names, counts, and daily series (no per-minute data). */
export function summarise(org) {
  return {
    meta: { ...org.meta },
    services: org.services.map((s) => ({
      id: s.id,
      name: s.name,
      tier: s.tier,
      dependsOn: s.dependsOn,
      sla: s.sla,
      slo: s.slo,
      buckets: s.sli.total.length,
      daily: dailyTotals(s.sli),
      outages: org.outages.filter((o) => o.service === s.id && !o.maintenance).length,
      maintenance: org.outages.filter((o) => o.service === s.id && o.maintenance).length,
    })),
    outages: org.outages,
    support: { calendar: org.support.calendar, targets: org.support.targets, tickets: org.support.tickets.length },
    capacity: org.capacity.map((c) => ({ ...c, series: { ...c.series, values: c.series.values.slice() } })),
    teams: org.teams.map((t) => teamSummary(t, org.meta.start, org.meta.end)),
  };
}

/** A team as the page lists it: its people, how many rows of each kind it holds, and its weekly interruptions. */
export function teamSummary(t, start, end) {
  return {
    id: t.id,
    name: t.name,
    responders: t.responders,
    pages: t.pages.length,
    shifts: t.shifts.length,
    deployments: t.deployments.length,
    failedDeployments: t.deployments.filter((d) => d.failed).length,
    toilEntries: t.toil.length,
    surveys: new Set(t.squadVotes.map((v) => v.at)).size,
    weekly: weeklyCounts(t, start, end),
  };
}

/**
 * Pages (by urgency) and deployments (and failed ones) per whole 7-day block from `start`, for the team view's
 * chart. A partial last block is left out, so the chart never ends in a false drop.
 */
export function weeklyCounts(team, start, end) {
  const t0 = Date.parse(start);
  const weeks = Math.floor((Date.parse(end) - t0) / (7 * 86400000));
  const pagesHigh = new Float64Array(weeks);
  const pagesLow = new Float64Array(weeks);
  const deployments = new Float64Array(weeks);
  const failedDeployments = new Float64Array(weeks);
  const week = (iso) => Math.floor((Date.parse(iso) - t0) / (7 * 86400000));
  for (const p of team.pages) {
    const w = week(p.at);
    if (w >= 0 && w < weeks) (p.urgency === "high" ? pagesHigh : pagesLow)[w]++;
  }
  for (const d of team.deployments) {
    const w = week(d.at);
    if (w >= 0 && w < weeks) {
      deployments[w]++;
      if (d.failed) failedDeployments[w]++;
    }
  }
  return { start, step: 7 * 86400, pagesHigh, pagesLow, deployments, failedDeployments };
}
