/**
 * The one CAM evaluation pipeline, used by `dala cam` and notebook 06 alike: explain the same images
 * with every method (one untimed warm-up call first, so that the time excludes the backend's one-off
 * compilation), then binarise every method's map by one rule: Otsu per map, or one fixed threshold.
 * A method that makes its own mask (DT Grad-CAM: its averaged map, Otsu, opening and closing, the
 * paper's definition) is scored by that mask, and its map also under the common rule, so the effect of
 * its morphology is visible on its own.
 */
import * as tf from "@tensorflow/tfjs";
import type { FeatureModel } from "../../models/feature-model";
import { camLabel, explain, type CamMethodName, type ExplainOptions, type Explanation } from "../methods";
import { predictLogits, resolveTargets } from "../targets";
import { binarizeMaps, type Binarization } from "./binarize-maps";
import { camInput, type CamImageSet } from "./images";

/** The row of a method's map under the common rule, beside the row of its own mask. */
export function mapWithoutOwnMaskLabel(label: string): string {
  return `${label} map + Otsu (no opening/closing)`;
}

export const DT_MAP_OTSU_LABEL = mapWithoutOwnMaskLabel(camLabel("dtgradcam"));

export interface MethodRun {
  method: CamMethodName;
  label: string;
  explanation: Explanation;
  /** Wall time per image of the timed call (after one untimed warm-up image). */
  msPerImage: number;
}

/** Class explained per image: the true label (what the region masks belong to) or the prediction. */
export type TargetChoice = "label" | "predicted";

export async function camTargets(model: FeatureModel, set: CamImageSet, choice: TargetChoice): Promise<{ targets: Int32Array; predicted: Int32Array }> {
  const input = camInput(set);
  try {
    const predicted = resolveTargets(await predictLogits(model, input, 16), set.images.length, model.numClasses);
    const labels = Int32Array.from(set.images, (im) => im.labelIndex);
    return { targets: choice === "label" ? labels : predicted, predicted };
  } finally {
    input.dispose();
  }
}

/**
 * Runs each method on all images (one untimed warm-up call on the first image first, so that the
 * time excludes the backend's one-off compilation).
 */
export async function runCamMethods(
  model: FeatureModel,
  input: tf.Tensor4D,
  methods: readonly CamMethodName[],
  options: ExplainOptions,
): Promise<MethodRun[]> {
  const n = input.shape[0];
  const out: MethodRun[] = [];
  const first = tf.slice(input, [0, 0, 0, 0], [1, -1, -1, -1]);
  try {
    for (const method of methods) {
      await explain(method, model, first, { ...options, targets: options.targets ? [options.targets[0]] : undefined });
      const start = performance.now();
      const explanation = await explain(method, model, input, options);
      out.push({ method, label: camLabel(method), explanation, msPerImage: (performance.now() - start) / n });
    }
  } finally {
    first.dispose();
  }
  return out;
}

/** A set of binary masks [n, H, W] to score, one per image. */
export interface MaskVariant {
  label: string;
  method: CamMethodName;
  masks: Uint8Array;
}

/** Every method's maps binarised the same way; a method with its own masks scored by those, and its map beside. */
export function camMasks(runs: readonly MethodRun[], binarization: Binarization): MaskVariant[] {
  const out: MaskVariant[] = [];
  for (const r of runs) {
    const { masks } = binarizeMaps(r.explanation.maps, r.explanation.n, binarization);
    if (!r.explanation.masks) {
      out.push({ label: r.label, method: r.method, masks });
      continue;
    }
    out.push({ label: r.label, method: r.method, masks: r.explanation.masks });
    out.push({ label: mapWithoutOwnMaskLabel(r.label), method: r.method, masks });
  }
  return out;
}
