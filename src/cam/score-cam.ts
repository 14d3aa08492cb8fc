/**
 * Score-CAM as pytorch-grad-cam computes it: each channel, upsampled to the input size (bilinear,
 * align-corners) and min-max scaled with epsilon 1e-8, masks the input; the masked images' raw target
 * logits, softmaxed across channels, are the channel weights (no baseline, no class softmax).
 *
 * `topChannels` keeps only the N channels with the largest spatial standard deviation, as
 * Faster-ScoreCAM does; the others get weight 0 and are not run through the model.
 */
import * as tf from "@tensorflow/tfjs";
import { weighChannels, type CamContext, type CamOptions } from "./base";
import { targetScores } from "./targets";

export interface ScoreCamOptions extends CamOptions {
  /** Keep only this many channels (largest spatial standard deviation); default: all. */
  topChannels?: number;
}

/** Channels ranked by spatial standard deviation, largest first (stable on ties). */
function topChannelsByStd(activation: tf.Tensor3D, keep: number): Promise<number[]> {
  const variance = tf.tidy(() => tf.moments(activation, [0, 1]).variance);
  return variance.data().then((v) => {
    variance.dispose();
    return Array.from(v.keys())
      .sort((a, b) => v[b] - v[a] || a - b)
      .slice(0, keep);
  });
}

/**
 * Score-CAM's masks [k, H, W, 1] from activation channels [h, w, k]: each channel upsampled
 * (align-corners) and scaled to [0, 1] with (u - min) / (max - min + 1e-8).
 */
export function scoreCamMasks(channels: tf.Tensor3D, height: number, width: number): tf.Tensor4D {
  return tf.tidy(() => {
    const up = tf.image.resizeBilinear(tf.expandDims(channels, 0) as tf.Tensor4D, [height, width], true);
    const lo = tf.min(up, [1, 2], true);
    const hi = tf.max(up, [1, 2], true);
    const masks = tf.div(tf.sub(up, lo), tf.add(tf.sub(hi, lo), 1e-8));
    return tf.transpose(masks, [3, 1, 2, 0]) as tf.Tensor4D;
  });
}

/** Raw target logits of the input masked by each of `channels` (one batch per call). */
function maskedScores(ctx: CamContext, image: number, channels: tf.Tensor3D): tf.Tensor1D {
  return tf.tidy(() => {
    const [height, width] = ctx.input.shape.slice(1);
    const k = channels.shape[2];
    const x = tf.slice(ctx.input, [image, 0, 0, 0], [1, -1, -1, -1]);
    // Each mask scales all colour channels of one copy.
    const masked = tf.mul(scoreCamMasks(channels, height, width), x) as tf.Tensor4D;
    const logits = ctx.model.forwardHead(ctx.model.forwardFeatures(masked, false), false);
    const oneHot = tf.tile(tf.slice(ctx.oneHot, [image, 0], [1, -1]), [k, 1]);
    return targetScores(logits, oneHot as tf.Tensor2D);
  });
}

export const scoreCam = weighChannels<ScoreCamOptions>("scorecam", false, async (ctx, options) => {
  const [n, , , c] = ctx.activations.shape;
  const keep = options.topChannels ?? c;
  if (!(Number.isInteger(keep) && keep >= 1)) throw new Error(`scorecam: topChannels must be a positive integer, got ${keep}`);
  const weights = new Float32Array(n * c);
  // NaN marks channels that topChannels left out.
  const scores = new Float32Array(n * c).fill(NaN);
  for (let i = 0; i < n; i++) {
    const activation = tf.tidy(() => tf.squeeze(tf.slice(ctx.activations, [i, 0, 0, 0], [1, -1, -1, -1]), [0]) as tf.Tensor3D);
    const channels = keep < c ? await topChannelsByStd(activation, keep) : Array.from({ length: c }, (_, k) => k);
    const selected: number[] = [];
    for (let start = 0; start < channels.length; start += ctx.batchSize) {
      const chunk = channels.slice(start, start + ctx.batchSize);
      const chunkTensor = tf.tidy(() => tf.gather(activation, tf.tensor1d(chunk, "int32"), 2) as tf.Tensor3D);
      const s = maskedScores(ctx, i, chunkTensor);
      selected.push(...(await s.data()));
      tf.dispose([chunkTensor, s]);
    }
    activation.dispose();
    const soft = tf.softmax(tf.tensor1d(selected));
    const softData = await soft.data();
    soft.dispose();
    channels.forEach((k, j) => {
      weights[i * c + k] = softData[j];
      scores[i * c + k] = selected[j];
    });
  }
  return { weights: tf.tensor2d(weights, [n, c]), extras: { scores: tf.tensor2d(scores, [n, c]) } };
});
