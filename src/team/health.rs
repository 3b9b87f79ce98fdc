//! `teamHealth`: every part at once (DORA, on-call load, toil, surveys), the explainable score, and what-if
//! scenarios re-scored from the same data.

use serde::{Deserialize, Serialize};

use super::dora::{DoraInput, DoraReport, dora};
use super::oncall::{OnCallInput, OnCallReport, on_call_load};
use super::score::{Factors, Score, Weights, score};
use super::survey::{SurveyInput, SurveyReport, survey_health};
use super::toil::{Log, ToilInput, ToilReport, report as toil_of_log};
use super::whatif::{Scenario, WhatIf, what_if};
use crate::error::{Result, check, index_path};

/// Input of [`team_health`]. Every part is optional; at least one is needed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct TeamHealthInput {
    /// Deployments and incidents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dora: Option<DoraInput>,
    /// Pages, responders, shifts and rotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_call: Option<OnCallInput>,
    /// Toil hours or shares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toil: Option<ToilInput>,
    /// Surveys (for one team; several teams are averaged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surveys: Option<SurveyInput>,
    /// Weights of the score's parts; defaults for any left out.
    #[serde(default)]
    pub weights: Weights,
    /// What-if scenarios.
    #[serde(default)]
    pub what_if: Vec<Scenario>,
}

/// Result of [`team_health`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamHealthReport {
    /// The score.
    pub score: Score,
    /// The measures it was built from.
    pub factors: Factors,
    /// DORA keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dora: Option<DoraReport>,
    /// On-call load.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_call: Option<OnCallReport>,
    /// Toil.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toil: Option<ToilReport>,
    /// Surveys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surveys: Option<SurveyReport>,
    /// One result per scenario, in input order.
    pub what_if: Vec<WhatIf>,
}

/// The measures of the score from the part reports.
pub fn factors(
    dora: Option<&DoraReport>,
    on_call: Option<&OnCallReport>,
    toil: Option<&ToilReport>,
    surveys: Option<&SurveyReport>,
) -> Factors {
    Factors {
        delivery: dora.map(|d| d.delivery_score),
        sleep_per_responder_week: on_call.map(|o| o.sleep_per_responder_week),
        incidents_per_12_hours: on_call.map(|o| o.incident_load.per_12_hours),
        on_call_share: on_call.and_then(|o| {
            o.rotation.as_ref().map(|r| r.on_call_share).or(o.time_on_call.as_ref().map(|t| t.max_share))
        }),
        busiest_per_week: on_call.map(|o| o.fairness.busiest_per_week),
        toil_share: toil.map(|t| t.share),
        surveys: surveys.map(|s| s.score),
    }
}

/// Compute every part, the score and the scenarios. Errors: those of each part (with its path under `dora`,
/// `onCall`, `toil` or `surveys`), of the weights, and of each scenario (under `whatIf[i]`).
pub fn team_health(input: &TeamHealthInput) -> Result<TeamHealthReport> {
    input.weights.validate()?;
    check::max_len(input.what_if.len(), "whatIf")?;
    let dora = input.dora.as_ref().map(|d| dora(d).map_err(|e| e.within("dora"))).transpose()?;
    let on_call = input.on_call.as_ref().map(|o| on_call_load(o).map_err(|e| e.within("onCall"))).transpose()?;
    // The toil log is built once, for the report and for every scenario that automates toil.
    let toil_entries = input.toil.as_ref().map(|t| t.all_entries().map_err(|e| e.within("toil"))).transpose()?;
    let toil_log = match (input.toil.as_ref(), toil_entries.as_deref()) {
        (Some(t), Some(entries)) => Some(Log::new(t, entries).map_err(|e| e.within("toil"))?),
        _ => None,
    };
    let toil_report = match (input.toil.as_ref(), toil_log.as_ref()) {
        (Some(t), Some(log)) => Some(toil_of_log(t, log).map_err(|e| e.within("toil"))?),
        _ => None,
    };
    let surveys = input.surveys.as_ref().map(|s| survey_health(s).map_err(|e| e.within("surveys"))).transpose()?;
    let factors = factors(dora.as_ref(), on_call.as_ref(), toil_report.as_ref(), surveys.as_ref());
    let base = score(&factors, &input.weights)?;
    let mut scenarios = Vec::with_capacity(input.what_if.len());
    for (i, s) in input.what_if.iter().enumerate() {
        let r = what_if(s, &factors, &base, on_call.as_ref(), toil_log.as_ref(), &input.weights)
            .map_err(|e| e.within(&index_path("whatIf", i)))?;
        scenarios.push(r);
    }
    Ok(TeamHealthReport { score: base, factors, dora, on_call, toil: toil_report, surveys, what_if: scenarios })
}
