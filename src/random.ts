/**
 * Seeded pseudo-random numbers for everything in the kit that must replay exactly: data generation,
 * shuffles, splits and augmentation. Math.random cannot be seeded, so results built on it could not
 * be reproduced from their recorded seed.
 *
 * The generator is mulberry32 (32-bit state, period 2^32): small, fast and good enough for sampling;
 * independent streams are derived from a seed and a label with `deriveSeed`, so adding a new consumer
 * never shifts the numbers an existing one draws.
 */

/** Random source with the draws the kit needs. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Integer uniform in [0, n). */
  int(n: number): number;
  /** Standard normal (mean 0, sd 1). */
  normal(): number;
  /** True with probability p. */
  bernoulli(p: number): boolean;
  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** One element chosen uniformly. */
  pick<T>(items: readonly T[]): T;
}

/** mulberry32 step: returns the next state and a 32-bit output. */
function mulberry32(state: number): [number, number] {
  const s = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(s ^ (s >>> 15), 1 | s);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return [s, (t ^ (t >>> 14)) >>> 0];
}

/** A generator seeded with any integer (only its low 32 bits matter). */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new Error(`random seed must be a finite number, got ${seed}`);
  let state = Math.trunc(seed) | 0;
  // Box-Muller yields two normals per draw; keep the second for the next call.
  let spare: number | undefined;
  const next = (): number => {
    const [s, out] = mulberry32(state);
    state = s;
    return out / 4294967296;
  };
  const rng: Rng = {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (n) => {
      if (!(n > 0)) throw new Error(`Rng.int needs a positive bound, got ${n}`);
      return Math.floor(next() * n);
    },
    normal: () => {
      if (spare !== undefined) {
        const v = spare;
        spare = undefined;
        return v;
      }
      let u = next();
      while (u === 0) u = next();
      const r = Math.sqrt(-2 * Math.log(u));
      const a = 2 * Math.PI * next();
      spare = r * Math.sin(a);
      return r * Math.cos(a);
    },
    bernoulli: (p) => next() < p,
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const t = items[i];
        items[i] = items[j];
        items[j] = t;
      }
      return items;
    },
    pick: (items) => {
      if (items.length === 0) throw new Error("Rng.pick from an empty list");
      return items[Math.floor(next() * items.length)];
    },
  };
  return rng;
}

/**
 * A 32-bit seed for an independent stream, from a parent seed and labels (e.g. `deriveSeed(seed,
 * "split", "bach")`). FNV-1a over the labels, then a murmur3 finaliser so nearby inputs differ widely.
 */
export function deriveSeed(seed: number, ...labels: (string | number)[]): number {
  let h = 0x811c9dc5 ^ (Math.trunc(seed) | 0);
  const text = labels.join("\u0000");
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

/** A permutation of 0..n-1. */
export function permutation(n: number, rng: Rng): Int32Array {
  const idx = Array.from({ length: n }, (_, i) => i);
  return Int32Array.from(rng.shuffle(idx));
}
