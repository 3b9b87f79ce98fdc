//! JS exports for SLA compliance.

use wasm_bindgen::prelude::*;

use crate::sla::downtime;

#[wasm_bindgen(typescript_custom_section)]
const TS_DOWNTIME: &'static str = r#"
/** How long a month, quarter and year are:
 * - "gregorian": year = 365.2425 days, month = year / 12, quarter = year / 4 (uptime.is; the default);
 * - "days30": month = 30 days, quarter = 90 days, year = 365 days;
 * - "days365": year = 365 days, month = 365 / 12 days, quarter = 365 / 4 days. */
export type DowntimeConvention = "gregorian" | "days30" | "days365";

/** Input of {@link allowedDowntime}. */
export interface AllowedDowntimeInput {
  /** The availability target as a fraction strictly between 0 and 1: 0.999 for 99.9%. */
  target: number;
  /** The month/quarter/year convention. Default "gregorian". */
  convention?: DowntimeConvention;
  /** An explicit period whose exact allowance is also wanted. */
  period?: Interval;
}

/** The allowance for one period, in seconds. */
export interface DowntimeAllowance {
  periodSeconds: number;
  allowedSeconds: number;
}

/** The allowance for an explicit period. */
export interface PeriodAllowance extends DowntimeAllowance {
  /** RFC 3339, UTC. */
  start: string;
  /** RFC 3339, UTC. */
  end: string;
}

/** Result of {@link allowedDowntime}. */
export interface AllowedDowntime {
  target: number;
  convention: DowntimeConvention;
  /** 1 − target. */
  budgetFraction: number;
  day: DowntimeAllowance;
  week: DowntimeAllowance;
  month: DowntimeAllowance;
  quarter: DowntimeAllowance;
  year: DowntimeAllowance;
  /** Present when `period` was given. */
  period?: PeriodAllowance;
}
"#;

/// The downtime an availability target allows per day, week, month, quarter and year, and for an explicit
/// period. The target must be a fraction strictly between 0 and 1: a target of exactly 1 leaves no budget and
/// throws `out_of_range`, as do 0, negatives and percentages such as 99.9.
///
/// @example
/// ```ts
/// const t = allowedDowntime({ target: 0.999 });
/// t.day.allowedSeconds;   // 86.4
/// t.month.allowedSeconds; // 2629.746 (43 min 50 s; month = 365.2425 / 12 days)
/// allowedDowntime({ target: 0.999, convention: "days30" }).month.allowedSeconds; // 2592 (43 min 12 s)
/// allowedDowntime({ target: 0.999, period: { start: "2026-02-01T00:00:00Z", end: "2026-03-01T00:00:00Z" } })
///   .period?.allowedSeconds; // 2419.2 (28 days)
/// ```
#[wasm_bindgen(js_name = allowedDowntime, unchecked_return_type = "AllowedDowntime")]
pub fn allowed_downtime(
    #[wasm_bindgen(unchecked_param_type = "AllowedDowntimeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    super::call(input, downtime::allowed_downtime)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_CSAT: &'static str = r#"
/** Input of {@link csat}: survey scores on the 1–5 scale. Map other scales to 1–5 yourself first. */
export interface CsatInput {
  /** Whole numbers from 1 to 5. */
  scores: number[];
}

/** Result of {@link csat}. */
export interface Csat {
  responses: number;
  /** Responses scoring 4 or 5. */
  satisfied: number;
  /** satisfied / responses, a fraction (0.6 for 60%). */
  csat: number;
  /** Counts of scores 1, 2, 3, 4 and 5, in that order. */
  distribution: [number, number, number, number, number];
}
"#;

/// Customer satisfaction: the share of responses scoring 4 or 5 on a 1–5 scale. A score that is not a whole
/// number from 1 to 5 throws `out_of_range` with its index in `path` (`scores[7]`).
///
/// @example
/// ```ts
/// csat({ scores: [5, 4, 4, 3, 1] }).csat; // 0.6
/// ```
#[wasm_bindgen(unchecked_return_type = "Csat")]
pub fn csat(#[wasm_bindgen(unchecked_param_type = "CsatInput")] input: JsValue) -> Result<JsValue, JsValue> {
    super::call(input, crate::sla::csat::csat)
}
