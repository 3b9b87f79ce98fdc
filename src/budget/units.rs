//! Budget units and their prefix sums: after one O(n) pass, the bad count, the denominator, and the missing and
//! zero-traffic counts of any range of time are O(1).
//!
//! For occurrences a unit is a bucket: bad = bad events, den = total events. For the slice methods a unit is a
//! time slice (a whole number of buckets, aligned to the series start): timeslices has bad = 1 for a slice whose
//! ratio is below `timeSliceTarget`, ratio time slices has bad = 1 − ratio, and den = 1 for every evaluated slice.

use super::series::History;
use super::slo::{Budgeting, NoData};
use crate::error::{Error, ErrorCode, Result};

/// Sums over a range of units.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Sums {
    /// Bad events (or bad slices, or Σ(1 − ratio)).
    pub bad: f64,
    /// Total events (or evaluated slices).
    pub den: f64,
    /// Units in the range.
    pub units: usize,
    /// Missing units (no data at all).
    pub missing: usize,
    /// Zero-traffic units.
    pub zero: usize,
}

impl Sums {
    /// bad / den, 0 when there is no denominator.
    pub fn error_rate(&self) -> f64 {
        if self.den > 0.0 { self.bad / self.den } else { 0.0 }
    }
}

/// Prefix sums over units.
#[derive(Debug, Clone, PartialEq)]
pub struct Units {
    /// Start of unit 0, epoch ms.
    pub start_ms: i64,
    /// Unit length, ms.
    pub unit_ms: i64,
    pb: Vec<f64>,
    pd: Vec<f64>,
    pmiss: Vec<u32>,
    pzero: Vec<u32>,
}

impl Units {
    /// Build the units for a method. `path` names the slice-length field for its errors.
    pub fn build(h: &History, budgeting: Budgeting, no_data: NoData, slice_path: &str) -> Result<Units> {
        let k = match budgeting.slice() {
            None => 1usize,
            Some(slice) => {
                let ms = slice * 1000.0;
                let ratio = ms / h.step_ms as f64;
                if ratio.fract() != 0.0 || ratio < 1.0 {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        slice_path,
                        format!(
                            "the slice ({slice} s) must be a whole multiple of the series step ({} s)",
                            h.step_secs()
                        ),
                    ));
                }
                ratio as usize
            }
        };
        let n = h.len();
        let m = n.div_ceil(k);
        let mut u = Units {
            start_ms: h.start_ms,
            unit_ms: h.step_ms.saturating_mul(i64::try_from(k).unwrap_or(i64::MAX)),
            pb: Vec::with_capacity(m + 1),
            pd: Vec::with_capacity(m + 1),
            pmiss: Vec::with_capacity(m + 1),
            pzero: Vec::with_capacity(m + 1),
        };
        let (mut sb, mut sd, mut sm, mut sz) = (0.0f64, 0.0f64, 0u32, 0u32);
        u.pb.push(0.0);
        u.pd.push(0.0);
        u.pmiss.push(0);
        u.pzero.push(0);
        if k == 1 && matches!(budgeting, Budgeting::Occurrences) {
            for (&b, &t) in h.bad.iter().zip(&h.total) {
                if t.is_nan() {
                    sm += 1;
                } else {
                    sb += b;
                    sd += t;
                    if t == 0.0 {
                        sz += 1;
                    }
                }
                u.pb.push(sb);
                u.pd.push(sd);
                u.pmiss.push(sm);
                u.pzero.push(sz);
            }
            return Ok(u);
        }
        for (bads, tots) in h.bad.chunks(k).zip(h.total.chunks(k)) {
            let (mut b, mut t, mut any) = (0.0, 0.0, false);
            for (&bb, &tt) in bads.iter().zip(tots) {
                if !tt.is_nan() {
                    any = true;
                    b += bb;
                    t += tt;
                }
            }
            let (ub, ud) = if !any || t == 0.0 {
                if any {
                    sz += 1;
                } else {
                    sm += 1;
                }
                match no_data {
                    NoData::Skip => (0.0, 0.0),
                    NoData::Good => (0.0, 1.0),
                    NoData::Bad => (1.0, 1.0),
                }
            } else {
                let ratio = 1.0 - b / t;
                match budgeting {
                    Budgeting::Occurrences => (b, t),
                    Budgeting::Timeslices { target, .. } => (if ratio >= target { 0.0 } else { 1.0 }, 1.0),
                    Budgeting::RatioTimeslices { .. } => (1.0 - ratio, 1.0),
                }
            };
            sb += ub;
            sd += ud;
            u.pb.push(sb);
            u.pd.push(sd);
            u.pmiss.push(sm);
            u.pzero.push(sz);
        }
        Ok(u)
    }

    /// The number of units.
    pub fn len(&self) -> usize {
        self.pb.len().saturating_sub(1)
    }

    /// Whether there are no units.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The unit length in seconds.
    pub fn unit_secs(&self) -> f64 {
        self.unit_ms as f64 / 1000.0
    }

    /// The epoch ms at which unit `i` starts (`i` may be `len()`, the end).
    pub fn time_of(&self, i: usize) -> i64 {
        self.start_ms.saturating_add(i64::try_from(i).unwrap_or(i64::MAX).saturating_mul(self.unit_ms))
    }

    /// The range of whole units inside `[a_ms, b_ms)`, clamped to the history.
    pub fn range(&self, a_ms: i64, b_ms: i64) -> (usize, usize) {
        let n = self.len() as i64;
        let lo = (a_ms.saturating_sub(self.start_ms) + self.unit_ms - 1).div_euclid(self.unit_ms).clamp(0, n);
        let hi = b_ms.saturating_sub(self.start_ms).div_euclid(self.unit_ms).clamp(0, n);
        (lo as usize, (hi.max(lo)) as usize)
    }

    /// Index of the first unit ending after `ms` (the unit containing `ms`), clamped to `[0, len]`.
    pub fn index_at(&self, ms: i64) -> usize {
        let n = self.len() as i64;
        ms.saturating_sub(self.start_ms).div_euclid(self.unit_ms).clamp(0, n) as usize
    }

    /// Sums over units `lo..hi` (`lo ≤ hi ≤ len`).
    pub fn sums(&self, lo: usize, hi: usize) -> Sums {
        let g = |v: &[f64], i: usize| v.get(i).copied().unwrap_or(0.0);
        let c = |v: &[u32], i: usize| v.get(i).copied().unwrap_or(0) as usize;
        Sums {
            bad: g(&self.pb, hi) - g(&self.pb, lo),
            den: g(&self.pd, hi) - g(&self.pd, lo),
            units: hi.saturating_sub(lo),
            missing: c(&self.pmiss, hi).saturating_sub(c(&self.pmiss, lo)),
            zero: c(&self.pzero, hi).saturating_sub(c(&self.pzero, lo)),
        }
    }

    /// Cumulative bad up to unit `i` (exclusive).
    #[inline]
    pub fn bad_before(&self, i: usize) -> f64 {
        self.pb.get(i).copied().unwrap_or(0.0)
    }

    /// Cumulative denominator up to unit `i` (exclusive).
    #[inline]
    pub fn den_before(&self, i: usize) -> f64 {
        self.pd.get(i).copied().unwrap_or(0.0)
    }
}
