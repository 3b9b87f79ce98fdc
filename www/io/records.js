// The record kinds the planning tool imports (series, outages, tickets, pages, deployments): their columns, how
// each cell is read, and row-by-row validation in which one bad row is reported by number and never loses the
// rest. Field names match the engines' JSON documents (camelCase).

/** Readers: text (or a JSON value) → value, or throw a message a person can act on. */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

const read = {
  timestamp(v) {
    // Fast path for the common UTC form (a year of minutes is half a million of these): no Date object.
    if (typeof v === "string" && (v.length === 20 || v.length === 24) && CANONICAL.test(v) && Number.isFinite(Date.parse(v))) {
      const ms = Date.parse(v);
      if (ms >= -2208988800000 && ms <= 7258118400000) return v.length === 24 ? v : `${v.slice(0, 19)}.000Z`;
    }
    if (typeof v === "number" || /^\d{12,14}$/.test(String(v).trim())) {
      const ms = Number(v);
      if (ms < -2208988800000 || ms > 7258118400000) throw new Error("epoch milliseconds outside 1900-2200 (seconds by mistake?)");
      return new Date(ms).toISOString();
    }
    const s = String(v).trim();
    if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(s)) {
      throw new Error(`"${clip(s)}" is not a timestamp; use RFC 3339 such as 2026-03-01T09:30:00Z, or epoch milliseconds`);
    }
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(s);
    const ms = Date.parse(hasZone ? s.replace(" ", "T") : `${s.replace(" ", "T")}${s.length === 10 ? "T00:00:00" : ""}Z`);
    if (!Number.isFinite(ms)) throw new Error(`"${clip(s)}" is not a valid date`);
    return new Date(ms).toISOString();
  },
  number(v) {
    const n = typeof v === "number" ? v : Number(String(v).trim());
    if (String(v).trim() === "" || !Number.isFinite(n)) throw new Error(`"${clip(String(v))}" is not a number`);
    return n;
  },
  count(v) {
    const n = read.number(v);
    if (n < 0) throw new Error(`${n} is negative; counts cannot be`);
    return n;
  },
  seconds(v) {
    const n = read.number(v);
    if (n < 0) throw new Error(`${n} is negative; durations cannot be`);
    return n;
  },
  bool(v) {
    if (typeof v === "boolean") return v;
    const s = String(v).trim().toLowerCase();
    if (["true", "yes", "y", "1"].includes(s)) return true;
    if (["false", "no", "n", "0"].includes(s)) return false;
    throw new Error(`"${clip(s)}" is not yes/no (true, false, yes, no, 1, 0)`);
  },
  text(v) {
    const s = String(v).trim();
    if (s.length > 500) throw new Error("longer than 500 characters");
    return s;
  },
  priority(v) {
    const s = String(v).trim().toUpperCase();
    if (!/^P[1-5]$/.test(s)) throw new Error(`"${clip(String(v))}" is not a priority; use P1, P2, P3 or P4`);
    return s;
  },
  urgency(v) {
    const s = String(v).trim().toLowerCase();
    if (s !== "high" && s !== "low") throw new Error(`"${clip(s)}" is not an urgency; use high or low`);
    return s;
  },
};

const clip = (s) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/**
 * Each kind: its fields (name, reader, required, header aliases) and a row check across fields. The first
 * matching kind by required columns wins in detection; series come in two shapes (SLI good/total, or values).
 */
export const KINDS = {
  series: {
    label: "Series (SLI good/total or capacity values)",
    fields: [
      { name: "timestamp", read: read.timestamp, required: true, aliases: ["time", "t", "date", "at", "ts"] },
      { name: "good", read: read.count, aliases: ["goodevents", "success", "ok"] },
      { name: "bad", read: read.count, aliases: ["badevents", "errors", "failed"] },
      { name: "total", read: read.count, aliases: ["totalevents", "requests", "count"] },
      { name: "value", read: read.number, aliases: ["usage", "utilisation", "utilization", "level", "y"] },
    ],
    check(r) {
      const sli = r.total !== undefined || r.good !== undefined || r.bad !== undefined;
      if (sli && r.value !== undefined) return "give either value, or good/bad with total, not both";
      if (sli) {
        if (r.total === undefined) return "total is missing (an SLI row needs good or bad, and total)";
        if (r.good === undefined && r.bad === undefined) return "good or bad is missing";
        if ((r.good ?? r.bad) > r.total) return `${r.good !== undefined ? "good" : "bad"} (${r.good ?? r.bad}) is more than total (${r.total})`;
      } else if (r.value === undefined) return "value is missing";
      return null;
    },
  },
  outages: {
    label: "Outages",
    fields: [
      { name: "id", read: read.text, aliases: ["incident", "incidentid", "key"] },
      { name: "service", read: read.text, aliases: ["component", "system"] },
      { name: "start", read: read.timestamp, required: true, aliases: ["startedat", "begin", "from", "starttime"] },
      { name: "end", read: read.timestamp, required: true, aliases: ["endedat", "resolvedat", "to", "endtime", "finish"] },
      { name: "severity", read: read.text, aliases: ["sev", "level"] },
      { name: "maintenance", read: read.bool, aliases: ["planned", "scheduled", "ismaintenance"] },
      { name: "title", read: read.text, aliases: ["summary", "description", "name"] },
    ],
    check: (r) => (r.end <= r.start ? `end (${r.end}) is not after start (${r.start})` : null),
  },
  tickets: {
    label: "Tickets",
    fields: [
      { name: "id", read: read.text, required: true, aliases: ["ticket", "ticketid", "key", "number"] },
      { name: "priority", read: read.priority, required: true, aliases: ["prio", "p"] },
      { name: "createdAt", read: read.timestamp, required: true, aliases: ["created", "opened", "openedat", "createdtime"] },
      { name: "firstResponseAt", read: read.timestamp, aliases: ["firstresponse", "respondedat", "responded", "response"] },
      { name: "resolvedAt", read: read.timestamp, aliases: ["resolved", "closed", "closedat", "solvedat"] },
      { name: "subject", read: read.text, aliases: ["title", "summary"] },
    ],
    check(r) {
      if (r.firstResponseAt && r.firstResponseAt < r.createdAt) return "firstResponseAt is before createdAt";
      if (r.resolvedAt && r.resolvedAt < r.createdAt) return "resolvedAt is before createdAt";
      return null;
    },
  },
  pages: {
    label: "Pages",
    fields: [
      { name: "at", read: read.timestamp, required: true, aliases: ["time", "timestamp", "createdat", "triggeredat"] },
      { name: "responder", read: read.text, required: true, aliases: ["person", "user", "assignee", "oncall"] },
      { name: "urgency", read: read.urgency, aliases: ["severity", "priority"] },
      { name: "acknowledgedAt", read: read.timestamp, aliases: ["acknowledged", "ackat", "ackedat"] },
      { name: "incidentId", read: read.text, aliases: ["incident"] },
      { name: "service", read: read.text, aliases: [] },
    ],
    check: (r) => (r.responder === "" ? "responder is empty" : r.acknowledgedAt && r.acknowledgedAt < r.at ? "acknowledgedAt is before at" : null),
  },
  deployments: {
    label: "Deployments",
    fields: [
      { name: "id", read: read.text, aliases: ["deployment", "deployid", "sha", "version"] },
      { name: "service", read: read.text, aliases: ["app", "component"] },
      { name: "at", read: read.timestamp, required: true, aliases: ["deployedat", "time", "timestamp", "finishedat"] },
      { name: "leadTimeSeconds", read: read.seconds, aliases: ["leadtime", "leadtimes"] },
      { name: "failed", read: read.bool, aliases: ["failure", "changefailure", "isfailure"] },
      { name: "recoveredAt", read: read.timestamp, aliases: ["recovered", "restoredat", "rolledbackat"] },
    ],
    check(r) {
      if (r.recoveredAt && !r.failed) return "recoveredAt is set but failed is not true";
      if (r.recoveredAt && r.recoveredAt <= r.at) return "recoveredAt is not after at";
      return null;
    },
  },
};

const norm = (h) => String(h).toLowerCase().replace(/[^a-z0-9]/g, "");

/** Map a header row onto a kind's fields: `{columns: [fieldName | null], missing: [fieldName]}`. */
export function mapHeader(kind, header) {
  const spec = KINDS[kind];
  const columns = header.map((h) => {
    const n = norm(h);
    const f = spec.fields.find((x) => norm(x.name) === n || x.aliases.includes(n));
    return f ? f.name : null;
  });
  const missing = spec.fields.filter((f) => f.required && !columns.includes(f.name)).map((f) => f.name);
  return { columns, missing };
}

/** The kind a header (or a JSON record's keys) describes best, or null. Ties go to the more specific kind. */
export function detectKind(header) {
  let best = null;
  let bestScore = 0;
  for (const kind of ["tickets", "deployments", "pages", "outages", "series"]) {
    const { columns, missing } = mapHeader(kind, header);
    if (missing.length) continue;
    const score = columns.filter(Boolean).length;
    if (score > bestScore) (best = kind), (bestScore = score);
  }
  return best;
}

/**
 * Validate rows of one kind. `rows` are `{row, line?, values: {header: cell}}` (CSV) or plain objects (JSON).
 * Returns `{records, errors}`: each bad row adds one error per problem `{row, line, column, message}` and is left
 * out; every good row is kept. Duplicate ids (where a kind has ids) and, for series, timestamps out of order are
 * row errors too.
 */
export function validateRows(kind, header, rows, onProgress) {
  const spec = KINDS[kind];
  const { columns } = mapHeader(kind, header);
  const fieldOf = columns.map((name) => (name ? spec.fields.find((f) => f.name === name) : null));
  const records = [];
  const errors = [];
  const seenIds = new Set();
  let lastTime = "";
  for (let k = 0; k < rows.length; k++) {
    if (onProgress && k % 5000 === 0) onProgress(k, rows.length, "Checking rows");
    const { row, line, cells } = rows[k];
    const rec = {};
    const rowErrors = [];
    for (let c = 0; c < columns.length; c++) {
      const field = fieldOf[c];
      if (!field) continue;
      const raw = cells[c];
      if (raw === undefined || raw === null || raw === "") continue;
      try {
        rec[field.name] = field.read(raw);
      } catch (e) {
        rowErrors.push({ row, line, column: header[c], message: e.message });
      }
    }
    if (rowErrors.length === 0) {
      for (const f of spec.fields) {
        if (f.required && rec[f.name] === undefined) rowErrors.push({ row, line, column: f.name, message: `${f.name} is empty` });
      }
    }
    if (rowErrors.length === 0) {
      const problem = spec.check(rec);
      if (problem) rowErrors.push({ row, line, column: "", message: problem });
    }
    if (rowErrors.length === 0 && rec.id !== undefined && rec.id !== "") {
      if (seenIds.has(rec.id)) rowErrors.push({ row, line, column: "id", message: `id ${rec.id} appears earlier in the file` });
      seenIds.add(rec.id);
    }
    if (rowErrors.length === 0 && kind === "series") {
      if (rec.timestamp <= lastTime) rowErrors.push({ row, line, column: "timestamp", message: `${rec.timestamp} is not after the previous row's ${lastTime}` });
      else lastTime = rec.timestamp;
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else records.push(rec);
  }
  return { records, errors };
}

/**
 * Series records → columnar form: `{t: Float64Array (epoch ms), good?, bad?, total?, values?}` plus `step`
 * (seconds, the most common spacing) and `start`. Typed arrays so the worker can hand them over without copying.
 */
export function toColumns(records) {
  const n = records.length;
  const t = new Float64Array(n);
  const has = (k) => records.some((r) => r[k] !== undefined);
  const cols = {};
  for (const k of ["good", "bad", "total", "value"]) if (has(k)) cols[k] = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const r = records[i];
    t[i] = Date.parse(r.timestamp);
    for (const k in cols) if (r[k] !== undefined) cols[k][i] = r[k];
  }
  const gaps = new Map();
  for (let i = 1; i < n; i++) gaps.set(t[i] - t[i - 1], (gaps.get(t[i] - t[i - 1]) ?? 0) + 1);
  let step = 0;
  let most = 0;
  for (const [g, c] of gaps) if (c > most) (step = g), (most = c);
  const out = { start: n ? new Date(t[0]).toISOString() : null, step: step / 1000, t };
  if (cols.value) out.values = cols.value;
  for (const k of ["good", "bad", "total"]) if (cols[k]) out[k] = cols[k];
  return out;
}
