//! A derivative-free minimiser: Nelder–Mead with restarts.
//!
//! The ETS likelihood is smooth in the smoothing parameters but has no cheap gradient, so opscore uses the
//! classic simplex method (Nelder & Mead 1965, with the standard coefficients: reflection 1, expansion 2,
//! contraction ½, shrink ½). Parameters are mapped to an unconstrained space by the caller, so the simplex never
//! needs a penalty. After convergence the search restarts from the best point with a fresh simplex, which is the
//! usual cure for a simplex that collapsed early.

/// Settings for [`minimise`].
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The largest number of objective evaluations in total.
    pub max_evals: usize,
    /// Stop a run when the objective values across the simplex differ by less than this (absolute).
    pub f_tol: f64,
    /// The edge length of a fresh simplex.
    pub step: f64,
    /// How many times to restart from the best point.
    pub restarts: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_evals: 2_000, f_tol: 1e-8, step: 0.5, restarts: 2 }
    }
}

/// The minimum found: the point and the objective there.
#[derive(Debug, Clone)]
pub struct Minimum {
    /// The best point.
    pub x: Vec<f64>,
    /// The objective at `x`.
    pub f: f64,
    /// Evaluations used.
    pub evals: usize,
}

/// Minimise `f` from `x0`. Non-finite objective values count as +∞, so the simplex moves away from them.
pub fn minimise(mut f: impl FnMut(&[f64]) -> f64, x0: &[f64], opts: Options) -> Minimum {
    let mut evals = 0usize;
    let mut eval = |x: &[f64], evals: &mut usize| {
        *evals += 1;
        let v = f(x);
        if v.is_finite() { v } else { f64::INFINITY }
    };
    let mut best_x = x0.to_vec();
    let mut best_f = eval(&best_x, &mut evals);
    if x0.is_empty() {
        return Minimum { x: best_x, f: best_f, evals };
    }
    let mut step = opts.step;
    for _ in 0..=opts.restarts {
        let (x, fx) = run(&mut eval, &best_x, best_f, step, opts, &mut evals);
        let improved = fx < best_f - opts.f_tol;
        if fx < best_f {
            best_x = x;
            best_f = fx;
        }
        if !improved || evals >= opts.max_evals {
            break;
        }
        step *= 0.5;
    }
    Minimum { x: best_x, f: best_f, evals }
}

fn run(
    eval: &mut impl FnMut(&[f64], &mut usize) -> f64,
    x0: &[f64],
    f0: f64,
    step: f64,
    opts: Options,
    evals: &mut usize,
) -> (Vec<f64>, f64) {
    let d = x0.len();
    let mut pts: Vec<Vec<f64>> = Vec::with_capacity(d + 1);
    let mut fs: Vec<f64> = Vec::with_capacity(d + 1);
    pts.push(x0.to_vec());
    fs.push(f0);
    for i in 0..d {
        let mut p = x0.to_vec();
        if let Some(v) = p.get_mut(i) {
            *v += step;
        }
        fs.push(eval(&p, evals));
        pts.push(p);
    }
    let mut order: Vec<usize> = (0..=d).collect();
    let mut centroid = vec![0.0; d];
    let mut trial = vec![0.0; d];
    let mut trial2 = vec![0.0; d];
    while *evals < opts.max_evals {
        crate::sort::sort_by(&mut order, |&a, &b| fs[a].total_cmp(&fs[b]));
        let (ib, iw, isw) = (order[0], order[d], order[d - 1]);
        if (fs[iw] - fs[ib]).abs() <= opts.f_tol && fs[iw].is_finite() {
            break;
        }
        centroid.iter_mut().for_each(|c| *c = 0.0);
        for &i in order.iter().take(d) {
            for (c, v) in centroid.iter_mut().zip(&pts[i]) {
                *c += v / d as f64;
            }
        }
        let along = |t: &mut Vec<f64>, coef: f64, worst: &[f64]| {
            for ((tv, c), w) in t.iter_mut().zip(&centroid).zip(worst) {
                *tv = c + coef * (c - w);
            }
        };
        along(&mut trial, 1.0, &pts[iw]);
        let fr = eval(&trial, evals);
        if fr < fs[ib] {
            along(&mut trial2, 2.0, &pts[iw]);
            let fe = eval(&trial2, evals);
            if fe < fr {
                pts[iw].copy_from_slice(&trial2);
                fs[iw] = fe;
            } else {
                pts[iw].copy_from_slice(&trial);
                fs[iw] = fr;
            }
        } else if fr < fs[isw] {
            pts[iw].copy_from_slice(&trial);
            fs[iw] = fr;
        } else {
            // Contract: outside if the reflection beat the worst, inside otherwise.
            let coef = if fr < fs[iw] { 0.5 } else { -0.5 };
            along(&mut trial2, coef, &pts[iw]);
            let fc = eval(&trial2, evals);
            if fc < fs[iw].min(fr) {
                pts[iw].copy_from_slice(&trial2);
                fs[iw] = fc;
            } else {
                let best = pts[ib].clone();
                for &i in order.iter().skip(1) {
                    for (v, b) in pts[i].iter_mut().zip(&best) {
                        *v = b + 0.5 * (*v - b);
                    }
                    fs[i] = eval(&pts[i], evals);
                }
            }
        }
    }
    let ib = (0..=d).min_by(|&a, &b| fs[a].total_cmp(&fs[b])).unwrap_or(0);
    (pts[ib].clone(), fs[ib])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_rosenbrock_minimum() {
        let rosen = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let m = minimise(rosen, &[-1.2, 1.0], Options { max_evals: 5_000, f_tol: 1e-14, ..Default::default() });
        assert!((m.x[0] - 1.0).abs() < 1e-3 && (m.x[1] - 1.0).abs() < 1e-3, "{:?}", m.x);
    }

    #[test]
    fn avoids_non_finite_regions() {
        let f = |x: &[f64]| if x[0] < 0.0 { f64::NAN } else { (x[0] - 2.0).powi(2) };
        let m = minimise(f, &[0.5], Options::default());
        assert!((m.x[0] - 2.0).abs() < 1e-3);
    }
}
