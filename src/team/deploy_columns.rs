//! Deployments as columns: the fast form of [`super::dora::Deployment`] for long histories, because crossing into
//! WebAssembly costs per object and per nested array, not per number. Each column has one entry per deployment;
//! commit times are one flat array with per-deployment offsets. They become ordinary deployments after the
//! object rows, and errors name the column and the row (`deploymentColumns.at[17]`).

use serde::{Deserialize, Serialize};

use super::dora::Deployment;
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::time::Timestamp;

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
        Some(x) => Err(Error::new(ErrorCode::OutOfRange, at(field, i), format!("expected 1, 0 or NaN, got {x}"))),
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

    /// The path of `field` of deployment `i` (and commit `j` of it): `deploymentColumns.at[17]`,
    /// `deploymentColumns.commitTimes[40]` (the flat position).
    pub(crate) fn path(&self, i: usize, field: &str, j: Option<usize>) -> String {
        match j {
            Some(j) => {
                let base = self.commit_offsets.as_ref().and_then(|o| o.get(i)).map_or(0, |&x| x as usize);
                at(field, base + j)
            }
            None => at(field, i),
        }
    }

    /// The deployments, in order. Errors: a column whose length differs from `at`'s; a time that is not finite or
    /// outside 1900–2200; commit offsets that do not run from 0 up to the number of commit times, or commit times
    /// without offsets; a flag other than 1, 0 or NaN. The rest is checked as for deployment objects.
    pub fn rows(&self) -> Result<Vec<Deployment>> {
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
                                "offsets run from 0, never decreasing, to the number of commit times ({}); got {x}",
                                commits.len()
                            ),
                        ));
                    }
                    prev = k;
                    out.push(k);
                }
                out
            }
        };
        let mut rows = Vec::with_capacity(n);
        for (i, &x) in self.at.iter().enumerate() {
            let (lo, hi) = (offsets.get(i).copied().unwrap_or(0), offsets.get(i + 1).copied().unwrap_or(0));
            let commit_times = match commits.get(lo..hi) {
                Some(c) if !c.is_empty() => Some(
                    c.iter().enumerate().map(|(j, &t)| stamp(t, "commitTimes", lo + j)).collect::<Result<Vec<_>>>()?,
                ),
                _ => None,
            };
            let opt = |col: &Option<Vec<f64>>| col.as_ref().and_then(|v| v.get(i)).copied().filter(|v| !v.is_nan());
            rows.push(Deployment {
                id: None,
                at: stamp(x, "at", i)?,
                commit_times,
                lead_time_seconds: opt(&self.lead_time_seconds),
                failed: flag(self.failed.as_ref(), "failed", i)?,
                recovered_at: opt(&self.recovered_at).map(|r| stamp(r, "recoveredAt", i)).transpose()?,
                caused_incident_ids: Vec::new(),
                rework: flag(self.rework.as_ref(), "rework", i)?,
            });
        }
        Ok(rows)
    }
}
