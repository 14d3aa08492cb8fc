/**
 * The CAM methods by name, behind one call that returns what every consumer (the `cam` command,
 * the evaluation notebook, the benchmark) needs: one [0, 1] map per image at the input size, the
 * explained classes, and DT Grad-CAM's own mask.
 */
import type * as tf from "@tensorflow/tfjs";
import type { FeatureModel } from "../models/feature-model";
import { computeCam, type CamMethod } from "./base";
import { gradCam } from "./grad-cam";
import { gradCamPlusPlus } from "./grad-cam-plus-plus";
import { scoreCam, type ScoreCamOptions } from "./score-cam";
import { eigenCam, type EigenCamOptions } from "./eigen-cam";
import { dtGradCam, type DtGradCamOptions } from "./dt-grad-cam";

export const CAM_METHOD_NAMES = ["gradcam", "gradcam++", "scorecam", "eigencam", "dtgradcam"] as const;
export type CamMethodName = (typeof CAM_METHOD_NAMES)[number];

const SINGLE_PASS: Record<Exclude<CamMethodName, "dtgradcam">, CamMethod<any>> = {
  gradcam: gradCam,
  "gradcam++": gradCamPlusPlus,
  scorecam: scoreCam,
  eigencam: eigenCam,
};

export type ExplainOptions = ScoreCamOptions & EigenCamOptions & DtGradCamOptions;

export interface Explanation {
  method: CamMethodName;
  n: number;
  height: number;
  width: number;
  targets: Int32Array;
  /** [n, H, W] in [0, 1]: the library's grayscale_cam, or DT Grad-CAM's averaged map. */
  maps: Float32Array;
  /** DT Grad-CAM's final mask [n, H, W] (its own Otsu + opening + closing). */
  masks?: Uint8Array;
  thresholds?: Float64Array;
}

export function parseCamMethod(name: string): CamMethodName {
  const key = name.toLowerCase().replace(/[\s_-]/g, "").replace("plusplus", "++").replace(/^dt$/, "dtgradcam");
  if (!(CAM_METHOD_NAMES as readonly string[]).includes(key)) {
    throw new Error(`unknown CAM method '${name}': choose one of ${CAM_METHOD_NAMES.join(", ")}`);
  }
  return key as CamMethodName;
}

export async function explain(
  method: CamMethodName,
  model: FeatureModel,
  input: tf.Tensor4D,
  options: ExplainOptions = {},
): Promise<Explanation> {
  const [n, height, width] = input.shape;
  if (method === "dtgradcam") {
    const r = await dtGradCam(model, input, options);
    return { method, n, height, width, targets: r.targets, maps: Float32Array.from(r.averagedMap), masks: r.mask, thresholds: r.thresholds };
  }
  const impl = SINGLE_PASS[method];
  if (!impl) throw new Error(`unknown CAM method '${method}': choose one of ${CAM_METHOD_NAMES.join(", ")}`);
  const r = await computeCam(impl, model, input, options);
  return { method, n, height, width, targets: r.targets, maps: r.map };
}
