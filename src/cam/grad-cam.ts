/** Grad-CAM: a channel's weight is the spatial mean of the target logit's gradient (not clipped). */
import * as tf from "@tensorflow/tfjs";
import { weighChannels } from "./base";

export const gradCam = weighChannels("gradcam", true, (ctx) => ({
  weights: tf.mean(ctx.gradients!, [1, 2]) as tf.Tensor2D,
}));
