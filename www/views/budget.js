// The error-budget view: one service's SLO (objective, rolling window) and a hypothetical incident as controls; the
// engine's budget report (figures, burn-down with the ideal line, burn rates in numbers and words), the generated
// alert tiers backtested over the window (drawn on the burn-down's timeline) and over the whole history, and the
// Prometheus rules for exactly those tiers. The per-minute buckets stay in the worker (engine/tasks-budget.js holds
// an indexed SloHistory per service), so a control's move sends a few numbers.
import { $, fillSelect, layoutNow, setText } from "../dom.js";
import { parsePercent } from "../format.js";
import { isSuperseded } from "../engine/client.js";
import { download } from "../io/export.js";
import { registerWhatIf } from "../whatif.js";
import { registerOrgWhatIf } from "../orgwhatif.js";
import { later } from "../later.js";
import { createBudgetRender } from "./budget/render.js";

const WINDOWS = ["7", "14", "28", "30", "90"];
const bump = (node) => (node.dataset.renders = String(Number(node.dataset.renders ?? 0) + 1));
const HOUR_MS = 3600000;

/** A hypothetical incident as the scenario stores it: "start|minutes|ratePercent" (start RFC 3339, on the hour). */
export function incidentText({ start, minutes, rate }) {
  return `${start}|${minutes}|${rate}`;
}
/** The stored incident back as `{startMs, minutes, rate}`, or null when absent or unreadable. */
export function parseIncident(text) {
  if (typeof text !== "string" || text === "") return null;
  const [start, minutes, rate] = text.split("|");
  const inc = { startMs: Date.parse(start), minutes: Number(minutes), rate: Number(rate) };
  if (!Object.values(inc).every(Number.isFinite) || !(inc.minutes > 0) || !(inc.rate > 0 && inc.rate <= 100)) return null;
  return inc;
}
function describeIncident(text) {
  const inc = parseIncident(text);
  if (!inc) return "none";
  return `${inc.minutes} min at ${inc.rate}% errors, starting ${new Date(inc.startMs).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

// The objective and the incident also reach the organisation the overview scores (and compares with the baseline):
// the selected service's SLO objective, and an outage of it (its part before the as-of time; see orgwhatif.js).
// An imported SLI series is chosen as "<service id>~<SLO index>" (engine/org-sources.js): its service carries it.
const serviceIdOf = (choice) => (typeof choice === "string" ? choice.replace(/~\d+$/, "") : null);
registerOrgWhatIf(
  (k) => k === "budget.objective",
  (v, k, add, o) => typeof o["budget.service"] === "string" && add.service(serviceIdOf(o["budget.service"]), { sloTarget: parsePercent(v) }),
);
registerOrgWhatIf(
  (k) => k === "budget.incident",
  (v, k, add, o) => {
    const inc = parseIncident(v);
    if (!inc || typeof o["budget.service"] !== "string") return;
    const end = new Date(inc.startMs + inc.minutes * 60000).toISOString();
    add.outage(serviceIdOf(o["budget.service"]), { start: new Date(inc.startMs).toISOString(), end, errorRatio: inc.rate / 100, label: "Hypothetical incident (error-budget view)" });
  },
);
registerWhatIf("budget.objective", { label: "SLO objective (error-budget view)", baseline: "", format: (v) => (v === "" ? "the service's own SLO" : `${v}%`) });
registerWhatIf("budget.window", { label: "SLO window (error-budget view)", baseline: "28", format: (v) => `${v} days, rolling` });
registerWhatIf("budget.incident", { label: "Hypothetical incident (error-budget view)", baseline: "", format: describeIncident });

const OBJECTIVE_MESSAGES = {
  out_of_range: "Enter a percentage above 0 and below 100, such as 99.9. (100% leaves no budget at all.)",
  not_finite: "Enter a number, such as 99.9.",
  invalid_type: "Enter a number, such as 99.9.",
};

export function mountBudget(app) {
  const select = $("budget-service");
  const objective = $("budget-objective");
  const windowSel = $("budget-window");
  const incOn = $("budget-incident-on");
  const incStart = $("budget-incident-start");
  const incMinutes = $("budget-incident-minutes");
  const incRate = $("budget-incident-rate");
  const errorQuery = $("budget-error-query");
  const totalQuery = $("budget-total-query");
  const render = createBudgetRender();
  let wanted = null;
  let seq = 0;
  let yearKey = "";
  const yearTimer = later(300);
  let rulesKey = "";
  const rulesTimer = later(150);
  const movingTimer = later(400);
  let latest = null; // {input, result}
  let latestYear = null;
  let latestRules = null;
  // Imported SLI series of the organisation, as "org.sources" lists them: [{id, name, slo, coverage, imported}].
  let imported = [];
  let sourcesAsOf = null;

  const service = () => app.summary()?.services.find((s) => s.id === select.value) ?? imported.find((s) => s.id === select.value) ?? null;
  const importList = () => app.scenario().imports.map((r) => ({ id: r.id, name: r.name, kind: r.kind, attach: r.attach ?? "auto" }));

  /** The sample's services, then each imported SLI series; keeps `prefer` when it is listed. */
  function fillServices(prefer) {
    const options = [...(app.summary()?.services ?? []).map((s) => [s.id, s.name]), ...imported.map((e) => [e.id, `Imported: ${e.name}`])];
    fillSelect(select, options, prefer);
  }

  /** Ask the worker which imported SLI series the organisation holds; redraw when the list changed. */
  async function refreshSources() {
    if (app.scenario().imports.length === 0 && imported.length === 0) return false;
    let r;
    try {
      r = await app.engine.call("org.sources", { imports: importList() });
    } catch {
      return false;
    }
    const before = JSON.stringify(imported.map((e) => [e.id, e.name, e.coverage]));
    imported = r.budget.map((e) => ({ ...e, imported: true }));
    sourcesAsOf = r.asOf;
    const prev = select.value;
    const saved = wanted ?? overrides()["budget.service"];
    fillServices([...select.options].some((o) => o.value === saved) || imported.some((e) => e.id === saved) ? saved : prev);
    if (imported.some((e) => e.id === saved)) wanted = null;
    return before !== JSON.stringify(imported.map((e) => [e.id, e.name, e.coverage])) || select.value !== prev || service()?.imported === true;
  }

  /**
   * What the view says about an imported series' data: its step, span and gaps, how much of the window it covers,
   * and that windows shorter than its step are read from whole buckets. Hidden for the sample's per-minute data.
   */
  function showDataNote(s, result, error) {
    const box = $("budget-data-note");
    if (!s?.imported) {
      // (Written only when they change: a hidden attribute or text set again still restyles the card on every move.)
      if (!box.hidden) box.hidden = true;
      if (box.textContent) box.textContent = "";
      return;
    }
    const c = s.coverage;
    const step = c.step % 3600 === 0 ? `${c.step / 3600}-hour` : c.step % 60 === 0 ? `${c.step / 60}-minute` : `${c.step}-second`;
    const day = (iso) => iso.slice(0, 16).replace("T", " ");
    const parts = [`Imported series: ${c.points.toLocaleString("en")} ${step} buckets from ${day(c.start)} to ${day(c.end)} UTC${c.missing ? `, ${c.missing.toLocaleString("en")} of them missing (gaps carry no events and no time)` : ", none missing"}.`];
    if (c.ratio) parts.push("Its values are ratios, so each bucket counts as one event: \"failed requests\" are buckets' worth of errors.");
    if (error) parts.push(error.message);
    else if (result) {
      const r = result.report;
      const covered = r.data.coveredSeconds / r.window.seconds;
      if (covered < 0.999) parts.push(`It covers ${Number((covered * 100).toFixed(1))}% of this ${Math.round(r.window.seconds / 86400)}-day window; the budget is scaled from the time covered, and windows without data say "no data".`);
      const shorter = r.burnRates.filter((b) => b.seconds < c.step).map((b) => b.window);
      if (shorter.length) parts.push(`Burn-rate windows shorter than its step (${shorter.join(", ")}) are read from the last whole bucket, and alert windows are rounded up to whole buckets.`);
    }
    const text = parts.join(" ");
    setText(box, text);
    if (box.hidden) box.hidden = false;
    bump(box);
  }
  const overrides = () => app.scenario().overrides;

  /** Put the scenario's values into the controls (objective "" = the service's SLO). */
  function restore() {
    const o = overrides();
    const s = service();
    objective.value = typeof o["budget.objective"] === "string" && o["budget.objective"] !== "" ? o["budget.objective"] : s ? String(Number((s.slo.target * 100).toFixed(4))) : "99.9";
    windowSel.value = WINDOWS.includes(o["budget.window"]) ? o["budget.window"] : "28";
    const inc = parseIncident(o["budget.incident"]);
    incOn.checked = inc !== null;
    syncStartRange();
    if (inc) {
      const hours = Math.round((inc.startMs - asOfMs()) / HOUR_MS);
      incStart.value = String(Math.max(Number(incStart.min), Math.min(0, hours)));
      incMinutes.value = String(inc.minutes);
      incRate.value = String(inc.rate);
    }
    const id = s?.serviceId ?? s?.id ?? "service";
    errorQuery.value = typeof o["budget.errorQuery"] === "string" ? o["budget.errorQuery"] : `sum(rate(http_requests_total{job="${id}",code=~"5.."}[{{.window}}]))`;
    totalQuery.value = typeof o["budget.totalQuery"] === "string" ? o["budget.totalQuery"] : `sum(rate(http_requests_total{job="${id}"}[{{.window}}]))`;
    syncIncidentControls();
  }

  function syncStartRange() {
    incStart.min = String(-Number(windowSel.value) * 24);
    if (Number(incStart.value) < Number(incStart.min)) incStart.value = incStart.min;
  }

  function asOfMs() {
    return Date.parse(app.summary()?.meta.asOf ?? sourcesAsOf ?? "") || 0;
  }

  /** The incident as the worker takes it, or null. */
  function incident() {
    if (!incOn.checked) return null;
    const minutes = Math.min(1440, Math.max(1, Math.round(Number(incMinutes.value) || 0)));
    const rate = Math.min(100, Math.max(1, Number(incRate.value) || 0));
    const hours = Math.round(Number(incStart.value));
    return { hours, minutes, rate, start: new Date(asOfMs() + hours * HOUR_MS).toISOString(), durationSeconds: minutes * 60, errorRate: rate / 100 };
  }

  function syncIncidentControls() {
    // Only what changed is written: an unchanged text or attribute written again still makes the browser lay the
    // card out again, in every what-if move.
    for (const c of [incStart, incMinutes, incRate]) if (c.disabled !== !incOn.checked) c.disabled = !incOn.checked;
    const h = Number(incStart.value);
    const when = asOfMs() ? new Date(asOfMs() + h * HOUR_MS).toISOString().slice(0, 16).replace("T", " ") : "";
    const text = h === 0 ? `At the as-of time (${when} UTC): one more incident from now on` : `${when} UTC, ${-h} hours before the as-of time (rewrites the buckets it covers)`;
    const out = $("budget-incident-when");
    setText(out, text);
    // Screen readers announce the date, not "-48".
    if (incStart.getAttribute("aria-valuetext") !== text) incStart.setAttribute("aria-valuetext", text);
  }

  function showObjectiveError(e) {
    const box = $("budget-objective-error");
    if (!e) {
      if (box.hidden) return;
      box.hidden = true;
      box.textContent = "";
      objective.removeAttribute("aria-invalid");
      return;
    }
    box.textContent = e.path === "slo.objective" || e.path === "objective" ? (OBJECTIVE_MESSAGES[e.code] ?? e.message) : e.message;
    box.dataset.code = e.code ?? "";
    box.hidden = false;
    objective.setAttribute("aria-invalid", "true");
  }

  /** Recompute everything the controls drive. `store`: save the controls into the scenario first. */
  function recompute({ store = true } = {}) {
    const s = service();
    if (!s) {
      render.empty("No service data: load the sample organisation or import an SLI series (Data view) to see its error budgets.");
      showDataNote(null);
      return Promise.resolve();
    }
    syncIncidentControls();
    const inc = incident();
    if (store) {
      // A person is moving a control: let off-screen cards skip rendering until 400 ms after the last move.
      const view = $("view-budget");
      view.classList.add("moving");
      movingTimer.run(() => {
        view.classList.remove("moving");
        render.settle();
      });
      const own = String(Number((s.slo.target * 100).toFixed(4)));
      app.setOverrides({
        "budget.service": s.id,
        // "" follows the service's SLO; text too long for the scenario (200 characters) is not saved.
        "budget.objective": objective.value.trim() === own || objective.value.length > 200 ? "" : objective.value,
        "budget.window": windowSel.value,
        "budget.incident": inc ? incidentText(inc) : "",
      });
    }
    // An imported series is looked up in the organisation merged with the scenario's imports (org-sources.js).
    // (A sample service too, when imports exist: imported outages attached to it are painted into its buckets.)
    const input = { service: s.id, objective: parsePercent(objective.value), windowDays: Number(windowSel.value), ...(s.imported || app.scenario().imports.length ? { imports: importList() } : {}) };
    const viewInput = { ...input, ...(inc ? { incident: { start: inc.start, durationSeconds: inc.durationSeconds, errorRate: inc.errorRate } } : {}) };
    const mine = ++seq;
    const done = app.engine.whatIf("budget.view", "budget.view", viewInput).then(
      (result) => {
        if (mine !== seq) return;
        showObjectiveError(null);
        latest = { input: viewInput, inc, service: s, result };
        render.main(latest);
        showDataNote(s, result);
        layoutNow();
      },
      (e) => {
        if (isSuperseded(e) || mine !== seq) return;
        // (For an imported series, an error not about the objective is about its data too.)
        if (e.path === "service" || (s.imported && !/objective/.test(e.path ?? ""))) {
          // The data, not a control, is the problem (an imported series outside the window): say so.
          latest = null;
          showObjectiveError(null);
          render.empty(e.message);
          showDataNote(s, null, e);
        } else showObjectiveError(e);
        bump($("budget-headline"));
      },
    );
    // The year backtest and the rules depend on the SLO only, not on the incident: refresh them when it changes
    // (the year's backtest, tens of milliseconds, after a pause of 300 ms, so typing an objective stays fast).
    const key = JSON.stringify(input);
    if (key !== yearKey) {
      yearKey = key;
      yearTimer.run(() => {
        app.engine.whatIf("budget.year", "budget.yearBacktest", input).then(
          (r) => {
            if (JSON.stringify(input) !== yearKey) return;
            latestYear = { service: s, input, result: r };
            render.year(latestYear);
          },
          (e) => {
            if (!isSuperseded(e)) render.yearError(e);
          },
        );
      });
    }
    refreshRules(s, input);
    return done;
  }

  function refreshRules(s, input) {
    const rulesInput = {
      slo: { objective: input.objective, window: `${input.windowDays}d` },
      service: s.serviceId ?? s.id,
      name: "availability",
      errorQuery: errorQuery.value,
      totalQuery: totalQuery.value,
    };
    const key = JSON.stringify(rulesInput);
    if (key === rulesKey) return;
    rulesKey = key;
    // Laying out a new rule file (a few hundred lines) costs several milliseconds: while a control is moving, the
    // export follows 150 ms after the last change instead of on every keystroke.
    rulesTimer.run(() => {
      app.engine.whatIf("budget.rules", "prometheusRules", rulesInput).then(
        (r) => {
          if (key !== rulesKey) return;
          latestRules = { service: s, input: rulesInput, yaml: r.yaml };
          render.rules(latestRules);
        },
        (e) => {
          if (isSuperseded(e) || key !== rulesKey) return;
          latestRules = null;
          render.rulesError(e);
        },
      );
    });
  }

  // The view computes only while it is shown: data that arrives while it is hidden marks it stale for onShow.
  let stale = true;
  const visible = () => !$("view-budget").hidden;
  function draw() {
    if (!visible()) {
      stale = true;
      return Promise.resolve();
    }
    stale = false;
    restore();
    return recompute({ store: false });
  }

  select.addEventListener("change", () => {
    // A new service starts at its own SLO.
    app.setOverrides({ "budget.service": select.value, "budget.objective": "", "budget.errorQuery": undefined, "budget.totalQuery": undefined });
    draw();
  });
  objective.addEventListener("input", () => recompute());
  windowSel.addEventListener("change", () => {
    syncStartRange();
    recompute();
  });
  for (const c of [incStart, incMinutes, incRate]) c.addEventListener("input", () => recompute());
  incOn.addEventListener("change", () => recompute());
  $("budget-form").addEventListener("submit", (e) => e.preventDefault());
  for (const [q, k] of [[errorQuery, "budget.errorQuery"], [totalQuery, "budget.totalQuery"]]) {
    q.addEventListener("input", () => {
      // The scenario keeps strings of up to 200 characters (state.js); a longer query is used but not saved.
      const long = errorQuery.value.length > 200 || totalQuery.value.length > 200;
      $("budget-query-note").hidden = !long;
      app.setOverrides({ [k]: q.value.length <= 200 ? q.value : undefined });
      const s = service();
      if (s) refreshRules(s, { objective: parsePercent(objective.value), windowDays: Number(windowSel.value) });
    });
  }
  $("budget-rules-download").addEventListener("click", () => {
    if (!latestRules) return;
    download(`${latestRules.service.serviceId ?? latestRules.service.id}-availability-slo.rules.yml`, latestRules.yaml, "application/yaml");
  });

  return {
    onData() {
      fillServices(wanted ?? overrides()["budget.service"]);
      if (select.value === (wanted ?? overrides()["budget.service"])) wanted = null;
      draw();
      // Imported series join the list once the worker has merged them.
      refreshSources().then((changed) => changed && draw());
    },
    /** Imported data was added, removed or re-attached (Data view): list its SLI series again. */
    onImports() {
      refreshSources().then((changed) => changed && draw());
    },
    onShow(params) {
      const want = params.get("service");
      // Before the data arrives the list is empty, and imported series are listed later: remember the wish.
      if (want && ![...select.options].some((o) => o.value === want)) wanted = want;
      if (want && want !== select.value && [...select.options].some((o) => o.value === want)) {
        select.value = want;
        app.setOverrides({ "budget.service": want, "budget.objective": "" });
        stale = true;
      }
      if (stale) draw();
    },
    onScenario() {
      const want = overrides()["budget.service"];
      if (typeof want === "string" && [...select.options].some((o) => o.value === want)) select.value = want;
      draw();
    },
    results() {
      return render.results(latest, latestYear);
    },
  };
}
