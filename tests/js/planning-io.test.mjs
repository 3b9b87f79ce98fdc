// The planning tool's data layer (www/io, www/state.js, www/engine/client.js), tested in Node without a browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readCsv, writeCsv } from "../../www/io/csv.js";
import { parseImport } from "../../www/io/import.js";
import { fromOpenSlo } from "../../www/io/formats.js";
import {
  BACKUP_KEY,
  STORAGE_KEY,
  decodeScenario,
  defaultScenario,
  encodeScenario,
  loadScenario,
  parseHash,
  saveScenario,
} from "../../www/state.js";
import { createEngine, isSuperseded } from "../../www/engine/client.js";
import { transferables } from "../../www/engine/protocol.js";

test("CSV: quotes, doubled quotes, CRLF, newlines in quotes, BOM, semicolons; line numbers kept", () => {
  const { records, problems } = readCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",2\n3,4');
  assert.deepEqual(problems, []);
  assert.deepEqual(records.map((r) => [r.line, r.cells]), [
    [1, ["a", "b"]],
    [2, ["x, y", 'say "hi"']],
    [4, ["multi\nline", "2"]],
    [6, ["3", "4"]],
  ]);
  assert.deepEqual(readCsv("a;b\n1;2").records[1].cells, ["1", "2"]);
  assert.equal(readCsv('a,b\n"open,1').problems.length, 1);
  // Output quotes what needs it and defuses spreadsheet formulas.
  assert.equal(writeCsv(["n", "v"], [["=cmd()", 1.5], ['a"b', -2]]), 'n,v\r\n\'=cmd(),1.5\r\n"a""b",-2\r\n');
});

test("CSV import of outages: bad rows are numbered and skipped, good rows kept", () => {
  const csv = [
    "id,service,start,end,maintenance",
    "A,checkout,2026-01-01T10:00:00Z,2026-01-01T10:30:00Z,no",
    "B,checkout,2026-01-02T10:00:00Z,2026-01-02T09:00:00Z,no", // row 2: end before start
    "C,checkout,yesterday,2026-01-03T10:00:00Z,no", // row 3: bad timestamp
    "D,search,2026-01-04T10:00:00Z,2026-01-04T11:00:00Z,maybe", // row 4: bad bool
    "E,search,2026-01-05T10:00:00Z,2026-01-05T11:00:00Z,yes",
    "A,search,2026-01-06T10:00:00Z,2026-01-06T11:00:00Z,", // row 6: duplicate id
  ].join("\n");
  const r = parseImport("outages.csv", csv);
  assert.equal(r.format, "csv");
  assert.equal(r.kind, "outages");
  assert.equal(r.total, 6);
  assert.equal(r.kept, 2);
  assert.deepEqual(r.errors.map((e) => [e.row, e.line]), [[2, 3], [3, 4], [4, 5], [6, 7]]);
  assert.match(r.errors[0].message, /not after start/);
  assert.match(r.errors[1].message, /not a timestamp/);
  assert.equal(r.errors[1].column, "start");
  assert.deepEqual(r.data.outages.map((o) => [o.id, o.maintenance]), [["A", false], ["E", true]]);
});

test("CSV import of an SLI series: columnar Float64Arrays, the step inferred, out-of-order rows rejected", () => {
  const rows = ["timestamp,good,total"];
  for (let i = 0; i < 10; i++) rows.push(`${Date.UTC(2026, 0, 1, 0, i)},${990 + i},1000`);
  rows.push(`${Date.UTC(2026, 0, 1, 0, 3)},1,1`); // row 11: earlier than row 10
  rows.push(`${Date.UTC(2026, 0, 1, 0, 11)},1200,1000`); // row 12: good > total
  const r = parseImport("sli.csv", rows.join("\n"));
  assert.equal(r.kind, "series");
  assert.equal(r.kept, 10);
  assert.deepEqual(r.errors.map((e) => e.row), [11, 12]);
  const s = r.data.series;
  assert.ok(s.good instanceof Float64Array && s.total instanceof Float64Array);
  assert.equal(s.step, 60);
  assert.equal(s.start, "2026-01-01T00:00:00.000Z");
  assert.equal(s.good[9], 999);
});

test("CSV import of tickets, pages and deployments by header aliases", () => {
  const t = parseImport("t.csv", "Ticket ID,Priority,Created,Resolved\nT1,p2,2026-01-01 09:00,2026-01-01 12:00\nT2,P9,2026-01-01 09:00,");
  assert.equal(t.kind, "tickets");
  assert.equal(t.kept, 1);
  assert.equal(t.data.tickets[0].priority, "P2");
  assert.equal(t.data.tickets[0].createdAt, "2026-01-01T09:00:00.000Z");
  assert.match(t.errors[0].message, /not a priority/);
  const p = parseImport("p.csv", "at,responder,urgency\n2026-01-01T03:00:00Z,amara,high\n2026-01-01T04:00:00Z,ben,urgent");
  assert.equal(p.kind, "pages");
  assert.deepEqual([p.kept, p.errors[0].row], [1, 2]);
  const d = parseImport("d.csv", "id,service,at,failed,recoveredAt\nx,api,2026-01-01T10:00:00Z,true,2026-01-01T10:40:00Z\ny,api,2026-01-01T11:00:00Z,false,2026-01-01T11:10:00Z");
  assert.equal(d.kind, "deployments");
  assert.equal(d.kept, 1);
  assert.match(d.errors[0].message, /failed is not true/);
  const unknown = parseImport("x.csv", "foo,bar\n1,2");
  assert.equal(unknown.kind, null);
  assert.match(unknown.errors[0].message, /matches no known kind/);
});

test("JSON imports: record arrays, broken JSON with a line number, scenario documents", () => {
  const r = parseImport("p.json", JSON.stringify({ deployments: [{ at: "2026-01-01T10:00:00Z" }, { at: "nope" }, "x"] }));
  assert.equal(r.kind, "deployments");
  assert.equal(r.kept, 1);
  assert.deepEqual(r.errors.map((e) => e.row), [2, 3]);
  const broken = parseImport("b.json", '{\n  "a": 1,\n  "b": oops\n}');
  assert.equal(broken.errors.length, 1);
  assert.match(broken.errors[0].message, /line 3/);
  const s = parseImport("s.json", JSON.stringify({ format: "opscore-scenario", ...defaultScenario() }));
  assert.equal(s.kind, "scenario");
});

test("Prometheus query_range JSON → series with their labels; NaN values kept as missing", () => {
  const body = {
    status: "success",
    data: {
      resultType: "matrix",
      result: [
        { metric: { __name__: "node_filesystem_avail_bytes", instance: "db1" }, values: [[1767225600, "10"], [1767225660, "NaN"], [1767225720, "12"]] },
        { metric: { job: "api" }, values: [[1767225600, "1"]] },
      ],
    },
  };
  const r = parseImport("prom.json", JSON.stringify(body));
  assert.equal(r.format, "prometheus");
  assert.equal(r.kept, 2);
  const s = r.data.series[0];
  assert.equal(s.name, 'node_filesystem_avail_bytes{instance="db1"}');
  assert.equal(s.series.step, 60);
  assert.ok(Number.isNaN(s.series.values[1]));
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0].column, "data.result[0].values[1]");
  const failed = parseImport("e.json", JSON.stringify({ status: "error", errorType: "bad_data", error: "parse error", data: { resultType: "" } }));
  assert.match(failed.errors[0].message, /bad_data/);
});

test("OpenSLO YAML: SLOs with targets and windows; bad targets reported by path; other kinds skipped", () => {
  const yaml = `apiVersion: openslo/v1
kind: SLI
metadata: { name: checkout-availability }
spec:
  ratioMetric:
    good: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(http_requests_total{code!~"5.."}[5m]))' } } }
    total: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(http_requests_total[5m]))' } } }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout, displayName: Checkout availability }
spec:
  service: checkout
  indicatorRef: checkout-availability
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 28d, isRolling: true }]
  objectives: [{ displayName: main, target: 0.999 }]
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: search }
spec:
  timeWindow: [{ duration: 1M, isRolling: false, calendar: { startTime: "2026-01-01 00:00:00", timeZone: Europe/London } }]
  objectives: [{ target: 99.9 }]
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata: { name: page }
spec: {}
`;
  const r = fromOpenSlo(yaml);
  assert.equal(r.slos.length, 1);
  assert.deepEqual(
    { name: r.slos[0].name, target: r.slos[0].target, windowDays: r.slos[0].windowDays, service: r.slos[0].service },
    { name: "checkout", target: 0.999, windowDays: 28, service: "checkout" },
  );
  assert.match(r.slos[0].indicator.good.query, /code!~/);
  assert.deepEqual(r.errors.map((e) => e.path), ["documents[2].spec.objectives[0].target"]);
  assert.deepEqual(r.skipped.map((s) => s.kind), ["AlertPolicy"]);
  const bad = fromOpenSlo("apiVersion: openslo/v1\nkind: SLO\n  bad: [indent");
  assert.ok(bad.errors.length >= 1);
  assert.equal(parseImport("slo.yaml", yaml).kind, "slos");
});

class MemoryStorage {
  constructor(entries = {}) {
    this.map = new Map(Object.entries(entries));
  }
  getItem(k) {
    return this.map.has(k) ? this.map.get(k) : null;
  }
  setItem(k, v) {
    this.map.set(k, String(v));
  }
  removeItem(k) {
    this.map.delete(k);
  }
}

test("scenario state: round trip, corrupted state set aside with a notice, never a throw", () => {
  const storage = new MemoryStorage();
  assert.deepEqual(loadScenario(storage), { scenario: defaultScenario(), notice: null });
  const s = { ...defaultScenario(), overrides: { "sla.target": 0.9995 } };
  assert.equal(saveScenario(storage, s), null);
  assert.deepEqual(loadScenario(storage).scenario, s);
  for (const bad of ["{not json", JSON.stringify({ version: 99 }), JSON.stringify({ ...s, overrides: { "sla.target": "x".repeat(500) } }), "null"]) {
    const st = new MemoryStorage({ [STORAGE_KEY]: bad });
    const r = loadScenario(st);
    assert.deepEqual(r.scenario, defaultScenario());
    assert.equal(r.notice.kind, "corrupt");
    assert.equal(st.getItem(BACKUP_KEY), bad);
    assert.equal(st.getItem(STORAGE_KEY), null);
  }
  const broken = { getItem() { throw new Error("denied"); } };
  assert.equal(loadScenario(broken).notice.kind, "storage");
});

test("share links: deflate-raw + base64url round trip; imports stay out; damaged links are reported", async () => {
  const s = { ...defaultScenario(), overrides: { "sla.target": 0.99, "sla.convention": "days30" }, imports: [{ id: "a1", name: "mine.csv", kind: "outages", format: "csv", rows: 3, importedAt: "x" }] };
  const text = await encodeScenario(s);
  assert.match(text, /^[A-Za-z0-9_-]+$/);
  const back = await decodeScenario(text);
  assert.deepEqual(back.scenario, { ...s, imports: [] });
  assert.ok((await decodeScenario("!!!")).error);
  assert.ok((await decodeScenario(text.slice(0, 10))).error);
  const { view, params } = parseHash(`#/sla?s=${text}`);
  assert.equal(view, "sla");
  assert.equal(params.get("s"), text);
});

/** A fake worker: answers each request after `delay` ms with the input echoed, recording the order of work. */
function fakeWorker(delay) {
  const w = {
    seen: [],
    postMessage(msg) {
      w.seen.push(msg.input);
      setTimeout(() => {
        if (msg.fn === "fail") w.onmessage({ data: { id: msg.id, type: "error", error: { name: "OpscoreError", code: "out_of_range", path: "target", message: "no" } } });
        else {
          w.onmessage({ data: { id: msg.id, type: "progress", done: 1, total: 2, label: "half" } });
          w.onmessage({ data: { id: msg.id, type: "result", result: { echo: msg.input } } });
        }
      }, delay);
    },
    terminate() {},
  };
  return w;
}

test("engine client: results, structured errors, progress, and latest-wins coalescing", async () => {
  const worker = fakeWorker(5);
  const engine = createEngine(worker);
  const progress = [];
  assert.deepEqual(await engine.call("x", 1, { onProgress: (p) => progress.push(p) }), { echo: 1 });
  assert.deepEqual(progress, [{ done: 1, total: 2, label: "half" }]);
  await assert.rejects(engine.call("fail", 0), (e) => e instanceof Error && e.code === "out_of_range" && e.path === "target" && e.name === "OpscoreError");
  worker.seen.length = 0;
  // Ten quick what-if requests: the first runs, 2-9 are replaced before they start, the tenth runs.
  const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => engine.whatIf("slider", "x", i)));
  assert.deepEqual(worker.seen, [0, 9]);
  assert.deepEqual(outcomes[0], { status: "fulfilled", value: { echo: 0 } });
  assert.deepEqual(outcomes[9], { status: "fulfilled", value: { echo: 9 } });
  assert.ok(outcomes.slice(1, 9).every((o) => o.status === "rejected" && isSuperseded(o.reason)));
  assert.equal(engine.pending(), 0);
});

test("transfer lists: each typed array's buffer once, found inside results", () => {
  const a = new Float64Array(4);
  const b = new Float64Array(a.buffer, 8, 1);
  const c = new Float64Array(2);
  assert.deepEqual(transferables({ x: a, y: [b, { z: c }], n: [1, 2, 3] }), [a.buffer, c.buffer]);
  assert.deepEqual(transferables(42), []);
});

test("fan chart builder: history, median and nested bands as uPlot series and bands", async () => {
  const { buildFan, timeAxis, withAlpha, bandAlpha } = await import("../../www/charts/fan.js");
  const x = timeAxis("2026-01-01T00:00:00Z", 86400, 4);
  assert.deepEqual([...x], [1767225600, 1767312000, 1767398400, 1767484800]);
  const nan = Number.NaN;
  const fan = buildFan({
    x,
    history: [1, 2, nan, nan],
    median: [nan, 2, 3, 4],
    bands: [
      { lower: [nan, 2, 2, 2], upper: [nan, 2, 4, 6], label: "95%" },
      { lower: [nan, 2, 2.5, 3], upper: [nan, 2, 3.5, 5], label: "80%" },
    ],
  });
  assert.equal(fan.data.length, 7);
  assert.deepEqual(fan.series.map((s) => s.role ?? "x"), ["x", "history", "median", "band", "band", "band", "band"]);
  // uPlot fills between [upper, lower] series indices.
  assert.deepEqual(fan.bands.map((b) => b.series), [[4, 3], [6, 5]]);
  assert.ok(bandAlpha(1, 2) > bandAlpha(0, 2), "inner bands are darker");
  assert.equal(withAlpha("#0b5cad", 0.5), "rgba(11, 92, 173, 0.5)");
  assert.throws(() => buildFan({ x, median: [1, 2] }), RangeError);
});

test("worker references: {$ref} paths resolve to held data by id or index; unknown ones are path-based errors", async () => {
  const { resolveRefs } = await import("../../www/engine/refs.js");
  const good = new Float64Array([1, 2]);
  const roots = { org: { services: [{ id: "checkout", sli: { step: 60, good } }] }, imports: { abc: { series: [5] } } };
  const out = resolveRefs({ series: { $ref: "org/services/checkout/sli" }, extra: [{ $ref: "imports/abc/series/0" }], target: 0.999 }, roots);
  assert.equal(out.series.good, good, "the held array itself, not a copy");
  assert.deepEqual(out.extra, [5]);
  assert.equal(out.target, 0.999);
  for (const [ref, path] of [["org/services/search/sli", "series"], ["nope/x", "series"], ["org/services/0/slo", "series"]]) {
    assert.throws(() => resolveRefs({ series: { $ref: ref } }, roots), (e) => e.code === "unknown_reference" && e.path === path && e.name === "OpscoreError");
  }
  assert.throws(() => resolveRefs({ a: [{ $ref: "org/x" }] }, { org: null }), (e) => e.path === "a[0]");
});

test("engine client: a crashed worker rejects every pending call with worker_failed", async () => {
  const worker = { postMessage() {}, terminate() {} };
  const engine = createEngine(worker);
  const a = engine.call("x", 1);
  const b = engine.whatIf("lane", "x", 2);
  worker.onerror({ message: "boom", preventDefault() {} });
  for (const p of [a, b]) await assert.rejects(p, (e) => e.code === "worker_failed" && /boom/.test(e.message));
  assert.equal(engine.pending(), 0);
});
