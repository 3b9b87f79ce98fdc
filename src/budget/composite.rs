//! Composite SLOs: several objectives, each with its own SLO and series, combined with weights.
//!
//! Each component is evaluated under its own budgeting method exactly as a single SLO (occurrences as Σbad/Σtotal,
//! the slice methods per slice). The composite then takes the weighted mean (OpenSLO `compositeWeight`, default 1)
//! of what is comparable across methods: the fraction of budget consumed, the burn rates and the attained SLI.
//! Components whose window has no data are left out of the SLI mean but count (with zero consumption) in the
//! budget mean.

use serde::{Deserialize, Serialize};

use super::report::{BudgetReport, ReportOptions, SloHistory};
use super::series::SliSeries;
use super::slo::Slo;
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};

/// One component of a composite SLO.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Component {
    /// A label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The weight, > 0. Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// The component's SLO.
    pub slo: Slo,
    /// The component's SLI history.
    pub series: SliSeries,
}

/// Input of [`composite_budget`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CompositeInput {
    /// The components (1 to 100).
    pub components: Vec<Component>,
    /// Report options, applied to every component.
    #[serde(default)]
    pub options: ReportOptions,
}

/// A component's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComponentReport {
    /// Its label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its weight as given.
    pub weight: f64,
    /// Its weight / Σ weights.
    pub share: f64,
    /// Its full report.
    pub report: BudgetReport,
}

/// A weighted burn rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompositeBurn {
    /// The window ("1h").
    pub window: String,
    /// Σ share × burn rate.
    pub burn_rate: f64,
}

/// The composite report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompositeReport {
    /// Σ share × objective.
    pub objective: f64,
    /// Σ share × SLI over components with data, renormalised; null when none has data.
    pub sli: Option<f64>,
    /// Σ share × consumed fraction.
    pub consumed: f64,
    /// 1 − consumed.
    pub remaining: f64,
    /// Weighted burn rates over the report windows.
    pub burn_rates: Vec<CompositeBurn>,
    /// The policy state of the composite's remaining budget.
    pub policy_state: String,
    /// Each component.
    pub components: Vec<ComponentReport>,
}

/// The weighted composite of several SLOs.
pub fn composite_budget(input: &CompositeInput) -> Result<CompositeReport> {
    check::list_len(input.components.len(), "components")?;
    if input.components.len() > 100 {
        return Err(Error::new(ErrorCode::TooLarge, "components", "a composite holds at most 100 components"));
    }
    let mut weights = Vec::with_capacity(input.components.len());
    for (i, c) in input.components.iter().enumerate() {
        let wp = join_path(&index_path("components", i), "weight");
        let w = check::finite(c.weight.unwrap_or(1.0), &wp)?;
        if w <= 0.0 {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                wp,
                format!("a weight must be > 0, got {}", crate::num::Num(w)),
            ));
        }
        weights.push(w);
    }
    let sum_w: f64 = weights.iter().sum();
    let mut reports = Vec::with_capacity(input.components.len());
    for (i, (c, &w)) in input.components.iter().zip(&weights).enumerate() {
        let p = index_path("components", i);
        let mut h = SloHistory::new(&c.series, &join_path(&p, "series"))?;
        let report = h.report(&c.slo, &input.options).map_err(|e| e.within(&p))?;
        reports.push(ComponentReport { name: c.name.clone(), weight: w, share: w / sum_w, report });
    }
    let objective = reports.iter().map(|r| r.share * r.report.objective).sum();
    let consumed: f64 = reports.iter().map(|r| r.share * r.report.consumed.fraction).sum();
    let with_data: f64 = reports.iter().filter(|r| r.report.sli.is_some()).map(|r| r.share).sum();
    let sli = (with_data > 0.0)
        .then(|| reports.iter().filter_map(|r| r.report.sli.map(|s| r.share * s)).sum::<f64>() / with_data);
    let burn_rates = match reports.first() {
        Some(first) => first
            .report
            .burn_rates
            .iter()
            .enumerate()
            .map(|(k, b)| CompositeBurn {
                window: b.window.clone(),
                burn_rate: reports
                    .iter()
                    .map(|r| r.share * r.report.burn_rates.get(k).map(|x| x.burn_rate).unwrap_or(0.0))
                    .sum(),
            })
            .collect(),
        None => Vec::new(),
    };
    let policy = input.options.policy.clone().unwrap_or_default();
    Ok(CompositeReport {
        objective,
        sli,
        consumed,
        remaining: 1.0 - consumed,
        burn_rates,
        policy_state: policy.state_of(1.0 - consumed),
        components: reports,
    })
}
