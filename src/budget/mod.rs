//! Error budgets and burn-rate alerting: SLO definitions (rolling and calendar windows; occurrences, timeslices and
//! ratio time slices), the budget report, multi-window multi-burn-rate alert tiers, backtests of those tiers over the
//! history, what-if scenarios, composite SLOs, OpenSLO import and Prometheus rule export.
//!
//! Every window's burn rate is O(1) after one O(n) pass over the series ([`units::Units`] holds prefix sums), so a
//! year of one-minute buckets is reported and backtested in milliseconds. [`report::SloHistory`] keeps the indexed
//! series for repeated what-if calls.

pub mod backtest;
pub mod composite;
pub mod duration;
pub mod openslo;
pub mod prometheus;
pub mod report;
pub mod series;
pub mod slo;
pub mod tiers;
pub mod units;
pub mod whatif;
