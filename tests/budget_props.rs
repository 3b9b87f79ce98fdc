//! Property tests of the budget report (issue 4's invariants).
#![cfg(not(target_arch = "wasm32"))]

use opscore::budget::duration::Dur;
use opscore::budget::report::{BudgetInput, ReportOptions, error_budget};
use opscore::budget::series::SliSeries;
use opscore::budget::slo::{Method, NoData, Slo, WindowSpec};
use opscore::time::Timestamp;
use proptest::prelude::*;

/// A bucket: (total, bad) with NaN totals for missing buckets and zero-traffic buckets.
fn bucket() -> impl Strategy<Value = (f64, f64)> {
    prop_oneof![
        1 => Just((f64::NAN, f64::NAN)),
        1 => Just((0.0, 0.0)),
        6 => (1.0f64..10_000.0).prop_flat_map(|t| (Just(t.round()), 0.0..=t.round())),
    ]
}

fn input(buckets: &[(f64, f64)], objective: f64, method: Method, window_min: u32) -> BudgetInput {
    BudgetInput {
        slo: Slo {
            objective,
            window: WindowSpec { duration: format!("{window_min}m"), rolling: None, time_zone: None },
            method,
            time_slice_target: Some(0.95),
            time_slice_window: Some(Dur(120.0)),
            no_data: NoData::Skip,
        },
        series: SliSeries {
            start: Some(Timestamp::parse("2026-01-01T00:00:00Z", "").unwrap()),
            step: 60.0,
            t: None,
            good: None,
            bad: Some(buckets.iter().map(|b| b.1).collect()),
            total: Some(buckets.iter().map(|b| b.0).collect()),
        },
        options: ReportOptions::default(),
    }
}

fn method() -> impl Strategy<Value = Method> {
    prop_oneof![Just(Method::Occurrences), Just(Method::Timeslices), Just(Method::RatioTimeslices)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn remaining_plus_consumed_is_one_and_nothing_is_nan(
        buckets in prop::collection::vec(bucket(), 1..200),
        objective in 0.5f64..0.99999,
        method in method(),
        window_min in prop::sample::select(vec![10u32, 60, 240, 1440]),
    ) {
        let r = error_budget(&input(&buckets, objective, method, window_min)).unwrap();
        prop_assert!((r.remaining.fraction + r.consumed.fraction - 1.0).abs() < 1e-12);
        let v = serde_json::to_value(&r).unwrap();
        // serde_json writes NaN as null: only the documented nullable fields may be null.
        for (k, x) in v.as_object().unwrap() {
            prop_assert!(!x.is_null() || ["sli", "timeToExhaustion", "exhaustionAt", "projectedRemaining"].contains(&k.as_str()), "{}", k);
        }
        prop_assert!(r.consumed.fraction.is_finite() && r.consumed.fraction >= 0.0);
        prop_assert!(r.burn_rates.iter().all(|b| b.burn_rate.is_finite() && b.burn_rate >= 0.0));
        prop_assert!(r.burn_down.remaining.iter().all(|x| x.is_finite()));
        if let Some(s) = r.sli { prop_assert!((0.0..=1.0).contains(&s)); }
    }

    #[test]
    fn more_bad_events_never_raise_the_remaining_budget(
        buckets in prop::collection::vec(bucket(), 1..200),
        objective in 0.5f64..0.99999,
        method in method(),
        pick in any::<prop::sample::Index>(),
        extra in 0.0f64..1.0,
    ) {
        let before = error_budget(&input(&buckets, objective, method, 240)).unwrap();
        let mut worse = buckets.clone();
        let i = pick.index(worse.len());
        let (t, b) = worse[i];
        if !t.is_nan() {
            worse[i].1 = b + (t - b) * extra;
        }
        let after = error_budget(&input(&worse, objective, method, 240)).unwrap();
        prop_assert!(after.remaining.fraction <= before.remaining.fraction + 1e-12,
            "{} > {}", after.remaining.fraction, before.remaining.fraction);
        for (a, b) in after.burn_rates.iter().zip(&before.burn_rates) {
            prop_assert!(a.burn_rate >= b.burn_rate - 1e-9);
        }
    }

    #[test]
    fn burn_rate_is_one_exactly_at_the_budget_error_rate(
        n in 1usize..300,
        objective in prop::sample::select(vec![0.9f64, 0.99, 0.995, 0.999, 0.9995, 0.9999]),
        scale in prop::sample::select(vec![1.0f64, 10.0, 1_000.0]),
    ) {
        // total = 100 000 × scale, bad = (1 − objective) × total: the error rate equals 1 − objective.
        let total = 100_000.0 * scale;
        let bad = ((1.0 - objective) * total).round();
        let buckets = vec![(total, bad); n];
        let r = error_budget(&input(&buckets, objective, Method::Occurrences, 60 * 24 * 30)).unwrap();
        let expected = bad / total / (1.0 - objective);
        prop_assert!((expected - 1.0).abs() < 1e-9);
        prop_assert!((r.window_burn_rate - 1.0).abs() < 1e-9, "{}", r.window_burn_rate);
        for b in &r.burn_rates {
            prop_assert!((b.burn_rate - 1.0).abs() < 1e-9, "{} {}", b.window, b.burn_rate);
        }
        // And burning at rate 1 for n of the window's 43 200 minutes consumes n / 43 200 of the budget (b × w / W).
        prop_assert!((r.consumed.fraction - n as f64 / 43_200.0).abs() < 1e-12);
    }
}
