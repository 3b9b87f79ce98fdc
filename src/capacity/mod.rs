//! Capacity: forecasting models, automatic model selection, runway, scenarios and queueing.
//!
//! - [`erlang`]: the M/M/c queue (Erlang C) and staffing.

pub mod erlang;
