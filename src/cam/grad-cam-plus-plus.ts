/**
 * Grad-CAM++ as pytorch-grad-cam computes it: alpha = g^2 / (2 g^2 + S_k g^3 + 1e-6) with S_k the
 * spatial sum of channel k's activations, zero where the gradient is zero; weight = sum relu(g) alpha.
 * The 1e-6 is not negligible for small gradients, so it is kept exactly.
 */
import * as tf from "@tensorflow/tfjs";
import { weighChannels } from "./base";

export const gradCamPlusPlus = weighChannels("gradcam++", true, (ctx) =>
  tf.tidy(() => {
    const g = ctx.gradients!;
    const g2 = tf.square(g);
    const g3 = tf.mul(g2, g);
    const sumActivations = tf.sum(ctx.activations, [1, 2], true);
    const alpha = tf.div(g2, tf.add(tf.add(tf.mul(g2, 2), tf.mul(sumActivations, g3)), 1e-6));
    const safeAlpha = tf.where(tf.notEqual(g, 0), alpha, tf.zerosLike(alpha));
    return {
      weights: tf.sum(tf.mul(tf.relu(g), safeAlpha), [1, 2]) as tf.Tensor2D,
      extras: { sumActivations: tf.squeeze(sumActivations, [1, 2]) },
    };
  }),
);
