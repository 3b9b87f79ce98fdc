//! The one error type of opscore: a stable machine-readable [`ErrorCode`], a message a person can act on,
//! and the `path` of the offending input field.
//!
//! Paths use the field names of the input *document* (camelCase, as in JSON and JS), with `[i]` for array
//! elements: `outages[3].end`, `series.values[17]`. An empty path means the input as a whole.

use std::fmt;

/// A stable, machine-readable error code. The string forms (see [`ErrorCode::as_str`]) are part of the public
/// API: they never change meaning once released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// A number is NaN or infinite.
    NotFinite,
    /// A number is outside the range the field allows.
    OutOfRange,
    /// A duration is negative.
    NegativeDuration,
    /// An interval ends before (or exactly when) it starts.
    EndBeforeStart,
    /// A list or series is empty where at least one item is needed.
    Empty,
    /// A list or series is larger than opscore accepts.
    TooLarge,
    /// Two intervals overlap where they must not.
    Overlap,
    /// Items are not in ascending order where order is required.
    Unsorted,
    /// The same key or timestamp appears twice.
    Duplicate,
    /// A value has the wrong JS/JSON type (a string where a number belongs, say).
    InvalidType,
    /// A required field is missing.
    MissingField,
    /// A string names an option that does not exist.
    UnknownVariant,
    /// A timestamp is neither an RFC 3339 string nor finite epoch milliseconds.
    InvalidTimestamp,
    /// A time-zone name is not a known IANA zone.
    UnknownTimeZone,
    /// A reference (a responder, a priority, an incident id) points at nothing.
    UnknownReference,
    /// There is not enough data for the requested computation.
    InsufficientData,
    /// The inputs are individually valid but together describe something impossible
    /// (for example a queue with no steady state).
    Infeasible,
    /// A feature of an input format that opscore does not support.
    Unsupported,
}

impl ErrorCode {
    /// The stable string form, in snake_case, as JS sees it on `error.code`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFinite => "not_finite",
            ErrorCode::OutOfRange => "out_of_range",
            ErrorCode::NegativeDuration => "negative_duration",
            ErrorCode::EndBeforeStart => "end_before_start",
            ErrorCode::Empty => "empty",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::Overlap => "overlap",
            ErrorCode::Unsorted => "unsorted",
            ErrorCode::Duplicate => "duplicate",
            ErrorCode::InvalidType => "invalid_type",
            ErrorCode::MissingField => "missing_field",
            ErrorCode::UnknownVariant => "unknown_variant",
            ErrorCode::InvalidTimestamp => "invalid_timestamp",
            ErrorCode::UnknownTimeZone => "unknown_time_zone",
            ErrorCode::UnknownReference => "unknown_reference",
            ErrorCode::InsufficientData => "insufficient_data",
            ErrorCode::Infeasible => "infeasible",
            ErrorCode::Unsupported => "unsupported",
        }
    }
}

impl ErrorCode {
    /// Every code, in declaration order.
    pub const ALL: [ErrorCode; 18] = [
        ErrorCode::NotFinite,
        ErrorCode::OutOfRange,
        ErrorCode::NegativeDuration,
        ErrorCode::EndBeforeStart,
        ErrorCode::Empty,
        ErrorCode::TooLarge,
        ErrorCode::Overlap,
        ErrorCode::Unsorted,
        ErrorCode::Duplicate,
        ErrorCode::InvalidType,
        ErrorCode::MissingField,
        ErrorCode::UnknownVariant,
        ErrorCode::InvalidTimestamp,
        ErrorCode::UnknownTimeZone,
        ErrorCode::UnknownReference,
        ErrorCode::InsufficientData,
        ErrorCode::Infeasible,
        ErrorCode::Unsupported,
    ];

    /// The code whose string form is `s`.
    pub fn parse(s: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error from opscore: what went wrong (`code`), where (`path`), and what to do about it (`message`).
///
/// The fields are read (and changed) through [`ErrorFields`]: `e.code`, `e.path`, `e.message`. They live in one
/// box, so that an error is a single word and every `Result` of the crate stays small (each fallible function moves
/// its results, and a 28-byte error made every one of those moves bigger).
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<ErrorFields>);

/// The fields of an [`Error`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorFields {
    /// The stable machine-readable code.
    pub code: ErrorCode,
    /// The path of the offending input field, such as `outages[3].end`; empty for the input as a whole.
    pub path: String,
    /// A message a person can act on.
    pub message: String,
}

impl std::ops::Deref for Error {
    type Target = ErrorFields;
    fn deref(&self) -> &ErrorFields {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorFields {
        &mut self.0
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("code", &self.code)
            .field("path", &self.path)
            .field("message", &self.message)
            .finish()
    }
}

/// The result type of every fallible opscore function.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error at `path`.
    pub fn new(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::from_parts(code, path.into(), message.into())
    }

    #[inline(never)]
    fn from_parts(code: ErrorCode, path: String, message: String) -> Self {
        Error(Box::new(ErrorFields { code, path, message }))
    }

    /// The fields, by value.
    pub fn into_fields(self) -> ErrorFields {
        *self.0
    }

    /// The same error (code and message) at another path.
    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    /// The message to hand to `serde::de::Error::custom`, so that a deserializer error keeps this error's code
    /// and [`Error::from_serde`] can recover it.
    pub fn serde_message(&self) -> String {
        format!("[{}] {}", self.code, self.message)
    }

    /// Turn a serde error message, found at `path`, back into a structured error. A message made by
    /// [`Error::serde_message`] keeps its code; serde's own messages map to `invalid_type`, `missing_field` or
    /// `unknown_variant`.
    pub fn from_serde(path: impl Into<String>, message: &str) -> Self {
        let path = path.into();
        if let Some(rest) = message.strip_prefix('[')
            && let Some((code, msg)) = rest.split_once("] ")
            && let Some(code) = ErrorCode::parse(code)
        {
            return Error::new(code, path, msg);
        }
        let code = if message.starts_with("missing field") {
            ErrorCode::MissingField
        } else if message.starts_with("unknown variant") {
            ErrorCode::UnknownVariant
        } else {
            ErrorCode::InvalidType
        };
        // serde names Rust types; say what a JS or JSON user would write instead.
        let message = message
            .replace("expected f64", "expected a number")
            .replace("expected a string or epoch milliseconds", "expected an RFC 3339 string or epoch milliseconds")
            .replace("expected usize", "expected a whole number ≥ 0")
            .replace("expected u32", "expected a whole number ≥ 0")
            .replace("expected a sequence", "expected an array")
            .replace("expected struct", "expected an object: struct")
            .replace("expected a boolean", "expected true or false");
        Error::new(code, path, message)
    }

    /// Prefix the path with an outer field, so a nested validator's `end` becomes `outages[3].end`.
    ///
    /// `prefix` is joined with a `.` unless the inner path starts with `[` or is empty.
    pub fn within(mut self, prefix: &str) -> Self {
        self.path = join_path(prefix, &self.path);
        self
    }
}

/// Join two path fragments: `join_path("outages[3]", "end") == "outages[3].end"`.
pub fn join_path(prefix: &str, inner: &str) -> String {
    match (prefix.is_empty(), inner.is_empty()) {
        (true, _) => inner.to_string(),
        (false, true) => prefix.to_string(),
        (false, false) if inner.starts_with('[') => format!("{prefix}{inner}"),
        _ => format!("{prefix}.{inner}"),
    }
}

/// The path of element `i` of the list at `path`: `index_path("outages", 3) == "outages[3]"`.
pub fn index_path(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.code, self.message)
        } else {
            write!(f, "{} at `{}`: {}", self.code, self.path, self.message)
        }
    }
}

impl std::error::Error for Error {}

/// Small validators shared by every module. Each returns the value when it is acceptable, so they chain.
pub mod check {
    use super::{Error, ErrorCode, Result};
    use crate::num::Num;

    /// The largest number of items any single list or series may hold (about 10.5 million: 20 years of minutes).
    pub const MAX_ITEMS: usize = 10_519_200;

    /// `value` must be a finite number.
    pub fn finite(value: f64, path: &str) -> Result<f64> {
        if value.is_finite() {
            Ok(value)
        } else {
            Err(Error::new(ErrorCode::NotFinite, path, format!("expected a finite number, got {}", Num(value))))
        }
    }

    /// `value` must be finite and ≥ 0.
    pub fn non_negative(value: f64, path: &str) -> Result<f64> {
        let v = finite(value, path)?;
        if v < 0.0 {
            return Err(Error::new(ErrorCode::OutOfRange, path, format!("expected a number ≥ 0, got {}", Num(v))));
        }
        Ok(v)
    }

    /// `value` is a duration in seconds: finite and ≥ 0.
    pub fn duration(value: f64, path: &str) -> Result<f64> {
        let v = finite(value, path)?;
        if v < 0.0 {
            return Err(Error::new(
                ErrorCode::NegativeDuration,
                path,
                format!("durations are seconds ≥ 0; got {}", Num(v)),
            ));
        }
        Ok(v)
    }

    /// `value` must be a fraction in the closed range [0, 1].
    pub fn fraction(value: f64, path: &str) -> Result<f64> {
        let v = finite(value, path)?;
        if !(0.0..=1.0).contains(&v) {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                path,
                format!("expected a fraction from 0 to 1 (0.25, not 25), got {}", Num(v)),
            ));
        }
        Ok(v)
    }

    /// `value` must be a target ratio strictly between 0 and 1, such as 0.999.
    ///
    /// A target of exactly 1 leaves no budget at all, so every ratio derived from it divides by zero: opscore
    /// rejects it rather than return infinities.
    pub fn target(value: f64, path: &str) -> Result<f64> {
        let v = finite(value, path)?;
        if v <= 0.0 || v >= 1.0 {
            let hint = if v > 1.0 && v <= 100.0 {
                format!(" Targets are fractions: write {} for {}%.", Num((v / 100.0 * 1e12).round() / 1e12), Num(v))
            } else if v == 1.0 {
                " A target of 1 (100%) allows no failure at all, so there is no budget to compute.".to_string()
            } else {
                String::new()
            };
            return Err(Error::new(
                ErrorCode::OutOfRange,
                path,
                format!("a target must be a fraction strictly between 0 and 1, such as 0.999; got {}.{hint}", Num(v)),
            ));
        }
        Ok(v)
    }

    /// A list must hold at least one item and at most [`MAX_ITEMS`].
    pub fn list_len(len: usize, path: &str) -> Result<usize> {
        if len == 0 {
            return Err(Error::new(ErrorCode::Empty, path, "expected at least one item, got an empty list"));
        }
        max_len(len, path)
    }

    /// A list may hold at most [`MAX_ITEMS`] (it may be empty).
    pub fn max_len(len: usize, path: &str) -> Result<usize> {
        if len > MAX_ITEMS {
            return Err(Error::new(
                ErrorCode::TooLarge,
                path,
                format!("{len} items is more than the {MAX_ITEMS} opscore accepts in one list"),
            ));
        }
        Ok(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join() {
        assert_eq!(join_path("outages[3]", "end"), "outages[3].end");
        assert_eq!(join_path("outages", "[3]"), "outages[3]");
        assert_eq!(join_path("", "end"), "end");
        assert_eq!(join_path("period", ""), "period");
        let e = Error::new(ErrorCode::EndBeforeStart, "end", "x").within(&index_path("outages", 3));
        assert_eq!(e.path, "outages[3].end");
        assert_eq!(e.to_string(), "end_before_start at `outages[3].end`: x");
    }

    #[test]
    fn target_rejects_percent_with_hint() {
        let e = check::target(99.9, "target").unwrap_err();
        assert_eq!(e.code, ErrorCode::OutOfRange);
        assert!(e.message.ends_with("write 0.999 for 99.9%."), "{}", e.message);
        assert!(check::target(1.0, "t").unwrap_err().message.contains("no budget"));
        assert_eq!(check::target(f64::NAN, "t").unwrap_err().code, ErrorCode::NotFinite);
        assert_eq!(check::target(0.0, "t").unwrap_err().code, ErrorCode::OutOfRange);
        assert_eq!(check::target(0.5, "t"), Ok(0.5));
    }

    #[test]
    fn serde_messages_keep_codes() {
        let e = Error::new(ErrorCode::UnknownTimeZone, "", "no such zone");
        let back = Error::from_serde("calendar.timeZone", &e.serde_message());
        assert_eq!(
            (back.code, back.path.as_str(), back.message.as_str()),
            (e.code, "calendar.timeZone", "no such zone")
        );
        assert_eq!(Error::from_serde("x", "missing field `end`").code, ErrorCode::MissingField);
        assert_eq!(Error::from_serde("x", "unknown variant `foo`, expected `bar`").code, ErrorCode::UnknownVariant);
        let t = Error::from_serde("x", "invalid type: string \"a\", expected f64");
        assert_eq!(
            (t.code, t.message.as_str()),
            (ErrorCode::InvalidType, "invalid type: string \"a\", expected a number")
        );
        for c in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(c.as_str()), Some(c));
        }
    }

    #[test]
    fn durations_and_fractions() {
        assert_eq!(check::duration(-1.0, "d").unwrap_err().code, ErrorCode::NegativeDuration);
        assert_eq!(check::duration(f64::INFINITY, "d").unwrap_err().code, ErrorCode::NotFinite);
        assert_eq!(check::fraction(1.5, "f").unwrap_err().code, ErrorCode::OutOfRange);
        assert_eq!(check::list_len(0, "xs").unwrap_err().code, ErrorCode::Empty);
        assert_eq!(check::max_len(check::MAX_ITEMS + 1, "xs").unwrap_err().code, ErrorCode::TooLarge);
    }
}
