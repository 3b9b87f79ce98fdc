//! [`Read`] impls of the The organisation document and scorecard options inputs (written from their serde attributes; `tests/read.rs` checks them
//! against serde's derive).

use super::{Obj, Read, Source};
use crate::Result;

impl Read for crate::org::document::OrgDocument {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct OrgDocument")?;
        o.deny_unknown(&["$schema", "version", "name", "services", "resources", "teams"])?;
        Ok(Self {
            schema: o.opt("$schema")?,
            version: o.req("version")?,
            name: o.req("name")?,
            services: o.or_default("services")?,
            resources: o.or_default("resources")?,
            teams: o.or_default("teams")?,
        })
    }
}

impl Read for crate::org::document::Resource {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Resource")?;
        Ok(Self { id: o.req("id")?, name: o.opt("name")?, service: o.opt("service")?, runway: o.req("runway")? })
    }
}

impl Read for crate::org::document::Service {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Service")?;
        Ok(Self {
            id: o.req("id")?,
            name: o.opt("name")?,
            team: o.opt("team")?,
            sla: o.opt("sla")?,
            slos: o.or_default("slos")?,
            incidents: o.opt("incidents")?,
            tickets: o.opt("tickets")?,
        })
    }
}

impl Read for crate::org::document::ServiceSlo {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct ServiceSlo")?;
        Ok(Self {
            name: o.req("name")?,
            slo: o.req("slo")?,
            series: o.req("series")?,
            options: o.or_default("options")?,
        })
    }
}

impl Read for crate::org::scorecard::ScorecardOptions {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct ScorecardOptions")?;
        Ok(Self {
            as_of: o.req("asOf")?,
            sla_at_risk_remaining: o.or_else("slaAtRiskRemaining", crate::org::scorecard::default_sla_at_risk)?,
            ticket_target: o.or_else("ticketTarget", crate::org::scorecard::default_ticket_target)?,
            team_healthy: o.or_else("teamHealthy", crate::org::scorecard::default_team_healthy)?,
            team_critical: o.or_else("teamCritical", crate::org::scorecard::default_team_critical)?,
            runway_warning_days: o.or_else("runwayWarningDays", crate::org::scorecard::default_runway_warning_days)?,
        })
    }
}

impl Read for crate::org::document::Team {
    /// A team as written: `id` and `name` beside the `teamHealth` input's fields (the shape of
    /// [`crate::org::document::TeamWire`], serde's reader, whose name the type error keeps).
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct TeamWire")?;
        Ok(Self {
            id: o.req("id")?,
            name: o.opt("name")?,
            health: crate::team::health::TeamHealthInput::read_fields(&mut o)?,
        })
    }
}
