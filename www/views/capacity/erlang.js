// The staffing panel of the capacity view: an M/M/c queue (Erlang C) for support desks and server pools. From an
// arrival rate, a mean handling time and a target such as "80% answered within 20 s", the engine's `staffing`
// finds the fewest agents (or servers) that meet it; `erlangC` gives the queue with one more, so a planner sees
// the margin either side. Inputs are in the units a person uses (per hour, minutes); the engine takes seconds.
import { $, el, row } from "../../dom.js";
import { formatDuration } from "../../format.js";
import { isSuperseded } from "../../engine/client.js";
import { num } from "./text.js";

const PER = { second: 1, minute: 60, hour: 3600 };
const UNIT = { seconds: 1, minutes: 60, hours: 3600 };
const FIELDS = ["arrivals", "per", "aht", "ahtUnit", "sl", "within", "withinUnit"];

/** Presets: [label, values]. The first is the call-centre case of the reference table (a = 10 erlangs). */
export const PRESETS = {
  calls: ["Call centre: 200 calls an hour, 3-minute calls, 80% answered within 20 s", { arrivals: "200", per: "hour", aht: "3", ahtUnit: "minutes", sl: "80", within: "20", withinUnit: "seconds" }],
  tickets: ["Support desk: 12 tickets an hour, 25 minutes each, 80% picked up within 30 min", { arrivals: "12", per: "hour", aht: "25", ahtUnit: "minutes", sl: "80", within: "30", withinUnit: "minutes" }],
  servers: ["Server pool: 50 requests a second, 100 ms each, 95% wait under 200 ms", { arrivals: "50", per: "second", aht: "100", ahtUnit: "ms", sl: "95", within: "200", withinUnit: "ms" }],
};
const DEFAULTS = PRESETS.calls[1];

/** Seconds per unit, with milliseconds for server pools. */
const seconds = (value, unit) => Number(value) * (unit === "ms" ? 0.001 : UNIT[unit]);
/** A duration in words: "7.8 s", "4m 12s", "180 ms". */
const wait = (s) => (s < 1 && s > 0 ? `${num(s * 1000, 0)} ms` : s < 60 ? `${num(s, 1)} s` : formatDuration(s));

/** Where an engine error points → the field to mark. */
const FIELD_OF = { arrivalRate: "arrivals", meanServiceTime: "aht", "target.serviceLevel": "sl", "target.withinSeconds": "within" };

export function mountErlang(app) {
  const ids = Object.fromEntries(FIELDS.map((f) => [f, `erlang-${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`]));
  const field = (f) => $(ids[f]);
  const summary = $("erlang-summary");
  const table = $("erlang-table");
  const errorBox = $("erlang-error");
  let last = null;
  let seq = 0;

  function values() {
    return Object.fromEntries(FIELDS.map((f) => [f, field(f).value]));
  }

  function restore() {
    const o = app.scenario().overrides;
    for (const f of FIELDS) {
      const v = o[`capacity.erlang.${f}`];
      field(f).value = typeof v === "string" ? v : DEFAULTS[f];
    }
  }

  function input() {
    const v = values();
    // Empty or non-numeric text goes to the engine as NaN, and its error names the field.
    const n = (x) => (String(x).trim() === "" ? Number.NaN : Number(x));
    return {
      arrivalRate: n(v.arrivals) / PER[v.per],
      meanServiceTime: n(v.aht) * seconds(1, v.ahtUnit),
      target: { serviceLevel: n(v.sl) / 100, withinSeconds: n(v.within) * seconds(1, v.withinUnit) },
    };
  }

  function show(q, result, more) {
    const within = wait(q.target.withinSeconds);
    const s = result.queue;
    const pct = (f) => `${num(f * 100, 1)}%`;
    summary.textContent =
      `${result.servers} ${result.servers === 1 ? "agent or server" : "agents or servers"} needed: ${pct(s.serviceLevel)} answered within ${within} ` +
      `(target ${pct(q.target.serviceLevel)}), ${pct(s.pWait)} of arrivals wait at all, the average wait is ${wait(s.meanWait)}, ` +
      `and each is busy ${pct(s.utilisation)} of the time (offered load ${num(s.offeredLoad, 2)} erlangs).` +
      (result.oneFewer ? ` With ${result.oneFewer.servers}, only ${pct(result.oneFewer.serviceLevel)} would be answered within ${within}.` : "");
    summary.dataset.servers = String(result.servers);
    const rows = [result.oneFewer, s, more].filter(Boolean).map((x) => {
      const verdict = x.servers === result.servers ? "Meets the target (fewest)" : x.serviceLevel >= q.target.serviceLevel ? "Meets the target" : "Misses the target";
      const tr = row([String(x.servers), pct(x.serviceLevel), pct(x.pWait), wait(x.meanWait), wait(x.waitPercentiles.find((p) => p.p === 0.95)?.wait ?? Number.NaN), pct(x.utilisation), verdict], { header: true, className: x.servers === result.servers ? "chosen" : undefined });
      tr.dataset.servers = String(x.servers);
      return tr;
    });
    table.tBodies[0].replaceChildren(...rows);
    table.querySelector("caption").textContent = `Service level within ${within} by number of agents or servers`;
    errorBox.hidden = true;
    for (const f of FIELDS) field(f).removeAttribute("aria-invalid");
    last = { q, result };
  }

  function showError(e) {
    last = null;
    const f = FIELD_OF[e.path];
    const label = f ? $(ids[f]).labels?.[0]?.textContent : null;
    errorBox.textContent = `${label ? `${label}: ` : ""}${e.message}`;
    errorBox.hidden = false;
    summary.textContent = "";
    delete summary.dataset.servers;
    table.tBodies[0].replaceChildren();
    for (const x of FIELDS) field(x).removeAttribute("aria-invalid");
    if (f) field(f).setAttribute("aria-invalid", "true");
  }

  function recompute() {
    const v = values();
    app.setOverrides(Object.fromEntries(FIELDS.map((f) => [`capacity.erlang.${f}`, v[f]])));
    const q = input();
    const mine = ++seq;
    return app.engine
      .whatIf("capacity.staffing", "staffing", q)
      .then(async (result) => {
        // The queue with one more server, for the margin above the minimum.
        const more = await app.engine.whatIf("capacity.erlangC", "erlangC", { arrivalRate: q.arrivalRate, meanServiceTime: q.meanServiceTime, servers: result.servers + 1, targetWait: q.target.withinSeconds });
        if (mine === seq) show(q, result, more);
      })
      .catch((e) => {
        if (isSuperseded(e)) return;
        if (mine === seq) showError(e);
      })
      .finally(() => {
        if (mine === seq) table.dataset.renders = String(Number(table.dataset.renders ?? 0) + 1);
      });
  }

  const preset = $("erlang-preset");
  preset.replaceChildren(el("option", { value: "" }, "Choose a preset…"), ...Object.entries(PRESETS).map(([k, [label]]) => el("option", { value: k }, label)));
  preset.addEventListener("change", () => {
    const p = PRESETS[preset.value];
    if (!p) return;
    for (const f of FIELDS) field(f).value = p[1][f];
    recompute();
  });
  for (const f of FIELDS) {
    field(f).addEventListener(field(f).tagName === "SELECT" ? "change" : "input", () => {
      // A value typed by hand: the preset no longer describes the inputs.
      preset.value = "";
      recompute();
    });
  }
  $("erlang-form").addEventListener("submit", (e) => e.preventDefault());
  restore();

  return {
    recompute,
    restore() {
      restore();
      recompute();
    },
    results() {
      if (!last) return [];
      const { q, result } = last;
      const item = `Staffing: ${num(q.arrivalRate * 3600, 2)} arrivals/h, ${num(q.meanServiceTime, 1)} s handling, ${num(q.target.serviceLevel * 100, 1)}% within ${num(q.target.withinSeconds, 3)} s`;
      return [
        { section: "Capacity", item, measure: "Agents or servers needed", value: result.servers, unit: "count" },
        { section: "Capacity", item, measure: "Service level", value: result.queue.serviceLevel, unit: "ratio" },
        { section: "Capacity", item, measure: "Probability of waiting", value: result.queue.pWait, unit: "ratio" },
        { section: "Capacity", item, measure: "Mean wait (ASA)", value: result.queue.meanWait, unit: "s" },
        { section: "Capacity", item, measure: "Utilisation", value: result.queue.utilisation, unit: "ratio" },
      ];
    },
  };
}
