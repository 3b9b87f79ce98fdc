//! One explainable team-health score from 0 to 100.
//!
//! The score is a weighted mean of up to seven parts, each scored 0–100 by a documented curve (version
//! [`WEIGHTS_VERSION`]):
//!
//! | part | measure | 100 at | 0 at | default weight |
//! |---|---|---|---|---|
//! | `delivery` | mean DORA tier points (elite 100, high 75, medium 50, low 25) | — | — | 0.20 |
//! | `sleepPages` | sleep-hour interruptions per responder per week | 0 | 2 | 0.15 |
//! | `incidentLoad` | incidents per 12 hours (SRE book limit 2) | 0 | 2 | 0.15 |
//! | `onCallTime` | share of time on call (SRE book limit 25%) | ≤ 25% | 50% | 0.10 |
//! | `busiestLoad` | the busiest responder's interruptions per week | 0 | 14 | 0.10 |
//! | `toil` | share of time on toil (SRE book cap 50%) | 0% | 50% | 0.15 |
//! | `surveys` | mean survey score (see [`super::survey`]) | — | — | 0.15 |
//!
//! Between the end points each curve is linear, and each part is clamped to 0–100. Weights may be changed by the
//! caller; they must be finite and ≥ 0, and not all 0. A part without data is dropped and the remaining weights are
//! renormalised to sum to 1; the result lists the dropped parts and says so.
//!
//! Fairness enters through `busiestLoad`, the busiest responder's absolute load, rather than through the Gini
//! coefficient: a page given to the least-loaded responder lowers Gini, and a score must never improve because the
//! pager got busier. Gini is still reported by the on-call analysis.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result, check, join_path};
use crate::num::{Fixed, clamp};

/// The version of the weights and curves. It changes whenever a default weight or a curve changes.
pub const WEIGHTS_VERSION: &str = "team-health-v1";

/// A part of the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Part {
    /// DORA delivery performance.
    Delivery,
    /// Sleep-hour interruptions.
    SleepPages,
    /// Incidents per 12 hours.
    IncidentLoad,
    /// Time on call.
    OnCallTime,
    /// The busiest responder's load.
    BusiestLoad,
    /// Toil.
    Toil,
    /// Surveys.
    Surveys,
}

impl Part {
    /// Every part, in the order reported.
    pub const ALL: [Part; 7] = [
        Part::Delivery,
        Part::SleepPages,
        Part::IncidentLoad,
        Part::OnCallTime,
        Part::BusiestLoad,
        Part::Toil,
        Part::Surveys,
    ];

    /// The part's camelCase name.
    pub fn name(self) -> &'static str {
        match self {
            Part::Delivery => "delivery",
            Part::SleepPages => "sleepPages",
            Part::IncidentLoad => "incidentLoad",
            Part::OnCallTime => "onCallTime",
            Part::BusiestLoad => "busiestLoad",
            Part::Toil => "toil",
            Part::Surveys => "surveys",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Part::Delivery => "DORA delivery performance is",
            Part::SleepPages => "sleep-hour pages are",
            Part::IncidentLoad => "incidents per 12-hour shift are",
            Part::OnCallTime => "time on call is",
            Part::BusiestLoad => "the busiest responder's load is",
            Part::Toil => "toil is",
            Part::Surveys => "survey results are",
        }
    }
}

/// Weights of the parts. Any field left out keeps its default; an unknown field is an error, so a misspelt weight
/// is never silently ignored.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Weights {
    /// Default 0.20.
    pub delivery: f64,
    /// Default 0.15.
    pub sleep_pages: f64,
    /// Default 0.15.
    pub incident_load: f64,
    /// Default 0.10.
    pub on_call_time: f64,
    /// Default 0.10.
    pub busiest_load: f64,
    /// Default 0.15.
    pub toil: f64,
    /// Default 0.15.
    pub surveys: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            delivery: 0.20,
            sleep_pages: 0.15,
            incident_load: 0.15,
            on_call_time: 0.10,
            busiest_load: 0.10,
            toil: 0.15,
            surveys: 0.15,
        }
    }
}

impl Weights {
    /// The weight of one part.
    pub fn get(&self, part: Part) -> f64 {
        match part {
            Part::Delivery => self.delivery,
            Part::SleepPages => self.sleep_pages,
            Part::IncidentLoad => self.incident_load,
            Part::OnCallTime => self.on_call_time,
            Part::BusiestLoad => self.busiest_load,
            Part::Toil => self.toil,
            Part::Surveys => self.surveys,
        }
    }

    /// Errors for a weight that is not finite or is negative (at `weights.<part>`), and for all-zero weights.
    pub fn validate(&self) -> Result<()> {
        for p in Part::ALL {
            check::non_negative(self.get(p), &join_path("weights", p.name()))?;
        }
        if Part::ALL.iter().all(|p| self.get(*p) == 0.0) {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                "weights",
                "every weight is 0; give at least one part a weight",
            ));
        }
        Ok(())
    }
}

/// The measures the score is built from; `None` where there is no data.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Factors {
    /// Mean DORA tier points, 0–100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery: Option<f64>,
    /// Sleep-hour interruptions per responder per week.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sleep_per_responder_week: Option<f64>,
    /// Incidents per 12 hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incidents_per_12_hours: Option<f64>,
    /// Share of time on call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_call_share: Option<f64>,
    /// The busiest responder's interruptions per week.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub busiest_per_week: Option<f64>,
    /// Share of time on toil.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toil_share: Option<f64>,
    /// Mean survey score, 0–100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surveys: Option<f64>,
}

/// One part's place in the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartScore {
    /// The part.
    pub part: Part,
    /// Whether there was data for it.
    pub available: bool,
    /// The measure (see the table in the module docs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<f64>,
    /// The part's own score, 0–100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscore: Option<f64>,
    /// The weight given.
    pub weight: f64,
    /// The weight after renormalising over the available parts (0 when dropped).
    pub effective_weight: f64,
    /// effectiveWeight × subscore: its points in the total.
    pub contribution: f64,
    /// effectiveWeight × (100 − subscore): the points it costs.
    pub drag: f64,
    /// What the measure means, in words.
    pub explanation: String,
}

/// The team-health score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Score {
    /// The version of the weights and curves.
    pub version: &'static str,
    /// 0–100.
    pub score: f64,
    /// Every part, in a fixed order.
    pub parts: Vec<PartScore>,
    /// The largest drags, in words, largest first (at most three).
    pub drivers: Vec<String>,
    /// Parts dropped for lack of data.
    pub dropped: Vec<Part>,
    /// Says when parts were dropped and the weights renormalised.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn linear(value: f64, zero_at: f64) -> f64 {
    clamp(100.0 * (1.0 - value / zero_at), 0.0, 100.0)
}

/// (measure, subscore, explanation).
type Measured = (f64, f64, String);

fn measure(f: &Factors, part: Part) -> Option<Measured> {
    match part {
        Part::Delivery => {
            f.delivery.map(|d| (d, clamp(d, 0.0, 100.0), format!("mean DORA tier points {} of 100", Fixed(d, 0))))
        }
        Part::SleepPages => f.sleep_per_responder_week.map(|s| {
            (
                s,
                linear(s, 2.0),
                format!("{} sleep-hour interruptions per responder per week (0 points at 2)", Fixed(s, 2)),
            )
        }),
        Part::IncidentLoad => f.incidents_per_12_hours.map(|r| {
            (r, linear(r, 2.0), format!("{} incidents per 12 hours against the SRE book's limit of 2", Fixed(r, 2)))
        }),
        Part::OnCallTime => f.on_call_share.map(|s| {
            let sub = if s <= 0.25 { 100.0 } else { linear(s - 0.25, 0.25) };
            (s, sub, format!("{}% of time on call against the SRE book's 25%", Fixed(s * 100.0, 1)))
        }),
        Part::BusiestLoad => f.busiest_per_week.map(|b| {
            (
                b,
                linear(b, 14.0),
                format!("the busiest responder has {} interruptions per week (0 points at 14)", Fixed(b, 1)),
            )
        }),
        Part::Toil => f.toil_share.map(|t| {
            (t, linear(t, 0.5), format!("{}% of time on toil against the SRE book's 50% cap", Fixed(t * 100.0, 1)))
        }),
        Part::Surveys => {
            f.surveys.map(|s| (s, clamp(s, 0.0, 100.0), format!("mean survey score {} of 100", Fixed(s, 0))))
        }
    }
}

/// Build the score. Errors: invalid weights ([`Weights::validate`]); no part with data; only zero-weight parts with
/// data.
pub fn score(factors: &Factors, weights: &Weights) -> Result<Score> {
    weights.validate()?;
    let measured: Vec<(Part, Option<Measured>)> = Part::ALL.iter().map(|p| (*p, measure(factors, *p))).collect();
    if measured.iter().all(|m| m.1.is_none()) {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            "",
            "no part of the score has data: give dora, onCall, toil or surveys",
        ));
    }
    let available: f64 = measured.iter().filter(|m| m.1.is_some()).map(|m| weights.get(m.0)).sum();
    if available <= 0.0 {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            "weights",
            "every part that has data has weight 0, so there is nothing to score",
        ));
    }
    let mut parts = Vec::with_capacity(measured.len());
    let mut dropped = Vec::new();
    let mut total = 0.0;
    for (part, m) in measured {
        let weight = weights.get(part);
        match m {
            Some((value, sub, explanation)) => {
                let w = weight / available;
                total += w * sub;
                parts.push(PartScore {
                    part,
                    available: true,
                    measure: Some(value),
                    subscore: Some(sub),
                    weight,
                    effective_weight: w,
                    contribution: w * sub,
                    drag: w * (100.0 - sub),
                    explanation,
                });
            }
            None => {
                dropped.push(part);
                parts.push(PartScore {
                    part,
                    available: false,
                    measure: None,
                    subscore: None,
                    weight,
                    effective_weight: 0.0,
                    contribution: 0.0,
                    drag: 0.0,
                    explanation: "no data: dropped".to_string(),
                });
            }
        }
    }
    let mut ranked: Vec<&PartScore> = parts.iter().filter(|p| p.drag > 0.05).collect();
    crate::sort::sort_by(&mut ranked, |a, b| b.drag.total_cmp(&a.drag));
    let drivers = ranked
        .iter()
        .take(3)
        .enumerate()
        .map(|(i, p)| {
            let rank = if i == 0 { "the largest drag" } else { "a drag" };
            format!("{} {rank} (−{} points): {}", p.part.label(), Fixed(p.drag, 1), p.explanation)
        })
        .collect();
    let note = (!dropped.is_empty()).then(|| {
        let names: Vec<&str> = dropped.iter().map(|p| p.name()).collect();
        format!(
            "no data for {}: dropped, and the other weights renormalised to sum to 1 (they summed to {})",
            names.join(", "),
            Fixed(available, 2)
        )
    });
    Ok(Score { version: WEIGHTS_VERSION, score: clamp(total, 0.0, 100.0), parts, drivers, dropped, note })
}
