//! JSON Schema support, compiled only with `--features schema` (never in the wasm build).
//!
//! The organisation document's schema (`schema/org.schema.json`) is derived from the same serde types that read
//! documents, through `schemars`. The few types with hand-written deserializers get their schemas here, written to
//! accept exactly what those deserializers accept.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::budget::duration::Dur;
use crate::capacity::series::Values;
use crate::org::OrgDocument;
use crate::time::{Timestamp, Zone};

/// The published JSON Schema (draft 2020-12) of the organisation document, version
/// [`crate::org::VERSION`].
pub fn org_schema() -> Schema {
    let mut schema =
        schemars::generate::SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<OrgDocument>();
    schema.insert("title".into(), "opscore organisation document, version 1".into());
    schema
}

impl JsonSchema for Timestamp {
    fn schema_name() -> Cow<'static, str> {
        "Timestamp".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An instant: an RFC 3339 string with an offset (2026-03-01T12:00:00Z), or epoch milliseconds.",
            "oneOf": [
                { "type": "string", "format": "date-time" },
                { "type": "number" }
            ]
        })
    }
}

impl JsonSchema for Zone {
    fn schema_name() -> Cow<'static, str> {
        "TimeZone".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An IANA time-zone name, such as Europe/London, or UTC.",
            "type": "string",
            "minLength": 1
        })
    }
}

impl JsonSchema for Dur {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A duration: seconds as a number, or a shorthand string such as \"5m\", \"1h\" or \"28d\".",
            "oneOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^\\s*[0-9]*[1-9][0-9]*[smhdwMQY]\\s*$" }
            ]
        })
    }
}

impl JsonSchema for Values {
    fn schema_name() -> Cow<'static, str> {
        "Values".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Observations in order; null marks a missing value.",
            "type": "array",
            "items": { "type": ["number", "null"] }
        })
    }
}

/// Any JSON value (for fields that are accepted and ignored).
pub struct AnyValue;

impl JsonSchema for AnyValue {
    fn schema_name() -> Cow<'static, str> {
        "AnyValue".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!(true)
    }
}

/// The schema of an SLO window as `WindowSpec::deserialize_any` reads it: `"28d"` or an object.
pub struct WindowSchema;

impl JsonSchema for WindowSchema {
    fn schema_name() -> Cow<'static, str> {
        "SloWindow".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An SLO window: a shorthand such as \"28d\" or \"1M\", or { duration, rolling?, timeZone? }.",
            "oneOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": {
                        "duration": { "type": "string" },
                        "rolling": { "type": ["boolean", "null"] },
                        "timeZone": { "type": ["string", "null"] }
                    },
                    "required": ["duration"],
                    "additionalProperties": false
                }
            ]
        })
    }
}
