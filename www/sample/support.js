// Support tickets with priorities P1-P4, their response and resolution targets, and the support desk's business
// calendar in an IANA zone (Europe/London, with the UK bank holidays of the sample year).
import { DAY, HOUR, MINUTE, iso, localTime, zoneOffset } from "./time.js";

export const SUPPORT_ZONE = "Europe/London";

/** England and Wales bank holidays from November 2025 to October 2026 (gov.uk). */
export const UK_HOLIDAYS = ["2025-12-25", "2025-12-26", "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31"];

/** The support desk's hours: Monday to Friday, 09:00-17:30 London time, bank holidays off. */
export function businessCalendar() {
  const day = [{ start: "09:00", end: "17:30" }];
  return {
    timeZone: SUPPORT_ZONE,
    workingHours: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: [], sunday: [] },
    holidays: [...UK_HOLIDAYS],
  };
}

/** Response and resolution targets per priority; "business" clocks run only in the calendar's working hours. */
export function ticketTargets() {
  return {
    P1: { response: { seconds: 15 * 60, clock: "calendar" }, resolution: { seconds: 4 * 3600, clock: "calendar" } },
    P2: { response: { seconds: 3600, clock: "calendar" }, resolution: { seconds: 24 * 3600, clock: "calendar" } },
    P3: { response: { seconds: 4 * 3600, clock: "business" }, resolution: { seconds: 3 * 8.5 * 3600, clock: "business" } },
    P4: { response: { seconds: 8.5 * 3600, clock: "business" }, resolution: { seconds: 10 * 8.5 * 3600, clock: "business" } },
  };
}

// Median response / resolution in hours, and the log-normal spread. P3/P4 are worked in office hours, so their
// wall-clock times stretch over nights and weekends.
const PROFILE = {
  P1: { share: 0.03, respond: 0.12, resolve: 2.5, sigma: 0.7 },
  P2: { share: 0.12, respond: 0.6, resolve: 14, sigma: 0.7 },
  P3: { share: 0.45, respond: 3, resolve: 60, sigma: 0.8 },
  P4: { share: 0.4, respond: 9, resolve: 150, sigma: 0.8 },
};

const SUBJECTS = ["Refund not received", "Cannot log in", "Order stuck in processing", "Invoice copy", "API key rotation", "Webhook failures", "Slow search results", "Email not delivered", "Account merge", "Data export request"];

/** About 40 tickets a month, mostly opened in UK office hours; the newest ones may still be open at `asOf`. */
export function generateTickets(rng, start, days, asOf) {
  const tickets = [];
  const weights = Object.entries(PROFILE).map(([p, v]) => [p, v.share]);
  let n = 0;
  for (let d = 0; d < days; d++) {
    const dayStart = start + d * DAY;
    const { weekday } = localTime(dayStart + 12 * HOUR, SUPPORT_ZONE);
    const weekend = weekday === 0 || weekday === 6;
    const count = rng.poisson(weekend ? 0.4 : 1.7);
    const offset = zoneOffset(dayStart + 12 * HOUR, SUPPORT_ZONE);
    for (let k = 0; k < count; k++) {
      const priority = rng.weighted(weights);
      const prof = PROFILE[priority];
      // Office-hours opening (08:00-18:00 local) for most; P1/P2 can arrive at any hour.
      const anyHour = priority === "P1" || priority === "P2" || rng.chance(0.15);
      const localMinutes = anyHour ? rng.int(0, 1439) : rng.int(8 * 60, 18 * 60);
      const created = dayStart + localMinutes * MINUTE - offset;
      const respond = created + Math.max(60_000, rng.logNormal(prof.respond, prof.sigma) * HOUR);
      let resolved = created + Math.max(10 * MINUTE, rng.logNormal(prof.resolve, prof.sigma) * HOUR);
      if (resolved < respond) resolved = respond + 10 * MINUTE;
      const ticket = { id: "", priority, createdAt: iso(created), subject: rng.pick(SUBJECTS) };
      if (respond <= asOf) ticket.firstResponseAt = iso(respond);
      const pauses = [];
      if ((priority === "P3" || priority === "P4") && rng.chance(0.2)) {
        const ps = respond + rng.uniform(1, 8) * HOUR;
        const pe = ps + rng.uniform(12, 72) * HOUR;
        // A ticket waits on the customer only while it is open: one already resolved when the pause would begin
        // gets none. Otherwise the resolution moves back by the pause, so the pause lies inside [createdAt,
        // resolvedAt] (or before asOf for a ticket still open). The draws are the same either way, so every other
        // ticket is unchanged.
        if (pe < asOf && ps < resolved) {
          pauses.push({ start: iso(ps), end: iso(pe), reason: "Waiting on customer" });
          resolved += pe - ps;
        }
      }
      if (pauses.length) ticket.pauses = pauses;
      if (resolved <= asOf) ticket.resolvedAt = iso(resolved);
      if (created < asOf) tickets.push(ticket);
    }
  }
  tickets.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  for (const t of tickets) t.id = `SUP-${10000 + ++n}`;
  return tickets;
}
