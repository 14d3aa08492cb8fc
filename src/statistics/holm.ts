/**
 * Holm's step-down correction within a family of comparisons (statsmodels `multipletests(p,
 * method="holm")`): sort the p-values, multiply the i-th smallest by (m - i), keep the running maximum,
 * cap at 1, and hand them back in the input order.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  for (const [i, p] of pValues.entries()) {
    if (!(p >= 0 && p <= 1)) throw new Error(`holmAdjust: p-value ${i} is ${p}, not in [0, 1]`);
  }
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
