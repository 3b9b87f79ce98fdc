//! Series input: a start, a step and values, or timestamps and values; explicit handling of missing values; and
//! seasonal-period detection.
//!
//! Missing values (JSON `null`, JS `null`/`undefined`/`NaN`, and grid slots with no timestamp) are handled
//! explicitly and reported: leading and trailing missing values are dropped (the forecast starts after the last
//! observed value) and interior gaps are filled by linear interpolation between the neighbouring observations.

use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, ErrorCode, Result, check, index_path};
use crate::time::Timestamp;

/// A list of numbers in which `null` means "missing" (read as NaN).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Values(pub Vec<f64>);

struct ValuesVisitor;

impl<'de> Visitor<'de> for ValuesVisitor {
    type Value = Values;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of numbers (null for a missing value)")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Values, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(check::MAX_ITEMS));
        while let Some(v) = seq.next_element::<Option<f64>>()? {
            out.push(v.unwrap_or(f64::NAN));
            if out.len() > check::MAX_ITEMS {
                return Err(de::Error::custom(
                    Error::new(ErrorCode::TooLarge, "", format!("more than {} values", check::MAX_ITEMS))
                        .serde_message(),
                ));
            }
        }
        Ok(Values(out))
    }
}

impl<'de> Deserialize<'de> for Values {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_seq(ValuesVisitor)
    }
}

/// A time series as given: either `start` + `step` + `values`, or `timestamps` + `values`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SeriesInput {
    /// The time of `values[0]` (with `step`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Timestamp>,
    /// Seconds between consecutive values (with `start`; optional with `timestamps`, where it defaults to the
    /// smallest gap between timestamps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<f64>,
    /// The time of each value, ascending (instead of `start`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamps: Option<Vec<Timestamp>>,
    /// The observations; `null` (or NaN) marks a missing value.
    pub values: Values,
}

/// A regular, gap-free series ready for modelling.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Epoch milliseconds of `values[0]`.
    pub start_ms: f64,
    /// Seconds between values.
    pub step: f64,
    /// The values, with interior gaps interpolated.
    pub values: Vec<f64>,
    /// How many interior values were missing and interpolated.
    pub interpolated: usize,
    /// How many leading and trailing missing values were dropped.
    pub trimmed: usize,
}

impl Series {
    /// Epoch milliseconds of position `i` (may be past the end, for forecasts).
    pub fn time_ms(&self, i: f64) -> f64 {
        self.start_ms + i * self.step * 1000.0
    }
}

/// Validate and regularise a series. `path` prefixes error paths (`series`).
pub fn prepare(input: &SeriesInput, path: &str) -> Result<Series> {
    let p = |f: &str| crate::error::join_path(path, f);
    let raw = &input.values.0;
    check::list_len(raw.len(), &p("values"))?;
    for (i, v) in raw.iter().enumerate() {
        if v.is_infinite() {
            return Err(Error::new(
                ErrorCode::NotFinite,
                index_path(&p("values"), i),
                format!("{} is not a usable observation; use null for a missing value", crate::num::Num(*v)),
            ));
        }
    }
    let step = match input.step {
        Some(s) => {
            let s = check::finite(s, &p("step"))?;
            if s <= 0.0 {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    p("step"),
                    format!("step is seconds > 0, got {}", crate::num::Num(s)),
                ));
            }
            Some(s)
        }
        None => None,
    };
    let (start_ms, step, grid) = match (&input.timestamps, input.start) {
        (Some(_), Some(_)) => {
            return Err(Error::new(
                ErrorCode::InvalidType,
                p("start"),
                "give either `start` and `step`, or `timestamps`, not both",
            ));
        }
        (None, None) => {
            return Err(Error::new(ErrorCode::MissingField, p("start"), "give `start` and `step`, or `timestamps`"));
        }
        (None, Some(start)) => {
            let Some(step) = step else {
                return Err(Error::new(ErrorCode::MissingField, p("step"), "`start` needs `step`, in seconds"));
            };
            (start.millis() as f64, step, raw.clone())
        }
        (Some(ts), None) => grid_from_timestamps(ts, raw, step, path)?,
    };
    let first = grid.iter().position(|v| !v.is_nan());
    let last = grid.iter().rposition(|v| !v.is_nan());
    let (Some(first), Some(last)) = (first, last) else {
        return Err(Error::new(ErrorCode::InsufficientData, p("values"), "every value is missing (null or NaN)"));
    };
    let mut values = grid.get(first..=last).unwrap_or(&[]).to_vec();
    let mut interpolated = 0;
    let mut prev: Option<usize> = None;
    for i in 0..values.len() {
        if values.get(i).is_some_and(|v| v.is_nan()) {
            continue;
        }
        if let Some(a) = prev
            && i > a + 1
        {
            let (va, vb) = (values.get(a).copied().unwrap_or(0.0), values.get(i).copied().unwrap_or(0.0));
            for k in (a + 1)..i {
                let w = (k - a) as f64 / (i - a) as f64;
                if let Some(slot) = values.get_mut(k) {
                    *slot = va + w * (vb - va);
                    interpolated += 1;
                }
            }
        }
        prev = Some(i);
    }
    let trimmed = grid.len() - values.len();
    Ok(Series { start_ms: start_ms + first as f64 * step * 1000.0, step, values, interpolated, trimmed })
}

fn grid_from_timestamps(ts: &[Timestamp], raw: &[f64], step: Option<f64>, path: &str) -> Result<(f64, f64, Vec<f64>)> {
    let p = |f: &str| crate::error::join_path(path, f);
    if ts.len() != raw.len() {
        return Err(Error::new(
            ErrorCode::InvalidType,
            p("timestamps"),
            format!("{} timestamps for {} values; give one timestamp per value", ts.len(), raw.len()),
        ));
    }
    let mut min_gap = i64::MAX;
    for i in 1..ts.len() {
        let (a, b) = (ts.get(i - 1).map_or(0, |t| t.millis()), ts.get(i).map_or(0, |t| t.millis()));
        let path_i = index_path(&p("timestamps"), i);
        if b == a {
            return Err(Error::new(ErrorCode::Duplicate, path_i, "this timestamp repeats the previous one"));
        }
        if b < a {
            return Err(Error::new(ErrorCode::Unsorted, path_i, "timestamps must be in ascending order"));
        }
        min_gap = min_gap.min(b - a);
    }
    let step = match step {
        Some(s) => s,
        None if ts.len() >= 2 => min_gap as f64 / 1000.0,
        None => {
            return Err(Error::new(ErrorCode::MissingField, p("step"), "a single timestamp needs `step`, in seconds"));
        }
    };
    let t0 = ts.first().map_or(0, |t| t.millis()) as f64;
    let step_ms = step * 1000.0;
    let last_off = (ts.last().map_or(0, |t| t.millis()) as f64 - t0) / step_ms;
    let len = last_off.round() as usize + 1;
    check::max_len(len, &p("timestamps"))?;
    let mut grid = vec![f64::NAN; len];
    for (i, (t, &v)) in ts.iter().zip(raw).enumerate() {
        let off = (t.millis() as f64 - t0) / step_ms;
        let k = off.round();
        if (off - k).abs() > 0.01 {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                index_path(&p("timestamps"), i),
                format!(
                    "{t} is not on the grid of one value every {} s from {}",
                    crate::num::Num(step),
                    ts.first().map_or(*t, |x| *x)
                ),
            ));
        }
        if let Some(slot) = grid.get_mut(k as usize) {
            if !slot.is_nan() {
                return Err(Error::new(
                    ErrorCode::Duplicate,
                    index_path(&p("timestamps"), i),
                    format!("two timestamps fall in the same {}-second slot", crate::num::Num(step)),
                ));
            }
            *slot = v;
        }
    }
    Ok((t0, step, grid))
}

/// Calendar cycles that seasonal periods come from: hour, day, week and year (365.25 days), in seconds.
const CYCLES: [f64; 4] = [3_600.0, 86_400.0, 604_800.0, 31_557_600.0];

/// Candidate periods for a step: each calendar cycle that is a whole (within 2%) number ≥ 4 of steps.
pub fn candidate_periods(step: f64) -> Vec<usize> {
    let mut out: Vec<usize> = CYCLES
        .iter()
        .filter_map(|c| {
            let r = c / step;
            let k = r.round();
            (k >= 4.0 && (r - k).abs() <= 0.02 * k && k <= 10_000.0).then_some(k as usize)
        })
        .collect();
    out.dedup();
    out
}

/// Sample autocorrelations r_1..r_max of `x` (mean removed).
fn acf(x: &[f64], max_lag: usize) -> Vec<f64> {
    let n = x.len();
    let mean = x.iter().sum::<f64>() / n.max(1) as f64;
    let d: Vec<f64> = x.iter().map(|v| v - mean).collect();
    let c0: f64 = d.iter().map(|v| v * v).sum();
    (1..=max_lag)
        .map(|k| {
            if c0 <= 0.0 || k >= n {
                return 0.0;
            }
            let ck: f64 = d.iter().zip(d.iter().skip(k)).map(|(a, b)| a * b).sum();
            ck / c0
        })
        .collect()
}

/// Detect seasonal periods among [`candidate_periods`]: candidates are tested in ascending order, each needs at
/// least three full cycles, and each is tested on the series with its own centred moving average and the already
/// accepted seasonal patterns removed. A period passes either test:
/// - the autocorrelation at its lag exceeds the bound `1.645·√((1 + 2Σ_{k<p} r_k²)/n)` (the seasonality test
///   of the M4 competition benchmarks, 90% two-sided; here one-sided, so a 5% level);
/// - with at least three full cycles left after the moving average, its seasonal strength
///   `1 − Var(remainder) / Var(seasonal + remainder)` is at least 0.64 (Wang, Smith & Hyndman 2006; the threshold
///   of R's `forecast::nsdiffs`), the seasonal part being the mean of each phase.
///
/// The second test is there because the first has almost no power on short series: its bound grows with the
/// shorter lags' autocorrelations, which a strong season makes large, while the moving average leaves fewer values.
/// On four cycles of a sine of amplitude 2√2 in unit noise (`tests/capacity_series.rs`) it found none of 200
/// hourly series and 6 of 200 daily ones; with the strength test, all 400 are found.
/// Only the last `20·p` values take part (fewer for very long periods), to bound the cost.
pub fn detect_periods(y: &[f64], step: f64) -> Vec<usize> {
    let mut accepted: Vec<usize> = Vec::new();
    for p in candidate_periods(step) {
        // The test costs (values × p); at most 20 cycles and about 50 million products take part, so very long
        // periods (beyond about 4,000 steps) are never detected: give them in `seasonalPeriods`.
        let take = (20 * p).min(50_000_000 / p).min(y.len());
        if take < 3 * p {
            continue;
        }
        let tail = y.get(y.len() - take..).unwrap_or(y);
        let ma = super::decompose::centred_ma(tail, p);
        let mut x: Vec<f64> = tail.iter().zip(&ma).map(|(a, b)| a - b).collect();
        // Remove already accepted (shorter) seasonal patterns, by phase means.
        for &q in &accepted {
            let off = x.iter().position(|v| v.is_finite()).unwrap_or(0);
            let valid: Vec<f64> = x.iter().copied().filter(|v| v.is_finite()).collect();
            let idx = phase_means(&valid, q);
            for (i, v) in x.iter_mut().enumerate().skip(off) {
                if v.is_finite() {
                    *v -= idx.get((i - off) % q).copied().unwrap_or(0.0);
                }
            }
        }
        let valid: Vec<f64> = x.into_iter().filter(|v| v.is_finite()).collect();
        // What is left must be more than rounding: the moving average of a constant such as 0.1 leaves a pattern of
        // last-bit errors whose autocorrelation passes the test.
        let left: f64 = valid.iter().map(|v| v * v).sum();
        let total: f64 = tail.iter().map(|v| v * v).sum();
        if valid.len() < 2 * p || left.partial_cmp(&(1e-20 * total)) != Some(std::cmp::Ordering::Greater) {
            continue;
        }
        let r = acf(&valid, p);
        let rp = r.last().copied().unwrap_or(0.0);
        let s: f64 = r.iter().take(p - 1).map(|v| v * v).sum();
        let bound = 1.645 * ((1.0 + 2.0 * s) / valid.len() as f64).sqrt();
        if rp > bound || (valid.len() >= 3 * p && seasonal_strength(&valid, p) >= 0.64) {
            accepted.push(p);
        }
    }
    accepted
}

/// Seasonal strength of `x` at period `p`: `1 − Var(x − S) / Var(x)`, where `S` is the mean of each phase (so
/// 0 for no seasonal pattern, 1 for a pure one), clamped to [0, 1].
fn seasonal_strength(x: &[f64], p: usize) -> f64 {
    let idx = phase_means(x, p);
    let n = x.len() as f64;
    let (mut s, mut s2, mut r, mut r2) = (0.0, 0.0, 0.0, 0.0);
    for (i, v) in x.iter().enumerate() {
        let e = v - idx.get(i % p).copied().unwrap_or(0.0);
        s += v;
        s2 += v * v;
        r += e;
        r2 += e * e;
    }
    let total = s2 - s * s / n;
    if total > 0.0 { (1.0 - (r2 - r * r / n) / total).clamp(0.0, 1.0) } else { 0.0 }
}

fn phase_means(x: &[f64], q: usize) -> Vec<f64> {
    let mut sum = vec![0.0; q];
    let mut cnt = vec![0usize; q];
    for (i, v) in x.iter().enumerate() {
        if let (Some(s), Some(c)) = (sum.get_mut(i % q), cnt.get_mut(i % q)) {
            *s += v;
            *c += 1;
        }
    }
    sum.iter().zip(&cnt).map(|(s, &c)| if c > 0 { s / c as f64 } else { 0.0 }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_follow_the_calendar() {
        assert_eq!(candidate_periods(3_600.0), vec![24, 168, 8766]);
        assert_eq!(candidate_periods(1_800.0), vec![48, 336]);
        assert_eq!(candidate_periods(86_400.0), vec![7, 365]);
        assert_eq!(candidate_periods(30.4375 * 86_400.0), vec![12]);
    }
}
