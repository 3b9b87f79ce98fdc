//! The budget report: data treatment, input errors, calendar windows, burn-down, exhaustion, policy, what-if and
//! composite SLOs. Expected values are worked by hand in the comments.
#![cfg(not(target_arch = "wasm32"))]

use opscore::ErrorCode;
use opscore::budget::composite::{CompositeInput, composite_budget};
use opscore::budget::report::{BudgetInput, BudgetReport, ReportOptions, SloHistory, error_budget};
use opscore::budget::series::SliSeries;
use opscore::budget::slo::Slo;
use serde_json::{Value, json};

fn run(v: Value) -> opscore::Result<BudgetReport> {
    error_budget(&serde_json::from_value::<BudgetInput>(v).unwrap())
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

fn all_finite(r: &BudgetReport) {
    let v = serde_json::to_value(r).unwrap();
    fn walk(v: &Value, path: &str) {
        match v {
            Value::Number(n) => assert!(n.as_f64().unwrap().is_finite(), "{path}"),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| walk(x, &format!("{path}[{i}]"))),
            Value::Object(o) => o.iter().for_each(|(k, x)| walk(x, &format!("{path}.{k}"))),
            _ => {}
        }
    }
    walk(&v, "");
    // serde_json writes NaN as null; the report's only nullable numbers are sli, timeToExhaustion, exhaustionAt and
    // projectedRemaining, so no other field may be null.
    for (k, x) in v.as_object().unwrap() {
        if x.is_null() {
            assert!(
                ["sli", "timeToExhaustion", "exhaustionAt", "projectedRemaining"].contains(&k.as_str()),
                "{k} null"
            );
        }
    }
    for key in ["consumed", "remaining", "budget"] {
        for (k, x) in v[key].as_object().unwrap() {
            assert!(!x.is_null(), "{key}.{k} is null");
        }
    }
    for b in v["burnRates"].as_array().unwrap() {
        assert!(!b["burnRate"].is_null());
    }
    for x in v["burnDown"]["remaining"].as_array().unwrap() {
        assert!(!x.is_null());
    }
}

#[test]
fn missing_and_zero_traffic_buckets_never_give_nan() {
    // Four hourly buckets: missing (null), zero traffic, 100 with 1 bad, missing. Occurrences: Σbad/Σtotal = 1/100.
    let r = run(json!({
        "slo": {"objective": 0.99, "window": "4h"},
        "series": {"start": "2026-01-01T00:00:00Z", "step": 3600, "bad": [null, 0, 1, 0], "total": [null, 0, 100, null]},
    }))
    .unwrap();
    all_finite(&r);
    assert_eq!((r.data.missing, r.data.zero_traffic, r.data.units), (2, 1, 4));
    // Covered: 2 of 4 hours; 100 events in 2 h → 200 expected in 4 h; budget 0.01 × 200 = 2 events; 1 bad = 50%.
    assert!(close(r.budget.events.unwrap(), 2.0, 1e-12));
    assert!(close(r.consumed.fraction, 0.5, 1e-12));
    assert!(close(r.sli.unwrap(), 0.99, 1e-12));
    assert_eq!(r.data.covered_seconds, 7200.0);
    assert!(r.data.treatment.contains("missing"));
    // The last hour is missing: the 1h burn rate has no data and is 0, not NaN.
    let hour = r.burn_rates.iter().find(|b| b.window == "1h").unwrap();
    assert_eq!((hour.burn_rate, hour.has_data), (0.0, false));

    // Only zero traffic and missing: no SLI, nothing consumed, budget 0 events but still 1% of the window as time.
    let empty = run(json!({
        "slo": {"objective": 0.99, "window": "2h"},
        "series": {"start": "2026-01-01T00:00:00Z", "step": 3600, "good": [0, null], "total": [0, 5]},
    }))
    .unwrap();
    all_finite(&empty);
    assert_eq!(empty.sli, None);
    assert_eq!(empty.consumed.fraction, 0.0);
    assert_eq!(empty.remaining.fraction, 1.0);
    assert!(close(empty.budget.seconds, 72.0, 1e-9));
    assert_eq!((empty.data.missing, empty.data.zero_traffic), (1, 1));
    assert_eq!(empty.time_to_exhaustion, None);
}

#[test]
fn series_errors_are_structured() {
    let base = |series: Value| run(json!({"slo": {"objective": 0.99, "window": "1d"}, "series": series})).unwrap_err();
    let cases = [
        (json!({"start": 0, "step": 60, "good": [], "total": []}), ErrorCode::Empty, "series.total"),
        (json!({"start": 0, "step": 60, "good": [5], "total": [4]}), ErrorCode::OutOfRange, "series.good[0]"),
        (json!({"start": 0, "step": 60, "bad": [1, -1], "total": [4, 4]}), ErrorCode::OutOfRange, "series.bad[1]"),
        (json!({"start": 0, "step": 60, "good": [1, 1], "total": [4, -4]}), ErrorCode::OutOfRange, "series.total[1]"),
        (json!({"start": 0, "step": 60, "good": [1], "total": [4, 4]}), ErrorCode::OutOfRange, "series.good"),
        (json!({"start": 0, "step": 60, "total": [4]}), ErrorCode::MissingField, "series.good"),
        (json!({"start": 0, "step": 60, "good": [1], "bad": [1], "total": [4]}), ErrorCode::Unsupported, "series.bad"),
        (json!({"start": 0, "step": 60, "good": [1]}), ErrorCode::MissingField, "series.total"),
        (json!({"step": 60, "good": [1], "total": [1]}), ErrorCode::MissingField, "series.start"),
        (json!({"start": 0, "step": 0, "good": [1], "total": [1]}), ErrorCode::OutOfRange, "series.step"),
        (json!({"start": 0, "step": 0.5, "good": [1], "total": [1]}), ErrorCode::OutOfRange, "series.step"),
        (
            json!({"step": 60, "t": ["2026-01-01T00:00:00Z", "2026-01-01T00:02:00Z", "2026-01-01T00:01:00Z"], "good": [1, 1, 1], "total": [1, 1, 1]}),
            ErrorCode::Unsorted,
            "series.t[2]",
        ),
        (
            json!({"step": 60, "t": ["2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"], "good": [1, 1], "total": [1, 1]}),
            ErrorCode::Duplicate,
            "series.t[1]",
        ),
        (
            json!({"step": 60, "t": ["2026-01-01T00:00:00Z", "2026-01-01T00:00:30Z"], "good": [1, 1], "total": [1, 1]}),
            ErrorCode::Duplicate,
            "series.t[1]",
        ),
        (
            json!({"step": 60, "t": ["2026-01-01T00:00:00Z", "2026-01-01T00:01:30Z"], "good": [1, 1], "total": [1, 1]}),
            ErrorCode::OutOfRange,
            "series.t[1]",
        ),
        (
            json!({"step": 60, "t": ["2026-01-01T00:00:00Z"], "good": [1, 1], "total": [1, 1]}),
            ErrorCode::OutOfRange,
            "series.t",
        ),
    ];
    for (series, code, path) in cases {
        let e = base(series.clone());
        assert_eq!((e.code, e.path.as_str()), (code, path), "{series}: {}", e.message);
    }
    // Infinity cannot be written in JSON; build it directly.
    let mut s = SliSeries {
        start: Some(opscore::time::Timestamp::from_millis(0, "").unwrap()),
        step: 60.0,
        ..Default::default()
    };
    s.good = Some(vec![1.0, 1.0]);
    s.total = Some(vec![1.0, f64::INFINITY]);
    let e = SloHistory::new(&s, "series").unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::NotFinite, "series.total[1]"));
}

#[test]
fn timestamped_buckets_fill_gaps_as_missing() {
    // Buckets at minutes 0, 1 and 3: minute 2 is a gap. 3 present + 1 missing = 4 buckets.
    let r = run(json!({
        "slo": {"objective": 0.9, "window": "4m"},
        "series": {"step": 60, "t": ["2026-01-01T00:00:00Z", 1767225660000_i64, "2026-01-01T00:03:00Z"],
                   "bad": [0, 1, 0], "total": [10, 10, 10]},
    }))
    .unwrap();
    assert_eq!((r.data.units, r.data.missing), (4, 1));
    assert_eq!(r.as_of.to_string(), "2026-01-01T00:04:00.000Z");
    // 30 events over 3 covered minutes → 40 expected in 4; budget 0.1 × 40 = 4; 1 bad = 25%.
    assert!(close(r.consumed.fraction, 0.25, 1e-12));
}

#[test]
fn maintenance_windows_consume_no_budget() {
    // Four hourly buckets of 100 events; hour 2 is a full outage during announced maintenance (01:00–02:00). Excluded,
    // it is a missing bucket: 300 events over 3 covered hours → 400 expected; budget 0.01 × 400 = 4; nothing bad.
    let r = run(json!({
        "slo": {"objective": 0.99, "window": "4h"},
        "series": {"start": "2026-01-01T00:00:00Z", "step": 3600, "bad": [0, 100, 0, 0], "total": [100, 100, 100, 100],
                   "exclude": [{"start": "2026-01-01T01:00:00Z", "end": "2026-01-01T02:00:00Z"}]},
    }))
    .unwrap();
    assert_eq!(r.consumed.fraction, 0.0);
    assert_eq!(r.data.missing, 1);
    assert!(close(r.budget.events.unwrap(), 4.0, 1e-12));
    // A window that ends before it starts is an error with its index.
    let e = run(json!({
        "slo": {"objective": 0.99, "window": "4h"},
        "series": {"start": 0, "step": 3600, "good": [1], "total": [1],
                   "exclude": [{"start": 7200000, "end": 3600000}]},
    }))
    .unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::EndBeforeStart, "series.exclude[0].end"));
}

#[test]
fn window_and_option_errors() {
    let s = json!({"start": 0, "step": 60, "good": [1], "total": [1]});
    let cases = [
        (json!({"objective": 0.9, "window": "30x"}), json!({}), ErrorCode::OutOfRange, "slo.window.duration"),
        (json!({"objective": 0.9, "window": "2M"}), json!({}), ErrorCode::Unsupported, "slo.window.duration"),
        (
            json!({"objective": 0.9, "window": {"duration": "1M", "timeZone": "Mars/Base"}}),
            json!({}),
            ErrorCode::UnknownTimeZone,
            "slo.window.timeZone",
        ),
        (
            json!({"objective": 0.9, "window": {"duration": "30d", "timeZone": "UTC"}}),
            json!({}),
            ErrorCode::Unsupported,
            "slo.window.timeZone",
        ),
        (
            json!({"objective": 0.9, "window": "1d", "method": "timeslices", "timeSliceWindow": 60}),
            json!({}),
            ErrorCode::MissingField,
            "slo.timeSliceTarget",
        ),
        (
            json!({"objective": 0.9, "window": "1d", "method": "ratioTimeslices"}),
            json!({}),
            ErrorCode::MissingField,
            "slo.timeSliceWindow",
        ),
        (
            json!({"objective": 0.9, "window": "1d", "method": "timeslices", "timeSliceTarget": 1.5, "timeSliceWindow": 60}),
            json!({}),
            ErrorCode::OutOfRange,
            "slo.timeSliceTarget",
        ),
        (
            json!({"objective": 0.9, "window": "1d", "method": "ratioTimeslices", "timeSliceWindow": 90}),
            json!({}),
            ErrorCode::OutOfRange,
            "slo.timeSliceWindow",
        ),
        (
            json!({"objective": 0.9, "window": "1h", "method": "ratioTimeslices", "timeSliceWindow": "2h"}),
            json!({}),
            ErrorCode::OutOfRange,
            "slo.timeSliceWindow",
        ),
        (
            json!({"objective": 0.9, "window": "1d"}),
            json!({"maxPoints": 1}),
            ErrorCode::OutOfRange,
            "options.maxPoints",
        ),
        (
            json!({"objective": 0.9, "window": "1d"}),
            json!({"burnWindows": ["1h", -5]}),
            ErrorCode::NegativeDuration,
            "options.burnWindows[1]",
        ),
        (
            json!({"objective": 0.9, "window": "1d"}),
            json!({"currentBurnWindow": 0}),
            ErrorCode::OutOfRange,
            "options.currentBurnWindow",
        ),
        (
            json!({"objective": 0.9, "window": "1d"}),
            json!({"whatIf": {"objective": 1}}),
            ErrorCode::OutOfRange,
            "options.whatIf.objective",
        ),
        (
            json!({"objective": 0.9, "window": "1d"}),
            json!({"whatIf": {"incidents": [{"duration": 0}]}}),
            ErrorCode::OutOfRange,
            "options.whatIf.incidents[0].duration",
        ),
        (
            json!({"objective": 0.9, "window": "1d"}),
            json!({"whatIf": {"incidents": [{"duration": 60, "errorRate": 2}]}}),
            ErrorCode::OutOfRange,
            "options.whatIf.incidents[0].errorRate",
        ),
        (
            json!({"objective": 0.9, "window": "1d"}),
            json!({"whatIf": {"incidents": [{"duration": 60, "errorRate": 1, "affectedFraction": 1}]}}),
            ErrorCode::Unsupported,
            "options.whatIf.incidents[0].affectedFraction",
        ),
    ];
    for (slo, options, code, path) in cases {
        let e = run(json!({"slo": slo, "series": s, "options": options})).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (code, path), "{slo} {options}: {}", e.message);
    }
    let bad_method = serde_json::from_value::<BudgetInput>(
        json!({"slo": {"objective": 0.9, "window": "1d", "method": "weekly"}, "series": s}),
    );
    assert!(bad_method.unwrap_err().to_string().contains("unknown variant"));
}

#[test]
fn calendar_month_follows_daylight_saving_and_1m_is_a_month() {
    // March 2026 in London has 743 hours. As of 2026-03-15T00:00Z, 14 days (336 h) have elapsed.
    let series =
        json!({"start": "2026-03-01T00:00:00Z", "step": 3600, "good": vec![100.0; 336], "total": vec![100.0; 336]});
    let r = run(json!({
        "slo": {"objective": 0.999, "window": {"duration": "1M", "timeZone": "Europe/London"}},
        "series": series,
    }))
    .unwrap();
    assert_eq!(r.window.kind, "calendar");
    assert_eq!(r.window.seconds, 743.0 * 3600.0);
    assert_eq!(r.window.elapsed_seconds, 336.0 * 3600.0);
    assert_eq!(r.window.time_zone, Some("Europe/London"));
    assert_eq!(r.window.end.to_string(), "2026-03-31T23:00:00.000Z");
    // No errors: projected remaining is 1, and the ideal line at asOf is 1 − 336/743.
    assert_eq!(r.projected_remaining, Some(1.0));
    assert!(close(*r.burn_down.ideal.last().unwrap(), 1.0 - 336.0 / 743.0, 1e-12));
    // With rolling: true, 1M is 30 days.
    let rolling =
        run(json!({"slo": {"objective": 0.999, "window": {"duration": "1M", "rolling": true}}, "series": series}))
            .unwrap();
    assert_eq!((rolling.window.kind, rolling.window.seconds), ("rolling", 30.0 * 86_400.0));
    assert_eq!(rolling.projected_remaining, None);
}

#[test]
fn burn_down_time_to_exhaustion_projection_and_policy() {
    // Calendar month (April 2026, 30 days = 720 h, UTC), hourly buckets of 1 000 events. First 9 days clean, day 10
    // at 1% errors (burn 10 at 99.9%). As of 2026-04-11: consumed = 24 000 events × 1% = 240 bad; expected events in
    // the month = 240 000 × 720 / 240 = 720 000; budget 720; consumed = 240 / 720 = 1/3.
    let mut bad = vec![0.0; 240];
    bad[216..240].iter_mut().for_each(|b| *b = 10.0);
    let r = run(json!({
        "slo": {"objective": 0.999, "window": "1M"},
        "series": {"start": "2026-04-01T00:00:00Z", "step": 3600, "bad": bad, "total": vec![1000.0; 240]},
        "options": {"maxPoints": 50, "policy": {"rules": [{"state": "healthy", "above": 0.8}, {"state": "atRisk", "above": 0.5}], "otherwise": "releaseFreeze"},
            "whatIf": {"incidents": [{"duration": "1h"}]}},
    }))
    .unwrap();
    assert!(close(r.consumed.fraction, 1.0 / 3.0, 1e-12));
    assert!(close(r.remaining.events.unwrap(), 480.0, 1e-9));
    assert!(close(r.remaining.fraction + r.consumed.fraction, 1.0, 1e-15));
    // Current (1h) burn 10: time to exhaustion = (2/3) × 720 h / 10 = 48 h.
    assert!(close(r.current_burn_rate.burn_rate, 10.0, 1e-9));
    assert!(close(r.time_to_exhaustion.unwrap(), 48.0 * 3600.0, 1e-6));
    assert_eq!(r.exhaustion_at.unwrap().to_string(), "2026-04-13T00:00:00.000Z");
    // Projection: 2/3 − 10 × (480 h / 720 h) = 2/3 − 6.667 = −6.
    assert!(close(r.projected_remaining.unwrap(), -6.0, 1e-9));
    // 2/3 remaining: not above 0.8, above 0.5 → atRisk. One more hour of full outage consumes
    // 3 600 s / (0.001 × 2 592 000 s) = 1.389 more: remaining 2/3 − 1.389 < 0 → releaseFreeze.
    assert_eq!(r.policy_state, "atRisk");
    let s = r.scenario.as_ref().unwrap();
    assert!(close(s.remaining.fraction, 2.0 / 3.0 - 3600.0 / 2592.0, 1e-9));
    assert_eq!(s.policy_state, "releaseFreeze");
    // Window so far: 240 bad / 240 000 = 0.1% → burn 1.
    assert!(close(r.window_burn_rate, 1.0, 1e-9));
    // The 3-day burn: 24 bad hours of 72 → error 0.333% → burn 3.333.
    let d3 = r.burn_rates.iter().find(|b| b.window == "3d").unwrap();
    assert!(close(d3.burn_rate, 10.0 / 3.0, 1e-9));
    let bd = &r.burn_down;
    assert!(bd.t.len() <= 50 && bd.t.len() == bd.remaining.len() && bd.t.len() == bd.ideal.len());
    assert_eq!((bd.remaining[0], bd.ideal[0]), (1.0, 1.0));
    assert!(close(*bd.remaining.last().unwrap(), 2.0 / 3.0, 1e-12));
    assert_eq!(bd.t.last().unwrap().to_string(), "2026-04-11T00:00:00.000Z");
    assert!(bd.remaining.windows(2).all(|w| w[1] <= w[0]));
    // Default policy at 2/3 remaining: healthy (above 25%).
    let d = run(json!({"slo": {"objective": 0.999, "window": "1M"},
        "series": {"start": "2026-04-01T00:00:00Z", "step": 3600, "bad": [0, 10], "total": [1000, 1000]}}))
    .unwrap();
    assert_eq!(d.policy_state, "healthy");
}

#[test]
fn what_if_future_outage_and_past_incident() {
    // 30-day rolling window, 1-minute buckets of 100 events, all good: budget 0.001 × 4 320 000 = 4 320 events.
    let series =
        json!({"start": "2026-01-01T00:00:00Z", "step": 60, "good": vec![100.0; 43_200], "total": vec![100.0; 43_200]});
    // One more 20-minute full outage: 20 / 43.2 = 46.3% consumed, 53.7% left.
    let r = run(json!({"slo": {"objective": 0.999, "window": "30d"}, "series": series,
        "options": {"whatIf": {"incidents": [{"duration": "20m"}]}}}))
    .unwrap();
    let s = r.scenario.as_ref().unwrap();
    assert!(close(s.remaining.fraction, 1.0 - 20.0 / 43.2, 1e-9));
    assert_eq!(r.remaining.fraction, 1.0);
    // A past incident: 10 minutes at 50% errors from minute 100: 10 × 50 = 500 bad → 500 / 4 320 consumed.
    let past = run(json!({"slo": {"objective": 0.999, "window": "30d"}, "series": series,
        "options": {"whatIf": {"incidents": [{"start": "2026-01-01T01:40:00Z", "duration": 600, "errorRate": 0.5}]}}}))
    .unwrap();
    assert!(close(past.scenario.unwrap().consumed.fraction, 500.0 / 4320.0, 1e-12));
    // Half a bucket at an affected fraction of 1: the overlap is 30 s of a 60 s bucket → 50 bad.
    let half = run(json!({"slo": {"objective": 0.999, "window": "30d"}, "series": series,
        "options": {"whatIf": {"incidents": [{"start": "2026-01-01T01:40:30Z", "duration": 30, "affectedFraction": 1}]}}})).unwrap();
    assert!(close(half.scenario.unwrap().consumed.events.unwrap(), 50.0, 1e-9));
    // A different objective: 99% → budget 43 200 events; the 20-minute outage uses 2 000 / 43 200.
    let obj = run(json!({"slo": {"objective": 0.999, "window": "30d"}, "series": series,
        "options": {"whatIf": {"objective": 0.99, "incidents": [{"duration": 1200}]}}}))
    .unwrap();
    assert!(close(obj.scenario.unwrap().consumed.fraction, 2000.0 / 43_200.0, 1e-9));
    // A different window: 7 days → budget 0.001 × 10 080 min = 10.08 min of outage; 20 min → 198.4% consumed.
    let win = run(json!({"slo": {"objective": 0.999, "window": "30d"}, "series": series,
        "options": {"whatIf": {"window": "7d", "incidents": [{"duration": 1200}]}}}))
    .unwrap();
    let ws = win.scenario.unwrap();
    assert_eq!(ws.window.seconds, 7.0 * 86_400.0);
    assert!(close(ws.consumed.fraction, 20.0 / 10.08, 1e-9));
    assert_eq!(ws.time_to_exhaustion, Some(0.0));
    assert_eq!(ws.policy_state, "exhausted");
}

#[test]
fn history_class_reuses_the_index() {
    let series: SliSeries = serde_json::from_value(
        json!({"start": "2026-01-01T00:00:00Z", "step": 60, "bad": vec![1.0; 1440], "total": vec![100.0; 1440]}),
    )
    .unwrap();
    let mut h = SloHistory::new(&series, "series").unwrap();
    let slo: Slo = serde_json::from_value(json!({"objective": 0.99, "window": "1d"})).unwrap();
    // 1% errors at 99% → burn 1, everything consumed exactly.
    let a = h.report(&slo, &ReportOptions::default()).unwrap();
    assert!(close(a.consumed.fraction, 1.0, 1e-12));
    let slo2 = Slo { objective: 0.98, ..slo };
    let b = h.report(&slo2, &ReportOptions::default()).unwrap();
    assert!(close(b.consumed.fraction, 0.5, 1e-12));
}

#[test]
fn slice_methods_and_no_data_policies() {
    // 6 one-minute buckets, 2-minute slices: slice 0 = 100/100 good, slice 1 = 90/100 and 100/100 → ratio 0.95,
    // slice 2 = no data.
    let series = json!({"start": "2026-01-01T00:00:00Z", "step": 60, "good": [50, 50, 40, 50, null, null], "total": [50, 50, 50, 50, null, null]});
    let ts = |target: f64, no_data: &str| {
        run(json!({"slo": {"objective": 0.5, "window": "6m", "method": "timeslices", "timeSliceTarget": target,
            "timeSliceWindow": "2m", "noData": no_data}, "series": series}))
        .unwrap()
    };
    // Target 0.97: slice 1 (0.9 ratio? no: (40+50)/(50+50) = 0.9) is bad. Skip: 1 good of 2 → SLI 0.5.
    let r = ts(0.97, "skip");
    assert_eq!((r.counts.good, r.counts.bad, r.counts.total), (1.0, 1.0, 2.0));
    assert_eq!(r.sli, Some(0.5));
    assert_eq!(r.data.missing, 1);
    // Budget: 0.5 × 3 slices = 1.5 slices; consumed 1 / 1.5.
    assert!(close(r.consumed.fraction, 2.0 / 3.0, 1e-12));
    assert!(close(ts(0.97, "good").sli.unwrap(), 2.0 / 3.0, 1e-12));
    assert!(close(ts(0.97, "bad").sli.unwrap(), 1.0 / 3.0, 1e-12));
    assert_eq!(ts(0.9, "skip").sli, Some(1.0));
    // Ratio time slices: mean of 1.0 and 0.9 = 0.95.
    let rt = run(json!({"slo": {"objective": 0.5, "window": "6m", "method": "ratioTimeslices", "timeSliceWindow": 120}, "series": series})).unwrap();
    assert!(close(rt.sli.unwrap(), 0.95, 1e-12));
    assert!(close(rt.consumed.slices.unwrap(), 0.1, 1e-12));
}

#[test]
fn composite_weights_average_consumption() {
    // A: 99% objective, 1 bad of 100 in a 1h window → consumed 1. B: 90%, no errors → consumed 0.
    // Weights 4 and 1: composite consumed = 0.8, objective = 0.8 × 0.99 + 0.2 × 0.9 = 0.972.
    let c: CompositeInput = serde_json::from_value(json!({
        "components": [
            {"name": "api", "weight": 4, "slo": {"objective": 0.99, "window": "1h"},
             "series": {"start": "2026-01-01T00:00:00Z", "step": 3600, "bad": [1], "total": [100]}},
            {"name": "web", "slo": {"objective": 0.9, "window": "1h"},
             "series": {"start": "2026-01-01T00:00:00Z", "step": 3600, "bad": [0], "total": [100]}},
        ],
    }))
    .unwrap();
    let r = composite_budget(&c).unwrap();
    assert!(close(r.consumed, 0.8, 1e-12));
    assert!(close(r.remaining, 0.2, 1e-12));
    assert!(close(r.objective, 0.972, 1e-12));
    assert!(close(r.sli.unwrap(), 0.8 * 0.99 + 0.2, 1e-12));
    assert_eq!(r.components[1].weight, 1.0);
    assert_eq!(r.policy_state, "atRisk");
    let mut bad = c.clone();
    bad.components[1].weight = Some(0.0);
    let e = composite_budget(&bad).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::OutOfRange, "components[1].weight"));
    let mut bad = c.clone();
    bad.components[1].series.total = Some(vec![-1.0]);
    let e = composite_budget(&bad).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::OutOfRange, "components[1].series.total[0]"));
    let mut bad = c;
    bad.components[0].slo.objective = 1.0;
    let e = composite_budget(&bad).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::OutOfRange, "components[0].slo.objective"));
    let e = composite_budget(&CompositeInput { components: vec![], options: ReportOptions::default() }).unwrap_err();
    assert_eq!(e.code, ErrorCode::Empty);
}
