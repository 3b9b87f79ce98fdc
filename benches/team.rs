//! Team-health benchmarks (criterion): one year for a 12-person team, 20,000 pages, 3,000 deployments, weekly
//! primary + secondary shifts, a toil log, surveys and four what-if scenarios, with pages, deployments and toil
//! entries as objects and as columns (the fast form bench/team.mjs times in wasm). Run with
//! `cargo bench --bench team`.

use criterion::{Criterion, criterion_group, criterion_main};
use opscore::team::dora::{Deployment, DeploymentColumns, DoraInput, dora};
use opscore::team::health::{TeamHealthInput, team_health};
use opscore::team::oncall::{OnCallInput, Page, Responder, Role, Shift, Urgency, on_call_load};
use opscore::team::pages::PageColumns;
use opscore::team::rotation::Rotation;
use opscore::team::survey::{Answer, SurveyInput};
use opscore::team::toil::{Automation, ToilEntry, ToilEntryColumns, ToilInput};
use opscore::team::whatif::Scenario;
use opscore::time::{Interval, Timestamp, Zone};
use std::hint::black_box;

const START: i64 = 1_767_571_200_000; // Monday 2026-01-05T00:00:00Z
const DAY: i64 = 86_400_000;
const ZONES: [&str; 6] =
    ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "America/Los_Angeles", "Europe/Berlin"];

/// A small deterministic generator (xorshift64*), so every run benchmarks the same data.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millis(ms, "").unwrap()
}

/// One year of team data.
pub fn year() -> TeamHealthInput {
    let mut rng = Rng(42);
    let period = Interval { start: ts(START), end: ts(START + 364 * DAY) };
    let responders: Vec<Responder> = (0..12)
        .map(|i| Responder { id: format!("r{i}"), time_zone: Zone::parse(ZONES[i % ZONES.len()], "").unwrap() })
        .collect();
    let mut shifts = Vec::new();
    for w in 0..52i64 {
        let start = START + w * 7 * DAY;
        for (k, role) in [(0, Role::Primary), (1, Role::Secondary)] {
            let r = format!("r{}", (w + k) % 12);
            shifts.push(Shift { responder: r, start: ts(start), end: ts(start + 7 * DAY), role: Some(role) });
        }
    }
    let pages: Vec<Page> = (0..20_000)
        .map(|i| {
            let at = START + (rng.next() * 364.0 * DAY as f64) as i64;
            let w = (at - START) / (7 * DAY);
            Page {
                at: ts(at),
                responder: format!("r{}", w % 12),
                urgency: Some(if rng.next() < 0.3 { Urgency::High } else { Urgency::Low }),
                acknowledged_at: (rng.next() < 0.8).then(|| ts(at + (rng.next() * 600_000.0) as i64)),
                incident_id: Some(format!("i{}", i / 4)),
                channel: None,
            }
        })
        .collect();
    let deployments: Vec<Deployment> = (0..3_000)
        .map(|i| {
            let at = START + (i as f64 / 3_000.0 * 364.0 * DAY as f64 + rng.next() * 3_600_000.0) as i64;
            let failed = rng.next() < 0.08;
            Deployment {
                id: None,
                at: ts(at),
                commit_times: Some(vec![
                    ts(at - (rng.next() * 2.0 * DAY as f64) as i64),
                    ts(at - (rng.next() * 6.0 * 3_600_000.0) as i64),
                ]),
                lead_time_seconds: None,
                failed: failed.then_some(true),
                recovered_at: failed.then(|| ts(at + (rng.next() * 4.0 * 3_600_000.0) as i64)),
                caused_incident_ids: vec![],
                rework: None,
            }
        })
        .collect();
    let mut entries = Vec::new();
    for p in 0..12 {
        for w in 0..52 {
            for category in ["manual deploys", "tickets", "access requests"] {
                entries.push(ToilEntry {
                    person: format!("r{p}"),
                    week: ts(START + w * 7 * DAY),
                    category: category.to_string(),
                    hours: (rng.next() * 60.0).round() / 10.0,
                    toil: true,
                });
            }
        }
    }
    TeamHealthInput {
        dora: Some(DoraInput {
            deployments,
            deployment_columns: None,
            incidents: vec![],
            period: Some(period),
            benchmark: Default::default(),
            median: Default::default(),
            time_zone: Zone::UTC,
        }),
        on_call: Some(OnCallInput {
            period,
            responders,
            pages,
            page_columns: None,
            shifts,
            rotation: Some(Rotation { members: 12, roles_per_shift: 2, sites: 1, shift_hours: 168.0 }),
        }),
        toil: Some(ToilInput {
            entries,
            entry_columns: None,
            shares: vec![],
            hours_per_week: Some(40.0),
            time_zone: Zone::UTC,
            automate: vec![],
        }),
        surveys: Some(SurveyInput {
            enps: (0..12).map(|i| Answer { team: "core".into(), at: ts(START), score: f64::from(i % 11) }).collect(),
            ..Default::default()
        }),
        weights: Default::default(),
        what_if: vec![
            Scenario { name: "hire two".into(), rotation_members: Some(14), ..Default::default() },
            Scenario { name: "fewer pages".into(), page_reduction: Some(0.3), ..Default::default() },
            Scenario {
                name: "automate deploys".into(),
                automate: vec![Automation { category: "manual deploys".into(), fraction: 0.2 }],
                ..Default::default()
            },
            Scenario { name: "12-hour shifts".into(), shift_hours: Some(12.0), ..Default::default() },
        ],
    }
}

/// The same year with pages, deployments and toil entries as columns (bench/team.mjs's `columnar`).
pub fn columnar(input: &TeamHealthInput) -> TeamHealthInput {
    let mut out = input.clone();
    let ms = |t: Timestamp| t.millis() as f64;
    let opt = |t: Option<Timestamp>| t.map_or(f64::NAN, ms);
    if let Some(o) = out.on_call.as_mut() {
        let pages = std::mem::take(&mut o.pages);
        let index = |id: &str| o.responders.iter().position(|r| r.id == id).unwrap() as f64;
        let incident = |p: &Page| p.incident_id.as_deref().map_or(f64::NAN, |id| id[1..].parse().unwrap());
        o.page_columns = Some(PageColumns {
            at: pages.iter().map(|p| ms(p.at)).collect(),
            responder: pages.iter().map(|p| index(&p.responder)).collect(),
            acknowledged_at: Some(pages.iter().map(|p| opt(p.acknowledged_at)).collect()),
            incident: Some(pages.iter().map(incident).collect()),
            high_urgency: Some(pages.iter().map(|p| f64::from(u8::from(p.urgency == Some(Urgency::High)))).collect()),
        });
    }
    if let Some(d) = out.dora.as_mut() {
        let ds = std::mem::take(&mut d.deployments);
        let mut offsets = vec![0.0];
        for x in &ds {
            offsets.push(offsets.last().copied().unwrap_or(0.0) + x.commit_times.as_ref().map_or(0, Vec::len) as f64);
        }
        d.deployment_columns = Some(DeploymentColumns {
            at: ds.iter().map(|x| ms(x.at)).collect(),
            commit_offsets: Some(offsets),
            commit_times: Some(ds.iter().flat_map(|x| x.commit_times.iter().flatten().map(|t| ms(*t))).collect()),
            lead_time_seconds: None,
            failed: Some(ds.iter().map(|x| x.failed.map_or(f64::NAN, |f| f64::from(u8::from(f)))).collect()),
            recovered_at: Some(ds.iter().map(|x| opt(x.recovered_at)).collect()),
            rework: None,
        });
    }
    if let Some(t) = out.toil.as_mut() {
        let entries = std::mem::take(&mut t.entries);
        let mut people: Vec<String> = entries.iter().map(|e| e.person.clone()).collect();
        people.dedup();
        let categories: Vec<String> = ["manual deploys", "tickets", "access requests"].map(String::from).to_vec();
        let at = |names: &[String], x: &str| names.iter().position(|n| n == x).unwrap() as f64;
        t.entry_columns = Some(ToilEntryColumns {
            person: Some(entries.iter().map(|e| at(&people, &e.person)).collect()),
            people: Some(people.clone()),
            week: entries.iter().map(|e| ms(e.week)).collect(),
            category: entries.iter().map(|e| at(&categories, &e.category)).collect(),
            categories,
            hours: entries.iter().map(|e| e.hours).collect(),
            toil: None,
        });
    }
    out
}

fn bench(c: &mut Criterion) {
    let input = year();
    let r = team_health(&input).unwrap();
    println!(
        "score {:.1}; {} interruptions, {} deployments",
        r.score.score,
        r.on_call.as_ref().unwrap().totals.interruptions,
        r.dora.as_ref().unwrap().deployment_frequency.deployments
    );
    c.bench_function("team_health: 1 year, 12 people, 20k pages, 3k deployments", |b| {
        b.iter(|| team_health(black_box(&input)))
    });
    let on_call = input.on_call.clone().unwrap();
    c.bench_function("on_call_load: 20k pages", |b| b.iter(|| on_call_load(black_box(&on_call))));
    let d = input.dora.clone().unwrap();
    c.bench_function("dora: 3k deployments", |b| b.iter(|| dora(black_box(&d))));

    let cols = columnar(&input);
    assert_eq!(team_health(&cols).unwrap(), r, "columns and objects disagree");
    c.bench_function("team_health, columns: 1 year, 12 people, 20k pages, 3k deployments", |b| {
        b.iter(|| team_health(black_box(&cols)))
    });
    let on_call = cols.on_call.clone().unwrap();
    c.bench_function("on_call_load, columns: 20k pages", |b| b.iter(|| on_call_load(black_box(&on_call))));
    let d = cols.dora.clone().unwrap();
    c.bench_function("dora, columns: 3k deployments", |b| b.iter(|| dora(black_box(&d))));
}

criterion_group!(benches, bench);
criterion_main!(benches);
