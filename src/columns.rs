//! Helpers shared by the columnar inputs (pages, deployments, tickets, SLI series).

use serde::{Deserialize, Deserializer};

/// Read an optional column of numbers in which `null` stands for NaN, so JSON (which has no NaN) can say "none":
/// `[1, null, 3]` becomes `[1, NaN, 3]`. For `#[serde(default, deserialize_with = "crate::columns::nan_for_null")]`.
pub fn nan_for_null<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Vec<f64>>, D::Error> {
    let v: Option<Vec<Option<f64>>> = Option::deserialize(d)?;
    Ok(v.map(|v| v.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect()))
}
