/**
 * Wall time per image of each CAM method, for `dala bench` and the evaluation notebook. One untimed
 * warm-up call on the first image lets the backend compile and allocate before timing starts.
 */
import * as tf from "@tensorflow/tfjs";
import type { FeatureModel } from "../models/feature-model";
import { explain, type CamMethodName, type ExplainOptions } from "./methods";

export interface CamTiming {
  method: CamMethodName;
  images: number;
  totalMs: number;
  msPerImage: number;
}

export async function timeCamMethods(
  methods: readonly CamMethodName[],
  model: FeatureModel,
  input: tf.Tensor4D,
  options: ExplainOptions = {},
): Promise<CamTiming[]> {
  const n = input.shape[0];
  if (n < 1) throw new Error("timeCamMethods: no images");
  const first = tf.slice(input, [0, 0, 0, 0], [1, -1, -1, -1]);
  const firstTargets = options.targets === undefined ? undefined : [options.targets[0]];
  const out: CamTiming[] = [];
  try {
    for (const method of methods) {
      await explain(method, model, first, { ...options, targets: firstTargets });
      const start = performance.now();
      await explain(method, model, input, options);
      const totalMs = performance.now() - start;
      out.push({ method, images: n, totalMs, msPerImage: totalMs / n });
    }
  } finally {
    first.dispose();
  }
  return out;
}
