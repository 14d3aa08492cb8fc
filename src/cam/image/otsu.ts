/**
 * Otsu's threshold with scikit-image 0.19's `threshold_otsu` semantics, so that masks made here match
 * masks made with the reference library pixel for pixel:
 * - float input: `numpy.histogram` with `nbins` equal bins over [min, max] (the last bin closed), the
 *   between-class variance evaluated on bin centres, threshold = centre of the first best bin;
 * - integer typed arrays (Uint8Array, Int16Array, ...): one bin per integer value from min to max,
 *   `nbins` ignored, threshold = that integer (scikit-image's integer branch);
 * - a constant image returns its value and no histogram.
 * Everything is accumulated in float64 in numpy's order (cumulative sums from the left and right).
 */

export interface OtsuResult {
  threshold: number;
  /** True when every value is equal (the early return: no histogram). */
  constant: boolean;
  /** Bin counts (all zeros for a constant image). */
  counts: Int32Array;
  /** Index of the chosen bin (-1 for a constant image). */
  binIndex: number;
}

const INTEGER_ARRAYS = [Uint8Array, Uint8ClampedArray, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array];

function isIntegerArray(values: ArrayLike<number>): boolean {
  return INTEGER_ARRAYS.some((ctor) => values instanceof ctor);
}

/** numpy.histogram's uniform-bin assignment (fast path plus its edge corrections). */
function histogram(values: ArrayLike<number>, lo: number, hi: number, nbins: number): { counts: Int32Array; edges: Float64Array } {
  const step = (hi - lo) / nbins;
  const edges = new Float64Array(nbins + 1);
  for (let k = 0; k < nbins; k++) edges[k] = k * step + lo;
  edges[nbins] = hi;
  const norm = nbins / (hi - lo);
  const counts = new Int32Array(nbins);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let k = Math.trunc((v - lo) * norm);
    if (k === nbins) k -= 1;
    if (v < edges[k]) k -= 1;
    else if (k !== nbins - 1 && v >= edges[k + 1]) k += 1;
    counts[k]++;
  }
  return { counts, edges };
}

function bestBin(counts: Int32Array, centres: Float64Array): number {
  const n = counts.length;
  const w1 = new Float64Array(n);
  const w2 = new Float64Array(n);
  const m1 = new Float64Array(n);
  const m2 = new Float64Array(n);
  let cw = 0;
  let cm = 0;
  for (let k = 0; k < n; k++) {
    cw += counts[k];
    cm += counts[k] * centres[k];
    w1[k] = cw;
    m1[k] = cm / cw;
  }
  cw = 0;
  cm = 0;
  for (let k = n - 1; k >= 0; k--) {
    cw += counts[k];
    cm += counts[k] * centres[k];
    w2[k] = cw;
    m2[k] = cm / cw;
  }
  let best = 0;
  let bestVar = -Infinity;
  for (let k = 0; k < n - 1; k++) {
    const d = m1[k] - m2[k + 1];
    const v = w1[k] * w2[k + 1] * d * d;
    // Strict '>' keeps the first maximum, like numpy.argmax; NaN (empty classes) never wins.
    if (v > bestVar) {
      bestVar = v;
      best = k;
    }
  }
  return best;
}

export function otsuThreshold(values: ArrayLike<number>, nbins = 256): OtsuResult {
  if (values.length === 0) throw new Error("otsuThreshold: empty input");
  if (!(Number.isInteger(nbins) && nbins >= 2)) throw new Error(`otsuThreshold: nbins must be an integer >= 2, got ${nbins}`);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) throw new Error(`otsuThreshold: NaN at index ${i}`);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === hi) return { threshold: lo, constant: true, counts: new Int32Array(isIntegerArray(values) ? 1 : nbins), binIndex: -1 };

  if (isIntegerArray(values)) {
    const n = hi - lo + 1;
    const counts = new Int32Array(n);
    for (let i = 0; i < values.length; i++) counts[values[i] - lo]++;
    const centres = Float64Array.from({ length: n }, (_, k) => lo + k);
    const k = bestBin(counts, centres);
    return { threshold: centres[k], constant: false, counts, binIndex: k };
  }

  const { counts, edges } = histogram(values, lo, hi, nbins);
  const centres = new Float64Array(nbins);
  for (let k = 0; k < nbins; k++) centres[k] = (edges[k] + edges[k + 1]) / 2;
  const k = bestBin(counts, centres);
  const threshold = values instanceof Float32Array ? Math.fround(centres[k]) : centres[k];
  return { threshold, constant: false, counts, binIndex: k };
}

/** `values > threshold` (strict, as the DT Grad-CAM reference binarises) as a 0/1 mask. */
export function binarize(values: ArrayLike<number>, threshold: number): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] > threshold ? 1 : 0;
  return out;
}
