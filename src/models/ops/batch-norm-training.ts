/**
 * Training-mode batch normalisation over every axis but the last (channels), with its gradient written
 * out by hand.
 *
 * tfjs builds the training path from `moments` + `batchNorm`, and autodiff then walks both: the
 * FusedBatchNorm gradient tiles 1/sigma to the full activation shape, and the mean and variance paths
 * add a dozen more full-size temporaries. On wasm that made batch norm cost more than the convolutions
 * of a ResNet50 training step. The closed form needs two channel sums and a few elementwise passes:
 *
 *   x^ = (x - mu) / sigma,   y = gamma x^ + beta,   m = elements per channel
 *   dbeta = sum(dy),   dgamma = sum(dy x^)
 *   dx = (gamma / sigma) (dy - dbeta / m - x^ dgamma / m)
 *
 * Only broadcast multiplies and adds touch full-size tensors: wasm's FusedBatchNorm kernel divides and
 * indexes per element and is ~5x slower than a multiply plus an add.
 */
import * as tf from "@tensorflow/tfjs";

/**
 * Sum over all axes but the last, as a [C] vector. For NHWC tensors this is an average pool over the
 * whole image (then a sum over the batch): tfjs's Sum over leading axes transposes the tensor first,
 * a single-threaded copy on wasm that is 10-20x slower, and less accurate, than XNNPACK's pooling.
 */
export function channelSums(x: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    if (x.rank !== 4) return tf.sum(x, [...Array(x.rank - 1).keys()]) as tf.Tensor1D;
    const [n, h, w, c] = x.shape as [number, number, number, number];
    const means = tf.reshape(tf.avgPool(x as tf.Tensor4D, [h, w], 1, "valid"), [n, c]);
    return tf.mul(tf.sum(means, 0), h * w) as tf.Tensor1D;
  });
}

export interface BatchMoments {
  mean: tf.Tensor1D;
  /** Biased (population) variance, as tfjs's `moments` and PyTorch's normalisation use. */
  variance: tf.Tensor1D;
}

/**
 * y = gamma (x - mean) / sqrt(var + eps) + beta with the batch's own statistics, differentiable in x,
 * gamma and beta. `onMoments` receives the batch statistics (for the layer's running averages); they
 * carry no gradient, as in PyTorch and Keras.
 */
export function batchNormTraining(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
  onMoments?: (moments: BatchMoments) => void,
): tf.Tensor {
  const perChannel = x.size / x.shape[x.rank - 1];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, scale, offset] = args as tf.Tensor[];
    const save = args[3] as tf.GradSaveFunc;
    const mean = tf.div(channelSums(input), perChannel) as tf.Tensor1D;
    const centered = tf.sub(input, mean);
    const variance = tf.div(channelSums(tf.square(centered)), perChannel) as tf.Tensor1D;
    onMoments?.({ mean, variance });
    const invStd = tf.rsqrt(tf.add(variance, epsilon));
    save([centered, invStd, scale]);
    return {
      value: tf.add(tf.mul(centered, tf.mul(scale, invStd)), offset),
      // tfjs runs a customGrad's gradFunc outside any tidy scope: without this one, every temporary
      // here would stay in memory until the whole backward pass ends.
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.tidy(() => {
          const [xc, inv, g] = saved;
          const dBeta = channelSums(dy);
          const dGamma = tf.mul(channelSums(tf.mul(dy, xc)), inv);
          // dx = a dy + b (x - mu) + c per channel, with a = gamma / sigma, b = -a dgamma / (m sigma),
          // c = -a dbeta / m.
          const a = tf.mul(g, inv);
          const b = tf.mul(tf.mul(a, inv), tf.div(dGamma, -perChannel));
          const c = tf.mul(a, tf.div(dBeta, -perChannel));
          return [tf.add(tf.add(tf.mul(dy, a), tf.mul(xc, b)), c), dGamma, dBeta];
        }),
    };
  });
  return op(x, gamma, beta);
}
