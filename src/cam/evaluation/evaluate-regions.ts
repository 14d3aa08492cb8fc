/** Region metrics of a batch of heat maps (or ready masks) against ground-truth masks, per image and averaged. */
import { binarizeMaps, type Binarization } from "./binarize-maps";
import { meanScores, regionScores, type RegionScores } from "./region-metrics";

export interface MaskEvaluation {
  perImage: RegionScores[];
  mean: RegionScores;
}

export interface RegionEvaluation extends MaskEvaluation {
  binarization: Binarization;
  thresholds: Float64Array;
}

/** `masks` and `truth` hold `count` 0/1 masks of the same size, row-major, one after another. */
export function evaluateMasks(masks: ArrayLike<number>, truth: ArrayLike<number>, count: number, zeroDivision = 0): MaskEvaluation {
  if (masks.length !== truth.length) throw new Error(`region evaluation: ${masks.length} predicted values but ${truth.length} truth values`);
  if (count < 1 || masks.length % count !== 0) throw new Error(`region evaluation: ${masks.length} values do not split into ${count} images`);
  const pixels = masks.length / count;
  const p = Uint8Array.from(masks, (v) => (v ? 1 : 0));
  const t = Uint8Array.from(truth, (v) => (v ? 1 : 0));
  const perImage = Array.from({ length: count }, (_, i) =>
    regionScores(p.subarray(i * pixels, (i + 1) * pixels), t.subarray(i * pixels, (i + 1) * pixels), zeroDivision),
  );
  return { perImage, mean: meanScores(perImage) };
}

/** `evaluateMasks` on the images at `indices` only (a magnification, or the images that have a truth). */
export function evaluateImageSubset(masks: ArrayLike<number>, truth: ArrayLike<number>, count: number, indices: readonly number[]): MaskEvaluation {
  if (masks.length !== truth.length || masks.length % count !== 0) throw new Error(`region evaluation: ${masks.length} predicted and ${truth.length} truth values for ${count} images`);
  const pixels = masks.length / count;
  const gather = (src: ArrayLike<number>) => {
    const out = new Uint8Array(indices.length * pixels);
    indices.forEach((i, k) => {
      if (!(Number.isInteger(i) && i >= 0 && i < count)) throw new Error(`region evaluation: image index ${i} outside 0..${count - 1}`);
      for (let j = 0; j < pixels; j++) out[k * pixels + j] = src[i * pixels + j];
    });
    return out;
  };
  return evaluateMasks(gather(masks), gather(truth), indices.length);
}

/** Binarises every map the same way, then scores the masks. */
export function evaluateRegions(
  maps: ArrayLike<number>,
  truth: ArrayLike<number>,
  count: number,
  binarization: Binarization = { kind: "otsu" },
  zeroDivision = 0,
): RegionEvaluation {
  const { masks, thresholds } = binarizeMaps(maps, count, binarization);
  return { binarization, thresholds, ...evaluateMasks(masks, truth, count, zeroDivision) };
}
