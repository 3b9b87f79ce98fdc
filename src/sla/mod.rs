//! SLA compliance: allowed downtime, availability, credits, composite services, incident and ticket SLAs.

pub mod csat;
pub mod downtime;
