//! The organisation document and its scorecard: one versioned JSON document that describes services (SLA, SLOs,
//! incidents, tickets), capacity resources (usage and capacity) and teams (on-call, deployments, toil, surveys),
//! scored in one call.

pub mod document;
pub mod scorecard;
pub mod validate;

pub use document::{OrgDocument, Resource, Service, ServiceSlo, Team, VERSION};
pub use scorecard::{Scorecard, ScorecardOptions, scorecard};
pub use validate::{Validation, validate_org};
