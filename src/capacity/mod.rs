//! Capacity: forecasting models, automatic model selection, runway, scenarios and queueing.
//!
//! - [`series`]: series input (start + step, or timestamps), missing values, seasonal-period detection.
//! - [`ets`]: the ETS state-space models, their likelihood, fitting and forecast variances; [`optim`] is the
//!   Nelder–Mead minimiser it uses, [`rng`] the seeded normal source for simulated intervals.
//! - [`decompose`]: classical seasonal indices and the MSTL-style decomposition for long or multiple seasons.
//! - [`transform`]: Box–Cox and log transforms.
//! - [`model`]: automatic selection by AICc and the baselines, each ending in a projection scenarios can rescale.
//! - [`forecast`]: the entry point and the fit-once [`forecast::CapacityModel`].
//! - [`runway`]: crossings, headroom, N+1 and what-if scenarios.
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
