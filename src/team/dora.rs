//! The four (five) DORA keys from deployments and incidents: deployment frequency, change lead time, change fail
//! rate, failed deployment recovery time, and rework rate where the data allows it. Each is classified against a
//! named benchmark set ([`BenchmarkSet`]) and shows the counts behind it.
//!
//! Conventions:
//! - a deployment **failed** when it says `failed: true`, names the incidents it caused, or has a `recoveredAt`;
//!   change fail rate is failed deployments / deployments, never incidents / deployments;
//! - lead time is measured per change: each commit time gives one change (deploy − commit); `leadTimeSeconds`
//!   gives one change for deployments that only know their lead time;
//! - recovery time of a failed deployment runs from the deployment to its `recoveredAt`, or else to the last
//!   resolution of the incidents it caused (DevLake's FDRT);
//! - without an explicit `period`, the observation window runs from local midnight of the first deployment's day
//!   to local midnight after the last deployment's day, in `timeZone`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::benchmark::{BenchmarkSet, Classification, Key};
pub use super::deploy_columns::DeploymentColumns;
use super::deploy_columns::{Compact, Tally};
use super::stats::{MedianConvention, mean, quantile, sort};
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::fx::FxMap;
use crate::radix;
use crate::time::{CalendarUnit, Interval, Timestamp, Zone, calendar_period, split_calendar};

const DAY: f64 = 86_400.0;
const WEEK: f64 = 7.0 * DAY;

/// One production deployment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Deployment {
    /// An optional identifier, unique when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// When the deployment finished (the change reached production).
    pub at: Timestamp,
    /// The commit times of the changes it shipped; each gives one lead time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit_times: Option<Vec<Timestamp>>,
    /// The lead time, when commit times are not known (one change). Give this or `commitTimes`, not both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_time_seconds: Option<f64>,
    /// Whether it needed a rollback or hotfix. Absent means "not known to have failed".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<bool>,
    /// When service was restored after this deployment failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovered_at: Option<Timestamp>,
    /// The incidents it caused (ids in `incidents`, when that list is given).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caused_incident_ids: Vec<String>,
    /// Whether it was an unplanned deployment to fix a user-facing problem (DORA 2024's rework). Rework rate is
    /// computed over the deployments that say either way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rework: Option<bool>,
}

/// A production incident, for recovery times and time to restore.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DoraIncident {
    /// A unique identifier, referenced by `causedIncidentIds`.
    pub id: String,
    /// When it started.
    pub start: Timestamp,
    /// When it was resolved; absent while still open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<Timestamp>,
}

/// Input of [`dora`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DoraInput {
    /// Deployments, in any order; with `deployment_columns`, at least one in all.
    #[serde(default)]
    pub deployments: Vec<Deployment>,
    /// More deployments as columns (the fast form), counted after `deployments`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_columns: Option<DeploymentColumns>,
    /// Incidents, optional.
    #[serde(default)]
    pub incidents: Vec<DoraIncident>,
    /// The observation window; derived from the deployments when absent (see the module docs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Interval>,
    /// The benchmark set; `dora-2023` when absent.
    #[serde(default)]
    pub benchmark: BenchmarkSet,
    /// The median convention; `interpolated` when absent.
    #[serde(default)]
    pub median: MedianConvention,
    /// The time zone that defines deployment days and weeks; UTC when absent.
    #[serde(default)]
    pub time_zone: Zone,
}

/// How often deployments happen, fourkeys-style bucket included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FrequencyBucket {
    /// The median week has deployments on 3 or more days.
    Daily,
    /// The median week has deployments on at least 1 day.
    Weekly,
    /// The median month has deployments on at least 1 day.
    Monthly,
    /// Less often.
    Yearly,
}

/// Deployment frequency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentFrequency {
    /// Deployments in the window.
    pub deployments: usize,
    /// The window's length in days.
    pub days: f64,
    /// deployments / days.
    pub per_day: f64,
    /// deployments / (days / 7).
    pub per_week: f64,
    /// Distinct local days with at least one deployment.
    pub deployment_days: usize,
    /// deploymentDays / (days / 7).
    pub deployment_days_per_week: f64,
    /// The median, over the calendar weeks of the window (partial weeks included), of days with a deployment.
    pub median_deployment_days_per_week: f64,
    /// The median, over the calendar months of the window, of days with a deployment.
    pub median_deployment_days_per_month: f64,
    /// fourkeys' bucket: daily if the weekly median ≥ 3, weekly if ≥ 1, monthly if the monthly median ≥ 1, else
    /// yearly.
    pub bucket: FrequencyBucket,
    /// perDay against the benchmark.
    pub classification: Classification,
}

/// Change lead time.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadTime {
    /// Changes measured (commits, plus deployments with `leadTimeSeconds`).
    pub changes: usize,
    /// Median, seconds.
    pub median_seconds: f64,
    /// 90th percentile, seconds, under the same convention.
    pub p90_seconds: f64,
    /// The mean, seconds.
    pub mean_seconds: f64,
    /// The median against the benchmark.
    pub classification: Classification,
}

/// Change fail rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeFailRate {
    /// Deployments in the window.
    pub deployments: usize,
    /// Deployments that failed.
    pub failed_deployments: usize,
    /// Incidents the deployments caused, counted for context only (never the numerator).
    pub incidents_caused: usize,
    /// failedDeployments / deployments.
    pub rate: f64,
    /// The rate against the benchmark.
    pub classification: Classification,
}

/// Failed deployment recovery time.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryTime {
    /// Failed deployments with a known recovery.
    pub recovered: usize,
    /// Failed deployments without one (no `recoveredAt`, and no resolved incident).
    pub unrecovered: usize,
    /// Median, seconds.
    pub median_seconds: f64,
    /// 90th percentile, seconds.
    pub p90_seconds: f64,
    /// Mean, seconds.
    pub mean_seconds: f64,
    /// The median against the benchmark.
    pub classification: Classification,
}

/// Time to restore over all resolved incidents (MTTR), whatever caused them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeToRestore {
    /// Resolved incidents.
    pub incidents: usize,
    /// Incidents still open.
    pub open: usize,
    /// Mean time to restore, seconds.
    pub mean_seconds: f64,
    /// Median, seconds.
    pub median_seconds: f64,
}

/// Deployment rework rate (DORA 2024).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rework {
    /// Deployments that say whether they were rework.
    pub labelled: usize,
    /// Of those, rework deployments.
    pub rework: usize,
    /// rework / labelled.
    pub rate: f64,
}

/// Result of [`dora`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DoraReport {
    /// The benchmark set every classification used.
    pub benchmark: BenchmarkSet,
    /// The median convention used.
    pub median: MedianConvention,
    /// The observation window.
    pub period: Interval,
    /// Whether the window came from the input or was derived from the deployments.
    pub period_source: PeriodSource,
    /// Deployment frequency.
    pub deployment_frequency: DeploymentFrequency,
    /// Change lead time; absent when no deployment has commit times or a lead time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_time: Option<LeadTime>,
    /// Change fail rate.
    pub change_fail_rate: ChangeFailRate,
    /// Failed deployment recovery time; absent when no failed deployment has a known recovery.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recovery_time: Option<RecoveryTime>,
    /// Time to restore over all incidents; absent without resolved incidents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_restore: Option<TimeToRestore>,
    /// Rework rate; absent when no deployment says whether it was rework.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rework: Option<Rework>,
    /// The mean tier points (elite 100, high 75, medium 50, low 25) over the classified keys: the delivery part
    /// of the team-health score.
    pub delivery_score: f64,
}

/// Where a window came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PeriodSource {
    /// Given in the input.
    Input,
    /// Derived from the first and last deployment days.
    Deployments,
}

/// The most weeks or months a window may span when bucketing (about 380 years of weeks).
const MAX_CALENDAR_PIECES: usize = 20_000;

/// Compute the DORA keys. Errors: no deployments; a commit after its deployment; a negative lead time; both
/// `commitTimes` and `leadTimeSeconds`; `recoveredAt` before the deployment; a deployment marked `failed: false`
/// that still names incidents or a recovery; an unknown or duplicate incident id; an incident resolved before it
/// started; a deployment outside `period`.
pub fn dora(input: &DoraInput) -> Result<DoraReport> {
    // The columns are checked first (their format), then every deployment in order, objects before columns.
    let columns = input.deployment_columns.as_ref().map(DeploymentColumns::compact).transpose()?;
    let deployments = input.deployments.as_slice();
    let n = deployments.len() + columns.as_ref().map_or(0, Compact::len);
    check::list_len(n, "deployments")?;
    check::max_len(input.incidents.len(), "incidents")?;
    let incidents = index_incidents(&input.incidents)?;
    let zone = input.time_zone;

    let (period, period_source) = match input.period {
        Some(p) => {
            p.validate("period")?;
            (p, PeriodSource::Input)
        }
        None => (derived_period(deployments, columns.as_ref(), zone)?, PeriodSource::Deployments),
    };

    let mut t = Tally { days: Vec::with_capacity(n), ..Default::default() };
    let mut ids: FxMap<&str, usize> = FxMap::default();
    for (i, d) in deployments.iter().enumerate() {
        // Built only for an error: formatting a path per deployment was a hot spot.
        let path = &|field: &str, j: Option<usize>| {
            let p = join_path(&index_path("deployments", i), field);
            match j {
                Some(j) => index_path(&p, j),
                None => p,
            }
        };
        if let Some(id) = &d.id
            && ids.insert(id.as_str(), i).is_some()
        {
            return Err(Error::new(
                ErrorCode::Duplicate,
                path("id", None),
                format!("deployment id \"{id}\" appears twice"),
            ));
        }
        if !period.contains(d.at) {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                path("at", None),
                format!("the deployment at {} is outside the period {} – {}", d.at, period.start, period.end),
            ));
        }
        collect_lead_times(d, path, &mut t.lead_times)?;
        let is_failed = failure(d, path, &incidents)?;
        t.incidents_caused += d.caused_incident_ids.len();
        if is_failed {
            t.failed += 1;
            match recovery(d, path, &input.incidents, &incidents)? {
                Some(secs) => t.recoveries.push(secs),
                None => t.unrecovered += 1,
            }
        }
        if let Some(r) = d.rework {
            t.labelled += 1;
            t.rework += usize::from(r);
        }
        t.days.push(i64::from(zone.local(d.at).date().num_days_from_ce()));
    }
    if let Some(c) = &columns {
        c.tally(period, zone, &mut t)?;
    }
    let Tally { mut lead_times, mut recoveries, unrecovered, failed, incidents_caused, labelled, rework, days } = t;

    let benchmark = input.benchmark;
    let conv = input.median;
    let deployment_frequency = frequency(days, n, period, zone, benchmark, conv)?;
    let rate = failed as f64 / n as f64;
    let change_fail_rate = ChangeFailRate {
        deployments: n,
        failed_deployments: failed,
        incidents_caused,
        rate,
        classification: benchmark.classify(Key::ChangeFailRate, rate),
    };
    let lead_time = summarise(&mut lead_times, conv).map(|(median, p90, mean)| LeadTime {
        changes: lead_times.len(),
        median_seconds: median,
        p90_seconds: p90,
        mean_seconds: mean,
        classification: benchmark.classify(Key::LeadTime, median),
    });
    let recovery_time = summarise(&mut recoveries, conv).map(|(median, p90, mean)| RecoveryTime {
        recovered: recoveries.len(),
        unrecovered,
        median_seconds: median,
        p90_seconds: p90,
        mean_seconds: mean,
        classification: benchmark.classify(Key::RecoveryTime, median),
    });
    let time_to_restore = restore(&input.incidents, conv);
    let rework = (labelled > 0).then(|| Rework { labelled, rework, rate: rework as f64 / labelled as f64 });

    let mut points =
        vec![deployment_frequency.classification.tier.points(), change_fail_rate.classification.tier.points()];
    points.extend(lead_time.as_ref().map(|l| l.classification.tier.points()));
    points.extend(recovery_time.as_ref().map(|r| r.classification.tier.points()));
    let delivery_score = mean(&points).unwrap_or(0.0);

    Ok(DoraReport {
        benchmark,
        median: conv,
        period,
        period_source,
        deployment_frequency,
        lead_time,
        change_fail_rate,
        recovery_time,
        time_to_restore,
        rework,
        delivery_score,
    })
}

fn index_incidents(incidents: &[DoraIncident]) -> Result<FxMap<&str, usize>> {
    let mut map = FxMap::with_capacity_and_hasher(incidents.len(), Default::default());
    for (i, inc) in incidents.iter().enumerate() {
        let path = index_path("incidents", i);
        if let Some(end) = inc.resolved_at
            && end <= inc.start
        {
            return Err(Error::new(
                ErrorCode::EndBeforeStart,
                join_path(&path, "resolvedAt"),
                format!("incident \"{}\" is resolved at {end}, not after its start {}", inc.id, inc.start),
            ));
        }
        if map.insert(inc.id.as_str(), i).is_some() {
            return Err(Error::new(
                ErrorCode::Duplicate,
                join_path(&path, "id"),
                format!("incident id \"{}\" appears twice", inc.id),
            ));
        }
    }
    Ok(map)
}

fn derived_period(deployments: &[Deployment], columns: Option<&Compact<'_>>, zone: Zone) -> Result<Interval> {
    let ends = deployments.iter().map(|d| (d.at, d.at)).chain(columns.and_then(Compact::first_last));
    match ends.reduce(|a, b| (a.0.min(b.0), a.1.max(b.1))) {
        Some((first, last)) => {
            let start = calendar_period(CalendarUnit::Day, first, zone)?.start;
            let end = calendar_period(CalendarUnit::Day, last, zone)?.end;
            Interval::new(start, end, "period")
        }
        None => Err(Error::new(ErrorCode::Empty, "deployments", "expected at least one deployment")),
    }
}

fn collect_lead_times(d: &Deployment, path: &dyn Fn(&str, Option<usize>) -> String, out: &mut Vec<f64>) -> Result<()> {
    match (&d.commit_times, d.lead_time_seconds) {
        (Some(_), Some(_)) => Err(Error::new(
            ErrorCode::Duplicate,
            path("leadTimeSeconds", None),
            "give commitTimes or leadTimeSeconds, not both: they would count the same change twice",
        )),
        (Some(commits), None) => {
            for (j, c) in commits.iter().enumerate() {
                if *c > d.at {
                    return Err(Error::new(
                        ErrorCode::EndBeforeStart,
                        path("commitTimes", Some(j)),
                        format!("the commit at {c} is after its deployment at {}", d.at),
                    ));
                }
                out.push(c.secs_until(d.at));
            }
            Ok(())
        }
        (None, Some(secs)) => {
            let valid = secs.is_finite() && secs >= 0.0;
            out.push(if valid { secs } else { check::duration(secs, &path("leadTimeSeconds", None))? });
            Ok(())
        }
        (None, None) => Ok(()),
    }
}

fn failure(
    d: &Deployment,
    path: &dyn Fn(&str, Option<usize>) -> String,
    incidents: &FxMap<&str, usize>,
) -> Result<bool> {
    if !incidents.is_empty() {
        for (j, id) in d.caused_incident_ids.iter().enumerate() {
            if !incidents.contains_key(id.as_str()) {
                return Err(Error::new(
                    ErrorCode::UnknownReference,
                    path("causedIncidentIds", Some(j)),
                    format!("no incident has the id \"{id}\""),
                ));
            }
        }
    }
    let evidence = !d.caused_incident_ids.is_empty() || d.recovered_at.is_some();
    match d.failed {
        Some(false) if evidence => Err(Error::new(
            ErrorCode::Infeasible,
            path("failed", None),
            "this deployment is marked failed: false but names incidents it caused or a recovery time",
        )),
        Some(f) => Ok(f || evidence),
        None => Ok(evidence),
    }
}

fn recovery(
    d: &Deployment,
    path: &dyn Fn(&str, Option<usize>) -> String,
    incidents: &[DoraIncident],
    index: &FxMap<&str, usize>,
) -> Result<Option<f64>> {
    if let Some(r) = d.recovered_at {
        if r < d.at {
            return Err(Error::new(
                ErrorCode::EndBeforeStart,
                path("recoveredAt", None),
                format!("recovered at {r}, before the deployment at {}", d.at),
            ));
        }
        return Ok(Some(d.at.secs_until(r)));
    }
    let mut last: Option<Timestamp> = None;
    for id in &d.caused_incident_ids {
        let resolved = index.get(id.as_str()).and_then(|&k| incidents.get(k)).and_then(|inc| inc.resolved_at);
        match resolved {
            Some(t) => last = Some(last.map_or(t, |l| l.max(t))),
            None => return Ok(None),
        }
    }
    Ok(last.map(|t| d.at.secs_until(t).max(0.0)))
}

/// (median, p90, mean) of `values`, sorted in place.
fn summarise(values: &mut [f64], conv: MedianConvention) -> Option<(f64, f64, f64)> {
    radix::sort_f64(values);
    Some((quantile(values, 0.5, conv)?, quantile(values, 0.9, conv)?, mean(values)?))
}

fn restore(incidents: &[DoraIncident], conv: MedianConvention) -> Option<TimeToRestore> {
    let mut secs: Vec<f64> =
        incidents.iter().filter_map(|i| i.resolved_at.map(|end| i.start.secs_until(end))).collect();
    let open = incidents.len() - secs.len();
    let (median, _, mean) = summarise(&mut secs, conv)?;
    Some(TimeToRestore { incidents: secs.len(), open, mean_seconds: mean, median_seconds: median })
}

/// `days` holds each deployment's local day (days from 0001-01-01, day 1); `n` is the number of deployments.
fn frequency(
    mut days: Vec<i64>,
    n: usize,
    period: Interval,
    zone: Zone,
    benchmark: BenchmarkSet,
    conv: MedianConvention,
) -> Result<DeploymentFrequency> {
    radix::sort_by_key(&mut days, |d| radix::i64_key(*d));
    days.dedup();
    let dates: Vec<NaiveDate> =
        days.iter().filter_map(|&d| i32::try_from(d).ok().and_then(NaiveDate::from_num_days_from_ce_opt)).collect();
    let days = period.secs() / DAY;
    let weeks = period.secs() / WEEK;
    let per_unit = |unit: CalendarUnit| -> Result<f64> {
        let pieces = split_calendar(period, unit, zone, MAX_CALENDAR_PIECES).map_err(|e| e.within("period"))?;
        let mut counts = Vec::with_capacity(pieces.len());
        for p in &pieces {
            let lo = zone.local(p.start).date();
            // The piece ends at a local midnight (or the period's end): the last day in it is the day of end − 1 ms.
            let hi = zone.local(Timestamp::from_millis(p.end.millis() - 1, "period")?).date();
            let a = dates.partition_point(|d| *d < lo);
            let b = dates.partition_point(|d| *d <= hi);
            counts.push(b.saturating_sub(a) as f64);
        }
        sort(&mut counts);
        Ok(quantile(&counts, 0.5, conv).unwrap_or(0.0))
    };
    let weekly = per_unit(CalendarUnit::Week)?;
    let monthly = per_unit(CalendarUnit::Month)?;
    let bucket = if weekly >= 3.0 {
        FrequencyBucket::Daily
    } else if weekly >= 1.0 {
        FrequencyBucket::Weekly
    } else if monthly >= 1.0 {
        FrequencyBucket::Monthly
    } else {
        FrequencyBucket::Yearly
    };
    let per_day = n as f64 / days;
    Ok(DeploymentFrequency {
        deployments: n,
        days,
        per_day,
        per_week: n as f64 / weeks,
        deployment_days: dates.len(),
        deployment_days_per_week: dates.len() as f64 / weeks,
        median_deployment_days_per_week: weekly,
        median_deployment_days_per_month: monthly,
        bucket,
        classification: benchmark.classify(Key::DeploymentFrequency, per_day),
    })
}
