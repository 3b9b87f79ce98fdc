// Time helpers for the sample generator: epoch milliseconds throughout, RFC 3339 UTC strings on output.
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Epoch ms → "2026-03-01T09:30:00Z" (whole seconds, as the sample never needs more). */
export const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

const formatters = new Map();

/** The local hour (0-23, with a fraction) and weekday (0 = Sunday) of an instant in an IANA zone. */
export function localTime(ms, zone) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hourCycle: "h23", hour: "numeric", minute: "numeric", weekday: "short" });
    formatters.set(zone, f);
  }
  let hour = 0;
  let minute = 0;
  let weekday = "";
  for (const p of f.formatToParts(ms)) {
    if (p.type === "hour") hour = Number(p.value);
    else if (p.type === "minute") minute = Number(p.value);
    else if (p.type === "weekday") weekday = p.value;
  }
  return { hour: hour + minute / 60, weekday: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(weekday) };
}

/** The offset of a zone from UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffset(ms, zone) {
  const { hour } = localTime(ms, zone);
  const utc = new Date(ms).getUTCHours() + new Date(ms).getUTCMinutes() / 60;
  let diff = hour - utc;
  if (diff > 12) diff -= 24;
  if (diff < -12) diff += 24;
  return Math.round(diff * 4) * 900_000;
}
