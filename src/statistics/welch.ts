/**
 * Welch's t test for the difference of two means with unequal variances, for quantities measured once
 * per independent run (e.g. convergence time per training seed): the seeds of two models share
 * nothing, so the runs are not paired.
 */
import { studentTQuantile } from "./distributions";
import { tTestPValue } from "./across-seeds";

export interface WelchResult {
  /** mean(a) - mean(b). */
  difference: number;
  /** Welch-Satterthwaite degrees of freedom. */
  df: number;
  low: number;
  high: number;
  confidence: number;
  pValue: number;
}

function meanVar(xs: readonly number[], what: string): { mean: number; variance: number } {
  if (xs.length < 2) throw new Error(`welchTest: ${what} needs at least two values, got ${xs.length}`);
  for (const [i, x] of xs.entries()) if (!Number.isFinite(x)) throw new Error(`welchTest: ${what}[${i}] is ${x}`);
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return { mean, variance: xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1) };
}

export function welchTest(a: readonly number[], b: readonly number[], confidence = 0.95): WelchResult {
  const A = meanVar(a, "a");
  const B = meanVar(b, "b");
  const va = A.variance / a.length;
  const vb = B.variance / b.length;
  const se = Math.sqrt(va + vb);
  const difference = A.mean - B.mean;
  // with no spread in either sample the distribution is degenerate: the interval is the point
  const df = se === 0 ? Infinity : (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const half = se === 0 ? 0 : studentTQuantile(0.5 + confidence / 2, df) * se;
  return { difference, df, low: difference - half, high: difference + half, confidence, pValue: tTestPValue(difference, se, df) };
}
