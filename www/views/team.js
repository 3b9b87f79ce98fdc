// The team-health view: the engine's teamHealth report of the team's year (score breakdown and drivers, on-call
// load per responder with the business / off-hours / sleep split, fairness, incidents per shift and time on call
// against the SRE book, DORA keys against a chosen benchmark set, toil against the 50% cap, the health-check heat
// map and eNPS), and what-if controls (rotation size, page volume, toil automation, shift length) that re-score as
// they move. The history stays in the worker ({$ref: "org/teams/<id>"}, engine/tasks-team.js).
import { $, el, fillSelect, layoutNow, setText } from "../dom.js";
import { createChart } from "../charts/chart.js";
import { timeAxis } from "../charts/fan.js";
import { isSuperseded } from "../engine/client.js";
import { registerWhatIf } from "../whatif.js";
import { registerOrgWhatIf } from "../orgwhatif.js";
import { PART_LABELS, num, pct } from "./team/parts.js";
import { renderDora, renderLoad, renderScore, renderSurveys, renderToil, scenarioColumn, toilChartSpec } from "./team/sections.js";
import { renderWhatIf } from "./team/whatif.js";

const KEYS = {
  rotation: "team.rotationMembers",
  pages: "team.pageReduction",
  category: "team.toilCategory",
  automate: "team.toilAutomated",
  shift: "team.shiftHours",
  benchmark: "team.benchmark",
  median: "team.median",
};
/** The team shown (a selection, not a what-if): the sample's team, or one with imported pages or deployments. */
const TEAM_KEY = "team.team";
registerWhatIf(KEYS.pages, { label: "Page volume reduction (Team view)", baseline: 0, format: (v) => `${v}%` });
registerWhatIf(KEYS.benchmark, { label: "DORA benchmark set (Team view)", baseline: "dora-2023" });
registerWhatIf(KEYS.median, { label: "Median convention for DORA (Team view)", baseline: "interpolated" });

export function mountTeam(app) {
  // The overview scores the team shown (at first the organisation's first team) under the rotation, page and toil
  // what-ifs too.
  const firstTeam = () => team?.id ?? app.summary()?.teams?.[0]?.id;
  registerOrgWhatIf(
    (key) => key === KEYS.rotation,
    (v, _k, add) => add.team(firstTeam(), { rotationMembers: Number(v) }),
  );
  registerOrgWhatIf(
    (key) => key === KEYS.pages,
    (v, _k, add) => add.team(firstTeam(), { pageReduction: Number(v) / 100 }),
  );
  registerOrgWhatIf(
    (key) => key === KEYS.automate,
    (v, _k, add, overrides) => {
      const category = overrides[KEYS.category];
      if (category) add.team(firstTeam(), { automate: [{ category, fraction: Number(v) / 100 }] });
    },
  );
  registerWhatIf(KEYS.automate, {
    label: "Toil automated (Team view)",
    baseline: 0,
    format: (v) => (v > 0 && app.scenario().overrides[KEYS.category] ? `${v}% of ${app.scenario().overrides[KEYS.category]}` : `${v}%`),
  });
  const c = {
    rotation: $("team-rotation"),
    pages: $("team-pages"),
    category: $("team-toil-category"),
    automate: $("team-toil-automate"),
    shift: $("team-shift"),
    benchmark: $("team-benchmark"),
    median: $("team-median"),
  };
  const result = $("team-whatif-result");
  let team = null; // the summary's team (names, sites)
  let people = new Map();
  let period = null;
  let baseline = null;
  let latest = null; // {whatIf, asked}
  let baseSeq = 0;
  let inflight = 0; // what-if calls not yet settled (aria-busy on the result while any is)
  let weeklyChart = null;
  let toilChart = null;
  let toilDrawn = ""; // the automation the toil chart shows ("" for none)
  let toilTimer = 0;
  const choose = $("team-select");
  let org = null; // the sample's summary, or null
  let sourceTeams = []; // teams with imported pages or deployments, as "org.sources" lists them
  const importList = () => app.scenario().imports.map((r) => ({ id: r.id, name: r.name, kind: r.kind, attach: r.attach ?? "auto" }));

  /** Every team to choose from: the sample's (replaced by its merged version when imports joined it), then imported ones. */
  function teams() {
    const merged = new Map(sourceTeams.map((t) => [t.id, t]));
    const sample = (org?.teams ?? []).map((t) => merged.get(t.id) ?? t);
    return [...sample, ...sourceTeams.filter((t) => !sample.includes(t))];
  }

  /** Ask the worker which teams carry imported data; true when the list changed. */
  async function refreshSources() {
    if (app.scenario().imports.length === 0 && sourceTeams.length === 0) return false;
    let r;
    try {
      r = await app.engine.call("org.sources", { imports: importList() });
    } catch {
      return false;
    }
    const sig = (list) => JSON.stringify(list.map((t) => [t.id, t.pages, t.deployments, t.responders.length, t.period]));
    const changed = sig(r.teams) !== sig(sourceTeams);
    sourceTeams = r.teams;
    return changed;
  }

  /** Fill the team list and show the chosen team (the saved choice when it is listed). */
  function showTeams() {
    const list = teams();
    const want = app.scenario().overrides[TEAM_KEY];
    fillSelect(choose, list.map((t) => [t.id, t.source === "import" ? `${t.name} (imported)` : t.source === "sample+import" ? `${t.name} (with imported data)` : t.name]), typeof want === "string" ? want : undefined);
    choose.disabled = list.length < 2;
    selectTeam(list.find((t) => t.id === choose.value) ?? null);
  }

  const showError = (message) => {
    $("team-error").textContent = message;
    $("team-error").hidden = !message;
  };

  /** The scenario as the controls set it. */
  function asked() {
    const fraction = Number(c.automate.value) / 100;
    return {
      rotationMembers: Number(c.rotation.value),
      pageReduction: Number(c.pages.value) / 100,
      automate: c.category.value && fraction > 0 ? [{ category: c.category.value, fraction }] : [],
      shiftHours: Number(c.shift.value),
    };
  }

  function outputs() {
    const n = Number(c.rotation.value);
    const base = baseline?.rotation.members ?? team?.responders.length;
    const texts = [
      [c.rotation, "team-rotation-out", `${n} people${base !== undefined && n !== base ? ` (${n > base ? "+" : "−"}${Math.abs(n - base)})` : ""}`],
      [c.pages, "team-pages-out", `${c.pages.value}% fewer`],
      [c.automate, "team-toil-automate-out", `${c.automate.value}%`],
    ];
    // (Written only where they changed: the same text written again still lays its line out again on every move.)
    for (const [input, out, text] of texts) {
      setText($(out), text);
      if (input.getAttribute("aria-valuetext") !== text) input.setAttribute("aria-valuetext", text);
    }
  }

  function save() {
    app.setOverrides({
      [KEYS.rotation]: Number(c.rotation.value),
      [KEYS.pages]: Number(c.pages.value),
      [KEYS.category]: c.category.value,
      [KEYS.automate]: Number(c.automate.value),
      [KEYS.shift]: Number(c.shift.value),
      [KEYS.benchmark]: c.benchmark.value,
      [KEYS.median]: c.median.value,
    });
  }

  /** Put saved values back into the controls (defaults: the data's own rotation). */
  function restore() {
    const o = app.scenario().overrides;
    const pick = (key, fallback) => (Object.hasOwn(o, key) ? o[key] : fallback);
    const members = baseline?.rotation.members ?? team?.responders.length ?? 11;
    c.rotation.max = String(Math.max(30, 2 * members));
    c.rotation.value = String(pick(KEYS.rotation, members));
    c.pages.value = String(pick(KEYS.pages, 0));
    c.automate.value = String(pick(KEYS.automate, 0));
    // A value from a shared link or an old save is only used if it is one the control can hold.
    const has = (select, v) => [...select.options].some((x) => x.value === String(v));
    const dataShift = baseline?.rotation.shiftHours ?? 12;
    for (const h of [dataShift, pick(KEYS.shift, dataShift)]) {
      if (Number.isFinite(Number(h)) && Number(h) > 0 && Number(h) <= 8784 && !has(c.shift, h)) c.shift.append(el("option", { value: String(h) }, `${h} hours`));
    }
    c.shift.value = has(c.shift, pick(KEYS.shift, dataShift)) ? String(pick(KEYS.shift, dataShift)) : String(dataShift);
    c.benchmark.value = has(c.benchmark, pick(KEYS.benchmark, "")) ? pick(KEYS.benchmark, "") : "dora-2023";
    c.median.value = has(c.median, pick(KEYS.median, "")) ? pick(KEYS.median, "") : "interpolated";
    const cat = pick(KEYS.category, null);
    if (cat && [...c.category.options].some((x) => x.value === cat)) c.category.value = cat;
    outputs();
  }

  // The sample's team as generated is held under "org"; a team with imported data under "current" (org-sources.js).
  const teamRef = () => ({ $ref: team.source ? `current/teams/${team.id}` : `org/teams/${team.id}` });

  /** The scenario, re-scored in the worker (latest wins); paints the result and the score table's what-if column. */
  async function recompute() {
    if (!baseline || !team) return;
    for (const x of [c.rotation, c.pages, c.shift]) x.disabled = !baseline.onCall;
    if (!baseline.onCall) {
      // Imported deployments only: nobody is on call, so rotation, page and shift what-ifs have nothing to act on.
      result.replaceChildren(el("p", { className: "note" }, "No pages in this team's data: the what-ifs on rotation size, page volume and shift length need on-call pages (import a pages CSV with at and responder columns)."));
      result.dataset.renders = String(Number(result.dataset.renders ?? 0) + 1);
      return;
    }
    const scenario = asked();
    const base = baseline;
    inflight++;
    result.setAttribute("aria-busy", "true");
    try {
      const r = await app.engine.whatIf("team", "team.whatIf", { team: teamRef(), period, benchmark: c.benchmark.value, median: c.median.value, scenario });
      if (baseline !== base) return; // the benchmark set changed meanwhile: its own recompute follows
      latest = { ...r, asked: scenario };
      renderWhatIf(result, r.whatIf, baseline, scenario);
      scenarioColumn($("team-score"), r.whatIf, baseline);
      result.dataset.engineMs = r.timing.engineMs.toFixed(2);
      result.dataset.baselineScore = String(r.baselineScore);
      showError("");
      result.dataset.renders = String(Number(result.dataset.renders ?? 0) + 1);
      scheduleToilChart(scenario.automate[0] ?? null);
      layoutNow();
    } catch (e) {
      if (isSuperseded(e)) return;
      showError(`The what-if could not be computed: ${e.message}${e.path ? ` (at ${e.path})` : ""}`);
    } finally {
      inflight--;
      if (inflight === 0) result.setAttribute("aria-busy", "false");
    }
  }

  function drawWeekly(t) {
    if (!t?.weekly) {
      weeklyChart?.destroy();
      weeklyChart = null;
      $("team-chart").replaceChildren();
      return;
    }
    const w = t.weekly;
    const total = w.pagesHigh.reduce((a, b) => a + b, 0);
    const spec = {
      title: `${t.name}: pages and deployments per week`,
      description: `${w.pagesHigh.length} weeks: ${total} high-urgency pages, ${t.pages - total} low-urgency pages, ${t.deployments} deployments of which ${t.failedDeployments} failed.`,
      x: timeAxis(w.start, w.step, w.pagesHigh.length),
      yLabel: "per week",
      series: [
        { label: "High-urgency pages", values: w.pagesHigh, width: 2 },
        { label: "Low-urgency pages", values: w.pagesLow, dash: [4, 3] },
        { label: "Deployments", values: w.deployments, width: 1 },
        { label: "Failed deployments", values: w.failedDeployments, width: 2 },
      ],
    };
    if (weeklyChart) weeklyChart.update(spec);
    else weeklyChart = createChart($("team-chart"), spec);
  }

  /**
   * Redraw the toil chart with the what-if's weekly share once the automation control has rested for a moment
   * (the chart is rebuilt, which costs more than the what-if's text, so a moving slider does not redraw it).
   */
  function scheduleToilChart(automate) {
    const want = automate ? `${automate.category}|${automate.fraction}` : "";
    clearTimeout(toilTimer);
    if (want === toilDrawn || !baseline?.toil?.weeks.length) return;
    toilTimer = setTimeout(async () => {
      const base = baseline;
      let after = null;
      try {
        if (automate) {
          const r = await app.engine.whatIf("team.toil", "team.toilWeeks", { team: teamRef(), period, category: automate.category, fraction: automate.fraction });
          after = { ...r, label: `${pct(automate.fraction, 0)} of ${automate.category} automated` };
        }
      } catch (e) {
        if (!isSuperseded(e)) showError(`The toil chart's what-if could not be computed: ${e.message}`);
        return;
      }
      if (baseline !== base || !toilChart) return;
      toilChart.update(toilChartSpec(baseline, after));
      toilDrawn = want;
      $("team-toil-chart").dataset.whatIf = want;
    }, 200);
  }

  function paintBaseline() {
    renderScore($("team-score"), baseline);
    if (baseline.onCall) renderLoad($("team-load"), baseline, people);
    else $("team-load").replaceChildren(el("p", {}, "No pages in the data: on-call load, sleep pages, incident load and time on call are dropped from the score."));
    renderDora($("team-dora"), baseline);
    renderToil($("team-toil"), $("team-toil-tables"), baseline, people);
    if (baseline.toil?.weeks.length) {
      const spec = toilChartSpec(baseline);
      if (toilChart) toilChart.update(spec);
      else toilChart = createChart($("team-toil-chart"), spec);
      toilDrawn = "";
      $("team-toil-chart").dataset.whatIf = "";
    }
    renderSurveys($("team-surveys"), baseline);
  }

  /** The baseline report for the chosen benchmark set, then the scenario on top of it. */
  async function loadBaseline() {
    if (!team) return;
    const seq = ++baseSeq;
    $("team-status").textContent = `Scoring the team's year in the engine (${c.benchmark.value}, ${c.median.value} medians)…`;
    try {
      const r = await app.engine.call("team.health", { team: teamRef(), period, benchmark: c.benchmark.value, median: c.median.value });
      if (seq !== baseSeq) return;
      const first = !baseline;
      baseline = r;
      if (first) {
        const cats = r.categories.map((x) => [x, x]);
        const top = r.toil?.categories[0]?.category;
        c.category.replaceChildren(...cats.map(([v, l]) => el("option", { value: v }, l)));
        if (top) c.category.value = top;
        registerWhatIf(KEYS.rotation, { label: "Rotation size (Team view)", baseline: r.rotation.members, format: (v) => `${v} people` });
        registerWhatIf(KEYS.shift, { label: "Shift length (Team view)", baseline: r.rotation.shiftHours, format: (v) => `${v} hours` });
        restore();
      }
      paintBaseline();
      document.getElementById("view-team").dataset.engineMs = r.timing.engineMs.toFixed(1);
      $("team-status").textContent = `Scored by the engine${r.timing.cached ? "" : ` in ${r.timing.engineMs.toFixed(0)} ms`}. What-ifs re-score in the background as the controls move.`;
      showError("");
      await recompute();
    } catch (e) {
      if (seq === baseSeq) $("team-status").textContent = "";
      if (seq === baseSeq) showError(`The team's health could not be computed: ${e.message}${e.path ? ` (at ${e.path})` : ""}`);
    }
  }

  /** Show team `t` (a summary as `summarise` or "org.sources" gives it), or none. */
  function selectTeam(t) {
    if (t && team && t === team) return;
    team = t;
    baseline = null;
    latest = null;
    result.replaceChildren();
    $("team-status").textContent = "";
    for (const id of ["team-score", "team-load", "team-dora", "team-toil", "team-toil-tables", "team-surveys"]) $(id).replaceChildren();
    toilChart?.destroy();
    toilChart = null;
    toilDrawn = "";
    if (!team) {
      $("team-line").textContent = "No team data loaded.";
      drawWeekly(null);
      return;
    }
    people = new Map(team.responders.map((r) => [r.id, r]));
    period = team.period ?? { start: org.meta.start, end: org.meta.end };
    $("team-line").textContent = teamLine(team, period);
    restore();
    drawWeekly(team);
    loadBaseline();
  }

  /** The line under the title: what the team's data holds, and for imported data what it lacks. */
  function teamLine(t, p) {
    const span = `from ${p.start.slice(0, 10)} to ${p.end.slice(0, 10)}`;
    const n = (x) => x.toLocaleString("en");
    if (t.source === "import") {
      const missing = [t.shifts ? null : "shift calendar", t.toilEntries ? null : "toil log", t.surveys ? null : "health-check surveys", t.deployments ? null : "deployments", t.pages ? null : "pages"].filter(Boolean);
      return `${t.name}: imported data, ${n(t.responders.length)} responders named in ${n(t.pages)} pages and ${n(t.deployments)} deployments (${n(t.failedDeployments)} failed) ${span}.${missing.length ? ` No ${missing.join(", ")}: those parts are left out of the score, not counted as zero.` : ""}`;
    }
    const sites = [...new Set(t.responders.map((r) => r.site))];
    const added = t.source === "sample+import" ? ` Of these, ${n(t.imported.pages)} pages and ${n(t.imported.deployments)} deployments are imported.` : "";
    return `${t.name}: ${t.responders.length} people in ${sites.join(" and ")}, ${n(t.pages)} pages, ${n(t.shifts)} shifts, ${n(t.deployments)} deployments, ${n(t.toilEntries)} toil entries and ${t.surveys} health-check surveys ${span}.${added}`;
  }

  $("team-choose").addEventListener("submit", (e) => e.preventDefault());
  /** Show team `id` (chosen in the list or linked from the overview), without the last team's what-ifs. */
  function chooseTeam(id) {
    // Another team starts at its own rotation, without the last team's what-ifs.
    app.updateScenario((sc) => {
      const o = { ...sc.overrides, [TEAM_KEY]: id };
      for (const k of [KEYS.rotation, KEYS.pages, KEYS.category, KEYS.automate, KEYS.shift]) delete o[k];
      return { ...sc, overrides: o };
    });
    // A team with imported data is listed once the worker has merged it; showTeams then picks the saved choice.
    if ([...choose.options].some((o) => o.value === id)) choose.value = id;
    selectTeam(teams().find((t) => t.id === choose.value) ?? null);
  }
  choose.addEventListener("change", () => chooseTeam(choose.value));

  for (const input of [c.rotation, c.pages, c.automate]) {
    input.addEventListener("input", () => {
      outputs();
      save();
      recompute();
    });
  }
  for (const select of [c.category, c.shift]) {
    select.addEventListener("change", () => {
      save();
      recompute();
    });
  }
  for (const select of [c.benchmark, c.median]) {
    select.addEventListener("change", () => {
      save();
      loadBaseline();
    });
  }
  $("team-reset").addEventListener("click", () => {
    c.rotation.value = String(baseline?.rotation.members ?? team?.responders.length ?? 11);
    c.pages.value = "0";
    c.automate.value = "0";
    c.shift.value = String(baseline?.rotation.shiftHours ?? 12);
    outputs();
    save();
    recompute();
  });

  return {
    onData(summary) {
      org = summary;
      showTeams();
      // Teams with imported data join the list once the worker has merged them.
      refreshSources().then((changed) => changed && showTeams());
    },
    /** `#/team?team=<id>` (the overview's team cards) shows that team. */
    onShow(params) {
      const want = params.get("team");
      if (want && want !== choose.value) chooseTeam(want);
    },
    /** Imported data was added, removed or re-attached (Data view): list the teams again. */
    onImports() {
      refreshSources().then((changed) => changed && showTeams());
    },
    onScenario() {
      const want = app.scenario().overrides[TEAM_KEY];
      if (typeof want === "string" && want !== choose.value && teams().some((t) => t.id === want)) {
        choose.value = want;
        selectTeam(teams().find((t) => t.id === want));
        return;
      }
      const before = [c.benchmark.value, c.median.value];
      restore();
      if (before[0] !== c.benchmark.value || before[1] !== c.median.value) loadBaseline();
      else recompute();
    },
    results() {
      if (!baseline) return [];
      const S = "Team health";
      const rows = [];
      const add = (item, measure, value, unit = "") => rows.push({ section: S, item, measure, value, unit });
      const name = (id) => people.get(id)?.name ?? id;
      add(team.name, "Team-health score", baseline.score.score, "0-100");
      baseline.score.drivers.forEach((d, i) => add(team.name, `Driver ${i + 1}`, d));
      for (const p of baseline.score.parts) {
        add(PART_LABELS[p.part] ?? p.part, "Points", p.contribution, "points");
        if (p.available) add(PART_LABELS[p.part] ?? p.part, "Measure", p.measure, p.part === "onCallTime" || p.part === "toil" ? "fraction" : "");
      }
      const o = baseline.onCall;
      if (o) {
        for (const r of o.responders) {
          for (const [m, v] of [["Interruptions", r.interruptions], ["Business hours", r.business], ["Off-hours", r.offHours], ["Sleep hours", r.sleep], ["Interruptions per week", r.interruptionsPerWeek]]) add(name(r.responder), m, v, "interruptions");
          if (r.onCallShare !== undefined) add(name(r.responder), "Time on call", r.onCallShare, "fraction");
          if (r.mttaSeconds !== undefined) add(name(r.responder), "MTTA", r.mttaSeconds, "s");
        }
        add(team.name, "Gini of interruptions", o.fairness.gini);
        add(team.name, "Busiest responder's share", o.fairness.busiestShare, "fraction");
        add(team.name, "Incidents per 12 hours", o.incidentLoad.per12Hours, "incidents");
        add(team.name, "Shifts over 2 incidents per 12 hours", o.shiftsOverLimit, "shifts");
        if (o.rotation) add(team.name, "Time on call (rotation)", o.rotation.onCallShare, "fraction");
      }
      const d = baseline.dora;
      if (d) {
        add(`DORA (${d.benchmark})`, "Deployments per day", d.deploymentFrequency.perDay, d.deploymentFrequency.classification.tier);
        if (d.leadTime) add(`DORA (${d.benchmark})`, "Lead time, median", d.leadTime.medianSeconds, "s");
        add(`DORA (${d.benchmark})`, "Change fail rate", d.changeFailRate.rate, d.changeFailRate.classification.tier);
        add(`DORA (${d.benchmark})`, "Failed deployments", d.changeFailRate.failedDeployments, `of ${d.changeFailRate.deployments}`);
        if (d.recoveryTime) add(`DORA (${d.benchmark})`, "Recovery time, median", d.recoveryTime.medianSeconds, "s");
      }
      if (baseline.toil) {
        add(team.name, "Toil share", baseline.toil.share, "fraction");
        for (const cat of baseline.toil.categories) add(cat.category, "Toil hours per week", cat.hoursPerWeek, "h");
      }
      if (baseline.surveys) {
        add(team.name, "Survey score", baseline.surveys.score, "0-100");
        const e = baseline.surveys.enps.at(-1);
        if (e) add(team.name, `eNPS ${e.at.slice(0, 10)}`, e.enps, "-100..100");
      }
      if (latest) {
        const w = latest.whatIf;
        const a = latest.asked;
        const item = `What-if: ${a.rotationMembers} people, ${num(a.pageReduction * 100, 0)}% fewer pages, ${a.automate[0] ? `${num(a.automate[0].fraction * 100, 0)}% of ${a.automate[0].category} automated` : "no automation"}, ${a.shiftHours}-hour shifts`;
        add(item, "Team-health score", w.score.score, "0-100");
        add(item, "Score change", w.scoreChange, "points");
        if (w.after.onCallShare !== undefined) add(item, "Time on call", w.after.onCallShare, "fraction");
        if (w.after.toilShare !== undefined) add(item, "Toil share", w.after.toilShare, "fraction");
        if (w.shift) add(item, "Incidents per shift", w.shift.incidentsPerShift, `capacity ${num(w.shift.capacityPerShift, 1)}`);
      }
      return rows;
    },
  };
}
