//! Small statistics shared by the team-health engine: medians and percentiles under an explicit convention, the
//! Gini coefficient, and a least-squares slope.

use serde::{Deserialize, Serialize};

/// How a median (and any percentile) is taken when it falls between two observations. Published DORA tools
/// disagree, so the choice is an option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum MedianConvention {
    /// Linear interpolation between the two neighbouring observations (dora-team/fourkeys):
    /// median([1, 2, 3, 4]) = 2.5. The percentile p sits at rank p × (n − 1), counted from 0.
    #[default]
    Interpolated,
    /// The lower of the two neighbours (apache/devlake): median([1, 2, 3, 4]) = 2. The percentile p is the
    /// observation at rank ⌊p × (n − 1)⌋, counted from 0.
    Lower,
}

/// The `p`-quantile (0 ≤ p ≤ 1) of `sorted`, which must be in ascending order. `None` when it is empty.
pub fn quantile(sorted: &[f64], p: f64, convention: MedianConvention) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let rank = crate::num::clamp(p, 0.0, 1.0) * last as f64;
    let lo = (rank.floor() as usize).min(last);
    let lo_v = *sorted.get(lo)?;
    match convention {
        MedianConvention::Lower => Some(lo_v),
        MedianConvention::Interpolated => {
            let hi_v = *sorted.get((lo + 1).min(last))?;
            Some(lo_v + (hi_v - lo_v) * (rank - lo as f64))
        }
    }
}

/// Sort a list of finite numbers ascending (NaN-free input is the caller's duty; NaNs would sort last).
pub fn sort(values: &mut [f64]) {
    crate::radix::sort_f64(values);
}

/// `x` rounded to a whole number, half away from zero, exactly as `f64::round` (NaN and ±∞ unchanged). `round` is
/// a library call in WebAssembly (its `nearest` rounds half to even), and LLVM folds a `trunc` fast path back into
/// that call, so this rounds by hand with `trunc`, one instruction: `x − trunc(x)` is exact.
pub(crate) fn round(x: f64) -> f64 {
    let t = x.trunc();
    if x - t >= 0.5 {
        t + 1.0
    } else if t - x >= 0.5 {
        t - 1.0
    } else {
        t
    }
}

/// The arithmetic mean, `None` for an empty list.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() { None } else { Some(values.iter().sum::<f64>() / values.len() as f64) }
}

/// The Gini coefficient of non-negative loads: the mean absolute difference between every pair, divided by twice
/// the mean, G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄). It is 0 when every load is equal (and when all are zero), and at most
/// (n − 1) / n when one person carries everything, so it always lies in [0, 1).
///
/// Computed in O(n log n) from the sorted loads: G = 2 Σᵢ i·x₍ᵢ₎ / (n Σ x) − (n + 1) / n, with i from 1.
pub fn gini(loads: &[f64]) -> f64 {
    let n = loads.len();
    let total: f64 = loads.iter().sum();
    if n < 2 || total <= 0.0 {
        return 0.0;
    }
    let mut sorted = loads.to_vec();
    sort(&mut sorted);
    let weighted: f64 = sorted.iter().enumerate().map(|(i, x)| (i + 1) as f64 * x).sum();
    let nf = n as f64;
    let g = 2.0 * weighted / (nf * total) - (nf + 1.0) / nf;
    // Rounding can leave a tiny negative value for equal loads.
    g.max(0.0)
}

/// The least-squares slope of `ys` against `xs` (pairs), `None` with fewer than two distinct x values.
pub fn slope(points: &[(f64, f64)]) -> Option<f64> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx) * (p.0 - mx)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    if sxx <= 0.0 { None } else { Some(sxy / sxx) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_follow_the_convention() {
        // The reference: fourkeys interpolates, median([1,2,3,4]) = 2.5; DevLake takes the lower one, 2.
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.5, MedianConvention::Interpolated), Some(2.5));
        assert_eq!(quantile(&v, 0.5, MedianConvention::Lower), Some(2.0));
        // Odd length: both give the middle value.
        assert_eq!(quantile(&[1.0, 5.0, 9.0], 0.5, MedianConvention::Lower), Some(5.0));
        // p90 of 1..=10 interpolated: rank 0.9 × 9 = 8.1 → 9 + 0.1 × (10 − 9) = 9.1; lower: rank 8 → 9.
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        assert!((quantile(&ten, 0.9, MedianConvention::Interpolated).unwrap() - 9.1).abs() < 1e-12);
        assert_eq!(quantile(&ten, 0.9, MedianConvention::Lower), Some(9.0));
        assert_eq!(quantile(&[], 0.5, MedianConvention::Lower), None);
    }

    #[test]
    fn rounding_matches_the_standard_library() {
        let mut cases = vec![0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 1e300];
        cases.extend([4_503_599_627_370_495.5, 4_503_599_627_370_497.0, f64::INFINITY, f64::NEG_INFINITY, f64::NAN]);
        let mut x: u64 = 99;
        for _ in 0..10_000 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            cases.push(f64::from_bits(x));
            cases.push((x >> 20) as f64 / 7.0 - 1e12);
        }
        for c in cases {
            if c.is_nan() {
                assert!(round(c).is_nan());
            } else {
                assert_eq!(round(c).to_bits(), c.round().to_bits(), "{c}");
            }
        }
    }

    #[test]
    fn gini_by_hand() {
        assert_eq!(gini(&[3.0, 3.0, 3.0]), 0.0);
        assert_eq!(gini(&[0.0, 0.0]), 0.0);
        // [0, 0, 0, 4]: pairs differing by 4 are 3 × 2 ordered = 6, Σ|xi − xj| = 24; 2 n² x̄ = 2 × 16 × 1 = 32;
        // G = 24 / 32 = 0.75 = (n − 1) / n.
        assert!((gini(&[0.0, 0.0, 0.0, 4.0]) - 0.75).abs() < 1e-12);
        // [1, 2, 3]: |diffs| over ordered pairs = 2 × (1 + 2 + 1) = 8; 2 n² x̄ = 2 × 9 × 2 = 36; G = 8/36 = 2/9.
        assert!((gini(&[1.0, 2.0, 3.0]) - 2.0 / 9.0).abs() < 1e-12);
    }

    #[test]
    fn slope_by_hand() {
        // y = 2x + 1 exactly → slope 2.
        assert_eq!(slope(&[(0.0, 1.0), (1.0, 3.0), (2.0, 5.0)]), Some(2.0));
        assert_eq!(slope(&[(1.0, 1.0)]), None);
        assert_eq!(slope(&[(1.0, 1.0), (1.0, 2.0)]), None);
    }
}
