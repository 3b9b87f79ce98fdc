//! Service credits from a tier table the caller supplies: each tier covers availabilities from `min` (inclusive)
//! up to `max` (exclusive) and grants a credit, a fraction of the bill. The tiers must tile their range with no gap
//! and no overlap. Availabilities outside every tier earn no credit.
//!
//! A built-in example is AWS's historical compute region-level table ([`aws_compute_region`]):
//! below 99.99% and at least 99.0%: 10%; below 99.0% and at least 95.0%: 30%; below 95.0%: 100%.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};

/// One tier: availabilities in `[min, max)` earn `credit`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreditTier {
    /// The lowest availability in the tier, inclusive, as a fraction; absent means 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// The availability where the tier stops, exclusive; absent means the tier includes 100%.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// The credit, as a fraction of the bill (0.1 for 10%).
    pub credit: f64,
}

/// Built-in tier tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum CreditPreset {
    /// AWS compute, region level, monthly uptime (historical): <99.99% and ≥99.0% → 10%, <99.0% and ≥95.0% → 30%,
    /// <95.0% → 100%.
    AwsComputeRegion,
}

/// The credit table of a report: a preset or explicit tiers (exactly one).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreditTable {
    /// A built-in table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<CreditPreset>,
    /// Caller-supplied tiers, in any order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiers: Option<Vec<CreditTier>>,
}

/// AWS compute region-level tiers (from the reference; historical aws.amazon.com/compute/sla).
pub fn aws_compute_region() -> Vec<CreditTier> {
    vec![
        CreditTier { min: Some(0.99), max: Some(0.9999), credit: 0.10 },
        CreditTier { min: Some(0.95), max: Some(0.99), credit: 0.30 },
        CreditTier { min: None, max: Some(0.95), credit: 1.0 },
    ]
}

/// A validated tier table, sorted by lower bound.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditSchedule {
    /// The tiers, lowest availability first.
    pub tiers: Vec<CreditTier>,
}

impl CreditSchedule {
    /// Validate a table (paths under `path`): exactly one of preset/tiers; each bound a fraction; min < max;
    /// credit in [0, 1]; after sorting by `min`, each tier's `max` equals the next tier's `min` (a gap is
    /// `infeasible`, an overlap is `overlap`); only the lowest tier may omit `min`, only the highest may omit `max`.
    pub fn new(table: &CreditTable, path: &str) -> Result<Self> {
        let tiers = match (&table.preset, &table.tiers) {
            (Some(CreditPreset::AwsComputeRegion), None) => aws_compute_region(),
            (None, Some(t)) => t.clone(),
            (None, None) => {
                return Err(Error::new(ErrorCode::MissingField, path, "give `preset` or `tiers` for service credits"));
            }
            (Some(_), Some(_)) => {
                return Err(Error::new(ErrorCode::Infeasible, path, "give `preset` or `tiers`, not both"));
            }
        };
        let tiers_path = join_path(path, "tiers");
        check::list_len(tiers.len(), &tiers_path)?;
        let mut indexed: Vec<(usize, CreditTier)> = Vec::with_capacity(tiers.len());
        for (i, t) in tiers.iter().enumerate() {
            let p = index_path(&tiers_path, i);
            if let Some(m) = t.min {
                check::fraction(m, &join_path(&p, "min"))?;
            }
            if let Some(m) = t.max {
                check::fraction(m, &join_path(&p, "max"))?;
            }
            check::fraction(t.credit, &join_path(&p, "credit"))?;
            if t.max.unwrap_or(f64::INFINITY) <= t.min.unwrap_or(0.0) {
                return Err(Error::new(
                    ErrorCode::EndBeforeStart,
                    join_path(&p, "max"),
                    "a tier's max (exclusive) must be above its min (inclusive)",
                ));
            }
            indexed.push((i, *t));
        }
        crate::sort::sort_by(&mut indexed, |a, b| a.1.min.unwrap_or(-1.0).total_cmp(&b.1.min.unwrap_or(-1.0)));
        let last = indexed.len().saturating_sub(1);
        for (k, (i, t)) in indexed.iter().enumerate() {
            let p = index_path(&tiers_path, *i);
            if t.min.is_none() && k != 0 {
                return Err(Error::new(
                    ErrorCode::Overlap,
                    join_path(&p, "min"),
                    "only one tier may omit `min` (it means from 0); two such tiers overlap",
                ));
            }
            if t.max.is_none() && k != last {
                return Err(Error::new(
                    ErrorCode::Overlap,
                    join_path(&p, "max"),
                    "only the highest tier may omit `max`; this one overlaps the tiers above it",
                ));
            }
            if let Some((j, next)) = indexed.get(k + 1) {
                let (hi, lo) = (t.max.unwrap_or(f64::INFINITY), next.min.unwrap_or(0.0));
                let np = join_path(&index_path(&tiers_path, *j), "min");
                if hi > lo {
                    return Err(Error::new(
                        ErrorCode::Overlap,
                        np,
                        format!(
                            "tiers overlap: one runs up to {} (exclusive) but the next starts at {}",
                            crate::num::Num(hi),
                            crate::num::Num(lo)
                        ),
                    ));
                }
                if hi < lo {
                    return Err(Error::new(
                        ErrorCode::Infeasible,
                        np,
                        format!(
                            "tiers leave a gap from {} to {}: make each tier's max equal the next tier's min",
                            crate::num::Num(hi),
                            crate::num::Num(lo)
                        ),
                    ));
                }
            }
        }
        Ok(CreditSchedule { tiers: indexed.into_iter().map(|(_, t)| t).collect() })
    }

    /// The credit for an availability, and the index (in sorted order) of the tier that granted it. The
    /// availability is rounded to 12 decimal places first, so that 99.99% computed as (period − downtime) / period
    /// lands on the tier boundary rather than a hair below it.
    pub fn credit_for(&self, availability: f64) -> (f64, Option<usize>) {
        let a = (availability * 1e12).round() / 1e12;
        for (i, t) in self.tiers.iter().enumerate() {
            if a >= t.min.unwrap_or(f64::NEG_INFINITY) && a < t.max.unwrap_or(f64::INFINITY) {
                return (t.credit, Some(i));
            }
        }
        (0.0, None)
    }
}
