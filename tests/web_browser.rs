//! The same boundary tests as web.rs, in headless Chromium.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

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
