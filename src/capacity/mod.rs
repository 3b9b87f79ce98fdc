//! Capacity: forecasting models, automatic model selection, runway, scenarios and queueing.
//!
//! - [`erlang`]: the M/M/c queue (Erlang C) and staffing.

pub mod decompose;
pub mod erlang;
pub mod ets;
pub mod forecast;
pub mod model;
pub mod optim;
pub mod rng;
pub mod runway;
pub mod series;
pub mod transform;
