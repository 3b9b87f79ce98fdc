//! Erlang C against the reference table in shared/reference/capacity.md (values from the closed form
//! P(wait) = [aᶜ/c! · c/(c − a)] / [Σ_{k<c} aᵏ/k! + aᶜ/c! · c/(c − a)]) and hand computations.

use opscore::ErrorCode;
use opscore::capacity::erlang::{ErlangCInput, StaffingInput, StaffingTarget, erlang_c, p_wait, staffing};

fn q(arrival_rate: f64, mean_service_time: f64, servers: f64) -> ErlangCInput {
    ErlangCInput { arrival_rate, mean_service_time, servers, target_wait: None, percentiles: None }
}

/// The closed form with factorials, for small c only: an independent check of the recurrence.
fn closed_form(c: u32, a: f64) -> f64 {
    let fact = |k: u32| (1..=k).map(f64::from).product::<f64>();
    let top = a.powi(c as i32) / fact(c) * f64::from(c) / (f64::from(c) - a);
    let sum: f64 = (0..c).map(|k| a.powi(k as i32) / fact(k)).sum();
    top / (sum + top)
}

#[test]
fn c3_a2_is_four_ninths() {
    // Reference row 1. By hand: a²/2! = 2, a³/3! = 8/6 = 4/3; top = 4/3 · 3/(3 − 2) = 4; Σ_{k<3} = 1 + 2 + 2 = 5;
    // P(wait) = 4 / (5 + 4) = 4/9.
    let r = erlang_c(&q(2.0, 1.0, 3.0)).unwrap();
    assert!((r.p_wait - 4.0 / 9.0).abs() < 1e-12);
    assert!((r.utilisation - 2.0 / 3.0).abs() < 1e-12);
    // ASA = P(wait) · S / (c − a) = 4/9 · 1 / 1.
    assert!((r.mean_wait - 4.0 / 9.0).abs() < 1e-12);
}

#[test]
fn a_2_5_rows() {
    // Reference row 2: a = 2.5 with c = 3..7.
    for (c, want) in [(3, 0.7022), (4, 0.3199), (5, 0.1304), (6, 0.0474), (7, 0.0154)] {
        let got = p_wait(c, 2.5);
        assert!((got - want).abs() < 5e-5, "c = {c}: got {got}, table {want}");
        assert!((got - closed_form(c, 2.5)).abs() < 1e-12);
    }
}

#[test]
fn call_centre_rows_and_staffing() {
    // Reference row 3: 100 arrivals per 30 min (λ = 100/1800 per s), S = 180 s, so a = 10 erlangs; target 20 s.
    let lambda = 100.0 / 1800.0;
    let rows = [(13.0, 0.2853, 0.7956, 17.1), (14.0, 0.1741, 0.8884, 7.8), (15.0, 0.1020, 0.9415, 3.7)];
    for (c, pw, sl, asa) in rows {
        let r = erlang_c(&ErlangCInput { target_wait: Some(20.0), ..q(lambda, 180.0, c) }).unwrap();
        assert!((r.offered_load - 10.0).abs() < 1e-12);
        assert!((r.p_wait - pw).abs() < 5e-5, "c = {c}: P(wait) {} vs {pw}", r.p_wait);
        assert!((r.service_level.unwrap() - sl).abs() < 5e-5, "c = {c}: SL {:?} vs {sl}", r.service_level);
        assert!((r.mean_wait - asa).abs() < 0.05, "c = {c}: ASA {} vs {asa}", r.mean_wait);
    }
    // "So the smallest c for 80% within 20 s is 14."
    let target = StaffingTarget { service_level: Some(0.8), within_seconds: Some(20.0), ..Default::default() };
    let s = staffing(&StaffingInput { arrival_rate: lambda, mean_service_time: 180.0, target }).unwrap();
    assert_eq!(s.servers, 14);
    assert!(s.one_fewer.unwrap().service_level.unwrap() < 0.8);
    // ASA ≤ 10 s: c = 13 gives 17.1 s, c = 14 gives 7.8 s → 14. ASA ≤ 5 s → 15 (3.7 s).
    let asa = |m: f64| {
        let target = StaffingTarget { max_mean_wait: Some(m), ..Default::default() };
        staffing(&StaffingInput { arrival_rate: lambda, mean_service_time: 180.0, target }).unwrap().servers
    };
    assert_eq!((asa(10.0), asa(5.0)), (14, 15));
    // Utilisation ≤ 0.6 with a = 10 needs c ≥ 16.67 → 17.
    let target = StaffingTarget { max_utilisation: Some(0.6), ..Default::default() };
    assert_eq!(
        staffing(&StaffingInput { arrival_rate: lambda, mean_service_time: 180.0, target }).unwrap().servers,
        17
    );
}

#[test]
fn wait_percentiles_invert_the_service_level() {
    // c = 14, a = 10: P(W > t) = C·e^{−(c−a)t/S}. The 95th percentile t95 satisfies C·e^{−4·t95/180} = 0.05.
    let r = erlang_c(&ErlangCInput { percentiles: Some(vec![0.5, 0.95]), ..q(10.0 / 180.0, 180.0, 14.0) }).unwrap();
    let c = r.p_wait;
    let t95 = 45.0 * (c / 0.05).ln();
    assert!((r.wait_percentiles[1].wait - t95).abs() < 1e-9);
    // P(wait) = 0.174 < 0.5, so the median arrival does not wait.
    assert_eq!(r.wait_percentiles[0].wait, 0.0);
    // Little: Lq = λ·Wq.
    assert!((r.mean_queue_length - 10.0 / 180.0 * r.mean_wait).abs() < 1e-12);
    // "95% of requests wait under 200 ms": 50 req/s at 100 ms (a = 5).
    let target = StaffingTarget { service_level: Some(0.95), within_seconds: Some(0.2), ..Default::default() };
    let s = staffing(&StaffingInput { arrival_rate: 50.0, mean_service_time: 0.1, target }).unwrap();
    assert!(s.queue.service_level.unwrap() >= 0.95);
    assert!(s.one_fewer.unwrap().service_level.unwrap() < 0.95);
}

#[test]
fn bad_input_is_structured() {
    let err = |i: ErlangCInput| erlang_c(&i).unwrap_err();
    let e = err(q(2.0, 1.0, 2.0));
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::Infeasible, "servers"));
    assert!(e.message.contains("no steady state"), "{}", e.message);
    assert_eq!(err(q(3.0, 1.0, 2.0)).code, ErrorCode::Infeasible);
    for c in [0.0, -1.0, 2.5] {
        let e = err(q(0.5, 1.0, c));
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::OutOfRange, "servers"));
    }
    assert_eq!(err(q(f64::NAN, 1.0, 3.0)).code, ErrorCode::NotFinite);
    assert_eq!(err(q(1.0, f64::NAN, 3.0)).path, "meanServiceTime");
    assert_eq!(err(q(1.0, 1.0, f64::INFINITY)).code, ErrorCode::NotFinite);
    assert_eq!(err(q(-1.0, 1.0, 3.0)).code, ErrorCode::OutOfRange);
    assert_eq!(err(q(1.0, 0.0, 3.0)).path, "meanServiceTime");
    let e = err(ErlangCInput { percentiles: Some(vec![0.5, 1.0]), ..q(1.0, 1.0, 3.0) });
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::OutOfRange, "percentiles[1]"));
    let e = err(ErlangCInput { target_wait: Some(-1.0), ..q(1.0, 1.0, 3.0) });
    assert_eq!(e.code, ErrorCode::NegativeDuration);

    let st = |target: StaffingTarget| staffing(&StaffingInput { arrival_rate: 1.0, mean_service_time: 1.0, target });
    assert_eq!(st(StaffingTarget::default()).unwrap_err().path, "target");
    let e = st(StaffingTarget { service_level: Some(0.8), ..Default::default() }).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::MissingField, "target.withinSeconds"));
    let e = st(StaffingTarget { service_level: Some(80.0), within_seconds: Some(1.0), ..Default::default() });
    assert_eq!(e.unwrap_err().path, "target.serviceLevel");
    assert_eq!(
        st(StaffingTarget { max_p_wait: Some(f64::NAN), ..Default::default() }).unwrap_err().code,
        ErrorCode::NotFinite
    );
}

#[test]
fn zero_load_needs_one_server() {
    let target = StaffingTarget { max_p_wait: Some(0.01), ..Default::default() };
    let s = staffing(&StaffingInput { arrival_rate: 0.0, mean_service_time: 60.0, target }).unwrap();
    assert_eq!(s.servers, 1);
    assert_eq!(s.queue.p_wait, 0.0);
}

#[test]
fn huge_loads_staff_in_linear_time() {
    // 400 000 erlangs: the search carries Erlang B along, so it ends quickly. Square-root staffing says the answer
    // is a + β√a with β around 1–2 for an 80%/20 s target at S = 180 s, i.e. a little above 400 000.
    let a = 400_000.0;
    let target = StaffingTarget { service_level: Some(0.8), within_seconds: Some(20.0), ..Default::default() };
    let s = staffing(&StaffingInput { arrival_rate: a / 180.0, mean_service_time: 180.0, target }).unwrap();
    assert!(f64::from(s.servers) > a && f64::from(s.servers) < a + 2.0 * a.sqrt(), "{}", s.servers);
    assert!(s.queue.service_level.unwrap() >= 0.8);
    assert!(s.one_fewer.unwrap().service_level.unwrap() < 0.8);
}
