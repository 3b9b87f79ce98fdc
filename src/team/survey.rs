//! Surveys: Spotify squad health checks, Atlassian team health monitor ratings, eNPS and CSAT, per team and over
//! time, worst first.
//!
//! Scores are 0–100 so the instruments compare: a card scores green 100, yellow 50, red 0 (averaged over votes); an
//! Atlassian attribute scores healthy 100, bit sick 50, sick 0; eNPS (−100 to +100) maps to (eNPS + 100) / 2; CSAT
//! (a fraction) maps to CSAT × 100. CSAT itself is [`crate::sla::csat::csat`], shared with the SLA engine.

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

    // By team name (the order before the final sort, which decides).
    let mut teams: Vec<TeamSurveys> = Vec::new();
    // Sessions are sorted by (team, at), so the last write per team is its latest.
    for s in &squad {
        if let Some(t) = team_entry(&mut teams, &s.team) {
            t.squad_health = Some(s.score);
        }
    }
    for s in &atlassian {
        if let Some(t) = team_entry(&mut teams, &s.team) {
            t.atlassian = Some(s.score);
        }
    }
    for e in &enps {
        if let Some(t) = team_entry(&mut teams, &e.team) {
            t.enps = Some(e.enps);
        }
    }
    for c in &csat {
        if let Some(t) = team_entry(&mut teams, &c.team) {
            t.csat = Some(c.csat.csat);
        }
    }
    let mut teams: Vec<TeamSurveys> = teams
        .into_iter()
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

/// The standing of `name` in `teams` (kept sorted by name), added empty when it is not there yet.
fn team_entry<'t>(teams: &'t mut Vec<TeamSurveys>, name: &str) -> Option<&'t mut TeamSurveys> {
    let i = teams.binary_search_by(|t| t.team.as_str().cmp(name)).unwrap_or_else(|i| {
        let team = name.to_string();
        teams.insert(i, TeamSurveys { team, score: 0.0, squad_health: None, atlassian: None, enps: None, csat: None });
        i
    });
    teams.get_mut(i)
}

#[derive(Default)]
struct Tally {
    counts: [usize; 3],
    trends: [usize; 3],
}

/// One card or attribute in one session, tallied.
struct Item<'a> {
    key: Key<'a>,
    name: &'a str,
    tally: Tally,
    score: f64,
    change: Option<f64>,
}

fn sessions<'a>(
    rows: impl Iterator<Item = (Key<'a>, &'a str, usize, Option<Trend>)>,
    list: &str,
    field: &str,
    verdicts: [&'static str; 3],
) -> Result<Vec<Session>> {
    let mut votes = Vec::new();
    for (i, row) in rows.enumerate() {
        if row.1.trim().is_empty() {
            return Err(Error::new(
                ErrorCode::Empty,
                join_path(&index_path(list, i), field),
                format!("the {field} name is empty"),
            ));
        }
        votes.push(row);
    }
    // By (team, at, name): the votes for one item in one session are adjacent.
    crate::sort::sort_by(&mut votes, |a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    let mut items: Vec<Item<'a>> = Vec::new();
    for (key, name, level, trend) in votes {
        if !items.last().is_some_and(|it| it.key == key && it.name == name) {
            items.push(Item { key, name, tally: Tally::default(), score: 0.0, change: None });
        }
        if let Some(t) = items.last_mut().map(|it| &mut it.tally) {
            if let Some(c) = t.counts.get_mut(level) {
                *c += 1;
            }
            if let Some(tr) = trend
                && let Some(c) = t.trends.get_mut(tr as usize)
            {
                *c += 1;
            }
        }
    }
    for it in &mut items {
        let [good, middling, bad] = it.tally.counts;
        it.score = (100.0 * good as f64 + 50.0 * middling as f64) / (good + middling + bad).max(1) as f64;
    }
    // The change since the team's previous session with the item: in (team, name, at) order, the item just before.
    let mut order: Vec<usize> = (0..items.len()).collect();
    crate::sort::sort_by_key(&mut order, |&k| items.get(k).map(|it| (it.key.0, it.name, it.key.1)));
    for w in order.windows(2) {
        if let [p, c] = *w
            && let (Some(prev), Some(cur)) = (items.get(p), items.get(c))
            && (prev.key.0, prev.name) == (cur.key.0, cur.name)
        {
            let change = cur.score - prev.score;
            if let Some(cur) = items.get_mut(c) {
                cur.change = Some(change);
            }
        }
    }
    let mut out = Vec::new();
    for session in items.chunk_by(|a, b| a.key == b.key) {
        let Some(&Item { key: (team, at), .. }) = session.first() else { continue };
        let mut results = Vec::with_capacity(session.len());
        for it in session {
            let t = &it.tally;
            let [good, middling, bad] = t.counts;
            let verdict = verdicts.get(worst_majority(&t.counts)).copied().unwrap_or("");
            let trend = (t.trends.iter().sum::<usize>() > 0).then(|| match worst_majority(&t.trends) {
                0 => Trend::Improving,
                1 => Trend::Stable,
                _ => Trend::Worsening,
            });
            results.push(ItemResult {
                name: it.name.to_string(),
                votes: good + middling + bad,
                good,
                middling,
                bad,
                score: it.score,
                verdict,
                trend,
                change: it.change,
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
    let mut rows: Vec<(Key<'_>, usize)> = Vec::with_capacity(answers.len());
    for (i, a) in answers.iter().enumerate() {
        let s = whole_in(a.score, 0.0, 10.0, &join_path(&index_path("enps", i), "score"), "eNPS")?;
        let slot = if s >= 9.0 {
            0
        } else if s >= 7.0 {
            1
        } else {
            2
        };
        rows.push(((a.team.as_str(), a.at), slot));
    }
    crate::sort::sort_by(&mut rows, |a, b| a.0.cmp(&b.0));
    let mut out: Vec<Enps> = Vec::new();
    for survey in rows.chunk_by(|a, b| a.0 == b.0) {
        let Some(&((team, at), _)) = survey.first() else { continue };
        let mut c = [0usize; 3];
        for r in survey {
            if let Some(x) = c.get_mut(r.1) {
                *x += 1;
            }
        }
        let [promoters, passives, detractors] = c;
        let responses = promoters + passives + detractors;
        let enps = 100.0 * (promoters as f64 - detractors as f64) / responses.max(1) as f64;
        // In (team, at) order, the team's previous survey is the one just before.
        let change = out.last().filter(|p| p.team == team).map(|p| enps - p.enps);
        out.push(Enps { team: team.to_string(), at, responses, promoters, passives, detractors, enps, change });
    }
    Ok(out)
}

fn csat_all(answers: &[Answer]) -> Result<Vec<TeamCsat>> {
    let mut rows: Vec<(Key<'_>, usize)> =
        answers.iter().enumerate().map(|(i, a)| ((a.team.as_str(), a.at), i)).collect();
    // Stable: each survey's answers stay in the caller's order.
    crate::sort::sort_by(&mut rows, |a, b| a.0.cmp(&b.0));
    let mut out: Vec<TeamCsat> = Vec::new();
    for survey in rows.chunk_by(|a, b| a.0 == b.0) {
        let Some(&((team, at), _)) = survey.first() else { continue };
        let scores = survey.iter().map(|r| answers.get(r.1).map_or(f64::NAN, |a| a.score)).collect();
        let c = csat(&CsatInput { scores }).map_err(|e| {
            // csat() reports `scores[k]` within this group: point at the answer in the caller's list instead.
            let k =
                e.path.strip_prefix("scores[").and_then(|r| r.strip_suffix(']')).and_then(|k| k.parse::<usize>().ok());
            match k.and_then(|k| survey.get(k)) {
                Some(&(_, i)) => e.at(join_path(&index_path("csat", i), "score")),
                None => e.within("csat"),
            }
        })?;
        let change = out.last().filter(|p| p.team == team).map(|p| c.csat - p.csat.csat);
        out.push(TeamCsat { team: team.to_string(), at, csat: c, change });
    }
    Ok(out)
}
