// opscore/elements: framework-free custom elements for embedding opscore in portals. Hand-written and shipped
// as-is (the engine itself stays free of DOM code; this entry point is separate).
//
//   <script type="module" src="https://your.host/opscore/elements.js"></script>
//   <opscore-downtime target="0.999"></opscore-downtime>
//   <opscore-scorecard src="org.json" as-of="2026-03-15T00:00:00Z"></opscore-scorecard>
//   <opscore-budget src="org.json" pick="services.0.slos.0"></opscore-budget>
//   <opscore-runway src="org.json" pick="resources.0.runway"></opscore-runway>
//
// Every element renders into its own shadow DOM, is themed with CSS custom properties (--opscore-fg, --opscore-bg,
// --opscore-muted, --opscore-accent, --opscore-bad, --opscore-warn, --opscore-ok, --opscore-border,
// --opscore-radius, --opscore-font), takes its data from a `src` URL (same-origin JSON; `pick="a.0.b"` selects a
// part of it) or from its `document` property, and fires an `opscore-change` event (bubbling, composed) when the
// user moves one of its what-if controls.
import init, { allowedDowntime, CapacityModel, errorBudget, formatDuration, scorecard } from "./opscore.js";

/** Seconds in words, from the engine (re-exported for pages that embed the elements). */
export { formatDuration };

const ready = init();

const BASE_CSS = `
:host { display: block; font-family: var(--opscore-font, system-ui, sans-serif); color: var(--opscore-fg, #1b1f24);
  background: var(--opscore-bg, transparent); border: 1px solid var(--opscore-border, #d0d7de);
  border-radius: var(--opscore-radius, 8px); padding: 0.75rem 1rem; }
:host([hidden]) { display: none; }
h2 { font-size: 1rem; margin: 0 0 0.5rem; }
label { display: inline-block; margin-right: 0.5rem; }
input, select { font: inherit; color: inherit; background: transparent; border: 1px solid var(--opscore-border, #d0d7de);
  border-radius: 4px; padding: 0.2rem 0.4rem; }
input:focus-visible, select:focus-visible { outline: 2px solid var(--opscore-accent, #0b5cad); outline-offset: 1px; }
table { border-collapse: collapse; width: 100%; margin-top: 0.5rem; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 0.25rem 0.4rem; border-bottom: 1px solid var(--opscore-border, #d0d7de); }
.error { color: var(--opscore-bad, #b3261e); font-weight: 600; }
.muted { color: var(--opscore-muted, #57606a); }
`;

const CONVENTION_NAMES = {
  gregorian: "Gregorian months (30.44 days)",
  days30: "30-day months",
  days365: "365/12-day months",
};

let baseSheet;
function sheet(css) {
  const s = new CSSStyleSheet();
  s.replaceSync(css);
  return s;
}

/** Create an element with text content (never HTML) and attributes. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c !== undefined && c !== null) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** The shared behaviour: shadow DOM, themed base styles, data from `src` or `.document`, errors shown as text. */
export class OpscoreElement extends HTMLElement {
  static css = "";
  #document = null;
  #loadSeq = 0;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    baseSheet ??= sheet(BASE_CSS);
    root.adoptedStyleSheets = this.constructor.css ? [baseSheet, sheet(this.constructor.css)] : [baseSheet];
  }

  static get observedAttributes() {
    return ["src", "pick"];
  }

  /** The data the element renders (an organisation document, or the element's own input). */
  get document() {
    return this.#document;
  }
  set document(value) {
    this.#document = value;
    this.refresh();
  }

  connectedCallback() {
    this.refresh();
  }

  attributeChangedCallback(name, oldValue, value) {
    if ((name === "src" || name === "pick") && value !== oldValue && this.getAttribute("src")) {
      this.#load(this.getAttribute("src"));
    } else this.refresh();
  }

  async #load(src) {
    const seq = ++this.#loadSeq;
    try {
      const res = await fetch(new URL(src, document.baseURI));
      if (!res.ok) throw new Error(`${src}: HTTP ${res.status}`);
      let doc = await res.json();
      for (const key of (this.getAttribute("pick") ?? "").split(".").filter(Boolean)) {
        if (doc === null || typeof doc !== "object" || !Object.prototype.hasOwnProperty.call(doc, key)) {
          throw new Error(`${src} has nothing at "${this.getAttribute("pick")}" (stopped at "${key}")`);
        }
        doc = doc[key];
      }
      if (seq === this.#loadSeq) this.document = doc;
    } catch (e) {
      if (seq === this.#loadSeq) this.showError(e);
    }
  }

  /** Re-render once the engine is ready. */
  async refresh() {
    await ready;
    if (!this.isConnected) return;
    try {
      // Re-rendering builds new controls; put the one being used back in place of its fresh copy, so its caret,
      // focus and any drag in progress carry on.
      const active = this.shadowRoot.activeElement;
      this.shadowRoot.replaceChildren(...[this.render()].flat().filter((n) => n !== null && n !== undefined));
      const fresh = active?.id ? this.shadowRoot.getElementById(active.id) : null;
      if (fresh && fresh !== active && fresh.tagName === active.tagName) {
        fresh.replaceWith(active);
        active.focus();
      }
    } catch (e) {
      this.showError(e);
    }
  }

  showError(e) {
    const where = e?.path ? ` (at ${e.path})` : "";
    this.shadowRoot.replaceChildren(h("p", { class: "error", role: "alert", part: "error" }, `${e?.message ?? e}${where}`));
  }

  /** Announce a what-if change to the page. */
  emit(detail) {
    this.dispatchEvent(new CustomEvent("opscore-change", { detail, bubbles: true, composed: true }));
  }

  /** Subclasses return the nodes to show. */
  render() {
    return [];
  }
}

/** <opscore-downtime target="0.999" convention="gregorian">: the allowed-downtime table with a target control. */
export class OpscoreDowntime extends OpscoreElement {
  static get observedAttributes() {
    return ["src", "pick", "target", "convention", "heading"];
  }

  get target() {
    return Number(this.getAttribute("target") ?? this.document?.target ?? 0.999);
  }

  render() {
    const target = this.target;
    const convention = this.getAttribute("convention") ?? this.document?.convention ?? "gregorian";
    const table = allowedDowntime({ target, convention });
    const id = "t";
    const input = h("input", {
      id,
      type: "number",
      min: "0",
      max: "100",
      step: "0.01",
      value: String(Math.round(target * 1e6) / 1e4),
      "aria-describedby": "hint",
      onchange: (e) => {
        const pct = Number(e.target.value);
        const next = pct / 100;
        try {
          allowedDowntime({ target: next, convention });
        } catch (err) {
          this.showError(err);
          return;
        }
        this.setAttribute("target", String(next));
        this.emit({ control: "target", value: next });
      },
    });
    const rows = ["day", "week", "month", "quarter", "year"].map((p) =>
      h("tr", { "data-period": p }, h("th", { scope: "row" }, p[0].toUpperCase() + p.slice(1)), h("td", {}, formatDuration(table[p].allowedSeconds))),
    );
    return [
      h("h2", { part: "heading" }, this.getAttribute("heading") ?? "Allowed downtime"),
      h("label", { for: id }, "Target (%)"),
      input,
      h("span", { id: "hint", class: "muted" }, ` ${CONVENTION_NAMES[convention] ?? convention}`),
      h("table", { part: "table" }, h("caption", { class: "muted" }, `Downtime allowed at ${(target * 100).toFixed(3).replace(/\.?0+$/, "")}%`), h("tbody", {}, rows)),
    ];
  }
}

const STATUS_MARK = { healthy: "✓", atRisk: "!", critical: "✕", noData: "–" };

/** A status as text with a mark; colour comes from CSS custom properties and never carries the meaning alone. */
function statusCell(status, text) {
  return h("td", { class: "status", "data-status": status }, h("span", { "aria-hidden": "true" }, `${STATUS_MARK[status] ?? ""} `), text);
}

/** `o` without its undefined fields: the engine reads an explicit `undefined` as a value, not as absent. */
const defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const fmtDay = (t) => (t ? String(t).slice(0, 10) : "–");
const pct = (x, digits = 1) => (Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : "–");

const STATUS_CSS = `
td.status[data-status="healthy"] { color: var(--opscore-ok, #1a7f37); }
td.status[data-status="atRisk"] { color: var(--opscore-warn, #9a6700); }
td.status[data-status="critical"] { color: var(--opscore-bad, #b3261e); font-weight: 600; }
td.status[data-status="noData"] { color: var(--opscore-muted, #57606a); }
tr[data-id] { cursor: pointer; }
tr[data-id]:focus-visible { outline: 2px solid var(--opscore-accent, #0b5cad); outline-offset: -2px; }
.controls { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin: 0.25rem 0 0.5rem; }
.big { font-size: 1.4rem; font-weight: 600; }
svg { display: block; width: 100%; height: 4rem; }
svg .remaining { fill: none; stroke: var(--opscore-accent, #0b5cad); stroke-width: 2; }
svg .ideal { fill: none; stroke: var(--opscore-muted, #57606a); stroke-dasharray: 4 3; stroke-width: 1; }
`;

/** The instant to evaluate at: the `as-of` attribute, else the document's own, else now (a UI default; the
 * engine itself never reads the clock). */
function asOfOf(el) {
  return el.getAttribute("as-of") ?? new Date().toISOString();
}

/** <opscore-scorecard src="org.json" as-of="2026-03-15T00:00:00Z">: every service, resource and team of an
 * organisation document with its status in words. An "as of" date control re-scores; a row click fires
 * `opscore-select` with `{ kind, id }`. */
export class OpscoreScorecard extends OpscoreElement {
  static css = STATUS_CSS;
  static get observedAttributes() {
    return ["src", "pick", "as-of", "heading"];
  }

  render() {
    if (!this.document) return [h("p", { class: "muted" }, "Loading the organisation…")];
    const asOf = asOfOf(this);
    const card = scorecard(this.document, { asOf });
    const input = h("input", {
      id: "asof",
      type: "date",
      value: card.asOf.slice(0, 10),
      onchange: (e) => {
        if (!e.target.value) return;
        const value = `${e.target.value}T00:00:00Z`;
        this.setAttribute("as-of", value);
        this.emit({ control: "asOf", value });
      },
    });
    const select = (kind, id) => this.dispatchEvent(new CustomEvent("opscore-select", { detail: { kind, id }, bubbles: true, composed: true }));
    const row = (kind, item, cells) =>
      h(
        "tr",
        { "data-id": item.id, tabindex: "0", onclick: () => select(kind, item.id), onkeydown: (e) => e.key === "Enter" && select(kind, item.id) },
        h("th", { scope: "row" }, item.name),
        statusCell(item.status, item.statusText),
        cells,
      );
    const table = (caption, heads, rows) =>
      rows.length
        ? h("table", { part: "table" }, h("caption", { class: "muted" }, caption), h("thead", {}, h("tr", {}, heads.map((t) => h("th", { scope: "col" }, t)))), h("tbody", {}, rows))
        : null;
    return [
      h("h2", { part: "heading" }, this.getAttribute("heading") ?? card.name),
      h("div", { class: "controls" }, h("label", { for: "asof" }, "As of"), input),
      table("Services", ["Service", "Status", "Why"], card.services.map((s) => row("service", s, h("td", {}, s.headline)))),
      table("Capacity", ["Resource", "Status", "Runway", "Why"], card.resources.map((r) => row("resource", r, [h("td", {}, fmtDay(r.runwayAt)), h("td", {}, r.headline)]))),
      table("Teams", ["Team", "Status", "Score", "Top driver"], card.teams.map((t) => row("team", t, [h("td", {}, t.score.toFixed(0)), h("td", {}, t.topDriver ?? "–")]))),
    ];
  }
}

/** A small SVG line chart of remaining budget against the ideal line, built with DOM calls (CSP-safe). */
function sparkline(burnDown) {
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", "0 0 100 40");
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("role", "img");
  const n = burnDown.remaining.length;
  const last = burnDown.remaining[n - 1];
  svg.setAttribute("aria-label", `Budget remaining over the window, ending at ${pct(last, 0)}; dashed: the ideal line`);
  const line = (values, cls) => {
    const p = document.createElementNS(NS, "polyline");
    p.setAttribute("class", cls);
    p.setAttribute("points", values.map((v, i) => `${((i / Math.max(1, n - 1)) * 100).toFixed(2)},${(40 - Math.max(0, Math.min(1, v)) * 38 - 1).toFixed(2)}`).join(" "));
    return p;
  };
  svg.append(line(burnDown.ideal, "ideal"), line(burnDown.remaining, "remaining"));
  return svg;
}

/** <opscore-budget>: an error budget (the `document` is an `errorBudget` input: `{ slo, series, options? }`) with
 * a what-if control: one more full outage of N minutes. Fires `opscore-change` with `{ control: "outageMinutes" }`. */
export class OpscoreBudget extends OpscoreElement {
  static css = STATUS_CSS;
  static get observedAttributes() {
    return ["src", "pick", "as-of", "heading", "outage-minutes"];
  }

  render() {
    if (!this.document) return [h("p", { class: "muted" }, "Loading the SLO…")];
    const minutes = Number(this.getAttribute("outage-minutes") ?? 0);
    const input = { ...this.document, options: { ...(this.document.options ?? {}) } };
    if (this.hasAttribute("as-of")) input.options.asOf = this.getAttribute("as-of");
    if (minutes > 0) input.options.whatIf = { incidents: [{ duration: minutes * 60, errorRate: 1 }] };
    const r = errorBudget(input);
    const control = h("input", {
      id: "outage",
      type: "number",
      min: "0",
      step: "5",
      value: String(minutes),
      oninput: (e) => {
        const value = Math.max(0, Number(e.target.value) || 0);
        this.setAttribute("outage-minutes", String(value));
        this.emit({ control: "outageMinutes", value });
      },
    });
    const burn = r.currentBurnRate;
    return [
      h("h2", { part: "heading" }, this.getAttribute("heading") ?? `SLO ${pct(r.objective, 2)}`),
      h("p", {}, h("span", { class: "big", part: "remaining" }, pct(r.remaining.fraction, 0)), " of the error budget left · ", `policy: ${r.policyState}`),
      h("p", { class: "muted" }, `Burning at ${burn.burnRate.toFixed(2)}× over ${burn.window}; `, r.exhaustionAt ? `exhausted by ${fmtDay(r.exhaustionAt)}` : "not on course to run out"),
      sparkline(r.burnDown),
      h("div", { class: "controls" }, h("label", { for: "outage" }, "What if: one more full outage of (minutes)"), control),
      r.scenario ? h("p", { part: "scenario", "aria-live": "polite" }, `With it: ${pct(r.scenario.remaining.fraction, 0)} left, policy ${r.scenario.policyState}.`) : null,
    ];
  }
}

/** <opscore-runway>: a capacity runway (the `document` is a `runway` input) with a what-if control: the growth
 * multiplier. The model is fitted once per document; moving the control re-asks it without refitting. Fires
 * `opscore-change` with `{ control: "growth" }`. */
export class OpscoreRunway extends OpscoreElement {
  static css = STATUS_CSS;
  static get observedAttributes() {
    return ["src", "pick", "heading", "growth"];
  }
  #model = null;
  #fittedFor = null;

  disconnectedCallback() {
    this.#model?.free();
    this.#model = null;
    this.#fittedFor = null;
  }

  render() {
    const doc = this.document;
    if (!doc) return [h("p", { class: "muted" }, "Loading the resource…")];
    if (this.#fittedFor !== doc) {
      this.#model?.free();
      const { series, horizon, model, seasonalPeriods, transform } = doc;
      this.#model = new CapacityModel(defined({ series, horizon, model, seasonalPeriods, transform }));
      this.#fittedFor = doc;
    }
    const growth = Number(this.getAttribute("growth") ?? 1);
    const { capacity, utilisationTarget, largestUnit, level, direction } = doc;
    const r = this.#model.runway(defined({ capacity, utilisationTarget, largestUnit, level, direction, scenarios: [{ name: "what-if", growth }] }));
    const base = r.baseline.runway;
    const what = r.scenarios[0].runway;
    const when = (w) => (w.mean ? `${fmtDay(w.mean.at)} (between ${fmtDay(w.earliest?.at)} and ${fmtDay(w.latest?.at ?? r.horizonEnd)})` : `not before ${fmtDay(r.horizonEnd)}`);
    const slider = h("input", {
      id: "growth",
      type: "range",
      min: "0.5",
      max: "3",
      step: "0.1",
      value: String(growth),
      "aria-valuetext": `${growth.toFixed(1)} times the fitted growth`,
      oninput: (e) => {
        const value = Number(e.target.value);
        this.setAttribute("growth", String(value));
        this.emit({ control: "growth", value });
      },
    });
    return [
      h("h2", { part: "heading" }, this.getAttribute("heading") ?? "Capacity runway"),
      h("p", {}, `Now ${r.current.toPrecision(4)} of ${base.threshold.toPrecision(4)} (headroom ${pct(base.headroomFraction, 0)}).`),
      h("p", { part: "runway" }, "Threshold most likely reached ", h("span", { class: "big" }, base.mean ? fmtDay(base.mean.at) : "beyond the horizon"), base.mean ? ` (plausibly between ${fmtDay(base.earliest?.at)} and ${fmtDay(base.latest?.at ?? r.horizonEnd)})` : ` (not before ${fmtDay(r.horizonEnd)})`),
      h("div", { class: "controls" }, h("label", { for: "growth" }, `What if growth were ${growth.toFixed(1)}×`), slider),
      h("p", { part: "scenario", "aria-live": "polite" }, `At ${growth.toFixed(1)}× growth: ${when(what)}.`),
    ];
  }
}

/** Define the elements (idempotent, so two copies of the script on one page do no harm). */
export function defineElements(registry = customElements) {
  const elements = [
    ["opscore-downtime", OpscoreDowntime],
    ["opscore-scorecard", OpscoreScorecard],
    ["opscore-budget", OpscoreBudget],
    ["opscore-runway", OpscoreRunway],
  ];
  for (const [name, cls] of elements) {
    if (!registry.get(name)) registry.define(name, cls);
  }
}

defineElements();
