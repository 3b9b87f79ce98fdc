//! Tickets as columns: the two forms of the id column (a list, or one text with offsets) and their errors.
#![cfg(not(target_arch = "wasm32"))]

use opscore::ErrorCode;
use opscore::sla::tickets::{
    IdColumn, PauseColumns, PriorityColumn, Ticket, TicketColumns, TicketInput, TicketOptions, TicketReport,
    TicketTable, ticket_sla, ticket_sla_columns, ticket_sla_for, ticket_sla_table,
};
use opscore::time::Timestamp;

const OPTIONS: &str = r#"{"targets": {"P1": {"response": {"seconds": 600}}}, "asOf": "2026-01-01T01:00:00Z"}"#;

fn options() -> TicketOptions {
    serde_json::from_str(OPTIONS).unwrap()
}

/// Three P1 tickets created at 00:00 UTC on 2026-01-01 (epoch 1,767,225,600,000 ms), answered after 5, 15 and 30
/// minutes against a 10-minute response target: the first met, the second 5 minutes late, the third 20.
fn columns(ids: serde_json::Value) -> TicketColumns {
    serde_json::from_value(serde_json::json!({
        "ids": ids,
        "priority": ["P1", "P1", "P1"],
        "createdAt": [1_767_225_600_000.0, 1_767_225_600_000.0, 1_767_225_600_000.0],
        "firstResponseAt": [1_767_225_900_000.0, 1_767_226_500_000.0, 1_767_227_400_000.0],
    }))
    .unwrap()
}

fn run(ids: serde_json::Value) -> TicketReport {
    ticket_sla_columns(&columns(ids), &options()).unwrap_or_else(|e| panic!("{e}"))
}

fn err(ids: serde_json::Value) -> (ErrorCode, String) {
    let e = ticket_sla_columns(&columns(ids), &options()).unwrap_err();
    (e.code, e.path.clone())
}

#[test]
fn ids_as_a_list_or_as_one_text_give_the_report_of_the_objects() {
    let objects: TicketInput = serde_json::from_str(&format!(
        r#"{{"tickets": [
            {{"id": "A-1", "priority": "P1", "createdAt": "2026-01-01T00:00:00Z", "firstResponseAt": "2026-01-01T00:05:00Z"}},
            {{"id": "Zoë", "priority": "P1", "createdAt": "2026-01-01T00:00:00Z", "firstResponseAt": "2026-01-01T00:15:00Z"}},
            {{"id": "😀", "priority": "P1", "createdAt": "2026-01-01T00:00:00Z", "firstResponseAt": "2026-01-01T00:30:00Z"}}
        ], {}"#,
        &OPTIONS[1..]
    ))
    .unwrap();
    let want = ticket_sla(&objects).unwrap();
    // Worst first: "😀" 20 minutes late, then "Zoë" 5.
    let late: Vec<_> = want.priorities[0]
        .response
        .as_ref()
        .unwrap()
        .worst_offenders
        .iter()
        .map(|o| (o.id.as_str(), o.late_seconds))
        .collect();
    assert_eq!(late, vec![("😀", 1200.0), ("Zoë", 300.0)]);
    assert_eq!(run(serde_json::json!(["A-1", "Zoë", "😀"])), want);
    // UTF-16 offsets: "A-1" is 3 code units, "Zoë" 3 ("ë" is one unit), "😀" 2 (a surrogate pair): 0, 3, 6, 8.
    assert_eq!(run(serde_json::json!({"text": "A-1Zoë😀", "offsets": [0, 3, 6, 8]})), want);
    let joined = IdColumn::Joined { text: "A-1Zoë😀".into(), offsets: vec![0.0, 3.0, 6.0, 8.0] };
    assert_eq!(
        serde_json::to_value(&joined).unwrap(),
        serde_json::json!({"text": "A-1Zoë😀", "offsets": [0.0, 3.0, 6.0, 8.0]})
    );
}

#[test]
fn an_empty_id_is_an_id() {
    let r = run(serde_json::json!({"text": "ab", "offsets": [0, 0, 1, 2]}));
    let ids: Vec<_> = r.tickets.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, vec!["", "a", "b"]);
}

#[test]
fn duplicate_ids_name_the_second_row_in_either_form() {
    assert_eq!(err(serde_json::json!(["a", "b", "a"])), (ErrorCode::Duplicate, "tickets.ids[2]".into()));
    assert_eq!(
        err(serde_json::json!({"text": "abb", "offsets": [0, 1, 2, 3]})),
        (ErrorCode::Duplicate, "tickets.ids[2]".into())
    );
    assert_eq!(
        err(serde_json::json!({"text": "a", "offsets": [0, 0, 0, 1]})),
        (ErrorCode::Duplicate, "tickets.ids[1]".into())
    );
    let e = ticket_sla_columns(&columns(serde_json::json!(["x", "x", "y"])), &options()).unwrap_err();
    assert_eq!(e.message, "the ticket id \"x\" appears twice");
}

#[test]
fn bad_id_columns_are_structured_errors() {
    let out = |path: &str| (ErrorCode::OutOfRange, path.to_string());
    // A list with a wrong length.
    assert_eq!(err(serde_json::json!(["a", "b"])), out("tickets.ids"));
    // Offsets: one more than tickets (4 here), starting at 0, never decreasing, ending at the text's length.
    assert_eq!(err(serde_json::json!({"text": "abc", "offsets": [0, 1, 3]})), out("tickets.ids.offsets"));
    assert_eq!(err(serde_json::json!({"text": "abc", "offsets": [1, 1, 2, 3]})), out("tickets.ids.offsets[0]"));
    assert_eq!(err(serde_json::json!({"text": "abc", "offsets": [0, 2, 1, 3]})), out("tickets.ids.offsets[2]"));
    assert_eq!(err(serde_json::json!({"text": "abc", "offsets": [0, 1, 2, 4]})), out("tickets.ids.offsets[3]"));
    assert_eq!(err(serde_json::json!({"text": "abcd", "offsets": [0, 1, 2, 3]})), out("tickets.ids.offsets[3]"));
    assert_eq!(err(serde_json::json!({"text": "abc", "offsets": [0, 1.5, 2, 3]})), out("tickets.ids.offsets[1]"));
    assert_eq!(err(serde_json::json!({"text": "abc", "offsets": [0, -1, 2, 3]})), out("tickets.ids.offsets[1]"));
    // "😀" is two UTF-16 code units: an offset of 1 would cut it in two.
    assert_eq!(err(serde_json::json!({"text": "😀ab", "offsets": [0, 1, 3, 4]})), out("tickets.ids.offsets[1]"));
    // Both parts are needed.
    for bad in [serde_json::json!({"text": "abc"}), serde_json::json!({"offsets": [0, 1, 2, 3]}), serde_json::json!(3)]
    {
        let c = serde_json::json!({"ids": bad, "priority": ["P1"], "createdAt": [0.0]});
        assert!(serde_json::from_value::<TicketColumns>(c).is_err());
    }
}

/// The tickets' fields copied into columns, as the JS binding's fast reader of ticket objects does.
fn object_columns(tickets: &[Ticket]) -> TicketColumns {
    let ms = |x: Option<Timestamp>| x.map_or(f64::NAN, |v| v.millis() as f64);
    let mut names: Vec<String> = vec![];
    let mut priority = vec![];
    for t in tickets {
        let k = names.iter().position(|n| *n == t.priority).unwrap_or_else(|| {
            names.push(t.priority.clone());
            names.len() - 1
        });
        priority.push(k as f64);
    }
    let (mut offsets, mut start, mut end) = (vec![0.0], vec![], vec![]);
    for t in tickets {
        for p in &t.pauses {
            start.push(p.start.millis() as f64);
            end.push(ms(p.end));
        }
        offsets.push(start.len() as f64);
    }
    TicketColumns {
        ids: Some(IdColumn::List(tickets.iter().map(|t| t.id.clone()).collect())),
        priority: PriorityColumn::Indices(priority),
        priority_names: Some(names),
        created_at: tickets.iter().map(|t| t.created_at.millis() as f64).collect(),
        first_response_at: Some(tickets.iter().map(|t| ms(t.first_response_at)).collect()),
        resolved_at: Some(tickets.iter().map(|t| ms(t.resolved_at)).collect()),
        pauses: Some(PauseColumns { offsets, start, end: Some(end) }),
    }
}

#[test]
fn objects_read_as_columns_keep_the_object_forms_results_and_errors() {
    let good: Vec<Ticket> = serde_json::from_str(
        r#"[
        {"id": "a", "priority": "P1", "createdAt": "2026-01-01T00:00:00Z", "firstResponseAt": "2026-01-01T00:05:00Z"},
        {"id": "b", "priority": "P1", "createdAt": "2026-01-01T00:00:00Z", "firstResponseAt": "2026-01-01T00:30:00Z",
         "pauses": [{"start": "2026-01-01T00:10:00Z", "end": "2026-01-01T00:20:00Z"}]},
        {"id": "c", "priority": "P1", "createdAt": "2026-01-01T00:00:00Z"}
    ]"#,
    )
    .unwrap();
    let both = |tickets: &[Ticket]| {
        let cols = object_columns(tickets);
        let table = TicketTable::from_object_columns(&cols).unwrap();
        (ticket_sla_table(&table, &options()), ticket_sla_for(tickets, &options()))
    };
    let (fast, general) = both(&good);
    assert_eq!(fast.unwrap(), general.unwrap());
    let spoil: [fn(&mut Vec<Ticket>); 5] = [
        |t| t[2].id = "a".into(),
        |t| t[1].priority = "P9".into(),
        |t| t[0].first_response_at = Some(Timestamp::from_millis(t[0].created_at.millis() - 1, "").unwrap()),
        |t| t[1].resolved_at = Some(Timestamp::from_millis(t[1].created_at.millis() + 900_000, "").unwrap()),
        |t| t[1].pauses[0].start = Timestamp::from_millis(t[1].created_at.millis() - 1, "").unwrap(),
    ];
    for (k, f) in spoil.iter().enumerate() {
        let mut t = good.clone();
        f(&mut t);
        let (fast, general) = both(&t);
        let (fast, general) = (fast.unwrap_err(), general.unwrap_err());
        assert_eq!(fast, general, "case {k}");
        assert!(fast.path.starts_with("tickets["), "case {k}: {}", fast.path);
    }
    // A time outside 1900–2200 is left to the object reader, for its own error.
    let mut cols = object_columns(&good);
    cols.created_at[1] = 1e20;
    assert!(TicketTable::from_object_columns(&cols).is_none());
}
