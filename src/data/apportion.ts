/**
 * Integer apportionment by largest remainder (Hamilton's method): split a total in proportion to
 * weights so the parts are integers that sum to the total exactly, optionally capped per part.
 */
export function apportion(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!Number.isInteger(total) || total < 0) throw new Error(`apportion: total must be a non-negative integer, got ${total}`);
  if (sum <= 0) throw new Error("apportion: weights must have a positive sum");
  const cap = (i: number) => (caps ? caps[i] : Infinity);
  const capacity = weights.reduce((a, _w, i) => a + Math.min(cap(i), Number.MAX_SAFE_INTEGER), 0);
  if (capacity < total) throw new Error(`apportion: caps (${capacity}) are below the total ${total}`);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map((e, i) => Math.min(Math.floor(e), cap(i)));
  // Hand out the rest by largest remainder, ties to the lower index; capped parts are passed over.
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let left = total - out.reduce((a, b) => a + b, 0);
  while (left > 0) {
    let gave = false;
    for (const [, i] of order) {
      if (left === 0) break;
      if (out[i] < cap(i)) {
        out[i]++;
        left--;
        gave = true;
      }
    }
    if (!gave) break;
  }
  return out;
}
