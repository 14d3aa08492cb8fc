/**
 * Deletion/insertion faithfulness of every method's map on the same images, framed by two references:
 * a seeded random map (what chance gives) and the ground-truth region itself used as a map (how much
 * the model relies on the region the masks mark).
 */
import type { FeatureModel } from "../../models/feature-model";
import { createRng } from "../../random";
import { baselineBlurRadius, blurImage } from "../image/blur";
import { classProbability, deletionInsertion } from "./faithfulness";
import { camInput, truthMasks, type CamImageSet } from "./images";
import type { MethodRun } from "./pipeline";

/** Rows of `values` ([n, per] concatenated) picked by `indices`. */
export function pickRows<T extends Float32Array | Uint8Array>(values: T, per: number, indices: readonly number[]): T {
  const out = new (values.constructor as { new (n: number): T })(indices.length * per);
  indices.forEach((i, k) => out.set(values.subarray(i * per, (i + 1) * per), k * per));
  return out;
}

export interface FaithfulnessRow {
  map: string;
  images: number;
  /** Mean area under the deletion curve: LOW is faithful. */
  deletion: number;
  /** Mean area under the insertion curve: HIGH is faithful. */
  insertion: number;
  /** insertion - deletion: one number, higher is better. */
  difference: number;
}

export const RANDOM_MAP_LABEL = "random map (reference)";
export const TRUTH_MAP_LABEL = "true region as the map (reference)";

/**
 * Deletion/insertion areas of every method's map on the images `indices`, the target class's
 * softmax probability as the score, removed pixels taken from a blurred copy of the image (see
 * cam/image/blur.ts). Two references frame the numbers: a seeded random map (what chance gives) and
 * the ground-truth region itself (how much the model relies on the region the masks mark).
 */
export async function faithfulnessRows(
  model: FeatureModel,
  set: CamImageSet,
  runs: readonly MethodRun[],
  targets: Int32Array,
  indices: readonly number[],
  options: { steps: number; seed: number },
): Promise<FaithfulnessRow[]> {
  const size = set.size;
  const pixels = size * size;
  const rng = createRng(options.seed);
  const maps: { map: string; values: Float32Array }[] = [
    ...runs.map((r) => ({ map: r.label, values: pickRows(r.explanation.maps, pixels, indices) })),
    { map: RANDOM_MAP_LABEL, values: Float32Array.from({ length: indices.length * pixels }, () => rng.next()) },
    { map: TRUTH_MAP_LABEL, values: Float32Array.from(truthMasks(set, indices)) },
  ];
  const score = classProbability(model);
  const sums = maps.map(() => ({ deletion: 0, insertion: 0 }));
  for (const [k, i] of indices.entries()) {
    const image = camInput(set, [i]);
    try {
      const baseline = blurImage((await image.data()) as Float32Array, size, size, 3, baselineBlurRadius(size));
      for (const [m, { values }] of maps.entries()) {
        const r = await deletionInsertion(score, image, values.subarray(k * pixels, (k + 1) * pixels), [targets[i]], { steps: options.steps, baseline });
        sums[m].deletion += r.meanDeletion / indices.length;
        sums[m].insertion += r.meanInsertion / indices.length;
      }
    } finally {
      image.dispose();
    }
  }
  return maps.map((m, j) => ({ map: m.map, images: indices.length, deletion: sums[j].deletion, insertion: sums[j].insertion, difference: sums[j].insertion - sums[j].deletion }));
}
