//! Checks of an organisation document beyond its types: the version, ids, references, and each section's own
//! validation by its engine. Every problem found is reported, one per section, each with its path.

use serde::Serialize;

use super::document::{OrgDocument, VERSION};
use super::scorecard::{ScorecardOptions, score_resource, score_service, score_team};
use crate::error::{Error, ErrorCode, ErrorFields, Result, index_path, join_path};
use crate::fx::FxSet;
use crate::time::Timestamp;

/// The most services, or teams, one document may hold.
pub const MAX_ENTRIES: usize = 2_000;
/// The longest id or name.
pub const MAX_NAME: usize = 200;

/// The outcome of [`validate_org`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Validation {
    /// Whether the document is usable as it is.
    pub valid: bool,
    /// The document version read.
    pub version: u32,
    /// Services counted.
    pub services: usize,
    /// Resources counted.
    pub resources: usize,
    /// Teams counted.
    pub teams: usize,
    /// Every problem found, in document order.
    pub errors: Vec<ErrorEntry>,
}

/// One problem, as data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorEntry {
    /// The stable code.
    pub code: &'static str,
    /// The field's path.
    pub path: String,
    /// What is wrong, and what to do.
    pub message: String,
}

impl From<Error> for ErrorEntry {
    fn from(e: Error) -> Self {
        let ErrorFields { code, path, message } = e.into_fields();
        ErrorEntry { code: code.as_str(), path, message }
    }
}

/// The structural checks (version, ids, names, references). Returns every problem found.
pub fn structure(doc: &OrgDocument) -> Vec<Error> {
    let mut errors = Vec::new();
    if doc.version != VERSION {
        errors.push(Error::new(
            ErrorCode::Unsupported,
            "version",
            format!("this build of opscore reads organisation documents of version {VERSION}, not {}", doc.version),
        ));
    }
    if let Err(e) = name_ok(&doc.name, "name") {
        errors.push(e);
    }
    for (list, len) in
        [("services", doc.services.len()), ("resources", doc.resources.len()), ("teams", doc.teams.len())]
    {
        if len > MAX_ENTRIES {
            errors.push(Error::new(ErrorCode::TooLarge, list, format!("{len} entries; at most {MAX_ENTRIES}")));
        }
    }
    let mut team_ids = FxSet::default();
    for (i, t) in doc.teams.iter().enumerate() {
        let path = index_path("teams", i);
        errors.extend(id_ok(&t.id, &path, &mut team_ids).err());
        if let Some(n) = &t.name {
            errors.extend(name_ok(n, &join_path(&path, "name")).err());
        }
    }
    let mut service_ids = FxSet::default();
    for (i, s) in doc.services.iter().enumerate() {
        let path = index_path("services", i);
        errors.extend(id_ok(&s.id, &path, &mut service_ids).err());
        if let Some(n) = &s.name {
            errors.extend(name_ok(n, &join_path(&path, "name")).err());
        }
        if let Some(team) = &s.team
            && !team_ids.contains(team.as_str())
        {
            errors.push(Error::new(
                ErrorCode::UnknownReference,
                join_path(&path, "team"),
                format!("no team has the id \"{team}\"; add it to `teams` or fix the id"),
            ));
        }
        let mut slo_names = FxSet::default();
        for (j, slo) in s.slos.iter().enumerate() {
            let p = join_path(&index_path(&join_path(&path, "slos"), j), "name");
            if let Err(e) = name_ok(&slo.name, &p) {
                errors.push(e);
            } else if !slo_names.insert(slo.name.as_str()) {
                errors.push(Error::new(
                    ErrorCode::Duplicate,
                    p,
                    format!("two SLOs of this service are named \"{}\"", slo.name),
                ));
            }
        }
    }
    let mut resource_ids = FxSet::default();
    for (i, r) in doc.resources.iter().enumerate() {
        let path = index_path("resources", i);
        errors.extend(id_ok(&r.id, &path, &mut resource_ids).err());
        if let Some(n) = &r.name {
            errors.extend(name_ok(n, &join_path(&path, "name")).err());
        }
        if let Some(service) = &r.service
            && !service_ids.contains(service.as_str())
        {
            errors.push(Error::new(
                ErrorCode::UnknownReference,
                join_path(&path, "service"),
                format!("no service has the id \"{service}\"; add it to `services` or fix the id"),
            ));
        }
    }
    errors
}

fn name_ok(name: &str, path: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(Error::new(ErrorCode::Empty, path, "a name must not be empty"));
    }
    if name.chars().count() > MAX_NAME {
        return Err(Error::new(ErrorCode::TooLarge, path, format!("names are at most {MAX_NAME} characters")));
    }
    Ok(())
}

fn id_ok<'a>(id: &'a str, item_path: &str, seen: &mut FxSet<&'a str>) -> Result<()> {
    let path = join_path(item_path, "id");
    name_ok(id, &path)?;
    if !seen.insert(id) {
        return Err(Error::new(ErrorCode::Duplicate, path, format!("the id \"{id}\" is used twice")));
    }
    Ok(())
}

/// Validate a document as the scorecard would use it at `as_of`: the structure, then every section through its
/// engine. Never fails: every problem is in `errors`.
pub fn validate_org(doc: &OrgDocument, as_of: Timestamp) -> Validation {
    let mut errors: Vec<ErrorEntry> = structure(doc).into_iter().map(ErrorEntry::from).collect();
    let options = ScorecardOptions::default_at(as_of);
    for (i, s) in doc.services.iter().enumerate() {
        if let Err(e) = score_service(s, &options) {
            errors.push(e.within(&index_path("services", i)).into());
        }
    }
    for (i, r) in doc.resources.iter().enumerate() {
        if let Err(e) = score_resource(r, &options) {
            errors.push(e.within(&index_path("resources", i)).into());
        }
    }
    for (i, t) in doc.teams.iter().enumerate() {
        if let Err(e) = score_team(t) {
            errors.push(e.within(&index_path("teams", i)).into());
        }
    }
    Validation {
        valid: errors.is_empty(),
        version: doc.version,
        services: doc.services.len(),
        resources: doc.resources.len(),
        teams: doc.teams.len(),
        errors,
    }
}
