// The capacity view: when does each resource run out, how sure are we, and what changes under a scenario?
//
// The worker fits one CapacityModel per resource and model choice (engine/tasks-capacity.js) and keeps it; the
// fan chart shows the history and the forecast with its 80% and 95% intervals, the threshold (the limit times the
// alert level) and the runway: the mean crossing with the earliest and latest plausible dates from the interval
// bounds. Scenario controls (growth multiplier, a launch step, capacity added or removed) and the threshold only
// ask the held model for a new runway — one pass over the horizon, no refit — and repaint the chart's overlay,
// the sentence and the baseline-versus-scenario table. The staffing panel (Erlang C) is in capacity/erlang.js.
import { $, el, fillSelect, row } from "../dom.js";
import { isSuperseded } from "../engine/client.js";
import { timeAxis } from "../charts/fan.js";
import { createRunwayChart } from "../charts/runway.js";
import { registerWhatIf } from "../whatif.js";
import { registerOrgWhatIf } from "../orgwhatif.js";
import { mountErlang } from "./capacity/erlang.js";
import { compareRows, crossingShift, day, hasTrend, modelSentence, num, runwaySentence, signedPercent } from "./capacity/text.js";

/** Days ahead the model forecasts (and the runway is searched); shorter for a short imported series. */
const HORIZON_DAYS = 730;
/** The most forecast steps for an imported series (hourly data: 20,000 hours, about 2.3 years). */
const MAX_HORIZON_STEPS = 20_000;
const DAY_MS = 86400000;
const MODELS = [
  ["ZZZ", "Automatic: lowest AICc among ETS models"],
  ["ZAZ", "ETS with an additive trend"],
  ["ZAdZ", "ETS with a damped trend"],
  ["linearTrend", "Linear trend (baseline)"],
  ["seasonalNaive", "Seasonal naive (no growth)"],
];
const MODEL_NAMES = Object.fromEntries(MODELS);

const DEFAULTS = { model: "ZZZ", alertAt: 100, level: "0.95", growth: 1, launchPct: 0, addPct: 0 };
const pctText = (v) => `${v > 0 ? "+" : v < 0 ? "−" : ""}${Math.abs(v)}%`;
registerWhatIf("capacity.model", { label: "Forecast model (Capacity view)", baseline: DEFAULTS.model, format: (v) => MODEL_NAMES[v] ?? v });
registerWhatIf("capacity.alertAt", { label: "Alert at this share of the limit (Capacity view)", baseline: DEFAULTS.alertAt, format: (v) => `${v}%` });
registerWhatIf("capacity.growth", { label: "Growth multiplier on the fitted trend (Capacity view)", baseline: DEFAULTS.growth, format: (v) => `${num(Number(v), 2)}×` });
registerWhatIf("capacity.launchPct", { label: "Launch step change (Capacity view)", baseline: DEFAULTS.launchPct, format: pctText });
registerWhatIf("capacity.addPct", { label: "Capacity added or removed (Capacity view)", baseline: DEFAULTS.addPct, format: pctText });

// The overview scores the organisation under these too: the selected resource's growth, and each resource's capacity.
registerOrgWhatIf(
  (key) => key === "capacity.growth",
  (value, _key, add, overrides) => add.resource(overrides["capacity.resource"], { growth: Number(value) }),
);

/** Register each sample resource's capacity as a what-if, with the data's limit as its baseline. */
function registerLimits(org) {
  for (const c of org.capacity) {
    const key = limitKey(c);
    const baseline = c.thresholds.limit;
    registerWhatIf(key, { label: `Capacity of ${c.name} (Capacity view)`, baseline, format: (v) => `${num(Number(v))} ${c.unit}` });
    registerOrgWhatIf((k) => k === key, (value, _key, add) => add.resource(c.id, { capacityAdded: Number(value) - baseline }));
  }
}
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
/** The what-if key of a resource's capacity ("capacity.limit.checkoutdbstorage"). */
const limitKey = (c) => `capacity.limit.${c.id.replace(/[^a-zA-Z0-9]/g, "").slice(0, 60) || "x"}`;
/** Forecast steps for a series: two years, but no more than three times its length for a short import. */
function horizonOf(c) {
  const steps = Math.round((HORIZON_DAYS * 86400) / c.series.step);
  return c.source === "org" ? steps : Math.max(1, Math.min(steps, Math.max(3 * c.series.values.length, 30), MAX_HORIZON_STEPS));
}
const midnight = (d) => `${d}T00:00:00Z`;

export function mountCapacity(app) {
  const select = $("capacity-resource");
  const modelSelect = $("capacity-model");
  const alertAt = $("capacity-alert");
  const limitInput = $("capacity-limit");
  const level = $("capacity-level");
  const growth = $("capacity-growth");
  const launchDate = $("capacity-launch-date");
  const launchPct = $("capacity-launch-pct");
  const addDate = $("capacity-add-date");
  const addPct = $("capacity-add-pct");
  const compare = $("capacity-compare");
  const summaryLine = $("capacity-summary");
  fillSelect(modelSelect, MODELS, DEFAULTS.model);

  let chart = null;
  let drawnKey = null; // the fit the chart's series show
  let wanted = null;
  let fit = null; // the worker's capacity.fit result plus {resource}
  let report = null;
  let imported = []; // imported series from the worker's "capacity.sources", shaped like the sample's resources
  let fitSeq = 0;
  let runSeq = 0;
  const erlang = mountErlang(app);

  /** The sample's resources, then imported series (their capacity is entered by hand). */
  const resources = () => [...(app.summary()?.capacity ?? []).map((c) => ({ ...c, source: "org" })), ...imported];
  const resource = () => resources().find((x) => x.id === select.value) ?? null;
  /** The capacity the runway is measured against: the limit control (NaN when empty). */
  const capacity = () => (limitInput.value.trim() === "" ? Number.NaN : Number(limitInput.value));
  /** The time of the resource's last observation, in ms. */
  const lastMs = (c) => Date.parse(c.series.start) + (c.series.values.length - 1) * c.series.step * 1000;

  function showOutputs() {
    $("capacity-alert-value").textContent = `${alertAt.value}%`;
    $("capacity-growth-value").textContent = `${num(Number(growth.value), 2)}×`;
    $("capacity-launch-value").textContent = pctText(Number(launchPct.value));
    const c = resource();
    const delta = (capacity() * Number(addPct.value)) / 100;
    $("capacity-add-value").textContent = `${pctText(Number(addPct.value))}${c && Number.isFinite(delta) ? ` (${delta >= 0 ? "+" : "−"}${num(Math.abs(delta))} ${c.unit})` : ""}`;
  }

  /** Put the scenario's saved values into the controls (dates default to 90 and 180 days after the data ends). */
  function restoreControls() {
    const o = app.scenario().overrides;
    const pick = (k, fallback) => (o[`capacity.${k}`] !== undefined ? o[`capacity.${k}`] : fallback);
    // A saved number outside a slider's range is clamped by the browser; anything that is not a number (a hand-edited
    // link) falls back to the baseline rather than to the slider's midpoint.
    const number = (k) => (typeof o[`capacity.${k}`] === "number" && Number.isFinite(o[`capacity.${k}`]) ? o[`capacity.${k}`] : DEFAULTS[k]);
    modelSelect.value = MODEL_NAMES[pick("model", DEFAULTS.model)] ? pick("model", DEFAULTS.model) : DEFAULTS.model;
    alertAt.value = String(number("alertAt"));
    level.value = pick("level", DEFAULTS.level) === "0.8" ? "0.8" : "0.95";
    growth.value = String(number("growth"));
    launchPct.value = String(number("launchPct"));
    addPct.value = String(number("addPct"));
    const c = resource();
    if (c) {
      const saved = o[limitKey(c)];
      limitInput.value = typeof saved === "number" && Number.isFinite(saved) ? String(saved) : c.thresholds ? String(c.thresholds.limit) : "";
      $("capacity-limit-unit").textContent = c.unit;
      const end = lastMs(c);
      for (const input of [launchDate, addDate]) {
        input.min = isoDay(end + DAY_MS);
        input.max = isoDay(end + Math.max(DAY_MS, horizonOf(c) * c.series.step * 1000));
      }
      const inRange = (v) => typeof v === "string" && v >= launchDate.min && v <= launchDate.max;
      const ld = pick("launchDate", null);
      const ad = pick("addDate", null);
      launchDate.value = inRange(ld) ? ld : isoDay(end + 90 * DAY_MS);
      addDate.value = inRange(ad) ? ad : isoDay(end + 180 * DAY_MS);
    }
    showOutputs();
  }

  /** The scenario the controls describe, as the engine takes it (null fields dropped). */
  function scenario(c) {
    const s = { name: "scenario" };
    const g = Number(growth.value);
    if (g !== 1) s.growth = g;
    const lp = Number(launchPct.value);
    if (lp !== 0 && launchDate.value) s.steps = [{ at: midnight(launchDate.value), factor: 1 + lp / 100 }];
    const ap = Number(addPct.value);
    if (ap !== 0 && addDate.value && Number.isFinite(capacity())) s.capacityChanges = [{ at: midnight(addDate.value), delta: (capacity() * ap) / 100 }];
    return s;
  }
  const scenarioActive = (s) => s.growth !== undefined || s.steps !== undefined || s.capacityChanges !== undefined;

  function scenarioWords(s, c) {
    const parts = [];
    if (s.growth !== undefined) parts.push(`growth ${num(s.growth, 2)}× the fitted trend`);
    if (s.steps) {
      const f = s.steps[0].factor - 1;
      parts.push(`a launch ${f >= 0 ? "adding" : "removing"} ${signedPercent(Math.abs(f)).replace("+", "")} of usage from ${day(s.steps[0].at)}`);
    }
    if (s.capacityChanges) {
      const d = s.capacityChanges[0].delta;
      parts.push(`${d >= 0 ? "" : "removing "}${num(Math.abs(d))} ${c.unit} of capacity ${d >= 0 ? "added " : ""}from ${day(s.capacityChanges[0].at)}`);
    }
    return parts.join(", ");
  }

  function fitInput(c) {
    const common = { horizon: horizonOf(c), levels: [0.8, 0.95], model: modelSelect.value };
    if (c.source !== "org") {
      // An imported series: the worker holds it (listed by capacity.sources); its seasons are detected.
      return { key: `${c.id}|${modelSelect.value}|${common.horizon}`, input: { source: c.id, ...common } };
    }
    return {
      key: `${app.scenario().sample?.seed ?? "none"}|${c.id}|${modelSelect.value}|${common.horizon}`,
      input: { series: { $ref: `org/capacity/${c.id}/series` }, seasonalPeriods: [Math.round((7 * 86400) / c.series.step)], ...common },
    };
  }

  /** Each active change on its own (when two or more are active), to show what each contributes. */
  function levers(s) {
    const out = [];
    if (s.growth !== undefined) out.push({ name: "growth", growth: s.growth });
    if (s.steps) out.push({ name: "launch", steps: s.steps });
    if (s.capacityChanges) out.push({ name: "capacity", capacityChanges: s.capacityChanges });
    return out.length > 1 ? out : [];
  }

  function query(c) {
    const s = scenario(c);
    // One runway call answers the combined scenario and each change alone: one pass over the horizon each.
    return { capacity: capacity(), utilisationTarget: Number(alertAt.value) / 100, level: Number(level.value), scenarios: [s, ...levers(s)] };
  }

  function persist() {
    const c = resource();
    // Each resource's capacity under its own key (at the data's limit it equals the registered baseline).
    const limit = c && Number.isFinite(capacity()) ? { [limitKey(c)]: capacity() } : {};
    app.setOverrides({
      ...limit,
      "capacity.model": modelSelect.value,
      "capacity.alertAt": Number(alertAt.value),
      "capacity.level": level.value,
      "capacity.growth": Number(growth.value),
      "capacity.launchPct": Number(launchPct.value),
      "capacity.launchDate": launchDate.value,
      "capacity.addPct": Number(addPct.value),
      "capacity.addDate": addDate.value,
    });
  }

  function status(text, isError = false) {
    summaryLine.textContent = text;
    summaryLine.classList.toggle("error", isError);
  }

  /** Chart series for a fit: the history, then the forecast (joined at the last observation). */
  function chartData(c, f) {
    const v = c.series.values;
    const n = v.length;
    const h = f.forecast.mean.length;
    const x = timeAxis(c.series.start, c.series.step, n + h);
    const history = new Float64Array(n + h).fill(Number.NaN);
    history.set(v);
    const pad = (a) => {
      const out = new Float64Array(n + h).fill(Number.NaN);
      out[n - 1] = v[n - 1];
      out.set(a, n);
      return out;
    };
    const bands = [...f.forecast.intervals]
      .sort((a, b) => b.level - a.level)
      .map((b) => ({ lower: pad(b.lower), upper: pad(b.upper), label: `${Math.round(b.level * 100)}% interval` }));
    const daily = c.series.step === 86400;
    const ahead = daily ? `${h}-day` : `${num((h * c.series.step) / 86400, 0)}-day (${h.toLocaleString("en")}-step)`;
    return {
      title: `${c.name} (${c.unit}): ${daily ? "daily " : ""}history and ${ahead} forecast, ${f.model.name}`,
      x,
      history,
      historyLabel: `${daily ? "Daily" : "History"} (${c.unit})`,
      median: pad(f.forecast.mean),
      medianLabel: "Forecast median",
      bands,
      yLabel: c.unit,
    };
  }

  /**
   * What the controls move on the chart: thresholds, markers, runway ranges and the y range. Without a runway
   * report (an imported series whose capacity is not entered yet) only the forecast and "now" are shown.
   */
  function overlay(c, r, s, description) {
    const x0 = Date.parse(c.series.start) / 1000;
    const xEnd = x0 + (c.series.values.length - 1 + fit.forecast.mean.length) * c.series.step;
    const noRunway = { threshold: 0, headroom: -1 };
    const base = r?.baseline.runway ?? noRunway;
    const scen = r?.scenarios[0]?.runway ?? base;
    const active = r !== null && scenarioActive(s);
    const lines = [];
    const util = Number(alertAt.value);
    const limit = capacity();
    if (r && util < 100) lines.push({ segments: [{ from: x0, to: xEnd, value: limit }], label: `Limit ${num(limit)} ${c.unit}`, color: "muted", dash: [2, 3], width: 1, minor: true });
    if (c.thresholds) lines.push({ segments: [{ from: x0, to: xEnd, value: c.thresholds.warning }], label: `Warning level ${num(c.thresholds.warning)} ${c.unit}`, color: "warn", dash: [2, 3], width: 1, labelBelow: true, minor: true });
    if (r) lines.push({ segments: [{ from: x0, to: xEnd, value: base.threshold }], label: `Threshold ${num(base.threshold)} ${c.unit}${util < 100 ? ` (${util}% of the limit)` : " (the limit)"}`, color: "bad" });
    let thrMax = r ? Math.max(base.threshold, limit) : 0;
    if (active && s.capacityChanges) {
      const at = Date.parse(s.capacityChanges[0].at) / 1000;
      const after = ((limit + s.capacityChanges[0].delta) * util) / 100;
      lines.push({ segments: [{ from: at, to: at, value: base.threshold }, { from: at, to: xEnd, value: after }], label: `Scenario threshold ${num(after)} ${c.unit}`, color: "second", dash: [8, 3], width: 2 });
      thrMax = Math.max(thrMax, after);
    }
    const markers = [{ x: lastMs(c) / 1000, label: "Now", color: "muted", row: 0 }];
    for (const e of c.events ?? []) markers.push({ x: Date.parse(e.at) / 1000, label: e.label, color: "muted", dash: [2, 3], row: 1, minor: true });
    if (active && s.steps) markers.push({ x: Date.parse(s.steps[0].at) / 1000, label: `Launch ${signedPercent(s.steps[0].factor - 1)}`, color: "second", dash: [4, 3], row: 1, minor: true });
    if (active && s.capacityChanges) markers.push({ x: Date.parse(s.capacityChanges[0].at) / 1000, label: `Capacity ${pctText(Number(addPct.value))}`, color: "second", dash: [4, 3], row: 2, minor: true });
    if (r && base.mean) markers.push({ x: Date.parse(base.mean.at) / 1000, label: `Runs out ${day(base.mean.at)}`, color: "bad", row: 3 });
    if (active && scen.mean) markers.push({ x: Date.parse(scen.mean.at) / 1000, label: `Scenario ${day(scen.mean.at)}`, color: "second", dash: [6, 3], row: 4 });
    const range = (rw, color, offset) => ({
      y: rw.mean?.threshold ?? rw.earliest?.threshold ?? rw.threshold,
      from: rw.earliest ? Date.parse(rw.earliest.at) / 1000 : undefined,
      to: rw.latest ? Date.parse(rw.latest.at) / 1000 : undefined,
      at: rw.mean ? Date.parse(rw.mean.at) / 1000 : undefined,
      color,
      offset,
    });
    const ranges = r && base.headroom >= 0 ? [range(base, "accent", -9)] : [];
    if (active && scen.headroom >= 0) ranges.push(range(scen, "second", 9));
    // Room for the history, every threshold and the forecast median, but never so tall that the threshold sinks to
    // the bottom of the chart when a wide model's median runs away.
    let hMax = 0;
    for (const y of c.series.values) if (y > hMax) hMax = y;
    if (!r) for (const y of fit.forecast.intervals[0]?.upper ?? []) if (y > hMax && y < hMax * 1.5) hMax = y;
    let mMax = 0;
    for (const y of fit.forecast.mean) if (y > mMax) mMax = y;
    const top = Math.min(Math.max(hMax, thrMax, mMax) * 1.05, Math.max(hMax, thrMax) * 1.6);
    return { lines, markers, ranges, yRange: [0, Number(top.toPrecision(2))], description };
  }

  /** An imported series before its capacity is entered: the forecast alone, and a sentence asking for it. */
  function paintForecastOnly(c) {
    status(`Enter the capacity of ${c.name} above to see when it runs out; the forecast is drawn meanwhile.`);
    summaryLine.dataset.mean = "";
    summaryLine.dataset.scenarioMean = "";
    const o = overlay(c, null, {}, `Fan chart of ${c.name}: history and forecast; no capacity entered yet.`);
    if (!chart) chart = createRunwayChart($("capacity-chart"), chartData(c, fit), o);
    else if (drawnKey !== fit.key) chart.setData(chartData(c, fit), o);
    else chart.setOverlay(o);
    drawnKey = fit.key;
    compare.tBodies[0].replaceChildren();
    $("capacity-levers-wrap").hidden = true;
    $("capacity-scenario-state").textContent = "Scenario: needs the capacity.";
    compare.dataset.renders = String(Number(compare.dataset.renders ?? 0) + 1);
  }

  function paint() {
    const c = fit?.resource;
    if (!c) return;
    if (!report) return paintForecastOnly(c);
    const s = scenario(c);
    const active = scenarioActive(s);
    const ctx = { level: report.level, horizonEnd: report.horizonEnd, unit: c.unit };
    const base = `${c.name} ${runwaySentence(report.baseline.runway, ctx)}.`;
    const sr = report.scenarios[0].runway;
    const scen = active ? ` With ${scenarioWords(s, c)}, it ${runwaySentence(sr, { ...ctx, headroom: sr.headroom !== report.baseline.runway.headroom })}.` : "";
    status(base + scen);
    summaryLine.dataset.mean = report.baseline.runway.mean?.at ?? "";
    summaryLine.dataset.scenarioMean = report.scenarios[0]?.runway.mean?.at ?? "";
    const o = overlay(c, report, s, `Fan chart. ${base}${scen}`);
    if (!chart) chart = createRunwayChart($("capacity-chart"), chartData(c, fit), o);
    else if (drawnKey !== fit.key) chart.setData(chartData(c, fit), o);
    else chart.setOverlay(o);
    drawnKey = fit.key;
    compare.tBodies[0].replaceChildren(
      ...compareRows(report, c.unit).map(([key, ...cells]) => {
        const tr = row(cells, { header: true });
        tr.dataset.row = key;
        return tr;
      }),
    );
    $("capacity-scenario-state").textContent = active ? `Scenario: ${scenarioWords(s, c)}.` : "Scenario: every control at its baseline, so the scenario equals the baseline.";
    const alone = report.scenarios.slice(1);
    $("capacity-levers-wrap").hidden = alone.length === 0;
    $("capacity-levers").replaceChildren(
      ...alone.map((x, i) => {
        const lever = levers(s)[i];
        const when = x.runway.headroom < 0 ? "is already past the threshold" : x.runway.mean ? `runs out around ${day(x.runway.mean.at)}` : `does not run out before ${day(report.horizonEnd)}`;
        const b = report.baseline.runway.mean;
        const shift = crossingShift(b, x.runway.mean, report.horizonEnd);
        const versus = b && x.runway.mean ? (shift === "no change" ? "the same as the baseline" : `${shift} than the baseline`) : `baseline: ${shift}`;
        const words = scenarioWords(lever, c);
        return el("li", { dataset: { lever: x.name } }, `${words.charAt(0).toUpperCase()}${words.slice(1)} on its own: ${when} (${versus}).`);
      }),
    );
    compare.dataset.runwayMs = report.timing.runwayMs.toFixed(3);
    compare.dataset.renders = String(Number(compare.dataset.renders ?? 0) + 1);
  }

  /** Count the fits the worker actually ran (a held model reports 0 ms): the tests check scenarios never refit. */
  function countFits(ms) {
    if (ms > 0) compare.dataset.fits = String(Number(compare.dataset.fits ?? 0) + 1);
  }

  function showModel(c, f) {
    $("capacity-model-line").textContent = `Model: ${modelSentence(f.model, f.diagnostics, { unit: c.unit, automatic: modelSelect.value === "ZZZ" })}`;
    const note = $("capacity-growth-note");
    note.hidden = hasTrend(f.model);
    note.textContent = note.hidden ? "" : `The model (${f.model.name}) has no trend, so the growth multiplier has nothing to multiply. Choose a model with a trend above to explore faster or slower growth.`;
    $("capacity-candidates").tBodies[0].replaceChildren(
      ...f.model.candidates.slice(0, 10).map((m, i) => row([m.name, num(m.aicc, 1), i === 0 ? "Chosen (lowest AICc)" : `+${num(m.aicc - f.model.candidates[0].aicc, 1)}`], { header: true })),
    );
    $("capacity-candidates-wrap").hidden = f.model.candidates.length === 0;
  }

  function empty(message) {
    chart?.destroy();
    chart = null;
    drawnKey = null;
    fit = null;
    report = null;
    $("capacity-chart").replaceChildren(el("p", { className: "note" }, message));
    status("");
    $("capacity-model-line").textContent = "";
    compare.tBodies[0].replaceChildren();
  }

  /** The runway on the held model, or null while no capacity is entered (the view then shows the forecast only). */
  function runway(fi, c) {
    if (!Number.isFinite(capacity())) return Promise.resolve(null);
    return app.engine.whatIf("capacity.runway", "capacity.runway", { ...fi, query: query(c) });
  }

  /** A new resource or model: fit (or reuse the held fit) and ask for the runway, then draw everything. */
  function refit() {
    const c = resource();
    if (!c) return empty("No capacity data loaded: choose the sample, or import a series (CSV or a Prometheus query_range response), on the Data view.");
    persist();
    const mine = ++fitSeq;
    runSeq++;
    const fi = fitInput(c);
    if (!fit || fit.key !== fi.key) status(`Fitting the forecasting model for ${c.name}…`);
    return Promise.all([app.engine.whatIf("capacity.fit", "capacity.fit", fi), runway(fi, c)]).then(
      ([f, r]) => {
        if (mine !== fitSeq) return;
        fit = { ...f, resource: c };
        report = r;
        countFits(f.timing.fitMs + (r?.timing.fitMs ?? 0));
        showModel(c, f);
        paint();
      },
      (e) => {
        if (isSuperseded(e) || mine !== fitSeq) return;
        report = null;
        status(`The forecast could not be computed: ${e.message}${e.path ? ` (at ${e.path})` : ""}.`, true);
      },
    );
  }

  /** A threshold or scenario control moved: a new runway from the held model, no refit. */
  function rerun() {
    showOutputs();
    persist();
    const c = fit?.resource;
    if (!c) return Promise.resolve();
    const mine = ++runSeq;
    return runway(fitInput(c), c).then(
      (r) => {
        if (mine !== runSeq || fit?.resource !== c) return;
        report = r;
        countFits(r?.timing.fitMs ?? 0);
        paint();
      },
      (e) => {
        if (isSuperseded(e) || mine !== runSeq) return;
        status(`The runway could not be computed: ${e.message}${e.path ? ` (at ${e.path})` : ""}.`, true);
      },
    );
  }

  select.addEventListener("change", () => {
    app.setOverrides({ "capacity.resource": select.value });
    restoreControls();
    refit();
  });
  modelSelect.addEventListener("change", refit);
  for (const input of [alertAt, limitInput, growth, launchPct, addPct, launchDate, addDate]) input.addEventListener("input", rerun);
  level.addEventListener("change", rerun);
  $("capacity-reset").addEventListener("click", () => {
    alertAt.value = String(DEFAULTS.alertAt);
    growth.value = String(DEFAULTS.growth);
    launchPct.value = String(DEFAULTS.launchPct);
    addPct.value = String(DEFAULTS.addPct);
    rerun();
  });
  for (const id of ["capacity-form", "capacity-scenario-form"]) $(id).addEventListener("submit", (e) => e.preventDefault());
  restoreControls();

  /** Fill the resource list (the sample's resources, then imported series), keeping `prefer` when it is listed. */
  function fillResources(prefer) {
    fillSelect(select, resources().map((c) => [c.id, c.source === "org" ? c.name : `Imported: ${c.name}`]), prefer);
  }

  /** Ask the worker which imported series can be forecast; refit if the selection changed as a result. */
  async function refreshSources() {
    let list;
    try {
      list = await app.engine.call("capacity.sources");
    } catch {
      return;
    }
    const names = new Map(app.scenario().imports.map((r) => [r.id, r.name]));
    imported = list.map((x) => ({
      id: x.id,
      name: [names.get(x.importId) ?? "Imported series", x.name].filter(Boolean).join(": "),
      unit: "units",
      series: x.series,
      thresholds: null,
      source: "import",
    }));
    const before = select.value;
    // The saved choice wins once it is listed (an imported series chosen before a reload appears only now).
    const saved = wanted ?? app.scenario().overrides["capacity.resource"];
    fillResources(resources().some((x) => x.id === saved) ? saved : before);
    if (select.value !== before) {
      restoreControls();
      refit();
    }
  }
  // Imported data reaches the worker after the page starts: look again once the tool is ready.
  const ready = new MutationObserver(() => {
    if (document.body.dataset.ready !== "true") return;
    ready.disconnect();
    refreshSources();
  });
  ready.observe(document.body, { attributes: true, attributeFilter: ["data-ready"] });

  return {
    onData(org) {
      if (org) registerLimits(org);
      fillResources(wanted ?? app.scenario().overrides["capacity.resource"]);
      wanted = null;
      if (!org) app.engine.call("capacity.release").catch(() => {});
      restoreControls();
      refit();
      erlang.recompute();
      refreshSources();
    },
    onShow(params) {
      refreshSources();
      const want = params.get("resource");
      // Before the data arrives the list is empty: remember the wish for onData.
      if (want && select.options.length === 0) wanted = want;
      if (want && select.value !== want && [...select.options].some((o) => o.value === want)) {
        select.value = want;
        app.setOverrides({ "capacity.resource": want });
        restoreControls();
        refit();
      }
    },
    onScenario() {
      restoreControls();
      refit();
      erlang.restore();
    },
    results() {
      const rows = [];
      const c = fit?.resource;
      if (c && report) {
        const item = c.name;
        const put = (measure, value, unit) => rows.push({ section: "Capacity", item, measure, value, unit });
        put("Model", fit.model.name, "");
        if (fit.model.aicc !== undefined) put("AICc", fit.model.aicc, "");
        put("Residual SD", fit.diagnostics.residualSd, c.unit);
        put("Threshold now", report.baseline.runway.threshold, c.unit);
        put("Headroom now", report.baseline.runway.headroomFraction, "ratio");
        for (const [who, rw] of [["Baseline", report.baseline.runway], ["Scenario", report.scenarios[0].runway]]) {
          put(`${who} runs out (mean)`, day(rw.mean?.at) ?? `after ${day(report.horizonEnd)}`, "date");
          put(`${who} earliest (${Math.round(report.level * 100)}%)`, day(rw.earliest?.at) ?? `after ${day(report.horizonEnd)}`, "date");
          put(`${who} latest (${Math.round(report.level * 100)}%)`, day(rw.latest?.at) ?? `after ${day(report.horizonEnd)}`, "date");
        }
        const s = scenario(c);
        put("Scenario", scenarioActive(s) ? scenarioWords(s, c) : "none (baseline)", "");
      }
      return [...rows, ...erlang.results()];
    },
  };
}
