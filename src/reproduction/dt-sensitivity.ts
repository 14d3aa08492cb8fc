/**
 * How much DT Grad-CAM's result depends on the two numbers the paper does not give: the number of
 * noisy copies N and the noise level sigma. Every (N, sigma) pair runs the full method (averaged
 * map, Otsu, opening, closing) on the same images with the same seed; the region scores, the share
 * of the image the mask covers, and the time per image show what each choice buys.
 *
 * N = 1 with sigma = 0 is Grad-CAM followed by Otsu and the morphology: the row that isolates what
 * the noise averaging itself contributes.
 */
import type * as tf from "@tensorflow/tfjs";
import type { FeatureModel } from "../models/feature-model";
import { dtGradCam } from "../cam/dt-grad-cam";
import type { StructuringElement } from "../cam/image/morphology";
import { evaluateMasks } from "../cam/evaluation/evaluate-regions";
import type { RegionScores } from "../cam/evaluation/region-metrics";

export interface SensitivityGrid {
  samples: readonly number[];
  /** Relative to each image's value range (the kit's default sigma mode). */
  sigmas: readonly number[];
}

export interface SensitivityRow {
  samples: number;
  sigma: number;
  images: number;
  scores: RegionScores;
  /** Mean share of the image inside the final mask. */
  maskShare: number;
  msPerImage: number;
}

/** The grid's pairs, plus (1, 0) as the no-noise reference, each once. */
export function sensitivityPairs(grid: SensitivityGrid): [number, number][] {
  const pairs: [number, number][] = [[1, 0]];
  for (const n of grid.samples) for (const s of grid.sigmas) if (!pairs.some(([a, b]) => a === n && b === s)) pairs.push([n, s]);
  return pairs;
}

export async function dtSensitivity(
  model: FeatureModel,
  input: tf.Tensor4D,
  truth: Uint8Array,
  targets: Int32Array,
  grid: SensitivityGrid,
  options: { seed: number; element?: StructuringElement },
): Promise<SensitivityRow[]> {
  const n = input.shape[0];
  const pixels = input.shape[1] * input.shape[2];
  if (truth.length !== n * pixels) throw new Error(`dtSensitivity: ${truth.length} truth values for ${n} images of ${pixels} pixels`);
  const rows: SensitivityRow[] = [];
  for (const [samples, sigma] of sensitivityPairs(grid)) {
    const start = performance.now();
    const r = await dtGradCam(model, input, { samples, sigma, targets, seed: options.seed, element: options.element });
    const msPerImage = (performance.now() - start) / n;
    let covered = 0;
    for (const v of r.mask) covered += v;
    rows.push({ samples, sigma, images: n, scores: evaluateMasks(r.mask, truth, n).mean, maskShare: covered / (n * pixels), msPerImage });
  }
  return rows;
}
