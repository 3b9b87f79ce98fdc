// Worker tasks of the team-health view. The team's history (pages, shifts, deployments, toil, surveys) stays in the
// worker: the page names it with {$ref: "org/teams/<id>"} and gets back the engine's reports, trimmed to what it
// draws. The engine inputs are built once per team object (WeakMap), pages in the columnar fast form
// (`pageColumns`), timestamps as epoch ms; the what-if path also sends the deployments and the reduced toil log as
// columns (`deploymentColumns`, `entryColumns`: typed arrays, which cross into the engine far faster than objects).
//
// - "team.health" is the baseline: every part over the whole period, shifts included (per-shift incident load and
//   each responder's measured time on call).
// - "team.whatIf" re-scores a scenario. It gives the engine the same data minus the shift calendar: with a
//   rotation shape in the input, time on call is rolesPerShift / members and every factor of the score comes from
//   pages, deployments, toil and surveys, so the score is the same (the e2e test checks it) and the call is cheaper.
//   The toil log is reduced the same way to what the scenario can change (leanToil), and the surveys to each
//   instrument's latest session (the only one the score reads).
//   Results are memoised per scenario, so scrubbing a slider back over values already seen costs nothing.
// Results hold no buffers, so the cached objects are posted (structured-cloned) as they are.
import { teamHealth, toil as toilReport } from "opscore";

const BENCHMARKS = new Set(["dora-2021", "dora-2023"]);
const MEDIANS = new Set(["interpolated", "lower"]);
const MEMO_LIMIT = 128;
const cache = new WeakMap();

const fail = (message, path, code = "invalid_type") => {
  throw Object.assign(new Error(message), { name: "OpscoreError", code, path });
};
const ms = (t) => (typeof t === "number" ? t : Date.parse(t));

/** The rotation's shape, read from the data: members, sites (distinct `site`s), roles per shift, shift hours. */
export function rotationShape(team) {
  const sites = new Set(team.responders.map((r) => r.site ?? r.timeZone)).size;
  const roles = new Set((team.shifts ?? []).map((s) => s.role ?? "primary")).size || 1;
  const lengths = (team.shifts ?? []).map((s) => (ms(s.end) - ms(s.start)) / 3_600_000).filter((h) => h > 0).sort((a, b) => a - b);
  const shiftHours = lengths.length ? lengths[Math.floor(lengths.length / 2)] : 168;
  return { members: team.responders.length, rolesPerShift: Math.min(roles, team.responders.length), sites: Math.min(2, Math.max(1, sites)), shiftHours };
}

/**
 * Pages as the engine's columnar form: epoch ms, responder index, NaN for "none". The columns carry no channel, so
 * email notifications (which never count as interruptions) are left out here, as the engine's docs ask.
 */
function pageColumns(team) {
  const index = new Map(team.responders.map((r, i) => [r.id, i]));
  const incidents = new Map();
  const pages = team.pages.filter((p) => p.channel !== "email");
  const n = pages.length;
  const cols = { at: new Float64Array(n), responder: new Float64Array(n), acknowledgedAt: new Float64Array(n), incident: new Float64Array(n), highUrgency: new Float64Array(n) };
  pages.forEach((p, i) => {
    const who = index.get(p.responder);
    if (who === undefined) fail(`A page at ${p.at} is for "${p.responder}", who is not in the roster.`, `pages[${team.pages.indexOf(p)}].responder`, "unknown_reference");
    cols.at[i] = ms(p.at);
    cols.responder[i] = who;
    cols.acknowledgedAt[i] = p.acknowledgedAt ? ms(p.acknowledgedAt) : Number.NaN;
    if (p.incidentId) {
      if (!incidents.has(p.incidentId)) incidents.set(p.incidentId, incidents.size);
      cols.incident[i] = incidents.get(p.incidentId);
    } else cols.incident[i] = Number.NaN;
    cols.highUrgency[i] = p.urgency === "high" ? 1 : p.urgency === "low" ? 0 : Number.NaN;
  });
  return cols;
}

/** The engine inputs for a team over `period`, built once per team object and period. */
function inputsFor(team, period) {
  if (!team || !Array.isArray(team.responders) || !Array.isArray(team.pages)) fail("The team data is missing or not a team.", "team");
  if (!period || typeof period.start !== "string" || typeof period.end !== "string") fail("A period {start, end} is needed.", "period");
  let entry = cache.get(team);
  const key = `${period.start}/${period.end}`;
  if (entry?.key === key) return entry;
  const rotation = rotationShape(team);
  const responders = team.responders.map((r) => ({ id: r.id, timeZone: r.timeZone }));
  // Ids are left out: they only tie deployments to incidents, which this view does not pass (and they cost a string
  // each to read).
  const deployments = (team.deployments ?? []).map((d) => ({
    at: ms(d.at),
    ...(d.leadTimeSeconds !== undefined ? { leadTimeSeconds: d.leadTimeSeconds } : {}),
    ...(d.commitTimes ? { commitTimes: d.commitTimes } : {}),
    ...(d.failed ? { failed: true } : {}),
    ...(d.recoveredAt ? { recoveredAt: ms(d.recoveredAt) } : {}),
    ...(d.rework !== undefined ? { rework: Boolean(d.rework) } : {}),
  }));
  const toil = { entries: (team.toil ?? []).map((e) => ({ person: e.person, week: ms(e.week), category: e.category, hours: e.hours, toil: e.toil !== false })) };
  const surveys = {
    squadHealth: (team.squadVotes ?? []).map((v) => ({ team: v.team, at: v.at, card: v.card, vote: v.vote, ...(v.trend ? { trend: v.trend } : {}) })),
    enps: (team.enps ?? []).map((e) => ({ team: e.team, at: e.at, score: e.score })),
  };
  // The score takes each team's latest session of each instrument; the what-if path passes only those rows.
  const latestOnly = (rows) => {
    const last = new Map();
    for (const r of rows) if (!last.has(r.team) || ms(r.at) > last.get(r.team)) last.set(r.team, ms(r.at));
    return rows.filter((r) => ms(r.at) === last.get(r.team));
  };
  const leanSurveys = { squadHealth: latestOnly(surveys.squadHealth), enps: latestOnly(surveys.enps) };
  const columns = pageColumns(team);
  const shifts = (team.shifts ?? []).map((s) => ({ responder: s.responder, start: ms(s.start), end: ms(s.end), ...(s.role ? { role: s.role } : {}) }));
  const onCall = { period, responders, pages: [], pageColumns: columns, rotation };
  entry = {
    key,
    rotation,
    categories: [...new Set((team.toil ?? []).filter((e) => e.toil !== false).map((e) => e.category))],
    parts: { deployments, toil, surveys },
    // The what-if path's deployments: the same rows as columns (the engine reads numbers far faster than objects).
    // The baseline ("team.health") reads the objects, so a bad row is reported there with its object path.
    deploymentColumns: deploymentColumns(deployments),
    leanSurveys,
    full: { ...onCall, shifts },
    lean: { ...onCall, shifts: [] },
    toilCells: toilCells(team),
    leanToil: new Map(),
    baseline: new Map(),
    memo: new Map(),
  };
  cache.set(team, entry);
  return entry;
}

/**
 * `deployments` (as inputsFor builds them) as the engine's `deploymentColumns`: the same values, NaN for absent.
 * `failed` is 1 or NaN (absent means "not known to have failed", as in the objects), `rework` 1, 0 or NaN.
 */
export function deploymentColumns(deployments) {
  // Columns cannot say "an empty list of commits" (objects: no lead time from it), nor carry a commit time finer
  // than a millisecond: such data stays in the object form.
  const exact = (c) => typeof c === "number" || !/\.\d{4,}/.test(c);
  if (deployments.some((d) => d.commitTimes && (d.commitTimes.length === 0 || !d.commitTimes.every(exact)))) return null;
  const n = deployments.length;
  const cols = { at: new Float64Array(n), leadTimeSeconds: new Float64Array(n), failed: new Float64Array(n), recoveredAt: new Float64Array(n), rework: new Float64Array(n) };
  const offsets = [0];
  const commits = [];
  deployments.forEach((d, i) => {
    cols.at[i] = d.at;
    cols.leadTimeSeconds[i] = d.leadTimeSeconds ?? Number.NaN;
    cols.failed[i] = d.failed ? 1 : Number.NaN;
    cols.recoveredAt[i] = d.recoveredAt ?? Number.NaN;
    cols.rework[i] = d.rework === undefined ? Number.NaN : d.rework ? 1 : 0;
    for (const c of d.commitTimes ?? []) commits.push(ms(c));
    offsets.push(commits.length);
  });
  if (commits.length) Object.assign(cols, { commitOffsets: Float64Array.from(offsets), commitTimes: Float64Array.from(commits) });
  return cols;
}

const DAY_MS = 86_400_000;
/** The Monday 00:00 UTC of the ISO week containing `t` (the toil engine's week in its default zone, UTC). */
const mondayOf = (t) => {
  const d = Math.floor(ms(t) / DAY_MS) * DAY_MS;
  return d - ((new Date(d).getUTCDay() + 6) % 7) * DAY_MS;
};

/**
 * The toil log per person-week: hours logged, toil hours, and toil hours per category. The what-if path hands the
 * engine this log reduced to what a scenario can change (see leanToil); the baseline gets every entry.
 */
function toilCells(team) {
  const cells = new Map();
  for (const e of team.toil ?? []) {
    const week = mondayOf(e.week);
    const key = `${e.person ?? ""}|${week}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { person: e.person ?? "", week, logged: 0, toil: 0, byCategory: new Map() }));
    c.logged += e.hours;
    if (e.toil !== false) {
      c.toil += e.hours;
      c.byCategory.set(e.category, (c.byCategory.get(e.category) ?? 0) + e.hours);
    }
  }
  return [...cells.values()];
}

// Names for the reduced log's lumped categories; a NUL cannot come from a CSV cell or the sample.
const OTHER_TOIL = "\u0000other toil";
const ENGINEERING = "\u0000engineering";

/**
 * The toil input of a what-if. The score needs only each person-week's share, so a person-week goes in as one
 * share (toil / logged: the division the engine itself makes on the "logged" basis), unless the scenario automates
 * a category it has hours in: then it goes in as at most three entries (that category, the rest of the toil,
 * engineering), which give the engine the same share before and after, and the same hours freed. For the sample
 * that is 561 shares (or about 1,700 entries when automating ticket triage) instead of 2,846 entries; a share
 * costs the engine far less than an entry object, and the entries go in as `entryColumns` (typed arrays, in the
 * same order), which cost less again: ticket triage's what-if went from about 5.5 to 2 ms of engine time.
 */
function leanToil(entry, category) {
  const key = category ?? "";
  let t = entry.leanToil.get(key);
  if (t) return t;
  const shares = [];
  // The entries go in as columns (numbers cross into the engine far faster than objects), in the same order.
  const people = new Map();
  const cols = { person: [], week: [], category: [], hours: [], toil: [] };
  const push = (c, k, hours, toil) => {
    if (!people.has(c.person)) people.set(c.person, people.size);
    cols.person.push(people.get(c.person));
    cols.week.push(c.week);
    cols.category.push(k);
    cols.hours.push(hours);
    cols.toil.push(toil);
  };
  for (const c of entry.toilCells) {
    const mine = category === null ? 0 : (c.byCategory.get(category) ?? 0);
    if (!(mine > 0)) {
      shares.push({ person: c.person, week: c.week, toilFraction: c.logged > 0 ? c.toil / c.logged : 0 });
      continue;
    }
    push(c, 0, mine, 1);
    if (c.toil - mine > 0) push(c, 1, c.toil - mine, 1);
    if (c.logged - c.toil > 0) push(c, 2, c.logged - c.toil, 0);
  }
  t = { shares };
  if (cols.week.length) {
    t.entryColumns = {
      people: [...people.keys()],
      person: Float64Array.from(cols.person),
      week: Float64Array.from(cols.week),
      categories: [category, OTHER_TOIL, ENGINEERING],
      category: Float64Array.from(cols.category),
      hours: Float64Array.from(cols.hours),
      toil: Float64Array.from(cols.toil),
    };
  }
  entry.leanToil.set(key, t);
  return t;
}

function options(input) {
  const benchmark = input?.benchmark ?? "dora-2023";
  const median = input?.median ?? "interpolated";
  if (!BENCHMARKS.has(benchmark)) fail(`Unknown DORA benchmark set "${benchmark}": use dora-2021 or dora-2023.`, "benchmark", "out_of_range");
  if (!MEDIANS.has(median)) fail(`Unknown median convention "${median}": use interpolated or lower.`, "median", "out_of_range");
  return { benchmark, median };
}

/** teamHealth's input. A part without data is left out, so the engine drops it from the score and says so. */
function engineInput(entry, onCall, period, { benchmark, median }, whatIf = [], toil = entry.parts.toil, surveys = entry.parts.surveys, columns = false) {
  const { deployments } = entry.parts;
  const dora = columns && entry.deploymentColumns ? { deployments: [], deploymentColumns: entry.deploymentColumns } : { deployments };
  return {
    ...(deployments.length ? { dora: { period, ...dora, benchmark, median } } : {}),
    // A team of imported deployments only has nobody on call: its on-call part is left out like the others.
    ...(onCall.responders.length ? { onCall } : {}),
    ...(toil.entries?.length || toil.shares?.length || toil.entryColumns ? { toil } : {}),
    ...(surveys.squadHealth.length || surveys.enps.length ? { surveys } : {}),
    whatIf,
  };
}

/** Per-shift incident counts as a distribution (the page needs the shape, not 1,460 rows). */
function shiftSummary(shifts) {
  const byIncidents = [0, 0, 0, 0, 0];
  let busiest = null;
  for (const s of shifts) {
    byIncidents[Math.min(4, s.incidents)]++;
    if (!busiest || s.incidentsPer12Hours > busiest.incidentsPer12Hours) busiest = s;
  }
  const hours = shifts.length ? (ms(shifts[0].end) - ms(shifts[0].start)) / 3_600_000 : 0;
  return { count: shifts.length, hours, byIncidents, busiest };
}

/** A scenario from the page: only the fields the engine knows, checked for type here so errors have a path. */
function cleanScenario(s = {}) {
  const out = { name: "what-if" };
  if (s.rotationMembers !== undefined) out.rotationMembers = s.rotationMembers;
  if (s.pageReduction !== undefined) out.pageReduction = s.pageReduction;
  if (Array.isArray(s.automate) && s.automate.length) out.automate = s.automate.map((a) => ({ category: a.category, fraction: a.fraction }));
  if (s.shiftHours !== undefined) out.shiftHours = s.shiftHours;
  return out;
}

export const teamTasks = {
  /**
   * The baseline: `{team: {$ref: "org/teams/<id>"}, period: {start, end}, benchmark?, median?}` → the engine's
   * report (score, factors, dora, onCall with shifts summarised, toil, surveys), the rotation shape and the toil
   * categories, with the engine time.
   */
  "team.health"(input) {
    const entry = inputsFor(input?.team, input?.period);
    const opts = options(input);
    const key = `${opts.benchmark}/${opts.median}`;
    const cached = entry.baseline.get(key);
    if (cached) return { ...cached, timing: { ...cached.timing, cached: true } };
    const t0 = performance.now();
    const r = teamHealth(engineInput(entry, entry.full, input.period, opts));
    const engineMs = performance.now() - t0;
    const { shifts, ...onCall } = r.onCall ?? {};
    const result = { ...r, onCall: r.onCall ? { ...onCall, shiftSummary: shiftSummary(shifts) } : undefined, rotation: entry.rotation, categories: entry.categories, timing: { engineMs } };
    entry.baseline.set(key, result);
    return result;
  },
  /**
   * A what-if: `{team, period, benchmark?, median?, scenario: {rotationMembers?, pageReduction?, automate?,
   * shiftHours?}}` → `{whatIf, baselineScore, timing: {engineMs, memo}}`. `baselineScore` is this call's own
   * baseline (without the shift calendar); it equals "team.health"'s score.
   */
  "team.whatIf"(input) {
    const entry = inputsFor(input?.team, input?.period);
    const opts = options(input);
    const scenario = cleanScenario(input?.scenario);
    const key = JSON.stringify([opts, scenario]);
    const hit = entry.memo.get(key);
    if (hit) return { ...hit, timing: { engineMs: 0, memo: true } };
    const t0 = performance.now();
    const toil = leanToil(entry, scenario.automate?.length === 1 ? scenario.automate[0].category : null);
    const full = scenario.automate?.length > 1; // several categories at once: the whole log
    const r = teamHealth(engineInput(entry, entry.lean, input.period, opts, [scenario], full ? entry.parts.toil : toil, entry.leanSurveys, true));
    const engineMs = performance.now() - t0;
    const result = { whatIf: r.whatIf[0], baselineScore: r.score.score };
    if (entry.memo.size >= MEMO_LIMIT) entry.memo.delete(entry.memo.keys().next().value);
    entry.memo.set(key, result);
    return { ...result, timing: { engineMs, memo: false } };
  },
  /**
   * The weekly toil share with a fraction of one category automated, for the toil chart: `{team, period, category,
   * fraction}` → `{weeks: [{week, share}], share}` from the engine's toil report over the log in which that
   * fraction of the category's hours became engineering hours (each week's logged total unchanged, as the engine's
   * own automation scenario assumes).
   */
  "team.toilWeeks"(input) {
    const entry = inputsFor(input?.team, input?.period);
    const category = input?.category;
    const f = input?.fraction;
    if (typeof category !== "string" || !entry.categories.includes(category)) fail(`No toil hours are logged in the category ${JSON.stringify(category)}.`, "category", "unknown_reference");
    if (typeof f !== "number" || !(f >= 0 && f <= 1)) fail("The automated fraction must be a number from 0 to 1.", "fraction", "out_of_range");
    const entries = [];
    for (const c of entry.toilCells) {
      const mine = c.byCategory.get(category) ?? 0;
      const toil = c.toil - f * mine;
      if (toil > 0) entries.push({ person: c.person, week: c.week, category: OTHER_TOIL, hours: toil });
      if (c.logged - toil > 0) entries.push({ person: c.person, week: c.week, category: ENGINEERING, hours: c.logged - toil, toil: false });
    }
    const t0 = performance.now();
    const r = toilReport({ entries });
    return { weeks: r.weeks.map((w) => ({ week: w.week, share: w.share })), share: r.share, timing: { engineMs: performance.now() - t0 } };
  },
};
