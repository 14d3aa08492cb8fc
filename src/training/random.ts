/**
 * Seeds for everything random in a training run, derived from the run's one seed and a position
 * (epoch, step). Deriving instead of drawing from a running generator means that a resumed run needs
 * only its position to continue with exactly the randomness an uninterrupted run would have used.
 */

/** A 32-bit seed from a base seed and a path of labels/positions (FNV-1a, then a murmur3 finaliser). */
export function deriveSeed(base: number, ...parts: (number | string)[]): number {
  let h = 0x811c9dc5;
  const text = [base, ...parts].join("\u0000");
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

/** mulberry32: a small, fast, seeded generator of floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs a synchronous function with `Math.random` replaced by a seeded generator.
 *
 * tfjs random ops called without a seed (dropout in custom layers, `tf.randomNormal` in noise layers)
 * seed themselves from `Math.random`; scoping a seeded one around the forward pass makes them
 * reproducible without knowing which layers draw. Safe only because the function is synchronous:
 * no other JavaScript can run (and see the replacement) before it is restored.
 */
export function withSeededMathRandom<T>(seed: number, fn: () => T): T {
  const original = Math.random;
  Math.random = mulberry32(seed);
  try {
    const result = fn();
    if (result && typeof (result as { then?: unknown }).then === "function") {
      throw new Error("withSeededMathRandom: the function must be synchronous (it returned a promise)");
    }
    return result;
  } finally {
    Math.random = original;
  }
}
