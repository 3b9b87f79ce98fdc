//! SLI series input, columnar for speed: `{start, step, good | bad, total}` with one number per bucket, or with
//! per-bucket timestamps `t` (sorted, no duplicates; gaps become missing buckets).
//!
//! A bucket is *missing* when its total (or its good/bad count) is NaN, `null` or absent: it carries no events and
//! no time coverage. A bucket with total 0 is *zero traffic*: covered time without events. Neither ever produces
//! NaN; reports count both.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::num::Num;
use crate::time::{Interval, Timestamp};

/// The SLI history as the caller gives it. Exactly one of `good` and `bad` is required, with `total`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SliSeries {
    /// The start of the first bucket (required unless `t` is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Timestamp>,
    /// The bucket length in seconds (a whole number of milliseconds, at least 1 s).
    pub step: f64,
    /// Per-bucket start times, ascending and distinct, on the `step` grid of `t[0]`. Gaps are missing buckets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub t: Option<Vec<Timestamp>>,
    /// Good events per bucket (NaN or null = missing).
    #[serde(default, deserialize_with = "crate::columns::nan_for_null", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Option<f64>>>"))]
    pub good: Option<Vec<f64>>,
    /// Bad events per bucket (NaN or null = missing).
    #[serde(default, deserialize_with = "crate::columns::nan_for_null", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Option<f64>>>"))]
    pub bad: Option<Vec<f64>>,
    /// Total events per bucket (NaN or null = missing).
    #[serde(default, deserialize_with = "crate::columns::nan_for_null", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Option<f64>>>"))]
    pub total: Option<Vec<f64>>,
    /// Maintenance windows: every bucket they overlap is excluded (treated as missing), so it consumes no budget.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<Interval>,
}

/// A validated, regular history: bad and total per bucket, NaN total for a missing bucket.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// Start of bucket 0, epoch ms.
    pub start_ms: i64,
    /// Bucket length, ms.
    pub step_ms: i64,
    /// Bad events per bucket (0 where missing).
    pub bad: Vec<f64>,
    /// Total events per bucket (NaN where missing).
    pub total: Vec<f64>,
    /// Missing buckets.
    pub missing: usize,
    /// Zero-traffic buckets.
    pub zero_traffic: usize,
    /// Buckets excluded by maintenance windows (also counted in `missing`).
    pub excluded: usize,
}

impl History {
    /// The number of buckets.
    pub fn len(&self) -> usize {
        self.total.len()
    }

    /// Whether there are no buckets (never true for a validated history).
    pub fn is_empty(&self) -> bool {
        self.total.is_empty()
    }

    /// The end of the last bucket.
    pub fn end(&self) -> Result<Timestamp> {
        let n = i64::try_from(self.len()).unwrap_or(i64::MAX);
        Timestamp::from_millis(self.start_ms.saturating_add(n.saturating_mul(self.step_ms)), "series")
    }

    /// The step in seconds.
    pub fn step_secs(&self) -> f64 {
        self.step_ms as f64 / 1000.0
    }

    /// Validate `series` (errors carry `path`, such as `series.good[17]`).
    pub fn from_series(series: &SliSeries, path: &str) -> Result<History> {
        let p = |f: &str| join_path(path, f);
        let step = check::finite(series.step, &p("step"))?;
        let step_ms_f = step * 1000.0;
        if step < 1.0 || step_ms_f.fract() != 0.0 || step > 366.0 * 86_400.0 {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                p("step"),
                format!(
                    "step is the bucket length in seconds: a whole number of milliseconds from 1 s to a year; got {}",
                    Num(step)
                ),
            ));
        }
        let step_ms = step_ms_f as i64;
        let total = series.total.as_deref().ok_or_else(|| {
            Error::new(ErrorCode::MissingField, p("total"), "the series needs total, the events per bucket")
        })?;
        check::list_len(total.len(), &p("total"))?;
        let (counts, counts_are_good, cname) = match (&series.good, &series.bad) {
            (Some(g), None) => (g.as_slice(), true, "good"),
            (None, Some(b)) => (b.as_slice(), false, "bad"),
            (Some(_), Some(_)) => {
                return Err(Error::new(
                    ErrorCode::Unsupported,
                    p("bad"),
                    "give either good or bad with total, not both",
                ));
            }
            (None, None) => {
                return Err(Error::new(
                    ErrorCode::MissingField,
                    p("good"),
                    "the series needs good (or bad) with total",
                ));
            }
        };
        if counts.len() != total.len() {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                p(cname),
                format!("{cname} has {} buckets but total has {}; they must match", counts.len(), total.len()),
            ));
        }
        // Where each given bucket goes.
        let (start_ms, slots) = match (&series.t, series.start) {
            (Some(ts), _) => {
                if ts.len() != total.len() {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        p("t"),
                        format!("t has {} timestamps but total has {} buckets; they must match", ts.len(), total.len()),
                    ));
                }
                let t0 = ts.first().map(|t| t.millis()).unwrap_or(0);
                let mut slots = Vec::with_capacity(ts.len());
                let mut prev: Option<(i64, i64)> = None;
                for (i, t) in ts.iter().enumerate() {
                    let ms = t.millis();
                    let tp = index_path(&p("t"), i);
                    if let Some((pm, pslot)) = prev {
                        if ms < pm {
                            return Err(Error::new(
                                ErrorCode::Unsorted,
                                tp,
                                format!("{t} comes before the previous bucket; sort the buckets by time"),
                            ));
                        }
                        if ms == pm {
                            return Err(Error::new(ErrorCode::Duplicate, tp, format!("{t} appears twice")));
                        }
                        let slot = (ms - t0) / step_ms;
                        if slot == pslot {
                            return Err(Error::new(
                                ErrorCode::Duplicate,
                                tp,
                                format!("{t} falls in the same {} s bucket as the previous timestamp", Num(step)),
                            ));
                        }
                    }
                    if (ms - t0) % step_ms != 0 {
                        return Err(Error::new(
                            ErrorCode::OutOfRange,
                            tp,
                            format!("{t} is not on the {} s grid that starts at t[0]", Num(step)),
                        ));
                    }
                    let slot = (ms - t0) / step_ms;
                    prev = Some((ms, slot));
                    slots.push(usize::try_from(slot).unwrap_or(usize::MAX));
                }
                (t0, Some(slots))
            }
            (None, Some(s)) => (s.millis(), None),
            (None, None) => {
                return Err(Error::new(
                    ErrorCode::MissingField,
                    p("start"),
                    "the series needs start (or per-bucket timestamps t)",
                ));
            }
        };
        let n = match &slots {
            Some(s) => s.last().map(|x| x.saturating_add(1)).unwrap_or(0),
            None => total.len(),
        };
        check::max_len(n, &p("t"))?;
        let mut bad = vec![0.0; n];
        let mut tot = vec![f64::NAN; n];
        let mut missing = n.saturating_sub(total.len());
        let mut zero_traffic: usize = 0;
        // An indexed loop: the size-optimised release build does not inline iterator adapters.
        let len = total.len().min(counts.len());
        let mut i = 0;
        while i < len {
            let (Some(&tv), Some(&cv)) = (total.get(i), counts.get(i)) else { break };
            let slot = match &slots {
                Some(s) => s.get(i).copied().unwrap_or(i),
                None => i,
            };
            i += 1;
            if tv.is_infinite() {
                return Err(Error::new(ErrorCode::NotFinite, index_path(&p("total"), i - 1), "total is infinite"));
            }
            if cv.is_infinite() {
                return Err(Error::new(
                    ErrorCode::NotFinite,
                    index_path(&p(cname), i - 1),
                    format!("{cname} is infinite"),
                ));
            }
            if tv.is_nan() || cv.is_nan() {
                missing += 1;
                continue;
            }
            if tv < 0.0 {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    index_path(&p("total"), i - 1),
                    format!("total must be ≥ 0, got {}", Num(tv)),
                ));
            }
            if cv < 0.0 || cv > tv {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    index_path(&p(cname), i - 1),
                    format!("{cname} must be from 0 to total ({}); got {}", Num(tv), Num(cv)),
                ));
            }
            if tv == 0.0 {
                zero_traffic += 1;
            }
            if let (Some(b), Some(t)) = (bad.get_mut(slot), tot.get_mut(slot)) {
                *b = if counts_are_good { tv - cv } else { cv };
                *t = tv;
            }
        }
        check::max_len(series.exclude.len(), &p("exclude"))?;
        let mut excluded = 0;
        for (j, w) in series.exclude.iter().enumerate() {
            w.validate(&index_path(&p("exclude"), j))?;
            let first = (w.start.millis() - start_ms).div_euclid(step_ms).max(0);
            let last = (w.end.millis() - 1 - start_ms).div_euclid(step_ms).min(i64::try_from(n).unwrap_or(0) - 1);
            let mut b = first;
            while b <= last {
                let idx = usize::try_from(b).unwrap_or(usize::MAX);
                if let (Some(t), Some(bb)) = (tot.get_mut(idx), bad.get_mut(idx))
                    && !t.is_nan()
                {
                    if *t == 0.0 {
                        zero_traffic = zero_traffic.saturating_sub(1);
                    }
                    *t = f64::NAN;
                    *bb = 0.0;
                    missing += 1;
                    excluded += 1;
                }
                b += 1;
            }
        }
        Ok(History { start_ms, step_ms, bad, total: tot, missing, zero_traffic, excluded })
    }
}
