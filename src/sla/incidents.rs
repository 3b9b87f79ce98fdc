//! Incident metrics: MTTD, MTTA, MTTR, MTIR, MTBF and MTTF, overall and per severity, each with the definition it
//! used. Sources disagree on these names, so every metric in the output carries its definition.
//!
//! Definitions (durations in seconds):
//! - MTTD, time to detect: `detectedAt − start`, over incidents with `detectedAt`;
//! - MTTA, time to acknowledge: `acknowledgedAt − detectedAt` (the alert), or `acknowledgedAt − start` when there
//!   is no `detectedAt`, over incidents with `acknowledgedAt`;
//! - MTTR, time to recover: `resolvedAt − start` by default; `mttrFrom` can measure from `detected` or
//!   `acknowledged` instead (incidents lacking that field are left out);
//! - MTIR, time to incident resolution: `resolvedAt − detectedAt` (`start` when there is no `detectedAt`);
//! - MTBF: total uptime in the observation period / number of failures, where uptime is the period minus the union
//!   of incidents and the failures are the incidents that start inside the period. The observation period is
//!   `period` when given, else first start to last resolution. MTBF is a ratio, not an average, so the mean/median
//!   choice does not apply to it;
//! - MTTF: the average up-time run that ends in a failure: from the period start (or the previous recovery) to
//!   each incident's start. Uptime after the last failure is not a run to failure and is not counted.
//!
//! `statistic` chooses mean (default) or median. The median of an even count is the mean of the two middle values.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::time::{Interval, Timestamp};

/// One incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Incident {
    /// An optional identifier, echoed in nothing but useful to the caller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// When the failure began.
    pub start: Timestamp,
    /// When it was detected (alerted), at or after `start` and not after `resolvedAt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detected_at: Option<Timestamp>,
    /// When someone acknowledged it, at or after `detectedAt` (or `start`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged_at: Option<Timestamp>,
    /// When service was restored, after `start`.
    pub resolved_at: Timestamp,
    /// A severity label such as "SEV1" or "P2".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
}

/// Mean or median.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Statistic {
    /// The arithmetic mean.
    #[default]
    Mean,
    /// The median; for an even count, the mean of the two middle values.
    Median,
}

/// Where MTTR starts its clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum MttrFrom {
    /// From the incident start (time to recover). The default.
    #[default]
    Start,
    /// From detection.
    Detected,
    /// From acknowledgement (time to repair, once someone is on it).
    Acknowledged,
}

/// Input of [`incident_metrics`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct IncidentInput {
    /// The incidents, in any order.
    pub incidents: Vec<Incident>,
    /// Mean (default) or median.
    #[serde(default)]
    pub statistic: Statistic,
    /// Where MTTR starts; `start` by default.
    #[serde(default)]
    pub mttr_from: MttrFrom,
    /// The observation period for MTBF and MTTF; first start to last resolution when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Interval>,
}

/// One metric: its value in seconds (absent when no incident had the fields it needs), how many incidents it
/// used, and its definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metric {
    /// Seconds; absent when nothing could be measured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
    /// Incidents (or up-time runs) that contributed.
    pub count: usize,
    /// What was measured.
    pub definition: String,
}

/// The metric set for a group of incidents.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricSet {
    /// Incidents in the group.
    pub incidents: usize,
    /// Mean time to detect.
    pub mttd: Metric,
    /// Mean time to acknowledge.
    pub mtta: Metric,
    /// Mean time to recover (see `mttrFrom`).
    pub mttr: Metric,
    /// Mean time to incident resolution.
    pub mtir: Metric,
    /// Mean time between failures.
    pub mtbf: Metric,
    /// Mean time to failure.
    pub mttf: Metric,
    /// Uptime in the observation period, seconds (period minus the union of this group's incidents).
    pub uptime_seconds: f64,
    /// Downtime: the union of this group's incidents inside the period, seconds.
    pub downtime_seconds: f64,
}

/// One severity's metrics.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeverityMetrics {
    /// The severity label ("unspecified" for incidents without one).
    pub severity: String,
    /// Its metrics.
    #[serde(flatten)]
    pub metrics: MetricSet,
}

/// Result of [`incident_metrics`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IncidentMetrics {
    /// The statistic used.
    pub statistic: Statistic,
    /// The observation period used for MTBF and MTTF.
    pub period: Interval,
    /// All incidents.
    pub overall: MetricSet,
    /// Per severity, in label order.
    pub by_severity: Vec<SeverityMetrics>,
}

fn summarize(mut xs: Vec<f64>, stat: Statistic) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    match stat {
        Statistic::Mean => Some(xs.iter().sum::<f64>() / xs.len() as f64),
        Statistic::Median => {
            crate::radix::sort_f64(&mut xs);
            let n = xs.len();
            let hi = xs.get(n / 2).copied();
            if n % 2 == 1 { hi } else { Some((xs.get(n / 2 - 1).copied()? + hi?) / 2.0) }
        }
    }
}

fn validate(inc: &Incident, path: &str) -> Result<()> {
    Interval { start: inc.start, end: inc.resolved_at }
        .validate(path)
        .map_err(|e| e.at(join_path(path, "resolvedAt")))?;
    if let Some(d) = inc.detected_at
        && (d < inc.start || d > inc.resolved_at)
    {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            join_path(path, "detectedAt"),
            format!("detectedAt ({d}) must lie between start ({}) and resolvedAt ({})", inc.start, inc.resolved_at),
        ));
    }
    if let Some(a) = inc.acknowledged_at {
        let from = inc.detected_at.unwrap_or(inc.start);
        if a < from {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                join_path(path, "acknowledgedAt"),
                format!("acknowledgedAt ({a}) cannot be before detection or start ({from})"),
            ));
        }
    }
    Ok(())
}

fn metric_set(incs: &[&Incident], period: Interval, stat: Statistic, from: MttrFrom) -> MetricSet {
    let word = match stat {
        Statistic::Mean => "mean",
        Statistic::Median => "median",
    };
    let secs = |a: Timestamp, b: Timestamp| a.secs_until(b);
    let ttd: Vec<f64> = incs.iter().filter_map(|i| i.detected_at.map(|d| secs(i.start, d))).collect();
    let tta: Vec<f64> =
        incs.iter().filter_map(|i| i.acknowledged_at.map(|a| secs(i.detected_at.unwrap_or(i.start), a))).collect();
    let ttr: Vec<f64> = incs
        .iter()
        .filter_map(|i| {
            let s = match from {
                MttrFrom::Start => Some(i.start),
                MttrFrom::Detected => i.detected_at,
                MttrFrom::Acknowledged => i.acknowledged_at,
            }?;
            Some(secs(s, i.resolved_at))
        })
        .collect();
    let tir: Vec<f64> = incs.iter().map(|i| secs(i.detected_at.unwrap_or(i.start), i.resolved_at)).collect();
    // Union of incidents inside the period, and up-time runs ending in a failure.
    let (ps, pe) = (period.start.millis(), period.end.millis());
    let mut spans: Vec<(i64, i64)> = incs
        .iter()
        .map(|i| (i.start.millis().max(ps), i.resolved_at.millis().min(pe)))
        .filter(|(s, e)| e > s)
        .collect();
    crate::sort::sort(&mut spans);
    let mut down = 0i64;
    let mut cursor = ps;
    let mut runs: Vec<f64> = Vec::new();
    for (s, e) in spans {
        if s >= cursor {
            runs.push((s - cursor) as f64 / 1000.0);
        }
        let from = s.max(cursor);
        if e > from {
            down += e - from;
        }
        cursor = cursor.max(e);
    }
    let period_s = period.secs();
    let down_s = down as f64 / 1000.0;
    let uptime = period_s - down_s;
    let failures = incs.iter().filter(|i| period.contains(i.start)).count();
    let mk = |v: Vec<f64>, def: String| Metric { count: v.len(), seconds: summarize(v, stat), definition: def };
    let mttr_def = match from {
        MttrFrom::Start => "from incident start to resolution (resolvedAt − start)",
        MttrFrom::Detected => "from detection to resolution (resolvedAt − detectedAt)",
        MttrFrom::Acknowledged => "from acknowledgement to resolution (resolvedAt − acknowledgedAt)",
    };
    MetricSet {
        incidents: incs.len(),
        mttd: mk(ttd, format!("MTTD: {word} time to detect, from incident start to detection (detectedAt − start)")),
        mtta: mk(
            tta,
            format!(
                "MTTA: {word} time to acknowledge, from the alert to acknowledgement (acknowledgedAt − detectedAt, or − start without detectedAt)"
            ),
        ),
        mttr: mk(ttr, format!("MTTR: {word} time to recover, {mttr_def}")),
        mtir: mk(
            tir,
            format!(
                "MTIR: {word} time to incident resolution, from detection to resolution (resolvedAt − detectedAt, or − start without detectedAt)"
            ),
        ),
        mtbf: Metric {
            seconds: (failures > 0).then(|| uptime / failures as f64),
            count: failures,
            definition: "MTBF: total uptime in the observation period (period minus the union of incidents) divided by the number of failures starting in it".to_string(),
        },
        mttf: mk(
            runs,
            format!(
                "MTTF: {word} up-time run ending in a failure, from the period start or the previous recovery to the next incident start"
            ),
        ),
        uptime_seconds: uptime,
        downtime_seconds: down_s,
    }
}

/// Compute incident metrics. Errors: an empty list; `resolvedAt` not after `start` (`incidents[i].resolvedAt`);
/// `detectedAt` outside [start, resolvedAt]; `acknowledgedAt` before detection; a bad period.
pub fn incident_metrics(input: &IncidentInput) -> Result<IncidentMetrics> {
    check::list_len(input.incidents.len(), "incidents")?;
    for (i, inc) in input.incidents.iter().enumerate() {
        validate(inc, &index_path("incidents", i))?;
    }
    let period = match input.period {
        Some(p) => {
            p.validate("period")?;
            p
        }
        None => {
            let start = input.incidents.iter().map(|i| i.start).min();
            let end = input.incidents.iter().map(|i| i.resolved_at).max();
            match (start, end) {
                (Some(s), Some(e)) => Interval::new(s, e, "period")?,
                _ => return Err(Error::new(ErrorCode::Empty, "incidents", "no incidents")),
            }
        }
    };
    let all: Vec<&Incident> = input.incidents.iter().collect();
    let overall = metric_set(&all, period, input.statistic, input.mttr_from);
    // Grouped by severity in name order, each group in input order (a stable sort, then runs of one severity).
    fn severity(inc: &Incident) -> &str {
        inc.severity.as_deref().unwrap_or("unspecified")
    }
    let mut sorted = all;
    crate::sort::sort_by(&mut sorted, |a, b| severity(a).cmp(severity(b)));
    let by_severity = sorted
        .chunk_by(|a, b| severity(a) == severity(b))
        .map(|incs| SeverityMetrics {
            severity: incs.first().map_or("", |inc| severity(inc)).to_string(),
            metrics: metric_set(incs, period, input.statistic, input.mttr_from),
        })
        .collect();
    Ok(IncidentMetrics { statistic: input.statistic, period, overall, by_severity })
}
