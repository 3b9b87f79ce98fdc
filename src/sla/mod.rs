//! SLA compliance: allowed downtime, availability, credits, composite services, incident and ticket metrics.

pub mod availability;
pub mod composite;
pub mod credits;
pub mod csat;
pub mod downtime;
pub mod incidents;
pub mod period;
pub mod report;
pub(crate) mod rfc3339;
mod ticket_eval;
pub(crate) mod ticket_ids;
pub(crate) mod ticket_table;
pub mod tickets;
