// Structured imports: JSON (record arrays, scenarios, organisation documents), Prometheus query_range responses,
// and OpenSLO YAML (parsed with the `yaml` package). Each returns data plus errors with a path, never throws on
// bad content.
import { parseAllDocuments } from "yaml";
import { detectKind, toColumns, validateRows } from "./records.js";

/** JSON.parse, with the error's line and column (V8's messages no longer carry a position, so it is found here). */
export function parseJson(text) {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    const at = jsonErrorOffset(text);
    const before = text.slice(0, at);
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    return { error: { row: null, line, column: "", message: `Not valid JSON at line ${line}, column ${column}: ${e.message}` } };
  }
}

/** The offset of the first syntax error in JSON text (a small recursive-descent scan; the text is known bad). */
export function jsonErrorOffset(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\r\n".includes(text[i])) i++;
  };
  const fail = () => {
    throw i;
  };
  const lit = (word) => (text.startsWith(word, i) ? (i += word.length) : fail());
  const str = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === "" || m[0] === "-") fail();
    i += m[0].length;
  };
  const value = (depth) => {
    if (depth > 512) fail();
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail();
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail();
      }
    } else if (c === '"') str();
    else if (c === "t") lit("true");
    else if (c === "f") lit("false");
    else if (c === "n") lit("null");
    else num();
  };
  try {
    value(0);
    ws();
    return i < text.length ? i : text.length;
  } catch (at) {
    return typeof at === "number" ? Math.min(at, text.length) : 0;
  }
}

/** Is this a Prometheus HTTP API response for a range query? */
export const isPrometheus = (v) => v && typeof v === "object" && v.status !== undefined && v.data && typeof v.data === "object" && "resultType" in v.data;

/**
 * A Prometheus `query_range` response → one series per result: `{name, labels, series: {start, step, t, values}}`.
 * Values "NaN" and "±Inf" become missing (NaN) and are counted as errors with their path.
 */
export function fromPrometheus(v) {
  const errors = [];
  const series = [];
  if (v.status !== "success") {
    errors.push({ path: "status", message: `The query failed: ${v.errorType ?? v.status}: ${v.error ?? "no message"}` });
    return { series, errors };
  }
  if (v.data.resultType !== "matrix") {
    errors.push({ path: "data.resultType", message: `"${v.data.resultType}" is not a range result; export a query_range (matrix) response` });
    return { series, errors };
  }
  const results = Array.isArray(v.data.result) ? v.data.result : [];
  results.forEach((r, i) => {
    const labels = r?.metric && typeof r.metric === "object" ? r.metric : {};
    const { __name__: metric = "", ...rest } = labels;
    const labelText = Object.entries(rest)
      .map(([k, val]) => `${k}="${val}"`)
      .join(",");
    const name = `${metric}${labelText ? `{${labelText}}` : ""}` || `series ${i + 1}`;
    const values = Array.isArray(r?.values) ? r.values : [];
    const records = [];
    values.forEach((pair, j) => {
      const path = `data.result[${i}].values[${j}]`;
      if (!Array.isArray(pair) || pair.length !== 2) return errors.push({ path, message: "not a [time, value] pair" });
      const ts = Number(pair[0]);
      const val = Number(pair[1]);
      if (!Number.isFinite(ts)) return errors.push({ path, message: `time ${pair[0]} is not a number` });
      if (!Number.isFinite(val)) errors.push({ path, message: `value ${pair[1]} is not finite; kept as missing` });
      records.push({ timestamp: new Date(Math.round(ts * 1000)).toISOString(), value: Number.isFinite(val) ? val : Number.NaN });
    });
    const cols = toColumns(records);
    series.push({ name, labels, points: records.length, series: { start: cols.start, step: cols.step, t: cols.t, values: cols.values ?? new Float64Array(0) } });
  });
  if (results.length === 0) errors.push({ path: "data.result", message: "the response holds no series" });
  return { series, errors };
}

/**
 * An array of records (or `{kind: [...]}` with one of the record kinds as its key) → validated records, with
 * errors numbered by array index (row 1 is the first item).
 */
export function fromJsonRecords(v, hintKind) {
  let kind = hintKind;
  let items = v;
  if (!Array.isArray(v) && v && typeof v === "object") {
    const key = Object.keys(v).find((k) => ["series", "outages", "tickets", "pages", "deployments"].includes(k) && Array.isArray(v[k]));
    if (key) {
      kind = kind ?? key;
      items = v[key];
    }
  }
  if (!Array.isArray(items)) return null;
  const header = [...new Set(items.slice(0, 1000).flatMap((o) => (o && typeof o === "object" ? Object.keys(o) : [])))];
  kind = kind ?? detectKind(header);
  if (!kind) return { kind: null, header, records: [], errors: [{ row: null, line: null, column: "", message: `The items' fields (${header.join(", ")}) match no known kind.` }] };
  const isRecord = (o) => o && typeof o === "object" && !Array.isArray(o);
  const rows = items.flatMap((o, i) => (isRecord(o) ? [{ row: i + 1, line: null, cells: header.map((h) => o[h]) }] : []));
  const bad = items.flatMap((o, i) => (isRecord(o) ? [] : [{ row: i + 1, line: null, column: "", message: "not an object" }]));
  const { records, errors } = validateRows(kind, header, rows);
  return { kind, header, records, errors: [...bad, ...errors].sort((a, b) => a.row - b.row) };
}

const DURATION = /^(\d+)([mhdwMQy])$/;

/**
 * OpenSLO YAML (one or more documents, v1 or v1alpha) → SLO definitions the budget engine can take:
 * `{name, displayName, service, target, windowDays | calendar, budgetingMethod, indicator}`. Kinds other than
 * SLO, SLI and Service are listed as skipped; every problem has a path such as `documents[1].spec.objectives[0].target`.
 */
export function fromOpenSlo(text) {
  const errors = [];
  const slos = [];
  const skipped = [];
  const services = [];
  let docs;
  try {
    docs = parseAllDocuments(text, { prettyErrors: true, maxAliasCount: 100 });
  } catch (e) {
    return { slos, services, skipped, errors: [{ path: "", message: `Not valid YAML: ${e.message}` }] };
  }
  if (!Array.isArray(docs)) docs = [docs];
  const indicators = new Map();
  const objects = [];
  docs.forEach((doc, d) => {
    for (const err of doc.errors) errors.push({ path: `documents[${d}]`, message: err.message.split("\n")[0] });
    if (doc.errors.length) return;
    const o = doc.toJS({ maxAliasCount: 100 });
    if (o === null || o === undefined) return;
    objects.push([d, o]);
  });
  for (const [d, o] of objects) {
    const p = `documents[${d}]`;
    if (typeof o !== "object" || Array.isArray(o)) {
      errors.push({ path: p, message: "not a mapping (an OpenSLO object has apiVersion, kind, metadata, spec)" });
      continue;
    }
    if (!/^openslo\/v1(alpha)?$/.test(String(o.apiVersion))) {
      errors.push({ path: `${p}.apiVersion`, message: `"${o.apiVersion}" is not openslo/v1 or openslo/v1alpha` });
      continue;
    }
    if (o.kind === "SLI") indicators.set(o.metadata?.name, o.spec);
    else if (o.kind === "Service") services.push({ name: String(o.metadata?.name ?? ""), displayName: String(o.metadata?.displayName ?? o.metadata?.name ?? "") });
    else if (o.kind !== "SLO") skipped.push({ path: p, kind: String(o.kind) });
  }
  for (const [d, o] of objects) {
    if (o?.kind !== "SLO") continue;
    const p = `documents[${d}]`;
    const spec = o.spec ?? {};
    const name = String(o.metadata?.name ?? "");
    if (!name) errors.push({ path: `${p}.metadata.name`, message: "the SLO has no name" });
    const objectives = Array.isArray(spec.objectives) ? spec.objectives : [];
    if (objectives.length === 0) errors.push({ path: `${p}.spec.objectives`, message: "the SLO has no objectives" });
    const windows = Array.isArray(spec.timeWindow) ? spec.timeWindow : [];
    let windowDays;
    let calendar;
    const w = windows[0];
    if (!w) errors.push({ path: `${p}.spec.timeWindow`, message: "the SLO has no timeWindow" });
    else {
      const m = DURATION.exec(String(w.duration ?? ""));
      if (!m) errors.push({ path: `${p}.spec.timeWindow[0].duration`, message: `"${w.duration}" is not a duration such as 28d or 1w` });
      else {
        const n = Number(m[1]);
        const days = { m: n / 1440, h: n / 24, d: n, w: 7 * n, M: 30 * n, Q: 91 * n, y: 365 * n }[m[2]];
        if (w.isRolling === false || w.calendar) calendar = { unit: { d: "day", w: "week", M: "month", Q: "quarter", y: "year" }[m[2]] ?? "month", timeZone: w.calendar?.timeZone ?? "UTC" };
        else windowDays = days;
      }
    }
    const indicator = spec.indicator?.spec ?? (spec.indicatorRef ? indicators.get(spec.indicatorRef) : undefined);
    if (spec.indicatorRef && !indicators.has(spec.indicatorRef)) errors.push({ path: `${p}.spec.indicatorRef`, message: `no SLI named "${spec.indicatorRef}" in the file` });
    objectives.forEach((obj, k) => {
      const target = Number(obj?.target ?? obj?.targetPercent / 100);
      if (!(target > 0 && target < 1)) {
        errors.push({ path: `${p}.spec.objectives[${k}].target`, message: `${obj?.target ?? obj?.targetPercent} is not a fraction between 0 and 1 (write 0.999 for 99.9%)` });
        return;
      }
      slos.push({
        name: objectives.length > 1 ? `${name}/${obj.displayName ?? k}` : name,
        displayName: String(o.metadata?.displayName ?? name),
        service: String(spec.service ?? ""),
        target,
        budgetingMethod: String(spec.budgetingMethod ?? "Occurrences"),
        ...(windowDays !== undefined ? { windowDays } : {}),
        ...(calendar ? { calendar } : {}),
        ...(indicator?.ratioMetric ? { indicator: { kind: "ratio", good: describeMetric(indicator.ratioMetric.good), total: describeMetric(indicator.ratioMetric.total), bad: describeMetric(indicator.ratioMetric.bad) } } : {}),
      });
    });
  }
  return { slos, services, skipped, errors };
}

function describeMetric(m) {
  if (!m) return undefined;
  const src = m.metricSource ?? {};
  return { type: String(src.type ?? ""), query: String(src.spec?.query ?? src.spec?.promql ?? JSON.stringify(src.spec ?? {})) };
}
