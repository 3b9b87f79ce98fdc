// Worker tasks of the capacity view: fit a CapacityModel once per (data, model choice) and keep it here, so every
// later what-if (threshold, growth, launch, capacity change) is one `runway` pass over the horizon, never a refit.
//
//   "capacity.fit"    {key, input: ForecastInput}          → {key, forecast, model, diagnostics, timing}
//   "capacity.runway" {key, input: ForecastInput, query}   → RunwayReport + {timing}
//
// `key` names the fit (the page builds it from the sample seed, the resource and the model code); `input.series`
// is normally a {$ref: "org/capacity/<id>/series"} resolved by the worker, so a call sends a few bytes. Both tasks
// fit on a miss, so a runway query never fails because the model was evicted or the worker restarted.
import { CapacityModel } from "opscore";

/** Fitted models kept at once (each holds its data and projection: a few hundred kB at most). */
const MAX_MODELS = 12;

const fail = (code, path, message) => {
  throw Object.assign(new Error(message), { name: "OpscoreError", code, path });
};

/** The capacity task table, to spread into the worker's task table (tasks.js). */
export function capacityTasks() {
  /** key → {model, forecast, fitMs}; Map order is use order (least recently used first). */
  const models = new Map();

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
    const model = new CapacityModel(input);
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
