//! A small deterministic random source for forecast simulation: SplitMix64 for uniforms and Marsaglia's polar
//! method for standard normals. Seeded by the caller, so every run gives the same intervals.

/// Standard normal draws.
#[derive(Debug, Clone)]
pub struct Normal {
    state: u64,
    spare: Option<f64>,
}

impl Normal {
    /// A generator with this seed.
    pub fn new(seed: u64) -> Self {
        Normal { state: seed ^ 0x9E37_79B9_7F4A_7C15, spare: None }
    }

    fn uniform(&mut self) -> f64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        // 53 random bits in (0, 1].
        ((z >> 11) as f64 + 1.0) / (1u64 << 53) as f64
    }

    /// The next standard normal draw: Marsaglia's polar method (Marsaglia & Bray 1964), which needs no sine or
    /// cosine (so the module carries no trigonometric argument reduction) and accepts π/4 of the point pairs.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> f64 {
        if let Some(v) = self.spare.take() {
            return v;
        }
        loop {
            let x = 2.0 * self.uniform() - 1.0;
            let y = 2.0 * self.uniform() - 1.0;
            let s = x * x + y * y;
            if s > 0.0 && s < 1.0 {
                let f = (-2.0 * s.ln() / s).sqrt();
                self.spare = Some(y * f);
                return x * f;
            }
        }
    }
}

/// The standard normal quantile (Acklam's rational approximation; relative error below 1.2e-9).
pub fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] =
        [7.784_695_709_041_462e-3, 3.224_671_290_700_398e-1, 2.445_134_137_142_996, 3.754_408_661_907_416];
    let pl = 0.02425;
    if p < pl {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - pl {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * (1.0 - p).ln()).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    }
}

/// The standard normal CDF Φ(x) = erfc(−x/√2)/2, with erfc from the Chebyshev fit in Press et al.,
/// *Numerical Recipes* (2nd ed., §6.2; fractional error below 1.2e-7 everywhere).
pub fn normal_cdf(x: f64) -> f64 {
    let u = -x / std::f64::consts::SQRT_2;
    let z = u.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * (-z * z + poly).exp();
    0.5 * if u >= 0.0 { r } else { 2.0 - r }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_tables() {
        // Standard normal table: z(0.975) = 1.959964, z(0.9) = 1.281552, z(0.5) = 0.
        assert!((normal_quantile(0.975) - 1.959_964).abs() < 1e-5);
        assert!((normal_quantile(0.9) - 1.281_552).abs() < 1e-5);
        assert!(normal_quantile(0.5).abs() < 1e-9);
        assert!((normal_quantile(0.025) + 1.959_964).abs() < 1e-5);
        // Φ(1.959964) = 0.975, Φ(−1.281552) = 0.1, Φ(0) = 0.5, Φ(3) = 0.998650 (standard normal table).
        assert!((normal_cdf(1.959_964) - 0.975).abs() < 1e-6);
        assert!((normal_cdf(-1.281_552) - 0.1).abs() < 1e-6);
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7 && (normal_cdf(3.0) - 0.998_650).abs() < 1e-6);
    }

    #[test]
    fn draws_look_normal() {
        let mut g = Normal::new(7);
        let xs: Vec<f64> = (0..20_000).map(|_| g.next()).collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64;
        assert!(mean.abs() < 0.03 && (var - 1.0).abs() < 0.05, "{mean} {var}");
        // The tails, against the normal table: P(|Z| > 1.96) = 0.05, P(|Z| > 2.576) = 0.01 (binomial standard
        // errors over 20,000 draws: 0.0015 and 0.0007).
        let beyond = |z: f64| xs.iter().filter(|x| x.abs() > z).count() as f64 / xs.len() as f64;
        assert!((beyond(1.96) - 0.05).abs() < 0.005, "{}", beyond(1.96));
        assert!((beyond(2.576) - 0.01).abs() < 0.0025, "{}", beyond(2.576));
    }
}
