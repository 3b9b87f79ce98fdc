#![cfg(not(target_arch = "wasm32"))]
//! Surveys: eNPS and CSAT reference examples, squad health and Atlassian ratings per team, over time, worst first.

use opscore::ErrorCode;
use opscore::team::survey::{SPOTIFY_CARDS, SurveyInput, SurveyReport, Trend, survey_health};
use serde_json::{Value, json};

fn run(v: Value) -> SurveyReport {
    survey_health(&serde_json::from_value::<SurveyInput>(v).unwrap()).unwrap()
}

fn err(v: Value) -> (ErrorCode, String) {
    let e = survey_health(&serde_json::from_value::<SurveyInput>(v).unwrap()).unwrap_err();
    (e.code, e.path.clone())
}

/// `n` answers of `score` for team `t` at `at`.
fn answers(t: &str, at: &str, counts: &[(u32, usize)]) -> Vec<Value> {
    counts.iter().flat_map(|&(s, n)| (0..n).map(move |_| json!({"team": t, "at": at, "score": s}))).collect()
}

#[test]
fn enps_reference_examples() {
    // Zenefits: 25% promoters, 55% passives, 20% detractors → 25 − 20 = +5 (20 answers: 5 × 9, 11 × 7, 4 × 3).
    // 60 / 25 / 15 → +45 (20 answers: 12 × 10, 5 × 8, 3 × 0), a later survey of the same team.
    let mut a = answers("core", "2026-01-15T00:00:00Z", &[(9, 5), (7, 11), (3, 4)]);
    a.extend(answers("core", "2026-04-15T00:00:00Z", &[(10, 12), (8, 5), (0, 3)]));
    let r = run(json!({"enps": a}));
    let (first, second) = (&r.enps[0], &r.enps[1]);
    assert_eq!((first.responses, first.promoters, first.passives, first.detractors), (20, 5, 11, 4));
    assert!((first.enps - 5.0).abs() < 1e-12);
    assert!((second.enps - 45.0).abs() < 1e-12);
    assert!((second.change.unwrap() - 40.0).abs() < 1e-12);
    // 6 is a detractor, 7 a passive, 9 a promoter (the boundaries).
    let r = run(json!({"enps": answers("t", "2026-01-01T00:00:00Z", &[(6, 1), (7, 1), (8, 1), (9, 1)])}));
    assert_eq!((r.enps[0].promoters, r.enps[0].passives, r.enps[0].detractors), (1, 2, 1));
    // The team score maps eNPS to (eNPS + 100) / 2: (0 + 100) / 2 = 50.
    assert_eq!(r.teams[0].score, 50.0);
}

#[test]
fn csat_reuses_the_sla_engine() {
    // Intercom: 10 × 5, 20 × 4, 10 × 3, 5 × 2, 5 × 1 → (10 + 20) / 50 = 60%.
    let a = answers("support", "2026-02-01T00:00:00Z", &[(5, 10), (4, 20), (3, 10), (2, 5), (1, 5)]);
    let r = run(json!({"csat": a}));
    let c = &r.csat[0];
    assert_eq!((c.csat.responses, c.csat.satisfied, c.csat.distribution), (50, 30, [5, 5, 10, 20, 10]));
    assert!((c.csat.csat - 0.6).abs() < 1e-12);
    assert!((r.teams[0].score - 60.0).abs() < 1e-9);
}

#[test]
fn squad_health_cards_worst_first_with_trend() {
    // Session 1 (January), team "payments": Tech quality 1 green, 2 red → (100 + 0 + 0) / 3 = 33.3, verdict red;
    // Fun 3 green → 100. Session 2 (April): Tech quality 2 yellow 1 green → (50 + 50 + 100) / 3 = 66.7, change +33.3.
    let v = |at: &str, card: &str, vote: &str, trend: Option<&str>| {
        let mut x = json!({"team": "payments", "at": at, "card": card, "vote": vote});
        if let Some(t) = trend {
            x["trend"] = json!(t);
        }
        x
    };
    let (jan, apr) = ("2026-01-10T10:00:00Z", "2026-04-10T10:00:00Z");
    let votes = vec![
        v(jan, "Tech quality", "green", Some("worsening")),
        v(jan, "Tech quality", "red", Some("worsening")),
        v(jan, "Tech quality", "red", Some("stable")),
        v(jan, "Fun", "green", None),
        v(jan, "Fun", "green", None),
        v(jan, "Fun", "green", None),
        v(apr, "Tech quality", "yellow", Some("improving")),
        v(apr, "Tech quality", "yellow", Some("stable")),
        v(apr, "Tech quality", "green", None),
    ];
    let r = run(json!({"squadHealth": votes}));
    assert_eq!(r.squad_health.len(), 2);
    let s1 = &r.squad_health[0];
    assert_eq!(s1.items[0].name, "Tech quality"); // worst first
    assert!((s1.items[0].score - 100.0 / 3.0).abs() < 1e-9);
    assert_eq!(s1.items[0].verdict, "red");
    assert_eq!(s1.items[0].trend, Some(Trend::Worsening));
    assert_eq!((s1.items[1].name.as_str(), s1.items[1].score, s1.items[1].trend), ("Fun", 100.0, None));
    // Session score: (33.3 + 100) / 2 = 66.7.
    assert!((s1.score - 200.0 / 3.0).abs() < 1e-9);
    let s2 = &r.squad_health[1];
    assert!((s2.items[0].change.unwrap() - 100.0 / 3.0).abs() < 1e-9);
    // Tied arrows (1 improving, 1 stable) go to the worse one: stable. Tied colours likewise: yellow over green.
    assert_eq!(s2.items[0].trend, Some(Trend::Stable));
    assert_eq!(s2.items[0].verdict, "yellow");
    // The team's latest squad-health score is April's: 66.7.
    assert!((r.teams[0].squad_health.unwrap() - 200.0 / 3.0).abs() < 1e-9);
    assert_eq!(SPOTIFY_CARDS.len(), 11);
}

#[test]
fn atlassian_ratings_and_teams_worst_first() {
    // Team "ops": Balanced team healthy + sick → 50; Service levels bit sick ×2 → 50; team score 50.
    // Team "web": Service mandate healthy → 100. Teams worst first: ops, then web. Overall (50 + 100) / 2 = 75.
    let at = "2026-03-01T00:00:00Z";
    let r = run(json!({"atlassian": [
        {"team": "ops", "at": at, "attribute": "Balanced team", "rating": "healthy"},
        {"team": "ops", "at": at, "attribute": "Balanced team", "rating": "sick"},
        {"team": "ops", "at": at, "attribute": "Service levels", "rating": "bitSick"},
        {"team": "ops", "at": at, "attribute": "Service levels", "rating": "bitSick"},
        {"team": "web", "at": at, "attribute": "Service mandate", "rating": "healthy"}
    ]}));
    assert_eq!(r.atlassian[0].team, "ops");
    assert_eq!(r.atlassian[0].items[0].verdict, "sick"); // Balanced team: 1 healthy, 1 sick → tie → sick
    assert_eq!(r.atlassian[0].items[1].verdict, "bitSick");
    assert_eq!(r.atlassian[0].score, 50.0);
    assert_eq!(r.teams.iter().map(|t| t.team.as_str()).collect::<Vec<_>>(), ["ops", "web"]);
    assert_eq!(r.score, 75.0);
}

#[test]
fn answers_outside_their_scale_are_errors() {
    let at = "2026-03-01T00:00:00Z";
    let cases: Vec<(Value, ErrorCode, &str)> = vec![
        (json!({}), ErrorCode::Empty, ""),
        (json!({"enps": [{"team": "t", "at": at, "score": 11}]}), ErrorCode::OutOfRange, "enps[0].score"),
        (json!({"enps": [{"team": "t", "at": at, "score": 7.5}]}), ErrorCode::OutOfRange, "enps[0].score"),
        (json!({"enps": [{"team": "t", "at": at, "score": -1}]}), ErrorCode::OutOfRange, "enps[0].score"),
        // CSAT errors come from crate::sla::csat, re-pointed at the caller's list: the third answer (index 2),
        // which is the second in its team's group.
        (
            json!({"csat": [{"team": "a", "at": at, "score": 5}, {"team": "b", "at": at, "score": 4}, {"team": "a", "at": at, "score": 0}]}),
            ErrorCode::OutOfRange,
            "csat[2].score",
        ),
        (
            json!({"squadHealth": [{"team": "t", "at": at, "card": " ", "vote": "green"}]}),
            ErrorCode::Empty,
            "squadHealth[0].card",
        ),
    ];
    for (input, code, path) in cases {
        assert_eq!(err(input.clone()), (code, path.to_string()), "{input}");
    }
    let e = serde_json::from_value::<SurveyInput>(
        json!({"squadHealth": [{"team": "t", "at": at, "card": "Fun", "vote": "blue"}]}),
    )
    .unwrap_err();
    assert!(e.to_string().contains("unknown variant"), "{e}");
}
