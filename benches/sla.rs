//! SLA benchmarks (criterion). Run with `cargo bench --bench sla`.

use criterion::{Criterion, criterion_group, criterion_main};
use opscore::sla::downtime::{Convention, DowntimeQuery, allowed_downtime};
use std::hint::black_box;

fn downtime(c: &mut Criterion) {
    let q = DowntimeQuery { target: 0.999, convention: Convention::Gregorian, period: None };
    c.bench_function("allowed_downtime", |b| b.iter(|| allowed_downtime(black_box(&q))));
}

criterion_group!(benches, downtime);
criterion_main!(benches);
