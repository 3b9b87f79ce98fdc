//! Deployments as columns: the fast form of [`super::dora::Deployment`] for long histories, because crossing into
//! WebAssembly costs per object and per nested array, not per number. Each column has one entry per deployment;
//! commit times are one flat array with per-deployment offsets. They are counted after the object rows, with the
//! same checks, straight from the numbers (no `Deployment` per row), and errors name the column and the row
//! (`deploymentColumns.at[17]`).

use serde::{Deserialize, Serialize};

use super::stats;
use super::windows::OffsetCache;
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::time::{Interval, Timestamp, Zone};

/// Deployments as columns. Times are epoch milliseconds; NaN (or null) means "none" or "not known".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DeploymentColumns {
    /// When each deployment finished.
    pub at: Vec<f64>,
    /// One more entry than deployments, from 0: the commits of deployment `i` are `commitTimes[commitOffsets[i]
    /// .. commitOffsets[i + 1]]`. Required with `commitTimes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit_offsets: Option<Vec<f64>>,
    /// Commit times of every deployment, one flat array.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit_times: Option<Vec<f64>>,
    /// Lead time in seconds, for deployments without commit times; NaN for none.
    #[serde(default, deserialize_with = "crate::columns::nan_for_null", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Option<f64>>>"))]
    pub lead_time_seconds: Option<Vec<f64>>,
    /// 1 failed, 0 did not, NaN not known.
    #[serde(default, deserialize_with = "crate::columns::nan_for_null", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Option<f64>>>"))]
    pub failed: Option<Vec<f64>>,
    /// When service was restored after a failed deployment; NaN for none.
    #[serde(default, deserialize_with = "crate::columns::nan_for_null", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Option<f64>>>"))]
    pub recovered_at: Option<Vec<f64>>,
    /// 1 rework, 0 not, NaN not known.
    #[serde(default, deserialize_with = "crate::columns::nan_for_null", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Option<f64>>>"))]
    pub rework: Option<Vec<f64>>,
}

const ROOT: &str = "deploymentColumns";

fn at(field: &str, i: usize) -> String {
    index_path(&join_path(ROOT, field), i)
}

fn stamp(x: f64, field: &str, i: usize) -> Result<Timestamp> {
    // The path is built only for an error: formatting one per value was the hot spot.
    Timestamp::from_millis_f64(x, "").map_err(|e| e.at(at(field, i)))
}

/// 1 → true, 0 → false, NaN → unknown.
fn flag(col: Option<&Vec<f64>>, field: &str, i: usize) -> Result<Option<bool>> {
    match col.and_then(|v| v.get(i)) {
        None => Ok(None),
        Some(x) if x.is_nan() => Ok(None),
        Some(x) if *x == 1.0 => Ok(Some(true)),
        Some(x) if *x == 0.0 => Ok(Some(false)),
        Some(x) => Err(Error::new(
            ErrorCode::OutOfRange,
            at(field, i),
            format!("expected 1, 0 or NaN, got {}", crate::num::Num(*x)),
        )),
    }
}

impl DeploymentColumns {
    /// How many deployments the columns hold.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// Whether the columns hold no deployments.
    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// The columns validated into epoch milliseconds, in order. Errors: a column whose length differs from `at`'s;
    /// a time that is not finite or outside 1900–2200; commit offsets that do not run from 0 up to the number of
    /// commit times, or commit times without offsets; a flag other than 1, 0 or NaN. The rest is checked by
    /// [`Compact::tally`], as for deployment objects.
    pub(crate) fn compact(&self) -> Result<Compact<'_>> {
        let n = self.at.len();
        check::max_len(n, &join_path(ROOT, "at"))?;
        for (col, field) in [
            (&self.lead_time_seconds, "leadTimeSeconds"),
            (&self.failed, "failed"),
            (&self.recovered_at, "recoveredAt"),
            (&self.rework, "rework"),
        ] {
            if let Some(v) = col
                && v.len() != n
            {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    join_path(ROOT, field),
                    format!("has {} entries but deploymentColumns.at has {n}: one entry per deployment", v.len()),
                ));
            }
        }
        let commits = self.commit_times.as_deref().unwrap_or_default();
        let offsets: Vec<usize> = match &self.commit_offsets {
            None if commits.is_empty() => vec![0; n + 1],
            None => {
                return Err(Error::new(
                    ErrorCode::MissingField,
                    join_path(ROOT, "commitOffsets"),
                    "commitTimes needs commitOffsets: where each deployment's commits begin",
                ));
            }
            Some(o) => {
                if o.len() != n + 1 {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        join_path(ROOT, "commitOffsets"),
                        format!("has {} entries; give one more than deployments ({}), starting at 0", o.len(), n + 1),
                    ));
                }
                let mut out = Vec::with_capacity(n + 1);
                let mut prev = 0usize;
                for (i, &x) in o.iter().enumerate() {
                    let k = x as usize; // saturating; NaN becomes 0, which then differs from x
                    let ok = k as f64 == x && k >= prev && k <= commits.len() && (i > 0 || k == 0);
                    if !ok || (i == n && k != commits.len()) {
                        return Err(Error::new(
                            ErrorCode::OutOfRange,
                            at("commitOffsets", i),
                            format!(
                                "offsets run from 0, never decreasing, to the number of commit times ({}); got {}",
                                commits.len(),
                                crate::num::Num(x)
                            ),
                        ));
                    }
                    prev = k;
                    out.push(k);
                }
                out
            }
        };
        // Row by row, in the order the fields of a deployment are read: its commits, at, failed, recoveredAt, rework.
        let mut c = Compact {
            columns: self,
            at: Vec::with_capacity(n),
            commits: Vec::with_capacity(commits.len()),
            offsets,
            failed: Vec::with_capacity(n),
            recovered: Vec::with_capacity(n),
            rework: Vec::with_capacity(n),
        };
        for (i, &x) in self.at.iter().enumerate() {
            let (lo, hi) = (c.offsets.get(i).copied().unwrap_or(0), c.offsets.get(i + 1).copied().unwrap_or(0));
            for (j, &t) in commits.get(lo..hi).unwrap_or_default().iter().enumerate() {
                c.commits.push(millis(t, "commitTimes", lo + j)?);
            }
            c.at.push(millis(x, "at", i)?);
            c.failed.push(flag(self.failed.as_ref(), "failed", i)?);
            let recovered = self.recovered_at.as_ref().and_then(|v| v.get(i)).filter(|v| !v.is_nan());
            c.recovered.push(recovered.map(|&r| millis(r, "recoveredAt", i)).transpose()?);
            c.rework.push(flag(self.rework.as_ref(), "rework", i)?);
        }
        Ok(c)
    }
}

/// Whole epoch milliseconds of a column value, checked as [`Timestamp::from_millis_f64`] checks it (finite, in
/// 1900–2200) without building a calendar date.
fn millis(x: f64, field: &str, i: usize) -> Result<i64> {
    let ms = stats::round(x);
    if ms.is_finite() && Timestamp::millis_in_range(ms as i64) {
        Ok(ms as i64)
    } else {
        stamp(x, field, i).map(Timestamp::millis)
    }
}

/// A valid instant in milliseconds, for messages.
fn instant(ms: i64) -> Timestamp {
    Timestamp::clamped_millis(ms)
}

/// Deployment columns checked and in epoch milliseconds: [`DeploymentColumns::compact`].
pub(crate) struct Compact<'a> {
    columns: &'a DeploymentColumns,
    at: Vec<i64>,
    /// Commit times, flat; those of deployment `i` are `commits[offsets[i]..offsets[i + 1]]`.
    commits: Vec<i64>,
    offsets: Vec<usize>,
    failed: Vec<Option<bool>>,
    recovered: Vec<Option<i64>>,
    rework: Vec<Option<bool>>,
}

impl Compact<'_> {
    /// How many deployments.
    pub(crate) fn len(&self) -> usize {
        self.at.len()
    }

    /// The earliest and the latest deployment, when there is one.
    pub(crate) fn first_last(&self) -> Option<(Timestamp, Timestamp)> {
        let first = self.at.iter().copied().min()?;
        let last = self.at.iter().copied().max()?;
        Some((instant(first), instant(last)))
    }

    /// Count every deployment into `t`, with the checks [`super::dora::dora`] makes of a deployment object (none
    /// of these name incidents, and their ids are absent): inside `period`; commits not after the deployment;
    /// commit times or a lead time, not both; a valid lead time; `failed: 0` without a recovery; a recovery not
    /// before the deployment. `t.days` gets each deployment's local day in `zone` (days since 0001-01-01 as
    /// [`chrono::Datelike::num_days_from_ce`] counts them).
    pub(crate) fn tally(&self, period: Interval, zone: Zone, t: &mut Tally) -> Result<()> {
        let (start, end) = (period.start.millis(), period.end.millis());
        let mut clock = OffsetCache::default();
        let cols = self.columns;
        for (i, &at_ms) in self.at.iter().enumerate() {
            if !(start <= at_ms && at_ms < end) {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    at("at", i),
                    format!(
                        "the deployment at {} is outside the period {} – {}",
                        instant(at_ms),
                        period.start,
                        period.end
                    ),
                ));
            }
            let (lo, hi) = (self.offsets.get(i).copied().unwrap_or(0), self.offsets.get(i + 1).copied().unwrap_or(0));
            let commits = self.commits.get(lo..hi).unwrap_or_default();
            let lead = cols.lead_time_seconds.as_ref().and_then(|v| v.get(i)).copied().filter(|v| !v.is_nan());
            match (commits.is_empty(), lead) {
                (false, Some(_)) => {
                    return Err(Error::new(
                        ErrorCode::Duplicate,
                        at("leadTimeSeconds", i),
                        "give commitTimes or leadTimeSeconds, not both: they would count the same change twice",
                    ));
                }
                (false, None) => {
                    for (j, &c) in commits.iter().enumerate() {
                        if c > at_ms {
                            return Err(Error::new(
                                ErrorCode::EndBeforeStart,
                                at("commitTimes", lo + j),
                                format!("the commit at {} is after its deployment at {}", instant(c), instant(at_ms)),
                            ));
                        }
                        t.lead_times.push((at_ms - c) as f64 / 1000.0);
                    }
                }
                (true, Some(secs)) => {
                    let valid = secs.is_finite() && secs >= 0.0;
                    t.lead_times.push(if valid { secs } else { check::duration(secs, &at("leadTimeSeconds", i))? });
                }
                (true, None) => {}
            }
            let recovered = self.recovered.get(i).copied().flatten();
            let failed = match self.failed.get(i).copied().flatten() {
                Some(false) if recovered.is_some() => {
                    return Err(Error::new(
                        ErrorCode::Infeasible,
                        at("failed", i),
                        "this deployment is marked failed: false but names incidents it caused or a recovery time",
                    ));
                }
                Some(f) => f || recovered.is_some(),
                None => recovered.is_some(),
            };
            if failed {
                t.failed += 1;
                match recovered {
                    Some(r) if r < at_ms => {
                        return Err(Error::new(
                            ErrorCode::EndBeforeStart,
                            at("recoveredAt", i),
                            format!("recovered at {}, before the deployment at {}", instant(r), instant(at_ms)),
                        ));
                    }
                    Some(r) => t.recoveries.push((r - at_ms) as f64 / 1000.0),
                    None => t.unrecovered += 1,
                }
            }
            if let Some(r) = self.rework.get(i).copied().flatten() {
                t.labelled += 1;
                t.rework += usize::from(r);
            }
            t.days.push(local_day(clock.local_millis(zone, 0, at_ms)));
        }
        Ok(())
    }
}

/// Days from 0001-01-01 (day 1, as [`chrono::Datelike::num_days_from_ce`] counts) of local wall-clock milliseconds.
pub(crate) fn local_day(local_ms: i64) -> i64 {
    // 1970-01-01 is day 719,163.
    local_ms.div_euclid(86_400_000) + 719_163
}

/// What the deployments add up to, objects and columns together.
#[derive(Default)]
pub(crate) struct Tally {
    /// Lead times, seconds, one per change.
    pub(crate) lead_times: Vec<f64>,
    /// Recovery times of failed deployments that recovered, seconds.
    pub(crate) recoveries: Vec<f64>,
    /// Failed deployments without a known recovery.
    pub(crate) unrecovered: usize,
    /// Failed deployments.
    pub(crate) failed: usize,
    /// Incidents named by deployments.
    pub(crate) incidents_caused: usize,
    /// Deployments that say whether they were rework.
    pub(crate) labelled: usize,
    /// Of those, rework deployments.
    pub(crate) rework: usize,
    /// Each deployment's local day ([`local_day`]).
    pub(crate) days: Vec<i64>,
}
