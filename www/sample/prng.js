// A small, fast, seeded pseudo-random generator for the sample organisation. Deterministic across engines and
// platforms: only 32-bit integer arithmetic (Math.imul) and one division, so the same seed gives the same
// organisation in every browser and in Node.

/** A 32-bit hash of a string (MurmurHash3's finaliser over FNV-1a), used to turn a seed string into state. */
export function hashString(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A seeded generator (sfc32: Small Fast Counting, 128-bit state, passes PractRand to 2^42 bytes). `seed` is a
 * string or a number; two generators with the same seed produce the same sequence.
 */
export function createRng(seed) {
  const s = String(seed);
  let a = hashString(`a:${s}`);
  let b = hashString(`b:${s}`);
  let c = hashString(`c:${s}`);
  let d = hashString(`d:${s}`) | 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next(); // mix the seed in
  let spare = Number.NaN;
  const rng = {
    /** A uniform number in [0, 1). */
    next,
    /** A uniform number in [lo, hi). */
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    /** A whole number in [lo, hi] (both included). */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    /** true with probability p. */
    chance: (p) => next() < p,
    /** One item of a list. */
    pick: (list) => list[Math.floor(next() * list.length)],
    /** A standard normal deviate (Marsaglia's polar method, caching the second value). */
    normal() {
      if (!Number.isNaN(spare)) {
        const v = spare;
        spare = Number.NaN;
        return v;
      }
      let u;
      let v;
      let q;
      do {
        u = 2 * next() - 1;
        v = 2 * next() - 1;
        q = u * u + v * v;
      } while (q >= 1 || q === 0);
      const f = Math.sqrt((-2 * Math.log(q)) / q);
      spare = v * f;
      return u * f;
    },
    /** A log-normal deviate with the given median and log-space standard deviation. */
    logNormal: (median, sigma) => median * Math.exp(sigma * rng.normal()),
    /** An exponential deviate with the given mean. */
    exponential: (mean) => -mean * Math.log(1 - next()),
    /** A Poisson count with the given mean (Knuth for small means, a rounded normal above 30). */
    poisson(mean) {
      if (mean <= 0) return 0;
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    /** A weighted choice: `weights` is [[item, weight], …]. */
    weighted(weights) {
      let total = 0;
      for (const [, w] of weights) total += w;
      let r = next() * total;
      for (const [item, w] of weights) {
        r -= w;
        if (r < 0) return item;
      }
      return weights[weights.length - 1][0];
    },
    /** A child generator with its own stream, so adding draws to one part never shifts another. */
    fork: (label) => createRng(`${s}/${label}`),
  };
  return rng;
}
