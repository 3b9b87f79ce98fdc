// The team view's baseline sections, each drawn from the engine's teamHealth report: the score breakdown, on-call
// load per responder, DORA keys, toil and the health checks. Names from the data are set as text only.
import { el } from "../../dom.js";
import { stackedBars } from "../../charts/bars.js";
import { PART_LABELS, TREND, VOTE, day, duration, facts, int, num, pct, signed, table, tierBadge } from "./parts.js";

const SVG = "http://www.w3.org/2000/svg";

/** A small bar: the part's points (filled) out of what its weight allows (outline); hidden from assistive tech. */
function pointsBar(points, possible, scale) {
  const s = document.createElementNS(SVG, "svg");
  s.setAttribute("class", "points-bar");
  s.setAttribute("viewBox", "0 0 100 10");
  s.setAttribute("preserveAspectRatio", "none");
  s.setAttribute("aria-hidden", "true");
  const rect = (w, cls) => {
    const r = document.createElementNS(SVG, "rect");
    for (const [k, v] of Object.entries({ x: 0, y: 1, width: Math.max(0, (100 * w) / scale), height: 8, class: cls })) r.setAttribute(k, String(v));
    return r;
  };
  s.append(rect(possible, "possible"), rect(points, "points"));
  return s;
}

/**
 * The score: the number, its drivers in words, and one row per part (measure, subscore, weight, points, points
 * lost). The last column is filled by the what-if (see scenarioColumn).
 */
export function renderScore(host, report) {
  const sc = report.score;
  const scale = Math.max(...sc.parts.map((p) => p.effectiveWeight * 100), 1);
  const rows = sc.parts.map((p) => [
    PART_LABELS[p.part] ?? p.part,
    p.available ? p.explanation : "No data: dropped, the other weights renormalised",
    { text: p.available ? num(p.subscore, 0) : "–", num: true },
    { text: `${num(p.weight, 2)} (${pct(p.effectiveWeight, 0)})`, num: true },
    { node: el("span", { className: "points" }, [pointsBar(p.contribution, p.effectiveWeight * 100, scale), ` ${num(p.contribution, 1)} of ${num(p.effectiveWeight * 100, 1)}`]), num: true },
    { text: p.available ? (p.drag >= 0.05 ? `−${num(p.drag, 1)}` : "0.0") : "–", num: true },
    { text: "–", num: true, className: "scenario", dataset: { part: p.part } },
  ]);
  host.replaceChildren(
    el("p", { className: "score-line" }, [
      el("strong", { className: "score-big", id: "team-score-value" }, `${num(sc.score, 1)} of 100`),
      ` (weights and curves ${sc.version}; each part is scored 0–100 and weighted)`,
    ]),
    sc.note ? el("p", { className: "note" }, `Note: ${sc.note}.`) : "",
    el("h4", {}, "Top drivers"),
    sc.drivers.length ? el("ol", { id: "team-drivers", className: "drivers" }, sc.drivers.map((d) => el("li", {}, d))) : el("p", {}, "No part costs more than a twentieth of a point."),
    table(
      "Each part's measure, subscore (0–100), weight (as given, and renormalised), the points it adds to the score, the points it loses, and its points under the what-if",
      ["Part", "Measure", { text: "Subscore", num: true }, { text: "Weight", num: true }, { text: "Points", num: true }, { text: "Lost", num: true }, { text: "What-if points", num: true }],
      [...rows, ["Total", "", "", { text: "1.00 (100%)", num: true }, { text: num(sc.score, 1), num: true }, { text: `−${num(100 - sc.score, 1)}`, num: true }, { text: "–", num: true, className: "scenario", dataset: { part: "total" } }]],
      { id: "team-parts" },
    ),
  );
}

/** Fill the what-if column of the score table from a scenario's score (points and the change per part). */
export function scenarioColumn(host, whatIf, baseline) {
  const before = new Map(baseline.score.parts.map((p) => [p.part, p]));
  for (const cell of host.querySelectorAll("td.scenario")) {
    const part = cell.dataset.part;
    if (part === "total") {
      cell.textContent = `${num(whatIf.score.score, 1)} (${signed(whatIf.scoreChange)})`;
      continue;
    }
    const p = whatIf.score.parts.find((x) => x.part === part);
    cell.textContent = p?.available ? `${num(p.contribution, 1)} (${signed(p.contribution - (before.get(part)?.contribution ?? 0))})` : "–";
  }
}

const giniWords = (g) => (g < 0.1 ? "evenly shared" : g < 0.25 ? "somewhat uneven" : "uneven");

/** On-call load: the facts against the SRE book, the stacked bars per responder, and the table behind them. */
export function renderLoad(host, report, people) {
  const o = report.onCall;
  const name = (id) => people.get(id)?.name ?? id;
  const t = o.totals;
  const sh = o.shiftSummary;
  const rot = o.rotation;
  const sites = new Map();
  for (const p of people.values()) sites.set(p.site ?? p.timeZone, (sites.get(p.site ?? p.timeZone) ?? 0) + 1);
  const short = [...sites].filter(([, n]) => n < (rot?.minimumMembersPerSite ?? 0)).map(([s, n]) => `${s} has ${n}`);
  const fair = 1 / Math.max(1, o.responders.length);
  const overShare = (o.responders.filter((r) => r.onCallShare !== undefined).sort((a, b) => b.onCallShare - a.onCallShare)[0]) ?? null;
  host.replaceChildren(
    facts([
      ["Interruptions", `${int(t.interruptions)} over ${num(o.weeks, 1)} weeks: ${int(t.business)} in business hours, ${int(t.offHours)} off-hours, ${int(t.sleep)} in sleep hours (${pct(t.sleep / Math.max(1, t.interruptions))})`, "interruptions"],
      ["Fairness", `Gini ${num(o.fairness.gini, 3)} (${giniWords(o.fairness.gini)}; 0 is equal); sleep-hour pages Gini ${num(o.fairness.sleepGini, 3)} (${giniWords(o.fairness.sleepGini)})`, "gini"],
      ["Busiest responder", `${name(o.fairness.busiestResponder)}: ${pct(o.fairness.busiestShare)} of interruptions (an equal share is ${pct(fair)}), ${num(o.fairness.busiestPerWeek, 2)} per week`, "busiest"],
      ["Incidents per 12 hours", `${num(o.incidentLoad.per12Hours, 2)} on average against the SRE book's limit of ${o.incidentLoad.limitPer12Hours}: ${o.incidentLoad.per12Hours > o.incidentLoad.limitPer12Hours ? "over the limit" : "within the limit"}; the busiest 12 hours had ${o.incidentLoad.busiestBlock}, and ${int(o.incidentLoad.blocksOverLimit)} of ${int(o.incidentLoad.blocks)} blocks were over 2`, "incidents"],
      sh?.count
        ? ["Shifts over the limit", `${int(o.shiftsOverLimit)} of ${int(sh.count)} shifts (${pct(o.shiftsOverLimit / sh.count)}) had more than 2 incidents per 12 hours. Incidents per shift: none in ${int(sh.byIncidents[0])}, one in ${int(sh.byIncidents[1])}, two in ${int(sh.byIncidents[2])}, three in ${int(sh.byIncidents[3])}, four or more in ${int(sh.byIncidents[4])}`, "shifts"]
        : null,
      rot
        ? ["Time on call (rotation)", `${pct(rot.onCallShare)} each: ${rot.rotation.rolesPerShift} of ${rot.rotation.members} people on call at once, against the SRE book's 25%: ${rot.overLimit ? "over the guidance" : "within the guidance"}`, "timeOnCall"]
        : null,
      o.timeOnCall
        ? ["Time on call (shifts)", `measured from the shift calendar: ${pct(o.timeOnCall.meanShare)} on average, at most ${pct(o.timeOnCall.maxShare)}${overShare ? ` (${name(overShare.responder)})` : ""}; ${o.timeOnCall.respondersOverLimit} over 25%`, "timeOnCallShifts"]
        : null,
      rot
        ? ["Minimum rotation", `${rot.minimumMembers} people${rot.rotation.sites > 1 ? ` (${rot.minimumMembersPerSite} per site, ${rot.rotation.sites} sites)` : ""}: ${rot.meetsMinimum && !short.length ? "met" : `not met${short.length ? `: ${short.join(", ")}` : ""}`}`, "minimum"]
        : null,
      ["Time to acknowledge", t.mttaSeconds !== undefined ? `${duration(t.mttaSeconds)} on average (MTTA)` : "no acknowledgements", "mtta"],
    ].filter(Boolean)),
    el("div", { id: "team-load-chart" }),
    table(
      "Interruptions per responder in their own time zone (PagerDuty windows), per week, share of all interruptions, mean time to acknowledge, and time on call from the shift calendar",
      ["Responder", "Site (zone)", { text: "Interruptions", num: true }, { text: "Business", num: true }, { text: "Off-hours", num: true }, { text: "Sleep", num: true }, { text: "Per week", num: true }, { text: "Share", num: true }, { text: "MTTA", num: true }, { text: "On call", num: true }],
      o.responders.map((r) => [
        name(r.responder),
        `${people.get(r.responder)?.site ?? ""} (${r.timeZone})`,
        { text: int(r.interruptions), num: true },
        { text: int(r.business), num: true },
        { text: int(r.offHours), num: true },
        { text: int(r.sleep), num: true },
        { text: num(r.interruptionsPerWeek, 2), num: true },
        { text: pct(r.shareOfInterruptions), num: true },
        { text: r.mttaSeconds !== undefined ? duration(r.mttaSeconds) : "–", num: true },
        { text: r.onCallShare !== undefined ? pct(r.onCallShare) : "–", num: true },
      ]),
      { id: "team-load-table" },
    ),
    el("p", { className: "note" }, o.windows),
  );
  stackedBars(host.querySelector("#team-load-chart"), {
    title: "Interruptions per responder: business hours, off-hours and sleep hours",
    description: `Stacked bars per responder. ${o.responders.map((r) => `${name(r.responder)}: ${r.business} business, ${r.offHours} off-hours, ${r.sleep} sleep`).join("; ")}.`,
    segments: ["Business hours", "Off-hours", "Sleep hours"],
    rows: o.responders.map((r) => ({ label: name(r.responder), values: [r.business, r.offHours, r.sleep] })),
  });
}

function classified(c) {
  return c ? { node: tierBadge(c.tier) } : "–";
}

/** DORA keys: value, tier (as a word), the rule that placed it, and the counts behind it. */
export function renderDora(host, report) {
  const d = report.dora;
  if (!d) {
    host.replaceChildren(el("p", {}, "No deployments in the data: delivery is dropped from the score."));
    return;
  }
  const f = d.deploymentFrequency;
  const rows = [
    ["Deployment frequency", `${num(f.perDay, 2)} per day (${num(f.perWeek, 1)} per week); deployments on ${num(f.deploymentDaysPerWeek, 1)} days a week (median week ${num(f.medianDeploymentDaysPerWeek, 0)}); bucket: ${f.bucket}`, classified(f.classification), f.classification.rule, `${int(f.deployments)} deployments over ${int(f.days)} days, on ${int(f.deploymentDays)} distinct days`],
  ];
  if (d.leadTime) rows.push(["Change lead time", `median ${duration(d.leadTime.medianSeconds)}, p90 ${duration(d.leadTime.p90Seconds)}`, classified(d.leadTime.classification), d.leadTime.classification.rule, `${int(d.leadTime.changes)} changes`]);
  else rows.push(["Change lead time", "no commit or lead times in the data", "–", "–", "–"]);
  const c = d.changeFailRate;
  rows.push(["Change fail rate", pct(c.rate), classified(c.classification), c.classification.rule, `${int(c.failedDeployments)} failed of ${int(c.deployments)} deployments${c.incidentsCaused ? ` (${int(c.incidentsCaused)} incidents caused, context only)` : ""}`]);
  if (d.recoveryTime) rows.push(["Failed deployment recovery time", `median ${duration(d.recoveryTime.medianSeconds)}, p90 ${duration(d.recoveryTime.p90Seconds)}`, classified(d.recoveryTime.classification), d.recoveryTime.classification.rule, `${int(d.recoveryTime.recovered)} recovered, ${int(d.recoveryTime.unrecovered)} without a known recovery`]);
  else rows.push(["Failed deployment recovery time", "no failed deployment has a known recovery", "–", "–", "–"]);
  rows.push(d.rework ? ["Rework rate", pct(d.rework.rate), "–", "not classified", `${int(d.rework.rework)} of ${int(d.rework.labelled)} labelled deployments`] : ["Rework rate", "no deployment says whether it was rework", "–", "–", "–"]);
  if (d.timeToRestore) rows.push(["Time to restore (all incidents)", `mean ${duration(d.timeToRestore.meanSeconds)}, median ${duration(d.timeToRestore.medianSeconds)}`, "–", "not classified", `${int(d.timeToRestore.incidents)} resolved, ${int(d.timeToRestore.open)} open`]);
  const notes = [f.classification, d.leadTime?.classification, c.classification, d.recoveryTime?.classification].filter((x) => x?.note).map((x) => x.note);
  host.replaceChildren(
    facts([
      ["Benchmark set", `${d.benchmark} (median: ${d.median}); period ${day(d.period.start)} to ${day(d.period.end)}`, "benchmark"],
      ["Delivery score", `${num(d.deliveryScore, 1)} of 100 (mean tier points: elite 100, high 75, medium 50, low 25)`, "delivery"],
    ]),
    table("DORA keys: value, tier, the benchmark's rule that placed it, and the counts behind it", ["Key", "Value", "Tier", "Rule", "Counts"], rows, { id: "team-dora-table" }),
    ...[...new Set(notes)].map((n) => el("p", { className: "note" }, `Note: ${n}.`)),
  );
}

/** Toil: share against the 50% cap and its trend, then categories and people. The weekly chart is drawn by the caller. */
export function renderToil(host, tablesHost, report, people) {
  const t = report.toil;
  if (!t) {
    host.replaceChildren(el("p", {}, "No toil log in the data: toil is dropped from the score."));
    tablesHost.replaceChildren();
    return;
  }
  const trend = t.trendPerWeek;
  const name = (id) => people.get(id)?.name ?? (id || "(anonymous)");
  host.replaceChildren(
    facts([
      ["Share of time on toil", `${pct(t.share)} (mean over ${int(t.personWeeks)} person-weeks, toil over hours ${t.basis === "capacity" ? "of capacity" : "logged"}) against the SRE book's 50% cap: ${t.overCap ? "over the cap" : "under the cap"}; Google's average is about ${pct(t.googleAverage, 0)}`, "toilShare"],
      ["Weeks over the cap", `${int(t.personWeeksOverCap)} of ${int(t.personWeeks)} person-weeks`, "toilOver"],
      trend !== undefined ? ["Trend", `${signed(trend * 100, 2)} points per week (${signed(trend * 100 * t.weeks.length, 1)} points over ${t.weeks.length} weeks): ${Math.abs(trend * t.weeks.length) < 0.01 ? "flat" : trend > 0 ? "rising" : "falling"}`, "toilTrend"] : null,
      ["Toil logged", `${int(t.toilHours)} hours`, "toilHours"],
    ].filter(Boolean)),
  );
  tablesHost.replaceChildren(
    table(
      "Toil by category, most hours first: hours, team hours per week, and share of all toil",
      ["Category", { text: "Hours", num: true }, { text: "Per week", num: true }, { text: "Share of toil", num: true }],
      t.categories.map((c) => [c.category, { text: int(c.hours), num: true }, { text: num(c.hoursPerWeek, 1), num: true }, { text: pct(c.shareOfToil), num: true }]),
      { id: "team-toil-categories" },
    ),
    table(
      "Toil per person, highest share first",
      ["Person", { text: "Share", num: true }, { text: "Weeks", num: true }, { text: "Weeks over 50%", num: true }],
      t.people.map((p) => [name(p.person), { text: `${pct(p.share)}${p.overCap ? " (over the cap)" : ""}`, num: true }, { text: int(p.weeks), num: true }, { text: int(p.weeksOverCap), num: true }]),
      { id: "team-toil-people" },
    ),
  );
}

/**
 * The toil chart's spec: the weekly share against the 50% cap and Google's average; with `after` ({label, weeks}
 * from the "team.toilWeeks" task), the what-if's weekly share beside it.
 */
export function toilChartSpec(report, after = null) {
  const t = report.toil;
  const byWeek = after ? new Map(after.weeks.map((w) => [w.week, w.share * 100])) : null;
  return {
    title: "Share of time on toil per week (%)",
    description: `${t.weeks.length} weeks from ${t.weeks[0]?.week} to ${t.weeks.at(-1)?.week}: weekly mean toil share between ${pct(Math.min(...t.weeks.map((w) => w.share)))} and ${pct(Math.max(...t.weeks.map((w) => w.share)))}, against the 50% cap.${after ? ` What-if, ${after.label}: between ${pct(Math.min(...after.weeks.map((w) => w.share)))} and ${pct(Math.max(...after.weeks.map((w) => w.share)))}, ${pct(after.share)} on average.` : ""}`,
    x: Float64Array.from(t.weeks, (w) => Date.parse(`${w.week}T00:00:00Z`) / 1000),
    yLabel: "% of time",
    yRange: [0, 60],
    series: [
      { label: "Toil share (%)", values: Float64Array.from(t.weeks, (w) => w.share * 100), fill: true, width: 2 },
      ...(byWeek ? [{ label: `What-if: ${after.label} (%)`, values: Float64Array.from(t.weeks, (w) => byWeek.get(w.week) ?? Number.NaN), dash: [6, 3], width: 2 }] : []),
    ],
    thresholds: [
      { value: 50, label: "SRE cap 50%" },
      { value: t.googleAverage * 100, label: `Google average ${pct(t.googleAverage, 0)}`, dash: [2, 3] },
    ],
  };
}

/** The health-check heat map (cards × sessions; symbol, word and score in every cell) and eNPS per survey. */
export function renderSurveys(host, report) {
  const s = report.surveys;
  if (!s) {
    host.replaceChildren(el("p", {}, "No surveys in the data: surveys are dropped from the score."));
    return;
  }
  const sessions = s.squadHealth;
  const latest = sessions.at(-1);
  const cards = latest ? latest.items.map((i) => i.name) : [];
  for (const ses of sessions) for (const i of ses.items) if (!cards.includes(i.name)) cards.push(i.name);
  const cell = (item) => {
    if (!item) return { text: "–" };
    const v = VOTE[item.verdict] ?? { symbol: "?", word: item.verdict };
    return {
      node: el("span", {}, [
        el("span", { attrs: { "aria-hidden": "true" } }, `${v.symbol} `),
        `${v.word} ${num(item.score, 0)}`,
        el("span", { className: "votes" }, ` (${item.good}/${item.middling}/${item.bad})`),
      ]),
      className: `vote vote-${item.verdict}`,
    };
  };
  const rows = cards.map((card) => {
    const last = latest?.items.find((i) => i.name === card);
    return [card, ...sessions.map((ses) => cell(ses.items.find((i) => i.name === card))), last?.trend ? TREND[last.trend] ?? last.trend : "–"];
  });
  rows.push(["Session score", ...sessions.map((ses) => ({ text: num(ses.score, 0), num: true })), "–"]);
  const team = s.teams[0];
  host.replaceChildren(
    facts([
      ["Survey score", `${num(s.score, 1)} of 100${team ? ` (${[team.squadHealth !== undefined ? `health check ${num(team.squadHealth, 0)}` : "", team.enps !== undefined ? `eNPS ${signed(team.enps, 0)} → ${num((team.enps + 100) / 2, 0)}` : ""].filter(Boolean).join(", ")})` : ""}`, "surveyScore"],
      latest ? ["Worst card, latest", `${latest.items[0].name}: ${latest.items[0].verdict} (${num(latest.items[0].score, 0)} of 100)`, "worstCard"] : null,
    ].filter(Boolean)),
    el("p", { className: "help" }, "Each cell: the majority vote (✓ green, ◐ yellow, ✗ red; ties go to the worse), the card's score out of 100 (green 100, yellow 50, red 0), and the votes as green/yellow/red. Cards are ordered worst first in the latest session."),
    table(
      "Squad health check: each card's majority vote per session, and its trend in the latest session",
      ["Card", ...sessions.map((ses) => day(ses.at)), "Trend (latest)"],
      rows,
      { id: "team-heatmap", className: "heatmap" },
    ),
    s.enps.length
      ? table(
          "eNPS per survey: percentage of promoters (9–10) minus percentage of detractors (0–6)",
          ["Survey", { text: "eNPS", num: true }, { text: "Promoters", num: true }, { text: "Passives", num: true }, { text: "Detractors", num: true }, { text: "Answers", num: true }, { text: "Change", num: true }],
          s.enps.map((e) => [day(e.at), { text: signed(e.enps, 0), num: true }, { text: int(e.promoters), num: true }, { text: int(e.passives), num: true }, { text: int(e.detractors), num: true }, { text: int(e.responses), num: true }, { text: e.change !== undefined ? signed(e.change, 0) : "–", num: true }]),
          { id: "team-enps" },
        )
      : el("p", {}, "No eNPS answers in the data."),
  );
}
