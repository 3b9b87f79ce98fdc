//! What-if scenarios: a hypothetical incident (start, duration, error rate or affected fraction), a different
//! objective, or a different window, recomputed against the same history.
//!
//! An incident (or the part of it) before `asOf` rewrites the buckets it overlaps, in proportion to the overlap. The
//! part after `asOf` (or with no start at all: "one more 20-minute outage") is future consumption: at error rate e
//! for d seconds it consumes e × d / ((1 − objective) × W) of the budget (for timeslices, every slice of it is bad
//! when e exceeds 1 − timeSliceTarget).

use serde::{Deserialize, Serialize};

use super::duration::Dur;
use super::series::History;
use super::slo::{Budgeting, ResolvedSlo, WindowSpec};
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::time::Timestamp;

/// A hypothetical change to evaluate.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct WhatIf {
    /// Hypothetical incidents.
    #[serde(default)]
    pub incidents: Vec<HypotheticalIncident>,
    /// A different objective.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<f64>,
    /// A different window.
    #[serde(default, deserialize_with = "deserialize_window_opt", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::WindowSchema>"))]
    pub window: Option<WindowSpec>,
}

fn deserialize_window_opt<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<WindowSpec>, D::Error> {
    WindowSpec::deserialize_any(d).map(Some)
}

/// A hypothetical incident. Give `errorRate` (the error rate during it) or `affectedFraction` (the share of
/// otherwise-good requests that fail); neither means a full outage (error rate 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct HypotheticalIncident {
    /// When it starts; absent means at asOf (a future incident).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Timestamp>,
    /// How long it lasts (seconds or "20m").
    pub duration: Dur,
    /// The error rate during the incident, a fraction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_rate: Option<f64>,
    /// The fraction of otherwise-good requests that fail, a fraction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affected_fraction: Option<f64>,
}

/// The history with past incidents applied, and the future error-seconds.
pub(crate) struct Applied {
    pub(crate) history: Option<History>,
    /// (error rate, seconds) of future parts.
    future: Vec<(f64, f64)>,
}

impl Applied {
    /// The budget fraction the future parts consume under `slo`.
    pub(crate) fn future_consumption(&self, slo: &ResolvedSlo, window_secs: f64) -> f64 {
        let denom = slo.budget_rate() * window_secs;
        self.future
            .iter()
            .map(|&(e, d)| match slo.budgeting {
                Budgeting::Timeslices { target, .. } => {
                    if e > 1.0 - target {
                        d / denom
                    } else {
                        0.0
                    }
                }
                _ => e * d / denom,
            })
            .sum()
    }
}

/// Apply `incidents` (paths under `path`) to a copy of `h`.
pub(crate) fn apply(h: &History, incidents: &[HypotheticalIncident], as_of: Timestamp, path: &str) -> Result<Applied> {
    check::max_len(incidents.len(), path)?;
    let mut out = Applied { history: None, future: Vec::new() };
    let as_ms = as_of.millis();
    for (i, inc) in incidents.iter().enumerate() {
        let ip = index_path(path, i);
        let d = inc.duration.positive(&join_path(&ip, "duration"))?;
        let (rate, affected) = match (inc.error_rate, inc.affected_fraction) {
            (Some(_), Some(_)) => {
                return Err(Error::new(
                    ErrorCode::Unsupported,
                    join_path(&ip, "affectedFraction"),
                    "give errorRate or affectedFraction, not both",
                ));
            }
            (Some(e), None) => (check::fraction(e, &join_path(&ip, "errorRate"))?, false),
            (None, Some(f)) => (check::fraction(f, &join_path(&ip, "affectedFraction"))?, true),
            (None, None) => (1.0, false),
        };
        let start_ms = inc.start.map(|t| t.millis()).unwrap_or(as_ms);
        let end_ms = start_ms.saturating_add((d * 1000.0).round() as i64);
        let past_end = end_ms.min(as_ms);
        if start_ms < past_end {
            let hist = out.history.get_or_insert_with(|| h.clone());
            let step = hist.step_ms;
            let first = (start_ms - hist.start_ms).div_euclid(step).max(0);
            let last = (past_end - 1 - hist.start_ms).div_euclid(step);
            let mut b = first;
            while b <= last {
                let idx = usize::try_from(b).unwrap_or(usize::MAX);
                let b0 = hist.start_ms + b * step;
                let ov = crate::num::clamp((past_end.min(b0 + step) - start_ms.max(b0)) as f64 / step as f64, 0.0, 1.0);
                if let (Some(bad), Some(&tot)) = (hist.bad.get_mut(idx), hist.total.get(idx)) {
                    if !tot.is_nan() {
                        let add = if affected { rate * (tot - *bad) } else { (rate * tot - *bad).max(0.0) };
                        *bad = (*bad + ov * add).min(tot);
                    }
                } else {
                    break;
                }
                b += 1;
            }
        }
        let future_start = start_ms.max(as_ms);
        if end_ms > future_start {
            out.future.push((rate, (end_ms - future_start) as f64 / 1000.0));
        }
    }
    Ok(out)
}
