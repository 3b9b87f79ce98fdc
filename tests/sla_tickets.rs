//! ticketSla: the ServiceNow business-hours examples, pauses, as-of running state, per-priority statistics.
#![cfg(not(target_arch = "wasm32"))]

use opscore::ErrorCode;
use opscore::sla::tickets::{Status, TicketInput, TicketReport, ticket_sla};

fn run(json: &str) -> TicketReport {
    ticket_sla(&serde_json::from_str::<TicketInput>(json).unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn err(json: &str) -> (ErrorCode, String) {
    let e = ticket_sla(&serde_json::from_str::<TicketInput>(json).unwrap()).unwrap_err();
    (e.code, e.path.clone())
}

const NINE_TO_FIVE: &str = r#""calendar": {"timeZone": "UTC", "workingHours": {
    "monday": [{"start": "09:00", "end": "17:00"}], "tuesday": [{"start": "09:00", "end": "17:00"}],
    "wednesday": [{"start": "09:00", "end": "17:00"}], "thursday": [{"start": "09:00", "end": "17:00"}],
    "friday": [{"start": "09:00", "end": "17:00"}]}}"#;

const EIGHT_TO_FOUR: &str = r#""calendar": {"timeZone": "UTC", "workingHours": {
    "monday": [{"start": "08:00", "end": "16:00"}], "tuesday": [{"start": "08:00", "end": "16:00"}],
    "wednesday": [{"start": "08:00", "end": "16:00"}], "thursday": [{"start": "08:00", "end": "16:00"}],
    "friday": [{"start": "08:00", "end": "16:00"}]}}"#;

#[test]
fn servicenow_ten_hours_without_a_schedule() {
    // ServiceNow: with no schedule, a 10-hour SLA that starts 2015-01-01 10:30 breaches at 20:30.
    let r = run(r#"{"targets": {"P2": {"resolution": {"seconds": 36000}}}, "asOf": "2015-01-01T21:00:00Z",
            "tickets": [{"id": "INC1", "priority": "P2", "createdAt": "2015-01-01T10:30:00Z", "resolvedAt": "2015-01-01T20:00:00Z"},
                        {"id": "INC2", "priority": "P2", "createdAt": "2015-01-01T10:30:00Z"}]}"#);
    let a = r.tickets[0].resolution.unwrap();
    assert_eq!(a.due_at.to_string(), "2015-01-01T20:30:00.000Z");
    assert_eq!((a.status, a.elapsed_seconds, a.remaining_seconds), (Status::Met, 34_200.0, 1_800.0));
    // Still open at 21:00: breached, 30 minutes late.
    let b = r.tickets[1].resolution.unwrap();
    assert_eq!((b.status, b.completed, b.late_seconds), (Status::Breached, false, 1_800.0));
}

#[test]
fn servicenow_one_day_over_a_nine_to_five_schedule() {
    // "1 day" = 24 h of business time over 09:00–17:00 = 3 working days: Mon 2017-01-09 09:00 → Wed 17:00.
    let r = run(&format!(
        r#"{{{NINE_TO_FIVE}, "targets": {{"P3": {{"resolution": {{"seconds": 86400, "clock": "business"}}}}}},
            "tickets": [{{"id": "T1", "priority": "P3", "createdAt": "2017-01-09T09:00:00Z", "resolvedAt": "2017-01-11T17:00:00Z"}},
                        {{"id": "T2", "priority": "P3", "createdAt": "2017-01-09T09:00:00Z", "resolvedAt": "2017-01-12T09:00:01Z"}}]}}"#
    ));
    let t1 = r.tickets[0].resolution.unwrap();
    assert_eq!(t1.due_at.to_string(), "2017-01-11T17:00:00.000Z");
    // Resolved exactly at the due time: met, with 24 business hours elapsed.
    assert_eq!((t1.status, t1.elapsed_seconds), (Status::Met, 86_400.0));
    // One business second later (Thu 09:00:01): breached, 16 h 1 s of wall-clock time late.
    let t2 = r.tickets[1].resolution.unwrap();
    assert_eq!((t2.status, t2.elapsed_seconds, t2.late_seconds), (Status::Breached, 86_401.0, 57_601.0));
}

#[test]
fn servicenow_due_time_outside_working_hours_moves_to_next_morning() {
    // Against 08:00–16:00, a due time of Wed 2017-01-11 20:30 (10 calendar hours after 10:30) falls outside working
    // hours; the breach moves to Thu 2017-01-12 08:00.
    let r = run(&format!(
        r#"{{{EIGHT_TO_FOUR}, "targets": {{"P2": {{"resolution": {{"seconds": 36000, "dueInWorkingHours": true}}}}}},
            "tickets": [{{"id": "A", "priority": "P2", "createdAt": "2017-01-11T10:30:00Z", "resolvedAt": "2017-01-12T07:59:00Z"}},
                        {{"id": "B", "priority": "P2", "createdAt": "2017-01-11T10:30:00Z", "resolvedAt": "2017-01-12T08:30:00Z"}}]}}"#
    ));
    let a = r.tickets[0].resolution.unwrap();
    assert_eq!(a.due_at.to_string(), "2017-01-12T08:00:00.000Z");
    assert_eq!(a.status, Status::Met);
    let b = r.tickets[1].resolution.unwrap();
    assert_eq!((b.status, b.late_seconds), (Status::Breached, 1_800.0));
    // Without dueInWorkingHours the same target is due at 20:30 and ticket A breached.
    let r = run(&format!(
        r#"{{{EIGHT_TO_FOUR}, "targets": {{"P2": {{"resolution": {{"seconds": 36000}}}}}},
            "tickets": [{{"id": "A", "priority": "P2", "createdAt": "2017-01-11T10:30:00Z", "resolvedAt": "2017-01-12T07:59:00Z"}}]}}"#
    ));
    assert_eq!(r.tickets[0].resolution.unwrap().due_at.to_string(), "2017-01-11T20:30:00.000Z");
    assert_eq!(r.tickets[0].resolution.unwrap().status, Status::Breached);
}

#[test]
fn pauses_push_the_due_time_back() {
    // 8 business hours over 09:00–17:00 from Mon 2026-01-05 09:00. Paused Mon 13:00 → Tue 10:00 (4 h + 1 h = 5 business
    // hours). The clock runs 09:00–13:00 (4 h), stops, and needs 4 h more from Tue 10:00 → due Tue 14:00.
    // Resolved Tue 13:30: elapsed = (8 h Mon + 4.5 h Tue) − 5 h paused = 7.5 h → met with 30 min to spare.
    let r = run(&format!(
        r#"{{{NINE_TO_FIVE}, "targets": {{"P2": {{"response": {{"seconds": 3600, "clock": "business"}},
                                               "resolution": {{"seconds": 28800, "clock": "business"}}}}}},
            "tickets": [{{"id": "T", "priority": "P2", "createdAt": "2026-01-05T09:00:00Z", "firstResponseAt": "2026-01-05T09:20:00Z",
                          "resolvedAt": "2026-01-06T13:30:00Z",
                          "pauses": [{{"start": "2026-01-05T13:00:00Z", "end": "2026-01-06T10:00:00Z"}}]}}]}}"#
    ));
    let res = r.tickets[0].resolution.unwrap();
    assert_eq!(res.due_at.to_string(), "2026-01-06T14:00:00.000Z");
    assert_eq!((res.paused_seconds, res.elapsed_seconds, res.remaining_seconds), (18_000.0, 27_000.0, 1_800.0));
    assert_eq!(res.status, Status::Met);
    // Pauses stop only the resolution clock by default: the response clock ran 20 min of its 60.
    let resp = r.tickets[0].response.unwrap();
    assert_eq!((resp.elapsed_seconds, resp.paused_seconds, resp.status), (1_200.0, 0.0, Status::Met));
}

#[test]
fn pauses_can_stop_the_response_clock_too() {
    // Response target 1 calendar hour from 10:00; paused 10:15–10:45; responded 11:20. With pausesApplyTo "both":
    // elapsed 80 − 30 = 50 min, due 11:30 → met. By default: elapsed 80 min, due 11:00 → breached.
    let tickets = r#""tickets": [{"id": "T", "priority": "P1", "createdAt": "2026-01-05T10:00:00Z",
        "firstResponseAt": "2026-01-05T11:20:00Z", "resolvedAt": "2026-01-05T12:00:00Z",
        "pauses": [{"start": "2026-01-05T10:15:00Z", "end": "2026-01-05T10:45:00Z"}]}]"#;
    let both = run(&format!(
        r#"{{"targets": {{"P1": {{"response": {{"seconds": 3600}}}}}}, "pausesApplyTo": "both", {tickets}}}"#
    ));
    let r = both.tickets[0].response.unwrap();
    assert_eq!(
        (r.elapsed_seconds, r.due_at.to_string(), r.status),
        (3_000.0, "2026-01-05T11:30:00.000Z".into(), Status::Met)
    );
    let default = run(&format!(r#"{{"targets": {{"P1": {{"response": {{"seconds": 3600}}}}}}, {tickets}}}"#));
    assert_eq!(default.tickets[0].response.unwrap().status, Status::Breached);
}

#[test]
fn as_of_gives_the_running_state() {
    // 4 business hours from Mon 2026-01-05 15:00 over 09:00–17:00: 2 h Monday + 2 h Tuesday → due Tue 11:00.
    // As of Tue 10:00 the ticket is running with 3 h elapsed and 1 h left; its resolution (Tue 12:00) and a pause
    // that begins after asOf have not happened yet. A ticket created after asOf is skipped.
    let json = |as_of: &str| {
        format!(
            r#"{{{NINE_TO_FIVE}, "asOf": "{as_of}", "targets": {{"P3": {{"resolution": {{"seconds": 14400, "clock": "business"}}}}}},
                "tickets": [{{"id": "T", "priority": "P3", "createdAt": "2026-01-05T15:00:00Z", "resolvedAt": "2026-01-06T12:00:00Z",
                              "pauses": [{{"start": "2026-01-06T11:30:00Z", "end": "2026-01-06T11:45:00Z"}}]}},
                            {{"id": "later", "priority": "P3", "createdAt": "2026-01-07T09:00:00Z"}}]}}"#
        )
    };
    let r = run(&json("2026-01-06T10:00:00Z"));
    assert_eq!(r.not_yet_created, 1);
    let c = r.tickets[0].resolution.unwrap();
    assert_eq!(
        (c.status, c.completed, c.elapsed_seconds, c.remaining_seconds),
        (Status::Running, false, 10_800.0, 3_600.0)
    );
    assert_eq!(c.due_at.to_string(), "2026-01-06T11:00:00.000Z");
    assert_eq!(r.priorities[0].resolution.as_ref().unwrap().running, 1);
    assert_eq!(r.priorities[0].resolution.as_ref().unwrap().within_sla, None);
    // As of Tue 11:40 it is past due while open: breached, 40 min late, paused 10 min so far (the pause is open
    // as of then, so the due time shown is the one if the pause ended now: 11:10).
    let r = run(&json("2026-01-06T11:40:00Z"));
    let c = r.tickets[0].resolution.unwrap();
    assert_eq!(c.status, Status::Breached);
    assert_eq!(c.paused_seconds, 600.0);
    assert_eq!(c.due_at.to_string(), "2026-01-06T11:00:00.000Z");
    assert_eq!(c.late_seconds, 2_400.0);
}

#[test]
fn per_priority_compliance_mean_percentiles_and_worst_offenders() {
    // Four P1 tickets answered after 5, 10, 20 and 40 minutes against a 15-minute response target.
    // Met 2, breached 2 → 50% within SLA. Mean (5 + 10 + 20 + 40) / 4 = 18.75 min = 1 125 s.
    // Nearest rank: p50 → rank ⌈0.5 × 4⌉ = 2 → 10 min; p90 → ⌈3.6⌉ = 4 → 40 min.
    // Worst offenders: d (25 min late), then c (5 min late).
    let r = run(
        r#"{"targets": {"P1": {"response": {"seconds": 900}}, "P4": {"resolution": {"seconds": 604800}}}, "percentiles": [0.5, 0.9],
            "worstOffenders": 5, "detail": "none", "tickets": [
            {"id": "a", "priority": "P1", "createdAt": "2026-01-05T10:00:00Z", "firstResponseAt": "2026-01-05T10:05:00Z"},
            {"id": "b", "priority": "P1", "createdAt": "2026-01-05T10:00:00Z", "firstResponseAt": "2026-01-05T10:10:00Z"},
            {"id": "c", "priority": "P1", "createdAt": "2026-01-05T10:00:00Z", "firstResponseAt": "2026-01-05T10:20:00Z"},
            {"id": "d", "priority": "P1", "createdAt": "2026-01-05T10:00:00Z", "firstResponseAt": "2026-01-05T10:40:00Z"}]}"#,
    );
    assert!(r.tickets.is_empty());
    let p1 = &r.priorities[0];
    assert_eq!((p1.priority.as_str(), p1.tickets), ("P1", 4));
    let s = p1.response.as_ref().unwrap();
    assert_eq!((s.met, s.breached, s.running, s.within_sla), (2, 2, 0, Some(0.5)));
    assert_eq!(s.mean_seconds, Some(1_125.0));
    assert_eq!(s.percentiles.iter().map(|p| p.seconds).collect::<Vec<_>>(), vec![600.0, 2_400.0]);
    let ids: Vec<_> = s.worst_offenders.iter().map(|o| (o.id.as_str(), o.late_seconds)).collect();
    assert_eq!(ids, vec![("d", 1_500.0), ("c", 300.0)]);
    // P4 has targets but no tickets: listed with zero counts.
    assert_eq!(r.priorities[1].tickets, 0);
    assert_eq!(r.priorities[1].resolution.as_ref().unwrap().mean_seconds, None);
}

#[test]
fn bad_tickets_are_structured_errors() {
    let t = |tickets: &str| {
        format!(
            r#"{{"targets": {{"P1": {{"resolution": {{"seconds": 3600}}}}}}, "asOf": "2026-02-01T00:00:00Z", "tickets": {tickets}}}"#
        )
    };
    let ok =
        r#"{"id": "a", "priority": "P1", "createdAt": "2026-01-05T10:00:00Z", "resolvedAt": "2026-01-05T12:00:00Z""#;
    assert_eq!(
        err(&t(r#"[{"id": "a", "priority": "P9", "createdAt": "2026-01-05T10:00:00Z"}]"#)),
        (ErrorCode::UnknownReference, "tickets[0].priority".into())
    );
    assert_eq!(
        err(&t(&format!(
            r#"[{ok}, "pauses": [{{"start": "2026-01-05T09:00:00Z", "end": "2026-01-05T11:00:00Z"}}]}}]"#
        ))),
        (ErrorCode::OutOfRange, "tickets[0].pauses[0].start".into())
    );
    assert_eq!(
        err(&t(&format!(
            r#"[{ok}, "pauses": [{{"start": "2026-01-05T11:00:00Z", "end": "2026-01-05T13:00:00Z"}}]}}]"#
        ))),
        (ErrorCode::OutOfRange, "tickets[0].pauses[0].end".into())
    );
    assert_eq!(
        err(&t(&format!(
            r#"[{ok}, "pauses": [{{"start": "2026-01-05T11:00:00Z", "end": "2026-01-05T10:30:00Z"}}]}}]"#
        ))),
        (ErrorCode::EndBeforeStart, "tickets[0].pauses[0].end".into())
    );
    assert_eq!(
        err(&t(&format!(
            r#"[{ok}, "pauses": [{{"start": "2026-01-05T10:30:00Z", "end": "2026-01-05T11:00:00Z"}}, {{"start": "2026-01-05T10:45:00Z", "end": "2026-01-05T11:10:00Z"}}]}}]"#
        ))),
        (ErrorCode::Overlap, "tickets[0].pauses[1].start".into())
    );
    assert_eq!(
        err(&t(&format!(r#"[{ok}, "pauses": [{{"start": "2026-01-05T11:00:00Z"}}]}}]"#))),
        (ErrorCode::MissingField, "tickets[0].pauses[0].end".into())
    );
    assert_eq!(
        err(&t(
            r#"[{"id": "a", "priority": "P1", "createdAt": "2026-01-05T10:00:00Z", "resolvedAt": "2026-01-05T09:00:00Z"}]"#
        )),
        (ErrorCode::EndBeforeStart, "tickets[0].resolvedAt".into())
    );
    assert_eq!(err(&t(&format!(r#"[{ok}}}, {ok}}}]"#))), (ErrorCode::Duplicate, "tickets[1].id".into()));
    assert_eq!(err(&t("[]")), (ErrorCode::Empty, "tickets".into()));
    // An open ticket without asOf.
    assert_eq!(
        err(
            r#"{"targets": {"P1": {"resolution": {"seconds": 3600}}}, "tickets": [{"id": "a", "priority": "P1", "createdAt": "2026-01-05T10:00:00Z"}]}"#
        ),
        (ErrorCode::MissingField, "asOf".into())
    );
    // A business clock needs a calendar; a calendar needs working hours.
    let business = r#""targets": {"P1": {"resolution": {"seconds": 3600, "clock": "business"}}}, "tickets": [{"id": "a", "priority": "P1", "createdAt": "2026-01-05T10:00:00Z", "resolvedAt": "2026-01-05T12:00:00Z"}]"#;
    assert_eq!(err(&format!("{{{business}}}")), (ErrorCode::MissingField, "calendar".into()));
    assert_eq!(
        err(&format!(r#"{{{business}, "calendar": {{"workingHours": {{}}}}}}"#)),
        (ErrorCode::Empty, "calendar.workingHours".into())
    );
    assert_eq!(
        err(&format!(
            r#"{{{business}, "calendar": {{"workingHours": {{"monday": [{{"start": "17:00", "end": "09:00"}}]}}}}}}"#
        )),
        (ErrorCode::EndBeforeStart, "calendar.workingHours.monday[0].end".into())
    );
    assert_eq!(
        err(
            r#"{"targets": {"P1": {"resolution": {"seconds": 0}}}, "tickets": [{"id": "a", "priority": "P1", "createdAt": "2026-01-05T10:00:00Z"}]}"#
        ),
        (ErrorCode::OutOfRange, "targets.P1.resolution.seconds".into())
    );
    assert_eq!(
        err(r#"{"targets": {}, "tickets": [{"id": "a", "priority": "P1", "createdAt": "2026-01-05T10:00:00Z"}]}"#),
        (ErrorCode::Empty, "targets".into())
    );
    assert_eq!(
        err(&format!(
            r#"{{"targets": {{"P1": {{"resolution": {{"seconds": 60}}}}}}, "percentiles": [0], "tickets": [{ok}}}]}}"#
        )),
        (ErrorCode::OutOfRange, "percentiles[0]".into())
    );
    let zone = serde_json::from_str::<TicketInput>(
        r#"{"targets": {}, "tickets": [], "calendar": {"timeZone": "Nowhere/Special", "workingHours": {}}}"#,
    );
    assert!(zone.unwrap_err().to_string().contains("unknown_time_zone"));
}

#[test]
fn resolved_after_hours_past_the_due_time_is_breached() {
    // 8 business hours from Mon 2026-01-05 09:00 over 09:00–17:00 fall due Mon 17:00. Resolved at 18:00 the same
    // evening: the business time elapsed is still exactly 8 h (no working time after 17:00), but the due time has
    // passed, so the clock breached, 1 h (wall clock) late.
    let r = run(&format!(
        r#"{{{NINE_TO_FIVE}, "targets": {{"P2": {{"resolution": {{"seconds": 28800, "clock": "business"}}}}}},
            "tickets": [{{"id": "T", "priority": "P2", "createdAt": "2026-01-05T09:00:00Z", "resolvedAt": "2026-01-05T18:00:00Z"}}]}}"#
    ));
    let c = r.tickets[0].resolution.unwrap();
    assert_eq!(c.due_at.to_string(), "2026-01-05T17:00:00.000Z");
    assert_eq!((c.elapsed_seconds, c.remaining_seconds), (28_800.0, 0.0));
    assert_eq!((c.status, c.late_seconds), (Status::Breached, 3_600.0));
}

#[test]
fn ticket_sla_for_matches_ticket_sla() {
    use opscore::sla::tickets::{TicketOptions, ticket_sla_for};
    // The same document, split into tickets and options, gives the same report.
    let json = format!(
        r#"{{{NINE_TO_FIVE}, "asOf": "2026-01-06T12:00:00Z", "targets": {{"P2": {{"resolution": {{"seconds": 28800, "clock": "business"}}}}}},
            "tickets": [{{"id": "T", "priority": "P2", "createdAt": "2026-01-05T09:00:00Z", "resolvedAt": "2026-01-06T10:00:00Z"}},
                        {{"id": "U", "priority": "P2", "createdAt": "2026-01-05T15:00:00Z"}}]}}"#
    );
    let whole: TicketInput = serde_json::from_str(&json).unwrap();
    let options: TicketOptions = serde_json::from_str(&json).unwrap();
    assert_eq!(ticket_sla(&whole).unwrap(), ticket_sla_for(&whole.tickets, &options).unwrap());
}
