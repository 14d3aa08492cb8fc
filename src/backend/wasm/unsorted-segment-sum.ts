/**
 * UnsortedSegmentSum for the wasm backend (the gradient of `gather`, which the backend lacks), as a
 * matrix product with the transposed one-hot matrix of the segment ids. Ids outside [0, numSegments)
 * give an all-zero one-hot row and are dropped, as in TensorFlow. The product costs
 * numSegments x ids x row size, fine for class-score selection and embedding-sized problems.
 */
import * as tf from "@tensorflow/tfjs";

export function unsortedSegmentSumByOneHot(x: tf.Tensor, segmentIds: tf.Tensor, numSegments: number): tf.Tensor {
  return tf.tidy(() => {
    const ids = tf.reshape(segmentIds, [-1]) as tf.Tensor1D;
    const rows = ids.shape[0];
    const rowShape = x.shape.slice(segmentIds.shape.length);
    const rowSize = rowShape.reduce((a, b) => a * b, 1);
    const values = tf.reshape(x.dtype === "float32" ? x : tf.cast(x, "float32"), [rows, rowSize]) as tf.Tensor2D;
    const assign = tf.cast(tf.oneHot(tf.cast(ids, "int32"), numSegments), "float32") as tf.Tensor2D;
    const summed = tf.reshape(tf.matMul(tf.transpose(assign), values), [numSegments, ...rowShape]);
    return x.dtype === "float32" ? summed : tf.cast(summed, x.dtype);
  });
}

export const unsortedSegmentSumConfig: tf.KernelConfig = {
  kernelName: tf.UnsortedSegmentSum,
  backendName: "wasm",
  kernelFunc: ({ inputs, attrs }) => {
    const { x, segmentIds } = inputs as unknown as { x: tf.Tensor; segmentIds: tf.Tensor };
    return unsortedSegmentSumByOneHot(x, segmentIds, (attrs as unknown as tf.UnsortedSegmentSumAttrs).numSegments);
  },
};
