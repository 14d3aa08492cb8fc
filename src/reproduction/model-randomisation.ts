/**
 * The model randomisation test's tfjs part: every method's maps for the trained model and for the
 * same architecture with re-initialised weights, on the same images and targets, compared image by
 * image with Spearman's rho (src/statistics/spearman.ts).
 *
 * Quantus (ModelParameterRandomisation) compares with similarity_func = correlation_spearman by
 * default, layer_order = "independent" (one layer randomised at a time; "top_down" cascades), abs =
 * True and normalise_by_max on the attributions. The kit re-initialises ALL weights at once (the end
 * point of the cascade), one comparison per method; max-normalisation does not change ranks, and CAM
 * maps are non-negative, so abs on the maps changes nothing either.
 */
import type * as tf from "@tensorflow/tfjs";
import type { FeatureModel } from "../models/feature-model";
import { spearmanPerImage } from "../statistics/spearman";

/** What the test explains with: a model and a batch to [n, H, W] continuous maps. */
export type MapExplainer = (model: FeatureModel, input: tf.Tensor4D) => Promise<Float32Array>;

export interface RandomisationSample {
  label: string;
  /** rho_s per image between trained and re-initialised maps; null where a map was constant. */
  rhos: (number | null)[];
}

/** rho_s per image of one explainer, the trained model's maps given (or computed) and the other model's computed. */
export async function randomisationSample(
  label: string,
  explainer: MapExplainer,
  trained: FeatureModel | Float32Array,
  randomised: FeatureModel,
  input: tf.Tensor4D,
): Promise<RandomisationSample> {
  const before = trained instanceof Float32Array ? trained : await explainer(trained, input);
  const after = await explainer(randomised, input);
  return { label, rhos: spearmanPerImage(before, after, input.shape[0]) };
}
