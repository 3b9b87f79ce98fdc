//! Boundary tests in Node: each module in tests/web/ runs here and again in headless Chromium (web_browser.rs).
#![cfg(target_arch = "wasm32")]

#[path = "web/budget.rs"]
mod budget;
#[path = "web/capacity.rs"]
mod capacity;
#[path = "web/common.rs"]
mod common;
#[path = "web/read.rs"]
mod read;
#[path = "web/sla.rs"]
mod sla;
#[path = "web/team.rs"]
mod team;
