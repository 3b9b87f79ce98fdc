// The planning tool's shell: the engine worker, the scenario (saved and shareable), hash routing between the
// views, notices and progress. Each view lives in views/*.js and gets the `app` object below.
//
// Adding an engine view: `mountX(app)` returns any of
//   onData(summary | null)  the organisation summary (sample or none) arrived: fill selects, draw;
//   onShow(params)          the view became visible (params: the hash's query, e.g. ?service=checkout);
//   onScenario(scenario)    the scenario was replaced (reset, shared link, applied file): restore controls;
//   results()               rows {section, item, measure, value, unit} for "Export results (CSV)";
//   onImports(scenario)     imported data was added, removed or re-attached (app.importsChanged()).
// Controls call app.engine.whatIf(key, fn, input) (latest wins), pass held data as {$ref: "org/services/<id>/sli"}
// or {$ref: "imports/<id>/…"} (engine/refs.js), store their values with app.setOverrides({"view.control": v}),
// and bump data-renders on their result element after painting (tests and bench/whatif-latency.mjs wait on it).
// A control that maps onto the organisation (a target, an outage, capacity, rotation size) also registers a
// mapping with registerOrgWhatIf (orgwhatif.js): the overview's scorecard and its comparison with the baseline
// then include it.
import { $, el } from "./dom.js";
import { createEngine, startEngineWorker } from "./engine/client.js";
import { transferables } from "./engine/protocol.js";
import {
  SHARE_PARAM,
  decodeScenario,
  defaultScenario,
  encodeScenario,
  loadScenario,
  parseHash,
  saveScenario,
} from "./state.js";
import { getDataset } from "./io/store.js";
import { later } from "./later.js";
import { mountOverview } from "./views/overview.js";
import { mountSla } from "./views/sla.js";
import { mountBudget } from "./views/budget.js";
import { mountCapacity } from "./views/capacity.js";
import { mountTeam } from "./views/team.js";
import { mountData } from "./views/data.js";

const VIEWS = ["overview", "sla", "budget", "capacity", "team", "data"];
const TITLES = { overview: "Overview", sla: "SLA", budget: "Error budget", capacity: "Capacity", team: "Team", data: "Data" };

const engine = createEngine(startEngineWorker());
let scenario = defaultScenario();
let summary = null;
let engineVersion = "";
const saveTimer = later(150);
const mounted = {};

function notify(kind, message, { id } = {}) {
  const box = $("notices");
  if (id) box.querySelector(`[data-id="${CSS.escape(id)}"]`)?.remove();
  const close = el("button", { type: "button", className: "dismiss" }, "Dismiss");
  const note = el("div", { className: `notice ${kind}`, dataset: { kind, id: id ?? "" }, attrs: { role: kind === "error" ? "alert" : "status" } }, [el("p", {}, message), close]);
  close.setAttribute("aria-label", `Dismiss: ${message.slice(0, 60)}`);
  close.addEventListener("click", () => note.remove());
  box.append(note);
}

function progress(label, fraction) {
  const bar = $("progress");
  if (label === null) {
    bar.hidden = true;
    const ms = document.body.dataset.sampleMs;
    $("status-text").textContent = summary ? `${summary.meta.name} loaded${ms ? ` (generated in ${ms} ms)` : ""}.` : "Ready.";
    return;
  }
  bar.hidden = false;
  bar.value = Number.isFinite(fraction) ? fraction : 0;
  $("status-text").textContent = label;
}

function persist() {
  // (One timer kept armed while a control moves, not a new one per change: see later.js.)
  saveTimer.run(() => {
    const problem = saveScenario(localStorage, scenario);
    if (problem) notify("warning", problem, { id: "save" });
  });
}

const app = {
  engine,
  scenario: () => scenario,
  summary: () => summary,
  engineVersion: () => engineVersion,
  notify,
  progress,
  setOverrides(values) {
    scenario = { ...scenario, overrides: { ...scenario.overrides, ...values } };
    persist();
  },
  updateScenario(fn) {
    scenario = fn(scenario);
    persist();
  },
  replaceScenario(next) {
    const sampleChanged = JSON.stringify(next.sample) !== JSON.stringify(scenario.sample);
    scenario = next;
    persist();
    for (const v of Object.values(mounted)) v.onScenario?.(scenario);
    restoreControls();
    if (sampleChanged) loadSample();
  },
  /** Imported data changed (added, removed, attached elsewhere): views that score it recompute. */
  importsChanged() {
    for (const v of Object.values(mounted)) v.onImports?.(scenario);
  },
  resetScenario() {
    app.replaceScenario({ ...defaultScenario(), imports: scenario.imports });
  },
  setSample(seed) {
    app.updateScenario((s) => ({ ...s, sample: seed ? { seed } : null }));
    loadSample();
  },
  async shareUrl() {
    const { view } = parseHash(location.hash);
    const base = `${location.origin}${location.pathname}`;
    return `${base}#/${VIEWS.includes(view) ? view : "overview"}?${SHARE_PARAM}=${await encodeScenario(scenario)}`;
  },
  results() {
    return VIEWS.flatMap((v) => mounted[v]?.results?.() ?? []);
  },
};

/** Put saved what-if values back into their controls and recompute (after a reset, a shared link or an import). */
function restoreControls() {
  const o = scenario.overrides;
  $("target").value = typeof o["sla.target"] === "string" ? o["sla.target"] : "99.9";
  $("convention").value = typeof o["sla.convention"] === "string" ? o["sla.convention"] : "gregorian";
  mounted.sla?.recompute();
}

/** Hand the stored imports to the worker; references to data no longer in this browser are dropped, with a notice. */
async function holdImports() {
  const missing = [];
  for (const ref of scenario.imports) {
    try {
      const record = await getDataset(ref.id);
      if (record) await engine.call("data.hold", { id: ref.id, data: record.data }, { transfer: transferables(record.data) });
      else missing.push(ref);
    } catch {
      missing.push(ref);
    }
  }
  if (missing.length) {
    app.updateScenario((s) => ({ ...s, imports: s.imports.filter((r) => !missing.includes(r)) }));
    for (const v of Object.values(mounted)) v.onScenario?.(scenario);
    notify("warning", `Imported data no longer stored in this browser was removed from the scenario: ${missing.map((r) => r.name).join(", ")}.`, { id: "missing-imports" });
  }
}

async function loadSample() {
  const seed = scenario.sample?.seed;
  if (!seed) {
    summary = null;
    engine.call("sample.unload").catch(() => {});
    for (const v of Object.values(mounted)) v.onData?.(null);
    progress(null);
    return;
  }
  try {
    const result = await engine.call("sample.load", { seed }, { onProgress: (p) => progress(`Generating the sample organisation: ${p.label}`, p.done / p.total) });
    if (scenario.sample?.seed !== seed) return; // the choice changed while this one was generating
    summary = result;
    if (result.timing?.generateMs) document.body.dataset.sampleMs = result.timing.generateMs.toFixed(0);
    for (const v of Object.values(mounted)) v.onData?.(summary);
  } catch (e) {
    notify("error", `The sample organisation could not be generated: ${e.message}`);
  } finally {
    progress(null);
  }
}

let firstRoute = true;
function route() {
  const { view, params } = parseHash(location.hash);
  const current = VIEWS.includes(view) ? view : "overview";
  for (const section of document.querySelectorAll("main > .view")) section.hidden = section.dataset.view !== current;
  for (const a of document.querySelectorAll(".nav a")) {
    if (a.dataset.view === current) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  document.title = `${TITLES[current]} · opscore planning tool`;
  mounted[current]?.onShow?.(params);
  // Move focus to the view's heading when the person navigated (not on first load), so keyboard and screen-reader
  // users land on the new content.
  if (!firstRoute) $(`${current}-title`)?.focus();
  firstRoute = false;
  document.body.dataset.view = current;
}

async function start() {
  const saved = loadScenario(localStorage);
  scenario = saved.scenario;
  if (saved.notice) notify(saved.notice.kind === "corrupt" ? "warning" : "error", saved.notice.message, { id: "saved-state" });

  const { view, params } = parseHash(location.hash);
  const shared = params.get(SHARE_PARAM);
  if (shared !== null) {
    const decoded = await decodeScenario(shared);
    if (decoded.scenario) {
      scenario = { ...decoded.scenario, imports: scenario.imports };
      saveScenario(localStorage, scenario);
      notify("info", "Loaded the scenario from the shared link. Your imported data stays as it was.", { id: "shared" });
    } else {
      notify("error", `The shared link could not be read: ${decoded.error}. Your saved scenario is unchanged.`, { id: "shared" });
    }
    params.delete(SHARE_PARAM);
    const rest = params.toString();
    history.replaceState(null, "", `#/${VIEWS.includes(view) ? view : "overview"}${rest ? `?${rest}` : ""}`);
  }

  mounted.overview = mountOverview(app);
  mounted.sla = mountSla(app);
  mounted.budget = mountBudget(app);
  mounted.capacity = mountCapacity(app);
  mounted.team = mountTeam(app);
  mounted.data = mountData(app);
  window.addEventListener("hashchange", route);
  route();

  engineVersion = await engine.call("version");
  $("engine-version").textContent = `opscore engine ${engineVersion}`;
  await mounted.sla.recompute();
  await Promise.all([loadSample(), holdImports()]);
  if (scenario.imports.length) app.importsChanged();
  document.body.dataset.ready = "true";
}

start().catch((e) => {
  notify("error", `The planning tool failed to start: ${e.message}`);
  $("target-error").textContent = `The engine failed to load: ${e.message}`;
  $("target-error").hidden = false;
});
