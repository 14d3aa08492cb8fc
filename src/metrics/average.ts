/**
 * The arithmetic shared by the per-class metrics: division with scikit-learn's zero-division rule and
 * numpy's `np.average`. Kept separate so every metric divides and averages the same way (the oracle
 * is compared to 1e-12, so even the order of operations follows numpy's).
 */

/** What a ratio with a zero denominator becomes (scikit-learn's `zero_division`; its "warn" acts as 0). */
export type ZeroDivision = 0 | 1;

/** Elementwise num / den; entries with den == 0 become `zeroDivision` (scikit-learn's `_prf_divide`). */
export function divideOrDefault(num: ArrayLike<number>, den: ArrayLike<number>, zeroDivision: ZeroDivision = 0): number[] {
  const out = new Array<number>(num.length);
  for (let i = 0; i < num.length; i++) out[i] = den[i] === 0 ? zeroDivision : num[i] / den[i];
  return out;
}

/** numpy's `np.average(values, weights=weights)`: sum(v * w) / sum(w), or the plain mean without weights. */
export function npAverage(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  if (values.length === 0) throw new Error("average of an empty list of scores");
  if (weights === undefined) {
    let s = 0;
    for (let i = 0; i < values.length; i++) s += values[i];
    return s / values.length;
  }
  let num = 0;
  let den = 0;
  for (let i = 0; i < values.length; i++) {
    num += values[i] * weights[i];
    den += weights[i];
  }
  if (den === 0) throw new Error("weights sum to zero, the weighted average is undefined");
  return num / den;
}

/** Sum of an array. */
export function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
