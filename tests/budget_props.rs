//! Property tests of the budget report (issue 4's invariants).
#![cfg(not(target_arch = "wasm32"))]

use opscore::budget::duration::Dur;
use opscore::budget::report::{BudgetInput, ReportOptions, error_budget};
use opscore::budget::series::SliSeries;
use opscore::budget::slo::{Method, NoData, Slo, WindowSpec};
use opscore::time::Timestamp;
use proptest::prelude::*;

/// A bucket: (total, bad) with NaN totals for missing buckets and zero-traffic buckets. Counts are whole numbers, so
/// every sum is exact and the naive backtest below agrees bit for bit.
fn bucket() -> impl Strategy<Value = (f64, f64)> {
    prop_oneof![
        1 => Just((f64::NAN, f64::NAN)),
        1 => Just((0.0, 0.0)),
        6 => (1.0f64..10_000.0).prop_flat_map(|t| (Just(t.round()), 0.0..=t.round())).prop_map(|(t, b)| (t, b.round())),
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
            exclude: vec![],
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// The prefix-sum backtest fires exactly when a naive re-summing of each window says so.
    #[test]
    fn backtest_matches_a_naive_evaluation(
        buckets in prop::collection::vec(bucket(), 1..150),
        long in 1u32..40,
        short_div in 1u32..6,
        burn in 0.5f64..40.0,
        from in 0usize..20,
    ) {
        use opscore::budget::backtest::{BacktestOptions, backtest_history};
        use opscore::budget::report::SloHistory;
        use opscore::budget::tiers::TierSpec;
        let objective = 0.99;
        let inp = input(&buckets, objective, Method::Occurrences, 60);
        let mut h = SloHistory::new(&inp.series, "series").unwrap();
        let short = (long / short_div).max(1);
        let from = from.min(buckets.len() - 1);
        let opts = BacktestOptions {
            tiers: Some(vec![TierSpec {
                name: None, severity: None,
                long_window: Dur(f64::from(long) * 60.0), short_window: Some(Dur(f64::from(short) * 60.0)),
                burn_rate: Some(burn), budget_consumed: None,
            }]),
            from: Some(Timestamp::from_millis(inp.series.start.unwrap().millis() + from as i64 * 60_000, "").unwrap()),
            ..Default::default()
        };
        let b = backtest_history(&mut h, &inp.slo, &opts).unwrap();
        let thr = burn * (1.0 - objective);
        let over = |e: usize, k: usize| {
            let (mut bad, mut den) = (0.0, 0.0);
            for (t, x) in &buckets[e.saturating_sub(k)..e] {
                if !t.is_nan() { bad += x; den += t; }
            }
            den > 0.0 && bad > thr * den
        };
        let mut naive = Vec::new();
        let mut firing = false;
        for e in from + 1..=buckets.len() {
            let now = over(e, short as usize) && over(e, long as usize);
            if now != firing {
                naive.push(e);
                firing = now;
            }
        }
        let t0 = inp.series.start.unwrap().millis();
        let got: Vec<usize> = b.tiers[0].fires.iter()
            .flat_map(|f| std::iter::once(f.start).chain(f.end))
            .map(|t| ((t.millis() - t0) / 60_000) as usize)
            .collect();
        prop_assert_eq!(got, naive);
    }
}
