// The on-call team: eleven people in London and New York on a follow-the-sun rotation, their pages (incident
// storms and background noise, some in the New York night), shifts, deployments with failures and recoveries,
// weekly toil by category, and quarterly squad-health-check votes and eNPS answers.
import { DAY, HOUR, MINUTE, iso, localTime } from "./time.js";

export const TEAM_ID = "platform-sre";
export const TEAM_NAME = "Platform SRE";

const PEOPLE = [
  ["amara", "Amara Okafor", "Europe/London"],
  ["ben", "Ben Hughes", "Europe/London"],
  ["chloe", "Chloé Martin", "Europe/London"],
  ["dev", "Dev Patel", "Europe/London"],
  ["ewa", "Ewa Nowak", "Europe/London"],
  ["farid", "Farid Haddad", "Europe/London"],
  ["grace", "Grace Kim", "America/New_York"],
  ["hector", "Héctor Ruiz", "America/New_York"],
  ["isla", "Isla Murphy", "America/New_York"],
  ["jamal", "Jamal Carter", "America/New_York"],
  ["kate", "Kate Sullivan", "America/New_York"],
];

export const TOIL_CATEGORIES = ["Manual deploys", "Ticket triage", "Access requests", "Certificate rotation", "Capacity requests"];
export const HEALTH_CARDS = ["Easy to release", "Suitable process", "Tech quality", "Value", "Speed", "Mission", "Fun", "Learning", "Support", "Pawns or players"];

/** The roster: id, display name, IANA zone, and the half of the day they cover. */
export function roster() {
  return PEOPLE.map(([id, name, timeZone]) => ({ id, name, timeZone, site: timeZone === "Europe/London" ? "London" : "New York" }));
}

/**
 * Daily shifts: London covers 08:00-20:00 UTC, New York 20:00-08:00 UTC (afternoon into the small hours of New
 * York time: the source of the sleep-hour pages). Each site rotates its primary weekly; the next person is
 * secondary.
 */
export function generateShifts(people, start, days) {
  const sites = [
    { members: people.filter((p) => p.site === "London"), from: 8, hours: 12 },
    { members: people.filter((p) => p.site === "New York"), from: 20, hours: 12 },
  ];
  const shifts = [];
  for (let d = 0; d < days; d++) {
    const week = Math.floor(d / 7);
    for (const site of sites) {
      const s = start + d * DAY + site.from * HOUR;
      const e = s + site.hours * HOUR;
      const m = site.members.length;
      shifts.push({ responder: site.members[week % m].id, start: iso(s), end: iso(e), role: "primary" });
      shifts.push({ responder: site.members[(week + 1) % m].id, start: iso(s), end: iso(e), role: "secondary" });
    }
  }
  return shifts;
}

/** Who is primary at an instant (the shifts are regular, so this is arithmetic, not a search). */
function primaryAt(people, start, ms) {
  const d = Math.floor((ms - start) / DAY);
  const h = ((ms - start) % DAY) / HOUR;
  const week = Math.floor((h < 8 ? d - 1 : d) / 7);
  const site = h >= 8 && h < 20 ? "London" : "New York";
  const members = people.filter((p) => p.site === site);
  return members[((week % members.length) + members.length) % members.length];
}

/** Pages: storms during incidents (high urgency, several per incident) and background noise weighted to busy hours. */
export function generatePages(rng, people, incidents, start, days) {
  const pages = [];
  const push = (ms, urgency, incidentId, service) => {
    const who = primaryAt(people, start, ms);
    const ackDelay = urgency === "high" ? rng.logNormal(4, 0.7) * MINUTE : rng.logNormal(25, 0.9) * MINUTE;
    const page = { at: iso(ms), responder: who.id, urgency, service, channel: urgency === "high" ? rng.pick(["phone", "push"]) : "push" };
    if (!rng.chance(urgency === "high" ? 0.02 : 0.12)) page.acknowledgedAt = iso(ms + ackDelay);
    if (incidentId) page.incidentId = incidentId;
    pages.push(page);
  };
  for (const inc of incidents) {
    const count = rng.int(2, 6);
    for (let k = 0; k < count; k++) {
      const ms = inc.start + rng.uniform(0, Math.max(MINUTE, inc.end - inc.start));
      push(Math.round(ms / 1000) * 1000, "high", inc.id, inc.service);
    }
  }
  const services = ["checkout", "payments", "identity", "search", "notifications"];
  for (let d = 0; d < days; d++) {
    // A slowly improving noise level: alert tuning pays off over the year, with a bad patch in the middle.
    const mean = 2.2 * (1 - (0.25 * d) / days) * (d > 150 && d < 190 ? 1.8 : 1);
    const count = rng.poisson(mean);
    for (let k = 0; k < count; k++) {
      const hour = rng.weighted([[rng.uniform(0, 8), 1], [rng.uniform(8, 20), 3], [rng.uniform(20, 24), 1.2]]);
      const ms = start + d * DAY + Math.round(hour * 3600) * 1000;
      push(ms, rng.chance(0.35) ? "high" : "low", undefined, rng.pick(services));
    }
  }
  return pages.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** Whether a page woke someone: 23:00-07:00 in the responder's own zone. */
export function isSleepHour(page, people) {
  const who = people.find((p) => p.id === page.responder);
  const { hour } = localTime(Date.parse(page.at), who.timeZone);
  return hour >= 23 || hour < 7;
}

/** Deployments per service on working days; some fail and are recovered (rolled back or fixed forward). */
export function generateDeployments(rng, start, days) {
  const out = [];
  const services = [
    ["checkout", 1.6, 0.1],
    ["payments", 0.6, 0.06],
    ["identity", 0.9, 0.08],
    ["search", 2.2, 0.14],
    ["notifications", 1.1, 0.12],
  ];
  const startDow = new Date(start).getUTCDay();
  let n = 0;
  for (let d = 0; d < days; d++) {
    const dow = (startDow + d) % 7;
    if (dow === 0 || dow === 6) continue;
    for (const [service, perDay, failRate] of services) {
      // Friday deploys are rarer; December has a change freeze in its last two weeks.
      const date = new Date(start + d * DAY);
      const freeze = date.getUTCMonth() === 11 && date.getUTCDate() >= 18;
      const count = freeze ? 0 : rng.poisson(dow === 5 ? perDay * 0.4 : perDay);
      for (let k = 0; k < count; k++) {
        const at = start + d * DAY + Math.round(rng.uniform(9, 19) * 3600) * 1000;
        const dep = { id: `deploy-${++n}`, service, at: iso(at), leadTimeSeconds: Math.round(rng.logNormal(20, 0.9) * 3600) };
        if (rng.chance(failRate)) {
          dep.failed = true;
          dep.recoveredAt = iso(at + Math.round(rng.logNormal(50, 0.8) * 60) * 1000);
        }
        out.push(dep);
      }
    }
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** Weekly toil hours per person and category (Monday-dated weeks); ticket triage grows, manual deploys shrink. */
export function generateToil(rng, people, start, days) {
  const entries = [];
  const base = { "Manual deploys": 3.2, "Ticket triage": 2.4, "Access requests": 1.1, "Certificate rotation": 0.5, "Capacity requests": 0.9 };
  const trend = { "Manual deploys": -0.5, "Ticket triage": 0.7, "Access requests": 0, "Certificate rotation": 0, "Capacity requests": 0.4 };
  const startDow = new Date(start).getUTCDay();
  const firstMonday = start + ((8 - startDow) % 7) * DAY;
  for (let w = firstMonday, k = 0; w + 7 * DAY <= start + days * DAY; w += 7 * DAY, k++) {
    const t = (w - start) / (days * DAY);
    for (const p of people) {
      let toil = 0;
      for (const c of TOIL_CATEGORIES) {
        const expected = base[c] * (1 + trend[c] * t);
        const hours = c === "Certificate rotation" && k % 13 !== 0 ? 0 : Math.max(0, Math.round(rng.logNormal(expected, 0.4) * 2) / 2);
        if (hours > 0) entries.push({ person: p.id, week: iso(w), category: c, hours, toil: true });
        toil += hours;
      }
      entries.push({ person: p.id, week: iso(w), category: "Project work", hours: Math.max(0, 38 - toil), toil: false });
    }
  }
  return entries;
}

/**
 * Quarterly surveys: every person votes green / yellow / red on each squad-health-check card (Spotify's model)
 * and answers the eNPS question (0-10). Release pain eases after the deploy automation, while fun dips in the
 * noisy middle of the year.
 */
export function generateSurveys(rng, people, start, days) {
  const votes = [];
  const enps = [];
  const mood = {
    "Easy to release": [-0.4, -0.2, 0.3, 0.5],
    "Suitable process": [0.2, 0.2, 0.1, 0.2],
    "Tech quality": [-0.1, -0.2, -0.2, 0],
    Value: [0.6, 0.6, 0.5, 0.6],
    Speed: [0, -0.1, -0.3, 0.1],
    Mission: [0.5, 0.5, 0.4, 0.5],
    Fun: [0.4, 0.2, -0.3, 0.1],
    Learning: [0.3, 0.3, 0.2, 0.4],
    Support: [0.5, 0.4, 0.3, 0.5],
    "Pawns or players": [0.2, 0.1, -0.1, 0.2],
  };
  for (let q = 0; q < 4; q++) {
    const at = iso(start + Math.min(days - 2, 40 + q * 91) * DAY + 14 * HOUR);
    for (const p of people) {
      for (const card of HEALTH_CARDS) {
        const x = mood[card][q] + 0.55 * rng.normal();
        const vote = x > 0.25 ? "green" : x > -0.35 ? "yellow" : "red";
        const prev = q > 0 ? mood[card][q - 1] : mood[card][q];
        const delta = mood[card][q] - prev;
        votes.push({ team: TEAM_ID, person: p.id, at, card, vote, trend: delta > 0.1 ? "improving" : delta < -0.1 ? "worsening" : "stable" });
      }
      const e = 7.2 + (q === 2 ? -1.1 : 0) + 1.6 * rng.normal();
      enps.push({ team: TEAM_ID, person: p.id, at, score: Math.max(0, Math.min(10, Math.round(e))) });
    }
  }
  return { votes, enps };
}
