/**
 * Cross-entropy on logits (PyTorch's `nn.CrossEntropyLoss`). The class score is picked with a one-hot
 * product rather than `gather`, whose gradient (UnsortedSegmentSum) the wasm backend lacks.
 */
import * as tf from "@tensorflow/tfjs";

/** Per-example cross-entropy, shape [n]. `labels` are class indices in [0, classes). */
export function crossEntropyPerExample(logits: tf.Tensor2D, labels: Int32Array): tf.Tensor1D {
  const classes = logits.shape[1];
  if (labels.length !== logits.shape[0]) {
    throw new Error(`cross-entropy: ${labels.length} labels for ${logits.shape[0]} logit rows`);
  }
  for (const l of labels) {
    if (!(l >= 0 && l < classes)) throw new Error(`cross-entropy: label ${l} outside [0, ${classes})`);
  }
  return tf.tidy(() => {
    const oneHot = tf.oneHot(tf.tensor1d(labels, "int32"), classes).toFloat();
    return tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1)) as tf.Tensor1D;
  });
}

/** Summed (not averaged) cross-entropy: averaging happens once per optimizer step, over all micro-batches. */
export function crossEntropySum(logits: tf.Tensor2D, labels: Int32Array): tf.Scalar {
  return tf.tidy(() => tf.sum(crossEntropyPerExample(logits, labels)) as tf.Scalar);
}
