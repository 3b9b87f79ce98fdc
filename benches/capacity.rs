//! Capacity benchmarks (criterion). Run with `cargo bench --bench capacity`.

use criterion::{Criterion, criterion_group, criterion_main};
use opscore::capacity::erlang::{ErlangCInput, StaffingInput, StaffingTarget, erlang_c, staffing};
use opscore::capacity::forecast::{CapacityModel, ForecastInput, TransformChoice, forecast};
use opscore::capacity::rng::Normal;
use opscore::capacity::runway::{RunwayQuery, Scenario};
use opscore::capacity::series::{SeriesInput, Values};
use opscore::time::Timestamp;
use std::hint::black_box;

/// Growing traffic with seasonal swings proportional to the level and 4% multiplicative noise.
fn traffic(n: usize, periods: &[usize], seed: u64) -> Vec<f64> {
    let mut g = Normal::new(seed);
    (0..n)
        .map(|t| {
            let s: f64 = periods
                .iter()
                .enumerate()
                .map(|(i, &p)| {
                    let amp = if i == 0 { 0.3 } else { 0.12 };
                    1.0 + amp * (2.0 * std::f64::consts::PI * (t % p) as f64 / p as f64 + i as f64).sin()
                })
                .product();
            200.0 * (1.0 + 0.0005 * t as f64) * s * (1.0 + 0.04 * g.next())
        })
        .collect()
}

fn input(values: Vec<f64>, step: f64, horizon: f64, periods: &[usize], model: &str) -> ForecastInput {
    ForecastInput {
        series: SeriesInput {
            start: Some(Timestamp::parse("2026-01-01T00:00:00Z", "").unwrap()),
            step: Some(step),
            timestamps: None,
            values: Values(values),
        },
        horizon,
        levels: Some(vec![0.95]),
        model: Some(model.to_string()),
        seasonal_periods: Some(periods.iter().map(|&p| p as f64).collect()),
        transform: TransformChoice::Auto,
        box_cox_lambda: None,
    }
}

fn forecasts(c: &mut Criterion) {
    let mut g = c.benchmark_group("forecast");
    g.sample_size(10);
    let daily = input(traffic(730, &[7], 1), 86_400.0, 14.0, &[7], "ZZZ");
    g.bench_function("ZZZ daily 730 m=7", |b| b.iter(|| forecast(black_box(&daily))));
    let hourly = input(traffic(1000, &[24], 2), 3_600.0, 48.0, &[24], "ZZZ");
    g.bench_function("ZZZ hourly 1000 m=24", |b| b.iter(|| forecast(black_box(&hourly))));
    let half = input(traffic(4000, &[48, 336], 3), 1_800.0, 336.0, &[48, 336], "ZZZ");
    g.bench_function("ZZZ half-hourly 4000 m=48,336", |b| b.iter(|| forecast(black_box(&half))));
    let zzn = input(traffic(730, &[7], 4), 86_400.0, 14.0, &[], "ZZN");
    g.bench_function("ZZN daily 730", |b| b.iter(|| forecast(black_box(&zzn))));
    g.finish();
}

fn scenarios(c: &mut Criterion) {
    let model = CapacityModel::fit(&input(traffic(1000, &[24, 168], 5), 3_600.0, 2_160.0, &[24, 168], "ZZZ")).unwrap();
    let q = RunwayQuery {
        capacity: 900.0,
        utilisation_target: Some(0.8),
        largest_unit: Some(100.0),
        scenarios: vec![Scenario { growth: Some(1.5), ..Default::default() }],
        ..Default::default()
    };
    c.bench_function("runway with one scenario, 2160 steps, no refit", |b| b.iter(|| model.runway(black_box(&q))));
}

fn queueing(c: &mut Criterion) {
    let q = ErlangCInput {
        arrival_rate: 900.0 / 180.0,
        mean_service_time: 180.0,
        servers: 950.0,
        target_wait: Some(20.0),
        percentiles: None,
    };
    c.bench_function("erlang_c c=950", |b| b.iter(|| erlang_c(black_box(&q))));
    let s = StaffingInput {
        arrival_rate: 100.0 / 1800.0,
        mean_service_time: 180.0,
        target: StaffingTarget { service_level: Some(0.8), within_seconds: Some(20.0), ..Default::default() },
    };
    c.bench_function("staffing a=10", |b| b.iter(|| staffing(black_box(&s))));
}

criterion_group!(benches, forecasts, scenarios, queueing);
criterion_main!(benches);
