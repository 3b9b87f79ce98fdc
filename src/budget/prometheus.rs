//! Prometheus recording and alerting rules for an SLO and its alert tiers, as YAML text, in the layout Sloth
//! generates (the `sloth_*` labels and `slo:*` metric names, so Sloth's Grafana dashboards work unchanged).
//!
//! Differences from Sloth, on purpose: the period error ratio is computed from the raw counters over the whole
//! window (Σbad / Σtotal), not as the mean of 5-minute ratios, which misstates the error when traffic is uneven; and
//! the thresholds are exactly the tiers that [`crate::budget::backtest`] evaluates (`>` on burnRate × (1 − objective)).

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::{Deserialize, Serialize};

use super::duration::format_seconds;
use super::slo::{Budgeting, Slo, Window};
use super::tiers::{AlertTier, TierSpec, resolve_tiers};
use crate::error::{Error, ErrorCode, Result, join_path};
use crate::num::{Fixed, Num};

/// Input of [`prometheus_rules`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PrometheusInput {
    /// The SLO (occurrences).
    pub slo: Slo,
    /// The service name (letters, digits, `_`, `-`, `.`).
    pub service: String,
    /// The SLO name (same characters).
    pub name: String,
    /// PromQL for the bad events' rate, with `{{.window}}` where the range goes:
    /// `sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))`.
    pub error_query: String,
    /// PromQL for all events' rate, with `{{.window}}`.
    pub total_query: String,
    /// Caller tiers; default the four Workbook/Sloth tiers scaled to the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiers: Option<Vec<TierSpec>>,
    /// Extra labels on every rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, String>>,
}

/// The rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrometheusRules {
    /// The rule file, YAML.
    pub yaml: String,
    /// The tiers the alerts use.
    pub tiers: Vec<AlertTier>,
}

fn check_name(v: &str, path: &str) -> Result<()> {
    let ok = !v.is_empty()
        && v.len() <= 128
        && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
    if ok {
        Ok(())
    } else {
        Err(Error::new(ErrorCode::OutOfRange, path, format!("\"{v}\" must be 1–128 letters, digits, '_', '-' or '.'")))
    }
}

fn check_label_name(v: &str, path: &str) -> Result<()> {
    let mut chars = v.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && !v.starts_with("__") {
        Ok(())
    } else {
        Err(Error::new(ErrorCode::OutOfRange, path, format!("\"{v}\" is not a Prometheus label name")))
    }
}

/// A YAML double-quoted string.
fn quote(v: &str) -> String {
    let mut s = String::with_capacity(v.len() + 2);
    s.push('"');
    for c in v.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(s, "\\u{:04x}", c as u32);
            }
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// A block scalar body, indented.
fn block(out: &mut String, indent: &str, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "{indent}{}", line.trim_end());
    }
}

/// Generate the rule file.
pub fn prometheus_rules(input: &PrometheusInput) -> Result<PrometheusRules> {
    let slo = input.slo.resolve("slo")?;
    if !matches!(slo.budgeting, Budgeting::Occurrences) {
        return Err(Error::new(
            ErrorCode::Unsupported,
            "slo.method",
            "Prometheus rules are generated for the occurrences method (an event error ratio); time-slice SLOs need \
             a recording rule per slice, which these rules do not model",
        ));
    }
    check_name(&input.service, "service")?;
    check_name(&input.name, "name")?;
    for (field, q) in [("errorQuery", &input.error_query), ("totalQuery", &input.total_query)] {
        if !q.contains("{{.window}}") {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                field,
                "the query needs {{.window}} where the range goes, as in sum(rate(x_total[{{.window}}]))",
            ));
        }
    }
    let no_labels = BTreeMap::new();
    let labels = input.labels.as_ref().unwrap_or(&no_labels);
    for k in labels.keys() {
        check_label_name(k, &join_path("labels", k))?;
        if k.starts_with("sloth_") {
            return Err(Error::new(ErrorCode::OutOfRange, join_path("labels", k), "sloth_* labels are set by opscore"));
        }
    }
    let tiers = resolve_tiers(&slo, input.tiers.as_deref(), "tiers")?;
    let id = format!("{}-{}", input.service, input.name);
    let sel =
        format!("sloth_id={}, sloth_service={}, sloth_slo={}", quote(&id), quote(&input.service), quote(&input.name));
    let objective = Num(slo.objective);
    let budget = format!("(1 - {objective})");

    let mut windows: Vec<f64> = tiers.iter().flat_map(|t| [t.short_window_seconds, t.long_window_seconds]).collect();
    let period = match slo.window {
        Window::Rolling { seconds } => Some(seconds),
        Window::Calendar { .. } => None,
    };
    windows.extend(period);
    crate::radix::sort_f64(&mut windows);
    windows.dedup();

    let mut y = String::new();
    let _ = writeln!(y, "# Generated by opscore for SLO {} of service {}.", quote(&input.name), quote(&input.service));
    let _ = writeln!(
        y,
        "# Objective {}, window {}{}. Alert thresholds are the tiers backtestAlerts evaluates:",
        objective,
        input.slo.window.duration,
        if period.is_some() { " (rolling)" } else { " (calendar; period rules omitted)" }
    );
    for t in &tiers {
        let _ = writeln!(
            y,
            "#   {}: burn rate > {} over {} and {} ({}% of the budget within {})",
            t.name,
            Num(t.burn_rate),
            t.long_window,
            t.short_window,
            Fixed(t.budget_consumed * 100.0, 4),
            t.long_window
        );
    }
    let common_labels = |y: &mut String, indent: &str, window: Option<&str>| {
        let _ = writeln!(y, "{indent}labels:");
        for (k, v) in labels {
            let _ = writeln!(y, "{indent}  {k}: {}", quote(v));
        }
        let _ = writeln!(y, "{indent}  sloth_id: {}", quote(&id));
        let _ = writeln!(y, "{indent}  sloth_service: {}", quote(&input.service));
        let _ = writeln!(y, "{indent}  sloth_slo: {}", quote(&input.name));
        if let Some(w) = window {
            let _ = writeln!(y, "{indent}  sloth_window: {}", quote(w));
        }
    };
    y.push_str("groups:\n");
    let _ = writeln!(y, "  - name: {}", quote(&format!("sloth-slo-sli-recordings-{id}")));
    y.push_str("    rules:\n");
    for &w in &windows {
        let ws = format_seconds(w);
        let _ = writeln!(y, "      - record: slo:sli_error:ratio_rate{ws}");
        y.push_str("        expr: |\n");
        block(&mut y, "          ", &format!("({})", input.error_query.replace("{{.window}}", &ws)));
        y.push_str("          /\n");
        block(&mut y, "          ", &format!("({})", input.total_query.replace("{{.window}}", &ws)));
        common_labels(&mut y, "        ", Some(&ws));
    }
    let _ = writeln!(y, "  - name: {}", quote(&format!("sloth-slo-meta-recordings-{id}")));
    y.push_str("    rules:\n");
    let mut meta = vec![
        ("slo:objective:ratio".to_string(), format!("vector({objective})")),
        ("slo:error_budget:ratio".to_string(), format!("vector{budget}")),
    ];
    if let Some(p) = period {
        let ps = format_seconds(p);
        meta.push(("slo:time_period:days".into(), format!("vector({})", Num(p / 86_400.0))));
        meta.push((
            "slo:current_burn_rate:ratio".into(),
            format!(
                "slo:sli_error:ratio_rate{}{{{sel}}}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio{{{sel}}}",
                tiers.first().map(|t| t.short_window.clone()).unwrap_or_else(|| "5m".into())
            ),
        ));
        meta.push((
            "slo:period_burn_rate:ratio".into(),
            format!(
                "slo:sli_error:ratio_rate{ps}{{{sel}}}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio{{{sel}}}"
            ),
        ));
        meta.push((
            "slo:period_error_budget_remaining:ratio".into(),
            format!("1 - slo:period_burn_rate:ratio{{{sel}}}"),
        ));
    }
    for (record, expr) in meta {
        let _ = writeln!(y, "      - record: {record}");
        y.push_str("        expr: |\n");
        block(&mut y, "          ", &expr);
        common_labels(&mut y, "        ", None);
    }
    let _ = writeln!(y, "  - name: {}", quote(&format!("sloth-slo-alerts-{id}")));
    y.push_str("    rules:\n");
    let mut severities: Vec<&str> = Vec::new();
    for t in &tiers {
        if !severities.contains(&t.severity.as_str()) {
            severities.push(&t.severity);
        }
    }
    let alert_base: String = id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    for sev in severities {
        let sev_clean: String =
            sev.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
        let _ = writeln!(y, "      - alert: {}", quote(&format!("slo_{alert_base}_budget_burn_{sev_clean}")));
        y.push_str("        expr: |\n");
        let parts: Vec<String> = tiers
            .iter()
            .filter(|t| t.severity == sev)
            .map(|t| {
                format!(
                    "(\n    max(slo:sli_error:ratio_rate{}{{{sel}}} > ({} * {budget})) without (sloth_window)\n    and\n    max(slo:sli_error:ratio_rate{}{{{sel}}} > ({} * {budget})) without (sloth_window)\n)",
                    t.short_window,
                    Num(t.burn_rate),
                    t.long_window,
                    Num(t.burn_rate)
                )
            })
            .collect();
        block(&mut y, "          ", &parts.join("\nor\n"));
        let _ = writeln!(y, "        labels:");
        for (k, v) in labels {
            let _ = writeln!(y, "          {k}: {}", quote(v));
        }
        let _ = writeln!(y, "          sloth_severity: {}", quote(sev));
        let _ = writeln!(y, "        annotations:");
        let _ = writeln!(
            y,
            "          summary: {}",
            quote(&format!("{} SLO {} error budget burn rate is over the expected rate", input.service, input.name))
        );
        let _ = writeln!(
            y,
            "          title: {}",
            quote(&format!("({sev}) {} {} SLO error budget burn rate is too fast", input.service, input.name))
        );
    }
    Ok(PrometheusRules { yaml: y, tiers })
}
