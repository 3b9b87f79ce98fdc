#![cfg(not(target_arch = "wasm32"))]
//! Runway on synthetic series whose true crossing is known: the noise-free generator's first step at or above
//! the threshold. The bar: the mean forecast crosses within 5% of the true horizon.

use opscore::ErrorCode;
use opscore::capacity::forecast::{CapacityModel, ForecastInput, TransformChoice};
use opscore::capacity::rng::Normal;
use opscore::capacity::runway::{CapacityChange, Direction, RunwayInput, RunwayQuery, Scenario, StepChange, runway};
use opscore::capacity::series::{SeriesInput, Values};
use opscore::time::Timestamp;
use std::f64::consts::PI;

const START: &str = "2025-01-01T00:00:00Z";

fn series(values: Vec<f64>, step: f64) -> SeriesInput {
    SeriesInput {
        start: Some(Timestamp::parse(START, "").unwrap()),
        step: Some(step),
        timestamps: None,
        values: Values(values),
    }
}

fn input(values: Vec<f64>, step: f64, horizon: usize, capacity: f64) -> RunwayInput {
    RunwayInput {
        series: series(values, step),
        horizon: horizon as f64,
        model: None,
        seasonal_periods: None,
        transform: TransformChoice::Auto,
        capacity,
        utilisation_target: None,
        largest_unit: None,
        level: None,
        direction: Direction::Above,
        scenarios: vec![],
    }
}

/// The true horizon: first h ≥ 1 with truth(n − 1 + h) ≥ threshold.
fn true_horizon(truth: impl Fn(f64) -> f64, n: usize, threshold: f64) -> usize {
    (1..1_000_000).find(|h| truth((n - 1 + h) as f64) >= threshold).unwrap()
}

fn assert_within_5pct(got: usize, want: usize, what: &str) {
    let err = (got as f64 - want as f64).abs() / want as f64;
    assert!(err <= 0.05, "{what}: mean crosses after {got} steps, truth {want} ({:.1}% off)", err * 100.0);
}

#[test]
fn linear_growth_weekly_season() {
    // Daily data, one year: 100 + 0.5t + 10·sin(2πt/7), noise σ = 3. Capacity 500.
    let truth = |t: f64| 100.0 + 0.5 * t + 10.0 * (2.0 * PI * t / 7.0).sin();
    let mut g = Normal::new(1);
    let n = 365;
    let y: Vec<f64> = (0..n).map(|t| truth(t as f64) + 3.0 * g.next()).collect();
    let want = true_horizon(truth, n, 500.0);
    let r = runway(&input(y, 86_400.0, 1_000, 500.0)).unwrap();
    let m = r.baseline.runway.mean.as_ref().expect("mean crosses");
    eprintln!("{}: got {} want {want}", r.model.name, m.steps);
    assert_within_5pct(m.steps, want, "linear + weekly");
    let (e, l) = (r.baseline.runway.earliest.as_ref().unwrap(), r.baseline.runway.latest.as_ref().unwrap());
    assert!(e.steps <= m.steps && m.steps <= l.steps, "{} ≤ {} ≤ {}", e.steps, m.steps, l.steps);
    // Headroom now: 500 − last value.
    assert!((r.baseline.runway.headroom - (500.0 - r.current)).abs() < 1e-9);
}

#[test]
fn compounding_growth_daily_and_weekly_seasons() {
    // Hourly data, 10 weeks: 200·e^{gt}·(1 + 0.3·sin(2πt/24))·(0.85 on weekends), g doubling every 60 days.
    let g_rate = 2f64.ln() / (60.0 * 24.0);
    let truth = move |t: f64| {
        let day = ((t / 24.0).floor() as i64).rem_euclid(7);
        200.0 * (g_rate * t).exp() * (1.0 + 0.3 * (2.0 * PI * t / 24.0).sin()) * if day >= 5 { 0.85 } else { 1.0 }
    };
    let mut g = Normal::new(2);
    let n = 24 * 7 * 10;
    let y: Vec<f64> = (0..n).map(|t| truth(t as f64) * (1.0 + 0.02 * g.next())).collect();
    let threshold = 3.0 * 200.0 * (g_rate * n as f64).exp();
    let want = true_horizon(truth, n, threshold);
    let r = runway(&input(y, 3_600.0, 6_000, threshold)).unwrap();
    let m = r.baseline.runway.mean.as_ref().expect("mean crosses");
    eprintln!("{}: got {} want {want}", r.model.name, m.steps);
    assert_eq!(r.model.seasonal_periods, vec![24, 168]);
    assert_within_5pct(m.steps, want, "compounding + daily/weekly");
}

#[test]
fn exponential_monthly_growth() {
    // Monthly data, 6 years: 50·1.03^t with a ±15% yearly pattern, noise 2%.
    let truth = |t: f64| 50.0 * 1.03f64.powf(t) * (1.0 + 0.15 * (2.0 * PI * t / 12.0).cos());
    let mut g = Normal::new(3);
    let n = 72;
    let y: Vec<f64> = (0..n).map(|t| truth(t as f64) * (1.0 + 0.02 * g.next())).collect();
    let threshold = 4.0 * 50.0 * 1.03f64.powf(n as f64);
    let want = true_horizon(truth, n, threshold);
    let r = runway(&input(y, 30.4375 * 86_400.0, 200, threshold)).unwrap();
    let m = r.baseline.runway.mean.as_ref().expect("mean crosses");
    eprintln!("{}: got {} want {want}", r.model.name, m.steps);
    assert_within_5pct(m.steps, want, "exponential monthly");
}

fn fitted_linear() -> CapacityModel {
    // A clean line 10 + t, daily, no season: ETS forecasts the line almost exactly.
    let y: Vec<f64> = (0..60).map(|t| 10.0 + t as f64).collect();
    CapacityModel::fit(&ForecastInput {
        series: series(y, 86_400.0),
        horizon: 400.0,
        levels: None,
        model: None,
        seasonal_periods: Some(vec![]),
        transform: TransformChoice::None,
        box_cox_lambda: None,
    })
    .unwrap()
}

#[test]
fn scenarios_and_thresholds_without_refitting() {
    let m = fitted_linear();
    // Last value 69 at t = 59. Capacity 200, target 80% → threshold 160: crosses at t = 150, h = 91.
    let q =
        RunwayQuery { capacity: 200.0, utilisation_target: Some(0.8), largest_unit: Some(40.0), ..Default::default() };
    let base = RunwayQuery {
        scenarios: vec![
            // Twice the growth: 69 + 2h ≥ 160 → h = 46 (45.5 rounded up).
            Scenario { name: Some("2x".into()), growth: Some(2.0), ..Default::default() },
            // +30% from day 70 (2025-03-12): 1.3·(69 + h) ≥ 160 → h ≥ 54.08 → 55 (after the step at h = 11).
            Scenario {
                steps: vec![StepChange {
                    at: Timestamp::parse("2025-03-12T00:00:00Z", "").unwrap(),
                    factor: Some(1.3),
                    add: None,
                }],
                ..Default::default()
            },
            // +50 capacity at day 100 (2025-04-11, h = 41): threshold 200 from then; 69 + h ≥ 200 → h = 131.
            Scenario {
                capacity_changes: vec![CapacityChange {
                    at: Timestamp::parse("2025-04-11T00:00:00Z", "").unwrap(),
                    delta: 50.0,
                }],
                ..Default::default()
            },
        ],
        ..q.clone()
    };
    let r = m.runway(&base).unwrap();
    let steps = |s: &opscore::capacity::runway::ScenarioRunway| s.runway.mean.as_ref().unwrap().steps;
    assert_eq!(steps(&r.baseline), 91);
    assert!((r.baseline.runway.threshold - 160.0).abs() < 1e-9);
    assert!((r.baseline.runway.headroom - (160.0 - 69.0)).abs() < 1e-9);
    // N+1: (200 − 40)·0.8 = 128 → 69 + h ≥ 128 → h = 59.
    let np1 = r.baseline.n_plus_one.as_ref().unwrap();
    assert!((np1.threshold - 128.0).abs() < 1e-9);
    assert_eq!(np1.mean.as_ref().unwrap().steps, 59);
    assert_eq!(r.scenarios[0].name, "2x");
    assert_eq!(steps(&r.scenarios[0]), 46);
    assert_eq!(steps(&r.scenarios[1]), 55);
    assert_eq!(steps(&r.scenarios[2]), 131);
    // Below: free space falling to a floor. The line rises, so it never crosses 5 from above.
    let below = m.runway(&RunwayQuery { capacity: 5.0, direction: Direction::Below, ..Default::default() }).unwrap();
    assert!(below.baseline.runway.mean.is_none());
    assert!((below.baseline.runway.headroom - 64.0).abs() < 1e-9);
}

#[test]
fn bad_queries() {
    let m = fitted_linear();
    let e = m.runway(&RunwayQuery { capacity: f64::NAN, ..Default::default() }).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::NotFinite, "capacity"));
    let e = m.runway(&RunwayQuery { capacity: 1.0, utilisation_target: Some(80.0), ..Default::default() }).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::OutOfRange, "utilisationTarget"));
    let e = m.runway(&RunwayQuery { capacity: 1.0, level: Some(0.5), ..Default::default() }).unwrap_err();
    assert_eq!(e.path, "level");
    let bad = RunwayQuery {
        capacity: 1.0,
        scenarios: vec![Scenario::default(), Scenario { growth: Some(f64::NAN), ..Default::default() }],
        ..Default::default()
    };
    assert_eq!(m.runway(&bad).unwrap_err().path, "scenarios[1].growth");
    let mut i = input(vec![1.0, 2.0, 3.0, 4.0, 5.0], 60.0, 10, f64::NAN);
    assert_eq!(runway(&i).unwrap_err().path, "capacity");
    i.capacity = 10.0;
    i.horizon = -1.0;
    assert_eq!(runway(&i).unwrap_err().path, "horizon");
}

#[test]
fn steps_compose_in_date_order_and_lists_are_bounded() {
    let m = fitted_linear();
    // Given out of order: +10 from day 80 (2025-03-22, h = 21), ×2 from day 70 (2025-03-12, h = 11).
    // From h = 21 the path is 2·(69 + h) + 10; it reaches 200 when h ≥ 26 (2·95 + 10 = 200).
    let at = |s: &str| Timestamp::parse(s, "").unwrap();
    let s = Scenario {
        steps: vec![
            StepChange { at: at("2025-03-22T00:00:00Z"), factor: None, add: Some(10.0) },
            StepChange { at: at("2025-03-12T00:00:00Z"), factor: Some(2.0), add: None },
        ],
        ..Default::default()
    };
    let r = m.runway(&RunwayQuery { capacity: 199.5, scenarios: vec![s], ..Default::default() }).unwrap();
    assert_eq!(r.scenarios[0].runway.mean.as_ref().unwrap().steps, 26);
    let many = RunwayQuery { capacity: 1.0, scenarios: vec![Scenario::default(); 1_001], ..Default::default() };
    let e = m.runway(&many).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::TooLarge, "scenarios"));
}
