#![cfg(not(target_arch = "wasm32"))]
//! On-call load against shared/reference/team_health.md: PagerDuty windows in the responder's local time with
//! [start, end) boundaries, daylight saving, responders in other zones, the SRE book's rotation figures, and Gini
//! worked by hand.

use opscore::ErrorCode;
use opscore::team::oncall::{OnCallInput, OnCallReport, on_call_load};
use opscore::team::rotation::Rotation;
use opscore::team::windows::{Window, window_at};
use opscore::time::{Timestamp, Zone};
use serde_json::{Value, json};

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s, "").unwrap()
}

fn zone(s: &str) -> Zone {
    Zone::parse(s, "").unwrap()
}

fn run(v: Value) -> OnCallReport {
    let input: OnCallInput = serde_json::from_value(v).unwrap();
    on_call_load(&input).unwrap()
}

fn err(v: Value) -> (ErrorCode, String) {
    let input: OnCallInput = serde_json::from_value(v).unwrap();
    let e = on_call_load(&input).unwrap_err();
    (e.code, e.path.clone())
}

const MARCH: &str = r#"{"start": "2026-03-01T00:00:00Z", "end": "2026-04-01T00:00:00Z"}"#;

fn march() -> Value {
    serde_json::from_str(MARCH).unwrap()
}

#[test]
fn pagerduty_boundaries_are_half_open() {
    // Monday 2 March 2026 in London is GMT (UTC+0).
    let london = zone("Europe/London");
    let w = |s: &str| window_at(ts(s), london);
    assert_eq!(w("2026-03-02T07:59:59.999Z"), Window::Sleep);
    assert_eq!(w("2026-03-02T08:00:00Z"), Window::Business);
    assert_eq!(w("2026-03-02T17:59:59.999Z"), Window::Business);
    assert_eq!(w("2026-03-02T18:00:00Z"), Window::OffHours);
    assert_eq!(w("2026-03-02T21:59:59.999Z"), Window::OffHours);
    assert_eq!(w("2026-03-02T22:00:00Z"), Window::Sleep);
    // Friday 18:00 is off-hours; Saturday 08:00–22:00 is off-hours, 22:00 sleep; Sunday 07:59 sleep.
    assert_eq!(w("2026-03-06T18:00:00Z"), Window::OffHours);
    assert_eq!(w("2026-03-07T08:00:00Z"), Window::OffHours);
    assert_eq!(w("2026-03-07T13:00:00Z"), Window::OffHours);
    assert_eq!(w("2026-03-07T22:00:00Z"), Window::Sleep);
    assert_eq!(w("2026-03-08T07:59:00Z"), Window::Sleep);
}

#[test]
fn windows_follow_daylight_saving() {
    let london = zone("Europe/London");
    // Monday 30 March 2026 is BST (UTC+1): 07:30Z is 08:30 local → business, though 07:30 UTC would be sleep.
    assert_eq!(window_at(ts("2026-03-30T07:30:00Z"), london), Window::Business);
    // 17:30Z is 18:30 BST → off-hours.
    assert_eq!(window_at(ts("2026-03-30T17:30:00Z"), london), Window::OffHours);
    // The change itself, Sunday 29 March at 01:00Z: 00:30Z is 00:30 GMT (sleep), 07:30Z is 08:30 BST (off-hours:
    // Sunday).
    assert_eq!(window_at(ts("2026-03-29T00:30:00Z"), london), Window::Sleep);
    assert_eq!(window_at(ts("2026-03-29T07:30:00Z"), london), Window::OffHours);
    // New York: 12:30Z is 07:30 EST on Mon 2 March (sleep) but 08:30 EDT on Mon 9 March (after the 8 March change).
    let ny = zone("America/New_York");
    assert_eq!(window_at(ts("2026-03-02T12:30:00Z"), ny), Window::Sleep);
    assert_eq!(window_at(ts("2026-03-09T12:30:00Z"), ny), Window::Business);
    // Autumn: London 26 Oct 2026 (GMT again) 07:30Z is 07:30 local → sleep; a week earlier (BST) it is business.
    assert_eq!(window_at(ts("2026-10-26T07:30:00Z"), london), Window::Sleep);
    assert_eq!(window_at(ts("2026-10-19T07:30:00Z"), london), Window::Business);
}

#[test]
fn each_responder_uses_their_own_zone() {
    // The same three instants for a London, a New York and a Kolkata (UTC+5:30) responder.
    let input = json!({
        "period": march(),
        "responders": [
            {"id": "lon", "timeZone": "Europe/London"},
            {"id": "nyc", "timeZone": "America/New_York"},
            {"id": "blr", "timeZone": "Asia/Kolkata"}
        ],
        "pages": [
            // 14:00Z Mon: London 14:00 business; NY 09:00 business; Kolkata 19:30 off-hours.
            {"at": "2026-03-02T14:00:00Z", "responder": "lon"},
            {"at": "2026-03-02T14:00:00Z", "responder": "nyc"},
            {"at": "2026-03-02T14:00:00Z", "responder": "blr"},
            // 23:00Z Mon: London 23:00 sleep; NY 18:00 off-hours; Kolkata Tue 04:30 sleep.
            {"at": "2026-03-02T23:00:00Z", "responder": "lon"},
            {"at": "2026-03-02T23:00:00Z", "responder": "nyc"},
            {"at": "2026-03-02T23:00:00Z", "responder": "blr"},
            // 02:30Z Tue: Kolkata 08:00 exactly → business (half-hour offset, [start, end)); NY 21:30 Mon off-hours.
            {"at": "2026-03-03T02:30:00Z", "responder": "blr"},
            {"at": "2026-03-03T02:30:00Z", "responder": "nyc"}
        ]
    });
    let r = run(input);
    let by = |id: &str| r.responders.iter().find(|l| l.responder == id).unwrap().clone();
    let (lon, nyc, blr) = (by("lon"), by("nyc"), by("blr"));
    assert_eq!((lon.business, lon.off_hours, lon.sleep), (1, 0, 1));
    assert_eq!((nyc.business, nyc.off_hours, nyc.sleep), (1, 2, 0));
    assert_eq!((blr.business, blr.off_hours, blr.sleep), (1, 1, 1));
    assert_eq!((r.totals.business, r.totals.off_hours, r.totals.sleep), (3, 3, 2));
}

#[test]
fn pages_across_a_dst_day_use_the_right_offset() {
    // Pages for a London responder on the change day and either side; the per-day offset cache must not reuse GMT
    // after the change. 28 Mar (Sat) 07:30Z = 07:30 GMT sleep; 29 Mar 00:30Z = 00:30 GMT sleep; 29 Mar 07:30Z =
    // 08:30 BST off-hours (Sunday); 30 Mar 07:30Z = 08:30 BST business; 30 Mar 21:30Z = 22:30 BST sleep.
    let r = run(json!({
        "period": march(),
        "responders": [{"id": "a", "timeZone": "Europe/London"}],
        "pages": [
            {"at": "2026-03-28T07:30:00Z", "responder": "a"},
            {"at": "2026-03-29T00:30:00Z", "responder": "a"},
            {"at": "2026-03-29T07:30:00Z", "responder": "a"},
            {"at": "2026-03-30T07:30:00Z", "responder": "a"},
            {"at": "2026-03-30T21:30:00Z", "responder": "a"}
        ]
    }));
    let a = &r.responders[0];
    assert_eq!((a.business, a.off_hours, a.sleep), (1, 1, 3));
}

#[test]
fn one_alert_on_three_channels_is_one_interruption_and_email_does_not_count() {
    let r = run(json!({
        "period": march(),
        "responders": [{"id": "a", "timeZone": "UTC"}],
        "pages": [
            {"at": "2026-03-02T10:00:00Z", "responder": "a", "channel": "sms", "acknowledgedAt": "2026-03-02T10:01:00Z"},
            {"at": "2026-03-02T10:00:00Z", "responder": "a", "channel": "push"},
            {"at": "2026-03-02T10:00:00Z", "responder": "a", "channel": "phone"},
            {"at": "2026-03-02T10:05:00Z", "responder": "a", "channel": "email"}
        ]
    }));
    assert_eq!((r.totals.notifications, r.totals.interruptions, r.totals.merged, r.totals.email), (4, 1, 2, 1));
}

#[test]
fn mtta_per_responder() {
    // a: acknowledged after 60 s and 180 s → MTTA 120 s; one unacknowledged page is not in the mean. b: 30 s.
    // Team: (60 + 180 + 30) / 3 = 90 s.
    let r = run(json!({
        "period": march(),
        "responders": [{"id": "a", "timeZone": "UTC"}, {"id": "b", "timeZone": "UTC"}],
        "pages": [
            {"at": "2026-03-02T10:00:00Z", "responder": "a", "acknowledgedAt": "2026-03-02T10:01:00Z"},
            {"at": "2026-03-03T10:00:00Z", "responder": "a", "acknowledgedAt": "2026-03-03T10:03:00Z"},
            {"at": "2026-03-04T10:00:00Z", "responder": "a"},
            {"at": "2026-03-04T10:00:00Z", "responder": "b", "acknowledgedAt": "2026-03-04T10:00:30Z", "urgency": "high"}
        ]
    }));
    assert_eq!(r.responders[0].mtta_seconds, Some(120.0));
    assert_eq!(r.responders[0].acknowledged, 2);
    assert_eq!(r.responders[1].mtta_seconds, Some(30.0));
    assert_eq!(r.responders[1].high_urgency, 1);
    assert_eq!(r.totals.mtta_seconds, Some(90.0));
}

#[test]
fn gini_and_busiest_share_by_hand() {
    // Four responders with 0, 0, 0 and 4 interruptions: G = Σ|xi − xj| / (2 n² x̄) = 24 / (2 × 16 × 1) = 0.75, and
    // the busiest ("d") has 4 / 4 = 100%. Over March (31 days = 31/7 weeks) that is 4 × 7 / 31 per week.
    let pages: Vec<Value> =
        (0..4).map(|i| json!({"at": format!("2026-03-0{}T10:00:00Z", i + 2), "responder": "d"})).collect();
    let responders: Vec<Value> = ["a", "b", "c", "d"].iter().map(|id| json!({"id": id, "timeZone": "UTC"})).collect();
    let r = run(json!({"period": march(), "responders": responders, "pages": pages}));
    assert!((r.fairness.gini - 0.75).abs() < 1e-12);
    assert_eq!(r.fairness.busiest_responder, "d");
    assert_eq!(r.fairness.busiest_share, 1.0);
    assert!((r.fairness.busiest_per_week - 4.0 * 7.0 / 31.0).abs() < 1e-12);

    // Equal loads (2 each) → G = 0. Loads 1, 2, 3 → G = 8 / 36 = 2/9, busiest share 3 / 6 = 0.5.
    let even: Vec<Value> = ["a", "b", "a", "b"]
        .iter()
        .enumerate()
        .map(|(i, r)| json!({"at": format!("2026-03-1{i}T10:00:00Z"), "responder": r}))
        .collect();
    let r = run(json!({"period": march(), "responders": responders[..2], "pages": even}));
    assert_eq!(r.fairness.gini, 0.0);
    let uneven: Vec<Value> = ["a", "b", "b", "c", "c", "c"]
        .iter()
        .enumerate()
        .map(|(i, r)| json!({"at": format!("2026-03-1{i}T10:00:00Z"), "responder": r}))
        .collect();
    let r = run(json!({"period": march(), "responders": responders[..3], "pages": uneven}));
    assert!((r.fairness.gini - 2.0 / 9.0).abs() < 1e-12);
    assert_eq!(r.fairness.busiest_share, 0.5);
}

#[test]
fn incidents_per_shift_against_the_limit_of_two() {
    // Shift 1: a, 12 hours, 3 distinct incidents (x twice, y, and one page with no incident id) → 3 per 12 h > 2.
    // Shift 2: b, 24 hours, 3 incidents → 3 × 12 / 24 = 1.5 per 12 h, within the limit.
    let r = run(json!({
        "period": march(),
        "responders": [{"id": "a", "timeZone": "UTC"}, {"id": "b", "timeZone": "UTC"}],
        "shifts": [
            {"responder": "a", "start": "2026-03-02T08:00:00Z", "end": "2026-03-02T20:00:00Z", "role": "primary"},
            {"responder": "b", "start": "2026-03-03T00:00:00Z", "end": "2026-03-04T00:00:00Z"}
        ],
        "pages": [
            {"at": "2026-03-02T09:00:00Z", "responder": "a", "incidentId": "x"},
            {"at": "2026-03-02T09:30:00Z", "responder": "a", "incidentId": "x"},
            {"at": "2026-03-02T12:00:00Z", "responder": "a", "incidentId": "y"},
            {"at": "2026-03-02T19:59:59Z", "responder": "a"},
            {"at": "2026-03-02T20:00:00Z", "responder": "a", "incidentId": "after-the-shift"},
            {"at": "2026-03-03T01:00:00Z", "responder": "b", "incidentId": "p"},
            {"at": "2026-03-03T05:00:00Z", "responder": "b", "incidentId": "q"},
            {"at": "2026-03-03T23:00:00Z", "responder": "b", "incidentId": "r"}
        ]
    }));
    let s = &r.shifts;
    assert_eq!((s[0].interruptions, s[0].incidents, s[0].incidents_per_12_hours, s[0].over_limit), (4, 3, 3.0, true));
    assert_eq!((s[1].interruptions, s[1].incidents, s[1].incidents_per_12_hours, s[1].over_limit), (3, 3, 1.5, false));
    assert_eq!(r.shifts_over_limit, 1);
    // Team level: 7 distinct incidents in March (62 blocks of 12 h): 7 / 62 per 12 h. Block 2 Mar 00:00–12:00 holds
    // x (09:00); block 12:00–24:00 holds y (12:00 exactly), the anonymous page and "after-the-shift" = 3 > 2;
    // 3 Mar 00:00–12:00 holds p and q (2, not over); 12:00–24:00 holds r.
    let l = &r.incident_load;
    assert_eq!((l.incidents, l.blocks, l.busiest_block, l.blocks_over_limit), (7, 62, 3, 1));
    assert!((l.per_12_hours - 7.0 / 62.0).abs() < 1e-12);
}

#[test]
fn time_on_call_from_shifts() {
    // Four weeks (28 days). a: week 1 primary, week 2 secondary → 14 / 28 = 50% > 25%. b: week 3 plus an
    // overlapping duplicate of the same days (counted once) → 7 / 28 = 25%, not over.
    let r = run(json!({
        "period": {"start": "2026-03-02T00:00:00Z", "end": "2026-03-30T00:00:00Z"},
        "responders": [{"id": "a", "timeZone": "UTC"}, {"id": "b", "timeZone": "UTC"}],
        "shifts": [
            {"responder": "a", "start": "2026-03-02T00:00:00Z", "end": "2026-03-09T00:00:00Z", "role": "primary"},
            {"responder": "a", "start": "2026-03-09T00:00:00Z", "end": "2026-03-16T00:00:00Z", "role": "secondary"},
            {"responder": "b", "start": "2026-03-16T00:00:00Z", "end": "2026-03-23T00:00:00Z"},
            {"responder": "b", "start": "2026-03-17T00:00:00Z", "end": "2026-03-20T00:00:00Z"}
        ]
    }));
    assert_eq!(r.responders[0].on_call_share, Some(0.5));
    assert_eq!(r.responders[1].on_call_share, Some(0.25));
    assert_eq!(r.responders[1].on_call_seconds, Some(7.0 * 86_400.0));
    let t = r.time_on_call.unwrap();
    assert_eq!((t.max_share, t.mean_share, t.responders_over_limit), (0.5, 0.375, 1));
    assert_eq!(r.sleep_per_responder_week, 0.0);
}

#[test]
fn sre_book_rotation_figures() {
    let rot = |members, roles, sites| Rotation { members, roles_per_shift: roles, sites, shift_hours: 168.0 }.report();
    // Primary + secondary, one week each per cycle: 2 / 6 = 33%, 2 / 8 = 25%.
    let six = rot(6, 2, 1);
    assert!((six.on_call_share - 1.0 / 3.0).abs() < 1e-12);
    assert!(six.over_limit);
    assert!(!six.meets_minimum);
    let eight = rot(8, 2, 1);
    assert_eq!(eight.on_call_share, 0.25);
    assert!(!eight.over_limit);
    // Single site, primary + secondary: at least 8. Dual site: 6 per site, 12 in all.
    assert_eq!(eight.minimum_members, 8);
    assert!(eight.meets_minimum);
    let dual = rot(12, 2, 2);
    assert_eq!((dual.minimum_members_per_site, dual.minimum_members, dual.meets_minimum), (6, 12, true));
    assert!(!rot(10, 2, 2).meets_minimum);
    // A 12-hour shift absorbs 12 / 6 = 2 incidents, the book's limit.
    let twelve = Rotation { members: 8, roles_per_shift: 2, sites: 1, shift_hours: 12.0 }.report();
    assert_eq!(twelve.incident_capacity_per_shift, 2.0);
    // The rotation travels with the on-call report.
    let r = run(json!({"period": march(), "responders": [{"id": "a", "timeZone": "UTC"}], "rotation": {"members": 6}}));
    let rr = r.rotation.unwrap();
    assert_eq!((rr.rotation.roles_per_shift, rr.rotation.sites, rr.rotation.shift_hours), (2, 1, 168.0));
    assert!((rr.on_call_share - 1.0 / 3.0).abs() < 1e-12);
}

#[test]
fn bad_input_is_a_structured_error() {
    let p = march();
    let a = json!([{"id": "a", "timeZone": "UTC"}]);
    let cases: Vec<(Value, ErrorCode, &str)> = vec![
        (json!({"period": p, "responders": []}), ErrorCode::Empty, "responders"),
        (
            json!({"period": p, "responders": [{"id": "a", "timeZone": "UTC"}, {"id": "a", "timeZone": "UTC"}]}),
            ErrorCode::Duplicate,
            "responders[1].id",
        ),
        (
            json!({"period": p, "responders": a, "pages": [{"at": "2026-03-02T10:00:00Z", "responder": "a"}, {"at": "2026-03-02T10:00:00Z", "responder": "zed"}]}),
            ErrorCode::UnknownReference,
            "pages[1].responder",
        ),
        (
            json!({"period": p, "responders": a, "pages": [{"at": "2026-03-02T10:00:00Z", "responder": "a", "acknowledgedAt": "2026-03-02T09:59:00Z"}]}),
            ErrorCode::EndBeforeStart,
            "pages[0].acknowledgedAt",
        ),
        (
            json!({"period": p, "responders": a, "pages": [{"at": "2026-04-01T00:00:00Z", "responder": "a"}]}),
            ErrorCode::OutOfRange,
            "pages[0].at",
        ),
        (
            json!({"period": p, "responders": a, "shifts": [{"responder": "a", "start": "2026-03-02T10:00:00Z", "end": "2026-03-02T10:00:00Z"}]}),
            ErrorCode::EndBeforeStart,
            "shifts[0].end",
        ),
        (
            json!({"period": p, "responders": a, "shifts": [{"responder": "b", "start": "2026-03-02T10:00:00Z", "end": "2026-03-03T10:00:00Z"}]}),
            ErrorCode::UnknownReference,
            "shifts[0].responder",
        ),
        (
            json!({"period": p, "responders": a, "rotation": {"members": 6, "sites": 3}}),
            ErrorCode::OutOfRange,
            "rotation.sites",
        ),
        (json!({"period": p, "responders": a, "rotation": {"members": 0}}), ErrorCode::OutOfRange, "rotation.members"),
        (
            json!({"period": p, "responders": a, "rotation": {"members": 4, "rolesPerShift": 5}}),
            ErrorCode::OutOfRange,
            "rotation.rolesPerShift",
        ),
        (
            json!({"period": {"start": "2026-03-02T00:00:00Z", "end": "2026-03-01T00:00:00Z"}, "responders": a}),
            ErrorCode::EndBeforeStart,
            "period.end",
        ),
    ];
    for (input, code, path) in cases {
        assert_eq!(err(input.clone()), (code, path.to_string()), "{input}");
    }
    // An unknown time zone is rejected while parsing, with its code.
    let e = serde_json::from_value::<OnCallInput>(
        json!({"period": p, "responders": [{"id": "a", "timeZone": "Europe/Atlantis"}]}),
    )
    .unwrap_err();
    assert!(e.to_string().contains("[unknown_time_zone]"), "{e}");
}

#[test]
fn page_columns_count_like_rows_and_report_errors_by_index() {
    // The each_responder_uses_their_own_zone instants as columns: lon at 14:00Z (business) and 23:00Z (sleep).
    let cols = |extra: Value| {
        let mut v = json!({
            "period": march(),
            "responders": [{"id": "lon", "timeZone": "Europe/London"}, {"id": "nyc", "timeZone": "America/New_York"}],
            "pageColumns": {"at": [1772460000000.0, 1772492400000.0], "responder": [0, 0]}
        });
        for (k, x) in extra.as_object().unwrap() {
            v["pageColumns"][k] = x.clone();
        }
        v
    };
    let r = run(cols(json!({"acknowledgedAt": [1772460060000.0, null], "highUrgency": [1, 0]})));
    let lon = &r.responders[0];
    assert_eq!(
        (lon.business, lon.sleep, lon.high_urgency, lon.acknowledged, lon.mtta_seconds),
        (1, 1, 1, 1, Some(60.0))
    );
    assert_eq!(r.totals.notifications, 2);
    // JSON has no NaN: null stands for it in the optional columns (acknowledgedAt above).
    assert_eq!(
        err(cols(json!({"responder": [0, 2]}))),
        (ErrorCode::UnknownReference, "pageColumns.responder[1]".into())
    );
    assert_eq!(err(cols(json!({"responder": [0]}))), (ErrorCode::OutOfRange, "pageColumns.responder".into()));
    assert_eq!(
        err(cols(json!({"acknowledgedAt": [1772459000000.0, 1772492400000.0]}))),
        (ErrorCode::EndBeforeStart, "pageColumns.acknowledgedAt[0]".into())
    );
    assert_eq!(
        err(cols(json!({"at": [1772460000000.0, 1e15]}))),
        (ErrorCode::InvalidTimestamp, "pageColumns.at[1]".into())
    );
    assert_eq!(err(cols(json!({"at": [1772460000000.0, 0]}))), (ErrorCode::OutOfRange, "pageColumns.at[1]".into()));
    assert_eq!(err(cols(json!({"highUrgency": [2, 0]}))), (ErrorCode::OutOfRange, "pageColumns.highUrgency[0]".into()));
}
