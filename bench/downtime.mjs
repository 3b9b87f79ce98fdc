// allowedDowntime through the wasm package in Node: the cost of one boundary round trip (JS object in, serde,
// core, JS object out). Prints the median and p95 over many calls.
import { allowedDowntime } from "opscore";

const N = 20000;
for (let i = 0; i < 2000; i++) allowedDowntime({ target: 0.999 }); // warm up
const times = new Float64Array(N);
for (let i = 0; i < N; i++) {
  const t0 = performance.now();
  allowedDowntime({ target: 0.99 + (i % 9) / 1000, convention: "gregorian" });
  times[i] = performance.now() - t0;
}
times.sort();
const q = (p) => (times[Math.floor(p * (N - 1))] * 1000).toFixed(2);
console.log(`allowedDowntime (wasm, Node): median ${q(0.5)} µs, p95 ${q(0.95)} µs over ${N} calls`);
