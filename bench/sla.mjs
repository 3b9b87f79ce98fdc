// The SLA engine through the wasm package in Node: one year of per-minute samples (525,600) through slaReport, and
// 100,000 tickets against a business calendar through ticketSla. Prints the median and best of several runs;
// nothing asserts on time (targets: under 5 ms and under 50 ms).
import { TicketSet, slaReport, ticketSla } from "opscore";

function time(label, runs, f) {
  const times = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  // CPU time per call as well: on a shared, loaded machine wall-clock times include waiting for a core.
  const cpu = process.cpuUsage(cpu0);
  const perCall = ((cpu.user + cpu.system) / 1000 / runs).toFixed(2);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(runs / 2)].toFixed(2);
  console.log(`${label}: median ${median} ms, best ${times[0].toFixed(2)} ms wall; ${perCall} ms CPU per call (${runs} runs)`);
}

// A year of minutes with a down minute every 997.
const up = new Float64Array(525600).fill(1);
for (let i = 0; i < up.length; i += 997) up[i] = 0;
const yearInput = (values) => ({
  target: 0.999,
  period: { unit: "year", containing: "2026-06-01T00:00:00Z" },
  samples: { start: "2026-01-01T00:00:00Z", step: 60, up: values },
  breakdown: "month",
});
for (let i = 0; i < 5; i++) slaReport(yearInput(up)); // warm up
time("slaReport, 525,600 per-minute samples (Float64Array) + monthly breakdown", 30, () => slaReport(yearInput(up)));
const plain = Array.from(up);
time("slaReport, 525,600 per-minute samples (number[]) + monthly breakdown", 30, () => slaReport(yearInput(plain)));

// 100,000 tickets over 2026, four priorities with business-hours targets in Europe/London; every tenth paused.
// Timed in two input forms: one object per ticket, and columns (typed arrays; the fast form).
const T0 = Date.parse("2026-01-01T00:00:00Z");
const tickets = [];
for (let i = 0; i < 100000; i++) {
  const created = T0 + i * 313000;
  const t = {
    id: `T${i}`,
    priority: `P${1 + (i % 4)}`,
    createdAt: created,
    firstResponseAt: created + (i % 7) * 700000,
    resolvedAt: created + 5000000 + (i % 13) * 9000000,
  };
  if (i % 10 === 0) t.pauses = [{ start: created + 600000, end: created + 4200000 }];
  tickets.push(t);
}
const business = (seconds) => ({ seconds, clock: "business" });
const ticketInput = (detail) => ({
  calendar: {
    timeZone: "Europe/London",
    workingHours: Object.fromEntries(
      ["monday", "tuesday", "wednesday", "thursday", "friday"].map((d) => [d, [{ start: "09:00", end: "17:30" }]]),
    ),
    holidays: ["2026-04-03", "2026-12-25"],
  },
  targets: {
    P1: { response: business(900), resolution: business(4 * 3600) },
    P2: { response: business(3600), resolution: business(8 * 3600) },
    P3: { response: business(4 * 3600), resolution: business(24 * 3600) },
    P4: { response: business(8 * 3600), resolution: business(40 * 3600) },
  },
  tickets,
  detail,
});
// The same tickets as columns: priorities as indices, NaN for "none", pauses as offsets into flat arrays.
const n = tickets.length;
const offsets = new Uint32Array(n + 1);
const pauseStart = [];
const pauseEnd = [];
for (let i = 0; i < n; i++) {
  for (const p of tickets[i].pauses ?? []) {
    pauseStart.push(p.start);
    pauseEnd.push(p.end);
  }
  offsets[i + 1] = pauseStart.length;
}
const columns = {
  priority: Uint8Array.from(tickets, (t) => Number(t.priority.slice(1)) - 1),
  priorityNames: ["P1", "P2", "P3", "P4"],
  createdAt: Float64Array.from(tickets, (t) => t.createdAt),
  firstResponseAt: Float64Array.from(tickets, (t) => t.firstResponseAt ?? NaN),
  resolvedAt: Float64Array.from(tickets, (t) => t.resolvedAt ?? NaN),
  pauses: { offsets, start: Float64Array.from(pauseStart), end: Float64Array.from(pauseEnd) },
};
const withIds = { ...columns, ids: tickets.map((t) => t.id) };
// The same ids as one text cut by offsets (UTF-16 positions), the other form `ids` takes.
const idOffsets = new Uint32Array(n + 1);
for (let i = 0; i < n; i++) idOffsets[i + 1] = idOffsets[i] + tickets[i].id.length;
const withJoinedIds = { ...columns, ids: { text: tickets.map((t) => t.id).join(""), offsets: idOffsets } };
const columnInput = (cols, detail) => ({ ...ticketInput(detail), tickets: cols });
// Same figures from both forms (the ids differ only when columns carry none).
const fromObjects = ticketSla(ticketInput("none"));
const fromColumns = ticketSla(columnInput(withIds, "none"));
if (JSON.stringify(fromObjects) !== JSON.stringify(fromColumns)) throw new Error("columns and objects disagree");
if (JSON.stringify(ticketSla(columnInput(withJoinedIds, "none"))) !== JSON.stringify(fromColumns)) {
  throw new Error("the two forms of ids disagree");
}
// Objects with RFC 3339 times: the strings cross as one text and are parsed in Rust.
const iso = (ms) => (ms === undefined ? undefined : new Date(ms).toISOString());
const isoTickets = tickets.map((t) => ({
  ...t,
  createdAt: iso(t.createdAt),
  firstResponseAt: iso(t.firstResponseAt),
  resolvedAt: iso(t.resolvedAt),
  ...(t.pauses ? { pauses: t.pauses.map((p) => ({ start: iso(p.start), end: iso(p.end) })) } : {}),
}));
if (JSON.stringify(ticketSla({ ...ticketInput("none"), tickets: isoTickets })) !== JSON.stringify(fromObjects)) {
  throw new Error("RFC 3339 and epoch-ms objects disagree");
}

for (let i = 0; i < 5; i++) ticketSla(columnInput(columns, "none")); // warm up
time("ticketSla, 100,000 tickets as columns (typed arrays, no ids), business calendar, summaries only", 20, () =>
  ticketSla(columnInput(columns, "none")),
);
time("ticketSla, 100,000 tickets as columns with 100,000 string ids, business calendar, summaries only", 20, () =>
  ticketSla(columnInput(withIds, "none")),
);
time("ticketSla, 100,000 tickets as columns with 100,000 ids as one text + offsets, business calendar, summaries only", 20, () =>
  ticketSla(columnInput(withJoinedIds, "none")),
);
time("ticketSla, 100,000 tickets as objects (epoch-ms times), business calendar, summaries only", 10, () =>
  ticketSla(ticketInput("none")),
);
time("ticketSla, 100,000 tickets as objects (RFC 3339 times), business calendar, summaries only", 5, () =>
  ticketSla({ ...ticketInput("none"), tickets: isoTickets }),
);
time("ticketSla, 100,000 tickets as objects (epoch-ms times), business calendar, every ticket", 5, () =>
  ticketSla(ticketInput("all")),
);

// What-if re-runs: the tickets parsed once into a TicketSet, then evaluated against new options each time.
const { tickets: _omit, ...options } = ticketInput("none");
for (const [label, source] of [
  ["objects", tickets],
  ["columns", columns],
]) {
  const set = new TicketSet(source);
  set.evaluate(options); // warm up
  time(`TicketSet.evaluate, 100,000 held tickets (from ${label}), business calendar, summaries only (what-if re-run)`, 20, () =>
    set.evaluate(options),
  );
  set.free();
}
