//! JS exports for error budgets and burn-rate alerting.
//!
//! SLI series cross the boundary columnar: `good`, `bad` and `total` may be `number[]` (null or NaN = missing) or
//! `Float64Array`, and are copied in one step each rather than element by element through serde.

use js_sys::{Array, Float64Array, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::{from_js, to_js, to_js_error};
use crate::budget::{backtest, composite, openslo, prometheus, report, series::SliSeries, slo::Slo, tiers};
use crate::error::{Error, ErrorCode, join_path};

#[wasm_bindgen(typescript_custom_section)]
const TS_BUDGET: &'static str = r#"
/** A duration: seconds, or a shorthand such as "5m", "1h", "28d" (units s, m, h, d, w, M, Q, Y; w/M/Q/Y count as
 * 7/30/90/365 days wherever a fixed length is needed). */
export type DurationInput = number | string;

/** How the budget is counted (OpenSLO budgetingMethod):
 * - "occurrences": Σgood / Σtotal over the window (never a mean of per-bucket ratios);
 * - "timeslices": a slice is good when its ratio is ≥ timeSliceTarget; SLI = good slices / slices;
 * - "ratioTimeslices": SLI = the mean of the slices' ratios. */
export type BudgetMethod = "occurrences" | "timeslices" | "ratioTimeslices";

/** How a time slice with no data (all buckets missing, or zero traffic) counts: left out, good, or bad. */
export type NoDataTreatment = "skip" | "good" | "bad";

/** An SLO window. "28d" (s, m, h, d units) rolls; "1w", "1M", "1Q", "1Y" (and "1d" with rolling: false) are
 * calendar periods in timeZone (default UTC), daylight saving applied, unless rolling: true (then 7/30/90/365 days). */
export interface SloWindow {
  duration: string;
  /** Force rolling (true) or calendar-aligned (false). */
  rolling?: boolean;
  /** IANA zone of a calendar window. Default "UTC". */
  timeZone?: string;
}

/** An SLO definition. */
export interface Slo {
  /** A fraction strictly between 0 and 1: 0.999 for 99.9%. */
  objective: number;
  /** "30d", "1M", or { duration, rolling?, timeZone? }. */
  window: string | SloWindow;
  /** Default "occurrences". */
  method?: BudgetMethod;
  /** timeslices: the ratio at or above which a slice is good, in (0, 1]. */
  timeSliceTarget?: number;
  /** Slice methods: the slice length, a whole multiple of the series step. */
  timeSliceWindow?: DurationInput;
  /** Slice methods: how a slice without data counts. Default "skip". */
  noData?: NoDataTreatment;
}

/** Per-bucket counts: null or NaN marks a missing bucket. */
export type BucketValues = number[] | Float64Array | (number | null)[];

/** An SLI history, columnar. Give `good` or `bad` (not both) with `total`, and `start` or per-bucket `t`. */
export interface SliSeries {
  /** Start of the first bucket. Required unless `t` is given. */
  start?: Timestamp;
  /** Bucket length in seconds (a whole number of milliseconds, ≥ 1 s). */
  step: number;
  /** Per-bucket start times: ascending, distinct, on the step grid of t[0]; gaps are missing buckets. */
  t?: Timestamp[];
  good?: BucketValues;
  bad?: BucketValues;
  total: BucketValues;
  /** Maintenance windows: buckets they overlap are excluded (counted as missing) and consume no budget. */
  exclude?: Interval[];
}

/** A policy rule: `state` applies when the remaining budget fraction is above `above`. */
export interface PolicyRule {
  state: string;
  above: number;
}

/** Caller thresholds for the policy state: the first rule whose `above` the remaining fraction exceeds wins, else
 * `otherwise`. Default: healthy above 0.25, atRisk above 0, otherwise "exhausted". */
export interface BudgetPolicy {
  rules: PolicyRule[];
  /** Default "exhausted". */
  otherwise?: string;
}

/** A hypothetical incident. Give errorRate or affectedFraction; neither means a full outage (errorRate 1). */
export interface HypotheticalIncident {
  /** Default asOf: a future incident ("one more 20-minute outage"). A past start rewrites the buckets it overlaps. */
  start?: Timestamp;
  duration: DurationInput;
  /** The error rate during the incident (bad = max(bad, errorRate × total)). */
  errorRate?: number;
  /** The share of otherwise-good requests that fail (bad += affectedFraction × good). */
  affectedFraction?: number;
}

/** A what-if scenario: incidents, and/or a different objective or window. */
export interface WhatIf {
  incidents?: HypotheticalIncident[];
  objective?: number;
  window?: string | SloWindow;
}

/** Report options. */
export interface ReportOptions {
  /** Evaluation time. Default: the end of the last bucket. */
  asOf?: Timestamp;
  /** Burn-rate windows. Default ["5m", "30m", "1h", "2h", "6h", "1d", "3d"]. */
  burnWindows?: DurationInput[];
  /** The window whose burn rate is "current" (time to exhaustion, projection). Default "1h". */
  currentBurnWindow?: DurationInput;
  policy?: BudgetPolicy;
  /** At most this many burn-down points, 2 to 10 000. Default 500. */
  maxPoints?: number;
  /** Recompute under a hypothetical; the report then has `scenario`. */
  whatIf?: WhatIf;
}

/** Input of {@link errorBudget}. */
export interface ErrorBudgetInput {
  slo: Slo;
  series: SliSeries;
  options?: ReportOptions;
}

/** An amount of budget. */
export interface BudgetAmount {
  /** Fraction of the budget (remaining goes negative when overspent). */
  fraction: number;
  /** Occurrences: bad events ("N more failed requests"). */
  events?: number;
  /** Slice methods: bad slices. */
  slices?: number;
  /** Seconds of full outage ("M more minutes of full outage"; at the window's average traffic for occurrences). */
  seconds: number;
}

/** The burn rate over a window ending at asOf. */
export interface BurnRate {
  /** "1h". */
  window: string;
  seconds: number;
  /** errorRate / (1 − objective); 0 without data. */
  burnRate: number;
  errorRate: number;
  hasData: boolean;
}

/** The error-budget report. Fractions are 0–1; seconds are seconds; times are RFC 3339 UTC. */
export interface BudgetReport {
  asOf: string;
  objective: number;
  method: BudgetMethod;
  window: {
    kind: "rolling" | "calendar";
    start: string;
    /** asOf for rolling windows; the period end for calendar windows. */
    end: string;
    seconds: number;
    elapsedSeconds: number;
    timeZone?: string;
  };
  /** Attained SLI; undefined when the window has no data. */
  sli: number | undefined;
  counts: {
    unit: "events" | "slices";
    good: number;
    bad: number;
    total: number;
  };
  budget: {
    /** 1 − objective. */
    errorRate: number;
    /** Occurrences: (1 − objective) × events expected in the whole window. */
    events?: number;
    /** Slice methods: (1 − objective) × slices in the window. */
    slices?: number;
    /** (1 − objective) × window length: the budget as full-outage time. */
    seconds: number;
  };
  consumed: BudgetAmount;
  /** remaining.fraction = 1 − consumed.fraction. */
  remaining: BudgetAmount;
  burnRates: BurnRate[];
  /** Burn rate over the window so far. */
  windowBurnRate: number;
  currentBurnRate: BurnRate;
  /** Seconds until exhaustion at the current burn: 0 when already gone, undefined when not burning. */
  timeToExhaustion: number | undefined;
  exhaustionAt: string | undefined;
  /** Calendar windows: remaining at the period's end if the current burn holds; undefined for rolling windows. */
  projectedRemaining: number | undefined;
  policyState: string;
  /** Chart columns of equal length: remaining budget and the ideal line (1 − elapsed / window). */
  burnDown: { t: string[]; remaining: number[]; ideal: number[] };
  data: {
    units: number;
    unitSeconds: number;
    missing: number;
    zeroTraffic: number;
    coveredSeconds: number;
    treatment: string;
  };
  /** The what-if result, when options.whatIf was given. */
  scenario?: BudgetReport;
}

/** An alert tier as written: burnRate, or budgetConsumed (burn = consumed × window / longWindow). */
export interface TierSpec {
  name?: string;
  /** Default "page" when the tier consumes ≤ 5% within its long window, else "ticket". */
  severity?: string;
  longWindow: DurationInput;
  /** Default longWindow / 12. */
  shortWindow?: DurationInput;
  burnRate?: number;
  budgetConsumed?: number;
}

/** A resolved alert tier: fires when both windows burn strictly faster than burnRate. */
export interface AlertTier {
  name: string;
  severity: string;
  longWindow: string;
  longWindowSeconds: number;
  shortWindow: string;
  shortWindowSeconds: number;
  burnRate: number;
  /** burnRate × (1 − objective). */
  errorRate: number;
  /** burnRate × longWindow / window. */
  budgetConsumed: number;
  /** False when burnRate ≥ 1 / (1 − objective): even 100% errors cannot fire it. */
  reachable: boolean;
}

/** Input of {@link alertTiers}. */
export interface AlertTiersInput {
  slo: Slo;
  /** Default: 2% in 1h, 5% in 6h (page), 10% in 1d and 10% in 3d (ticket), scaled to the window. */
  tiers?: TierSpec[];
}

/** Result of {@link alertTiers}. */
export interface AlertTiers {
  /** The window length the tiers scale by (calendar windows: 7, 30, 90 or 365 days nominal). */
  windowSeconds: number;
  /** 1 / (1 − objective). */
  maxBurnRate: number;
  tiers: AlertTier[];
}

/** An incident to measure detection against. */
export interface MarkedIncident {
  name?: string;
  start: Timestamp;
  end: Timestamp;
}

/** Backtest options. */
export interface BacktestOptions {
  /** Default: the generated tiers of {@link alertTiers}. */
  tiers?: TierSpec[];
  incidents?: MarkedIncident[];
  /** Default the series start. */
  from?: Timestamp;
  /** Default the series end. */
  to?: Timestamp;
  /** List at most this many fires per tier (counts stay exact). Default 1000. */
  maxFires?: number;
}

/** Input of {@link backtestAlerts}. */
export interface BacktestInput {
  slo: Slo;
  series: SliSeries;
  options?: BacktestOptions;
}

/** Budget burned while no alert fired. */
export interface SilentBurn {
  /** Bad events (or slices) in buckets that began with no alert firing. */
  bad: number;
  /** Share of all bad in the range. */
  share: number;
  /** In budgets of one SLO window. */
  budgets: number;
}

/** One tier's backtest. */
export interface TierBacktest {
  tier: AlertTier;
  fireCount: number;
  firingSeconds: number;
  /** end is undefined while still firing at the end of the range. */
  fires: { start: string; end: string | undefined }[];
  truncated: boolean;
  /** Per marked incident: detection within [start, end], or undefined (missed). */
  detections: { incident: number; name?: string; detectedAt: string | undefined; detectionSeconds: number | undefined }[];
  /** Fires overlapping no marked incident (0 when none was marked). */
  firesOutsideIncidents: number;
  silent: SilentBurn;
}

/** Result of {@link backtestAlerts}. */
export interface Backtest {
  from: string;
  to: string;
  /** Evaluations per tier (one per bucket, or per slice). */
  evaluations: number;
  totalBad: number;
  /** One window's budget in events (or slices) at the range's average traffic. */
  budgetPerWindow: number;
  tiers: TierBacktest[];
  /** Budget burned while no tier at all was firing. */
  silentAll: SilentBurn;
}

/** Input of {@link prometheusRules}. */
export interface PrometheusRulesInput {
  /** Occurrences only. */
  slo: Slo;
  /** Letters, digits, "_", "-", ".". */
  service: string;
  name: string;
  /** PromQL for the bad-event rate with {{.window}}: sum(rate(http_requests_total{code=~"5.."}[{{.window}}])). */
  errorQuery: string;
  /** PromQL for the total-event rate with {{.window}}. */
  totalQuery: string;
  tiers?: TierSpec[];
  /** Extra labels on every rule. */
  labels?: Record<string, string>;
}

/** Result of {@link prometheusRules}. */
export interface PrometheusRules {
  /** A Prometheus rule file (Sloth layout: sloth_* labels, slo:* metrics). */
  yaml: string;
  /** The tiers its alerts use: the same thresholds backtestAlerts evaluates. */
  tiers: AlertTier[];
}

/** An OpenSLO v1 SLO document, parsed from YAML by the caller. Other fields are ignored. */
export interface OpenSloDocument {
  apiVersion: "openslo/v1";
  kind: "SLO";
  metadata: { name: string; displayName?: string };
  spec: {
    service?: string;
    indicator?: unknown;
    indicatorRef?: string;
    timeWindow: { duration: string; isRolling?: boolean; calendar?: { startTime?: string; timeZone?: string } }[];
    budgetingMethod: "Occurrences" | "Timeslices" | "RatioTimeslices";
    objectives: {
      name?: string;
      displayName?: string;
      target?: number;
      targetPercent?: number;
      timeSliceTarget?: number;
      /** A bare number is minutes (OpenSLO). */
      timeSliceWindow?: number | string;
      compositeWeight?: number;
    }[];
    [key: string]: unknown;
  };
}

/** Result of {@link fromOpenSlo}: one opscore SLO per objective. */
export interface OpenSloImport {
  name: string;
  displayName?: string;
  service?: string;
  objectives: {
    name?: string;
    /** compositeWeight, default 1. */
    weight: number;
    slo: Slo & { window: SloWindow; method: BudgetMethod; timeSliceWindow?: number; noData: NoDataTreatment };
  }[];
  /** How the window was read, e.g. "1M is a calendar month in UTC (not a rolling 30 days)". */
  windowNote: string;
}

/** The methods of {@link SloHistory} (merged with the class declaration). */
export interface SloHistory {
  /** The budget report for `slo` against this history (see {@link errorBudget}). */
  errorBudget(slo: Slo, options?: ReportOptions): BudgetReport;
  /** Backtest alert tiers against this history (see {@link backtestAlerts}). */
  backtestAlerts(slo: Slo, options?: BacktestOptions): Backtest;
}

/** Input of {@link compositeBudget}. */
export interface CompositeBudgetInput {
  components: { name?: string; weight?: number; slo: Slo; series: SliSeries }[];
  options?: ReportOptions;
}

/** Result of {@link compositeBudget}: weighted means of the components. */
export interface CompositeBudget {
  objective: number;
  sli: number | undefined;
  consumed: number;
  remaining: number;
  burnRates: { window: string; burnRate: number }[];
  policyState: string;
  components: { name?: string; weight: number; share: number; report: BudgetReport }[];
}
"#;

/// The value of `key` on `obj`, or undefined.
fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Bucket counts from a `number[]` (null/undefined → NaN) or any typed array, without per-element serde.
fn numbers(v: &JsValue, path: &str) -> Result<Option<Vec<f64>>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    if let Some(f) = v.dyn_ref::<Float64Array>() {
        return Ok(Some(f.to_vec()));
    }
    let is_view = js_sys::ArrayBuffer::is_view(v);
    if !is_view && !Array::is_array(v) {
        return Err(to_js_error(Error::new(
            ErrorCode::InvalidType,
            path,
            "expected an array of numbers or a Float64Array",
        )));
    }
    // new Float64Array(array) converts in one native step; it turns null into 0, so nulls are patched back to NaN.
    let mut out = Float64Array::new(v).to_vec();
    if let Some(arr) = v.dyn_ref::<Array>() {
        let mut from = 0;
        loop {
            let i = arr.index_of(&JsValue::NULL, from);
            if i < 0 {
                break;
            }
            if let Some(x) = out.get_mut(i as usize) {
                *x = f64::NAN;
            }
            from = i + 1;
        }
        // A string or object among the numbers would be coerced silently: find the first non-number cheaply by
        // checking converted NaNs (a number NaN or undefined stays missing; anything else is a type error).
        for (i, x) in out.iter().enumerate() {
            if x.is_nan() {
                let e = arr.get(i as u32);
                if !(e.is_undefined() || e.is_null() || e.as_f64().is_some()) {
                    return Err(to_js_error(Error::new(
                        ErrorCode::InvalidType,
                        crate::error::index_path(path, i),
                        "expected a number (or null for a missing bucket)",
                    )));
                }
            }
        }
    }
    Ok(Some(out))
}

/// The columns of a series object, and a shallow copy of it without them (for serde).
struct Columns {
    good: Option<Vec<f64>>,
    bad: Option<Vec<f64>>,
    total: Option<Vec<f64>>,
}

impl Columns {
    fn take(series: &JsValue, path: &str) -> Result<(JsValue, Columns), JsValue> {
        if !series.is_object() || Array::is_array(series) {
            return Ok((series.clone(), Columns { good: None, bad: None, total: None }));
        }
        let cols = Columns {
            good: numbers(&get(series, "good"), &join_path(path, "good"))?,
            bad: numbers(&get(series, "bad"), &join_path(path, "bad"))?,
            total: numbers(&get(series, "total"), &join_path(path, "total"))?,
        };
        let copy = Object::assign(&Object::new(), series.unchecked_ref());
        for k in ["good", "bad", "total"] {
            let _ = Reflect::delete_property(&copy, &JsValue::from_str(k));
        }
        Ok((copy.into(), cols))
    }

    fn fill(self, s: &mut SliSeries) {
        s.good = self.good;
        s.bad = self.bad;
        s.total = self.total;
    }
}

/// A shallow copy of `obj` with `key` replaced.
fn with(obj: &JsValue, key: &str, value: &JsValue) -> JsValue {
    let copy = Object::assign(&Object::new(), obj.unchecked_ref());
    let _ = Reflect::set(&copy, &JsValue::from_str(key), value);
    copy.into()
}

/// Deserialize an input with a `series` field, taking the series columns on the fast path.
fn with_series<T: crate::read::Read>(
    input: JsValue,
    series_of: impl FnOnce(&mut T) -> &mut SliSeries,
) -> Result<T, JsValue> {
    if !input.is_object() {
        return from_js(input, "");
    }
    let (stripped, cols) = Columns::take(&get(&input, "series"), "series")?;
    let mut value: T = from_js(with(&input, "series", &stripped), "")?;
    cols.fill(series_of(&mut value));
    Ok(value)
}

/// The error-budget report of an SLO over an SLI series, as of `options.asOf` (default: the series end): attained
/// SLI, budget in events (or slices) and as full-outage time, consumed and remaining, burn rates over 5m–3d and the
/// window so far, a burn-down series with the ideal line, time to exhaustion, projection and policy state. Add
/// `options.whatIf` for a hypothetical incident, objective or window (the result then has `scenario`).
///
/// @example
/// ```ts
/// // 30 days of 1-minute buckets, 100 requests each; a 5-minute full outage.
/// const total = new Float64Array(43200).fill(100);
/// const bad = new Float64Array(43200);
/// bad.fill(100, 1000, 1005);
/// const r = errorBudget({
///   slo: { objective: 0.999, window: "30d" },
///   series: { start: "2026-01-01T00:00:00Z", step: 60, bad, total },
///   options: { whatIf: { incidents: [{ duration: "20m" }] } },
/// });
/// r.budget.events; // 4320
/// r.consumed.events; // 500
/// r.remaining.seconds / 60; // 38.2 (minutes of full outage left)
/// r.scenario?.remaining.fraction.toFixed(3); // "0.421" (one more 20-minute outage)
/// ```
#[wasm_bindgen(js_name = errorBudget, unchecked_return_type = "BudgetReport")]
pub fn error_budget(
    #[wasm_bindgen(unchecked_param_type = "ErrorBudgetInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input: report::BudgetInput = with_series(input, |i: &mut report::BudgetInput| &mut i.series)?;
    to_js(&report::error_budget(&input).map_err(to_js_error)?)
}

/// Multi-window, multi-burn-rate alert tiers for an SLO. By default the four Workbook/Sloth tiers scaled to the
/// window by the budget-consumed rule (for 30 days: 14.4 over 1h/5m, 6 over 6h/30m, 3 over 1d/2h, 1 over 3d/6h);
/// or the caller's tiers, each with `burnRate` or `budgetConsumed`.
///
/// @example
/// ```ts
/// const t = alertTiers({ slo: { objective: 0.999, window: "30d" } });
/// t.tiers.map((x) => x.burnRate).join(" "); // "14.4 6 3 1"
/// t.tiers[0].shortWindow; // "5m"
/// alertTiers({ slo: { objective: 0.999, window: "28d" } }).tiers[0].burnRate; // 13.44
/// ```
#[wasm_bindgen(js_name = alertTiers, unchecked_return_type = "AlertTiers")]
pub fn alert_tiers(
    #[wasm_bindgen(unchecked_param_type = "AlertTiersInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    super::call(input, tiers::alert_tiers)
}

/// Backtest alert tiers over the SLI history: for each tier, when it fired and reset, how often, the detection
/// time of each incident you mark, and the budget burned while it was silent.
///
/// @example
/// ```ts
/// const total = new Float64Array(43200).fill(100);
/// const bad = new Float64Array(43200);
/// bad.fill(100, 14400, 14410); // a 10-minute full outage on day 10
/// const b = backtestAlerts({
///   slo: { objective: 0.999, window: "30d" },
///   series: { start: "2026-01-01T00:00:00Z", step: 60, bad, total },
///   options: { incidents: [{ start: "2026-01-11T00:00:00Z", end: "2026-01-11T00:10:00Z" }] },
/// });
/// b.tiers[0].fireCount; // 1
/// b.tiers[0].detections[0].detectionSeconds; // 60 (the 14.4 page tier)
/// b.tiers[1].detections[0].detectionSeconds; // 180 (the 6 page tier)
/// b.tiers[0].silent.bad; // 100 (one minute burned before it fired)
/// ```
#[wasm_bindgen(js_name = backtestAlerts, unchecked_return_type = "Backtest")]
pub fn backtest_alerts(
    #[wasm_bindgen(unchecked_param_type = "BacktestInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input: backtest::BacktestInput = with_series(input, |i: &mut backtest::BacktestInput| &mut i.series)?;
    to_js(&backtest::backtest_alerts(&input).map_err(to_js_error)?)
}

/// Prometheus recording and alerting rules (YAML text, Sloth layout) for an occurrences SLO and its tiers, with
/// exactly the thresholds `backtestAlerts` evaluates.
///
/// @example
/// ```ts
/// const rules = prometheusRules({
///   slo: { objective: 0.999, window: "30d" },
///   service: "checkout",
///   name: "availability",
///   errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
///   totalQuery: "sum(rate(http_requests_total[{{.window}}]))",
/// });
/// rules.yaml.includes("> (14.4 * (1 - 0.999))"); // true
/// rules.tiers.length; // 4
/// ```
#[wasm_bindgen(js_name = prometheusRules, unchecked_return_type = "PrometheusRules")]
pub fn prometheus_rules(
    #[wasm_bindgen(unchecked_param_type = "PrometheusRulesInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    super::call(input, prometheus::prometheus_rules)
}

/// Convert an OpenSLO v1 `SLO` document (already parsed from YAML) into opscore SLOs, one per objective. `1M`
/// is a calendar month unless `isRolling: true` (then 30 days); threshold objectives, other API versions and kinds
/// are rejected with `unsupported`.
///
/// @example
/// ```ts
/// const imp = fromOpenSlo({
///   apiVersion: "openslo/v1",
///   kind: "SLO",
///   metadata: { name: "web" },
///   spec: {
///     timeWindow: [{ duration: "1M", calendar: { startTime: "2026-01-01 00:00:00", timeZone: "UTC" } }],
///     budgetingMethod: "Occurrences",
///     objectives: [{ targetPercent: 99.9 }],
///   },
/// });
/// imp.objectives[0].slo.objective; // 0.999
/// imp.windowNote; // "1M is a calendar month in UTC (not a rolling 30 days)"
/// ```
#[wasm_bindgen(js_name = fromOpenSlo, unchecked_return_type = "OpenSloImport")]
pub fn from_open_slo(
    #[wasm_bindgen(unchecked_param_type = "OpenSloDocument")] doc: JsValue,
) -> Result<JsValue, JsValue> {
    super::call(doc, openslo::from_openslo)
}

/// A composite SLO: several SLOs with weights (OpenSLO compositeWeight, default 1). Each component is evaluated
/// under its own method; the composite is the weighted mean of the consumed budget fractions, burn rates and SLIs.
///
/// @example
/// ```ts
/// const c = compositeBudget({
///   components: [
///     { name: "api", weight: 4, slo: { objective: 0.99, window: "1h" },
///       series: { start: "2026-01-01T00:00:00Z", step: 3600, bad: [1], total: [100] } },
///     { name: "web", slo: { objective: 0.9, window: "1h" },
///       series: { start: "2026-01-01T00:00:00Z", step: 3600, bad: [0], total: [100] } },
///   ],
/// });
/// c.consumed; // 0.8
/// c.policyState; // "atRisk"
/// ```
#[wasm_bindgen(js_name = compositeBudget, unchecked_return_type = "CompositeBudget")]
pub fn composite_budget(
    #[wasm_bindgen(unchecked_param_type = "CompositeBudgetInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    if !input.is_object() {
        return super::call(input, composite::composite_budget);
    }
    let comps = get(&input, "components");
    let mut columns = Vec::new();
    let stripped_input = if let Some(arr) = comps.dyn_ref::<Array>() {
        let out = Array::new();
        for (i, c) in arr.iter().enumerate() {
            let p = crate::error::index_path("components", i);
            if c.is_object() {
                let (s, cols) = Columns::take(&get(&c, "series"), &join_path(&p, "series"))?;
                out.push(&with(&c, "series", &s));
                columns.push(Some(cols));
            } else {
                out.push(&c);
                columns.push(None);
            }
        }
        with(&input, "components", &out)
    } else {
        input
    };
    let mut value: composite::CompositeInput = from_js(stripped_input, "")?;
    for (c, cols) in value.components.iter_mut().zip(columns) {
        if let Some(cols) = cols {
            cols.fill(&mut c.series);
        }
    }
    to_js(&composite::composite_budget(&value).map_err(to_js_error)?)
}

/// An SLI history indexed once (validation and prefix sums), for cheap repeated reports, backtests and what-if
/// runs against it: each call is O(windows + tiers × buckets) with no re-parsing of the series.
///
/// @example
/// ```ts
/// const total = new Float64Array(1440).fill(100);
/// const bad = new Float64Array(1440).fill(1); // 1% errors all day
/// const h = new SloHistory({ start: "2026-01-01T00:00:00Z", step: 60, bad, total });
/// h.buckets; // 1440
/// h.errorBudget({ objective: 0.99, window: "1d" }).consumed.fraction; // 1
/// h.errorBudget({ objective: 0.98, window: "1d" }).consumed.fraction; // 0.5
/// h.backtestAlerts({ objective: 0.99, window: "1d" }).tiers.length; // 4
/// h.free();
/// ```
#[wasm_bindgen(js_name = SloHistory)]
pub struct SloHistoryJs {
    inner: report::SloHistory,
}

#[wasm_bindgen(js_class = SloHistory)]
impl SloHistoryJs {
    /// Validate and index a series (throws like {@link errorBudget} does for `series`).
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "SliSeries")] series: JsValue) -> Result<SloHistoryJs, JsValue> {
        let (stripped, cols) = Columns::take(&series, "series")?;
        let mut s: SliSeries = from_js(stripped, "series")?;
        cols.fill(&mut s);
        Ok(SloHistoryJs { inner: report::SloHistory::new(&s, "series").map_err(to_js_error)? })
    }

    /// The number of buckets (gaps in `t` included).
    #[wasm_bindgen(getter)]
    pub fn buckets(&self) -> usize {
        self.inner.history().len()
    }

    /// Missing buckets (null, NaN or gaps).
    #[wasm_bindgen(getter)]
    pub fn missing(&self) -> usize {
        self.inner.history().missing
    }

    /// Zero-traffic buckets.
    #[wasm_bindgen(getter, js_name = zeroTraffic)]
    pub fn zero_traffic(&self) -> usize {
        self.inner.history().zero_traffic
    }

    /// The budget report for `slo` (see {@link errorBudget}). Typed in the `SloHistory` interface below, so that
    /// `options` is optional in TypeScript.
    #[wasm_bindgen(js_name = errorBudget, skip_typescript)]
    pub fn error_budget(&mut self, slo: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
        let slo: Slo = from_js(slo, "slo")?;
        let options: report::ReportOptions = match options {
            Some(o) if !o.is_null() && !o.is_undefined() => from_js(o, "options")?,
            _ => Default::default(),
        };
        to_js(&self.inner.report(&slo, &options).map_err(to_js_error)?)
    }

    /// Backtest alert tiers (see {@link backtestAlerts}). Typed in the `SloHistory` interface below.
    #[wasm_bindgen(js_name = backtestAlerts, skip_typescript)]
    pub fn backtest_alerts(&mut self, slo: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
        let slo: Slo = from_js(slo, "slo")?;
        let options: backtest::BacktestOptions = match options {
            Some(o) if !o.is_null() && !o.is_undefined() => from_js(o, "options")?,
            _ => Default::default(),
        };
        to_js(&backtest::backtest_history(&mut self.inner, &slo, &options).map_err(to_js_error)?)
    }
}
