//! The Box–Cox family of transforms (λ = 0 is the logarithm) and its inverse.
//!
//! Models are fitted to `z = (y^λ − 1)/λ` (or `ln y`), and forecasts and interval bounds are transformed back.
//! Bounds are quantiles, and a monotone transform maps quantiles to quantiles, so back-transformed intervals keep
//! their coverage. The back-transformed point forecast is the forecast *median* on the original scale (R's
//! `biasadj = FALSE`).
//!
//! λ is estimated with Guerrero's method (Guerrero 1993, "Time-series analysis supported by power
//! transformations", J. Forecasting 12(1)), as R's `forecast::BoxCox.lambda(x, method = "guerrero")` does: cut
//! the last whole seasons of the series into blocks of one season (two values for non-seasonal data), and choose
//! the λ that makes `sd(block) / mean(block)^(1 − λ)` most nearly constant across blocks, that is, that minimises
//! its coefficient of variation. [`guerrero`] searches a closed interval by golden-section search.

use serde::Serialize;

/// A transform applied before fitting.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Transform {
    /// No transform.
    None,
    /// Box–Cox with this λ (0 = natural logarithm).
    BoxCox {
        /// The Box–Cox λ.
        lambda: f64,
    },
}

impl Transform {
    /// Forward: y → z.
    pub fn apply(self, y: f64) -> f64 {
        match self {
            Transform::None => y,
            Transform::BoxCox { lambda: 0.0 } => y.ln(),
            Transform::BoxCox { lambda } => (y.powf(lambda) - 1.0) / lambda,
        }
    }

    /// Back: z → y. Where the inverse is undefined (λz + 1 ≤ 0) the result is the limit the transform
    /// approaches there: 0 for λ > 0, +∞ for λ < 0.
    pub fn invert(self, z: f64) -> f64 {
        match self {
            Transform::None => z,
            Transform::BoxCox { lambda: 0.0 } => z.exp(),
            Transform::BoxCox { lambda } => {
                let base = lambda * z + 1.0;
                if base > 0.0 {
                    base.powf(1.0 / lambda)
                } else if lambda > 0.0 {
                    0.0
                } else {
                    f64::INFINITY
                }
            }
        }
    }

    /// `−2·Σ ln|dz/dy|` over `y`: added to a model's −2 log-likelihood on the z scale it gives the −2
    /// log-likelihood of the same model on the original scale, so AICc values compare across transforms.
    pub fn jacobian_penalty(self, y: &[f64]) -> f64 {
        match self {
            Transform::None => 0.0,
            Transform::BoxCox { lambda } => -2.0 * (lambda - 1.0) * y.iter().map(|v| v.ln()).sum::<f64>(),
        }
    }
}

/// Guerrero's coefficient of variation of `sd / mean^(1 − λ)` over blocks of `period` values (the last whole
/// blocks of `y`). `None` when fewer than two blocks have a positive mean and a defined sd.
fn guerrero_cv(y: &[f64], period: usize, lambda: f64) -> Option<f64> {
    let blocks = y.len() / period;
    let start = y.len() - blocks * period;
    let rats: Vec<f64> = y
        .get(start..)
        .unwrap_or(&[])
        .chunks_exact(period)
        .filter_map(|b| {
            let k = b.len() as f64;
            let mean = b.iter().sum::<f64>() / k;
            let sd = (b.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (k - 1.0)).sqrt();
            (mean > 0.0).then(|| sd / mean.powf(1.0 - lambda))
        })
        .collect();
    if rats.len() < 2 {
        return None;
    }
    let k = rats.len() as f64;
    let mean = rats.iter().sum::<f64>() / k;
    let sd = (rats.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (k - 1.0)).sqrt();
    (mean > 0.0).then(|| sd / mean)
}

/// Guerrero's λ for `y` with seasonal period `m` (blocks of `max(m, 2)` values), searched over `[lower, upper]`.
/// `None` when the series is not strictly positive or has fewer than two whole blocks.
pub fn guerrero(y: &[f64], m: usize, lower: f64, upper: f64) -> Option<f64> {
    let period = m.max(2);
    if y.iter().any(|&v| v <= 0.0 || !v.is_finite()) || y.len() < 2 * period {
        return None;
    }
    let f = |l: f64| guerrero_cv(y, period, l).unwrap_or(f64::INFINITY);
    guerrero_cv(y, period, 1.0)?;
    // Golden-section search on a unimodal-in-practice objective, to 1e-7.
    let g = (5f64.sqrt() - 1.0) / 2.0;
    let (mut a, mut b) = (lower, upper);
    let (mut c, mut d) = (b - g * (b - a), a + g * (b - a));
    let (mut fc, mut fd) = (f(c), f(d));
    while b - a > 1e-7 {
        if fc < fd {
            (b, d, fd) = (d, c, fc);
            c = b - g * (b - a);
            fc = f(c);
        } else {
            (a, c, fc) = (c, d, fd);
            d = a + g * (b - a);
            fd = f(d);
        }
    }
    Some((a + b) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for t in [Transform::None, Transform::BoxCox { lambda: 0.0 }, Transform::BoxCox { lambda: 0.5 }] {
            for y in [0.5, 1.0, 42.0] {
                assert!((t.invert(t.apply(y)) - y).abs() < 1e-12);
            }
        }
        // λ = 0.5: z = (√4 − 1)/0.5 = 2.
        assert!((Transform::BoxCox { lambda: 0.5 }.apply(4.0) - 2.0).abs() < 1e-12);
        // Outside the range of the transform: λ = 0.5 maps every y ≥ 0 to z ≥ −2, so z = −3 is below y = 0;
        // λ = −0.5 maps every y > 0 to z < 2, so z = 3 is beyond y = +∞.
        assert_eq!(Transform::BoxCox { lambda: 0.5 }.invert(-3.0), 0.0);
        assert_eq!(Transform::BoxCox { lambda: -0.5 }.invert(3.0), f64::INFINITY);
    }

    #[test]
    fn guerrero_by_hand() {
        // Blocks (m = 2) [1, 3], [10, 30], [100, 300]: sd = √2·{1, 10, 100}, mean = {2, 20, 200}, so sd/mean is
        // the same in every block: λ = 0 makes the ratio constant (coefficient of variation 0).
        let l = guerrero(&[1.0, 3.0, 10.0, 30.0, 100.0, 300.0], 2, 0.0, 1.0).unwrap();
        assert!(l.abs() < 1e-5, "{l}");
        // Blocks [1, 3], [11, 13], [101, 103]: sd = √2 in every block whatever the mean, so λ = 1 (sd/mean⁰).
        let l = guerrero(&[1.0, 3.0, 11.0, 13.0, 101.0, 103.0], 2, 0.0, 1.0).unwrap();
        assert!((l - 1.0).abs() < 1e-5, "{l}");
        // Non-seasonal data (m = 1) uses blocks of two values; a leading odd value is left out.
        let l = guerrero(&[7.0, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0], 1, 0.0, 1.0).unwrap();
        assert!(l.abs() < 1e-5, "{l}");
    }
}
