//! Surveys: Spotify squad health checks, Atlassian team health monitor ratings, eNPS and CSAT, per team and over
//! time, worst first.
//!
//! Scores are 0–100 so the instruments compare: a card scores green 100, yellow 50, red 0 (averaged over votes); an
//! Atlassian attribute scores healthy 100, bit sick 50, sick 0; eNPS (−100 to +100) maps to (eNPS + 100) / 2; CSAT
//! (a fraction) maps to CSAT × 100. CSAT itself is [`crate::sla::csat::csat`], shared with the SLA engine.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::sla::csat::{Csat, CsatInput, csat};
use crate::time::Timestamp;

/// The cards of Spotify's squad health check (2014). Other card names are accepted too.
pub const SPOTIFY_CARDS: [&str; 11] = [
    "Easy to release",
    "Suitable process",
    "Tech quality",
    "Value",
    "Speed",
    "Mission",
    "Fun",
    "Learning",
    "Support",
    "Pawns or players",
    "Teamwork",
];

/// The attributes of Atlassian's team health monitor for service teams. Other names are accepted too.
pub const ATLASSIAN_SERVICE_ATTRIBUTES: [&str; 8] = [
    "Team leadership",
    "Balanced team",
    "Service mandate",
    "Service levels",
    "Customer centricity",
    "Tools and processes",
    "Effective partnerships",
    "Reporting and analytics",
];

/// A squad-health-check vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Vote {
    /// Happy with this.
    Green,
    /// Some problems.
    Yellow,
    /// Really not good.
    Red,
}

/// A trend arrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Trend {
    /// Getting better.
    Improving,
    /// Not changing.
    Stable,
    /// Getting worse.
    Worsening,
}

/// One person's vote on one card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SquadVote {
    /// The team.
    pub team: String,
    /// When the session took place; votes with the same team and `at` form one session.
    pub at: Timestamp,
    /// The card, such as "Easy to release".
    pub card: String,
    /// The colour.
    pub vote: Vote,
    /// The trend arrow, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
}

/// An Atlassian rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Rating {
    /// Healthy.
    Healthy,
    /// A bit sick.
    BitSick,
    /// Sick.
    Sick,
}

/// One person's rating of one attribute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AttributeRating {
    /// The team.
    pub team: String,
    /// When the session took place.
    pub at: Timestamp,
    /// The attribute, such as "Balanced team".
    pub attribute: String,
    /// The rating.
    pub rating: Rating,
}

/// One numeric answer (eNPS on 0–10, CSAT on 1–5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    /// The team.
    pub team: String,
    /// When the survey ran.
    pub at: Timestamp,
    /// The answer.
    pub score: f64,
}

/// Input of [`survey_health`]. Every list is optional; at least one answer is needed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SurveyInput {
    /// Squad-health-check votes.
    #[serde(default)]
    pub squad_health: Vec<SquadVote>,
    /// Atlassian ratings.
    #[serde(default)]
    pub atlassian: Vec<AttributeRating>,
    /// eNPS answers, whole numbers 0–10.
    #[serde(default)]
    pub enps: Vec<Answer>,
    /// CSAT answers, whole numbers 1–5.
    #[serde(default)]
    pub csat: Vec<Answer>,
}

/// One card (or attribute) in one session.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemResult {
    /// The card or attribute.
    pub name: String,
    /// Votes or ratings.
    pub votes: usize,
    /// Green votes, or healthy ratings.
    pub good: usize,
    /// Yellow votes, or bit-sick ratings.
    pub middling: usize,
    /// Red votes, or sick ratings.
    pub bad: usize,
    /// 0–100: good 100, middling 50, bad 0, averaged.
    pub score: f64,
    /// The majority colour ("green", "yellow", "red", or "healthy", "bitSick", "sick"); a tie goes to the worse.
    pub verdict: &'static str,
    /// The majority trend arrow among votes that gave one (ties go to the worse); squad health only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
    /// The score change since the team's previous session with this item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<f64>,
}

/// One session of squad health or Atlassian ratings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    /// The team.
    pub team: String,
    /// When.
    pub at: Timestamp,
    /// The mean of the item scores, 0–100.
    pub score: f64,
    /// Items, worst first.
    pub items: Vec<ItemResult>,
}

/// eNPS for one team and survey.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Enps {
    /// The team.
    pub team: String,
    /// When.
    pub at: Timestamp,
    /// Answers.
    pub responses: usize,
    /// 9–10.
    pub promoters: usize,
    /// 7–8.
    pub passives: usize,
    /// 0–6.
    pub detractors: usize,
    /// % promoters − % detractors, −100 to +100.
    pub enps: f64,
    /// The change since the team's previous survey.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<f64>,
}

/// CSAT for one team and survey.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamCsat {
    /// The team.
    pub team: String,
    /// When.
    pub at: Timestamp,
    /// The result of [`crate::sla::csat::csat`].
    #[serde(flatten)]
    pub csat: Csat,
    /// The change in the CSAT fraction since the team's previous survey.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<f64>,
}

/// A team's latest standing.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamSurveys {
    /// The team.
    pub team: String,
    /// The mean of its latest instrument scores, 0–100.
    pub score: f64,
    /// Latest squad-health score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub squad_health: Option<f64>,
    /// Latest Atlassian score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub atlassian: Option<f64>,
    /// Latest eNPS (−100 to +100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enps: Option<f64>,
    /// Latest CSAT fraction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat: Option<f64>,
}

/// Result of [`survey_health`]. Sessions are ordered by team, then time.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SurveyReport {
    /// Squad-health sessions.
    pub squad_health: Vec<Session>,
    /// Atlassian sessions.
    pub atlassian: Vec<Session>,
    /// eNPS per team and survey.
    pub enps: Vec<Enps>,
    /// CSAT per team and survey.
    pub csat: Vec<TeamCsat>,
    /// Teams, worst first.
    pub teams: Vec<TeamSurveys>,
    /// The mean of the team scores, 0–100: the survey part of the team-health score.
    pub score: f64,
}

type Key<'a> = (&'a str, Timestamp);

/// Aggregate surveys. Errors: nothing at all to aggregate; an empty card or attribute name; an eNPS answer that is
/// not a whole number from 0 to 10; a CSAT answer that is not a whole number from 1 to 5.
pub fn survey_health(input: &SurveyInput) -> Result<SurveyReport> {
    for (name, len) in [
        ("squadHealth", input.squad_health.len()),
        ("atlassian", input.atlassian.len()),
        ("enps", input.enps.len()),
        ("csat", input.csat.len()),
    ] {
        check::max_len(len, name)?;
    }
    if input.squad_health.is_empty() && input.atlassian.is_empty() && input.enps.is_empty() && input.csat.is_empty() {
        return Err(Error::new(
            ErrorCode::Empty,
            "",
            "give squadHealth votes, atlassian ratings, enps or csat answers",
        ));
    }
    let squad = sessions(
        input.squad_health.iter().map(|v| ((v.team.as_str(), v.at), v.card.as_str(), v.vote as usize, v.trend)),
        "squadHealth",
        "card",
        ["green", "yellow", "red"],
    )?;
    let atlassian = sessions(
        input.atlassian.iter().map(|r| ((r.team.as_str(), r.at), r.attribute.as_str(), r.rating as usize, None)),
        "atlassian",
        "attribute",
        ["healthy", "bitSick", "sick"],
    )?;
    let enps = enps_all(&input.enps)?;
    let csat = csat_all(&input.csat)?;

    let mut teams: BTreeMap<&str, TeamSurveys> = BTreeMap::new();
    let team = |name: &str| -> TeamSurveys {
        TeamSurveys { team: name.to_string(), score: 0.0, squad_health: None, atlassian: None, enps: None, csat: None }
    };
    // Sessions are sorted by (team, at), so the last write per team is its latest.
    for s in &squad {
        teams.entry(&s.team).or_insert_with(|| team(&s.team)).squad_health = Some(s.score);
    }
    for s in &atlassian {
        teams.entry(&s.team).or_insert_with(|| team(&s.team)).atlassian = Some(s.score);
    }
    for e in &enps {
        teams.entry(&e.team).or_insert_with(|| team(&e.team)).enps = Some(e.enps);
    }
    for c in &csat {
        teams.entry(&c.team).or_insert_with(|| team(&c.team)).csat = Some(c.csat.csat);
    }
    let mut teams: Vec<TeamSurveys> = teams
        .into_values()
        .map(|mut t| {
            let parts: Vec<f64> =
                [t.squad_health, t.atlassian, t.enps.map(|e| (e + 100.0) / 2.0), t.csat.map(|c| c * 100.0)]
                    .into_iter()
                    .flatten()
                    .collect();
            t.score = parts.iter().sum::<f64>() / parts.len().max(1) as f64;
            t
        })
        .collect();
    crate::sort::sort_by(&mut teams, |a, b| a.score.total_cmp(&b.score).then_with(|| a.team.cmp(&b.team)));
    let score = teams.iter().map(|t| t.score).sum::<f64>() / teams.len().max(1) as f64;
    Ok(SurveyReport { squad_health: squad, atlassian, enps, csat, teams, score })
}

#[derive(Default)]
struct Tally {
    counts: [usize; 3],
    trends: [usize; 3],
}

fn sessions<'a>(
    rows: impl Iterator<Item = (Key<'a>, &'a str, usize, Option<Trend>)>,
    list: &str,
    field: &str,
    verdicts: [&'static str; 3],
) -> Result<Vec<Session>> {
    let mut map: BTreeMap<Key<'a>, BTreeMap<&'a str, Tally>> = BTreeMap::new();
    for (i, (key, name, level, trend)) in rows.enumerate() {
        if name.trim().is_empty() {
            return Err(Error::new(
                ErrorCode::Empty,
                join_path(&index_path(list, i), field),
                format!("the {field} name is empty"),
            ));
        }
        let t = map.entry(key).or_default().entry(name).or_default();
        if let Some(c) = t.counts.get_mut(level) {
            *c += 1;
        }
        if let Some(tr) = trend
            && let Some(c) = t.trends.get_mut(tr as usize)
        {
            *c += 1;
        }
    }
    let mut out = Vec::with_capacity(map.len());
    let mut previous: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    for ((team, at), items) in map {
        let mut results = Vec::with_capacity(items.len());
        for (name, t) in items {
            let [good, middling, bad] = t.counts;
            let votes = good + middling + bad;
            let score = (100.0 * good as f64 + 50.0 * middling as f64) / votes.max(1) as f64;
            let verdict = verdicts.get(worst_majority(&t.counts)).copied().unwrap_or("");
            let trend = (t.trends.iter().sum::<usize>() > 0).then(|| match worst_majority(&t.trends) {
                0 => Trend::Improving,
                1 => Trend::Stable,
                _ => Trend::Worsening,
            });
            let change = previous.insert((team, name), score).map(|p| score - p);
            results.push(ItemResult {
                name: name.to_string(),
                votes,
                good,
                middling,
                bad,
                score,
                verdict,
                trend,
                change,
            });
        }
        crate::sort::sort_by(&mut results, |a, b| a.score.total_cmp(&b.score).then_with(|| a.name.cmp(&b.name)));
        let score = results.iter().map(|r| r.score).sum::<f64>() / results.len().max(1) as f64;
        out.push(Session { team: team.to_string(), at, score, items: results });
    }
    Ok(out)
}

/// The index with the most counts; on a tie, the later (worse) index.
fn worst_majority(counts: &[usize; 3]) -> usize {
    let mut best = 0;
    for (i, c) in counts.iter().enumerate() {
        if counts.get(best).is_some_and(|b| c >= b) {
            best = i;
        }
    }
    best
}

fn whole_in(score: f64, lo: f64, hi: f64, path: &str, what: &str) -> Result<f64> {
    let s = check::finite(score, path)?;
    if s.fract() != 0.0 || !(lo..=hi).contains(&s) {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            path,
            format!(
                "{what} answers are whole numbers from {} to {}, got {}",
                crate::num::Num(lo),
                crate::num::Num(hi),
                crate::num::Num(s)
            ),
        ));
    }
    Ok(s)
}

fn enps_all(answers: &[Answer]) -> Result<Vec<Enps>> {
    let mut map: BTreeMap<Key<'_>, [usize; 3]> = BTreeMap::new();
    for (i, a) in answers.iter().enumerate() {
        let s = whole_in(a.score, 0.0, 10.0, &join_path(&index_path("enps", i), "score"), "eNPS")?;
        let c = map.entry((a.team.as_str(), a.at)).or_default();
        let slot = if s >= 9.0 {
            0
        } else if s >= 7.0 {
            1
        } else {
            2
        };
        if let Some(x) = c.get_mut(slot) {
            *x += 1;
        }
    }
    let mut previous: BTreeMap<&str, f64> = BTreeMap::new();
    Ok(map
        .into_iter()
        .map(|((team, at), [promoters, passives, detractors])| {
            let responses = promoters + passives + detractors;
            let enps = 100.0 * (promoters as f64 - detractors as f64) / responses.max(1) as f64;
            let change = previous.insert(team, enps).map(|p| enps - p);
            Enps { team: team.to_string(), at, responses, promoters, passives, detractors, enps, change }
        })
        .collect())
}

fn csat_all(answers: &[Answer]) -> Result<Vec<TeamCsat>> {
    let mut map: BTreeMap<Key<'_>, (Vec<f64>, Vec<usize>)> = BTreeMap::new();
    for (i, a) in answers.iter().enumerate() {
        let g = map.entry((a.team.as_str(), a.at)).or_default();
        g.0.push(a.score);
        g.1.push(i);
    }
    let mut previous: BTreeMap<&str, f64> = BTreeMap::new();
    let mut out = Vec::with_capacity(map.len());
    for ((team, at), (scores, origin)) in map {
        let c = csat(&CsatInput { scores }).map_err(|e| {
            // csat() reports `scores[k]` within this group: point at the answer in the caller's list instead.
            let k =
                e.path.strip_prefix("scores[").and_then(|r| r.strip_suffix(']')).and_then(|k| k.parse::<usize>().ok());
            match k.and_then(|k| origin.get(k)) {
                Some(&i) => e.at(join_path(&index_path("csat", i), "score")),
                None => e.within("csat"),
            }
        })?;
        let change = previous.insert(team, c.csat).map(|p| c.csat - p);
        out.push(TeamCsat { team: team.to_string(), at, csat: c, change });
    }
    Ok(out)
}
