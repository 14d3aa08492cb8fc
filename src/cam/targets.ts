/**
 * What a CAM explains: one class per image, given or predicted (argmax of the same forward pass,
 * first index on ties, as pytorch-grad-cam does). Class scores are raw logits, picked with a one-hot
 * product instead of `gather`, because the wasm backend has no gradient kernel for `gather`.
 */
import * as tf from "@tensorflow/tfjs";
import type { FeatureModel } from "../models/feature-model";

/** Resolves per-image target classes from `targets` (validated) or the argmax of `logits` [n, classes]. */
export function resolveTargets(
  logits: ArrayLike<number>,
  n: number,
  numClasses: number,
  targets?: ArrayLike<number>,
): Int32Array {
  const out = new Int32Array(n);
  if (targets !== undefined) {
    if (targets.length !== n) throw new Error(`targets: got ${targets.length} classes for ${n} images`);
    for (let i = 0; i < n; i++) {
      const t = targets[i];
      if (!(Number.isInteger(t) && t >= 0 && t < numClasses)) {
        throw new Error(`targets[${i}] = ${t} is not a class index in [0, ${numClasses})`);
      }
      out[i] = t;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < numClasses; k++) if (logits[i * numClasses + k] > logits[i * numClasses + best]) best = k;
    out[i] = best;
  }
  return out;
}

/** One-hot rows [n, classes] for the targets. */
export function targetOneHot(targets: Int32Array, numClasses: number): tf.Tensor2D {
  const data = new Float32Array(targets.length * numClasses);
  targets.forEach((t, i) => (data[i * numClasses + t] = 1));
  return tf.tensor2d(data, [targets.length, numClasses]);
}

/** Per-image target logit [n] = sum over classes of logits * one-hot (differentiable on every backend). */
export function targetScores(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(tf.mul(logits, oneHot), 1) as tf.Tensor1D;
}

/** Logits [n, classes] of a clean forward pass, `batchSize` images per call. */
export async function predictLogits(model: FeatureModel, input: tf.Tensor4D, batchSize: number): Promise<Float32Array> {
  const n = input.shape[0];
  const out = new Float32Array(n * model.numClasses);
  for (let start = 0; start < n; start += batchSize) {
    const count = Math.min(batchSize, n - start);
    const logits = tf.tidy(() =>
      model.forwardHead(model.forwardFeatures(tf.slice(input, [start, 0, 0, 0], [count, -1, -1, -1]), false), false),
    );
    out.set(await logits.data(), start * model.numClasses);
    logits.dispose();
  }
  return out;
}
