//! The SLA report: achieved availability over a period against a target, with downtime, allowance, margin, a
//! breakdown per sub-period and service credits.
//!
//! Conventions:
//! - the measured time is the period minus maintenance windows; availability = 1 − downtime / measured time;
//! - downtime is impact-weighted (see [`super::availability`]);
//! - allowed downtime = (1 − target) × measured time; the margin is allowed − downtime (negative when breached),
//!   the remaining allowance is the margin floored at 0, and the margin ratio is availability − target;
//! - met means downtime ≤ allowed downtime (to within a microsecond);
//! - for samples, counted time that no sample covers is reported as `unmeasuredSeconds` and counts as up;
//! - a sub-period wholly inside maintenance reports availability 1 (nothing could fail).

use serde::{Deserialize, Serialize};

use super::availability::{
    EventCounts, Outage, OverlapRule, SampleSeries, Segment, clip, downtime_within, length_within, merge_outages,
    merge_windows, sample_segments, subtract,
};
use super::credits::{CreditSchedule, CreditTable, CreditTier};
use super::period::PeriodSpec;
use crate::error::{Error, ErrorCode, Result, check};
use crate::time::{CalendarUnit, Interval, Timestamp, Zone, split_calendar};

/// The most sub-periods a breakdown may have.
const MAX_PIECES: usize = 10_000;

/// Input of [`sla_report`]. Give exactly one kind of evidence: `outages`, `samples` or `events`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SlaReportInput {
    /// The availability target, strictly between 0 and 1 (0.999).
    pub target: f64,
    /// The period measured.
    pub period: PeriodSpec,
    /// The zone of calendar periods and of the breakdown; UTC when absent.
    #[serde(default)]
    pub time_zone: Zone,
    /// Evidence: outages, in any order, possibly overlapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outages: Option<Vec<Outage>>,
    /// Evidence: a columnar time-sliced series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub samples: Option<SampleSeries>,
    /// Evidence: good/total event counts over the whole period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<EventCounts>,
    /// Maintenance windows, excluded from both downtime and the period. They may overlap one another.
    #[serde(default)]
    pub maintenance: Vec<Interval>,
    /// How overlapping outages combine; `max` when absent.
    #[serde(default)]
    pub overlap: OverlapRule,
    /// Split the period into calendar sub-periods (in `timeZone`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<CalendarUnit>,
    /// Service-credit tiers, applied to the whole period and to each sub-period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<CreditTable>,
}

/// The kind of evidence a report used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Evidence {
    /// Outage records.
    Outages,
    /// A time-sliced series.
    Samples,
    /// Aggregate good/total counts.
    Events,
}

/// The figures for one period or sub-period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodFigures {
    /// Start of the (sub-)period.
    pub start: Timestamp,
    /// End of the (sub-)period.
    pub end: Timestamp,
    /// Wall-clock length, seconds.
    pub period_seconds: f64,
    /// Maintenance inside it, seconds.
    pub maintenance_seconds: f64,
    /// period − maintenance: the time the SLA measures.
    pub measured_seconds: f64,
    /// Measured time no sample covered (counted as up); 0 for other evidence.
    pub unmeasured_seconds: f64,
    /// Impact-weighted downtime, seconds (for events: (1 − good/total) × measured time).
    pub downtime_seconds: f64,
    /// Wall-clock time with any outage, whatever its impact, seconds.
    pub outage_seconds: f64,
    /// 1 − downtime / measured.
    pub availability: f64,
    /// (1 − target) × measured.
    pub allowed_downtime_seconds: f64,
    /// max(0, allowed − downtime).
    pub remaining_allowance_seconds: f64,
    /// allowed − downtime; negative when breached.
    pub margin_seconds: f64,
    /// availability − target; negative when breached.
    pub margin_ratio: f64,
    /// downtime / allowed.
    pub allowance_used: f64,
    /// downtime ≤ allowed downtime.
    pub met: bool,
    /// The service credit (fraction of the bill) when a credit table was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<f64>,
}

/// How overlapping outages were combined.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OverlapNote {
    /// The rule applied.
    pub rule: OverlapRule,
    /// The rule in words.
    pub description: &'static str,
    /// Outages that began while another was in progress.
    pub overlapping_outages: usize,
}

/// One merged outage as counted: inside the period, outside maintenance, with its combined impact.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CountedOutage {
    /// Start.
    pub start: Timestamp,
    /// End.
    pub end: Timestamp,
    /// Combined impact.
    pub impact: f64,
    /// Impact-weighted seconds.
    pub downtime_seconds: f64,
}

/// The credit outcome for the whole period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditOutcome {
    /// The credit, a fraction of the bill (0 when no tier matched).
    pub credit: f64,
    /// The tier that matched, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<CreditTier>,
    /// The validated tiers, lowest availability first.
    pub tiers: Vec<CreditTier>,
}

/// Result of [`sla_report`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SlaReport {
    /// The target.
    pub target: f64,
    /// The evidence kind used.
    pub evidence: Evidence,
    /// The zone of calendar periods and breakdowns.
    pub time_zone: Zone,
    /// Figures for the whole period.
    #[serde(flatten)]
    pub figures: PeriodFigures,
    /// How overlapping outages combined (outage evidence only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overlap: Option<OverlapNote>,
    /// The outages as counted (outage evidence only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counted_outages: Option<Vec<CountedOutage>>,
    /// Figures per sub-period, when a breakdown was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<Vec<PeriodFigures>>,
    /// Service credits, when a table was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credits: Option<CreditOutcome>,
}

struct Ctx<'a> {
    target: f64,
    segments: &'a [Segment],
    maintenance: &'a [(i64, i64)],
    covered: Option<(i64, i64)>,
    event_ratio: Option<f64>,
    credits: Option<&'a CreditSchedule>,
}

impl Ctx<'_> {
    fn figures(&self, iv: Interval) -> PeriodFigures {
        let (s, e) = (iv.start.millis(), iv.end.millis());
        let period_ms = e - s;
        let maint_ms = length_within(self.maintenance, s, e);
        let measured_ms = period_ms - maint_ms;
        let unmeasured_ms = match self.covered {
            Some((cs, ce)) => {
                let counted = subtract(s, e, self.maintenance);
                let inside = counted.iter().map(|&(a, b)| (b.min(ce) - a.max(cs)).max(0)).sum::<i64>();
                measured_ms - inside
            }
            None => 0,
        };
        let measured = measured_ms as f64 / 1000.0;
        let (downtime, outage) = match self.event_ratio {
            Some(r) => ((1.0 - r) * measured, (1.0 - r) * measured),
            None => {
                let (w, wall) = downtime_within(self.segments, s, e);
                (w / 1000.0, wall as f64 / 1000.0)
            }
        };
        let availability = if measured_ms > 0 { crate::num::clamp(1.0 - downtime / measured, 0.0, 1.0) } else { 1.0 };
        let allowed = (1.0 - self.target) * measured;
        let margin = allowed - downtime;
        PeriodFigures {
            start: iv.start,
            end: iv.end,
            period_seconds: period_ms as f64 / 1000.0,
            maintenance_seconds: maint_ms as f64 / 1000.0,
            measured_seconds: measured,
            unmeasured_seconds: unmeasured_ms as f64 / 1000.0,
            downtime_seconds: downtime,
            outage_seconds: outage,
            availability,
            allowed_downtime_seconds: allowed,
            remaining_allowance_seconds: margin.max(0.0),
            margin_seconds: margin,
            margin_ratio: availability - self.target,
            allowance_used: if allowed > 0.0 { downtime / allowed } else { 0.0 },
            met: downtime <= allowed + 1e-6,
            credit: self.credits.map(|c| c.credit_for(availability).0),
        }
    }
}

/// Build the SLA report. Errors: a bad target; a bad period; no evidence or more than one kind (`missing_field` /
/// `infeasible` at the root); bad outages (`outages[i].end`, `outages[i].impact`), samples or events; bad
/// maintenance windows; maintenance covering the whole period (`infeasible` at `maintenance`); a breakdown or
/// maintenance with aggregate events (`unsupported`); a bad credit table.
pub fn sla_report(input: &SlaReportInput) -> Result<SlaReport> {
    let target = check::target(input.target, "target")?;
    let period = input.period.resolve(input.time_zone, "period")?;
    let maintenance = merge_windows(&input.maintenance, "maintenance")?;
    let credits = match &input.credits {
        Some(t) => Some(CreditSchedule::new(t, "credits")?),
        None => None,
    };
    let (ps, pe) = (period.start.millis(), period.end.millis());
    let counted = subtract(ps, pe, &maintenance);
    if counted.is_empty() {
        return Err(Error::new(
            ErrorCode::Infeasible,
            "maintenance",
            "maintenance covers the whole period, so there is no time left to measure",
        ));
    }
    let mut overlap = None;
    let mut covered = None;
    let mut event_ratio = None;
    let (evidence, segments) = match (&input.outages, &input.samples, &input.events) {
        (Some(outages), None, None) => {
            let (segs, n) = merge_outages(outages, input.overlap, "outages")?;
            overlap = Some(OverlapNote {
                rule: input.overlap,
                description: input.overlap.describe(),
                overlapping_outages: n,
            });
            (Evidence::Outages, clip(&segs, &counted))
        }
        (None, Some(samples), None) => {
            let (segs, cov) = sample_segments(samples, "samples")?;
            covered = Some((cov.start.millis(), cov.end.millis()));
            (Evidence::Samples, clip(&segs, &counted))
        }
        (None, None, Some(ev)) => {
            let total = check::non_negative(ev.total, "events.total")?;
            let good = check::non_negative(ev.good, "events.good")?;
            if total == 0.0 {
                return Err(Error::new(ErrorCode::InsufficientData, "events.total", "no events: total is 0"));
            }
            if good > total {
                return Err(Error::new(ErrorCode::OutOfRange, "events.good", "good cannot exceed total"));
            }
            if !maintenance.is_empty() {
                return Err(Error::new(
                    ErrorCode::Unsupported,
                    "maintenance",
                    "aggregate event counts carry no timestamps, so maintenance cannot be cut out of them; give samples with good/total per slice instead",
                ));
            }
            if input.breakdown.is_some() {
                return Err(Error::new(
                    ErrorCode::Unsupported,
                    "breakdown",
                    "aggregate event counts cannot be split by sub-period; give samples with good/total per slice instead",
                ));
            }
            event_ratio = Some(good / total);
            (Evidence::Events, Vec::new())
        }
        (None, None, None) => {
            return Err(Error::new(
                ErrorCode::MissingField,
                "",
                "give the evidence as `outages` (possibly []), `samples` or `events`",
            ));
        }
        _ => {
            return Err(Error::new(
                ErrorCode::Infeasible,
                "",
                "give exactly one kind of evidence: `outages`, `samples` or `events`",
            ));
        }
    };
    let ctx =
        Ctx { target, segments: &segments, maintenance: &maintenance, covered, event_ratio, credits: credits.as_ref() };
    let figures = ctx.figures(period);
    let breakdown = match input.breakdown {
        Some(unit) => {
            let pieces =
                split_calendar(period, unit, input.time_zone, MAX_PIECES).map_err(|e| e.within("breakdown"))?;
            Some(pieces.into_iter().map(|iv| ctx.figures(iv)).collect())
        }
        None => None,
    };
    let counted_outages = match evidence {
        Evidence::Outages => Some(
            segments
                .iter()
                .map(|s| {
                    Ok(CountedOutage {
                        start: Timestamp::from_millis(s.start, "outages")?,
                        end: Timestamp::from_millis(s.end, "outages")?,
                        impact: s.impact,
                        downtime_seconds: (s.end - s.start) as f64 / 1000.0 * s.impact,
                    })
                })
                .collect::<Result<Vec<_>>>()?,
        ),
        _ => None,
    };
    let credits = credits.map(|c| {
        let (credit, idx) = c.credit_for(figures.availability);
        CreditOutcome { credit, tier: idx.and_then(|i| c.tiers.get(i).copied()), tiers: c.tiers.clone() }
    });
    Ok(SlaReport {
        target,
        evidence,
        time_zone: input.time_zone,
        figures,
        overlap,
        counted_outages,
        breakdown,
        credits,
    })
}
