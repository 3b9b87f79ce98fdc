//! Toil: the share of engineering time spent on manual, repetitive operational work, against the SRE book's 50%
//! cap (Google's measured average is about 33%), its trend, and the time that automating a category would free.
//!
//! Two input forms, which may be mixed:
//! - `entries`: hours logged per person, week and category, each category toil or not;
//! - `shares`: a toil fraction per person and week, when only a percentage is known.
//!
//! A person-week's share is toil hours / `hoursPerWeek` when that capacity is given ("capacity" basis), and toil
//! hours / all hours logged that week otherwise ("logged" basis). The overall share is the mean over person-weeks,
//! each counting once. Weeks are ISO weeks (Monday 00:00) in `timeZone`; the trend is the least-squares slope of
//! the weekly mean share, in fraction points per week.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::stats::slope;
pub use super::toil_columns::ToilEntryColumns;
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::fx::FxMap;
use crate::time::{Timestamp, Zone};

/// The SRE book's cap on toil.
pub const TOIL_CAP: f64 = 0.5;
/// Google's measured average share of toil.
pub const GOOGLE_AVERAGE: f64 = 0.33;

pub(crate) fn yes() -> bool {
    true
}

/// Hours logged in one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ToilEntry {
    /// Who; one anonymous person when absent.
    #[serde(default)]
    pub person: String,
    /// Any instant in the week (the ISO week containing it, in `timeZone`).
    pub week: Timestamp,
    /// The category, such as "manual deploys" or "ticket triage".
    pub category: String,
    /// Hours, ≥ 0.
    pub hours: f64,
    /// Whether the category is toil; true when absent. Log engineering work with `toil: false`.
    #[serde(default = "yes")]
    pub toil: bool,
}

/// A toil fraction for one person-week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ToilShare {
    /// Who; one anonymous person when absent.
    #[serde(default)]
    pub person: String,
    /// Any instant in the week.
    pub week: Timestamp,
    /// The fraction of that week spent on toil, from 0 to 1.
    pub toil_fraction: f64,
}

/// Automate a fraction of one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Automation {
    /// The toil category.
    pub category: String,
    /// The fraction of its hours automation removes, from 0 to 1.
    pub fraction: f64,
}

/// Input of [`toil`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ToilInput {
    /// Logged hours.
    #[serde(default)]
    pub entries: Vec<ToilEntry>,
    /// More logged hours as columns (the fast form), counted after `entries`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_columns: Option<ToilEntryColumns>,
    /// Toil fractions.
    #[serde(default)]
    pub shares: Vec<ToilShare>,
    /// A person's working hours per week; when given, shares use this capacity as the denominator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_week: Option<f64>,
    /// The zone that defines weeks; UTC when absent.
    #[serde(default)]
    pub time_zone: Zone,
    /// Automation scenarios: the hours each would free.
    #[serde(default)]
    pub automate: Vec<Automation>,
}

/// Which denominator the shares used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Basis {
    /// toil hours / hoursPerWeek.
    Capacity,
    /// toil hours / hours logged.
    Logged,
}

/// One category's toil.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryToil {
    /// The category.
    pub category: String,
    /// Hours logged.
    pub hours: f64,
    /// Hours per week of data (hours / distinct weeks).
    pub hours_per_week: f64,
    /// Its share of all toil hours.
    pub share_of_toil: f64,
}

/// One person's toil.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonToil {
    /// The person ("" for anonymous).
    pub person: String,
    /// Person-weeks recorded.
    pub weeks: usize,
    /// The mean share over their weeks.
    pub share: f64,
    /// Weeks above the 50% cap.
    pub weeks_over_cap: usize,
    /// Whether the mean share is above the cap.
    pub over_cap: bool,
}

/// One week's toil.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeekToil {
    /// The Monday that starts the week, `YYYY-MM-DD`.
    pub week: NaiveDate,
    /// People recorded that week.
    pub people: usize,
    /// The mean share.
    pub share: f64,
}

/// The effect of automating part of a category.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AutomationEffect {
    /// The category.
    pub category: String,
    /// The fraction automated.
    pub fraction: f64,
    /// Hours freed over the data.
    pub hours_freed: f64,
    /// Hours freed per week of data.
    pub hours_freed_per_week: f64,
    /// The overall share after automating this one category.
    pub share_after: f64,
}

/// Result of [`toil`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ToilReport {
    /// The denominator used for hour entries.
    pub basis: Basis,
    /// The mean share over person-weeks.
    pub share: f64,
    /// The SRE book's 50% cap.
    pub cap: f64,
    /// Google's measured average, 33%, for context.
    pub google_average: f64,
    /// Whether the share is above the cap.
    pub over_cap: bool,
    /// Person-weeks recorded.
    pub person_weeks: usize,
    /// Person-weeks above the cap.
    pub person_weeks_over_cap: usize,
    /// Toil hours logged (entries only).
    pub toil_hours: f64,
    /// Per category, most hours first (entries only).
    pub categories: Vec<CategoryToil>,
    /// Per person, highest share first.
    pub people: Vec<PersonToil>,
    /// Per week, oldest first.
    pub weeks: Vec<WeekToil>,
    /// Least-squares slope of the weekly share, fraction points per week; absent with fewer than two weeks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend_per_week: Option<f64>,
    /// The automation scenarios asked for.
    pub automation: Vec<AutomationEffect>,
}

/// A person-week: (person, Monday).
type PersonWeek<'a> = (&'a str, NaiveDate);

#[derive(Default, Clone, Copy)]
struct Cell {
    toil: f64,
    logged: f64,
    fraction: Option<f64>,
}

/// A validated, indexed toil log: person-weeks and per-category hours, ready to be re-evaluated.
pub(crate) struct Log<'a> {
    /// The person-weeks, in (person, week) order.
    cells: Vec<(PersonWeek<'a>, Cell)>,
    /// The toil categories in name order, each with its entries' (index in `cells`, toil hours) in input order, for
    /// automation.
    by_category: Vec<(&'a str, Vec<(usize, f64)>)>,
    capacity: Option<f64>,
}

fn monday(t: Timestamp, zone: Zone) -> NaiveDate {
    let d = zone.local(t).date();
    d.checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday()))).unwrap_or(d)
}

impl<'a> Log<'a> {
    /// `entries` are [`ToilInput::all_entries`] of `input`.
    pub(crate) fn new(input: &'a ToilInput, entries: &'a [ToilEntry]) -> Result<Self> {
        check::max_len(entries.len(), "entries")?;
        check::max_len(input.shares.len(), "shares")?;
        if entries.is_empty() && input.shares.is_empty() {
            return Err(Error::new(ErrorCode::Empty, "entries", "give hour entries or toil shares (or both)"));
        }
        let capacity = match input.hours_per_week {
            Some(h) => {
                let h = check::finite(h, "hoursPerWeek")?;
                if h <= 0.0 || h > 168.0 {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        "hoursPerWeek",
                        format!("expected 0 < hours ≤ 168, got {}", crate::num::Num(h)),
                    ));
                }
                Some(h)
            }
            None => None,
        };
        let zone = input.time_zone;
        let mut cells: Vec<(PersonWeek<'_>, Cell)> = Vec::new();
        let mut index: FxMap<PersonWeek<'_>, usize> = FxMap::default();
        let mut by_category: Vec<(&str, Vec<(usize, f64)>)> = Vec::new();
        let mut categories: FxMap<&str, usize> = FxMap::default();
        for (i, e) in entries.iter().enumerate() {
            let path = || input.entry_path(i, "hours");
            let h =
                if e.hours.is_finite() && e.hours >= 0.0 { e.hours } else { check::non_negative(e.hours, &path())? };
            let key = (e.person.as_str(), monday(e.week, zone));
            let k = *index.entry(key).or_insert_with(|| {
                cells.push((key, Cell::default()));
                cells.len() - 1
            });
            let Some((_, cell)) = cells.get_mut(k) else { continue };
            cell.logged += h;
            if e.toil {
                cell.toil += h;
                let c = *categories.entry(e.category.as_str()).or_insert_with(|| {
                    by_category.push((e.category.as_str(), Vec::new()));
                    by_category.len() - 1
                });
                if let Some((_, rows)) = by_category.get_mut(c) {
                    rows.push((k, h));
                }
            }
            if let Some(c) = capacity
                && cell.logged > c
            {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    path(),
                    format!(
                        "{} logs {} hours in the week of {}, more than hoursPerWeek ({})",
                        e.person,
                        crate::num::Num(cell.logged),
                        key.1,
                        crate::num::Num(c)
                    ),
                ));
            }
        }
        for (i, s) in input.shares.iter().enumerate() {
            let path = index_path("shares", i);
            let f = check::fraction(s.toil_fraction, &join_path(&path, "toilFraction"))?;
            let key = (s.person.as_str(), monday(s.week, zone));
            let k = *index.entry(key).or_insert_with(|| {
                cells.push((key, Cell::default()));
                cells.len() - 1
            });
            let Some((_, cell)) = cells.get_mut(k) else { continue };
            if cell.fraction.is_some() || cell.logged > 0.0 {
                return Err(Error::new(
                    ErrorCode::Duplicate,
                    path,
                    format!("the week of {} for \"{}\" is already recorded", key.1, s.person),
                ));
            }
            cell.fraction = Some(f);
        }
        // Into (person, week) order, and the categories into name order (keys are distinct: no ties).
        let mut order: Vec<usize> = (0..cells.len()).collect();
        crate::sort::sort_by_key(&mut order, |&k| cells.get(k).map(|c| c.0));
        let mut position = vec![0; cells.len()];
        for (to, &from) in order.iter().enumerate() {
            if let Some(p) = position.get_mut(from) {
                *p = to;
            }
        }
        let cells = order.iter().filter_map(|&k| cells.get(k).copied()).collect();
        for (_, rows) in &mut by_category {
            for row in rows {
                row.0 = position.get(row.0).copied().unwrap_or(0);
            }
        }
        crate::sort::sort_by(&mut by_category, |a, b| a.0.cmp(b.0));
        Ok(Log { cells, by_category, capacity })
    }

    /// The toil rows of a category.
    fn category(&self, name: &str) -> &[(usize, f64)] {
        match self.by_category.binary_search_by(|c| c.0.cmp(name)) {
            Ok(i) => self.by_category.get(i).map_or(&[], |c| c.1.as_slice()),
            Err(_) => &[],
        }
    }

    fn cell_share(&self, c: &Cell, removed: f64) -> f64 {
        if let Some(f) = c.fraction {
            return f;
        }
        let toil = (c.toil - removed).max(0.0);
        match self.capacity {
            Some(cap) => toil / cap,
            // Automated hours are freed for engineering work: the week's logged total stays the same.
            None if c.logged > 0.0 => toil / c.logged,
            None => 0.0,
        }
    }

    /// The overall share after removing, for each `(category, fraction)`, that fraction of the category's hours.
    pub(crate) fn share_after(&self, automations: &[(&str, f64)]) -> f64 {
        let mut removed = vec![0.0; self.cells.len()];
        for (cat, f) in automations {
            for &(k, h) in self.category(cat) {
                if let Some(r) = removed.get_mut(k) {
                    *r += h * f;
                }
            }
        }
        let sum: f64 = self.cells.iter().zip(&removed).map(|((_, c), &r)| self.cell_share(c, r)).sum();
        sum / self.cells.len().max(1) as f64
    }

    /// Distinct weeks in the log.
    pub(crate) fn weeks(&self) -> usize {
        let mut weeks: Vec<NaiveDate> = self.cells.iter().map(|c| c.0.1).collect();
        crate::sort::sort(&mut weeks);
        weeks.dedup();
        weeks.len()
    }

    /// Toil hours the automations free, per week of data.
    pub(crate) fn hours_freed_per_week(&self, automations: &[(&str, f64)]) -> f64 {
        let freed: f64 = automations
            .iter()
            .map(|(cat, f)| match self.category(cat) {
                [] => 0.0,
                rows => rows.iter().map(|r| r.1).sum::<f64>() * f,
            })
            .sum();
        freed / self.weeks().max(1) as f64
    }

    /// Whether a toil category with this name was logged.
    pub(crate) fn has_category(&self, category: &str) -> bool {
        self.by_category.binary_search_by(|c| c.0.cmp(category)).is_ok()
    }
}

/// Compute toil. Errors: no entries and no shares; negative hours; a fraction outside [0, 1]; a person-week given
/// twice as a share (or as both a share and hours); hours beyond `hoursPerWeek`; automating an unknown category.
pub fn toil(input: &ToilInput) -> Result<ToilReport> {
    let entries = input.all_entries()?;
    let log = Log::new(input, &entries)?;
    report(input, &log)
}

/// The toil report of `input` from its log, built once by the caller (`teamHealth` hands the same log to its
/// what-if scenarios instead of building it again).
pub(crate) fn report(input: &ToilInput, log: &Log<'_>) -> Result<ToilReport> {
    let basis = if log.capacity.is_some() { Basis::Capacity } else { Basis::Logged };
    let shares: Vec<((&str, NaiveDate), f64)> = log.cells.iter().map(|(k, c)| (*k, log.cell_share(c, 0.0))).collect();
    let n = shares.len();
    let share = shares.iter().map(|s| s.1).sum::<f64>() / n.max(1) as f64;
    let over = |s: f64| s > TOIL_CAP + 1e-12;

    // `shares` is in (person, week) order: each person's weeks are one run; the weeks are grouped after a sort.
    let mut by_week: Vec<(NaiveDate, f64)> = shares.iter().map(|((_, week), s)| (*week, *s)).collect();
    crate::sort::sort_by(&mut by_week, |a, b| a.0.cmp(&b.0));
    let weeks: Vec<WeekToil> = by_week
        .chunk_by(|a, b| a.0 == b.0)
        .filter_map(|run| {
            let week = run.first()?.0;
            let k = run.len();
            // Summed in (person, week) order, as before, so the shares are the same to the last bit.
            Some(WeekToil { week, people: k, share: run.iter().map(|r| r.1).sum::<f64>() / k as f64 })
        })
        .collect();
    let first = weeks.first().map(|w| w.week);
    let points: Vec<(f64, f64)> =
        weeks.iter().map(|w| (first.map_or(0.0, |f| (w.week - f).num_days() as f64 / 7.0), w.share)).collect();
    let mut people: Vec<PersonToil> = shares
        .chunk_by(|a, b| a.0.0 == b.0.0)
        .filter_map(|run| {
            let person = run.first()?.0.0;
            let k = run.len();
            let share = run.iter().map(|r| r.1).sum::<f64>() / k as f64;
            let weeks_over_cap = run.iter().filter(|r| over(r.1)).count();
            Some(PersonToil { person: person.to_string(), weeks: k, share, weeks_over_cap, over_cap: over(share) })
        })
        .collect();
    crate::sort::sort_by(&mut people, |a, b| b.share.total_cmp(&a.share));

    let n_weeks = weeks.len().max(1) as f64;
    let toil_hours: f64 = log.by_category.iter().flat_map(|(_, rows)| rows).map(|(_, h)| h).sum();
    let mut categories: Vec<CategoryToil> = log
        .by_category
        .iter()
        .map(|(cat, rows)| {
            let hours: f64 = rows.iter().map(|r| r.1).sum();
            CategoryToil {
                category: cat.to_string(),
                hours,
                hours_per_week: hours / n_weeks,
                share_of_toil: if toil_hours > 0.0 { hours / toil_hours } else { 0.0 },
            }
        })
        .collect();
    crate::sort::sort_by(&mut categories, |a, b| b.hours.total_cmp(&a.hours).then_with(|| a.category.cmp(&b.category)));

    let mut automation = Vec::with_capacity(input.automate.len());
    for (i, a) in input.automate.iter().enumerate() {
        let path = index_path("automate", i);
        let fraction = check::fraction(a.fraction, &join_path(&path, "fraction"))?;
        if !log.has_category(&a.category) {
            return Err(Error::new(
                ErrorCode::UnknownReference,
                join_path(&path, "category"),
                format!("no toil hours are logged in the category \"{}\"", a.category),
            ));
        }
        let hours = categories.iter().find(|c| c.category == a.category).map_or(0.0, |c| c.hours);
        automation.push(AutomationEffect {
            category: a.category.clone(),
            fraction,
            hours_freed: hours * fraction,
            hours_freed_per_week: hours * fraction / n_weeks,
            share_after: log.share_after(&[(a.category.as_str(), fraction)]),
        });
    }

    Ok(ToilReport {
        basis,
        share,
        cap: TOIL_CAP,
        google_average: GOOGLE_AVERAGE,
        over_cap: over(share),
        person_weeks: n,
        person_weeks_over_cap: shares.iter().filter(|s| over(s.1)).count(),
        toil_hours,
        categories,
        people,
        weeks,
        trend_per_week: slope(&points),
        automation,
    })
}
