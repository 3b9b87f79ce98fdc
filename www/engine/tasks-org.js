// Worker tasks for the overview: the organisation (the sample and/or imported data) as one OrgDocument, scored by
// the engine's `scorecard` as it is (the baseline) and under the scenario's what-ifs, with the comparison of the
// two. The baseline is cached per organisation (sample seed, imports and their attachments), so moving a control
// re-scores only the scenario.
import { runway, scorecard, teamHealth } from "opscore";
import { asOfOf, orgDocument, sliWindowOf } from "./org.js";
import { applyWhatIf, isEmptyWhatIf } from "./org-whatif.js";
import { IMPORTED_TEAM, applyImports } from "./org-imports.js";
import { compareScorecards } from "./compare.js";

const DAY_MS = 86400000;
/** The scorecard's default thresholds (src/org/scorecard.rs), for cards re-derived from an engine what-if. */
const TEAM_HEALTHY = 70;
const TEAM_CRITICAL = 50;
const RUNWAY_WARNING_DAYS = 90;

const fail = (message, path = "org") => Object.assign(new Error(message), { name: "OpscoreError", code: "unknown_reference", path });

/** The latest instant in the imported data, rounded up to the next UTC midnight: the asOf of an imports-only organisation. */
function importsAsOf(sets) {
  let last = -Infinity;
  const see = (iso) => {
    const t = Date.parse(iso);
    if (Number.isFinite(t) && t > last) last = t;
  };
  for (const { data } of sets) {
    for (const o of data?.outages ?? []) see(o.end);
    for (const t of data?.tickets ?? []) [t.createdAt, t.firstResponseAt, t.resolvedAt].forEach(see);
    for (const p of data?.pages ?? []) see(p.at);
    for (const d of data?.deployments ?? []) see(d.at);
    const series = Array.isArray(data?.series) ? data.series.map((s) => s.series) : data?.series ? [data.series] : [];
    for (const s of series) if (s?.t?.length) last = Math.max(last, s.t[s.t.length - 1] + s.step * 1000);
  }
  return Number.isFinite(last) ? new Date(Math.ceil(last / DAY_MS) * DAY_MS).toISOString() : null;
}

const WORDS = { noData: "no data", healthy: "healthy", atRisk: "at risk", critical: "critical" };

/**
 * A team's card under its teamHealth what-if scenario: the engine's `whatIf[0].score`, with the scorecard's
 * thresholds. (The scorecard scores the baseline only; one teamHealth call gives both.)
 */
function teamUnderWhatIf(base, team) {
  const { id: _id, name: _name, ...health } = team;
  const s = teamHealth(health).whatIf?.[0]?.score;
  if (!s) return base;
  const status = s.score >= TEAM_HEALTHY ? "healthy" : s.score < TEAM_CRITICAL ? "critical" : "atRisk";
  return { ...base, score: s.score, topDriver: s.drivers?.[0] ?? null, drivers: s.drivers ?? [], note: s.note ?? null, status, statusText: WORDS[status], whatIf: true };
}

/** A resource's card from its runway what-if scenario (growth), with the scorecard's status rules. */
function resourceUnderWhatIf(base, resource, asOf) {
  const report = runway(resource.runway);
  const w = report.scenarios?.[0]?.runway;
  if (!w) return base;
  const day = (iso) => iso.slice(0, 10);
  const days = (iso) => (Date.parse(iso) - Date.parse(asOf)) / DAY_MS;
  const num = (x) => Number(x.toPrecision(5));
  let status;
  let headline;
  if (w.headroom <= 0) {
    status = "critical";
    headline = `past its threshold: ${num(report.current)} used against ${num(w.threshold)}`;
  } else if (w.earliest && days(w.earliest.at) <= RUNWAY_WARNING_DAYS) {
    status = "atRisk";
    headline = `may reach its threshold by ${day(w.earliest.at)}${w.mean ? `, most likely ${day(w.mean.at)}` : ""}`;
  } else {
    status = "healthy";
    headline = w.mean ? `reaches its threshold around ${day(w.mean.at)}` : `no crossing forecast before ${day(report.horizonEnd)}`;
  }
  return {
    ...base,
    status,
    statusText: WORDS[status],
    headline,
    current: report.current,
    threshold: w.threshold,
    headroom: w.headroom,
    runwayAt: w.mean?.at ?? null,
    earliestAt: w.earliest?.at ?? null,
    latestAt: w.latest?.at ?? null,
    horizonEnd: report.horizonEnd,
    level: report.level,
    whatIf: true,
  };
}

function tally(cards) {
  const t = { healthy: 0, atRisk: 0, critical: 0, noData: 0 };
  for (const c of cards) t[c.status]++;
  return t;
}

/** Score a whole document (the baseline). */
function score(doc, asOf) {
  return scorecard(doc, { asOf });
}

/**
 * Score only what a what-if changed, on top of the baseline card: the changed services and plain resources go
 * through `scorecard` as a small document of their own (their cross-references stripped, then restored from the
 * baseline); resources with a growth scenario and teams with a what-if come from one runway or teamHealth call.
 */
function scoreChanged(base, doc, changed, asOf) {
  const pick = (list, ids) => list.filter((x) => ids.has(x.id));
  const resources = pick(doc.resources, changed.resources);
  const part = {
    version: doc.version,
    name: doc.name,
    services: pick(doc.services, changed.services).map(({ team: _team, ...s }) => s),
    resources: resources.filter((r) => !r.runway.scenarios?.length).map(({ service: _service, ...r }) => r),
    teams: [],
  };
  let scored = { services: [], resources: [] };
  if (part.services.length || part.resources.length) {
    try {
      scored = scorecard(part, { asOf });
    } catch (e) {
      // The engine's path names the small document's entry: point it at the whole organisation's instead.
      if (typeof e?.path === "string") {
        e.path = e.path.replace(/^(services|resources)\[(\d+)\]/, (all, list, i) => {
          const id = part[list][Number(i)]?.id;
          const j = doc[list].findIndex((x) => x.id === id);
          return j >= 0 ? `${list}[${j}]` : all;
        });
      }
      throw e;
    }
  }
  const services = base.services.map((b) => {
    const n = scored.services.find((x) => x.id === b.id);
    return n ? { ...n, team: b.team } : b;
  });
  const resourceCards = base.resources.map((b) => {
    const n = scored.resources.find((x) => x.id === b.id);
    if (n) return { ...n, service: b.service };
    const r = resources.find((x) => x.id === b.id && x.runway.scenarios?.length);
    return r ? resourceUnderWhatIf(b, r, asOf) : b;
  });
  const teams = base.teams.map((b) => {
    const t = changed.teams.has(b.id) ? doc.teams.find((x) => x.id === b.id) : null;
    return t?.whatIf ? teamUnderWhatIf(b, t) : b;
  });
  return {
    ...base,
    services,
    resources: resourceCards,
    teams,
    serviceStatus: tally(services),
    resourceStatus: tally(resourceCards),
    teamStatus: tally(teams),
  };
}

/** Build the organisation: the sample (if loaded) plus the imports, at one asOf. */
export function buildOrg(held, imports) {
  const sets = imports.map((r) => ({ ...r, data: held.imports[r.id] ?? null }));
  const sample = held.org;
  const asOf = sample ? asOfOf(sample) : importsAsOf(sets);
  if (!asOf) throw fail("No organisation is loaded: choose the sample or import data on the Data view.");
  const lastMonth = new Date(Date.parse(asOf) - 1).toISOString();
  const period = sample ? { start: sample.meta.start, end: sample.meta.end } : null;
  const doc = sample ? orgDocument(sample) : { version: 1, name: "Imported data", services: [], resources: [], teams: [] };
  const sliWindow = (serviceId, days) => sliWindowOf(sample, serviceId, days);
  const used = applyImports(doc, sets, { asOf, lastMonth, period, sliWindow });
  // A team made only for imports that contributed nothing would have nothing to score.
  doc.teams = doc.teams.filter((t) => t.id !== IMPORTED_TEAM || t.onCall || t.dora);
  return { doc, asOf, period, imports: used };
}

/**
 * The baseline: the organisation with every import scored. An import the engine rejects (say, a series off its
 * step grid) is set aside with the engine's message, and the rest is scored without it: one bad file never takes
 * the overview down.
 */
function baseline(held, imports) {
  try {
    const built = buildOrg(held, imports);
    return { ...built, card: score(built.doc, built.asOf) };
  } catch (e) {
    if (!imports.length) throw e;
  }
  const kept = [];
  const rejected = [];
  for (const r of imports) {
    try {
      const built = buildOrg(held, [...kept, r]);
      score(built.doc, built.asOf);
      kept.push(r);
    } catch (e) {
      rejected.push({ ...r, error: `${e.message}${e.path ? ` (at ${e.path})` : ""}` });
    }
  }
  const built = buildOrg(held, kept);
  const card = score(built.doc, built.asOf);
  const notes = rejected.map((r) => ({ id: r.id, name: r.name, rows: 0, skipped: 0, attached: [], notes: [`${r.name}: not scored, the engine rejected it: ${r.error}`] }));
  return { ...built, imports: [...built.imports, ...notes], card };
}

const importList = (input) =>
  (Array.isArray(input?.imports) ? input.imports : [])
    .filter((r) => r && typeof r.id === "string")
    .map((r) => ({ id: r.id, name: String(r.name ?? r.id), kind: String(r.kind ?? ""), attach: typeof r.attach === "string" ? r.attach : "auto" }));

/** The task table, over the worker's `held` data (tasks.js). */
export function orgTasks(held) {
  let cache = null;
  return {
    /**
     * The overview: `{whatIf, imports: [{id, name, kind, attach}]}` → the scenario's scorecard, plus `compare`
     * (baseline → scenario per service, resource and team), `imports` (what each dataset added), `notes` and
     * `timing`. See org-whatif.js for `whatIf`, org-imports.js for `attach`.
     */
    "org.scorecard"(input) {
      const t0 = performance.now();
      const imports = importList(input);
      const key = JSON.stringify([held.seed, held.org ? held.org.meta.generator : null, imports, imports.map((r) => Boolean(held.imports[r.id]))]);
      if (!cache || cache.key !== key || cache.org !== held.org) cache = { key, org: held.org, ...baseline(held, imports) };
      const t1 = performance.now();
      const whatIf = input?.whatIf ?? {};
      let card = cache.card;
      let notes = [];
      if (!isEmptyWhatIf(whatIf)) {
        const doc = { ...cache.doc, services: [...cache.doc.services], resources: [...cache.doc.resources], teams: [...cache.doc.teams] };
        const applied = applyWhatIf(doc, whatIf, { period: cache.period });
        notes = applied.notes;
        card = scoreChanged(cache.card, doc, applied.changed, cache.asOf);
      }
      const compare = compareScorecards(cache.card, card);
      const t2 = performance.now();
      return { ...card, compare, imports: cache.imports, notes, timing: { baselineMs: t1 - t0, scenarioMs: t2 - t1 } };
    },
  };
}
