// opscore/elements: framework-free custom elements for embedding opscore in portals. Hand-written and shipped
// as-is (the engine itself stays free of DOM code; this entry point is separate).
//
//   <script type="module" src="https://your.host/opscore/elements.js"></script>
//   <opscore-downtime target="0.999"></opscore-downtime>
//
// Every element renders into its own shadow DOM, is themed with CSS custom properties (--opscore-fg, --opscore-bg,
// --opscore-muted, --opscore-accent, --opscore-bad, --opscore-ok, --opscore-border, --opscore-radius,
// --opscore-font), takes its data from a `src` URL (same-origin JSON) or a property, and fires an
// `opscore-change` event (bubbling, composed) when the user moves one of its what-if controls.
import init, { allowedDowntime } from "./opscore.js";

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

/** Seconds as "3d 15h 39m 30s"; under ten seconds with two decimals. */
export function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) return "–";
  if (seconds < 10) return `${seconds.toFixed(2)}s`;
  let s = Math.round(seconds);
  const parts = [];
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60]]) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  if (s > 0 || parts.length === 0) parts.push(`${s}s`);
  return parts.join(" ");
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
    return ["src"];
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
    if (name === "src" && value && value !== oldValue) this.#load(value);
    else this.refresh();
  }

  async #load(src) {
    const seq = ++this.#loadSeq;
    try {
      const res = await fetch(new URL(src, document.baseURI));
      if (!res.ok) throw new Error(`${src}: HTTP ${res.status}`);
      const doc = await res.json();
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
      this.shadowRoot.replaceChildren(...[this.render()].flat());
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
    return ["src", "target", "convention", "heading"];
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

/** Define the elements (idempotent, so two copies of the script on one page do no harm). */
export function defineElements(registry = customElements) {
  for (const [name, cls] of [["opscore-downtime", OpscoreDowntime]]) {
    if (!registry.get(name)) registry.define(name, cls);
  }
}

defineElements();
