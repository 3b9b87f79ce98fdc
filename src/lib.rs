//! # opscore
//!
//! A small, fast, correct scoring engine for production operations: SLA compliance, error budgets, capacity
//! forecasts and team health. The core is plain Rust; [`wasm`] is the only module that knows about JavaScript.
//!
//! Conventions, everywhere:
//! - timestamps are RFC 3339 strings or epoch milliseconds ([`time::Timestamp`]);
//! - durations are seconds, ratios are fractions (0.999, not 99.9);
//! - "now" is always an input: nothing reads the clock, so every run is deterministic;
//! - every fallible function returns [`Result`], whose [`Error`] carries a stable code, a message and the path of
//!   the offending field. Well-typed bad input never panics.
//!
//! ```
//! use opscore::sla::downtime::{allowed_downtime, DowntimeQuery, Convention};
//! let table = allowed_downtime(&DowntimeQuery { target: 0.999, convention: Convention::Gregorian, period: None })?;
//! assert!((table.day.allowed_seconds - 86.4).abs() < 1e-9);
//! # Ok::<(), opscore::Error>(())
//! ```

// A panic is a bug: library code returns errors instead. Tests may unwrap.
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod budget;
pub mod calendar;
pub mod capacity;
pub mod columns;
pub mod error;
mod fx;
pub mod num;
pub mod org;
mod radix;
pub mod read;
#[cfg(feature = "schema")]
pub mod schema;
pub mod sla;
mod sort;
pub mod team;
pub mod time;
pub mod wasm;

pub use error::{Error, ErrorCode, ErrorFields, Result};

/// The README's Rust examples, compiled and run as doctests so the documentation cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
