//! OpenSLO v1 `SLO` documents (as parsed objects; YAML parsing is the caller's job) → opscore SLO definitions.
//!
//! Taken: `spec.timeWindow` (exactly one), `spec.budgetingMethod`, and each objective's `target` or
//! `targetPercent`, `timeSliceTarget`, `timeSliceWindow` (a bare number is minutes, as OpenSLO says) and
//! `compositeWeight` (default 1). `1M`, `1Q`, `1Y` and `1w` windows are calendar periods unless `isRolling: true`,
//! in which case they are 30, 90, 365 and 7 days. A calendar window's `startTime` must fall on a period boundary
//! (local midnight on a Monday, or the first day of a month, quarter or year).
//!
//! Rejected with `unsupported`: other `apiVersion`s and kinds, threshold objectives (`op`/`value`) and
//! `thresholdMetric` indicators (opscore takes good/bad/total series), more than one time window, and calendar
//! windows other than 1d, 1w, 1M, 1Q and 1Y. Ignored (data sources and alert routing are outside the maths):
//! `indicator`, `indicatorRef`, `alertPolicies`, `description`.

use chrono::{Datelike, Timelike, Weekday};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use super::duration::{Dur, Shorthand, Unit};
use super::slo::{Method, NoData, Slo, WindowSpec};
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::time::local;

/// An OpenSLO document, the parts opscore reads.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenSloDoc {
    /// Must be "openslo/v1".
    pub api_version: String,
    /// Must be "SLO".
    pub kind: String,
    /// Name and display name.
    pub metadata: Metadata,
    /// The SLO.
    pub spec: Spec,
}

/// `metadata`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.displayName`.
    #[serde(default)]
    pub display_name: Option<String>,
}

/// `spec`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Spec {
    /// `spec.service`.
    #[serde(default)]
    pub service: Option<String>,
    /// `spec.indicator` (only checked for `thresholdMetric`).
    #[serde(default)]
    pub indicator: Option<Indicator>,
    /// `spec.timeWindow`: exactly one item.
    #[serde(default)]
    pub time_window: Option<Vec<TimeWindow>>,
    /// "Occurrences", "Timeslices" or "RatioTimeslices".
    pub budgeting_method: String,
    /// `spec.objectives`.
    pub objectives: Vec<Objective>,
}

/// An inline indicator.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Indicator {
    /// `spec.indicator.spec`.
    #[serde(default)]
    pub spec: Option<IndicatorSpec>,
}

/// An inline indicator's spec.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorSpec {
    /// Present for threshold SLIs, which opscore does not support.
    #[serde(default)]
    pub threshold_metric: Option<IgnoredAny>,
}

/// A time window.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeWindow {
    /// "28d", "1M"…
    pub duration: String,
    /// Rolling or calendar-aligned.
    #[serde(default)]
    pub is_rolling: Option<bool>,
    /// Calendar alignment.
    #[serde(default)]
    pub calendar: Option<Calendar>,
}

/// Calendar alignment.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Calendar {
    /// "2022-01-01 00:00:00", local time.
    #[serde(default)]
    pub start_time: Option<String>,
    /// IANA zone.
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// An objective.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Objective {
    /// `displayName`.
    #[serde(default)]
    pub display_name: Option<String>,
    /// `name`.
    #[serde(default)]
    pub name: Option<String>,
    /// Threshold operator (unsupported).
    #[serde(default)]
    pub op: Option<IgnoredAny>,
    /// Threshold value (unsupported).
    #[serde(default)]
    pub value: Option<IgnoredAny>,
    /// Target in [0, 1).
    #[serde(default)]
    pub target: Option<f64>,
    /// Target in [0, 100).
    #[serde(default)]
    pub target_percent: Option<f64>,
    /// Timeslices threshold.
    #[serde(default)]
    pub time_slice_target: Option<f64>,
    /// Slice length: a number of minutes or a shorthand.
    #[serde(default)]
    pub time_slice_window: Option<NumOrText>,
    /// Weight in a composite.
    #[serde(default)]
    pub composite_weight: Option<f64>,
}

/// A number or a string.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum NumOrText {
    /// A number.
    Num(f64),
    /// A string.
    Text(String),
}

/// One objective, as an opscore SLO.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedObjective {
    /// `name`, else `displayName`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `compositeWeight` (default 1).
    pub weight: f64,
    /// The SLO, ready for errorBudget, alertTiers, backtestAlerts and prometheusRules.
    pub slo: Slo,
}

/// The converted document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenSloImport {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.displayName`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `spec.service`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// One SLO per objective (several objectives form a composite with their weights).
    pub objectives: Vec<ImportedObjective>,
    /// How the window was read, in words (for example that 1M is a calendar month).
    pub window_note: String,
}

fn unsupported(path: &str, msg: impl Into<String>) -> Error {
    Error::new(ErrorCode::Unsupported, path, msg)
}

/// Convert an OpenSLO v1 SLO document.
pub fn from_openslo(doc: &OpenSloDoc) -> Result<OpenSloImport> {
    if doc.api_version != "openslo/v1" {
        return Err(unsupported(
            "apiVersion",
            format!("only openslo/v1 documents are supported, got \"{}\"", doc.api_version),
        ));
    }
    if doc.kind != "SLO" {
        return Err(unsupported("kind", format!("only kind SLO is supported, got \"{}\"", doc.kind)));
    }
    if let Some(ind) = &doc.spec.indicator
        && ind.spec.as_ref().is_some_and(|s| s.threshold_metric.is_some())
    {
        return Err(unsupported(
            "spec.indicator.spec.thresholdMetric",
            "threshold SLIs are not supported; opscore needs a ratio SLI (good or bad, with total)",
        ));
    }
    let method = match doc.spec.budgeting_method.as_str() {
        "Occurrences" => Method::Occurrences,
        "Timeslices" => Method::Timeslices,
        "RatioTimeslices" => Method::RatioTimeslices,
        other => {
            return Err(Error::new(
                ErrorCode::UnknownVariant,
                "spec.budgetingMethod",
                format!("unknown budgetingMethod \"{other}\"; expected Occurrences, Timeslices or RatioTimeslices"),
            ));
        }
    };
    let tws = doc.spec.time_window.as_deref().ok_or_else(|| {
        Error::new(ErrorCode::MissingField, "spec.timeWindow", "the SLO needs a timeWindow (one item)")
    })?;
    let tw = match tws {
        [one] => one,
        [] => return Err(Error::new(ErrorCode::Empty, "spec.timeWindow", "timeWindow needs exactly one item")),
        _ => return Err(unsupported("spec.timeWindow[1]", "OpenSLO v1 allows exactly one time window")),
    };
    let (window, window_note) = window_of(tw, "spec.timeWindow[0]")?;
    check::list_len(doc.spec.objectives.len(), "spec.objectives")?;
    let mut objectives = Vec::with_capacity(doc.spec.objectives.len());
    for (i, o) in doc.spec.objectives.iter().enumerate() {
        let p = index_path("spec.objectives", i);
        if o.op.is_some() || o.value.is_some() {
            let f = if o.op.is_some() { "op" } else { "value" };
            return Err(unsupported(
                &join_path(&p, f),
                "threshold objectives (op/value) are not supported; opscore needs a ratio SLI",
            ));
        }
        let objective = match (o.target, o.target_percent) {
            (Some(t), None) => t,
            (None, Some(pct)) => check::finite(pct, &join_path(&p, "targetPercent"))? / 100.0,
            (Some(_), Some(_)) => {
                return Err(unsupported(&join_path(&p, "targetPercent"), "give target or targetPercent, not both"));
            }
            (None, None) => {
                return Err(Error::new(ErrorCode::MissingField, join_path(&p, "target"), "an objective needs target"));
            }
        };
        let time_slice_window = match &o.time_slice_window {
            None => None,
            Some(NumOrText::Num(m)) => Some(Dur(check::finite(*m, &join_path(&p, "timeSliceWindow"))? * 60.0)),
            Some(NumOrText::Text(s)) => Some(Dur(Shorthand::parse(s, &join_path(&p, "timeSliceWindow"))?.seconds())),
        };
        let weight = check::finite(o.composite_weight.unwrap_or(1.0), &join_path(&p, "compositeWeight"))?;
        if weight <= 0.0 {
            return Err(Error::new(ErrorCode::OutOfRange, join_path(&p, "compositeWeight"), "weights must be > 0"));
        }
        let slo = Slo {
            objective,
            window: window.clone(),
            method,
            time_slice_target: o.time_slice_target,
            time_slice_window,
            no_data: NoData::Skip,
        };
        slo.resolve("").map_err(|e| {
            let field = match e.path.as_str() {
                "objective" => join_path(&p, if o.target.is_some() { "target" } else { "targetPercent" }),
                "window.duration" => "spec.timeWindow[0].duration".to_string(),
                "window.timeZone" => "spec.timeWindow[0].calendar.timeZone".to_string(),
                "window" => "spec.timeWindow[0]".to_string(),
                other => join_path(&p, other),
            };
            e.at(field)
        })?;
        objectives.push(ImportedObjective { name: o.name.clone().or_else(|| o.display_name.clone()), weight, slo });
    }
    Ok(OpenSloImport {
        name: doc.metadata.name.clone(),
        display_name: doc.metadata.display_name.clone(),
        service: doc.spec.service.clone(),
        objectives,
        window_note,
    })
}

fn window_of(tw: &TimeWindow, path: &str) -> Result<(WindowSpec, String)> {
    let dpath = join_path(path, "duration");
    let s = Shorthand::parse(&tw.duration, &dpath)?;
    let rolling = match (tw.is_rolling, &tw.calendar) {
        (Some(true), Some(_)) => {
            return Err(unsupported(&join_path(path, "calendar"), "a window cannot be rolling and calendar-aligned"));
        }
        (Some(r), _) => r,
        (None, Some(_)) => false,
        (None, None) => !matches!(s.unit, Unit::Week | Unit::Month | Unit::Quarter | Unit::Year),
    };
    if rolling {
        let note = match s.unit {
            Unit::Week | Unit::Month | Unit::Quarter | Unit::Year => format!(
                "rolling {} read as {} days (w = 7, M = 30, Q = 90, Y = 365 days)",
                tw.duration,
                crate::num::Num(s.seconds() / 86_400.0)
            ),
            _ => format!("rolling window of {}", tw.duration),
        };
        return Ok((WindowSpec { duration: tw.duration.clone(), rolling: Some(true), time_zone: None }, note));
    }
    let zone = tw.calendar.as_ref().and_then(|c| c.time_zone.clone());
    if let Some(start) = tw.calendar.as_ref().and_then(|c| c.start_time.as_deref()) {
        let sp = join_path(&join_path(path, "calendar"), "startTime");
        let t = local::parse_date_time(start.trim(), false)
            .or_else(|| local::parse_date_time(start.trim(), true))
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidTimestamp,
                    &sp,
                    format!("\"{start}\" is not a local date-time such as \"2022-01-01 00:00:00\""),
                )
            })?;
        let d = t.date();
        let midnight = t.hour() == 0 && t.minute() == 0 && t.second() == 0;
        let aligned = midnight
            && match s.unit {
                Unit::Day => true,
                Unit::Week => d.weekday() == Weekday::Mon,
                Unit::Month => d.day() == 1,
                Unit::Quarter => d.day() == 1 && d.month0() % 3 == 0,
                Unit::Year => d.day() == 1 && d.month() == 1,
                _ => false,
            };
        if !aligned {
            return Err(unsupported(
                &sp,
                format!(
                    "calendar windows follow natural boundaries (local midnight; Monday for weeks; the 1st of the \
                     month, quarter or year); \"{start}\" is not one for {}",
                    tw.duration
                ),
            ));
        }
    }
    let zname = zone.clone().unwrap_or_else(|| "UTC".into());
    let note = match s.unit {
        Unit::Month => format!("{} is a calendar month in {zname} (not a rolling 30 days)", tw.duration),
        _ => format!("calendar-aligned {} in {zname}", tw.duration),
    };
    Ok((WindowSpec { duration: tw.duration.clone(), rolling: Some(false), time_zone: zone }, note))
}
