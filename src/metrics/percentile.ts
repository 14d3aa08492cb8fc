/**
 * numpy's `np.percentile(a, q)` with its default "linear" method (Hyndman & Fan type 7), including
 * numpy's index and interpolation arithmetic, so bootstrap intervals match a numpy computation on
 * the same resample values to the last bit or two.
 */

/** numpy's `_lerp`: interpolates from whichever end is nearer, as numpy does for accuracy. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** The `q`-th percentile (0 <= q <= 100) of `values` (NaN entries are not allowed). */
export function percentile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) throw new Error("percentile of an empty list");
  if (!(q >= 0 && q <= 100)) throw new Error(`percentile: q must be in [0, 100]; got ${q}`);
  const sorted = Float64Array.from(values).sort();
  if (Number.isNaN(sorted[sorted.length - 1])) throw new Error("percentile: values contain NaN");
  const n = sorted.length;
  const quantile = q / 100;
  // numpy's _compute_virtual_index with alpha = beta = 1.
  const virtual = n * quantile + (1 + quantile * (1 - 1 - 1)) - 1;
  if (virtual >= n - 1) return sorted[n - 1];
  if (virtual < 0) return sorted[0];
  const previous = Math.floor(virtual);
  return lerp(sorted[previous], sorted[previous + 1], virtual - previous);
}
