//! Multi-window, multi-burn-rate alert tiers (SRE Workbook, "Alerting on SLOs"; Sloth's catalogue).
//!
//! A tier fires when the burn rate over both its long and its short window exceeds its threshold. Generated tiers
//! follow the budget-consumed rule: a tier that should fire when `budgetConsumed` of the budget burns within its
//! long window has burn rate = budgetConsumed × W / longWindow, where W is the SLO window. For W = 30 days this gives
//! the Workbook/Sloth figures: 14.4 (1h/5m, 2%), 6 (6h/30m, 5%), 3 (1d/2h, 10%) and 1 (3d/6h, 10%).

use serde::{Deserialize, Serialize};

use super::duration::{Dur, format_seconds};
use super::slo::{ResolvedSlo, Slo};
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};

/// A tier as the caller writes it: give `burnRate`, or `budgetConsumed` to derive it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct TierSpec {
    /// A name for the tier. Default "<severity>-<longWindow>".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// "page", "ticket", or any label. Default "page" when the tier consumes at most 5% of the budget within its
    /// long window (a fast burn), otherwise "ticket".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    /// The long window (seconds or "1h").
    pub long_window: Dur,
    /// The short window. Default longWindow / 12.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_window: Option<Dur>,
    /// The burn-rate threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub burn_rate: Option<f64>,
    /// The budget fraction consumed within the long window at the threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_consumed: Option<f64>,
}

/// A resolved alert tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AlertTier {
    /// The tier's name.
    pub name: String,
    /// "page", "ticket" or the caller's label.
    pub severity: String,
    /// The long window as shorthand ("1h").
    pub long_window: String,
    /// The long window in seconds.
    pub long_window_seconds: f64,
    /// The short window as shorthand ("5m").
    pub short_window: String,
    /// The short window in seconds.
    pub short_window_seconds: f64,
    /// The burn-rate threshold (fires when both windows burn faster than this).
    pub burn_rate: f64,
    /// The error-rate threshold: burnRate × (1 − objective).
    pub error_rate: f64,
    /// The budget fraction consumed within the long window at the threshold: burnRate × longWindow / W.
    pub budget_consumed: f64,
    /// Whether the tier can fire at all: false when burnRate exceeds 1 / (1 − objective), the burn of 100% errors.
    pub reachable: bool,
}

/// Input of [`alert_tiers`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AlertTiersInput {
    /// The SLO.
    pub slo: Slo,
    /// Caller tiers; default the four Workbook/Sloth tiers scaled to the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiers: Option<Vec<TierSpec>>,
}

/// The generated tiers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AlertTiers {
    /// The window length W the tiers were scaled by (calendar windows: 7, 30, 90 or 365 days nominal).
    pub window_seconds: f64,
    /// The highest possible burn rate: 1 / (1 − objective).
    pub max_burn_rate: f64,
    /// The tiers.
    pub tiers: Vec<AlertTier>,
}

/// The default catalogue: (severity, long window, budget consumed). Short windows are long / 12.
pub const DEFAULT_TIERS: [(&str, f64, f64); 4] =
    [("page", 3_600.0, 0.02), ("page", 21_600.0, 0.05), ("ticket", 86_400.0, 0.10), ("ticket", 259_200.0, 0.10)];

/// Resolve caller tiers (or the defaults) for a resolved SLO. Paths under `path` (`tiers`).
pub fn resolve_tiers(slo: &ResolvedSlo, specs: Option<&[TierSpec]>, path: &str) -> Result<Vec<AlertTier>> {
    let w = slo.window.nominal_seconds();
    let max_burn = 1.0 / slo.budget_rate();
    let make = |name: Option<String>, severity: String, long: f64, short: f64, burn: f64| {
        let long_s = format_seconds(long);
        AlertTier {
            name: name.unwrap_or_else(|| format!("{severity}-{long_s}")),
            severity,
            long_window: long_s,
            long_window_seconds: long,
            short_window: format_seconds(short),
            short_window_seconds: short,
            burn_rate: burn,
            error_rate: burn * slo.budget_rate(),
            budget_consumed: burn * long / w,
            reachable: burn < max_burn,
        }
    };
    let Some(specs) = specs else {
        return Ok(DEFAULT_TIERS
            .iter()
            .map(|&(sev, long, consumed)| make(None, sev.to_string(), long, long / 12.0, consumed * w / long))
            .collect());
    };
    check::list_len(specs.len(), path)?;
    check::max_len(specs.len(), path)?;
    if specs.len() > 100 {
        return Err(Error::new(ErrorCode::TooLarge, path, "at most 100 alert tiers"));
    }
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let p = index_path(path, i);
            let long = s.long_window.positive(&join_path(&p, "longWindow"))?;
            let short = match s.short_window {
                Some(d) => d.positive(&join_path(&p, "shortWindow"))?,
                None => long / 12.0,
            };
            if short > long {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    join_path(&p, "shortWindow"),
                    format!(
                        "the short window ({} s) must not be longer than the long window ({} s)",
                        crate::num::Num(short),
                        crate::num::Num(long)
                    ),
                ));
            }
            let burn = match (s.burn_rate, s.budget_consumed) {
                (Some(b), None) => {
                    let b = check::finite(b, &join_path(&p, "burnRate"))?;
                    if b <= 0.0 {
                        return Err(Error::new(
                            ErrorCode::OutOfRange,
                            join_path(&p, "burnRate"),
                            "burnRate must be > 0",
                        ));
                    }
                    b
                }
                (None, Some(c)) => {
                    let c = check::fraction(c, &join_path(&p, "budgetConsumed"))?;
                    if c <= 0.0 {
                        return Err(Error::new(
                            ErrorCode::OutOfRange,
                            join_path(&p, "budgetConsumed"),
                            "budgetConsumed must be > 0",
                        ));
                    }
                    c * w / long
                }
                (Some(_), Some(_)) => {
                    return Err(Error::new(
                        ErrorCode::Unsupported,
                        join_path(&p, "budgetConsumed"),
                        "give burnRate or budgetConsumed, not both",
                    ));
                }
                (None, None) => {
                    return Err(Error::new(
                        ErrorCode::MissingField,
                        join_path(&p, "burnRate"),
                        "a tier needs burnRate or budgetConsumed",
                    ));
                }
            };
            let severity = s
                .severity
                .clone()
                .unwrap_or_else(|| if burn * long / w <= 0.05 { "page".to_string() } else { "ticket".to_string() });
            Ok(make(s.name.clone(), severity, long, short, burn))
        })
        .collect()
}

/// Alert tiers for an SLO: the default catalogue scaled to its window, or the caller's tiers resolved.
pub fn alert_tiers(input: &AlertTiersInput) -> Result<AlertTiers> {
    let slo = input.slo.resolve("slo")?;
    let tiers = resolve_tiers(&slo, input.tiers.as_deref(), "tiers")?;
    Ok(AlertTiers { window_seconds: slo.window.nominal_seconds(), max_burn_rate: 1.0 / slo.budget_rate(), tiers })
}
