//! Exponential smoothing state-space models, ETS(Error, Trend, Season) (Hyndman, Koehler, Ord & Snyder 2008).
//!
//! Error ∈ {A, M}, trend ∈ {N, A, Ad}, season ∈ {N, A, M}. The state update written in terms of the observation is
//! the same for additive and multiplicative errors (as in R's `forecast::ets`):
//!
//! ```text
//! q = l + φb                         (φ = 1 for an additive trend; q = l without a trend)
//! ŷ = q, q + s, or q·s               (season N, A, M; s is the seasonal state of this phase)
//! l' = q + α(p − q)                  p = y, y − s, or y / s
//! b' = φb + (β/α)(l' − l − φb)       (β is the error-correction β; here 0 < β < α/5, see below)
//! s' = s + γ(t − s)                  t = y − q, or y / q
//! ```
//!
//! The residual is `e = y − ŷ` (additive error) or `e = (y − ŷ)/ŷ` (multiplicative error), and the Gaussian
//! log-likelihood, with σ² concentrated out, is `−2 log L = n·ln(2π·Σe²/n) + n + 2·Σ ln|ŷ|` (the last term only
//! for multiplicative errors).
//!
//! Fitting follows the route the reference recommends for speed and convergence: the seasonal states come from a
//! classical decomposition of the first seasons and stay fixed. A screening search moves only the smoothing
//! parameters α, β, γ, φ (the initial level and trend stay at the decomposition's values), which is enough to rank
//! the models; the few best are then refined from where the screen stopped, now also moving the initial level and
//! trend. The smoothing parameters live in the "usual" region (0 < α < 1, 0 < γ < 1 − α, 0.8 ≤ φ ≤ 0.98), with
//! the trend's β held under a fifth of α ([`BETA_MAX`]), reached through logistic maps so the simplex needs no
//! penalty. The recursion is compiled once per error and season form, so its inner loop carries no branches on the
//! model form.

use serde::Serialize;

use super::decompose;
use super::optim::{self, Options};

/// The error component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ErrorKind {
    /// Additive errors.
    A,
    /// Multiplicative (relative) errors.
    M,
}

/// The trend component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TrendKind {
    /// No trend.
    N,
    /// Additive (linear) trend.
    A,
    /// Additive damped trend.
    Ad,
}

/// The seasonal component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SeasonKind {
    /// No season.
    N,
    /// Additive season.
    A,
    /// Multiplicative season.
    M,
}

/// One ETS model form with its seasonal period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Error form.
    pub error: ErrorKind,
    /// Trend form.
    pub trend: TrendKind,
    /// Season form.
    pub season: SeasonKind,
    /// The seasonal period (1 when `season` is N).
    pub m: usize,
}

impl Spec {
    /// The name in the usual notation, such as `ETS(M,Ad,M)`.
    pub fn name(&self) -> String {
        format!("ETS({:?},{:?},{:?})", self.error, self.trend, self.season)
    }

    /// The number of free parameters counted by AICc: smoothing parameters, initial states (m − 1 free seasonal
    /// states, as in R) and σ.
    pub fn n_params(&self) -> usize {
        let mut k = 2; // α, l0
        if self.trend != TrendKind::N {
            k += 2; // β, b0
        }
        if self.trend == TrendKind::Ad {
            k += 1;
        }
        if self.season != SeasonKind::N {
            k += 1 + self.m.saturating_sub(1);
        }
        k + 1 // σ
    }
}

/// Fitted parameters and initial states.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Params {
    /// Level smoothing.
    pub alpha: f64,
    /// Trend smoothing (0 without a trend).
    pub beta: f64,
    /// Seasonal smoothing (0 without a season).
    pub gamma: f64,
    /// Damping (1 for an undamped or absent trend).
    pub phi: f64,
    /// The initial level.
    pub level0: f64,
    /// The initial trend.
    pub trend0: f64,
    /// The initial seasonal states, one per phase (empty without a season).
    pub season0: Vec<f64>,
}

/// The states after the last observation.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// Level.
    pub l: f64,
    /// Trend.
    pub b: f64,
    /// Seasonal states indexed by phase `t mod m`.
    pub s: Vec<f64>,
    /// How many observations were consumed (the phase of the next step is `n mod m`).
    pub n: usize,
}

/// A fitted model.
#[derive(Debug, Clone)]
pub struct Fit {
    /// The form.
    pub spec: Spec,
    /// The parameters.
    pub params: Params,
    /// The final state.
    pub state: State,
    /// σ² of the residuals (relative residuals for multiplicative errors), Σe² / (n − k) with k the number of
    /// estimated parameters (as R's `ets` reports it): the variance that forecast intervals use. The likelihood
    /// uses the maximum-likelihood Σe² / n.
    pub sigma2: f64,
    /// The log-likelihood.
    pub log_lik: f64,
    /// AIC.
    pub aic: f64,
    /// AICc.
    pub aicc: f64,
    /// One-step fitted values.
    pub fitted: Vec<f64>,
    /// The optimiser's point (unconstrained coordinates), to continue a search from.
    pub x: Vec<f64>,
}

/// How hard [`fit_with`] searches.
#[derive(Debug, Clone, PartialEq)]
pub enum Effort {
    /// A quick, loose search from one start over the smoothing parameters only (the initial states stay at the
    /// decomposition's values): enough to rank models.
    Screen,
    /// Continue a screening search from its point, now also moving the initial level and trend, to the tolerance
    /// of [`Effort::Full`], restarting the simplex once where it stops.
    Refine(Vec<f64>),
    /// A tight search from two starts.
    Full,
}

const TOL: f64 = 1e-10;

/// Run the recursion over `y`. Returns (Σe², Σln|ŷ|, final state), or `None` when a multiplicative model meets a
/// non-positive prediction or state. `fitted`, when given, receives the one-step predictions.
pub fn filter(spec: &Spec, p: &Params, y: &[f64], fitted: Option<&mut Vec<f64>>) -> Option<(f64, f64, State)> {
    let mut s = Vec::new();
    let (sse, sum_log, l, b) = run(spec, p, y, &mut s, fitted)?;
    Some((sse, sum_log, State { l, b, s, n: y.len() }))
}

/// The recursion itself, with the seasonal states in a caller-owned buffer (so the optimiser allocates nothing
/// per evaluation). Returns (Σe², Σln|ŷ|, final level, final trend).
fn run(
    spec: &Spec,
    p: &Params,
    y: &[f64],
    s: &mut Vec<f64>,
    fitted: Option<&mut Vec<f64>>,
) -> Option<(f64, f64, f64, f64)> {
    // One copy of the loop per error and season form, so the per-step branches on them compile away.
    match (spec.error, spec.season) {
        (ErrorKind::A, SeasonKind::N) => run_k::<false, 0>(spec, p, y, s, fitted),
        (ErrorKind::A, SeasonKind::A) => run_k::<false, 1>(spec, p, y, s, fitted),
        (ErrorKind::A, SeasonKind::M) => run_k::<false, 2>(spec, p, y, s, fitted),
        (ErrorKind::M, SeasonKind::N) => run_k::<true, 0>(spec, p, y, s, fitted),
        (ErrorKind::M, SeasonKind::A) => run_k::<true, 1>(spec, p, y, s, fitted),
        (ErrorKind::M, SeasonKind::M) => run_k::<true, 2>(spec, p, y, s, fitted),
    }
}

/// [`run`] for error form `MULT_ERR` (multiplicative when true) and season form `SEASON` (0 = N, 1 = A, 2 = M).
fn run_k<const MULT_ERR: bool, const SEASON: u8>(
    spec: &Spec,
    p: &Params,
    y: &[f64],
    s: &mut Vec<f64>,
    mut fitted: Option<&mut Vec<f64>>,
) -> Option<(f64, f64, f64, f64)> {
    let season = match SEASON {
        0 => SeasonKind::N,
        1 => SeasonKind::A,
        _ => SeasonKind::M,
    };
    let m = spec.m.max(1);
    let mut l = p.level0;
    let mut b = if spec.trend == TrendKind::N { 0.0 } else { p.trend0 };
    s.clear();
    if season != SeasonKind::N {
        s.extend_from_slice(&p.season0);
        s.resize(m, if season == SeasonKind::M { 1.0 } else { 0.0 });
    }
    let phi = if spec.trend == TrendKind::Ad { p.phi } else { 1.0 };
    let beta_a = if spec.trend == TrendKind::N { 0.0 } else { p.beta / p.alpha };
    let mult_err = MULT_ERR;
    let mut sse = 0.0;
    // Σ ln ŷ, taken as the log of running products (one ln per ~hundred steps instead of one per step).
    let mut sum_log = 0.0;
    let mut prod = 1.0f64;
    let mut j = 0usize;
    for &yt in y {
        let phib = phi * b;
        let q = l + phib;
        let slot = s.get_mut(j);
        let sj = slot.as_deref().copied().unwrap_or(0.0);
        let yhat = match season {
            SeasonKind::N => q,
            SeasonKind::A => q + sj,
            SeasonKind::M => q * sj,
        };
        if let Some(f) = fitted.as_deref_mut() {
            f.push(yhat);
        }
        let e = if mult_err {
            if yhat <= TOL {
                return None;
            }
            prod *= yhat;
            if !(1e-150..=1e150).contains(&prod) {
                sum_log += prod.ln();
                prod = 1.0;
            }
            (yt - yhat) / yhat
        } else {
            yt - yhat
        };
        sse += e * e;
        let pv = match season {
            SeasonKind::N => yt,
            SeasonKind::A => yt - sj,
            SeasonKind::M => {
                if sj.abs() < TOL {
                    return None;
                }
                yt / sj
            }
        };
        let new_l = q + p.alpha * (pv - q);
        b = phib + beta_a * (new_l - l - phib);
        if let Some(slot) = slot {
            let tv = match season {
                SeasonKind::M => {
                    if q.abs() < TOL {
                        return None;
                    }
                    yt / q
                }
                _ => yt - q,
            };
            let ns = sj + p.gamma * (tv - sj);
            if mult_err && season == SeasonKind::M && ns <= 0.0 {
                return None;
            }
            *slot = ns;
        }
        l = new_l;
        if mult_err && l <= 0.0 {
            return None;
        }
        j += 1;
        if j == m {
            j = 0;
        }
    }
    sum_log += prod.ln();
    if !(sse.is_finite() && l.is_finite() && b.is_finite()) {
        return None;
    }
    Some((sse, sum_log, l, b))
}

/// The point forecast `h` steps after `state` (h ≥ 1), with the trend part scaled by `growth`.
pub fn point(spec: &Spec, p: &Params, state: &State, h: usize, growth: f64) -> f64 {
    let q = state.l + growth * trend_sum(spec, p.phi, h) * state.b;
    season_apply(spec, state, h, q)
}

/// Σ_{i=1}^{h} φ^i for a damped trend, h for an additive trend, 0 without one.
pub fn trend_sum(spec: &Spec, phi: f64, h: usize) -> f64 {
    match spec.trend {
        TrendKind::N => 0.0,
        TrendKind::A => h as f64,
        TrendKind::Ad => {
            if (1.0 - phi).abs() < 1e-12 {
                h as f64
            } else {
                phi * (1.0 - phi.powi(h.min(i32::MAX as usize) as i32)) / (1.0 - phi)
            }
        }
    }
}

/// The seasonal state that applies `h` steps after `state`.
pub fn season_at(spec: &Spec, state: &State, h: usize) -> f64 {
    let m = spec.m.max(1);
    match spec.season {
        SeasonKind::N => 0.0,
        _ => state.s.get((state.n + h - 1) % m).copied().unwrap_or(0.0),
    }
}

fn season_apply(spec: &Spec, state: &State, h: usize, q: f64) -> f64 {
    match spec.season {
        SeasonKind::N => q,
        SeasonKind::A => q + season_at(spec, state, h),
        SeasonKind::M => q * season_at(spec, state, h),
    }
}

/// The h-step forecast variance for the linear (additive-error, non-multiplicative-season) classes
/// (Hyndman et al. 2008, Table 6.1, class 1): `σ²[1 + Σ_{j=1}^{h−1} c_j²]` with `c_j = α + β·Φ_j + γ·[j mod m = 0]`,
/// Φ_j = j (linear trend) or φ + … + φ^j (damped).
pub fn linear_variances(spec: &Spec, p: &Params, sigma2: f64, horizon: usize) -> Vec<f64> {
    let mut out = Vec::with_capacity(horizon);
    let mut acc = 1.0;
    let m = spec.m.max(1);
    for h in 1..=horizon {
        out.push(sigma2 * acc);
        let j = h;
        let mut c = p.alpha;
        if spec.trend != TrendKind::N {
            c += p.beta * trend_sum(spec, p.phi, j);
        }
        if spec.season != SeasonKind::N && j % m == 0 {
            c += p.gamma;
        }
        acc += c * c;
    }
    out
}

/// Simulate `paths` future sample paths of length `horizon` from the fitted model (for the multiplicative
/// classes, whose forecast distributions have no closed form). The paths advance in lockstep, so memory stays at
/// `paths × (m + 2)` states whatever the horizon: after each step `on_step(h, column)` receives the paths' values
/// at step `h` (0-based), in a buffer it may reorder.
pub fn simulate(fit: &Fit, horizon: usize, paths: usize, seed: u64, mut on_step: impl FnMut(usize, &mut [f64])) {
    let spec = &fit.spec;
    let p = &fit.params;
    let sigma = fit.sigma2.max(0.0).sqrt();
    let m = spec.m.max(1);
    let ms = fit.state.s.len();
    let phi = if spec.trend == TrendKind::Ad { p.phi } else { 1.0 };
    let mut rng = super::rng::Normal::new(seed);
    let mut ls = vec![fit.state.l; paths];
    let mut bs = vec![fit.state.b; paths];
    let mut ss: Vec<f64> = Vec::with_capacity(paths * ms);
    for _ in 0..paths {
        ss.extend_from_slice(&fit.state.s);
    }
    let mut col = vec![0.0; paths];
    for h in 0..horizon {
        let j = (fit.state.n + h) % m;
        for k in 0..paths {
            let (Some(l), Some(b), Some(out)) = (ls.get_mut(k), bs.get_mut(k), col.get_mut(k)) else { continue };
            let slot = if ms > 0 { ss.get_mut(k * ms + j) } else { None };
            let phib = phi * *b;
            let q = *l + phib;
            let sj = slot.as_deref().copied().unwrap_or(0.0);
            let yhat = match spec.season {
                SeasonKind::N => q,
                SeasonKind::A => q + sj,
                SeasonKind::M => q * sj,
            };
            let z = rng.next() * sigma;
            let y = match spec.error {
                ErrorKind::A => yhat + z,
                ErrorKind::M => yhat * (1.0 + z),
            };
            *out = y;
            let pv = match spec.season {
                SeasonKind::N => y,
                SeasonKind::A => y - sj,
                SeasonKind::M => y / sj.max(TOL),
            };
            let new_l = q + p.alpha * (pv - q);
            if spec.trend != TrendKind::N {
                *b = phib + (p.beta / p.alpha) * (new_l - *l - phib);
            }
            if let Some(slot) = slot {
                let tv = match spec.season {
                    SeasonKind::M => y / if q.abs() < TOL { TOL } else { q },
                    _ => y - q,
                };
                *slot = sj + p.gamma * (tv - sj);
            }
            *l = new_l;
        }
        on_step(h, &mut col);
    }
}

const A_LO: f64 = 1e-4;
const A_HI: f64 = 0.9999;
const PHI_LO: f64 = 0.8;
const PHI_HI: f64 = 0.98;

/// The trend's smoothing parameter stays below this fraction of α: 0 < β < α/5, inside the usual region's
/// 0 < β < α. A trend that adapts nearly as fast as the level chases the last few points: on short series the
/// likelihood often peaks there (β ≈ 0.7α with φ = 0.8 on the M3 competition's quarterly N1114, carrying a fall in
/// its last four quarters forward), and such fits forecast worse than flatter trends. The bound was chosen by its
/// score on the M3 competition's 2,184 monthly and quarterly series, together with the equal-weight combination
/// of model.rs (relMASE 0.743 before both, 0.709 after); the tourism competition's 793 series, whose scores were
/// printed beside M3's while choosing, went from 0.891 to 0.869: `scripts/accuracy/README.md`.
pub const BETA_MAX: f64 = 0.2;

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn logit(p: f64) -> f64 {
    let p = crate::num::clamp(p, 1e-9, 1.0 - 1e-9);
    (p / (1.0 - p)).ln()
}

/// Map an unconstrained vector to parameters. Layout: α, [β], [γ], [φ], then, when `free_init`, l0 and [b0].
struct Layout {
    spec: Spec,
    l0: f64,
    b0: f64,
    scale: f64,
    season0: Vec<f64>,
    /// Whether the initial level and trend are optimised too (else they stay at the decomposition's values).
    free_init: bool,
}

impl Layout {
    fn params(&self, x: &[f64]) -> Params {
        let mut p = Params {
            alpha: 0.0,
            beta: 0.0,
            gamma: 0.0,
            phi: 1.0,
            level0: 0.0,
            trend0: 0.0,
            season0: self.season0.clone(),
        };
        self.write(x, &mut p);
        p
    }

    /// Set the scalar parameters from `x` (the seasonal states are fixed).
    fn write(&self, x: &[f64], p: &mut Params) {
        let mut it = x.iter().copied();
        let mut next = || it.next().unwrap_or(0.0);
        let alpha = A_LO + (A_HI - A_LO) * sigmoid(next());
        let beta =
            if self.spec.trend != TrendKind::N { (BETA_MAX * alpha * sigmoid(next())).max(A_LO * 0.1) } else { 0.0 };
        let gamma = if self.spec.season != SeasonKind::N { ((1.0 - alpha) * sigmoid(next())).max(0.0) } else { 0.0 };
        let phi = if self.spec.trend == TrendKind::Ad { PHI_LO + (PHI_HI - PHI_LO) * sigmoid(next()) } else { 1.0 };
        let (level0, trend0) = if self.free_init {
            let level0 = self.l0 + self.scale * next();
            (level0, if self.spec.trend != TrendKind::N { self.b0 + self.scale * 0.1 * next() } else { 0.0 })
        } else {
            (self.l0, if self.spec.trend != TrendKind::N { self.b0 } else { 0.0 })
        };
        (p.alpha, p.beta, p.gamma, p.phi, p.level0, p.trend0) = (alpha, beta, gamma, phi, level0, trend0);
    }

    /// The starting point; `beta_frac` is β as a fraction of its bound `BETA_MAX·α`, `gamma_frac` γ as a fraction
    /// of 1 − α.
    fn start(&self, alpha: f64, beta_frac: f64, gamma_frac: f64, phi: f64) -> Vec<f64> {
        let mut x = vec![logit((alpha - A_LO) / (A_HI - A_LO))];
        if self.spec.trend != TrendKind::N {
            x.push(logit(beta_frac));
        }
        if self.spec.season != SeasonKind::N {
            x.push(logit(gamma_frac));
        }
        if self.spec.trend == TrendKind::Ad {
            x.push(logit((phi - PHI_LO) / (PHI_HI - PHI_LO)));
        }
        if self.free_init {
            x.extend(std::iter::repeat_n(0.0, self.n_init()));
        }
        x
    }

    /// How many initial states the optimiser moves when `free_init`: the level, and the trend if there is one.
    fn n_init(&self) -> usize {
        if self.spec.trend != TrendKind::N { 2 } else { 1 }
    }
}

/// The concentrated objective `n·ln(Σe²) + 2Σln|ŷ|` (lower is better).
fn objective(spec: &Spec, p: &Params, y: &[f64], buf: &mut Vec<f64>) -> f64 {
    match run(spec, p, y, buf, None) {
        Some((sse, sum_log, _, _)) => y.len() as f64 * sse.max(1e-300).ln() + 2.0 * sum_log,
        None => f64::INFINITY,
    }
}

/// Initial states from a classical decomposition of the first seasons (seasonal states) and a straight line
/// through the first `max(10, 2m)` seasonally adjusted values (level and trend), as R's `ets` does.
pub fn initial_states(spec: &Spec, y: &[f64]) -> (f64, f64, Vec<f64>) {
    let m = spec.m.max(1);
    let (season0, adjusted) = match spec.season {
        SeasonKind::N => (Vec::new(), y.to_vec()),
        kind => {
            let mult = kind == SeasonKind::M;
            let span = y.len().min(4 * m.max(2)).max((2 * m).min(y.len()));
            let idx = decompose::seasonal_indices(y.get(..span).unwrap_or(y), m, mult);
            let adj = y
                .iter()
                .enumerate()
                .map(|(t, &v)| {
                    let s = idx.get(t % m).copied().unwrap_or(if mult { 1.0 } else { 0.0 });
                    if mult { v / s } else { v - s }
                })
                .collect();
            (idx, adj)
        }
    };
    let k = adjusted.len().min(10.max(2 * m));
    let (a, b) = decompose::line(adjusted.get(..k).unwrap_or(&adjusted));
    // The line is fitted over t = 0..k−1; the state before the first observation is one step earlier.
    (a - b, b, season0)
}

/// Fit one model by maximum likelihood. `None` when the model cannot be evaluated on this data (for example a
/// multiplicative model meeting non-positive values).
pub fn fit(spec: Spec, y: &[f64]) -> Option<Fit> {
    fit_with(spec, y, Effort::Full)
}

/// Fit one model by maximum likelihood with the given search effort.
pub fn fit_with(spec: Spec, y: &[f64], effort: Effort) -> Option<Fit> {
    let n = y.len();
    let (l0, b0, season0) = initial_states(&spec, y);
    let sd = {
        let mean = y.iter().sum::<f64>() / n.max(1) as f64;
        (y.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n.max(1) as f64).sqrt()
    };
    let scale = if sd > 0.0 { sd } else { l0.abs().max(1.0) * 0.01 };
    let layout = Layout { spec, l0, b0, scale, season0, free_init: effort != Effort::Screen };
    let mut work = layout.params(&[]);
    let mut buf = Vec::with_capacity(spec.m);
    let mut obj = |x: &[f64]| {
        layout.write(x, &mut work);
        objective(&spec, &work, y, &mut buf)
    };
    let m = spec.m.max(1) as f64;
    let usual = layout.start(0.2 / if spec.season == SeasonKind::N { 1.0 } else { m.sqrt() }, 0.1, 0.05, 0.978);
    let d = usual.len();
    let tight = Options { max_evals: 600 + 150 * d, f_tol: 1e-3, step: 0.6, restarts: 1 };
    let (starts, opts) = match effort {
        Effort::Screen => (vec![usual], Options { max_evals: 100 + 25 * d, f_tol: 3e-2, step: 0.6, restarts: 0 }),
        Effort::Refine(mut x) if x.len() + layout.n_init() == d => {
            x.extend(std::iter::repeat_n(0.0, layout.n_init()));
            // From the screened point, with the full search's tolerance and one restart. A single loose simplex
            // could stall well short of the optimum (7 AICc short on R's austres; see tests/capacity_forecast.rs).
            (vec![x], tight)
        }
        Effort::Refine(_) | Effort::Full => (vec![usual, layout.start(0.5, 0.2, 0.2, 0.9)], tight),
    };
    let mins: Vec<_> = starts.iter().map(|x0| optim::minimise(&mut obj, x0, opts)).collect();
    let best = mins.into_iter().min_by(|a, b| a.f.total_cmp(&b.f))?;
    if !best.f.is_finite() {
        return None;
    }
    let params = layout.params(&best.x);
    let mut fitted = Vec::with_capacity(n);
    let (sse, sum_log, state) = filter(&spec, &params, y, Some(&mut fitted))?;
    let nf = n as f64;
    let sigma2 = sse / nf;
    if !(sigma2.is_finite()) {
        return None;
    }
    let two_pi = 2.0 * std::f64::consts::PI;
    let neg2ll = nf * (two_pi * sigma2.max(1e-300)).ln() + nf + 2.0 * sum_log;
    let k = spec.n_params() as f64;
    let sigma2 = if nf > k { sse / (nf - k) } else { sigma2 };
    let aic = neg2ll + 2.0 * k;
    let aicc = if nf - k - 1.0 > 0.0 { aic + 2.0 * k * (k + 1.0) / (nf - k - 1.0) } else { f64::INFINITY };
    Some(Fit { spec, params, state, sigma2, log_lik: -0.5 * neg2ll, aic, aicc, fitted, x: best.x })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ses_recursion_by_hand() {
        // ANN, α = 0.5, l0 = 10: ŷ1 = 10, l1 = 10 + 0.5(12 − 10) = 11; ŷ2 = 11, l2 = 11 + 0.5(8 − 11) = 9.5.
        let spec = Spec { error: ErrorKind::A, trend: TrendKind::N, season: SeasonKind::N, m: 1 };
        let p = Params { alpha: 0.5, beta: 0.0, gamma: 0.0, phi: 1.0, level0: 10.0, trend0: 0.0, season0: vec![] };
        let mut f = Vec::new();
        let (sse, _, st) = filter(&spec, &p, &[12.0, 8.0], Some(&mut f)).unwrap();
        assert_eq!(f, vec![10.0, 11.0]);
        assert!((st.l - 9.5).abs() < 1e-12);
        assert!((sse - (4.0 + 9.0)).abs() < 1e-12);
    }

    #[test]
    fn holt_variance_by_hand() {
        // AAN with α = 0.5, β = 0.1, σ² = 1: v1 = 1, v2 = 1 + (0.5 + 0.1)² = 1.36, v3 = 1.36 + (0.5 + 0.2)² = 1.85.
        let spec = Spec { error: ErrorKind::A, trend: TrendKind::A, season: SeasonKind::N, m: 1 };
        let p = Params { alpha: 0.5, beta: 0.1, gamma: 0.0, phi: 1.0, level0: 0.0, trend0: 0.0, season0: vec![] };
        let v = linear_variances(&spec, &p, 1.0, 3);
        assert!((v[0] - 1.0).abs() < 1e-12 && (v[1] - 1.36).abs() < 1e-12 && (v[2] - 1.85).abs() < 1e-12);
    }
}
