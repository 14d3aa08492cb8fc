/**
 * McNemar's exact test for two classifiers scored on the same test images: only the discordant
 * images count, b (A right, B wrong) and c (A wrong, B right); under "equally accurate" b is
 * Binomial(b + c, 1/2). The two-sided p-value is statsmodels' `mcnemar(table, exact=True)`:
 * min(1, 2 * P(X <= min(b, c))).
 */
import { binomialCdf } from "./distributions";
import { checkPairedPredictions } from "./paired-input";

export interface McNemarResult {
  /** Images A classifies correctly and B does not. */
  b: number;
  /** Images B classifies correctly and A does not. */
  c: number;
  n: number;
  /** accuracy(A) - accuracy(B) = (b - c) / n. */
  difference: number;
  pValue: number;
}

export function mcnemarExact(yTrue: ArrayLike<number>, predA: ArrayLike<number>, predB: ArrayLike<number>): McNemarResult {
  checkPairedPredictions("mcnemarExact", yTrue, predA, predB);
  let b = 0;
  let c = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const a = predA[i] === yTrue[i];
    const bb = predB[i] === yTrue[i];
    if (a && !bb) b++;
    else if (!a && bb) c++;
  }
  const n = yTrue.length;
  return { b, c, n, difference: (b - c) / n, pValue: mcnemarPValue(b, c) };
}

/** The exact two-sided p-value from the discordant counts. */
export function mcnemarPValue(b: number, c: number): number {
  for (const [name, v] of [["b", b], ["c", c]] as const) {
    if (!(Number.isInteger(v) && v >= 0)) throw new Error(`mcnemarPValue: ${name} must be a non-negative integer, got ${v}`);
  }
  if (b + c === 0) return 1;
  return Math.min(1, 2 * binomialCdf(Math.min(b, c), b + c, 0.5));
}
