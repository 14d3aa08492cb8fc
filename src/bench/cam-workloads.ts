/** The CAM methods the kit evaluates, timed per image on a registry model. */
import * as tf from "@tensorflow/tfjs";
import type { KitModel } from "../models/types";
import { dtGradCam } from "../cam/dt-grad-cam";
import { computeCam } from "../cam/base";
import { scoreCam } from "../cam/score-cam";

/** DT Grad-CAM of one batch with `samples` noisy copies per image (the paper's method; kit default N = 8). */
export function dtGradCamRunner(model: KitModel, x: tf.Tensor4D, samples: number): () => Promise<void> {
  return async () => {
    await dtGradCam(model, x, { samples, targets: new Int32Array(x.shape[0]) });
  };
}

/** Score-CAM restricted to the `topChannels` most varied channels (each costs one masked forward pass). */
export function scoreCamRunner(model: KitModel, x: tf.Tensor4D, topChannels: number, batchSize: number): () => Promise<void> {
  return async () => {
    await computeCam(scoreCam, model, x, { topChannels, batchSize, targets: new Int32Array(x.shape[0]) });
  };
}
