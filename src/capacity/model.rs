//! Model fitting and selection: automatic ETS (Hyndman–Khandakar style), the decomposition route for long or
//! multiple seasons, and the linear-trend and seasonal-naive baselines. Every route ends in a [`Projection`]: the
//! pieces of the forecast path that scenarios rescale without refitting.

use serde::Serialize;

use super::decompose;
use super::ets::{self, ErrorKind, Fit, SeasonKind, Spec, TrendKind};
use super::rng::{normal_cdf, normal_quantile};
use super::transform::Transform;

/// The model forms a caller allows, parsed from a code such as `ZZZ`, `AAdN` or `MZM` (Z = choose automatically).
#[derive(Debug, Clone, PartialEq)]
pub struct Allowed {
    /// Error forms to try.
    pub errors: Vec<ErrorKind>,
    /// Trend forms to try.
    pub trends: Vec<TrendKind>,
    /// Season forms to try.
    pub seasons: Vec<SeasonKind>,
}

impl Allowed {
    /// Parse an ETS code: error (A, M, Z), trend (N, A, Ad, Z) and season (N, A, M, Z).
    pub fn parse(code: &str) -> Option<Allowed> {
        let mut chars = code.trim();
        let errors = match chars.get(..1)? {
            "A" => vec![ErrorKind::A],
            "M" => vec![ErrorKind::M],
            "Z" => vec![ErrorKind::A, ErrorKind::M],
            _ => return None,
        };
        chars = chars.get(1..)?;
        let (trends, rest) = if let Some(rest) = chars.strip_prefix("Ad") {
            (vec![TrendKind::Ad], rest)
        } else {
            let t = match chars.get(..1)? {
                "N" => vec![TrendKind::N],
                "A" => vec![TrendKind::A],
                "Z" => vec![TrendKind::N, TrendKind::A, TrendKind::Ad],
                _ => return None,
            };
            (t, chars.get(1..)?)
        };
        let seasons = match rest {
            "N" => vec![SeasonKind::N],
            "A" => vec![SeasonKind::A],
            "M" => vec![SeasonKind::M],
            "Z" => vec![SeasonKind::N, SeasonKind::A, SeasonKind::M],
            _ => return None,
        };
        Some(Allowed { errors, trends, seasons })
    }

    /// Whether the code names multiplicative parts explicitly (so non-positive data is an error, not a skip).
    pub fn demands_positive(&self) -> bool {
        self.errors == [ErrorKind::M] || self.seasons == [SeasonKind::M]
    }
}

/// One model tried during selection.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    /// Its name, such as `ETS(A,Ad,N)` or `log ETS(A,A,A)`.
    pub name: String,
    /// AICc on the original scale (comparable across transforms).
    pub aicc: f64,
    /// Its weight in the combined forecast (1/k for each of the k members); absent when it is not part of the
    /// combination.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

/// The forecast path in model (transformed) space, in pieces: `mean(h) = (level + g·trend[h]) ⊕ season[h]`,
/// where ⊕ is + or × and g is a scenario's growth multiplier; interval bounds are offsets from (or ratios to)
/// that mean.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// The level after the last observation.
    pub level: f64,
    /// The trend contribution at each step (Φ_h·b).
    pub trend: Vec<f64>,
    /// The seasonal part at each step.
    pub season: Vec<f64>,
    /// Whether the season multiplies (else adds).
    pub season_mult: bool,
    /// Per requested level, (lower, upper) offsets — or ratios when `spread_mult`.
    pub spreads: Vec<(f64, Vec<f64>, Vec<f64>)>,
    /// Whether spreads are ratios to the mean (multiplicative-error models).
    pub spread_mult: bool,
    /// The transform to undo.
    pub transform: Transform,
}

/// The `p`-quantile of a mixture of split normals `(weight, mean, sd below, sd above)`, by bisection.
fn mixture_quantile(comps: &[(f64, f64, f64, f64)], p: f64) -> f64 {
    let cdf = |x: f64| -> f64 {
        comps
            .iter()
            .map(|&(w, mu, sl, sh)| {
                let s = if x < mu { sl } else { sh };
                let c = if s > 0.0 {
                    normal_cdf((x - mu) / s)
                } else if x < mu {
                    0.0
                } else {
                    1.0
                };
                w * c
            })
            .sum()
    };
    let mut a = comps.iter().map(|c| c.1 - 12.0 * c.2).fold(f64::INFINITY, f64::min);
    let mut b = comps.iter().map(|c| c.1 + 12.0 * c.3).fold(f64::NEG_INFINITY, f64::max);
    if !(a.is_finite() && b.is_finite()) {
        return f64::NAN;
    }
    for _ in 0..200 {
        let mid = 0.5 * (a + b);
        if b - a <= 1e-12 * (a.abs() + b.abs()).max(1e-300) {
            break;
        }
        if cdf(mid) < p {
            a = mid;
        } else {
            b = mid;
        }
    }
    0.5 * (a + b)
}

/// Make wider levels contain narrower ones at every step (bisection can leave them a hair out of order), and make
/// each level's width never shrink from one step to the next. A mixture's quantiles can draw in where its members
/// agree more (seasonal members whose patterns differ more at some phases than others): its interval at a step is
/// then widened, half on each side, to the width of the step before. Widening only keeps every guarantee of the
/// mixture's coverage. Steps are settled in order, each level after the narrower ones it must contain.
fn nest_bands(spreads: &mut [(f64, Vec<f64>, Vec<f64>)]) {
    let mut order: Vec<usize> = (0..spreads.len()).collect();
    crate::sort::sort_by(&mut order, |&a, &b| {
        spreads.get(a).map_or(0.0, |s| s.0).total_cmp(&spreads.get(b).map_or(0.0, |s| s.0))
    });
    let steps = spreads.iter().map(|s| s.1.len().min(s.2.len())).min().unwrap_or(0);
    for i in 0..steps {
        let mut inner: Option<(f64, f64)> = None;
        for &k in &order {
            let Some((_, lo, hi)) = spreads.get_mut(k) else { continue };
            let (Some(mut l), Some(mut h)) = (lo.get(i).copied(), hi.get(i).copied()) else { continue };
            if let Some((il, ih)) = inner {
                l = l.min(il);
                h = h.max(ih);
            }
            let before = i.checked_sub(1).and_then(|j| Some((*lo.get(j)?, *hi.get(j)?)));
            if let Some((pl, ph)) = before {
                let short = (ph - pl) - (h - l);
                if short > 0.0 {
                    l -= short / 2.0;
                    h += short / 2.0;
                }
            }
            if let (Some(x), Some(y)) = (lo.get_mut(i), hi.get_mut(i)) {
                (*x, *y) = (l, h);
            }
            inner = Some((l, h));
        }
    }
}

impl Projection {
    /// The model-space (lower, upper) bounds at step index `i` for spread `k`, around the model-space mean `mz`.
    fn bounds_z(&self, i: usize, k: usize, mz: f64) -> (f64, f64) {
        match self.spreads.get(k) {
            Some((_, lo, hi)) => {
                let (l, h) = (lo.get(i).copied().unwrap_or(0.0), hi.get(i).copied().unwrap_or(0.0));
                if self.spread_mult { (mz * l, mz * h) } else { (mz + l, mz + h) }
            }
            None => (mz, mz),
        }
    }

    /// The model-space mean at step index `i` (0-based: i = h − 1) with growth multiplier `g`.
    pub fn mean_z(&self, i: usize, g: f64) -> f64 {
        let base = self.level + g * self.trend.get(i).copied().unwrap_or(0.0);
        let s = self.season.get(i).copied().unwrap_or(if self.season_mult { 1.0 } else { 0.0 });
        if self.season_mult { base * s } else { base + s }
    }

    /// The original-scale (mean, lower, upper) at step index `i` for spread `k`, with growth multiplier `g`.
    pub fn at(&self, i: usize, k: usize, g: f64) -> (f64, f64, f64) {
        let mz = self.mean_z(i, g);
        let (lo, hi) = self.bounds_z(i, k, mz);
        let t = self.transform;
        (t.invert(mz), t.invert(lo), t.invert(hi))
    }
}

/// A fitted model, ready to project.
#[derive(Debug, Clone)]
pub struct Fitted {
    /// `ets`, `decomposition`, `linearTrend` or `seasonalNaive`.
    pub method: &'static str,
    /// The model's name, such as `ETS(M,Ad,M)` or `MSTL(48,336) + ETS(A,Ad,N)`.
    pub name: String,
    /// The ETS fit (absent for the baselines).
    pub ets: Option<Fit>,
    /// AICc on the original scale (absent for the baselines).
    pub aicc: Option<f64>,
    /// The transform.
    pub transform: Transform,
    /// One-step fitted values on the original scale.
    pub fitted: Vec<f64>,
    /// Every model tried, best first.
    pub candidates: Vec<Candidate>,
    /// Seasonal periods used.
    pub periods: Vec<usize>,
    /// The models whose forecasts are combined, with their weights (equal, summing to 1); empty when the forecast
    /// is the single model in `ets` alone.
    pub members: Vec<(f64, Fit)>,
    /// What the projection needs beyond the ETS state: per-component last cycles for the decomposition route, or
    /// the baseline's own parameters.
    extra: Extra,
}

#[derive(Debug, Clone)]
enum Extra {
    None,
    /// The seasonal components' values over their last cycle, per period, and per period the mean square
    /// change of the component from one cycle to the next (the variance its seasonal-naive forecast adds per
    /// cycle ahead).
    Seasons(Vec<Vec<f64>>, Vec<f64>),
    /// Linear trend: z at the last point, slope, σ, n, mean of t, Σ(t − t̄)².
    Line {
        last: f64,
        slope: f64,
        sigma: f64,
        n: f64,
        tbar: f64,
        sxx: f64,
    },
    /// Seasonal naive: the last cycle and σ of the seasonal differences.
    Naive {
        cycle: Vec<f64>,
        sigma: f64,
    },
}

/// Whether ETS can use the season directly (one period up to 24), else the decomposition route is used.
pub fn direct_season(periods: &[usize]) -> Option<usize> {
    match periods {
        [m] if *m <= 24 => Some(*m),
        _ => None,
    }
}

fn ets_specs(z: &[f64], m: usize, allowed: &Allowed, transformed: bool) -> Vec<Spec> {
    let positive = z.iter().all(|&v| v > 0.0);
    let mut out = Vec::new();
    for &e in &allowed.errors {
        for &t in &allowed.trends {
            for &s in &allowed.seasons {
                let seasonal = s != SeasonKind::N;
                if seasonal && m < 2 {
                    continue;
                }
                if (e == ErrorKind::M || s == SeasonKind::M) && (!positive || transformed) {
                    continue;
                }
                if e == ErrorKind::A && s == SeasonKind::M {
                    continue; // numerically unstable; excluded as in R and statsforecast
                }
                let spec = Spec { error: e, trend: t, season: s, m: if seasonal { m } else { 1 } };
                if seasonal && z.len() < 2 * m {
                    continue;
                }
                if z.len() <= spec.n_params() + 1 {
                    continue;
                }
                out.push(spec);
            }
        }
    }
    out
}

fn label(transform: Transform, name: &str) -> String {
    match transform {
        Transform::None => name.to_string(),
        Transform::BoxCox { lambda: 0.0 } => format!("log {name}"),
        Transform::BoxCox { lambda } => format!("Box-Cox({}) {name}", crate::num::Num(lambda)),
    }
}

/// One modelling scale: the transform, its Jacobian term, the series ETS sees, and the seasonal components
/// removed from it (decomposition route).
struct Route {
    transform: Transform,
    jacobian: f64,
    target: Vec<f64>,
    seasons: Option<Vec<Vec<f64>>>,
}

/// How many of the best screened models are refined to a tight optimum.
const REFINE: usize = 4;

/// Screened models more than this much AICc behind the best screened one are not refined.
const REFINE_WITHIN: f64 = 20.0;

/// Models whose Akaike weight relative to the best, exp(−ΔAICc/2), is below this (ΔAICc above about 9.2) are
/// left out of the combination.
const MIN_WEIGHT: f64 = 0.01;

/// How far down the AICc ranking the combination reaches: of this many best models (over every scale compared,
/// as `REFINE` counts them too), those on the winning scale within `MIN_WEIGHT` are combined.
const COMBINE: usize = 8;

/// Fit ETS (or decomposition + ETS) on `y` under each transform in `transforms`, and keep the lowest AICc on the
/// original scale. `None` when no model could be fitted.
///
/// Every valid form is first fitted with a quick, loose search ([`ets::Effort::Screen`]); the best
/// four (`REFINE`) by AICc are then refined to a tight optimum from where the screen stopped, and the lowest AICc wins.
/// Candidates outside the refined set report their screening AICc (an upper bound on their optimum).
pub fn fit_ets(y: &[f64], periods: &[usize], allowed: &Allowed, transforms: &[Transform]) -> Option<Fitted> {
    let mut routes = Vec::with_capacity(transforms.len());
    let mut entries: Vec<(usize, Fit, f64)> = Vec::new();
    let mut plan: Vec<(usize, Spec)> = Vec::new();
    for &tr in transforms {
        let z: Vec<f64> = y.iter().map(|&v| tr.apply(v)).collect();
        let (target, seasons, m) = match direct_season(periods) {
            Some(m) => (z, None, m),
            None if periods.is_empty() => (z, None, 1),
            None => {
                let (adj, comps) = decompose::mstl(&z, periods);
                (adj, Some(comps), 1)
            }
        };
        let allowed_here = if seasons.is_some() {
            Allowed { seasons: vec![SeasonKind::N], ..allowed.clone() }
        } else {
            allowed.clone()
        };
        let specs = ets_specs(&target, m, &allowed_here, tr != Transform::None);
        plan.extend(specs.into_iter().map(|s| (routes.len(), s)));
        routes.push(Route { transform: tr, jacobian: tr.jacobian_penalty(y), target, seasons });
    }
    let single = plan.len() == 1;
    for (r, spec) in plan {
        let Some(route) = routes.get(r) else { continue };
        let effort = if single { ets::Effort::Full } else { ets::Effort::Screen };
        if let Some(f) = ets::fit_with(spec, &route.target, effort) {
            let aicc = f.aicc + route.jacobian;
            entries.push((r, f, aicc));
        }
    }
    crate::sort::sort_by(&mut entries, |a, b| a.2.total_cmp(&b.2));
    if !single {
        let first = entries.first().map_or(f64::INFINITY, |e| e.2);
        // Only models that could still carry weight are refined (screening AICc values are within a few units
        // of the optimum, and refining only lowers them).
        for entry in entries.iter_mut().take(REFINE).filter(|e| e.2 - first <= REFINE_WITHIN) {
            let Some(route) = routes.get(entry.0) else { continue };
            if let Some(f) = ets::fit_with(entry.1.spec, &route.target, ets::Effort::Refine(entry.1.x.clone()))
                && f.aicc + route.jacobian <= entry.2
            {
                entry.2 = f.aicc + route.jacobian;
                entry.1 = f;
            }
        }
        crate::sort::sort_by(&mut entries, |a, b| a.2.total_cmp(&b.2));
    }
    let name_of = |r: &Route, f: &Fit| {
        let base = match &r.seasons {
            Some(_) => format!("MSTL({}) + {}", join(periods), f.spec.name()),
            None => f.spec.name(),
        };
        label(r.transform, &base)
    };
    // The combination: of the COMBINE best models (every scale), those on the winner's scale whose Akaike weight
    // is at least MIN_WEIGHT of the best's, weighted equally (see forecast.rs for why not by Akaike weight).
    let (best_route, best_aicc) = (entries.first()?.0, entries.first()?.2);
    let combine = !single;
    let weights: Vec<Option<f64>> = {
        let keep: Vec<bool> = entries
            .iter()
            .enumerate()
            .map(|(i, (r, _, aicc))| {
                i == 0
                    || (combine && i < COMBINE && *r == best_route && (-(aicc - best_aicc) / 2.0).exp() >= MIN_WEIGHT)
            })
            .collect();
        let w = 1.0 / keep.iter().filter(|&&k| k).count().max(1) as f64;
        keep.iter().map(|&k| k.then_some(w)).collect()
    };
    let candidates: Vec<Candidate> = entries
        .iter()
        .zip(&weights)
        .filter_map(|((r, f, aicc), w)| {
            routes.get(*r).map(|route| Candidate { name: name_of(route, f), aicc: *aicc, weight: *w })
        })
        .collect();
    let mut members: Vec<(f64, Fit)> =
        entries.iter().zip(&weights).filter_map(|((_, f, _), w)| w.map(|w| (w, f.clone()))).collect();
    if members.len() < 2 {
        members.clear();
    }
    let (r, f, aicc) = entries.into_iter().next()?;
    let route = routes.get(r)?;
    let fitted_adj: Vec<f64> = if members.is_empty() {
        f.fitted.clone()
    } else {
        (0..f.fitted.len())
            .map(|t| members.iter().map(|(w, m)| w * m.fitted.get(t).copied().unwrap_or(0.0)).sum())
            .collect()
    };
    let fitted_z: Vec<f64> = match &route.seasons {
        Some(comps) => fitted_adj
            .iter()
            .enumerate()
            .map(|(t, v)| v + comps.iter().map(|c| c.get(t).copied().unwrap_or(0.0)).sum::<f64>())
            .collect(),
        None => fitted_adj,
    };
    let extra = match &route.seasons {
        Some(comps) => Extra::Seasons(
            comps
                .iter()
                .zip(periods)
                .map(|(c, &p)| c.get(c.len().saturating_sub(p)..).unwrap_or(&[]).to_vec())
                .collect(),
            comps
                .iter()
                .zip(periods)
                .map(|(c, &p)| {
                    let d: Vec<f64> = c.iter().skip(p).zip(c).map(|(a, b)| a - b).collect();
                    if d.is_empty() { 0.0 } else { d.iter().map(|v| v * v).sum::<f64>() / d.len() as f64 }
                })
                .collect(),
        ),
        None => Extra::None,
    };
    let tr = route.transform;
    let name = match members.len() {
        0 => name_of(route, &f),
        k => format!("{} + {} more (equal weights)", name_of(route, &f), k - 1),
    };
    Some(Fitted {
        method: if route.seasons.is_some() { "decomposition" } else { "ets" },
        name,
        ets: Some(f),
        aicc: Some(aicc),
        transform: tr,
        fitted: fitted_z.iter().map(|&v| tr.invert(v)).collect(),
        candidates,
        periods: periods.to_vec(),
        members,
        extra,
    })
}

fn join(p: &[usize]) -> String {
    p.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(",")
}

/// The linear-trend baseline: ordinary least squares on time, with regression prediction intervals.
pub fn fit_line(y: &[f64], transform: Transform, periods: &[usize]) -> Fitted {
    let z: Vec<f64> = y.iter().map(|&v| transform.apply(v)).collect();
    let (a, b) = decompose::line(&z);
    let n = z.len() as f64;
    let fitted_z: Vec<f64> = (0..z.len()).map(|t| a + b * t as f64).collect();
    let sse: f64 = z.iter().zip(&fitted_z).map(|(v, f)| (v - f).powi(2)).sum();
    let sigma = if n > 2.0 { (sse / (n - 2.0)).sqrt() } else { 0.0 };
    let tbar = (n - 1.0) / 2.0;
    let sxx: f64 = (0..z.len()).map(|t| (t as f64 - tbar).powi(2)).sum();
    Fitted {
        method: "linearTrend",
        name: label(transform, "linear trend"),
        ets: None,
        aicc: None,
        transform,
        fitted: fitted_z.iter().map(|&v| transform.invert(v)).collect(),
        candidates: Vec::new(),
        periods: periods.to_vec(),
        members: Vec::new(),
        extra: Extra::Line { last: a + b * (n - 1.0), slope: b, sigma, n, tbar, sxx },
    }
}

/// The seasonal-naive baseline with period `m` (1 = naive): each forecast repeats the value one season earlier.
pub fn fit_naive(y: &[f64], transform: Transform, m: usize, periods: &[usize]) -> Fitted {
    let z: Vec<f64> = y.iter().map(|&v| transform.apply(v)).collect();
    let m = m.clamp(1, z.len().max(1));
    let diffs: Vec<f64> = z.iter().skip(m).zip(&z).map(|(a, b)| a - b).collect();
    let sigma =
        if diffs.is_empty() { 0.0 } else { (diffs.iter().map(|d| d * d).sum::<f64>() / diffs.len() as f64).sqrt() };
    let fitted: Vec<f64> = (0..z.len())
        .map(|t| transform.invert(if t >= m { z.get(t - m).copied().unwrap_or(0.0) } else { f64::NAN }))
        .collect();
    Fitted {
        method: "seasonalNaive",
        name: label(transform, &format!("seasonal naive (m = {m})")),
        ets: None,
        aicc: None,
        transform,
        fitted,
        candidates: Vec::new(),
        periods: periods.to_vec(),
        members: Vec::new(),
        extra: Extra::Naive { cycle: z.get(z.len().saturating_sub(m)..).unwrap_or(&[]).to_vec(), sigma },
    }
}

/// How many simulated paths to use for a horizon: 1,000, fewer for very long horizons (at least 200), and for a
/// member of a combination its weight's share of that (again at least 200).
fn n_paths(horizon: usize, weight: f64) -> usize {
    let full = (2_000_000 / horizon.max(1)).clamp(200, 1_000);
    ((full as f64 * crate::num::clamp(weight, 0.0, 1.0)).ceil() as usize).clamp(200, full)
}

fn quantile_sorted(v: &[f64], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let pos = q * (v.len() - 1) as f64;
    let i = pos.floor() as usize;
    let frac = pos - i as f64;
    let a = v.get(i).copied().unwrap_or(f64::NAN);
    let b = v.get(i + 1).copied().unwrap_or(a);
    a + frac * (b - a)
}

impl Fitted {
    /// Project `horizon` steps ahead with intervals at `levels` (fractions such as 0.8 and 0.95).
    pub fn project(&self, horizon: usize, levels: &[f64]) -> Projection {
        let zq: Vec<f64> = levels.iter().map(|l| normal_quantile(0.5 + l / 2.0)).collect();
        let additive = |sd: &dyn Fn(usize) -> f64| -> Vec<(f64, Vec<f64>, Vec<f64>)> {
            levels
                .iter()
                .zip(&zq)
                .map(|(&l, &z)| {
                    let hi: Vec<f64> = (0..horizon).map(|i| z * sd(i)).collect();
                    (l, hi.iter().map(|v| -v).collect(), hi)
                })
                .collect()
        };
        match &self.extra {
            Extra::Line { last, slope, sigma, n, tbar, sxx } => {
                let sd = |i: usize| {
                    let t = n - 1.0 + (i + 1) as f64;
                    sigma * (1.0 + 1.0 / n + if *sxx > 0.0 { (t - tbar).powi(2) / sxx } else { 0.0 }).sqrt()
                };
                Projection {
                    level: *last,
                    trend: (1..=horizon).map(|h| slope * h as f64).collect(),
                    season: vec![0.0; horizon],
                    season_mult: false,
                    spreads: additive(&sd),
                    spread_mult: false,
                    transform: self.transform,
                }
            }
            Extra::Naive { cycle, sigma } => {
                let m = cycle.len().max(1);
                let sd = |i: usize| sigma * ((i / m + 1) as f64).sqrt();
                Projection {
                    level: 0.0,
                    trend: vec![0.0; horizon],
                    season: (0..horizon).map(|i| cycle.get(i % m).copied().unwrap_or(0.0)).collect(),
                    season_mult: false,
                    spreads: additive(&sd),
                    spread_mult: false,
                    transform: self.transform,
                }
            }
            Extra::None | Extra::Seasons(..) => self.project_ets(horizon, levels, &zq),
        }
    }

    fn project_ets(&self, horizon: usize, levels: &[f64], zq: &[f64]) -> Projection {
        if self.members.len() > 1 {
            return self.project_combined(horizon, levels, zq);
        }
        let Some(f) = &self.ets else {
            return Projection {
                level: 0.0,
                trend: vec![0.0; horizon],
                season: vec![0.0; horizon],
                season_mult: false,
                spreads: Vec::new(),
                spread_mult: false,
                transform: self.transform,
            };
        };
        self.project_fit(f, horizon, levels, zq, 1.0)
    }

    /// The combined projection of `members`: the weighted mean path, and interval bounds that are
    /// quantiles of the weighted mixture of the members' forecast distributions. Each member's distribution at a
    /// step is taken as normal on each side of its mean, with the spread that reproduces its own bounds at the
    /// level asked for (exact for the analytic members; for simulated ones it matches their simulated
    /// quantiles), so the mixture widens where the members disagree: model uncertainty is part of the interval.
    fn project_combined(&self, horizon: usize, levels: &[f64], zq: &[f64]) -> Projection {
        let parts: Vec<(f64, Projection)> =
            self.members.iter().map(|(w, f)| (*w, self.project_fit(f, horizon, levels, zq, *w))).collect();
        let mut trend = vec![0.0; horizon];
        let mut season = vec![0.0; horizon];
        for (w, p) in &parts {
            for (i, (t, s)) in trend.iter_mut().zip(season.iter_mut()).enumerate() {
                let tp = p.trend.get(i).copied().unwrap_or(0.0);
                let sp = p.season.get(i).copied().unwrap_or(if p.season_mult { 1.0 } else { 0.0 });
                let (base, tr) = if p.season_mult { (p.level * sp, tp * sp) } else { (p.level + sp, tp) };
                *t += w * tr;
                *s += w * base;
            }
        }
        let mut spreads: Vec<(f64, Vec<f64>, Vec<f64>)> = Vec::with_capacity(levels.len());
        let mut comps: Vec<(f64, f64, f64, f64)> = Vec::with_capacity(parts.len());
        for (k, (&l, &z)) in levels.iter().zip(zq).enumerate() {
            let (mut lo, mut hi) = (Vec::with_capacity(horizon), Vec::with_capacity(horizon));
            for i in 0..horizon {
                comps.clear();
                for (w, p) in &parts {
                    let mu = p.mean_z(i, 1.0);
                    let (a, b) = p.bounds_z(i, k, mu);
                    let z = if z > 0.0 { z } else { 1.0 };
                    comps.push((*w, mu, (mu - a).max(0.0) / z, (b - mu).max(0.0) / z));
                }
                let mean = trend.get(i).copied().unwrap_or(0.0) + season.get(i).copied().unwrap_or(0.0);
                lo.push(mixture_quantile(&comps, 0.5 - l / 2.0) - mean);
                hi.push(mixture_quantile(&comps, 0.5 + l / 2.0) - mean);
            }
            spreads.push((l, lo, hi));
        }
        nest_bands(&mut spreads);
        Projection {
            level: 0.0,
            trend,
            season,
            season_mult: false,
            spreads,
            spread_mult: false,
            transform: self.transform,
        }
    }

    /// One model's projection. `weight` is its share in a combination (1 alone): a simulated member's quantiles
    /// move the mixture's only in proportion to its weight, so it draws that share of the paths (at least 200).
    fn project_fit(&self, f: &Fit, horizon: usize, levels: &[f64], zq: &[f64], weight: f64) -> Projection {
        let spec = &f.spec;
        let trend: Vec<f64> = (1..=horizon).map(|h| ets::trend_sum(spec, f.params.phi, h) * f.state.b).collect();
        let (season, season_mult) = match &self.extra {
            Extra::Seasons(cycles, _) => (
                (0..horizon)
                    .map(|i| cycles.iter().map(|c| c.get(i % c.len().max(1)).copied().unwrap_or(0.0)).sum())
                    .collect(),
                false,
            ),
            _ => match spec.season {
                SeasonKind::N => (vec![0.0; horizon], false),
                SeasonKind::A => ((1..=horizon).map(|h| ets::season_at(spec, &f.state, h)).collect(), false),
                SeasonKind::M => ((1..=horizon).map(|h| ets::season_at(spec, &f.state, h)).collect(), true),
            },
        };
        let linear = spec.error == ErrorKind::A && spec.season != SeasonKind::M;
        let (spreads, spread_mult) = if linear {
            let v = ets::linear_variances(spec, &f.params, f.sigma2, horizon);
            let s = levels
                .iter()
                .zip(zq)
                .map(|(&l, &z)| {
                    let hi: Vec<f64> = v.iter().map(|v| z * v.max(0.0).sqrt()).collect();
                    (l, hi.iter().map(|x| -x).collect(), hi)
                })
                .collect();
            (s, false)
        } else {
            let paths = n_paths(horizon, weight);
            let mut lo: Vec<Vec<f64>> = levels.iter().map(|_| Vec::with_capacity(horizon)).collect();
            let mut hi = lo.clone();
            ets::simulate(f, horizon, paths, 20_260_301, |i, col| {
                crate::radix::sort_f64(col);
                let point = ets::point(spec, &f.params, &f.state, i + 1, 1.0);
                let denom = if point.abs() > 1e-12 { point } else { 1e-12 };
                for (j, &l) in levels.iter().enumerate() {
                    if let (Some(lo), Some(hi)) = (lo.get_mut(j), hi.get_mut(j)) {
                        lo.push(quantile_sorted(col, 0.5 - l / 2.0) / denom);
                        hi.push(quantile_sorted(col, 0.5 + l / 2.0) / denom);
                    }
                }
            });
            let bands: Vec<(f64, Vec<f64>, Vec<f64>)> =
                levels.iter().zip(lo).zip(hi).map(|((&l, lo), hi)| (l, lo, hi)).collect();
            if matches!(self.extra, Extra::Seasons(..)) {
                // Decomposition route: the ratios are relative to the adjusted series' forecast, not to the mean
                // with the seasons added back, so turn them into additive offsets from it.
                let points: Vec<f64> = (1..=horizon).map(|h| ets::point(spec, &f.params, &f.state, h, 1.0)).collect();
                let off = |r: Vec<f64>| r.iter().zip(&points).map(|(r, p)| (r - 1.0) * p).collect::<Vec<f64>>();
                (bands.into_iter().map(|(l, lo, hi)| (l, off(lo), off(hi))).collect(), false)
            } else {
                (bands, true)
            }
        };
        let mut spreads = spreads;
        if let Extra::Seasons(cycles, vars) = &self.extra {
            // The seasonal components are forecast by repeating their last cycle; each cycle ahead adds the
            // component's cycle-to-cycle variance, independent of the remainder's forecast error. (Both spreads
            // are additive offsets on this route.)
            for ((_, lo, hi), &z) in spreads.iter_mut().zip(zq) {
                for (i, (l, u)) in lo.iter_mut().zip(hi.iter_mut()).enumerate() {
                    let vs: f64 =
                        cycles.iter().zip(vars).map(|(c, v)| v * (i / c.len().max(1) + 1) as f64).sum::<f64>();
                    let add = z * z * vs;
                    *l = -(*l * *l + add).sqrt();
                    *u = (*u * *u + add).sqrt();
                }
            }
        }
        Projection { level: f.state.l, trend, season, season_mult, spreads, spread_mult, transform: self.transform }
    }
}
