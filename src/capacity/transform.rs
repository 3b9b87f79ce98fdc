//! The Box–Cox family of transforms (λ = 0 is the logarithm) and its inverse.
//!
//! Models are fitted to `z = (y^λ − 1)/λ` (or `ln y`), and forecasts and interval bounds are transformed back.
//! Bounds are quantiles, and a monotone transform maps quantiles to quantiles, so back-transformed intervals keep
//! their coverage. The back-transformed point forecast is the forecast *median* on the original scale (R's
//! `biasadj = FALSE`).

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

    /// Back: z → y. Where the inverse is undefined (λz + 1 ≤ 0) the result is 0.
    pub fn invert(self, z: f64) -> f64 {
        match self {
            Transform::None => z,
            Transform::BoxCox { lambda: 0.0 } => z.exp(),
            Transform::BoxCox { lambda } => {
                let base = lambda * z + 1.0;
                if base <= 0.0 { 0.0 } else { base.powf(1.0 / lambda) }
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
    }
}
