//! The organisation document and its scorecard: one versioned JSON document that describes services (SLA, SLOs,
//! incidents, tickets) and teams (on-call, deployments, toil, surveys), scored in one call.

pub mod document;
pub mod scorecard;
pub mod validate;

pub use document::{OrgDocument, Service, ServiceSlo, Team, VERSION};
pub use scorecard::{Scorecard, ScorecardOptions, scorecard};
pub use validate::{Validation, validate_org};
