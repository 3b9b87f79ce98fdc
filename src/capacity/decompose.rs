//! Seasonal decomposition: classical (moving-average) seasonal indices for initial ETS states, and an
//! MSTL-style decomposition for several or long seasonal periods.
//!
//! The multiple-season decomposition follows the MSTL scheme (Bandara, Hyndman & Bergmeir 2021): periods are
//! taken in ascending order, each is estimated on the series with the other seasonal components removed, and the
//! whole sweep is repeated twice. The smoothers are moving averages rather than STL's loess: the trend is a
//! centred moving average over one period (2×p for even p), and each phase's cycle-subseries is smoothed with a
//! centred moving average over `7 + 4i` cycles (MSTL's default seasonal windows), then re-centred so that every
//! window of one period sums to zero. That keeps the method short, linear in the series length, and free of
//! iteration limits.

/// A straight line through `y` at t = 0, 1, …: (intercept at t = 0, slope). A single point gives slope 0.
pub fn line(y: &[f64]) -> (f64, f64) {
    let n = y.len() as f64;
    if y.len() < 2 {
        return (y.first().copied().unwrap_or(0.0), 0.0);
    }
    let tm = (n - 1.0) / 2.0;
    let ym = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (t, v) in y.iter().enumerate() {
        let dt = t as f64 - tm;
        sxy += dt * (v - ym);
        sxx += dt * dt;
    }
    let b = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    (ym - b * tm, b)
}

/// The centred moving average of order `p` (a 2×p average for even p). Positions within half a period of either
/// end have no value and are `NaN`.
pub fn centred_ma(x: &[f64], p: usize) -> Vec<f64> {
    let n = x.len();
    let mut out = vec![f64::NAN; n];
    if p <= 1 {
        out.copy_from_slice(x);
        return out;
    }
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0.0);
    let mut acc = 0.0;
    for v in x {
        acc += v;
        prefix.push(acc);
    }
    let sum = |a: usize, b: usize| prefix.get(b).copied().unwrap_or(0.0) - prefix.get(a).copied().unwrap_or(0.0);
    let half = p / 2;
    for (t, o) in out.iter_mut().enumerate() {
        if t < half || t + half >= n {
            continue;
        }
        if p % 2 == 1 {
            *o = sum(t - half, t + half + 1) / p as f64;
        } else {
            // Weights ½, 1, …, 1, ½ over p + 1 points.
            let inner = sum(t - half + 1, t + half);
            let ends = x.get(t - half).copied().unwrap_or(0.0) + x.get(t + half).copied().unwrap_or(0.0);
            *o = (inner + 0.5 * ends) / p as f64;
        }
    }
    out
}

/// Classical seasonal indices of `y` with period `m`: the mean, per phase, of the series with its centred moving
/// average removed (a difference, or a ratio when `mult`), normalised to sum to 0 (or average 1).
/// Phases with no detrended value get 0 (or 1).
pub fn seasonal_indices(y: &[f64], m: usize, mult: bool) -> Vec<f64> {
    let neutral = if mult { 1.0 } else { 0.0 };
    if m <= 1 {
        return vec![neutral; m];
    }
    let trend = centred_ma(y, m);
    let mut sum = vec![0.0; m];
    let mut count = vec![0usize; m];
    for (t, (&v, &tr)) in y.iter().zip(&trend).enumerate() {
        if !tr.is_finite() || (mult && tr.abs() < 1e-12) {
            continue;
        }
        let d = if mult { v / tr } else { v - tr };
        if let (Some(s), Some(c)) = (sum.get_mut(t % m), count.get_mut(t % m)) {
            *s += d;
            *c += 1;
        }
    }
    let mut idx: Vec<f64> = sum.iter().zip(&count).map(|(&s, &c)| if c > 0 { s / c as f64 } else { neutral }).collect();
    let mean = idx.iter().sum::<f64>() / m as f64;
    for v in &mut idx {
        if mult {
            if mean.abs() > 1e-12 {
                *v /= mean;
            }
        } else {
            *v -= mean;
        }
    }
    idx
}

/// Fill the NaN ends of a centred moving average by continuing the straight line through the nearest `p` valid
/// values on each side.
fn extend_ends(tr: &mut [f64], p: usize) {
    let Some(first) = tr.iter().position(|v| v.is_finite()) else { return };
    let Some(last) = tr.iter().rposition(|v| v.is_finite()) else { return };
    let k = p.max(2);
    let head_end = (first + k).min(last + 1);
    let (a, b) = line(tr.get(first..head_end).unwrap_or(&[]));
    for t in 0..first {
        if let Some(v) = tr.get_mut(t) {
            *v = a + b * (t as f64 - first as f64);
        }
    }
    let tail_start = (last + 1).saturating_sub(k).max(first);
    let (a, b) = line(tr.get(tail_start..=last).unwrap_or(&[]));
    for t in (last + 1)..tr.len() {
        if let Some(v) = tr.get_mut(t) {
            *v = a + b * (t - tail_start) as f64;
        }
    }
}

/// One seasonal component of period `p` for the series `x`, smoothing each cycle-subseries over `window` cycles.
fn one_season(x: &[f64], p: usize, window: usize) -> Vec<f64> {
    let n = x.len();
    let mut trend = centred_ma(x, p);
    extend_ends(&mut trend, p);
    let detr: Vec<f64> = x.iter().zip(&trend).map(|(a, b)| a - b).collect();
    let mut season = vec![0.0; n];
    let half = window / 2;
    for phase in 0..p.min(n) {
        let sub: Vec<f64> = detr.iter().skip(phase).step_by(p).copied().collect();
        for (c, _) in sub.iter().enumerate() {
            let lo = c.saturating_sub(half);
            let hi = (c + half + 1).min(sub.len());
            let w = sub.get(lo..hi).unwrap_or(&[]);
            let v = if w.is_empty() { 0.0 } else { w.iter().sum::<f64>() / w.len() as f64 };
            if let Some(s) = season.get_mut(phase + c * p) {
                *s = v;
            }
        }
    }
    // Re-centre: remove the one-period moving average so the component carries no level.
    let mut level = centred_ma(&season, p);
    extend_ends(&mut level, p);
    season.iter_mut().zip(&level).for_each(|(s, l)| *s -= l);
    season
}

/// An MSTL-style decomposition of `y` into seasonal components (one per period, ascending) and the seasonally
/// adjusted series `y − Σ seasonal`.
pub fn mstl(y: &[f64], periods: &[usize]) -> (Vec<f64>, Vec<Vec<f64>>) {
    let n = y.len();
    let mut comps: Vec<Vec<f64>> = periods.iter().map(|_| vec![0.0; n]).collect();
    for _sweep in 0..2 {
        for i in 0..periods.len() {
            let p = periods.get(i).copied().unwrap_or(1);
            let mut x = y.to_vec();
            for (j, c) in comps.iter().enumerate() {
                if j != i {
                    x.iter_mut().zip(c).for_each(|(a, b)| *a -= b);
                }
            }
            let c = one_season(&x, p, 7 + 4 * (i + 1));
            if let Some(slot) = comps.get_mut(i) {
                *slot = c;
            }
        }
    }
    let mut adj = y.to_vec();
    for c in &comps {
        adj.iter_mut().zip(c).for_each(|(a, b)| *a -= b);
    }
    (adj, comps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_ma_by_hand() {
        assert_eq!(line(&[1.0, 3.0, 5.0]), (1.0, 2.0));
        // 2×4 MA at t = 2 of 0..8: (0/2 + 1 + 2 + 3 + 4/2) / 4 = 8 / 4 = 2.
        let ma = centred_ma(&[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], 4);
        assert!(ma[1].is_nan() && (ma[2] - 2.0).abs() < 1e-12 && ma[6].is_nan());
        let odd = centred_ma(&[1.0, 2.0, 6.0], 3);
        assert!((odd[1] - 3.0).abs() < 1e-12);
    }

    #[test]
    fn recovers_two_seasons() {
        let n = 24 * 7 * 6;
        let y: Vec<f64> = (0..n)
            .map(|t| {
                let d = (2.0 * std::f64::consts::PI * (t % 24) as f64 / 24.0).sin() * 10.0;
                let w = if (t / 24) % 7 >= 5 { -5.0 } else { 2.0 };
                100.0 + 0.01 * t as f64 + d + w
            })
            .collect();
        let (adj, comps) = mstl(&y, &[24, 168]);
        // The adjusted series is the slow line 100 + 0.01t plus a small leftover.
        let worst = adj.iter().enumerate().map(|(t, v)| (v - 100.0 - 0.01 * t as f64).abs()).fold(0.0, f64::max);
        assert!(worst < 1.5, "worst {worst}");
        assert_eq!(comps.len(), 2);
    }
}
