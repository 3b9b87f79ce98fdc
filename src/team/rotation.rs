//! The rotation model of the Google SRE book (chapter 11): time on call against the 25% guidance, the minimum
//! rotation size, and the incidents a shift can absorb.
//!
//! In a rotation where each shift is staffed by `rolesPerShift` people (primary and secondary: 2) and members take
//! turns, each member spends `rolesPerShift / members` of their time on call. A dual-site (follow-the-sun) rotation
//! splits the day between sites, which halves each shift's length but not that share, so the formula is the same
//! with `members` counted across both sites: 2 / 6 = 33% and 2 / 8 = 25% for a single site.
//!
//! Minimum sizes: the book gives 8 engineers for a single-site primary + secondary rotation (⌈2 / 0.25⌉) and 6 per
//! site for a dual-site one. For other role counts opscore scales them the same way: ⌈rolesPerShift / 0.25⌉ for one
//! site and 3 × rolesPerShift per site for two.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result, check};

/// The SRE book's ceiling on time spent on call.
pub const ON_CALL_LIMIT: f64 = 0.25;
/// The SRE book's limit on incidents per 12-hour shift.
pub const INCIDENTS_PER_12H_LIMIT: f64 = 2.0;
/// Hours of work per incident, from the SRE book ("about 6 hours").
pub const HOURS_PER_INCIDENT: f64 = 6.0;

/// A rotation, described by its shape rather than its calendar.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Rotation {
    /// People in the rotation, across all sites.
    pub members: u32,
    /// People on call at once: 2 for primary + secondary (the default), 1 for primary only.
    #[serde(default = "two")]
    pub roles_per_shift: u32,
    /// 1 (the default) for a single site covering 24 hours, 2 for follow-the-sun.
    #[serde(default = "one")]
    pub sites: u32,
    /// Shift length in hours; 168 (one week) by default.
    #[serde(default = "week_hours")]
    pub shift_hours: f64,
}

pub(crate) fn two() -> u32 {
    2
}
pub(crate) fn one() -> u32 {
    1
}
pub(crate) fn week_hours() -> f64 {
    168.0
}

/// The rotation measured against the SRE book.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RotationReport {
    /// The rotation analysed.
    pub rotation: Rotation,
    /// rolesPerShift / members: each member's share of time on call.
    pub on_call_share: f64,
    /// The 25% guidance.
    pub on_call_limit: f64,
    /// Whether the share exceeds the guidance.
    pub over_limit: bool,
    /// The smallest rotation that meets the book's guidance for this shape (all sites together).
    pub minimum_members: u32,
    /// The same, per site.
    pub minimum_members_per_site: u32,
    /// Whether `members` reaches the minimum.
    pub meets_minimum: bool,
    /// Incidents one shift can absorb at 6 hours each: shiftHours / 6 (2 for a 12-hour shift).
    pub incident_capacity_per_shift: f64,
}

impl Rotation {
    /// Check the shape. `path` is the rotation's own path.
    pub fn validate(&self, path: &str) -> Result<()> {
        let at = |f: &str| crate::error::join_path(path, f);
        if self.members == 0 {
            return Err(Error::new(ErrorCode::OutOfRange, at("members"), "a rotation needs at least one member"));
        }
        if self.roles_per_shift == 0 || self.roles_per_shift > self.members {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                at("rolesPerShift"),
                format!("rolesPerShift must be from 1 to members ({}), got {}", self.members, self.roles_per_shift),
            ));
        }
        if !(1..=2).contains(&self.sites) {
            return Err(Error::new(ErrorCode::OutOfRange, at("sites"), format!("sites is 1 or 2, got {}", self.sites)));
        }
        let h = check::finite(self.shift_hours, &at("shiftHours"))?;
        if h <= 0.0 || h > 24.0 * 366.0 {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                at("shiftHours"),
                format!("shiftHours must be more than 0 and at most a year, got {}", crate::num::Num(h)),
            ));
        }
        Ok(())
    }

    /// Each member's share of time on call.
    pub fn on_call_share(&self) -> f64 {
        f64::from(self.roles_per_shift) / f64::from(self.members.max(1))
    }

    /// The book's minimum rotation size per site for this shape.
    pub fn minimum_per_site(&self) -> u32 {
        if self.sites >= 2 {
            3 * self.roles_per_shift
        } else {
            (f64::from(self.roles_per_shift) / ON_CALL_LIMIT).ceil() as u32
        }
    }

    /// The analysis.
    pub fn report(&self) -> RotationReport {
        let share = self.on_call_share();
        let per_site = self.minimum_per_site();
        let minimum = per_site * self.sites;
        RotationReport {
            rotation: *self,
            on_call_share: share,
            on_call_limit: ON_CALL_LIMIT,
            over_limit: share > ON_CALL_LIMIT + 1e-12,
            minimum_members: minimum,
            minimum_members_per_site: per_site,
            meets_minimum: self.members >= minimum,
            incident_capacity_per_shift: self.shift_hours / HOURS_PER_INCIDENT,
        }
    }
}
