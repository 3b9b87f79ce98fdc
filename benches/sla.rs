//! SLA benchmarks (criterion). Run with `cargo bench --bench sla`.
//!
//! The two headline figures of issue 3: one year of per-minute samples (525,600) through the SLA report, and
//! 100,000 tickets against a business calendar.

use criterion::{Criterion, criterion_group, criterion_main};
use opscore::calendar::{CalendarSpec, WeeklyHours};
use opscore::sla::availability::SampleSeries;
use opscore::sla::downtime::{Convention, DowntimeQuery, allowed_downtime};
use opscore::sla::period::PeriodSpec;
use opscore::sla::report::{SlaReportInput, sla_report};
use opscore::sla::tickets::{
    ClockKind, IdColumn, Pause, PauseColumns, PriorityColumn, PriorityTargets, Target, Ticket, TicketColumns,
    TicketDetail, TicketInput, TicketOptions, TicketTable, ticket_sla, ticket_sla_columns, ticket_sla_table,
};
use opscore::time::{CalendarUnit, Timestamp, Zone};
use std::collections::BTreeMap;
use std::hint::black_box;

/// 2026-01-01T00:00:00Z.
const T0: i64 = 1_767_225_600_000;

fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millis(ms, "").unwrap()
}

fn downtime(c: &mut Criterion) {
    let q = DowntimeQuery { target: 0.999, convention: Convention::Gregorian, period: None };
    c.bench_function("allowed_downtime", |b| b.iter(|| allowed_downtime(black_box(&q))));
}

/// A year of per-minute samples with a down minute every ~1,000 minutes.
pub fn year_of_minutes() -> SlaReportInput {
    let mut up = vec![1.0; 525_600];
    for i in (0..525_600).step_by(997) {
        up[i] = 0.0;
    }
    SlaReportInput {
        target: 0.999,
        period: PeriodSpec::calendar(CalendarUnit::Year, ts(T0)),
        samples: Some(SampleSeries { start: ts(T0), step: 60.0, up: Some(up), good: None, total: None }),
        breakdown: Some(CalendarUnit::Month),
        ..SlaReportInput::default()
    }
}

fn samples(c: &mut Criterion) {
    let input = year_of_minutes();
    c.bench_function("sla_report 525,600 per-minute samples + monthly breakdown", |b| {
        b.iter(|| sla_report(black_box(&input)).unwrap())
    });
}

/// 100,000 tickets over a year, four priorities, business-hours targets in Europe/London, every tenth one paused.
fn tickets_input() -> TicketInput {
    let mut targets = BTreeMap::new();
    for (p, resp, res) in [
        ("P1", 900.0, 4.0 * 3600.0),
        ("P2", 3600.0, 8.0 * 3600.0),
        ("P3", 4.0 * 3600.0, 24.0 * 3600.0),
        ("P4", 8.0 * 3600.0, 40.0 * 3600.0),
    ] {
        let t = |s| Some(Target { seconds: s, clock: ClockKind::Business, due_in_working_hours: false });
        targets.insert(p.to_string(), PriorityTargets { response: t(resp), resolution: t(res) });
    }
    let tickets = (0..100_000i64)
        .map(|i| {
            let created = T0 + i * 313_000; // one every ~5.2 minutes across the year
            let pauses = if i % 10 == 0 {
                vec![Pause { start: ts(created + 600_000), end: Some(ts(created + 4_200_000)) }]
            } else {
                vec![]
            };
            Ticket {
                id: format!("T{i}"),
                priority: format!("P{}", 1 + i % 4),
                created_at: ts(created),
                first_response_at: Some(ts(created + (i % 7) * 700_000)),
                resolved_at: Some(ts(created + 5_000_000 + (i % 13) * 9_000_000)),
                pauses,
            }
        })
        .collect();
    TicketInput {
        tickets,
        targets,
        calendar: Some(CalendarSpec {
            time_zone: Zone::parse("Europe/London", "").unwrap(),
            working_hours: WeeklyHours::weekdays("09:00", "17:30"),
            holidays: vec!["2026-04-03".into(), "2026-12-25".into()],
        }),
        as_of: None,
        pauses_apply_to: Default::default(),
        worst_offenders: None,
        percentiles: None,
        detail: TicketDetail::None,
    }
}

/// The same tickets as columns (no ids: rows are named by number), and the options apart.
fn tickets_as_columns(input: &TicketInput) -> (TicketColumns, TicketOptions) {
    let t = &input.tickets;
    let ms = |x: Option<Timestamp>| x.map_or(f64::NAN, |v| v.millis() as f64);
    let mut offsets = vec![0.0];
    let (mut start, mut end) = (vec![], vec![]);
    for x in t {
        for p in &x.pauses {
            start.push(p.start.millis() as f64);
            end.push(ms(p.end));
        }
        offsets.push(start.len() as f64);
    }
    let names: Vec<String> = input.targets.keys().cloned().collect();
    let columns = TicketColumns {
        ids: None,
        priority: PriorityColumn::Indices(
            t.iter().map(|x| names.iter().position(|n| *n == x.priority).unwrap() as f64).collect(),
        ),
        priority_names: Some(names),
        created_at: t.iter().map(|x| x.created_at.millis() as f64).collect(),
        first_response_at: Some(t.iter().map(|x| ms(x.first_response_at)).collect()),
        resolved_at: Some(t.iter().map(|x| ms(x.resolved_at)).collect()),
        pauses: Some(PauseColumns { offsets, start, end: Some(end) }),
    };
    let options = TicketOptions {
        targets: input.targets.clone(),
        calendar: input.calendar.clone(),
        as_of: input.as_of,
        pauses_apply_to: input.pauses_apply_to,
        worst_offenders: input.worst_offenders,
        percentiles: input.percentiles.clone(),
        detail: input.detail,
    };
    (columns, options)
}

fn tickets(c: &mut Criterion) {
    let mut input = tickets_input();
    let (columns, options) = tickets_as_columns(&input);
    c.bench_function("ticket_sla_columns 100,000 tickets as columns, business calendar (summaries only)", |b| {
        b.iter(|| ticket_sla_columns(black_box(&columns), black_box(&options)).unwrap())
    });
    let mut with_ids = columns.clone();
    with_ids.ids = Some(IdColumn::List(input.tickets.iter().map(|t| t.id.clone()).collect()));
    c.bench_function("ticket_sla_columns 100,000 tickets as columns with 100,000 ids (a list)", |b| {
        b.iter(|| ticket_sla_columns(black_box(&with_ids), black_box(&options)).unwrap())
    });
    let text: String = input.tickets.iter().map(|t| t.id.as_str()).collect();
    let mut offsets = vec![0.0];
    for t in &input.tickets {
        offsets.push(offsets.last().unwrap() + t.id.len() as f64);
    }
    with_ids.ids = Some(IdColumn::Joined { text, offsets });
    c.bench_function("ticket_sla_columns 100,000 tickets as columns with 100,000 ids (one text + offsets)", |b| {
        b.iter(|| ticket_sla_columns(black_box(&with_ids), black_box(&options)).unwrap())
    });
    let table = TicketTable::from_columns(&columns).unwrap();
    c.bench_function("ticket_sla_table 100,000 prepared tickets (what-if re-run, summaries only)", |b| {
        b.iter(|| ticket_sla_table(black_box(&table), black_box(&options)).unwrap())
    });
    c.bench_function("ticket_sla 100,000 tickets as objects, business calendar (summaries only)", |b| {
        b.iter(|| ticket_sla(black_box(&input)).unwrap())
    });
    input.detail = TicketDetail::All;
    c.bench_function("ticket_sla 100,000 tickets as objects, business calendar (every ticket)", |b| {
        b.iter(|| ticket_sla(black_box(&input)).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = downtime, samples, tickets
}
criterion_main!(benches);
