// Worker tasks of the capacity view: fit a CapacityModel once per (data, model choice) and keep it here, so every
// later what-if (threshold, growth, launch, capacity change) is one `runway` pass over the horizon, never a refit.
//
//   "capacity.sources" {}                                  → imported series usable for capacity, with their values
//   "capacity.fit"    {key, input: ForecastInput}          → {key, forecast, model, diagnostics, timing}
//   "capacity.runway" {key, input: ForecastInput, query}   → RunwayReport + {timing}
//
// `key` names the fit (the page builds it from the sample seed, the resource and the model code); `input.series`
// is normally a {$ref: "org/capacity/<id>/series"} resolved by the worker, so a call sends a few bytes, or
// `input.source` names an imported series listed by "capacity.sources". Both tasks fit on a miss, so a runway
// query never fails because the model was evicted or the worker restarted.
import { CapacityModel } from "opscore";

/** The most grid slots an imported series is spread over (the engine fits at most 100,000 observations). */
const MAX_SLOTS = 100_000;

/** Fitted models kept at once (each holds its data and projection: a few hundred kB at most). */
const MAX_MODELS = 12;

const fail = (code, path, message) => {
  throw Object.assign(new Error(message), { name: "OpscoreError", code, path });
};

/**
 * An imported series ({start, step, t: epoch ms, values}, as www/io builds it for CSV and Prometheus imports) on a
 * regular grid of its most common step: `{start, step, values}` with NaN in empty slots (the engine fills interior
 * gaps and counts them). Null when it has no values, no step, or more slots than the engine fits.
 */
export function onGrid(s) {
  const t = s?.t;
  const v = s?.values;
  if (!t || !v || t.length === 0 || t.length !== v.length || !(s.step > 0)) return null;
  const stepMs = s.step * 1000;
  const slots = Math.round((t[t.length - 1] - t[0]) / stepMs) + 1;
  if (!(slots > 0) || slots > MAX_SLOTS) return null;
  const values = new Float64Array(slots).fill(Number.NaN);
  for (let i = 0; i < t.length; i++) {
    const k = Math.round((t[i] - t[0]) / stepMs);
    if (k >= 0 && k < slots && Number.isFinite(v[i])) values[k] = v[i];
  }
  return { start: new Date(t[0]).toISOString(), step: s.step, values };
}

/** The capacity task table, to spread into the worker's task table (tasks.js); `held.imports` are imported datasets. */
export function capacityTasks(held = { imports: {} }) {
  /** key → {model, forecast, fitMs}; Map order is use order (least recently used first). */
  const models = new Map();
  /** "imports/<id>/<k>" → the series on its grid, as listed by the last "capacity.sources". */
  const sources = new Map();

  /** The forecast input with an imported `source` replaced by its series. */
  function withSource(input) {
    if (input?.source === undefined) return input;
    const series = sources.get(input.source);
    if (!series) fail("unknown_reference", "input.source", `No imported series ${JSON.stringify(input.source)} is held: it may have been removed on the Data view.`);
    const { source: _, ...rest } = input;
    return { ...rest, series };
  }

  function fitted(key, input) {
    if (typeof key !== "string" || key === "") fail("invalid_type", "key", "A capacity fit needs a key (a non-empty string).");
    const hit = models.get(key);
    if (hit) {
      models.delete(key);
      models.set(key, hit);
      return { entry: hit, fitMs: 0 };
    }
    if (!input || typeof input !== "object") fail("missing_field", "input", `No model is held for ${JSON.stringify(key)} and no input was given to fit one.`);
    const t0 = performance.now();
    const model = new CapacityModel(withSource(input));
    const fitMs = performance.now() - t0;
    const entry = { model, forecast: model.forecast(), fitMs };
    models.set(key, entry);
    while (models.size > MAX_MODELS) {
      const [oldest, old] = models.entries().next().value;
      models.delete(oldest);
      old.model.free();
    }
    return { entry, fitMs };
  }

  return {
    /**
     * The imported series a capacity forecast can use (those with values), each on its grid: `[{id, importId,
     * name, points, series: {start, step, values}}]`. Names come from the file (a Prometheus series' labels).
     */
    "capacity.sources"() {
      sources.clear();
      const out = [];
      for (const [importId, data] of Object.entries(held.imports ?? {})) {
        const list = Array.isArray(data?.series) ? data.series : data?.series ? [data.series] : [];
        list.forEach((entry, k) => {
          const grid = onGrid(entry?.series ?? entry);
          if (!grid) return;
          const id = `imports/${importId}/${k}`;
          sources.set(id, grid);
          out.push({ id, importId, name: typeof entry?.name === "string" ? entry.name : "", points: grid.values.length, series: { ...grid, values: grid.values.slice() } });
        });
      }
      return out;
    },
    /** Fit (or reuse) the model for `key` and return its forecast with Float64Array bands, for the fan chart. */
    "capacity.fit"(input) {
      const { entry, fitMs } = fitted(input?.key, input?.input);
      const f = entry.forecast;
      // Fresh arrays on every call: the result's buffers are transferred to the page.
      return {
        key: input.key,
        forecast: {
          start: f.start,
          step: f.step,
          mean: Float64Array.from(f.mean),
          intervals: f.intervals.map((b) => ({ level: b.level, lower: Float64Array.from(b.lower), upper: Float64Array.from(b.upper) })),
        },
        model: f.model,
        diagnostics: f.diagnostics,
        timing: { fitMs, firstFitMs: entry.fitMs },
      };
    },
    /** The runway of the baseline and each scenario in `query`, on the held model (fitted first on a miss). */
    "capacity.runway"(input) {
      const { fitMs } = fitted(input?.key, input?.input);
      const { model } = models.get(input.key);
      const t0 = performance.now();
      const report = model.runway(input.query ?? {});
      return { ...report, timing: { fitMs, runwayMs: performance.now() - t0 } };
    },
    /** Forget every held model (the sample changed or was unloaded). */
    "capacity.release"() {
      for (const { model } of models.values()) model.free();
      const released = models.size;
      models.clear();
      return { released };
    },
  };
}
