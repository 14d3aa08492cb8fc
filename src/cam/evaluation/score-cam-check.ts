/** Whether Score-CAM on a subset of channels (Faster-ScoreCAM) gives the maps of Score-CAM on all of them. */
import * as tf from "@tensorflow/tfjs";
import type { FeatureModel } from "../../models/feature-model";
import { pearson } from "../../metrics/pearson";
import { explain } from "../methods";
import { binarizeMaps } from "./binarize-maps";
import { evaluateMasks } from "./evaluate-regions";

export interface ScoreCamCheck {
  images: number;
  channels: number;
  totalChannels: number;
  /** Mean per-image correlation of the limited and the full Score-CAM map. */
  mapCorrelation: number;
  /** Mean per-image IoU of their Otsu masks. */
  maskIoU: number;
  msPerImageLimited: number;
  msPerImageFull: number;
}

/** How far Score-CAM on the `channels` most varied channels is from Score-CAM on all of them. */
export async function scoreCamLimitCheck(model: FeatureModel, input: tf.Tensor4D, targets: ArrayLike<number>, channels: number): Promise<ScoreCamCheck> {
  const n = input.shape[0];
  const pixels = input.shape[1] * input.shape[2];
  const timed = async (topChannels?: number) => {
    const start = performance.now();
    const e = await explain("scorecam", model, input, { targets, topChannels });
    return { e, ms: (performance.now() - start) / n };
  };
  const limited = await timed(channels);
  const full = await timed();
  const a = binarizeMaps(limited.e.maps, n, { kind: "otsu" }).masks;
  const b = binarizeMaps(full.e.maps, n, { kind: "otsu" }).masks;
  const per = evaluateMasks(a, b, n).perImage;
  let correlation = 0;
  for (let i = 0; i < n; i++) correlation += pearson(limited.e.maps.subarray(i * pixels, (i + 1) * pixels), full.e.maps.subarray(i * pixels, (i + 1) * pixels)) / n;
  const totalChannels = tf.tidy(() => model.forwardFeatures(tf.slice(input, [0, 0, 0, 0], [1, -1, -1, -1]), false).shape[3]);
  return {
    images: n,
    channels,
    totalChannels,
    mapCorrelation: correlation,
    maskIoU: per.reduce((s, r) => s + r.iou, 0) / n,
    msPerImageLimited: limited.ms,
    msPerImageFull: full.ms,
  };
}
