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
                            "the slice ({} s) must be a whole multiple of the series step ({} s)",
                            crate::num::Num(slice),
                            crate::num::Num(h.step_secs())
                        ),
                    ));
                }
                ratio as usize
            }
        };
        let n = h.len();
        let m = n.div_ceil(k);
        // Indexed loops into pre-sized arrays: the size-optimised release build does not inline iterator adapters
        // or Vec::push, and this is the O(n) pass every report and backtest relies on.
        let mut pb = vec![0.0f64; m + 1];
        let mut pd = vec![0.0f64; m + 1];
        let mut pmiss = vec![0u32; m + 1];
        let mut pzero = vec![0u32; m + 1];
        let (mut sb, mut sd, mut sm, mut sz) = (0.0f64, 0.0f64, 0u32, 0u32);
        let mut j = 0;
        while j < m {
            let (first, end) = (j * k, ((j + 1) * k).min(n));
            let (mut b, mut t, mut any) = (0.0, 0.0, false);
            let mut i = first;
            while i < end {
                if let (Some(&bb), Some(&tt)) = (h.bad.get(i), h.total.get(i))
                    && !tt.is_nan()
                {
                    any = true;
                    b += bb;
                    t += tt;
                }
                i += 1;
            }
            let (ub, ud) = if !any {
                sm += 1;
                Self::no_data(budgeting, no_data)
            } else if t == 0.0 {
                sz += 1;
                Self::no_data(budgeting, no_data)
            } else {
                match budgeting {
                    Budgeting::Occurrences => (b, t),
                    Budgeting::Timeslices { target, .. } => (if 1.0 - b / t >= target { 0.0 } else { 1.0 }, 1.0),
                    Budgeting::RatioTimeslices { .. } => (b / t, 1.0),
                }
            };
            sb += ub;
            sd += ud;
            j += 1;
            if let (Some(x), Some(y), Some(z), Some(w)) =
                (pb.get_mut(j), pd.get_mut(j), pmiss.get_mut(j), pzero.get_mut(j))
            {
                (*x, *y, *z, *w) = (sb, sd, sm, sz);
            }
        }
        Ok(Units {
            start_ms: h.start_ms,
            unit_ms: h.step_ms.saturating_mul(i64::try_from(k).unwrap_or(i64::MAX)),
            pb,
            pd,
            pmiss,
            pzero,
        })
    }

    /// A unit without data: occurrences count nothing; the slice methods follow `noData`.
    fn no_data(budgeting: Budgeting, no_data: NoData) -> (f64, f64) {
        match (budgeting, no_data) {
            (Budgeting::Occurrences, _) | (_, NoData::Skip) => (0.0, 0.0),
            (_, NoData::Good) => (0.0, 1.0),
            (_, NoData::Bad) => (1.0, 1.0),
        }
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

    /// The prefix sums of bad (length `len() + 1`; element i is the bad before unit i).
    pub fn prefix_bad(&self) -> &[f64] {
        &self.pb
    }

    /// The prefix sums of the denominator (length `len() + 1`).
    pub fn prefix_den(&self) -> &[f64] {
        &self.pd
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
