/**
 * Seeded `Math.random` for a training pass. Seeds themselves come from `deriveSeed` (src/random):
 * derived from the run's seed and a position (epoch, pass), so that a resumed run needs only its position
 * to continue with exactly the randomness an uninterrupted run would have used.
 */
import { createRng } from "../random";

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
  Math.random = createRng(seed).next;
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
