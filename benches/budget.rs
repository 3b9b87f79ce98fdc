//! Error-budget benchmarks (criterion): one year of 1-minute buckets (525 600). Run with `cargo bench --bench budget`.

use criterion::{Criterion, criterion_group, criterion_main};
use opscore::budget::backtest::{BacktestOptions, backtest_history};
use opscore::budget::report::{ReportOptions, SloHistory};
use opscore::budget::series::SliSeries;
use opscore::budget::slo::Slo;
use opscore::time::Timestamp;
use std::hint::black_box;

fn year() -> SliSeries {
    let n = 525_600;
    let mut seed: u64 = 42;
    let mut rnd = || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut total = Vec::with_capacity(n);
    let mut bad = Vec::with_capacity(n);
    for i in 0..n {
        let t = (500.0 + 400.0 * (i as f64 / 1440.0 * std::f64::consts::TAU).sin() + 100.0 * rnd()).floor();
        total.push(t);
        bad.push(if rnd() < 0.001 { (t * 0.5).floor() } else { (t * 0.0004 * rnd()).floor() });
    }
    SliSeries {
        start: Some(Timestamp::parse("2025-01-01T00:00:00Z", "").unwrap()),
        step: 60.0,
        t: None,
        good: None,
        bad: Some(bad),
        total: Some(total),
        exclude: vec![],
    }
}

fn budget(c: &mut Criterion) {
    let series = year();
    let slo: Slo = Slo {
        objective: 0.999,
        window: opscore::budget::slo::WindowSpec { duration: "30d".into(), rolling: None, time_zone: None },
        method: Default::default(),
        time_slice_target: None,
        time_slice_window: None,
        no_data: Default::default(),
    };
    let mut h = SloHistory::new(&series, "series").unwrap();
    let report_opts = ReportOptions::default();
    let bt_opts = BacktestOptions::default();
    c.bench_function("index 525 600 buckets (validate + prefix sums)", |b| {
        b.iter(|| {
            let mut h = SloHistory::new(black_box(&series), "series").unwrap();
            h.report(&slo, &report_opts).unwrap()
        })
    });
    c.bench_function("report, all standard windows (indexed)", |b| b.iter(|| h.report(black_box(&slo), &report_opts)));
    c.bench_function("backtest 4 tiers over 525 600 buckets (indexed)", |b| {
        b.iter(|| backtest_history(&mut h, black_box(&slo), &bt_opts))
    });
    c.bench_function("report + backtest 4 tiers, from the raw series", |b| {
        b.iter(|| {
            let mut h = SloHistory::new(black_box(&series), "series").unwrap();
            (h.report(&slo, &report_opts).unwrap(), backtest_history(&mut h, &slo, &bt_opts).unwrap())
        })
    });
}

criterion_group!(benches, budget);
criterion_main!(benches);
