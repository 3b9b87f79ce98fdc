//! What-if scenarios: change the rotation size, the page volume, the toil, or the shift length, and re-score.
//!
//! A scenario changes the measures of the score, not the raw history, so it runs in microseconds:
//! - `rotationMembers` = M (from N): each member's time on call becomes rolesPerShift / M (or the measured share ×
//!   N / M without a rotation shape), and per-responder loads (sleep-hour pages per responder-week, the busiest
//!   responder's pages per week) scale by N / M, as the same pages are spread over more people;
//! - `pageReduction` = x: every interruption count and the incident rate scale by 1 − x;
//! - `automate`: the named toil categories lose that fraction of their hours, and toil is recomputed from the log;
//! - `shiftHours`: the incidents one shift sees (incidents per 12 hours × shiftHours / 12) against what it can absorb
//!   (shiftHours / 6). Shift length changes no part of the score: the rates per hour and the share of time on call
//!   stay the same.
//!
//! Changes combine in one scenario.

use serde::{Deserialize, Serialize};

use super::oncall::OnCallReport;
use super::rotation::{HOURS_PER_INCIDENT, Rotation, RotationReport};
use super::score::{Factors, Score, Weights, score};
use super::toil::{Automation, Log};
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};

/// One what-if scenario.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    /// A label to show.
    #[serde(default)]
    pub name: String,
    /// The new number of people in the rotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation_members: Option<u32>,
    /// The fraction of pages removed, from 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_reduction: Option<f64>,
    /// Toil categories to automate.
    #[serde(default)]
    pub automate: Vec<Automation>,
    /// The new shift length in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift_hours: Option<f64>,
}

/// Incidents per shift for a shift length.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShiftProjection {
    /// The shift length, hours.
    pub shift_hours: f64,
    /// Incidents one shift sees at the current (scenario) rate.
    pub incidents_per_shift: f64,
    /// What it can absorb at 6 hours per incident.
    pub capacity_per_shift: f64,
    /// Whether incidentsPerShift exceeds capacityPerShift.
    pub over_capacity: bool,
}

/// The result of one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WhatIf {
    /// The scenario.
    pub scenario: Scenario,
    /// The score under it.
    pub score: Score,
    /// score − the baseline score.
    pub score_change: f64,
    /// The measures before.
    pub before: Factors,
    /// The measures after.
    pub after: Factors,
    /// The rotation under the scenario, when the on-call data has a rotation shape.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotation: Option<RotationReport>,
    /// Incidents per shift, when `shiftHours` was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shift: Option<ShiftProjection>,
    /// Toil hours freed per week of data by `automate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toil_hours_freed_per_week: Option<f64>,
}

fn needs(what: &str, path: &str) -> Error {
    Error::new(ErrorCode::InsufficientData, path, format!("this scenario needs {what} data in the input"))
}

/// Re-score `base` under `s`; `toil_log` is the toil input's log (see `toil::report`).
pub(crate) fn what_if(
    s: &Scenario,
    before: &Factors,
    base: &Score,
    on_call: Option<&OnCallReport>,
    toil_log: Option<&Log<'_>>,
    weights: &Weights,
) -> Result<WhatIf> {
    let mut after = *before;
    let mut rotation: Option<Rotation> = on_call.and_then(|o| o.rotation.as_ref().map(|r| r.rotation));
    if let Some(m) = s.rotation_members {
        let o = on_call.ok_or_else(|| needs("onCall", "rotationMembers"))?;
        if m == 0 {
            return Err(Error::new(ErrorCode::OutOfRange, "rotationMembers", "a rotation needs at least one member"));
        }
        let n = rotation.map_or(o.responders.len() as u32, |r| r.members);
        let scale = f64::from(n) / f64::from(m);
        after.sleep_per_responder_week = after.sleep_per_responder_week.map(|v| v * scale);
        after.busiest_per_week = after.busiest_per_week.map(|v| v * scale);
        match rotation.as_mut() {
            Some(r) => {
                r.members = m;
                r.validate("").map_err(|e| e.at("rotationMembers"))?;
                after.on_call_share = Some(r.on_call_share());
            }
            None => after.on_call_share = after.on_call_share.map(|v| (v * scale).min(1.0)),
        }
    }
    if let Some(x) = s.page_reduction {
        let x = check::fraction(x, "pageReduction")?;
        on_call.ok_or_else(|| needs("onCall", "pageReduction"))?;
        let keep = 1.0 - x;
        after.sleep_per_responder_week = after.sleep_per_responder_week.map(|v| v * keep);
        after.busiest_per_week = after.busiest_per_week.map(|v| v * keep);
        after.incidents_per_12_hours = after.incidents_per_12_hours.map(|v| v * keep);
    }
    let mut toil_hours_freed_per_week = None;
    if !s.automate.is_empty() {
        let log = toil_log.ok_or_else(|| needs("toil", "automate"))?;
        let mut list = Vec::with_capacity(s.automate.len());
        for (j, a) in s.automate.iter().enumerate() {
            let path = index_path("automate", j);
            let f = check::fraction(a.fraction, &join_path(&path, "fraction"))?;
            if !log.has_category(&a.category) {
                return Err(Error::new(
                    ErrorCode::UnknownReference,
                    join_path(&path, "category"),
                    format!("no toil hours are logged in the category \"{}\"", a.category),
                ));
            }
            list.push((a.category.as_str(), f));
        }
        after.toil_share = Some(log.share_after(&list));
        toil_hours_freed_per_week = Some(log.hours_freed_per_week(&list));
    }
    let shift = match s.shift_hours {
        Some(h) => {
            let h = check::finite(h, "shiftHours")?;
            if h <= 0.0 || h > 24.0 * 366.0 {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    "shiftHours",
                    format!("expected 0 < hours ≤ a year, got {}", crate::num::Num(h)),
                ));
            }
            let rate = after.incidents_per_12_hours.ok_or_else(|| needs("onCall", "shiftHours"))?;
            if let Some(r) = rotation.as_mut() {
                r.shift_hours = h;
            }
            let incidents = rate * h / 12.0;
            let capacity = h / HOURS_PER_INCIDENT;
            Some(ShiftProjection {
                shift_hours: h,
                incidents_per_shift: incidents,
                capacity_per_shift: capacity,
                over_capacity: incidents > capacity,
            })
        }
        None => None,
    };
    let scored = score(&after, weights)?;
    Ok(WhatIf {
        scenario: s.clone(),
        score_change: scored.score - base.score,
        score: scored,
        before: *before,
        after,
        rotation: rotation.map(|r| r.report()),
        shift,
        toil_hours_freed_per_week,
    })
}
