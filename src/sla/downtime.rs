//! Allowed downtime for an availability target: per standard period, under an explicit month/year convention,
//! or exactly for a given `{start, end}`.

use serde::{Deserialize, Serialize};

use crate::error::{Result, check};
use crate::time::Interval;

const DAY: f64 = 86_400.0;

/// How long a month, quarter and year are. Published tables disagree, so the choice is always explicit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Convention {
    /// Year = 365.2425 days (the Gregorian mean), month = year / 12, quarter = year / 4. uptime.is uses this.
    #[default]
    Gregorian,
    /// Month = 30 days, quarter = 90 days, year = 365 days.
    Days30,
    /// Year = 365 days, month = 365 / 12 days, quarter = 365 / 4 days.
    Days365,
}

impl Convention {
    /// Seconds in a (month, quarter, year) under this convention.
    pub fn lengths(self) -> (f64, f64, f64) {
        match self {
            Convention::Gregorian => {
                let year = 365.2425 * DAY;
                (year / 12.0, year / 4.0, year)
            }
            Convention::Days30 => (30.0 * DAY, 90.0 * DAY, 365.0 * DAY),
            Convention::Days365 => {
                let year = 365.0 * DAY;
                (year / 12.0, year / 4.0, year)
            }
        }
    }
}

/// What to compute the allowance for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DowntimeQuery {
    /// The availability target, a fraction strictly between 0 and 1 (0.999 for "three nines").
    pub target: f64,
    /// The month/quarter/year convention; Gregorian when absent.
    #[serde(default)]
    pub convention: Convention,
    /// An explicit period whose exact allowance is also wanted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Interval>,
}

/// The allowance for one period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Allowance {
    /// The period's length in seconds.
    pub period_seconds: f64,
    /// The downtime the target allows in that period, in seconds.
    pub allowed_seconds: f64,
}

/// The allowance for an explicit period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodAllowance {
    /// The period.
    #[serde(flatten)]
    pub interval: Interval,
    /// Its exact allowance.
    #[serde(flatten)]
    pub allowance: Allowance,
}

/// Allowed downtime per standard period (and for the explicit period, when one was given).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DowntimeTable {
    /// The target the table is for.
    pub target: f64,
    /// The convention used for month, quarter and year.
    pub convention: Convention,
    /// The error budget as a fraction of time: 1 − target.
    pub budget_fraction: f64,
    /// Per day (86 400 s).
    pub day: Allowance,
    /// Per week (604 800 s).
    pub week: Allowance,
    /// Per month, under the convention.
    pub month: Allowance,
    /// Per quarter, under the convention.
    pub quarter: Allowance,
    /// Per year, under the convention.
    pub year: Allowance,
    /// The explicit period, when one was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<PeriodAllowance>,
}

/// The allowed downtime for `query.target`.
///
/// A target must lie strictly between 0 and 1: a target of exactly 1 (100%) leaves no budget, and opscore
/// reports that as an `out_of_range` error rather than a table of zeros, because every budget ratio derived
/// from it would divide by zero.
pub fn allowed_downtime(query: &DowntimeQuery) -> Result<DowntimeTable> {
    let target = check::target(query.target, "target")?;
    let budget = 1.0 - target;
    let allow = |period_seconds: f64| Allowance { period_seconds, allowed_seconds: period_seconds * budget };
    let (month, quarter, year) = query.convention.lengths();
    let period = match query.period {
        Some(interval) => {
            interval.validate("period")?;
            Some(PeriodAllowance { interval, allowance: allow(interval.secs()) })
        }
        None => None,
    };
    Ok(DowntimeTable {
        target,
        convention: query.convention,
        budget_fraction: budget,
        day: allow(DAY),
        week: allow(7.0 * DAY),
        month: allow(month),
        quarter: allow(quarter),
        year: allow(year),
        period,
    })
}
