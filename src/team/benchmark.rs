//! DORA benchmark sets: the tier cut-offs of a given State of DevOps report, as named, versioned data.
//!
//! Tiers come from each year's cluster analysis, so they differ by year. Published ranges leave gaps (DORA 2021
//! has nothing between "< 1 hour" and "1 day") and sometimes repeat (DORA 2023 gives "weekly to monthly" for both
//! medium and low). opscore turns every published table into ordered cut-offs, best tier first, and a value gets
//! the **first tier whose bound it meets**; a value in a gap therefore falls to the next tier down, and a value
//! beyond every bound gets `low`. A month is 30 days and six months 180 days throughout.

use serde::{Deserialize, Serialize};

const HOUR: f64 = 3_600.0;
const DAY: f64 = 86_400.0;
const WEEK: f64 = 7.0 * DAY;
const MONTH: f64 = 30.0 * DAY;

/// A named, versioned set of DORA cut-offs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum BenchmarkSet {
    /// The 2021 State of DevOps report, p. 9.
    #[serde(rename = "dora-2021")]
    Dora2021,
    /// The 2023 report (elite from the official infographic, other tiers via Octopus's summary). The default.
    #[default]
    #[serde(rename = "dora-2023")]
    Dora2023,
}

/// A DORA performance tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Tier {
    /// The best cluster.
    Elite,
    /// The second cluster.
    High,
    /// The third cluster.
    Medium,
    /// The last cluster, and any value beyond every published bound.
    Low,
}

impl Tier {
    /// Points for the team-health score: elite 100, high 75, medium 50, low 25.
    pub fn points(self) -> f64 {
        match self {
            Tier::Elite => 100.0,
            Tier::High => 75.0,
            Tier::Medium => 50.0,
            Tier::Low => 25.0,
        }
    }
}

/// Which way a metric improves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Better {
    /// Smaller is better: the bound is a maximum.
    Lower,
    /// Larger is better: the bound is a minimum.
    Higher,
}

/// One cut-off: a tier is met when the value is within `bound` (strictly, when `strict`).
#[derive(Debug, Clone, Copy)]
struct Cut {
    tier: Tier,
    bound: f64,
    strict: bool,
    text: &'static str,
}

const fn cut(tier: Tier, bound: f64, strict: bool, text: &'static str) -> Cut {
    Cut { tier, bound, strict, text }
}

/// The DORA keys opscore classifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Key {
    /// Deployments per day.
    DeploymentFrequency,
    /// Median change lead time, seconds.
    LeadTime,
    /// Failed deployments / deployments, a fraction.
    ChangeFailRate,
    /// Median failed deployment recovery time (time to restore), seconds.
    RecoveryTime,
}

/// A classification of one value against a benchmark set.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Classification {
    /// The tier the value falls in.
    pub tier: Tier,
    /// The benchmark set used.
    pub benchmark: BenchmarkSet,
    /// The value classified (deployments per day, seconds, or a fraction).
    pub value: f64,
    /// The cut-off that placed it, in words ("< 1 hour", "≥ 1 per week").
    pub rule: String,
    /// A caveat about the published table, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl BenchmarkSet {
    /// The stable name, `dora-2021` or `dora-2023`.
    pub fn name(self) -> &'static str {
        match self {
            BenchmarkSet::Dora2021 => "dora-2021",
            BenchmarkSet::Dora2023 => "dora-2023",
        }
    }

    fn cuts(self, key: Key) -> (Better, Vec<Cut>) {
        use Tier::*;
        match (self, key) {
            (BenchmarkSet::Dora2021, Key::DeploymentFrequency) => (
                Better::Higher,
                vec![
                    cut(Elite, 1.0, false, "on demand: ≥ 1 per day"),
                    cut(High, 1.0 / 30.0, false, "between once per week and once per month: ≥ 1 per 30 days"),
                    cut(Medium, 1.0 / 180.0, false, "between once per month and once every 6 months: ≥ 1 per 180 days"),
                ],
            ),
            (BenchmarkSet::Dora2021, Key::LeadTime) => (
                Better::Lower,
                vec![
                    cut(Elite, HOUR, true, "< 1 hour"),
                    cut(High, WEEK, false, "1 day – 1 week (≤ 1 week)"),
                    cut(Medium, 6.0 * MONTH, false, "1 – 6 months (≤ 180 days)"),
                ],
            ),
            (BenchmarkSet::Dora2021, Key::RecoveryTime) => (
                Better::Lower,
                vec![
                    cut(Elite, HOUR, true, "< 1 hour"),
                    cut(High, DAY, true, "< 1 day"),
                    cut(Medium, WEEK, false, "1 day – 1 week (≤ 1 week)"),
                ],
            ),
            (BenchmarkSet::Dora2021, Key::ChangeFailRate) => {
                (Better::Lower, vec![cut(Elite, 0.15, false, "0–15%"), cut(High, 0.30, false, "16–30%")])
            }
            (BenchmarkSet::Dora2023, Key::DeploymentFrequency) => (
                Better::Higher,
                vec![
                    cut(Elite, 1.0, false, "on demand: ≥ 1 per day"),
                    cut(High, 1.0 / 7.0, false, "daily to weekly: ≥ 1 per week"),
                    cut(Medium, 1.0 / 30.0, false, "weekly to monthly: ≥ 1 per 30 days"),
                ],
            ),
            (BenchmarkSet::Dora2023, Key::LeadTime) => (
                Better::Lower,
                vec![
                    cut(Elite, DAY, true, "< 1 day"),
                    cut(High, WEEK, false, "1 day – 1 week (≤ 1 week)"),
                    cut(Medium, MONTH, false, "1 week – 1 month (≤ 30 days)"),
                ],
            ),
            (BenchmarkSet::Dora2023, Key::RecoveryTime) => (
                Better::Lower,
                vec![
                    cut(Elite, HOUR, true, "< 1 hour"),
                    cut(High, DAY, true, "< 1 day"),
                    cut(Medium, WEEK, false, "1 day – 1 week (≤ 1 week)"),
                ],
            ),
            (BenchmarkSet::Dora2023, Key::ChangeFailRate) => (
                Better::Lower,
                vec![
                    cut(Elite, 0.05, false, "≤ 5%"),
                    cut(High, 0.10, false, "≤ 10%"),
                    cut(Medium, 0.15, false, "≤ 15%"),
                ],
            ),
        }
    }

    fn note(self, key: Key, tier: Tier) -> Option<String> {
        match (self, key, tier) {
            (BenchmarkSet::Dora2021, Key::ChangeFailRate, Tier::High) => Some(
                "DORA 2021 gives 16–30% for high, medium and low alike; opscore reports the best tier the range allows"
                    .to_string(),
            ),
            (BenchmarkSet::Dora2021, Key::ChangeFailRate, Tier::Low) => {
                Some("above every range DORA 2021 published (0–30%)".to_string())
            }
            (BenchmarkSet::Dora2023, Key::LeadTime | Key::DeploymentFrequency, Tier::Low) => Some(
                "DORA 2023 publishes the same range for medium and low; values beyond the medium bound are low"
                    .to_string(),
            ),
            (BenchmarkSet::Dora2023, Key::ChangeFailRate, _) => Some(
                "DORA 2023 publishes cluster averages (5%, 10%, 15%, 64%); opscore uses each as the tier's upper bound"
                    .to_string(),
            ),
            _ => None,
        }
    }

    /// Classify `value` for `key` under this set.
    pub fn classify(self, key: Key, value: f64) -> Classification {
        let (better, cuts) = self.cuts(key);
        let met = |c: &Cut| match (better, c.strict) {
            (Better::Lower, true) => value < c.bound,
            (Better::Lower, false) => value <= c.bound,
            (Better::Higher, true) => value > c.bound,
            (Better::Higher, false) => value >= c.bound,
        };
        let (tier, rule) = match cuts.iter().find(|c| met(c)) {
            Some(c) => (c.tier, c.text.to_string()),
            None => (Tier::Low, "beyond every higher tier's bound".to_string()),
        };
        Classification { tier, benchmark: self, value, rule, note: self.note(key, tier) }
    }
}
