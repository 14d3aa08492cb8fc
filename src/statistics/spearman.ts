/**
 * Spearman's rank correlation of two maps of the same size: Pearson's correlation of their ranks,
 * ties taking the mean of the ranks they span (scipy.stats.spearmanr's convention). CAM maps tie a
 * lot (ReLU zeros, flat upsampled cells), so ranking ties by position would invent an order the maps
 * do not have.
 */
import { midranks } from "./delong";

/** rho_s of `a` and `b`; null when either is constant (no ranking to correlate; scipy gives NaN). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  if (a.length !== b.length) throw new Error(`spearman: ${a.length} values against ${b.length}`);
  if (a.length < 2) throw new Error(`spearman: needs at least two values, got ${a.length}`);
  const ra = midranks(Array.from(a));
  const rb = midranks(Array.from(b));
  const n = ra.length;
  // midranks of n values always average (n + 1) / 2
  const centre = (n + 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = ra[i] - centre;
    const db = rb[i] - centre;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return null;
  return sab / Math.sqrt(saa * sbb);
}

/** rho_s image by image of two batches of `count` maps each, concatenated row-major. */
export function spearmanPerImage(a: ArrayLike<number>, b: ArrayLike<number>, count: number): (number | null)[] {
  if (a.length !== b.length || count < 1 || a.length % count !== 0) throw new Error(`spearmanPerImage: ${a.length} and ${b.length} values for ${count} maps`);
  const pixels = a.length / count;
  const slice = (x: ArrayLike<number>, i: number) => Array.from({ length: pixels }, (_, j) => x[i * pixels + j]);
  return Array.from({ length: count }, (_, i) => spearman(slice(a, i), slice(b, i)));
}
