// Time the sample organisation generator in Node (the planning tool runs the same code in its worker). Prints
// wall-clock time and CPU time (user + system); on a busy machine the CPU time is the steadier of the two.
import { generateOrg } from "../www/sample/index.js";

const runs = Number(process.argv[2] ?? 5);
const wall = [];
const cpu = [];
for (let i = 0; i < runs; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const org = generateOrg();
  wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  if (i === 0) {
    const buckets = org.services.reduce((n, s) => n + s.sli.total.length, 0);
    console.log(`sample: ${org.services.length} services, ${buckets.toLocaleString("en")} SLI buckets, ${org.support.tickets.length} tickets, ${org.teams[0].pages.length} pages`);
  }
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`generateOrg over ${runs} runs: wall median ${med(wall).toFixed(0)} ms (first ${wall[0].toFixed(0)} ms), CPU median ${med(cpu).toFixed(0)} ms`);
