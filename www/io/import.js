// One entry point for every import: detect the format (CSV, JSON, Prometheus JSON, OpenSLO YAML) from the file's
// name and content, parse it, and return a uniform report for the Data view:
//   {format, kind, name, columns, preview (first rows), total, kept, errors: [{row, line, column, message}], data}
// `data` is what gets stored (in the browser only) and later handed to the engines.
import { readCsv } from "./csv.js";
import { KINDS, detectKind, mapHeader, toColumns, validateRows } from "./records.js";
import { fromJsonRecords, fromOpenSlo, fromPrometheus, isPrometheus, parseJson } from "./formats.js";

import { PREVIEW_ROWS } from "./limits.js";

export { MAX_IMPORT_BYTES, PREVIEW_ROWS } from "./limits.js";

/** Detect the format from the name, then the content. */
export function detectFormat(name, text) {
  const lower = String(name).toLowerCase();
  if (/\.(ya?ml)$/.test(lower)) return "openslo";
  if (lower.endsWith(".csv") || lower.endsWith(".tsv")) return "csv";
  const head = text.trimStart().slice(0, 200);
  if (head.startsWith("{") || head.startsWith("[")) return "json";
  if (/^(apiVersion|---|kind:)/m.test(head)) return "openslo";
  return "csv";
}

const previewOf = (records, columns) => records.slice(0, PREVIEW_ROWS).map((r) => columns.map((c) => fmt(r[c])));
const fmt = (v) => (v === undefined || v === null ? "" : typeof v === "number" ? (Number.isNaN(v) ? "NaN" : String(v)) : String(v));

/** Parse one imported file. Options: `kind` (force a kind), `onProgress(done, total, label)`. Never throws on content. */
export function parseImport(name, text, options = {}) {
  const format = detectFormat(name, text);
  const base = { name: String(name), format, kind: null, columns: [], preview: [], total: 0, kept: 0, errors: [], data: null };
  if (format === "csv") return parseCsvImport(base, text, options);
  if (format === "openslo") {
    const r = fromOpenSlo(text);
    const columns = ["name", "service", "target", "windowDays", "budgetingMethod"];
    return {
      ...base,
      kind: "slos",
      columns,
      preview: previewOf(r.slos, columns),
      total: r.slos.length + r.errors.length,
      kept: r.slos.length,
      errors: r.errors.map((e) => ({ row: null, line: null, column: e.path, message: e.message })),
      notes: r.skipped.map((s) => `Skipped ${s.kind} at ${s.path} (not used by the planning tool)`),
      data: { slos: r.slos, services: r.services },
    };
  }
  const parsed = parseJson(text);
  if (parsed.error) return { ...base, errors: [parsed.error] };
  const v = parsed.value;
  if (isPrometheus(v)) {
    const r = fromPrometheus(v);
    const columns = ["name", "points", "start", "step"];
    const rows = r.series.map((s) => ({ name: s.name, points: s.points, start: s.series.start, step: s.series.step }));
    return {
      ...base,
      format: "prometheus",
      kind: "series",
      columns,
      preview: previewOf(rows, columns),
      total: r.series.length,
      kept: r.series.length,
      errors: r.errors.map((e) => ({ row: null, line: null, column: e.path, message: e.message })),
      data: { series: r.series },
    };
  }
  if (v && typeof v === "object" && !Array.isArray(v) && (v.format === "opscore-scenario" || Array.isArray(v.services) || Array.isArray(v.teams))) {
    const kind = v.format === "opscore-scenario" ? "scenario" : "organisation";
    const counts = [["services", v.services], ["teams", v.teams], ["capacity", v.capacity], ["outages", v.outages]].filter(([, x]) => Array.isArray(x));
    return { ...base, kind, columns: ["part", "items"], preview: counts.map(([k, x]) => [k, String(x.length)]), total: 1, kept: 1, data: v };
  }
  const r = fromJsonRecords(v, options.kind);
  if (!r) return { ...base, errors: [{ row: null, line: null, column: "", message: "The JSON is neither a list of records, a scenario, an organisation nor a Prometheus response." }] };
  return finishRecords({ ...base }, r.kind, r.records, r.errors, r.records.length + new Set(r.errors.map((e) => e.row)).size);
}

function parseCsvImport(base, text, options) {
  const { records: raw, problems } = readCsv(text);
  const errors = problems.map((p) => ({ row: null, line: p.line, column: "", message: p.message }));
  if (raw.length === 0) return { ...base, errors: [...errors, { row: null, line: 1, column: "", message: "The file is empty." }] };
  const header = raw[0].cells;
  const kind = options.kind ?? detectKind(header);
  if (!kind || !KINDS[kind]) {
    return {
      ...base,
      errors: [...errors, { row: null, line: raw[0].line, column: "", message: `The header (${header.join(", ")}) matches no known kind. Expected, for example, timestamp,good,total or start,end or id,priority,createdAt.` }],
    };
  }
  const { missing } = mapHeader(kind, header);
  if (missing.length) return { ...base, kind, errors: [...errors, { row: null, line: raw[0].line, column: missing.join(", "), message: `Required column(s) missing: ${missing.join(", ")}` }] };
  const rows = raw.slice(1).map((r, i) => ({ row: i + 1, line: r.line, cells: r.cells }));
  for (const r of rows) {
    if (r.cells.length > header.length && r.cells.slice(header.length).some((c) => c !== "")) {
      errors.push({ row: r.row, line: r.line, column: "", message: `${r.cells.length} cells but the header has ${header.length}; the extra ones are ignored`, warning: true });
    }
  }
  const v = validateRows(kind, header, rows, options.onProgress);
  const rowErrors = [...errors, ...v.errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return finishRecords(base, kind, v.records, rowErrors, rows.length);
}

function finishRecords(base, kind, records, errors, total) {
  const columns = KINDS[kind].fields.map((f) => f.name).filter((c) => records.some((r) => r[c] !== undefined));
  const data = kind === "series" ? { series: toColumns(records) } : { [kind]: records };
  return { ...base, kind, columns, preview: previewOf(records, columns), total, kept: records.length, errors, data };
}
