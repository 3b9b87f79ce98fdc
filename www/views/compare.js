// The "compare with baseline" panel of the overview: what the scenario's what-ifs changed, per service, resource
// and team, as tables of measure | baseline | this scenario | change. The change is written in numbers and words
// ("−0.067 points (worse)", "healthy → at risk (worse)"); the row's class only repeats it in colour.
import { el } from "../dom.js";

const KIND_WORDS = { service: "service", resource: "capacity resource", team: "team" };
const STATUS_WORDS = { noData: "no data", healthy: "healthy", atRisk: "at risk", critical: "critical" };

/** One sentence for the whole comparison. */
export function compareSummary(compare, changes) {
  if (!compare) return "";
  if (compare.changedMeasures === 0) {
    return changes ? "The what-ifs change no score: the scenario scores the same as the baseline." : "No what-ifs: the scenario is the baseline.";
  }
  const worse = compare.items.filter((i) => i.measures[0]?.change === "worse").length;
  const better = compare.items.filter((i) => i.measures[0]?.change === "better").length;
  const statusPart = worse || better ? ` Status: ${worse} worse, ${better} better.` : " No status changes.";
  return `${compare.changedMeasures} measure${compare.changedMeasures === 1 ? "" : "s"} changed across ${compare.changedItems} item${compare.changedItems === 1 ? "" : "s"}.${statusPart}`;
}

/** The tables: changed items only (all of their measures that changed), or every item and measure with `all`. */
export function compareTables(compare, { all = false } = {}) {
  if (!compare) return [];
  const items = compare.items.filter((i) => all || i.changed > 0);
  return items.map((item) => {
    const rows = item.measures.filter((m) => all || m.change !== "same");
    const status = item.before === item.after ? `${STATUS_WORDS[item.after] ?? "absent"}, unchanged` : `${STATUS_WORDS[item.before] ?? "absent"} → ${STATUS_WORDS[item.after] ?? "absent"}`;
    const caption = `${item.name} (${KIND_WORDS[item.kind]}): ${status}; ${item.changed} measure${item.changed === 1 ? "" : "s"} changed`;
    const table = el("table", { className: "compare-table", dataset: { kind: item.kind, id: item.id } }, [
      el("caption", {}, caption),
      el("thead", {}, el("tr", {}, ["Measure", "Baseline", "This scenario", "Change"].map((h) => el("th", { scope: "col" }, h)))),
      el(
        "tbody",
        {},
        rows.map((m) =>
          el("tr", { className: `change-${m.change}`, dataset: { measure: m.measure, change: m.change } }, [
            el("th", { scope: "row" }, m.measure),
            el("td", { className: "before" }, m.beforeText),
            el("td", { className: "after" }, m.afterText),
            el("td", { className: "delta" }, m.deltaText),
          ]),
        ),
      ),
    ]);
    return el("div", { className: "table-wrap", tabIndex: 0, attrs: { role: "region", "aria-label": `Comparison for ${item.name}` } }, table);
  });
}
