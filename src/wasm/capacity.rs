//! JS exports for capacity: `forecast`, `runway`, `erlangC`, `staffing` and the fit-once `CapacityModel` class.
//!
//! Series values may be a `number[]` (with `null` for a missing value) or a `Float64Array` (with `NaN` for a
//! missing value). A `Float64Array` is copied into the engine in one block instead of element by element.

use crate::read::Read;
use wasm_bindgen::prelude::*;

use crate::capacity::erlang;
use crate::capacity::forecast::{self, ForecastInput};
use crate::capacity::runway::{self, RunwayInput, RunwayQuery};
use crate::capacity::series::Values;

#[wasm_bindgen(typescript_custom_section)]
const TS_SERIES: &'static str = r#"
/** A regular time series: `start` + `step` + `values`, or `timestamps` + `values`.
 * Missing values are `null` (in a number[]) or `NaN` (in a Float64Array); leading and trailing ones are dropped and
 * interior ones filled by linear interpolation (counted in `diagnostics`). */
export interface SeriesInput {
  /** The time of `values[0]`; needs `step`. */
  start?: Timestamp;
  /** Seconds between consecutive values (3600 for hourly). With `timestamps` it defaults to the smallest gap. */
  step?: number;
  /** The time of each value, strictly ascending, on a grid of `step`; absent grid slots count as missing. */
  timestamps?: Timestamp[];
  /** The observations. */
  values: (number | null)[] | Float64Array;
}

/** How to transform the data before fitting: "auto" (default) compares none with log by AICc on the original
 * scale (log only when every value is positive); "none"; or "log". */
export type TransformChoice = "auto" | "none" | "log";

/** Input of {@link forecast} and of the {@link CapacityModel} constructor. */
export interface ForecastInput {
  series: SeriesInput;
  /** Steps to forecast: a whole number from 1 to 200000. */
  horizon: number;
  /** Interval levels as fractions. Default [0.8, 0.95]. */
  levels?: number[];
  /** An ETS code — error A/M/Z, trend N/A/Ad/Z, season N/A/M/Z, such as "ZZZ" (the default, full automatic
   * search), "ZZN" (no season), "AAdN" or "MAM" — or "linearTrend" or "seasonalNaive". */
  model?: string;
  /** Seasonal periods in steps, such as [24, 168] for hourly data. Absent: detected; []: none. */
  seasonalPeriods?: number[];
  /** Default "auto". */
  transform?: TransformChoice;
  /** An explicit Box-Cox λ from −1 to 2 (0 = log); overrides `transform`. */
  boxCoxLambda?: number;
}

/** The transform used: none, or Box-Cox with λ (0 = natural log). */
export type Transform = { kind: "none" } | { kind: "boxCox"; lambda: number };

/** ETS parameters and initial states. */
export interface EtsParameters {
  alpha: number;
  /** 0 without a trend; otherwise 0 < beta < alpha / 5. */
  beta: number;
  /** 0 without a season. */
  gamma: number;
  /** 1 unless the trend is damped. */
  phi: number;
  level0: number;
  trend0: number;
  /** One initial seasonal state per phase (from a classical decomposition); [] without a season. */
  season0: number[];
}

/** The chosen model. */
export interface ModelReport {
  method: "ets" | "decomposition" | "linearTrend" | "seasonalNaive";
  /** Such as "ETS(M,Ad,M)", "log ETS(A,A,A)", "Box-Cox(0.35) ETS(A,Ad,A) + 1 more (equal weights)" or
   *  "MSTL(48,336) + ETS(A,Ad,N)". */
  name: string;
  /** ETS error form (ETS and decomposition methods). */
  error?: "A" | "M";
  /** ETS trend form: none, additive, additive damped. */
  trend?: "N" | "A" | "Ad";
  /** ETS season form ("N" on the decomposition route, whose seasons come from the decomposition). */
  season?: "N" | "A" | "M";
  /** Seasonal periods used, in steps. */
  seasonalPeriods: number[];
  transform: Transform;
  parameters?: EtsParameters;
  /** AICc on the original scale (comparable across transforms). */
  aicc?: number;
  /** AIC on the modelled scale. */
  aic?: number;
  /** Log-likelihood on the modelled scale. */
  logLik?: number;
  /** Every model compared, best (lowest AICc) first; `weight` is its weight in the combined forecast: 1/k for
   *  each of the k models combined (those among the eight best, on the chosen model's scale, within about 9.2
   *  AICc of the best), absent for the others. */
  candidates: { name: string; aicc: number; weight?: number }[];
}

/** Fit diagnostics. */
export interface ForecastDiagnostics {
  /** Observations used. */
  n: number;
  /** Interior missing values filled by interpolation. */
  interpolated: number;
  /** Leading and trailing missing values dropped. */
  trimmed: number;
  /** Standard deviation of the one-step residuals, in the series' units. */
  residualSd: number;
  /** In-sample MASE against the seasonal naive of the shortest period; absent for a constant series. */
  mase?: number;
}

/** A prediction interval per step. */
export interface ForecastBand {
  /** Such as 0.95. */
  level: number;
  lower: number[];
  upper: number[];
}

/** Result of {@link forecast}. */
export interface Forecast {
  /** The time of the first forecast step (RFC 3339, UTC). */
  start: string;
  /** Seconds between steps. */
  step: number;
  /** Point forecast per step (the median on the original scale when a transform was used). */
  mean: number[];
  /** One band per requested level, in the order asked. */
  intervals: ForecastBand[];
  model: ModelReport;
  diagnostics: ForecastDiagnostics;
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_RUNWAY: &'static str = r#"
/** A what-if scenario: evaluated on the fitted model without refitting. */
export interface Scenario {
  /** A label; default "scenario N". */
  name?: string;
  /** Multiply the fitted trend by this (1.5 = 50% faster growth; on a log model, 1.5× the growth rate). Default 1. */
  growth?: number;
  /** Changes to the forecast from a date on, applied in date order: multiply by `factor` (1.3 = +30%) and/or add
   * `add`. At most 10000. */
  steps?: { at: Timestamp; factor?: number; add?: number }[];
  /** Capacity added (delta > 0) or removed (delta < 0) from a date on, in the series' units. At most 10000. */
  capacityChanges?: { at: Timestamp; delta: number }[];
}

/** The capacity question, asked of a fitted {@link CapacityModel}. */
export interface RunwayQuery {
  /** Capacity in the series' units. */
  capacity: number;
  /** Alert at this fraction of capacity, in (0, 1]: 0.8 = "at 80%". Default 1. */
  utilisationTarget?: number;
  /** The largest single unit, for N+1 headroom (capacity minus that unit). */
  largestUnit?: number;
  /** The interval level for the earliest/latest dates; one of the fitted levels. Default: the highest. */
  level?: number;
  /** "above" (usage rising to a ceiling; default) or "below" (a quantity falling to a floor). */
  direction?: "above" | "below";
  scenarios?: Scenario[];
}

/** Input of {@link runway}: a forecast and a capacity question in one. */
export interface RunwayInput {
  series: SeriesInput;
  /** Steps to look ahead. */
  horizon: number;
  /** As in {@link ForecastInput}. Default "ZZZ". */
  model?: string;
  seasonalPeriods?: number[];
  transform?: TransformChoice;
  capacity: number;
  utilisationTarget?: number;
  largestUnit?: number;
  /** The interval level for the earliest/latest dates. Default 0.95. */
  level?: number;
  direction?: "above" | "below";
  scenarios?: Scenario[];
}

/** The first forecast step at or past the threshold. */
export interface Crossing {
  /** RFC 3339, UTC. */
  at: string;
  /** Steps after the last observation (1 = the first forecast step). */
  steps: number;
  /** Seconds after the last observation. */
  seconds: number;
  /** The path's value there. */
  value: number;
  /** The threshold there. */
  threshold: number;
}

/** The runway against one threshold. */
export interface Runway {
  /** (capacity − reserve) × utilisationTarget, now. */
  threshold: number;
  /** threshold − last value ("below": last value − threshold); negative when already past it. */
  headroom: number;
  /** headroom / threshold. */
  headroomFraction: number;
  /** When the forecast mean crosses; absent if not within the horizon. */
  mean?: Crossing;
  /** The earliest plausible crossing (the upper bound, for "above"). */
  earliest?: Crossing;
  /** The latest plausible crossing (the lower bound, for "above"). */
  latest?: Crossing;
}

/** The runway of the baseline or of one scenario. */
export interface ScenarioRunway {
  /** "baseline", or the scenario's name. */
  name: string;
  runway: Runway;
  /** Against capacity minus `largestUnit`, when given. */
  nPlusOne?: Runway;
}

/** Result of {@link runway} and {@link CapacityModel.runway}. */
export interface RunwayReport {
  /** The last observed value. */
  current: number;
  /** The time of the last observation (RFC 3339, UTC). */
  asOf: string;
  /** The interval level used for earliest/latest. */
  level: number;
  /** Steps searched. */
  horizon: number;
  /** The last forecast step's time: crossings after it are not found. */
  horizonEnd: string;
  baseline: ScenarioRunway;
  /** One per scenario, in order. */
  scenarios: ScenarioRunway[];
  model: ModelReport;
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_QUEUE: &'static str = r#"
/** Input of {@link erlangC}: an M/M/c queue. */
export interface ErlangCInput {
  /** Arrivals per second, ≥ 0 (100 per 30 minutes = 100 / 1800). */
  arrivalRate: number;
  /** Mean service (handling) time in seconds, > 0. */
  meanServiceTime: number;
  /** Servers or agents: a whole number ≥ 1, more than the offered load. */
  servers: number;
  /** A wait in seconds for `serviceLevel` (the share answered within it). */
  targetWait?: number;
  /** Wait percentiles as fractions in [0, 1). Default [0.5, 0.8, 0.9, 0.95, 0.99]. */
  percentiles?: number[];
}

/** The steady state of an M/M/c queue. */
export interface ErlangC {
  /** Erlangs: arrivalRate × meanServiceTime. */
  offeredLoad: number;
  servers: number;
  /** offeredLoad / servers. */
  utilisation: number;
  /** Probability that an arrival waits (Erlang C). */
  pWait: number;
  /** Mean wait over all arrivals (ASA), seconds. */
  meanWait: number;
  /** Mean wait of those who wait, seconds. */
  meanWaitIfWaiting: number;
  /** meanWait + meanServiceTime. */
  meanResponseTime: number;
  /** Mean number waiting (λ × meanWait). */
  meanQueueLength: number;
  /** Share answered within `targetWait`, when given. */
  serviceLevel?: number;
  /** Waits, in seconds, not exceeded by each share of arrivals. */
  waitPercentiles: { p: number; wait: number }[];
}

/** Input of {@link staffing}. Give at least one target; all given must hold. */
export interface StaffingInput {
  arrivalRate: number;
  meanServiceTime: number;
  target: {
    /** Share to answer within `withinSeconds`, in (0, 1): 0.8 for "80% within 20 s". */
    serviceLevel?: number;
    withinSeconds?: number;
    /** Largest acceptable mean wait (ASA), seconds. */
    maxMeanWait?: number;
    /** Largest acceptable probability of waiting, in (0, 1). */
    maxPWait?: number;
    /** Largest acceptable utilisation, in (0, 1). */
    maxUtilisation?: number;
  };
}

/** Result of {@link staffing}. */
export interface Staffing {
  /** The smallest number of servers meeting every target. */
  servers: number;
  /** The queue at that many servers (serviceLevel uses `withinSeconds` when given). */
  queue: ErlangC;
  /** The queue with one server fewer, when it has a steady state: how far it misses. */
  oneFewer?: ErlangC;
}
"#;

/// Deserialize an input whose `series.values` may be a `Float64Array`: the typed array is copied in one block
/// and the rest goes through serde.
fn with_series<T: Read>(input: JsValue, set: impl FnOnce(&mut T, Vec<f64>)) -> Result<T, JsValue> {
    let series = if input.is_object() { js_sys::Reflect::get(&input, &"series".into()).ok() } else { None };
    let values = series.as_ref().filter(|s| s.is_object()).and_then(|s| js_sys::Reflect::get(s, &"values".into()).ok());
    if let Some(arr) = values.and_then(|v| v.dyn_into::<js_sys::Float64Array>().ok())
        && let Some(series) = series
    {
        let copy = js_sys::Object::assign(&js_sys::Object::new(), input.unchecked_ref());
        let s_copy = js_sys::Object::assign(&js_sys::Object::new(), series.unchecked_ref());
        let _ = js_sys::Reflect::set(&s_copy, &"values".into(), &js_sys::Array::new());
        let _ = js_sys::Reflect::set(&copy, &"series".into(), &s_copy);
        let mut out: T = super::from_js(copy.into(), "")?;
        set(&mut out, arr.to_vec());
        return Ok(out);
    }
    super::from_js(input, "")
}

fn forecast_input(input: JsValue) -> Result<ForecastInput, JsValue> {
    with_series(input, |i: &mut ForecastInput, v| i.series.values = Values(v))
}

/// Forecast a series: automatic ETS selection (or the model you name), prediction intervals, the chosen model
/// and fit diagnostics. Seasonal periods are detected unless given; hourly data with daily and weekly cycles
/// goes through an MSTL-style decomposition. Throws `insufficient_data` (too few values for a season, all
/// values missing), `out_of_range` (horizon ≤ 0, non-positive values under a multiplicative model or log) and
/// `unknown_variant` (a bad model code).
///
/// @example
/// ```ts
/// const f = forecast({
///   series: { start: "2026-01-01T00:00:00Z", step: 86400, values: [10, 12, 14, 16, 18, 20, 22, 24] },
///   horizon: 3, seasonalPeriods: [], transform: "none", model: "AAN",
/// });
/// f.model.name; // "ETS(A,A,N)"
/// f.start; // "2026-01-09T00:00:00.000Z"
/// f.intervals.map((b) => b.level); // ≈ [0.8, 0.95]
/// Math.round(f.mean[0]); // 26
/// ```
#[wasm_bindgen(js_name = forecast, unchecked_return_type = "Forecast")]
pub fn forecast(#[wasm_bindgen(unchecked_param_type = "ForecastInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let i = forecast_input(input)?;
    let out = forecast::forecast(&i).map_err(super::to_js_error)?;
    super::to_js(&out)
}

/// When does the resource run out? Fits a forecast and reports, against `capacity` (times `utilisationTarget`),
/// the headroom now and the first crossing by the forecast mean and by the interval bounds (earliest and latest
/// plausible dates), with N+1 headroom when `largestUnit` is given, and the same for each scenario. Throws
/// `not_finite` for a NaN capacity and the errors of {@link forecast}.
///
/// @example
/// ```ts
/// // 10 + t per day; capacity 161 at 50% is a threshold of 80.5. The last value is 69 (t = 59), so the mean
/// // passes 80.5 after 12 days (69 + 12 = 81), or after 6 at twice the growth (69 + 2·6 = 81).
/// const values = Array.from({ length: 60 }, (_, t) => 10 + t);
/// const r = runway({
///   series: { start: "2026-01-01T00:00:00Z", step: 86400, values },
///   horizon: 60, seasonalPeriods: [], transform: "none", capacity: 161, utilisationTarget: 0.5,
///   scenarios: [{ name: "double growth", growth: 2 }],
/// });
/// r.baseline.runway.headroom; // 11.5
/// r.baseline.runway.mean?.steps; // 12
/// r.scenarios[0].runway.mean?.steps; // 6
/// ```
#[wasm_bindgen(js_name = runway, unchecked_return_type = "RunwayReport")]
pub fn runway(#[wasm_bindgen(unchecked_param_type = "RunwayInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let i: RunwayInput = with_series(input, |i: &mut RunwayInput, v| i.series.values = Values(v))?;
    let out = runway::runway(&i).map_err(super::to_js_error)?;
    super::to_js(&out)
}

/// A fitted forecasting model that answers many what-if questions without refitting: fit once with the
/// constructor (same input as {@link forecast}), then call `runway` with different capacities and scenarios;
/// each call costs one pass over the horizon.
///
/// @example
/// ```ts
/// const values = Array.from({ length: 60 }, (_, t) => 10 + t);
/// const model = new CapacityModel({
///   series: { start: "2026-01-01T00:00:00Z", step: 86400, values },
///   horizon: 365, seasonalPeriods: [], transform: "none",
/// });
/// model.forecast().mean.length; // 365
/// // The last value is 69; 69 + 32 = 101 is the first step past 100.5.
/// model.runway({ capacity: 100.5 }).baseline.runway.mean?.steps; // 32
/// // 50 more from 14 March (step 14): the threshold becomes 150.5, first passed at 69 + 82 = 151.
/// model.runway({ capacity: 100.5, scenarios: [{ capacityChanges: [{ at: "2026-03-15T00:00:00Z", delta: 50 }] }] })
///   .scenarios[0].runway.mean?.steps; // 82
/// model.free();
/// ```
#[wasm_bindgen(js_name = CapacityModel)]
pub struct Model {
    inner: forecast::CapacityModel,
}

#[wasm_bindgen(js_class = CapacityModel)]
impl Model {
    /// Fit the model (the slow part). Throws as {@link forecast} does.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "ForecastInput")] input: JsValue) -> Result<Model, JsValue> {
        let i = forecast_input(input)?;
        let inner = forecast::CapacityModel::fit(&i).map_err(super::to_js_error)?;
        Ok(Model { inner })
    }

    /// The forecast over the fitted horizon.
    #[wasm_bindgen(unchecked_return_type = "Forecast")]
    pub fn forecast(&self) -> Result<JsValue, JsValue> {
        let out = self.inner.forecast().map_err(super::to_js_error)?;
        super::to_js(&out)
    }

    /// The runway against a capacity, for the baseline and each scenario, without refitting.
    #[wasm_bindgen(unchecked_return_type = "RunwayReport")]
    pub fn runway(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RunwayQuery")] query: JsValue,
    ) -> Result<JsValue, JsValue> {
        let q: RunwayQuery = super::from_js(query, "")?;
        let out = self.inner.runway(&q).map_err(super::to_js_error)?;
        super::to_js(&out)
    }
}

/// The M/M/c queue (Erlang C): utilisation, probability of waiting, mean wait (ASA), wait percentiles and the
/// service level within `targetWait`. Throws `infeasible` when the load is at or above the number of servers
/// (utilisation ≥ 1: no steady state), and `out_of_range` for servers that are not a whole number ≥ 1.
///
/// @example
/// ```ts
/// // 100 calls per 30 minutes, 3-minute calls (10 erlangs), 14 agents, target 20 s.
/// const q = erlangC({ arrivalRate: 100 / 1800, meanServiceTime: 180, servers: 14, targetWait: 20 });
/// q.offeredLoad; // ≈ 10
/// q.pWait; // ≈ 0.1741
/// q.serviceLevel; // ≈ 0.8884
/// erlangC({ arrivalRate: 2, meanServiceTime: 1, servers: 3 }).pWait; // ≈ 0.4444 (4/9)
/// ```
#[wasm_bindgen(js_name = erlangC, unchecked_return_type = "ErlangC")]
pub fn erlang_c(#[wasm_bindgen(unchecked_param_type = "ErlangCInput")] input: JsValue) -> Result<JsValue, JsValue> {
    super::call(input, erlang::erlang_c)
}

/// The smallest number of servers (or support engineers) meeting a target such as "80% answered within 20 s"
/// or "95% of requests wait under 200 ms". Throws `missing_field` without a target and `infeasible` when none
/// up to a million meets it.
///
/// @example
/// ```ts
/// const s = staffing({
///   arrivalRate: 100 / 1800, meanServiceTime: 180, target: { serviceLevel: 0.8, withinSeconds: 20 },
/// });
/// s.servers; // 14
/// ```
#[wasm_bindgen(js_name = staffing, unchecked_return_type = "Staffing")]
pub fn staffing(#[wasm_bindgen(unchecked_param_type = "StaffingInput")] input: JsValue) -> Result<JsValue, JsValue> {
    super::call(input, erlang::staffing)
}
