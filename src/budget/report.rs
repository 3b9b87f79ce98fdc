//! The budget report as of a given time: attained SLI, budget, consumed and remaining (fraction and absolute),
//! burn rates over the standard windows, a burn-down series with the ideal line, time to exhaustion, projection
//! and policy state.
//!
//! Conventions (the Workbook's): the burn rate over a span is its error rate divided by 1 − objective, and burning
//! at rate b for a span w consumes b × w / W of the budget of a window of length W. For occurrences the budget in
//! events is (1 − objective) × the events expected in the whole window: the events seen, scaled from the time the
//! data covers to the window's length (exact when the data covers the window). For the slice methods the budget is
//! (1 − objective) × the slices in the window (a 2-week window of 1-minute slices at 95% allows 1,008 bad slices).

use serde::{Deserialize, Serialize};

use super::duration::{Dur, format_seconds};
use super::series::{History, SliSeries};
use super::slo::{Budgeting, Method, ResolvedSlo, Slo, Window};
use super::units::{Sums, Units};
use super::whatif::{self, WhatIf};
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::time::Timestamp;

/// The standard burn-rate windows: 5m, 30m, 1h, 2h, 6h, 1d, 3d.
pub const STANDARD_WINDOWS: [f64; 7] = [300.0, 1_800.0, 3_600.0, 7_200.0, 21_600.0, 86_400.0, 259_200.0];

/// The most burn-down points a report returns.
pub const MAX_POINTS: u32 = 10_000;

/// One policy rule: the state applies when the remaining budget fraction is above `above`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PolicyRule {
    /// The state's name, such as "healthy" or "releaseFreeze".
    pub state: String,
    /// The rule applies when remaining > above (a fraction; may be negative).
    pub above: f64,
}

/// Caller-set thresholds for the policy state. Rules are tried in order; the first whose `above` the remaining
/// fraction exceeds wins, else `otherwise`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    /// The rules, in order.
    pub rules: Vec<PolicyRule>,
    /// The state when no rule applies. Default "exhausted".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otherwise: Option<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            rules: vec![
                PolicyRule { state: "healthy".into(), above: 0.25 },
                PolicyRule { state: "atRisk".into(), above: 0.0 },
            ],
            otherwise: Some("exhausted".into()),
        }
    }
}

impl Policy {
    fn validate(&self, path: &str) -> Result<()> {
        check::max_len(self.rules.len(), &join_path(path, "rules"))?;
        for (i, r) in self.rules.iter().enumerate() {
            check::finite(r.above, &join_path(&index_path(&join_path(path, "rules"), i), "above"))?;
        }
        Ok(())
    }

    /// The state for a remaining fraction.
    pub fn state_of(&self, remaining: f64) -> String {
        self.rules
            .iter()
            .find(|r| remaining > r.above)
            .map(|r| r.state.clone())
            .unwrap_or_else(|| self.otherwise.clone().unwrap_or_else(|| "exhausted".into()))
    }
}

/// Input of [`error_budget`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct BudgetInput {
    /// The SLO.
    pub slo: Slo,
    /// The SLI history.
    pub series: SliSeries,
    /// Report options.
    #[serde(default)]
    pub options: ReportOptions,
}

/// Options shared by every report call.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReportOptions {
    /// The evaluation time. Default: the end of the last bucket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Timestamp>,
    /// Burn-rate windows. Default the standard 5m, 30m, 1h, 2h, 6h, 1d, 3d.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub burn_windows: Option<Vec<Dur>>,
    /// The window whose burn rate is "current" for time to exhaustion and projection. Default 1h.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_burn_window: Option<Dur>,
    /// Policy thresholds. Default healthy above 25% remaining, atRisk above 0, else exhausted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Policy>,
    /// At most this many burn-down points (2 to 10,000). Default 500.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_points: Option<u32>,
    /// A hypothetical incident, objective or window; the report then carries a `scenario`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what_if: Option<WhatIf>,
}

/// The window evaluated.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WindowInfo {
    /// "rolling" or "calendar".
    pub kind: &'static str,
    /// The window start.
    pub start: Timestamp,
    /// The window end (asOf for rolling windows, the period end for calendar windows).
    pub end: Timestamp,
    /// The window's length in seconds.
    pub seconds: f64,
    /// Seconds from the start to asOf.
    pub elapsed_seconds: f64,
    /// The zone of a calendar window.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<&'static str>,
}

/// The budget's size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BudgetSize {
    /// 1 − objective: the error rate that burns at exactly rate 1.
    pub error_rate: f64,
    /// Occurrences: bad events the window allows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<f64>,
    /// Slice methods: bad slices the window allows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slices: Option<f64>,
    /// The same budget as time of full outage: (1 − objective) × window length.
    pub seconds: f64,
}

/// An amount of budget: a fraction of the whole and in absolute terms.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Amount {
    /// Fraction of the budget (remaining is negative once the budget is overspent).
    pub fraction: f64,
    /// Occurrences: bad events ("N more failed requests" for remaining).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<f64>,
    /// Slice methods: bad slices.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slices: Option<f64>,
    /// Seconds of full outage ("M more minutes of full outage" for remaining; at the window's average traffic for
    /// occurrences).
    pub seconds: f64,
}

/// The burn rate over one window ending at asOf.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BurnRate {
    /// The window as shorthand ("1h").
    pub window: String,
    /// Its length in seconds.
    pub seconds: f64,
    /// Error rate / (1 − objective); 0 when the window has no data.
    pub burn_rate: f64,
    /// The error rate (bad / total events, or bad / evaluated slices).
    pub error_rate: f64,
    /// Whether any event (or evaluated slice) fell in the window.
    pub has_data: bool,
}

/// Counts in the window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    /// "events" or "slices".
    pub unit: &'static str,
    /// Good events or slices (for ratio time slices: the sum of the slices' ratios).
    pub good: f64,
    /// Bad events or slices (for ratio time slices: the sum of 1 − ratio).
    pub bad: f64,
    /// Total events, or evaluated slices.
    pub total: f64,
}

/// How missing and zero-traffic data were treated.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DataQuality {
    /// Units (buckets, or slices) in the window so far.
    pub units: usize,
    /// The unit length in seconds.
    pub unit_seconds: f64,
    /// Units with no data at all (NaN, null or gaps).
    pub missing: usize,
    /// Units with data but zero traffic.
    pub zero_traffic: usize,
    /// Seconds of the window so far that the data covers (missing units excluded).
    pub covered_seconds: f64,
    /// How these were treated, in words.
    pub treatment: String,
}

/// The burn-down chart: columns of equal length, at most `maxPoints` long.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BurnDown {
    /// Times (RFC 3339, UTC).
    pub t: Vec<Timestamp>,
    /// Remaining budget fraction at each time.
    pub remaining: Vec<f64>,
    /// The ideal line: 1 − elapsed / window, what burning at exactly rate 1 would leave.
    pub ideal: Vec<f64>,
}

/// The error-budget report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BudgetReport {
    /// The evaluation time.
    pub as_of: Timestamp,
    /// The objective evaluated.
    pub objective: f64,
    /// The budgeting method.
    pub method: Method,
    /// The window evaluated.
    pub window: WindowInfo,
    /// The attained SLI; null when the window has no data.
    pub sli: Option<f64>,
    /// Counts in the window so far.
    pub counts: Counts,
    /// The budget's size.
    pub budget: BudgetSize,
    /// Budget consumed so far.
    pub consumed: Amount,
    /// Budget remaining (remaining.fraction + consumed.fraction = 1).
    pub remaining: Amount,
    /// Burn rates over the requested windows, ending at asOf.
    pub burn_rates: Vec<BurnRate>,
    /// The burn rate over the window so far.
    pub window_burn_rate: f64,
    /// The burn rate over `currentBurnWindow`.
    pub current_burn_rate: BurnRate,
    /// Seconds until the budget is gone at the current burn rate: 0 when already gone, null when not burning.
    pub time_to_exhaustion: Option<f64>,
    /// When that happens; null when not burning or beyond 2200.
    pub exhaustion_at: Option<Timestamp>,
    /// Calendar windows: the remaining fraction at the window's end if the current burn rate holds. Null for
    /// rolling windows, which never end.
    pub projected_remaining: Option<f64>,
    /// The policy state.
    pub policy_state: String,
    /// The burn-down series, with the ideal line.
    pub burn_down: BurnDown,
    /// Data treatment and counts.
    pub data: DataQuality,
    /// The what-if scenario, when `whatIf` was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario: Option<Box<BudgetReport>>,
}

/// The error-budget report for one SLO over one series.
pub fn error_budget(input: &BudgetInput) -> Result<BudgetReport> {
    let mut h = SloHistory::new(&input.series, "series")?;
    h.report(&input.slo, &input.options)
}

/// A validated history with cached prefix sums, for cheap repeated reports and what-if runs.
#[derive(Debug, Clone)]
pub struct SloHistory {
    history: History,
    cache: Option<(Budgeting, super::slo::NoData, Units)>,
}

impl SloHistory {
    /// Validate and index a series. Errors carry `path` (`series`).
    pub fn new(series: &SliSeries, path: &str) -> Result<SloHistory> {
        Ok(SloHistory { history: History::from_series(series, path)?, cache: None })
    }

    /// From a validated history.
    pub fn from_history(history: History) -> SloHistory {
        SloHistory { history, cache: None }
    }

    /// The validated history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The prefix sums for an SLO's method (built once per method and slice length).
    pub fn units(&mut self, slo: &ResolvedSlo, slo_path: &str) -> Result<&Units> {
        let fresh = !matches!(&self.cache, Some((b, n, _)) if *b == slo.budgeting && *n == slo.no_data);
        if fresh {
            let u = Units::build(&self.history, slo.budgeting, slo.no_data, &join_path(slo_path, "timeSliceWindow"))?;
            self.cache = Some((slo.budgeting, slo.no_data, u));
        }
        match &self.cache {
            Some((_, _, u)) => Ok(u),
            None => Err(Error::new(ErrorCode::Infeasible, "", "internal: no units")),
        }
    }

    /// The report for `slo` with `options` (paths: `slo`, `options`).
    pub fn report(&mut self, slo: &Slo, options: &ReportOptions) -> Result<BudgetReport> {
        let resolved = slo.resolve("slo")?;
        let as_of = match options.as_of {
            Some(t) => t,
            None => self.history.end()?,
        };
        let opts = Opts::check(options, "options")?;
        let mut report = compute(self.units(&resolved, "slo")?, &resolved, as_of, &opts, 0.0)?;
        if let Some(w) = &options.what_if {
            let wp = "options.whatIf";
            let mut scenario_slo = slo.clone();
            if let Some(o) = w.objective {
                scenario_slo.objective = o;
            }
            if let Some(win) = &w.window {
                scenario_slo.window = win.clone();
            }
            let sres = scenario_slo.resolve(wp)?;
            let applied = whatif::apply(&self.history, &w.incidents, as_of, &join_path(wp, "incidents"))?;
            let extra = applied.future_consumption(&sres, sres.window.at(as_of)?.secs());
            let scenario = match applied.history {
                Some(hist) => {
                    let u = Units::build(&hist, sres.budgeting, sres.no_data, &join_path(wp, "timeSliceWindow"))?;
                    compute(&u, &sres, as_of, &opts, extra)?
                }
                None => compute(self.units(&sres, wp)?, &sres, as_of, &opts, extra)?,
            };
            report.scenario = Some(Box::new(scenario));
        }
        Ok(report)
    }
}

/// Checked options.
pub(crate) struct Opts {
    windows: Vec<f64>,
    current: f64,
    policy: Policy,
    max_points: usize,
}

impl Opts {
    pub(crate) fn check(o: &ReportOptions, path: &str) -> Result<Opts> {
        let windows = match &o.burn_windows {
            Some(ws) => {
                let wp = join_path(path, "burnWindows");
                check::max_len(ws.len(), &wp)?;
                ws.iter().enumerate().map(|(i, d)| d.positive(&index_path(&wp, i))).collect::<Result<Vec<_>>>()?
            }
            None => STANDARD_WINDOWS.to_vec(),
        };
        let current = match o.current_burn_window {
            Some(d) => d.positive(&join_path(path, "currentBurnWindow"))?,
            None => 3_600.0,
        };
        let policy = o.policy.clone().unwrap_or_default();
        policy.validate(&join_path(path, "policy"))?;
        let max_points = o.max_points.unwrap_or(500);
        if !(2..=MAX_POINTS).contains(&max_points) {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                join_path(path, "maxPoints"),
                format!("maxPoints must be from 2 to {MAX_POINTS}, got {max_points}"),
            ));
        }
        Ok(Opts { windows, current, policy, max_points: max_points as usize })
    }
}

/// The burn rate over the `secs` seconds before `as_ms` (at least one unit).
pub(crate) fn burn_over(u: &Units, slo: &ResolvedSlo, as_ms: i64, secs: f64) -> BurnRate {
    let span_ms = ((secs * 1000.0).round() as i64).max(u.unit_ms);
    let (lo, hi) = u.range(as_ms.saturating_sub(span_ms), as_ms);
    let s = u.sums(lo, hi);
    let error_rate = s.error_rate();
    BurnRate {
        window: format_seconds(secs),
        seconds: secs,
        burn_rate: error_rate / slo.budget_rate(),
        error_rate,
        has_data: s.den > 0.0,
    }
}

fn compute(u: &Units, slo: &ResolvedSlo, as_of: Timestamp, opts: &Opts, extra: f64) -> Result<BudgetReport> {
    let win = slo.window.at(as_of)?;
    let w_secs = win.secs();
    let as_ms = as_of.millis();
    let (lo, hi) = u.range(win.start.millis(), as_ms);
    let s: Sums = u.sums(lo, hi);
    let unit_secs = u.unit_secs();
    let covered = s.units.saturating_sub(s.missing) as f64 * unit_secs;
    let budget_rate = slo.budget_rate();
    let occurrences = matches!(slo.budgeting, Budgeting::Occurrences);
    // The budget in units: events expected in the whole window, or slices in the window.
    let budget_units = if occurrences {
        if covered > 0.0 { budget_rate * s.den * w_secs / covered } else { 0.0 }
    } else {
        budget_rate * w_secs / unit_secs
    };
    let consumed = if budget_units > 0.0 { s.bad / budget_units } else { 0.0 } + extra;
    let remaining = 1.0 - consumed;
    let budget_seconds = budget_rate * w_secs;
    let amount = |fraction: f64, absolute: f64| Amount {
        fraction,
        events: occurrences.then_some(absolute),
        slices: (!occurrences).then_some(absolute),
        seconds: fraction * budget_seconds,
    };
    let sli = (s.den > 0.0).then(|| 1.0 - s.bad / s.den);
    let burn_rates = opts.windows.iter().map(|&w| burn_over(u, slo, as_ms, w)).collect();
    let current = burn_over(u, slo, as_ms, opts.current);
    let window_burn_rate = s.error_rate() / budget_rate;
    let time_to_exhaustion = if remaining <= 0.0 {
        Some(0.0)
    } else if current.burn_rate > 0.0 {
        Some(remaining * w_secs / current.burn_rate)
    } else {
        None
    };
    let exhaustion_at = time_to_exhaustion.and_then(|t| as_of.plus_secs(t, "").ok());
    let elapsed = win.start.secs_until(as_of).min(w_secs);
    let projected_remaining = match slo.window {
        Window::Rolling { .. } => None,
        Window::Calendar { .. } => Some(remaining - current.burn_rate * (w_secs - elapsed).max(0.0) / w_secs),
    };
    // Burn-down points at unit boundaries from the window start to asOf.
    let span = hi.saturating_sub(lo);
    let stride = span.div_ceil(opts.max_points.saturating_sub(1).max(1)).max(1);
    let mut bd = BurnDown { t: Vec::new(), remaining: Vec::new(), ideal: Vec::new() };
    let base = u.bad_before(lo);
    let mut i = lo;
    loop {
        let t_ms = u.time_of(i);
        let used = if budget_units > 0.0 { (u.bad_before(i) - base) / budget_units } else { 0.0 };
        bd.t.push(Timestamp::from_millis(t_ms, "")?);
        bd.remaining.push(1.0 - used);
        bd.ideal.push(1.0 - ((t_ms - win.start.millis()) as f64 / 1000.0) / w_secs);
        if i >= hi {
            break;
        }
        i = (i + stride).min(hi);
    }
    if extra != 0.0
        && let Some(last) = bd.remaining.last_mut()
    {
        *last -= extra;
    }
    let treatment = if occurrences {
        "missing buckets (and buckets in excluded maintenance windows) carry no events and no time; zero-traffic \
         buckets carry time but no events; the budget in events is scaled from the covered time to the whole window"
            .to_string()
    } else {
        let nd = match slo.no_data {
            super::slo::NoData::Skip => "left out (neither good nor bad)",
            super::slo::NoData::Good => "counted as good",
            super::slo::NoData::Bad => "counted as bad",
        };
        format!("slices with no data (all buckets missing, or zero traffic) are {nd}")
    };
    let (good_count, total_count) = (s.den - s.bad, s.den);
    Ok(BudgetReport {
        as_of,
        objective: slo.objective,
        method: match slo.budgeting {
            Budgeting::Occurrences => Method::Occurrences,
            Budgeting::Timeslices { .. } => Method::Timeslices,
            Budgeting::RatioTimeslices { .. } => Method::RatioTimeslices,
        },
        window: WindowInfo {
            kind: if slo.window.is_rolling() { "rolling" } else { "calendar" },
            start: win.start,
            end: if slo.window.is_rolling() { as_of } else { win.end },
            seconds: w_secs,
            elapsed_seconds: elapsed,
            time_zone: match slo.window {
                Window::Calendar { zone, .. } => Some(zone.name()),
                Window::Rolling { .. } => None,
            },
        },
        sli,
        counts: Counts {
            unit: if occurrences { "events" } else { "slices" },
            good: good_count,
            bad: s.bad,
            total: total_count,
        },
        budget: BudgetSize {
            error_rate: budget_rate,
            events: occurrences.then_some(budget_units),
            slices: (!occurrences).then_some(budget_units),
            seconds: budget_seconds,
        },
        consumed: amount(consumed, consumed * budget_units),
        remaining: amount(remaining, remaining * budget_units),
        burn_rates,
        window_burn_rate,
        current_burn_rate: current,
        time_to_exhaustion,
        exhaustion_at,
        projected_remaining,
        policy_state: opts.policy.state_of(remaining),
        burn_down: bd,
        data: DataQuality {
            units: s.units,
            unit_seconds: unit_secs,
            missing: s.missing,
            zero_traffic: s.zero,
            covered_seconds: covered,
            treatment,
        },
        scenario: None,
    })
}
