//! Team health: DORA keys, on-call load and fairness, toil, surveys, and one explainable 0–100 score with what-if
//! scenarios. Reference figures: `shared/reference/team_health.md` (DORA reports, the Google SRE book chapters 5
//! and 11, PagerDuty's analytics definitions, Spotify's and Atlassian's health checks, eNPS and CSAT).
//!
//! - [`dora::dora`]: deployment frequency, lead time, change fail rate, recovery time, rework, classified against
//!   a [`benchmark::BenchmarkSet`] (`dora-2023` by default);
//! - [`oncall::on_call_load`]: interruptions by PagerDuty window in each responder's time zone, incidents per 12
//!   hours, time on call, MTTA, Gini;
//! - [`toil::toil`]: toil share against the 50% cap, trend, automation;
//! - [`survey::survey_health`]: squad health, Atlassian ratings, eNPS, CSAT;
//! - [`health::team_health`]: all of them, the [`score`] and [`whatif`] scenarios.

pub mod benchmark;
pub(crate) mod deploy_columns;
pub mod dora;
pub mod health;
pub mod oncall;
pub mod pages;
pub mod rotation;
pub mod score;
pub mod stats;
pub mod survey;
pub mod toil;
pub(crate) mod toil_columns;
pub mod whatif;
pub mod windows;
