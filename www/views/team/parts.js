// Small builders shared by the team view's sections: number formats, fact lists, tables that scroll inside a
// focusable region, and the words and symbols that go with every colour (tiers, votes, trends).
import { el } from "../../dom.js";
import { formatDuration, localeNumber } from "../../format.js";

/** 0.1818 → "18.2%". */
export const pct = (f, digits = 1) => (Number.isFinite(f) ? `${(f * 100).toFixed(digits)}%` : "–");
/** A number with `digits` decimals, or "–". */
export const num = (v, digits = 2) => (Number.isFinite(v) ? localeNumber(v, digits, digits) : "–");
/** A whole number with thousands separators. */
export const int = (v) => (Number.isFinite(v) ? localeNumber(Math.round(v)) : "–");
/** "+0.4" / "−1.2" / "±0.0". */
export function signed(v, digits = 1) {
  if (!Number.isFinite(v)) return "–";
  const r = Number(v.toFixed(digits));
  if (r === 0) return `±${(0).toFixed(digits)}`;
  return `${r > 0 ? "+" : "−"}${Math.abs(r).toFixed(digits)}`;
}
/** Seconds rounded to the minute ("19h 30m"); under a minute as seconds. */
export const duration = (s) => (Number.isFinite(s) ? formatDuration(s >= 60 ? Math.round(s / 60) * 60 : s) : "–");
/** "2026-03-12" from an instant. */
export const day = (iso) => String(iso).slice(0, 10);

/** Labels of the score's parts. */
export const PART_LABELS = {
  delivery: "Delivery (DORA tiers)",
  sleepPages: "Sleep-hour pages",
  incidentLoad: "Incidents per 12 hours",
  onCallTime: "Time on call",
  busiestLoad: "Busiest responder's load",
  toil: "Toil",
  surveys: "Health checks and eNPS",
};

/** A DORA tier as text with a badge class (the word is always shown). */
export function tierBadge(tier) {
  const words = { elite: "Elite", high: "High", medium: "Medium", low: "Low" };
  return el("span", { className: `badge tier-${tier}` }, words[tier] ?? String(tier));
}

/** A squad-health vote colour: symbol, word, class. */
export const VOTE = {
  green: { symbol: "✓", word: "green" },
  yellow: { symbol: "◐", word: "yellow" },
  red: { symbol: "✗", word: "red" },
};
/** A trend arrow with its word. */
export const TREND = { improving: "↑ improving", stable: "→ stable", worsening: "↓ worsening" };

/** A <dl> of [term, value, key?] facts; `key` becomes data-fact on the <dd> for tests and styling. */
export function facts(items, className = "facts") {
  const dl = el("dl", { className });
  for (const [term, value, key] of items) {
    if (value === undefined || value === null) continue;
    dl.append(el("dt", {}, term), el("dd", { dataset: key ? { fact: key } : {} }, value));
  }
  return dl;
}

let tableId = 0;
/**
 * A table inside a focusable, labelled scroll region (keyboard users can scroll a wide table on a phone).
 * headers: [text | {text, num}], rows: arrays of cells (text or Node; {text|node, num, className} for options);
 * the first cell of each row is its row header.
 */
export function table(caption, headers, rows, { id, className } = {}) {
  const capId = `team-table-${++tableId}`;
  const head = el("tr", {}, headers.map((h) => el("th", { scope: "col", className: typeof h === "object" && h.num ? "num" : undefined }, typeof h === "object" ? h.text : h)));
  const body = rows.map((cells) =>
    el(
      "tr",
      {},
      cells.map((c, i) => {
        const opts = c && typeof c === "object" && !(c instanceof Node) ? c : { text: c };
        const content = opts.node ?? opts.text;
        return i === 0
          ? el("th", { scope: "row", className: opts.className }, content)
          : el("td", { className: [opts.num ? "num" : "", opts.className ?? ""].join(" ").trim() || undefined, dataset: opts.dataset ?? {} }, content);
      }),
    ),
  );
  const t = el("table", { id, className }, [el("caption", { id: capId }, caption), el("thead", {}, head), el("tbody", {}, body)]);
  return el("div", { className: "table-wrap", tabIndex: 0, attrs: { role: "region", "aria-labelledby": capId } }, t);
}
