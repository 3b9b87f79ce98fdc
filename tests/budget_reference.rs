//! Error budgets against shared/reference/error_budget.md: the SRE Workbook tables, Sloth's catalogue and the OpenSLO
//! examples. Each row is a test; the arithmetic is in the comments.
#![cfg(not(target_arch = "wasm32"))]

use opscore::ErrorCode;
use opscore::budget::report::{BudgetInput, BudgetReport, error_budget};
use opscore::budget::tiers::{AlertTiersInput, alert_tiers};
use serde_json::{Value, json};

const DAY: f64 = 86_400.0;

/// A report from JSON input.
fn report(v: Value) -> BudgetReport {
    error_budget(&serde_json::from_value::<BudgetInput>(v).unwrap()).unwrap()
}

/// `n` buckets of `step` seconds from 2026-01-01, each with `total` events, and `bad(i)` bad ones.
fn series(n: usize, step: f64, total: f64, bad: impl Fn(usize) -> f64) -> Value {
    json!({
        "start": "2026-01-01T00:00:00Z",
        "step": step,
        "bad": (0..n).map(bad).collect::<Vec<_>>(),
        "total": vec![total; n],
    })
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn table_5_4_burn_rates_and_exhaustion() {
    // (error rate, burn rate, days to exhaust a 30-day budget at 99.9%): burn = error / 0.001, days = 30 / burn.
    for (err, burn, days) in [(0.001, 1.0, 30.0), (0.002, 2.0, 15.0), (0.01, 10.0, 3.0), (1.0, 1000.0, 0.03)] {
        // 30 days of hourly buckets, 10 000 events each, at that error rate throughout.
        let r = report(json!({
            "slo": {"objective": 0.999, "window": "30d"},
            "series": series(720, 3600.0, 10_000.0, |_| err * 10_000.0),
        }));
        assert!(close(r.window_burn_rate, burn, 1e-6 * burn), "{err}: {}", r.window_burn_rate);
        for b in &r.burn_rates {
            assert!(close(b.burn_rate, burn, 1e-6 * burn), "{err} over {}: {}", b.window, b.burn_rate);
        }
        // Burning at `burn` for the whole window consumes burn × 30d / 30d = burn budgets.
        assert!(close(r.consumed.fraction, burn, 1e-6 * burn));
        // From a clean history, a future incident at this error rate for `days` days uses exactly one budget.
        let clean = report(json!({
            "slo": {"objective": 0.999, "window": "30d"},
            "series": series(720, 3600.0, 10_000.0, |_| 0.0),
            "options": {"whatIf": {"incidents": [{"duration": days * DAY, "errorRate": err}]}},
        }));
        let s = clean.scenario.unwrap();
        assert!(close(s.consumed.fraction, 1.0, 1e-9), "{err}: {}", s.consumed.fraction);
    }
    // Burn 1000 (100% errors) exhausts 0.001 × 30 days = 2 592 s = 43.2 minutes.
    let r = report(json!({"slo": {"objective": 0.999, "window": "30d"}, "series": series(720, 3600.0, 1.0, |_| 0.0)}));
    assert!(close(r.budget.seconds, 43.2 * 60.0, 1e-6));
}

#[test]
fn table_5_8_and_sloth_tiers_for_30_days() {
    let t =
        alert_tiers(&serde_json::from_value(json!({"slo": {"objective": 0.999, "window": "30d"}})).unwrap()).unwrap();
    // burn = consumed × 720 h / long: 0.02 × 720 / 1 = 14.4; 0.05 × 720 / 6 = 6; 0.1 × 720 / 24 = 3; 0.1 × 720 / 72 = 1.
    let want = [
        (14.4, "1h", "5m", 0.02, "page"),
        (6.0, "6h", "30m", 0.05, "page"),
        (3.0, "1d", "2h", 0.1, "ticket"),
        (1.0, "3d", "6h", 0.1, "ticket"),
    ];
    assert_eq!(t.tiers.len(), 4);
    for (tier, (burn, long, short, consumed, sev)) in t.tiers.iter().zip(want) {
        assert!(close(tier.burn_rate, burn, 1e-9), "{tier:?}");
        assert_eq!((tier.long_window.as_str(), tier.short_window.as_str(), tier.severity.as_str()), (long, short, sev));
        assert!(close(tier.budget_consumed, consumed, 1e-12));
        assert!(close(tier.error_rate, burn * 0.001, 1e-12));
        assert!(tier.reachable);
    }
    assert!(close(t.max_burn_rate, 1000.0, 1e-6));
}

#[test]
fn five_percent_in_one_hour_is_burn_36() {
    // 0.05 × 720 h / 1 h = 36.
    let t = alert_tiers(
        &serde_json::from_value::<AlertTiersInput>(json!({
            "slo": {"objective": 0.999, "window": "30d"},
            "tiers": [{"longWindow": "1h", "budgetConsumed": 0.05}],
        }))
        .unwrap(),
    )
    .unwrap();
    assert!(close(t.tiers[0].burn_rate, 36.0, 1e-9));
    assert_eq!(t.tiers[0].short_window, "5m");
}

#[test]
fn other_windows_scale_by_budget_consumed() {
    // 28-day window: 0.02 × 672 h / 1 h = 13.44; 7-day calendar week: 0.02 × 168 = 3.36, and 1 over 3d becomes
    // 0.1 × 168 / 72 = 0.2333.
    let t =
        alert_tiers(&serde_json::from_value(json!({"slo": {"objective": 0.999, "window": "28d"}})).unwrap()).unwrap();
    assert!(close(t.tiers[0].burn_rate, 13.44, 1e-9));
    let w =
        alert_tiers(&serde_json::from_value(json!({"slo": {"objective": 0.999, "window": "1w"}})).unwrap()).unwrap();
    assert!(close(w.tiers[0].burn_rate, 3.36, 1e-9));
    assert!(close(w.tiers[3].burn_rate, 0.1 * 168.0 / 72.0, 1e-9));
    // At 90% the maximum burn is 10, so the 14.4 tier can never fire; it is flagged, not silently kept.
    let ninety =
        alert_tiers(&serde_json::from_value(json!({"slo": {"objective": 0.9, "window": "30d"}})).unwrap()).unwrap();
    assert!(!ninety.tiers[0].reachable);
    assert!(ninety.tiers[1].reachable);
}

/// 30 days of 1-minute buckets with 100 events each; `bad_minutes` minutes at error rate `err` (from minute 1000).
fn minutes_report(objective: f64, bad_minutes: usize, err: f64) -> BudgetReport {
    report(json!({
        "slo": {"objective": objective, "window": "30d"},
        "series": series(43_200, 60.0, 100.0, |i| if (1000..1000 + bad_minutes).contains(&i) { err * 100.0 } else { 0.0 }),
    }))
}

#[test]
fn table_5_1_ten_minutes_at_budget_rate() {
    // 10 minutes at 0.1% errors on a 99.9% SLO: 10 × 100 × 0.001 = 1 bad event; budget 0.001 × 4 320 000 = 4 320:
    // 1 / 4 320 = 0.023% (= 10 / 43 200).
    let r = minutes_report(0.999, 10, 0.001);
    assert!(close(r.consumed.fraction, 10.0 / 43_200.0, 1e-12), "{}", r.consumed.fraction);
}

#[test]
fn figure_5_3_five_minutes_of_full_outage() {
    // 5 minutes at 100% errors: 500 bad / 4 320 budget = 11.57% (5 / 43.2).
    let r = minutes_report(0.999, 5, 1.0);
    assert!(close(r.consumed.fraction, 5.0 / 43.2, 1e-12));
    assert!(close(r.consumed.fraction, 0.116, 0.0005));
    // Remaining in absolute terms: 4 320 − 500 = 3 820 more failed requests, or 3 820 / 100 per minute = 38.2 more
    // minutes of full outage.
    assert!(close(r.remaining.events.unwrap(), 3_820.0, 1e-6));
    assert!(close(r.remaining.seconds, 38.2 * 60.0, 1e-6));
}

#[test]
fn extreme_availability_at_90_percent() {
    // 90%: budget 0.1 × 720 h = 72 h; a 1-hour full outage uses 1/72 = 1.39%.
    let r = minutes_report(0.9, 60, 1.0);
    assert!(close(r.consumed.fraction, 1.0 / 72.0, 1e-12));
    assert!(close(r.consumed.fraction, 0.014, 0.0005));
}

#[test]
fn five_nines_budget_is_26_seconds() {
    // 99.999% over 30 days: 0.00001 × 2 592 000 s = 25.92 s of full outage.
    let r = minutes_report(0.99999, 0, 0.0);
    assert!(close(r.budget.seconds, 25.92, 1e-6));
    assert_eq!(r.budget.seconds.round(), 26.0);
}

#[test]
fn low_traffic_one_failure_in_an_hour() {
    // 10 requests/h for 30 days = 7 200 requests; at 99.9% the budget is 7.2 requests. One failure uses
    // 1 / 7.2 = 13.9%. The hour's error rate is 10%, so its burn rate is 0.1 / 0.001 = 100. (The Workbook's text says
    // "1,000x"; 10% / 0.1% is 100, and 100 × 1 h / 720 h = 13.9% agrees with the 13.9% it states.)
    let r = report(json!({
        "slo": {"objective": 0.999, "window": "30d"},
        "series": series(720, 3600.0, 10.0, |i| if i == 719 { 1.0 } else { 0.0 }),
    }));
    assert!(close(r.consumed.fraction, 1.0 / 7.2, 1e-12));
    assert!(close(r.consumed.fraction, 0.139, 0.0005));
    let hour = r.burn_rates.iter().find(|b| b.window == "1h").unwrap();
    assert!(close(hour.burn_rate, 100.0, 1e-9));
    assert!(close(hour.error_rate, 0.1, 1e-12));
}

#[test]
fn openslo_two_week_timeslices_budget() {
    // 14 days of 1-minute slices = 20 160 slices; at 95% the budget is 0.05 × 20 160 = 1 008 slices = 16 h 48 min.
    let r = report(json!({
        "slo": {"objective": 0.95, "window": "14d", "method": "timeslices", "timeSliceTarget": 0.9, "timeSliceWindow": "1m"},
        "series": series(20_160, 60.0, 100.0, |_| 0.0),
    }));
    assert!(close(r.budget.slices.unwrap(), 1_008.0, 1e-9));
    assert!(close(r.budget.seconds, (16.0 * 60.0 + 48.0) * 60.0, 1e-6));
    assert_eq!(r.counts.total, 20_160.0);
    assert_eq!(r.sli, Some(1.0));
}

#[test]
fn openslo_one_week_calendar_timeslices_budget() {
    // A calendar week at 99.95% with 1-minute slices: 10 080 slices, budget 0.0005 × 10 080 = 5.04 slices = 302.4 s
    // (5 min 2.4 s). 2026-01-05 is a Monday; asOf 2026-01-12 reports on that whole week.
    let r = report(json!({
        "slo": {"objective": 0.9995, "window": "1w", "method": "timeslices", "timeSliceTarget": 0.95, "timeSliceWindow": 60},
        "series": {"start": "2026-01-05T00:00:00Z", "step": 60, "good": vec![100.0; 10_080], "total": vec![100.0; 10_080]},
        "options": {"asOf": "2026-01-12T00:00:00Z"},
    }));
    assert_eq!(r.window.kind, "calendar");
    assert_eq!(r.window.seconds, 604_800.0);
    assert!(close(r.budget.slices.unwrap(), 5.04, 1e-9));
    assert!(close(r.budget.seconds, 302.4, 1e-9));
}

#[test]
fn good_total_and_bad_total_give_the_same_sli() {
    // 99 good of 100 and 1 bad of 100 both give 0.99.
    let good = report(json!({"slo": {"objective": 0.9, "window": "1h"},
        "series": {"start": "2026-01-01T00:00:00Z", "step": 3600, "good": [99], "total": [100]}}));
    let bad = report(json!({"slo": {"objective": 0.9, "window": "1h"},
        "series": {"start": "2026-01-01T00:00:00Z", "step": 3600, "bad": [1], "total": [100]}}));
    assert!(close(good.sli.unwrap(), 0.99, 1e-12));
    assert!(close(bad.sli.unwrap(), 0.99, 1e-12));
}

#[test]
fn uneven_traffic_uses_event_sums_not_mean_of_ratios() {
    // Two buckets: 1 000 events with 10 bad, then 10 events with 5 bad. Σbad/Σtotal = 15 / 1 010 = 1.485%; the mean
    // of ratios would be (1% + 50%) / 2 = 25.5%.
    let r = report(json!({"slo": {"objective": 0.99, "window": "2h"},
        "series": {"start": "2026-01-01T00:00:00Z", "step": 3600, "bad": [10, 5], "total": [1000, 10]}}));
    assert!(close(1.0 - r.sli.unwrap(), 15.0 / 1010.0, 1e-12));
}

#[test]
fn objectives_out_of_range_are_errors() {
    for (objective, code) in [
        (json!(0.0), ErrorCode::OutOfRange),
        (json!(1.0), ErrorCode::OutOfRange),
        (json!(1.5), ErrorCode::OutOfRange),
        (json!(99.9), ErrorCode::OutOfRange),
        (json!(-0.1), ErrorCode::OutOfRange),
    ] {
        let input: BudgetInput = serde_json::from_value(json!({
            "slo": {"objective": objective, "window": "30d"},
            "series": series(2, 60.0, 1.0, |_| 0.0),
        }))
        .unwrap();
        let e = error_budget(&input).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (code, "slo.objective"), "{objective}");
    }
    let mut input: BudgetInput = serde_json::from_value(
        json!({"slo": {"objective": 0.9, "window": "30d"}, "series": series(2, 60.0, 1.0, |_| 0.0)}),
    )
    .unwrap();
    input.slo.objective = f64::NAN;
    let e = error_budget(&input).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::NotFinite, "slo.objective"));
}
