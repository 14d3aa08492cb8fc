/**
 * Deletion and insertion scores (Petsiuk et al., RISE, 2018): pixels are removed from (deletion) or
 * revealed on (insertion) the image in order of decreasing saliency, and the target-class probability
 * is recorded after each step; the score is the area under that curve over the fraction of pixels
 * changed (trapezoid rule). A faithful map has a LOW deletion and a HIGH insertion area. The paper does
 * not measure this; it separates "sharper" maps from maps that track what the model uses.
 *
 * Removed pixels take a baseline value: "zero" (default; mid-grey for inputs scaled to [-1, 1]),
 * "mean" (each colour channel's image mean) or an explicit baseline image. Ties in saliency are
 * broken by pixel index, so the curve is deterministic.
 */
import * as tf from "@tensorflow/tfjs";
import type { FeatureModel } from "../../models/feature-model";
import { targetOneHot } from "../targets";

export type Baseline = "zero" | "mean" | Float32Array;

export interface FaithfulnessOptions {
  /** Curve points after the start (default 16): step k changes round(k * pixels / steps) pixels. */
  steps?: number;
  baseline?: Baseline;
  /** Perturbed images per model call (default 16). */
  batchSize?: number;
}

/** Scores a batch of NHWC images for one target class each, e.g. the class probability. */
export type BatchScore = (images: tf.Tensor4D, targets: Int32Array) => Promise<Float32Array>;

export interface Curve {
  /** Score after 0, 1, ..., steps steps. */
  scores: Float32Array;
  auc: number;
}

export interface FaithfulnessResult {
  deletion: Curve[];
  insertion: Curve[];
  meanDeletion: number;
  meanInsertion: number;
}

/** Pixel indices by decreasing saliency (ties: lower index first). */
export function saliencyOrder(map: ArrayLike<number>): Int32Array {
  const idx = Array.from({ length: map.length }, (_, i) => i);
  idx.sort((a, b) => map[b] - map[a] || a - b);
  return Int32Array.from(idx);
}

/** Pixels changed after each step 0..steps. */
export function stepCounts(pixels: number, steps: number): Int32Array {
  if (!(Number.isInteger(steps) && steps >= 1)) throw new Error(`faithfulness: steps must be a positive integer, got ${steps}`);
  return Int32Array.from({ length: steps + 1 }, (_, k) => Math.round((k * pixels) / steps));
}

/** Area under a curve sampled at equally spaced fractions 0, 1/steps, ..., 1. */
export function trapezoidAuc(scores: ArrayLike<number>): number {
  if (scores.length < 2) throw new Error("trapezoidAuc: need at least two points");
  let s = 0;
  for (let k = 1; k < scores.length; k++) s += (scores[k - 1] + scores[k]) / 2;
  return s / (scores.length - 1);
}

function baselineImage(image: Float32Array, channels: number, baseline: Baseline): Float32Array {
  if (baseline instanceof Float32Array) {
    if (baseline.length !== image.length) throw new Error(`faithfulness: baseline has ${baseline.length} values, image ${image.length}`);
    return baseline;
  }
  if (baseline === "zero") return new Float32Array(image.length);
  if (baseline !== "mean") throw new Error(`faithfulness: baseline must be 'zero', 'mean' or an image, got '${baseline}'`);
  const pixels = image.length / channels;
  const means = new Float64Array(channels);
  for (let p = 0; p < pixels; p++) for (let c = 0; c < channels; c++) means[c] += image[p * channels + c] / pixels;
  return Float32Array.from({ length: image.length }, (_, i) => means[i % channels]);
}

/**
 * The perturbed images of one curve [steps + 1, H*W*C]: step k takes the first counts[k] pixels of
 * `order` from `to` and the rest from `from` (deletion: from = image, to = baseline; insertion: swapped).
 */
export function perturbationSeries(from: Float32Array, to: Float32Array, channels: number, order: Int32Array, counts: Int32Array): Float32Array {
  const size = from.length;
  const out = new Float32Array(counts.length * size);
  const current = Float32Array.from(from);
  let done = 0;
  counts.forEach((count, k) => {
    for (; done < count; done++) {
      const p = order[done];
      for (let c = 0; c < channels; c++) current[p * channels + c] = to[p * channels + c];
    }
    out.set(current, k * size);
  });
  return out;
}

/** Target-class probability: softmax over the logits (sigmoid for a single-logit head). */
export function classProbability(model: FeatureModel): BatchScore {
  return async (images, targets) => {
    const probs = tf.tidy(() => {
      const logits = model.forwardHead(model.forwardFeatures(images, false), false);
      if (model.numClasses === 1) return tf.reshape(tf.sigmoid(logits), [-1]);
      return tf.sum(tf.mul(tf.softmax(logits), targetOneHot(targets, model.numClasses)), 1);
    });
    const out = (await probs.data()) as Float32Array;
    probs.dispose();
    return out;
  };
}

/**
 * Deletion and insertion curves for `images` [n, H, W, C] explained by `maps` [n, H, W], scored by
 * `score` for each image's target class.
 */
export async function deletionInsertion(
  score: BatchScore,
  images: tf.Tensor4D,
  maps: ArrayLike<number>,
  targets: ArrayLike<number>,
  options: FaithfulnessOptions = {},
): Promise<FaithfulnessResult> {
  const [n, height, width, channels] = images.shape;
  const pixels = height * width;
  if (maps.length !== n * pixels) throw new Error(`faithfulness: maps hold ${maps.length} values, expected ${n}x${height}x${width}`);
  if (targets.length !== n) throw new Error(`faithfulness: ${targets.length} targets for ${n} images`);
  const steps = options.steps ?? 16;
  const batchSize = options.batchSize ?? 16;
  const counts = stepCounts(pixels, steps);
  const data = (await images.data()) as Float32Array;
  const size = pixels * channels;
  const mapData = Float64Array.from(maps);

  const curve = async (series: Float32Array, target: number): Promise<Curve> => {
    const scores = new Float32Array(steps + 1);
    for (let start = 0; start <= steps; start += batchSize) {
      const count = Math.min(batchSize, steps + 1 - start);
      const batch = tf.tensor4d(series.subarray(start * size, (start + count) * size), [count, height, width, channels]);
      scores.set(await score(batch, new Int32Array(count).fill(target)), start);
      batch.dispose();
    }
    return { scores, auc: trapezoidAuc(scores) };
  };

  const deletion: Curve[] = [];
  const insertion: Curve[] = [];
  for (let i = 0; i < n; i++) {
    const image = data.subarray(i * size, (i + 1) * size);
    const base = baselineImage(image, channels, options.baseline ?? "zero");
    const order = saliencyOrder(mapData.subarray(i * pixels, (i + 1) * pixels));
    deletion.push(await curve(perturbationSeries(image, base, channels, order, counts), targets[i]));
    insertion.push(await curve(perturbationSeries(base, image, channels, order, counts), targets[i]));
  }
  const mean = (curves: Curve[]) => curves.reduce((s, c) => s + c.auc, 0) / curves.length;
  return { deletion, insertion, meanDeletion: mean(deletion), meanInsertion: mean(insertion) };
}
