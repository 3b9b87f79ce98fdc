//! Business calendars: the ServiceNow and Dynamics 365 business-hours examples, daylight saving, holidays, errors.
#![cfg(not(target_arch = "wasm32"))]

use opscore::ErrorCode;
use opscore::calendar::{BusinessCalendar, CalendarSpec, WeeklyHours, WorkingRange};
use opscore::time::{Timestamp, Zone};

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s, "").unwrap()
}

fn weekdays(start: &str, end: &str, zone: &str) -> BusinessCalendar {
    BusinessCalendar::weekdays(start, end, Zone::parse(zone, "").unwrap()).unwrap()
}

#[test]
fn servicenow_one_day_is_three_working_days_of_eight_hours() {
    // ServiceNow c_SLADuration: "1 day" = 24 h spread over a 09:00–17:00 schedule takes 3 working days.
    // Mon 2017-01-09 09:00 + 24 business hours: Mon 8 h, Tue 8 h, Wed 8 h → Wed 2017-01-11 17:00 (the end of the
    // third day, not Thu 09:00).
    let cal = weekdays("09:00", "17:00", "UTC");
    assert_eq!(cal.add_business_secs(ts("2017-01-09T09:00:00Z"), 24.0 * 3600.0).unwrap(), ts("2017-01-11T17:00:00Z"));
    assert_eq!(
        cal.business_secs_between(ts("2017-01-09T09:00:00Z"), ts("2017-01-11T17:00:00Z")).unwrap(),
        24.0 * 3600.0
    );
}

#[test]
fn servicenow_due_time_outside_hours_moves_to_next_working_instant() {
    // ServiceNow: against 08:00–16:00, a due time of Wed 2017-01-11 20:30 falls outside working hours; the breach
    // moves to Thu 2017-01-12 08:00.
    let cal = weekdays("08:00", "16:00", "UTC");
    assert_eq!(cal.next_working_instant(ts("2017-01-11T20:30:00Z")).unwrap(), ts("2017-01-12T08:00:00Z"));
    // Inside working hours an instant is its own next working instant.
    assert_eq!(cal.next_working_instant(ts("2017-01-11T10:00:00Z")).unwrap(), ts("2017-01-11T10:00:00Z"));
    // Friday evening moves to Monday morning: Fri 2017-01-13 16:00 → Mon 2017-01-16 08:00.
    assert_eq!(cal.next_working_instant(ts("2017-01-13T16:00:00Z")).unwrap(), ts("2017-01-16T08:00:00Z"));
}

#[test]
fn dynamics_365_warning_and_failure_times() {
    // Microsoft Dynamics 365 "SLA time calculation scenarios": case created Wed 2023-06-14 15:00, working hours
    // 08:00–17:00 (9 h) Monday–Friday.
    // 24 h: 14th 2 h (22 left), 15th 9 (13), 16th 9 (4), weekend, 19th 08:00 + 4 h = 12:00.
    // 48 h: 2 + 9 + 9 + 9 (19th) + 9 (20th) + 9 (21st) = 47, so 22nd 08:00 + 1 h = 09:00.
    let cal = weekdays("08:00", "17:00", "UTC");
    let created = ts("2023-06-14T15:00:00Z");
    assert_eq!(cal.add_business_secs(created, 24.0 * 3600.0).unwrap(), ts("2023-06-19T12:00:00Z"));
    assert_eq!(cal.add_business_secs(created, 48.0 * 3600.0).unwrap(), ts("2023-06-22T09:00:00Z"));
}

#[test]
fn working_hours_follow_daylight_saving() {
    // Europe/London, 09:00–17:00 local. Clocks go forward on Sun 2026-03-29.
    // Fri 2026-03-27 16:00 GMT (= 16:00Z) + 2 business hours: 1 h on Friday, then Mon 09:00 BST (08:00Z) + 1 h
    // = 10:00 BST = 09:00Z.
    let cal = weekdays("09:00", "17:00", "Europe/London");
    assert_eq!(cal.add_business_secs(ts("2026-03-27T16:00:00Z"), 7200.0).unwrap(), ts("2026-03-30T09:00:00Z"));
    // Fri 09:00 GMT to Mon 17:00 BST is two full 8-hour days: 57 600 s.
    assert_eq!(cal.business_secs_between(ts("2026-03-27T09:00:00Z"), ts("2026-03-30T16:00:00Z")).unwrap(), 57_600.0);
    // A round-the-clock calendar: Sunday 2026-03-29 has only 23 hours in London.
    let all_day = vec![WorkingRange { start: "00:00".into(), end: "24:00".into() }];
    let spec = CalendarSpec {
        time_zone: Zone::parse("Europe/London", "").unwrap(),
        working_hours: WeeklyHours { sunday: all_day, ..WeeklyHours::default() },
        holidays: vec![],
    };
    let cal = BusinessCalendar::new(&spec).unwrap();
    assert_eq!(
        cal.business_secs_between(ts("2026-03-28T00:00:00Z"), ts("2026-03-31T00:00:00Z")).unwrap(),
        23.0 * 3600.0
    );
    // And Sunday 2026-10-25 (clocks back) has 25.
    assert_eq!(
        cal.business_secs_between(ts("2026-10-24T00:00:00Z"), ts("2026-10-27T00:00:00Z")).unwrap(),
        25.0 * 3600.0
    );
}

#[test]
fn holidays_are_skipped() {
    // Fri 2026-12-25 is a holiday. Thu 2026-12-24 16:00 + 2 h: 1 h on Thursday, Friday skipped, weekend skipped,
    // Mon 2026-12-28 09:00 + 1 h = 10:00.
    let spec = CalendarSpec {
        time_zone: Zone::UTC,
        working_hours: WeeklyHours::weekdays("09:00", "17:00"),
        holidays: vec!["2026-12-25".into()],
    };
    let cal = BusinessCalendar::new(&spec).unwrap();
    assert_eq!(cal.add_business_secs(ts("2026-12-24T16:00:00Z"), 7200.0).unwrap(), ts("2026-12-28T10:00:00Z"));
    // Several ranges a day (a lunch break): 09:00–12:00 and 13:00–17:00 = 7 h.
    let split = CalendarSpec {
        time_zone: Zone::UTC,
        working_hours: WeeklyHours {
            monday: vec![
                WorkingRange { start: "09:00".into(), end: "12:00".into() },
                WorkingRange { start: "13:00".into(), end: "17:00".into() },
            ],
            ..WeeklyHours::default()
        },
        holidays: vec![],
    };
    let cal = BusinessCalendar::new(&split).unwrap();
    // Mon 2026-01-05 11:00 + 2 h: 1 h to noon, lunch, 13:00 + 1 h = 14:00.
    assert_eq!(cal.add_business_secs(ts("2026-01-05T11:00:00Z"), 7200.0).unwrap(), ts("2026-01-05T14:00:00Z"));
    // 8 h from Mon 09:00 runs out the 7-hour Monday and continues the next Monday 09:00 + 1 h.
    assert_eq!(cal.add_business_secs(ts("2026-01-05T09:00:00Z"), 8.0 * 3600.0).unwrap(), ts("2026-01-12T10:00:00Z"));
}

fn spec_json(json: &str) -> CalendarSpec {
    serde_json::from_str(json).unwrap()
}

#[test]
fn bad_calendars_are_structured_errors() {
    let cases = [
        (r#"{"workingHours": {}}"#, ErrorCode::Empty, "workingHours"),
        (
            r#"{"workingHours": {"monday": [{"start": "17:00", "end": "09:00"}]}}"#,
            ErrorCode::EndBeforeStart,
            "workingHours.monday[0].end",
        ),
        (
            r#"{"workingHours": {"friday": [{"start": "09:00", "end": "13:00"}, {"start": "12:00", "end": "17:00"}]}}"#,
            ErrorCode::Overlap,
            "workingHours.friday[1].start",
        ),
        (
            r#"{"workingHours": {"monday": [{"start": "9am", "end": "17:00"}]}}"#,
            ErrorCode::InvalidTimestamp,
            "workingHours.monday[0].start",
        ),
        (
            r#"{"workingHours": {"monday": [{"start": "09:00", "end": "25:00"}]}}"#,
            ErrorCode::OutOfRange,
            "workingHours.monday[0].end",
        ),
        (
            r#"{"workingHours": {"monday": [{"start": "09:00", "end": "17:00"}]}, "holidays": ["2026-12-25", "Xmas"]}"#,
            ErrorCode::InvalidTimestamp,
            "holidays[1]",
        ),
        (
            r#"{"workingHours": {"monday": [{"start": "09:00", "end": "17:00"}]}, "holidays": ["2026-12-25", "2026-01-01", "2026-12-25"]}"#,
            ErrorCode::Duplicate,
            "holidays[2]",
        ),
    ];
    for (json, code, path) in cases {
        let e = BusinessCalendar::new(&spec_json(json)).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (code, path), "{json}: {}", e.message);
    }
    let bad_zone = serde_json::from_str::<CalendarSpec>(r#"{"timeZone": "Mars/Olympus", "workingHours": {}}"#);
    assert!(bad_zone.unwrap_err().to_string().contains("unknown_time_zone"));
}

#[test]
fn adding_beyond_2200_is_an_error_not_a_hang() {
    let cal = weekdays("09:00", "17:00", "UTC");
    let e = cal.add_business_secs(ts("2026-01-01T00:00:00Z"), 1e13).unwrap_err();
    assert_eq!(e.code, ErrorCode::OutOfRange);
    assert_eq!(cal.add_business_secs(ts("2026-01-01T00:00:00Z"), -1.0).unwrap_err().code, ErrorCode::NegativeDuration);
    assert_eq!(cal.add_business_secs(ts("2026-01-01T00:00:00Z"), f64::NAN).unwrap_err().code, ErrorCode::NotFinite);
}
