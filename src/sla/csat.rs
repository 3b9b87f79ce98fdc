//! Customer satisfaction (CSAT): the share of responses scoring 4 or 5 on a 1–5 scale.
//!
//! Only the 1–5 scale is accepted. Scores on any other scale must be mapped to 1–5 by the caller, explicitly:
//! opscore never guesses how a 0–10 or thumbs-up scale maps onto "satisfied".

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result, check, index_path};

/// Survey responses on the 1–5 scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CsatInput {
    /// Each response's score: a whole number from 1 to 5.
    pub scores: Vec<f64>,
}

/// The CSAT result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Csat {
    /// Responses counted.
    pub responses: usize,
    /// Responses scoring 4 or 5.
    pub satisfied: usize,
    /// satisfied / responses, a fraction.
    pub csat: f64,
    /// How many responses gave each score: `distribution[0]` counts 1s, … `distribution[4]` counts 5s.
    pub distribution: [usize; 5],
}

/// CSAT from 1–5 scores. Errors: an empty list, a non-finite score, or a score that is not a whole number from
/// 1 to 5 (with its index in the path).
pub fn csat(input: &CsatInput) -> Result<Csat> {
    check::list_len(input.scores.len(), "scores")?;
    let mut distribution = [0usize; 5];
    for (i, &s) in input.scores.iter().enumerate() {
        let path = index_path("scores", i);
        let s = check::finite(s, &path)?;
        if s.fract() != 0.0 || !(1.0..=5.0).contains(&s) {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                path,
                format!(
                    "CSAT scores are whole numbers from 1 to 5, got {}; map other scales to 1–5 first",
                    crate::num::Num(s)
                ),
            ));
        }
        // s is a whole number in 1..=5, so s − 1 is a valid index.
        if let Some(slot) = distribution.get_mut(s as usize - 1) {
            *slot += 1;
        }
    }
    let responses = input.scores.len();
    let satisfied = distribution[3] + distribution[4];
    Ok(Csat { responses, satisfied, csat: satisfied as f64 / responses as f64, distribution })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intercom_example() {
        // Intercom: 10 × 5, 20 × 4, 10 × 3, 5 × 2, 5 × 1 → (10 + 20) / 50 = 60%.
        let mut scores = vec![5.0; 10];
        scores.extend([4.0; 20]);
        scores.extend([3.0; 10]);
        scores.extend([2.0; 5]);
        scores.extend([1.0; 5]);
        let c = csat(&CsatInput { scores }).unwrap();
        assert_eq!((c.responses, c.satisfied, c.distribution), (50, 30, [5, 5, 10, 20, 10]));
        assert!((c.csat - 0.6).abs() < 1e-12);
    }

    #[test]
    fn rejects_other_scales() {
        let e = csat(&CsatInput { scores: vec![5.0, 9.0] }).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::OutOfRange, "scores[1]"));
        assert_eq!(csat(&CsatInput { scores: vec![4.5] }).unwrap_err().code, ErrorCode::OutOfRange);
        assert_eq!(csat(&CsatInput { scores: vec![f64::NAN] }).unwrap_err().code, ErrorCode::NotFinite);
        assert_eq!(csat(&CsatInput { scores: vec![] }).unwrap_err().code, ErrorCode::Empty);
    }
}
