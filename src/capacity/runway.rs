//! Runway: when does the forecast reach capacity, how sure are we, and what changes under a scenario.
//!
//! The threshold is `(capacity(t) − reserve) × utilisationTarget`, where `capacity(t)` is the capacity plus every
//! capacity change dated at or before t, and the reserve is 0 (plain) or the largest unit (N+1). Crossing means
//! reaching or passing the threshold (at or above it for `direction: "above"`, at or below for `"below"`). The
//! mean crossing is the expected date; the upper bound crosses first (the earliest plausible date) and the lower
//! bound last (the latest plausible date) — the other way round for `"below"`.
//!
//! Scenarios reuse the fitted model: a growth multiplier scales the trend part of the forecast (in the modelled
//! scale, so on a log model 1.5× means 1.5× the growth *rate*), a step change multiplies (or adds to) the forecast
//! and its bounds from its date on, and capacity changes move the threshold. Nothing is refitted, so each scenario
//! costs one pass over the horizon.

use serde::{Deserialize, Serialize};

use super::forecast::{CapacityModel, ForecastInput, ModelReport, TransformChoice, levels};
use super::series::SeriesInput;
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::time::Timestamp;

/// Which way the resource runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    /// Usage grows toward a ceiling (CPU, requests, storage used).
    #[default]
    Above,
    /// A quantity falls toward a floor (free disk, remaining quota).
    Below,
}

/// A change in the forecast from a date on, such as a launch adding 30%.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct StepChange {
    /// When it takes effect.
    pub at: Timestamp,
    /// Multiply the forecast by this (1.3 for +30%). Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
    /// Add this to the forecast (in the series' units). Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add: Option<f64>,
}

/// Capacity added (positive) or removed (negative) from a date on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CapacityChange {
    /// When it takes effect.
    pub at: Timestamp,
    /// The change in capacity, in the series' units.
    pub delta: f64,
}

/// A what-if scenario.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    /// A label to recognise it by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Multiply the fitted trend by this (1.5 = 50% faster growth). Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth: Option<f64>,
    /// Step changes in the forecast, applied in date order (at most 10,000).
    #[serde(default)]
    pub steps: Vec<StepChange>,
    /// Capacity changes (at most 10,000).
    #[serde(default)]
    pub capacity_changes: Vec<CapacityChange>,
}

/// The capacity question, asked of a fitted model.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct RunwayQuery {
    /// The capacity, in the series' units.
    pub capacity: f64,
    /// Alert at this fraction of capacity (0.8 = "at 80%"). Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utilisation_target: Option<f64>,
    /// The largest single unit of capacity, for N+1 headroom (capacity minus the largest unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub largest_unit: Option<f64>,
    /// The interval level whose bounds give the earliest and latest dates. Default: the highest fitted level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<f64>,
    /// `above` (default) or `below`.
    #[serde(default)]
    pub direction: Direction,
    /// What-if scenarios, each answered with its own runway.
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
}

/// A forecast and a capacity question in one input, for the one-shot [`runway`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct RunwayInput {
    /// The history.
    pub series: SeriesInput,
    /// How far ahead to look, in steps.
    pub horizon: f64,
    /// The model code (default `ZZZ`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Seasonal periods (absent = detect).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seasonal_periods: Option<Vec<f64>>,
    /// The transform.
    #[serde(default)]
    pub transform: TransformChoice,
    /// The capacity, in the series' units.
    pub capacity: f64,
    /// Alert at this fraction of capacity. Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utilisation_target: Option<f64>,
    /// The largest single unit, for N+1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub largest_unit: Option<f64>,
    /// The interval level for the earliest and latest dates. Default 0.95.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<f64>,
    /// `above` (default) or `below`.
    #[serde(default)]
    pub direction: Direction,
    /// What-if scenarios.
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
}

/// When a path first reaches the threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Crossing {
    /// The time of the first forecast step at or past the threshold.
    pub at: Timestamp,
    /// Steps after the last observation (1 = the first forecast step).
    pub steps: usize,
    /// Seconds after the last observation.
    pub seconds: f64,
    /// The path's value there.
    pub value: f64,
    /// The threshold there.
    pub threshold: f64,
}

/// The runway against one threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Runway {
    /// The threshold now: (capacity − reserve) × utilisation target.
    pub threshold: f64,
    /// Threshold minus the last observed value (for `below`: the value minus the threshold). Negative when
    /// already past it.
    pub headroom: f64,
    /// Headroom as a fraction of the threshold.
    pub headroom_fraction: f64,
    /// When the forecast mean crosses; absent when it does not within the horizon.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean: Option<Crossing>,
    /// The earliest plausible crossing (the upper bound for `above`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest: Option<Crossing>,
    /// The latest plausible crossing (the lower bound for `above`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest: Option<Crossing>,
}

/// The runway of one scenario (or of the baseline).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioRunway {
    /// The scenario's name (`baseline` for no scenario).
    pub name: String,
    /// Against the full capacity.
    pub runway: Runway,
    /// Against capacity minus the largest unit, when `largestUnit` was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n_plus_one: Option<Runway>,
}

/// The runway report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunwayReport {
    /// The last observed value.
    pub current: f64,
    /// The time of the last observation.
    pub as_of: Timestamp,
    /// The interval level used for the earliest and latest dates.
    pub level: f64,
    /// The horizon searched, in steps.
    pub horizon: usize,
    /// The time of the last forecast step: crossings later than this are not found.
    pub horizon_end: Timestamp,
    /// The baseline (no scenario).
    pub baseline: ScenarioRunway,
    /// One per scenario, in order.
    pub scenarios: Vec<ScenarioRunway>,
    /// The model used.
    pub model: ModelReport,
}

struct Checked {
    growth: f64,
    steps: Vec<(f64, f64, f64)>,
    caps: Vec<(f64, f64)>,
}

/// The most scenarios per query, and the most steps or capacity changes per scenario.
pub const MAX_SCENARIOS: usize = 1_000;
/// The most steps or capacity changes in one scenario.
pub const MAX_CHANGES: usize = 10_000;

fn check_scenario(s: &Scenario, path: &str) -> Result<Checked> {
    let growth = match s.growth {
        Some(g) => check::non_negative(g, &join_path(path, "growth"))?,
        None => 1.0,
    };
    if s.steps.len() > MAX_CHANGES {
        return Err(Error::new(ErrorCode::TooLarge, join_path(path, "steps"), format!("at most {MAX_CHANGES} steps")));
    }
    if s.capacity_changes.len() > MAX_CHANGES {
        return Err(Error::new(
            ErrorCode::TooLarge,
            join_path(path, "capacityChanges"),
            format!("at most {MAX_CHANGES} capacity changes"),
        ));
    }
    let mut steps = Vec::with_capacity(s.steps.len());
    for (i, st) in s.steps.iter().enumerate() {
        let p = index_path(&join_path(path, "steps"), i);
        let factor = match st.factor {
            Some(f) => check::non_negative(f, &join_path(&p, "factor"))?,
            None => 1.0,
        };
        let add = match st.add {
            Some(a) => check::finite(a, &join_path(&p, "add"))?,
            None => 0.0,
        };
        steps.push((st.at.millis() as f64, factor, add));
    }
    let mut caps = Vec::with_capacity(s.capacity_changes.len());
    for (i, c) in s.capacity_changes.iter().enumerate() {
        let p = index_path(&join_path(path, "capacityChanges"), i);
        caps.push((c.at.millis() as f64, check::finite(c.delta, &join_path(&p, "delta"))?));
    }
    // Chronological order (stable, so same-date changes keep the order given).
    crate::sort::sort_by(&mut steps, |a, b| a.0.total_cmp(&b.0));
    crate::sort::sort_by(&mut caps, |a, b| a.0.total_cmp(&b.0));
    Ok(Checked { growth, steps, caps })
}

impl CapacityModel {
    /// Answer a runway query (baseline plus each scenario) without refitting.
    pub fn runway(&self, q: &RunwayQuery) -> Result<RunwayReport> {
        let capacity = check::finite(q.capacity, "capacity")?;
        let util = match q.utilisation_target {
            Some(u) => {
                let u = check::finite(u, "utilisationTarget")?;
                if u <= 0.0 || u > 1.0 {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        "utilisationTarget",
                        format!(
                            "a utilisation target is a fraction above 0 and at most 1 (0.8 for 80%), got {}",
                            crate::num::Num(u)
                        ),
                    ));
                }
                u
            }
            None => 1.0,
        };
        let reserve = match q.largest_unit {
            Some(u) => Some(check::non_negative(u, "largestUnit")?),
            None => None,
        };
        let k = match q.level {
            Some(l) => {
                let l = levels(Some(&vec![l]), "level")?.first().copied().unwrap_or(0.95);
                self.levels.iter().position(|&x| (x - l).abs() < 1e-9).ok_or_else(|| {
                    Error::new(
                        ErrorCode::OutOfRange,
                        "level",
                        format!(
                            "level {} was not among the fitted levels {}",
                            crate::num::Num(l),
                            crate::num::fmt_f64_list_debug(&self.levels)
                        ),
                    )
                })?
            }
            None => self.levels.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).map(|(i, _)| i).unwrap_or(0),
        };
        let level = self.levels.get(k).copied().unwrap_or(0.95);
        if q.scenarios.len() > MAX_SCENARIOS {
            return Err(Error::new(ErrorCode::TooLarge, "scenarios", format!("at most {MAX_SCENARIOS} scenarios")));
        }
        let n = self.series.values.len();
        let current = self.series.values.last().copied().unwrap_or(0.0);
        let as_of = Timestamp::from_millis_f64(self.series.time_ms((n - 1) as f64), "series")?;
        let horizon_end = Timestamp::from_millis_f64(self.series.time_ms((n - 1 + self.horizon) as f64), "horizon")?;
        let ctx = Ctx { model: self, k, capacity, util, reserve, direction: q.direction, current };
        let base = Checked { growth: 1.0, steps: Vec::new(), caps: Vec::new() };
        let baseline = ctx.run("baseline".to_string(), &base)?;
        let mut scenarios = Vec::with_capacity(q.scenarios.len());
        for (i, s) in q.scenarios.iter().enumerate() {
            let path = index_path("scenarios", i);
            let c = check_scenario(s, &path)?;
            let name = s.name.clone().unwrap_or_else(|| format!("scenario {}", i + 1));
            scenarios.push(ctx.run(name, &c)?);
        }
        Ok(RunwayReport {
            current,
            as_of,
            level,
            horizon: self.horizon,
            horizon_end,
            baseline,
            scenarios,
            model: self.report(),
        })
    }
}

struct Ctx<'a> {
    model: &'a CapacityModel,
    k: usize,
    capacity: f64,
    util: f64,
    reserve: Option<f64>,
    direction: Direction,
    current: f64,
}

impl Ctx<'_> {
    fn run(&self, name: String, c: &Checked) -> Result<ScenarioRunway> {
        let runway = self.one(c, 0.0)?;
        let n_plus_one = match self.reserve {
            Some(r) => Some(self.one(c, r)?),
            None => None,
        };
        Ok(ScenarioRunway { name, runway, n_plus_one })
    }

    fn one(&self, c: &Checked, reserve: f64) -> Result<Runway> {
        let m = self.model;
        let n = m.series.values.len();
        let last_ms = m.series.time_ms((n - 1) as f64);
        let threshold_now = (self.capacity - reserve) * self.util;
        let above = self.direction == Direction::Above;
        let headroom = if above { threshold_now - self.current } else { self.current - threshold_now };
        let crosses = |v: f64, thr: f64| if above { v >= thr } else { v <= thr };
        let (mut mean, mut hi, mut lo): (Option<Crossing>, Option<Crossing>, Option<Crossing>) = (None, None, None);
        // Changes in force so far: the forecast maps y → y·factor + add, and capacity has moved by `moved`.
        let (mut factor, mut add, mut moved) = (1.0, 0.0, 0.0);
        let (mut next_step, mut next_cap) = (0usize, 0usize);
        for i in 0..m.horizon {
            let t_ms = m.series.time_ms((n + i) as f64);
            while let Some(&(at, f, a)) = c.steps.get(next_step)
                && at <= t_ms
            {
                factor *= f;
                add = add * f + a;
                next_step += 1;
            }
            while let Some(&(at, d)) = c.caps.get(next_cap)
                && at <= t_ms
            {
                moved += d;
                next_cap += 1;
            }
            let (ym, yl, yh) = m.projection.at(i, self.k, c.growth);
            let (ym, yl, yh) = (ym * factor + add, yl * factor + add, yh * factor + add);
            let cap = self.capacity + moved;
            let thr = (cap - reserve) * self.util;
            let mk = |v: f64| -> Result<Crossing> {
                Ok(Crossing {
                    at: Timestamp::from_millis_f64(t_ms, "horizon")?,
                    steps: i + 1,
                    seconds: (t_ms - last_ms) / 1000.0,
                    value: v,
                    threshold: thr,
                })
            };
            if mean.is_none() && crosses(ym, thr) {
                mean = Some(mk(ym)?);
            }
            if hi.is_none() && crosses(yh, thr) {
                hi = Some(mk(yh)?);
            }
            if lo.is_none() && crosses(yl, thr) {
                lo = Some(mk(yl)?);
            }
            if mean.is_some() && hi.is_some() && lo.is_some() {
                break;
            }
        }
        let (earliest, latest) = if above { (hi, lo) } else { (lo, hi) };
        let headroom_fraction = if threshold_now != 0.0 { headroom / threshold_now.abs() } else { 0.0 };
        Ok(Runway { threshold: threshold_now, headroom, headroom_fraction, mean, earliest, latest })
    }
}

/// Fit and answer the runway question in one call.
pub fn runway(input: &RunwayInput) -> Result<RunwayReport> {
    let level = input.level.unwrap_or(0.95);
    let levels = vec![level];
    let f = ForecastInput {
        series: input.series.clone(),
        horizon: input.horizon,
        levels: Some(levels),
        model: input.model.clone(),
        seasonal_periods: input.seasonal_periods.clone(),
        transform: input.transform,
        box_cox_lambda: None,
    };
    // Validate the query before the (costlier) fit, so a NaN threshold fails fast.
    check::finite(input.capacity, "capacity")?;
    let model = CapacityModel::fit(&f).map_err(|e| if e.path == "levels[0]" { e.at("level") } else { e })?;
    model.runway(&RunwayQuery {
        capacity: input.capacity,
        utilisation_target: input.utilisation_target,
        largest_unit: input.largest_unit,
        level: None,
        direction: input.direction,
        scenarios: input.scenarios.clone(),
    })
}
