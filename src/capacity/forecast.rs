//! The forecasting entry point: validate a [`ForecastInput`], choose the seasonal periods and transform, fit and
//! select the model, and report the forecast with intervals, the chosen model and fit diagnostics.
//!
//! Choices, documented:
//! - **Seasonal periods**: `seasonalPeriods` when given (an empty list means none); otherwise detected with
//!   [`series::detect_periods`] among the calendar cycles of the step (24 and 168 for hourly data, 48 and 336
//!   for half-hourly, 7 for daily, 12 for monthly, 4 for quarterly).
//! - **Route**: one period up to 24 is modelled inside ETS (seasonal states from a classical decomposition,
//!   smoothing parameters by maximum likelihood). Several periods, or one longer than 24, go through an
//!   MSTL-style decomposition, ETS without a season on the seasonally adjusted series, and the seasonal-naive
//!   forecast of each component added back.
//! - **Transform**: `"auto"` (the default) fits the model family both on the data and on its Box–Cox transform
//!   (when every value is positive), with λ from Guerrero's method over [0, 1] ([`auto_lambda`]; λ = 0 is the
//!   logarithm), and keeps whichever has the lower AICc on the original scale: the transformed fit's likelihood
//!   is corrected by the Jacobian of the transform, so the two are comparable. Under a transform only
//!   additive-error, additive-season models are used. `"none"`, `"log"` or an explicit `boxCoxLambda` force it.
//! - **Selection and combination**: every valid model of the `model` code (default `ZZZ`: error A/M, trend
//!   N/A/Ad, season N/A/M, without the unstable additive-error/multiplicative-season forms, and without
//!   multiplicative forms when the data is not strictly positive) is screened, and the best four (over every
//!   scale compared) are refined. Of the eight best models, those on the winner's scale are combined with equal
//!   weights, leaving out any whose Akaike weight `exp(−ΔAICc/2)` is under 1% of the best's (ΔAICc above about
//!   9.2). Akaike weights (Kolassa 2011, IJF 27(2), who found them and equal weights about as good as each other)
//!   give most of the weight to one model once the AICc gap passes about 4 (88% to 12% at 4); with the trend's β
//!   bounded ([`super::ets::BETA_MAX`]), equal weights scored better on the M3 competition's 2,184 monthly and
//!   quarterly series (`scripts/accuracy/README.md` has the numbers for the two together). The intervals are
//!   quantiles of the weighted mixture of the members' forecast distributions, so disagreement between the models
//!   widens them (and never narrower than at the step before: see `nest_bands` in model.rs). The report names the
//!   best model, lists every candidate with its weight, and gives the best model's parameters.

use serde::{Deserialize, Serialize};

use super::ets::{ErrorKind, SeasonKind, TrendKind};
use super::model::{self, Allowed, Candidate, Fitted, Projection};
use super::series::{self, Series, SeriesInput};
use super::transform::Transform;
use crate::error::{Error, ErrorCode, Result, check, index_path};
use crate::time::Timestamp;

/// The most observations a forecast fits (after missing values are filled): fitting is linear in the length but
/// repeated for every candidate model, so longer series should be aggregated first.
pub const MAX_OBSERVATIONS: usize = 100_000;

/// The longest forecast horizon, in steps.
pub const MAX_HORIZON: usize = 200_000;

/// How to transform the data before fitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum TransformChoice {
    /// Compare no transform with a Box–Cox transform (λ by Guerrero's method, from log to none) by AICc on the
    /// original scale (positive data only).
    #[default]
    Auto,
    /// No transform.
    None,
    /// The natural logarithm (every value must be positive).
    Log,
}

/// What to forecast and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ForecastInput {
    /// The history.
    pub series: SeriesInput,
    /// How many steps to forecast: a whole number ≥ 1.
    pub horizon: f64,
    /// Interval levels as fractions, such as `[0.8, 0.95]` (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels: Option<Vec<f64>>,
    /// An ETS code (`ZZZ`, the default; `ZZN`, `AAdN`, `MAM`, …), `linearTrend` or `seasonalNaive`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Seasonal periods in steps (`[24, 168]` for hourly data); absent = detect, `[]` = none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seasonal_periods: Option<Vec<f64>>,
    /// The transform; `auto` by default.
    #[serde(default)]
    pub transform: TransformChoice,
    /// An explicit Box–Cox λ (0 = log), overriding `transform`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub box_cox_lambda: Option<f64>,
}

/// The chosen model.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelReport {
    /// `ets`, `decomposition`, `linearTrend` or `seasonalNaive`.
    pub method: String,
    /// Such as `ETS(M,Ad,M)`, `log ETS(A,A,A)`, `MSTL(48,336) + ETS(A,Ad,N)`, or for a combination the best
    /// model followed by `+ k more (equal weights)`.
    pub name: String,
    /// The ETS error form, when ETS is used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorKind>,
    /// The ETS trend form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<TrendKind>,
    /// The ETS season form (N on the decomposition route, whose seasons come from the decomposition).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub season: Option<SeasonKind>,
    /// Seasonal periods used, in steps.
    pub seasonal_periods: Vec<usize>,
    /// The transform applied before fitting.
    pub transform: Transform,
    /// α, β, γ, φ and initial states, for ETS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameters: Option<super::ets::Params>,
    /// AICc on the original scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aicc: Option<f64>,
    /// AIC of the ETS fit on the modelled scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aic: Option<f64>,
    /// Log-likelihood of the ETS fit on the modelled scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_lik: Option<f64>,
    /// Every model compared, best first.
    pub candidates: Vec<Candidate>,
}

/// How well the model fits the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostics {
    /// Observations used.
    pub n: usize,
    /// Interior missing values filled by linear interpolation.
    pub interpolated: usize,
    /// Leading and trailing missing values dropped.
    pub trimmed: usize,
    /// The standard deviation of the one-step residuals on the original scale.
    pub residual_sd: f64,
    /// In-sample MASE: mean |y − ŷ| of the one-step fit ÷ mean |y_t − y_{t−m}| (m = the shortest seasonal
    /// period, or 1). Absent when the denominator is 0 (a constant series).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mase: Option<f64>,
}

/// A prediction interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Band {
    /// The level, such as 0.95.
    pub level: f64,
    /// Lower bounds per step.
    pub lower: Vec<f64>,
    /// Upper bounds per step.
    pub upper: Vec<f64>,
}

/// The forecast.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Forecast {
    /// The time of the first forecast step.
    pub start: Timestamp,
    /// Seconds between steps.
    pub step: f64,
    /// The point forecast per step (the median on the original scale when a transform is used).
    pub mean: Vec<f64>,
    /// One interval per requested level.
    pub intervals: Vec<Band>,
    /// The chosen model.
    pub model: ModelReport,
    /// Fit diagnostics.
    pub diagnostics: Diagnostics,
}

/// A fitted, projected model: fit once, then forecast and run scenarios cheaply.
#[derive(Debug, Clone)]
pub struct CapacityModel {
    /// The regularised history.
    pub series: Series,
    /// The fitted model.
    pub fitted: Fitted,
    /// The projection over the horizon.
    pub projection: Projection,
    /// The horizon, in steps.
    pub horizon: usize,
    /// The interval levels.
    pub levels: Vec<f64>,
}

fn whole(v: f64, path: &str, min: f64, max: f64, what: &str) -> Result<usize> {
    let v = check::finite(v, path)?;
    if v < min || v > max || v.fract() != 0.0 {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            path,
            format!(
                "{what} must be a whole number from {} to {}, got {}",
                crate::num::Num(min),
                crate::num::Num(max),
                crate::num::Num(v)
            ),
        ));
    }
    Ok(v as usize)
}

/// Validate the levels: fractions strictly between 0 and 1, at most 10.
pub fn levels(levels: Option<&Vec<f64>>, path: &str) -> Result<Vec<f64>> {
    let Some(ls) = levels else { return Ok(vec![0.8, 0.95]) };
    if ls.len() > 10 {
        return Err(Error::new(ErrorCode::TooLarge, path, "at most 10 interval levels"));
    }
    for (i, &l) in ls.iter().enumerate() {
        let p = index_path(path, i);
        let l = check::finite(l, &p)?;
        if l <= 0.0 || l >= 1.0 {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                p,
                format!(
                    "an interval level is a fraction strictly between 0 and 1 (0.95, not 95), got {}",
                    crate::num::Num(l)
                ),
            ));
        }
    }
    Ok(ls.clone())
}

impl CapacityModel {
    /// Fit the model described by `input`.
    pub fn fit(input: &ForecastInput) -> Result<CapacityModel> {
        let horizon = whole(input.horizon, "horizon", 1.0, MAX_HORIZON as f64, "the horizon (in steps)")?;
        let levels = levels(input.levels.as_ref(), "levels")?;
        let series = series::prepare(&input.series, "series")?;
        let y = &series.values;
        if y.len() > MAX_OBSERVATIONS {
            return Err(Error::new(
                ErrorCode::TooLarge,
                "series.values",
                format!(
                    "{} observations is more than the {MAX_OBSERVATIONS} a forecast fits in reasonable time; \
                     aggregate to a coarser step (per-minute data to hourly, say), which also suits capacity \
                     planning horizons better",
                    y.len()
                ),
            ));
        }
        if y.len() < 4 {
            return Err(Error::new(
                ErrorCode::InsufficientData,
                "series.values",
                format!("{} observed values; forecasting needs at least 4", y.len()),
            ));
        }
        let periods = match &input.seasonal_periods {
            Some(ps) => {
                check::max_len(ps.len(), "seasonalPeriods")?;
                let mut out = Vec::with_capacity(ps.len());
                for (i, &p) in ps.iter().enumerate() {
                    let path = index_path("seasonalPeriods", i);
                    let m = whole(p, &path, 2.0, 100_000.0, "a seasonal period (in steps)")?;
                    if y.len() < 2 * m {
                        return Err(Error::new(
                            ErrorCode::InsufficientData,
                            path,
                            format!(
                                "a season of {m} steps needs at least two full seasons ({} values); the series \
                                 has {}",
                                2 * m,
                                y.len()
                            ),
                        ));
                    }
                    out.push(m);
                }
                crate::sort::sort(&mut out);
                out.dedup();
                out
            }
            None => series::detect_periods(y, series.step),
        };
        let positive = y.iter().all(|&v| v > 0.0);
        let first_bad = || y.iter().position(|&v| v <= 0.0).unwrap_or(0);
        let forced = match (input.box_cox_lambda, input.transform) {
            (Some(l), _) => {
                let l = check::finite(l, "boxCoxLambda")?;
                if !(-1.0..=2.0).contains(&l) {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        "boxCoxLambda",
                        format!("λ must be from −1 to 2, got {}", crate::num::Num(l)),
                    ));
                }
                Some(Transform::BoxCox { lambda: l })
            }
            (None, TransformChoice::Log) => Some(Transform::BoxCox { lambda: 0.0 }),
            (None, TransformChoice::None) => Some(Transform::None),
            (None, TransformChoice::Auto) => None,
        };
        if let Some(Transform::BoxCox { .. }) = forced
            && !positive
        {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                index_path("series.values", first_bad()),
                "a log or Box-Cox transform needs every value to be positive",
            ));
        }
        let transforms: Vec<Transform> = match forced {
            Some(t) => vec![t],
            None if positive => {
                let lambda = auto_lambda(y, periods.first().copied().unwrap_or(1));
                if lambda >= 1.0 { vec![Transform::None] } else { vec![Transform::None, Transform::BoxCox { lambda }] }
            }
            None => vec![Transform::None],
        };
        let code = input.model.as_deref().unwrap_or("ZZZ");
        let fitted = match code {
            "linearTrend" => model::fit_line(y, transforms.first().copied().unwrap_or(Transform::None), &periods),
            "seasonalNaive" => model::fit_naive(
                y,
                transforms.first().copied().unwrap_or(Transform::None),
                periods.first().copied().unwrap_or(1),
                &periods,
            ),
            _ => {
                let allowed = Allowed::parse(code).ok_or_else(|| {
                    Error::new(
                        ErrorCode::UnknownVariant,
                        "model",
                        format!(
                            "\"{code}\" is not a model: use an ETS code such as ZZZ, ZZN, AAdN or MAM (error A/M/Z, \
                             trend N/A/Ad/Z, season N/A/M/Z), linearTrend or seasonalNaive"
                        ),
                    )
                })?;
                if allowed.demands_positive() && !positive {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        index_path("series.values", first_bad()),
                        format!("model {code} is multiplicative, which needs every value to be positive"),
                    ));
                }
                if allowed.seasons.iter().all(|s| *s != SeasonKind::N) && periods.is_empty() {
                    return Err(Error::new(
                        ErrorCode::InsufficientData,
                        "model",
                        format!("model {code} is seasonal but no seasonal period was given or detected"),
                    ));
                }
                let transforms: Vec<Transform> =
                    if allowed.demands_positive() && forced.is_none() { vec![Transform::None] } else { transforms };
                model::fit_ets(y, &periods, &allowed, &transforms).ok_or_else(|| {
                    Error::new(
                        ErrorCode::InsufficientData,
                        "series.values",
                        format!("no model of the form {code} could be fitted to {} values", y.len()),
                    )
                })?
            }
        };
        let projection = fitted.project(horizon, &levels);
        Ok(CapacityModel { series, fitted, projection, horizon, levels })
    }

    /// The forecast report.
    pub fn forecast(&self) -> Result<Forecast> {
        let n = self.series.values.len();
        let start = Timestamp::from_millis_f64(self.series.time_ms(n as f64), "horizon")?;
        let mut mean = Vec::with_capacity(self.horizon);
        let mut intervals: Vec<Band> = self
            .levels
            .iter()
            .map(|&level| Band {
                level,
                lower: Vec::with_capacity(self.horizon),
                upper: Vec::with_capacity(self.horizon),
            })
            .collect();
        for i in 0..self.horizon {
            for (k, band) in intervals.iter_mut().enumerate() {
                let (m, lo, hi) = self.projection.at(i, k, 1.0);
                if k == 0 {
                    mean.push(m);
                }
                band.lower.push(lo);
                band.upper.push(hi);
            }
            if intervals.is_empty() {
                mean.push(self.projection.at(i, 0, 1.0).0);
            }
        }
        Ok(Forecast {
            start,
            step: self.series.step,
            mean,
            intervals,
            model: self.report(),
            diagnostics: self.diagnostics(),
        })
    }

    /// The chosen model's description.
    pub fn report(&self) -> ModelReport {
        let f = &self.fitted;
        let e = f.ets.as_ref();
        ModelReport {
            method: f.method.to_string(),
            name: f.name.clone(),
            error: e.map(|e| e.spec.error),
            trend: e.map(|e| e.spec.trend),
            season: e.map(|e| e.spec.season),
            seasonal_periods: f.periods.clone(),
            transform: f.transform,
            parameters: e.map(|e| e.params.clone()),
            aicc: f.aicc,
            aic: e.map(|e| e.aic),
            log_lik: e.map(|e| e.log_lik),
            candidates: f.candidates.clone(),
        }
    }

    /// In-sample diagnostics.
    pub fn diagnostics(&self) -> Diagnostics {
        let y = &self.series.values;
        let (mut sae, mut sse, mut k) = (0.0, 0.0, 0usize);
        for (v, f) in y.iter().zip(&self.fitted.fitted) {
            if f.is_finite() {
                sae += (v - f).abs();
                sse += (v - f).powi(2);
                k += 1;
            }
        }
        let m = self.fitted.periods.first().copied().unwrap_or(1).min(y.len().saturating_sub(1)).max(1);
        let scale_n = y.len().saturating_sub(m);
        let scale: f64 = y.iter().skip(m).zip(y).map(|(a, b)| (a - b).abs()).sum::<f64>() / scale_n.max(1) as f64;
        let mae = if k > 0 { sae / k as f64 } else { 0.0 };
        Diagnostics {
            n: y.len(),
            interpolated: self.series.interpolated,
            trimmed: self.series.trimmed,
            residual_sd: if k > 1 { (sse / (k - 1) as f64).sqrt() } else { 0.0 },
            mase: (scale > 0.0 && scale_n > 0).then_some(mae / scale),
        }
    }
}

/// The Box–Cox λ the automatic transform tries against no transform: Guerrero's estimate over [0, 1] (log to
/// none; negative λ would make forecasts grow faster than exponentially on the original scale, which runway
/// questions must not assume), rounded to 0.05; the logarithm when it cannot be estimated.
pub fn auto_lambda(y: &[f64], m: usize) -> f64 {
    super::transform::guerrero(y, m, 0.0, 1.0).map_or(0.0, |l| (l * 20.0).round() / 20.0)
}

/// Fit and forecast in one call.
pub fn forecast(input: &ForecastInput) -> Result<Forecast> {
    CapacityModel::fit(input)?.forecast()
}
