// Exports: the scenario as JSON, and the results on screen as CSV (one long table: section, item, measure, value,
// unit), both saved through a download link made from a Blob (no request leaves the page).
import { writeCsv } from "./csv.js";

/** The scenario document written to a file; `importParse` recognises it by `format`. */
export function scenarioDocument(scenario, engineVersion) {
  return { format: "opscore-scenario", exportedBy: `opscore planning tool (engine ${engineVersion ?? "unknown"})`, ...scenario };
}

/** Result rows `{section, item, measure, value, unit}` → CSV text. */
export function resultsCsv(rows) {
  return writeCsv(
    ["section", "item", "measure", "value", "unit"],
    rows.map((r) => [r.section, r.item, r.measure, r.value, r.unit ?? ""]),
  );
}

/** Offer `text` as a file download. */
export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
