//! Toil entries as columns: the fast form of [`super::toil::ToilEntry`] for long logs, because crossing into
//! WebAssembly costs per object and per string, not per number. People and categories are indices into lists of
//! names. They become ordinary entries after the object rows, and errors name the column and the row
//! (`entryColumns.hours[17]`).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::toil::{ToilEntry, ToilInput};
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::time::Timestamp;

const ROOT: &str = "entryColumns";

/// Toil entries as columns: every array has one entry per logged row.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ToilEntryColumns {
    /// The names that `person` indexes; absent: one anonymous person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<Vec<String>>,
    /// Per row, an index into `people`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Vec<f64>>,
    /// Any instant in the week, epoch milliseconds.
    pub week: Vec<f64>,
    /// The names that `category` indexes.
    pub categories: Vec<String>,
    /// Per row, an index into `categories`.
    pub category: Vec<f64>,
    /// Hours, ≥ 0.
    pub hours: Vec<f64>,
    /// 1 for toil (the default), 0 for engineering work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toil: Option<Vec<f64>>,
}

fn at(field: &str, i: usize) -> String {
    index_path(&join_path(ROOT, field), i)
}

fn index(x: f64, names: &[String], field: &str, list: &str, i: usize) -> Result<String> {
    let k = x as usize; // saturating; NaN becomes 0, which then differs from x
    match names.get(k).filter(|_| k as f64 == x) {
        Some(name) => Ok(name.clone()),
        None => Err(Error::new(
            ErrorCode::UnknownReference,
            at(field, i),
            format!("{} is not an index of {ROOT}.{list} (0 to {})", crate::num::Num(x), names.len().saturating_sub(1)),
        )),
    }
}

impl ToilEntryColumns {
    /// The entries, in order. Errors: a column whose length differs from `week`'s; a week that is not a finite
    /// instant in 1900–2200; an index that names no person or category; a toil flag other than 1 or 0.
    pub fn rows(&self) -> Result<Vec<ToilEntry>> {
        let n = self.week.len();
        check::max_len(n, &join_path(ROOT, "week"))?;
        for (len, field) in [
            (Some(self.category.len()), "category"),
            (Some(self.hours.len()), "hours"),
            (self.person.as_ref().map(Vec::len), "person"),
            (self.toil.as_ref().map(Vec::len), "toil"),
        ] {
            if let Some(len) = len
                && len != n
            {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    join_path(ROOT, field),
                    format!("has {len} entries but {ROOT}.week has {n}: one entry per row"),
                ));
            }
        }
        let people = self.people.as_deref().unwrap_or_default();
        let mut rows = Vec::with_capacity(n);
        for (i, &w) in self.week.iter().enumerate() {
            let week = Timestamp::from_millis_f64(w, "").map_err(|e| e.at(at("week", i)))?;
            let person = match self.person.as_ref().and_then(|v| v.get(i)) {
                Some(&x) => index(x, people, "person", "people", i)?,
                None => String::new(),
            };
            let category = index(
                self.category.get(i).copied().unwrap_or(f64::NAN),
                &self.categories,
                "category",
                "categories",
                i,
            )?;
            let toil = match self.toil.as_ref().and_then(|v| v.get(i)).copied() {
                None | Some(1.0) => true,
                Some(0.0) => false,
                Some(x) => {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        at("toil", i),
                        format!("expected 1 or 0, got {}", crate::num::Num(x)),
                    ));
                }
            };
            rows.push(ToilEntry { person, week, category, hours: self.hours.get(i).copied().unwrap_or(0.0), toil });
        }
        Ok(rows)
    }
}

impl ToilInput {
    /// The entries of both forms: the objects, then the columns.
    pub(crate) fn all_entries(&self) -> Result<Cow<'_, [ToilEntry]>> {
        match &self.entry_columns {
            None => Ok(Cow::Borrowed(&self.entries)),
            Some(c) => {
                let mut all = self.entries.clone();
                all.extend(c.rows()?);
                Ok(Cow::Owned(all))
            }
        }
    }

    /// The path of `field` of entry `i` of [`ToilInput::all_entries`]: `entries[3].hours` or `entryColumns.hours[0]`.
    pub(crate) fn entry_path(&self, i: usize, field: &str) -> String {
        match i.checked_sub(self.entries.len()) {
            Some(k) if self.entry_columns.is_some() => at(field, k),
            _ => join_path(&index_path("entries", i), field),
        }
    }
}
