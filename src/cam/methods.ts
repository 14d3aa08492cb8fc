/**
 * The CAM methods by name, each behind the same shape: `explain(model, input, options)` returns what
 * every consumer (the `cam` command, the evaluation notebook, the benchmark) needs: one [0, 1] map per
 * image at the input size and the explained classes, plus a method's own binary mask where it makes
 * one (DT Grad-CAM: Otsu + opening + closing). Single-pass methods run through the shared base
 * (base.ts); DT Grad-CAM averages Grad-CAMs of noisy copies (dt-grad-cam.ts).
 */
import type * as tf from "@tensorflow/tfjs";
import type { FeatureModel } from "../models/feature-model";
import { computeCam, type CamMethod } from "./base";
import { gradCam } from "./grad-cam";
import { gradCamPlusPlus } from "./grad-cam-plus-plus";
import { scoreCam, type ScoreCamOptions } from "./score-cam";
import { eigenCam, type EigenCamOptions } from "./eigen-cam";
import { dtGradCam, type DtGradCamOptions } from "./dt-grad-cam";

export type ExplainOptions = ScoreCamOptions & EigenCamOptions & DtGradCamOptions;

export interface Explanation {
  method: CamMethodName;
  n: number;
  height: number;
  width: number;
  targets: Int32Array;
  /** [n, H, W] in [0, 1]: the library's grayscale_cam, or DT Grad-CAM's averaged map. */
  maps: Float32Array;
  /** The method's own final mask [n, H, W], for methods that make one. */
  masks?: Uint8Array;
  /** The threshold behind each of those masks. */
  thresholds?: Float64Array;
}

export interface CamExplainer {
  /** The paper's spelling (Table 14, Fig. 7); Grad-CAM++ is not in the paper. */
  label: string;
  explain(model: FeatureModel, input: tf.Tensor4D, options: ExplainOptions): Promise<Explanation>;
}

function singlePass(method: CamMethod<any>, name: CamMethodName, label: string): CamExplainer {
  return {
    label,
    async explain(model, input, options) {
      const r = await computeCam(method, model, input, options);
      return { method: name, n: r.n, height: r.height, width: r.width, targets: r.targets, maps: r.map };
    },
  };
}

const dtGradCamExplainer: CamExplainer = {
  label: "DT Grad-CAM",
  async explain(model, input, options) {
    const r = await dtGradCam(model, input, options);
    return { method: "dtgradcam", n: r.n, height: r.height, width: r.width, targets: r.targets, maps: Float32Array.from(r.averagedMap), masks: r.mask, thresholds: r.thresholds };
  },
};

export const CAM_METHOD_NAMES = ["gradcam", "gradcam++", "scorecam", "eigencam", "dtgradcam"] as const;
export type CamMethodName = (typeof CAM_METHOD_NAMES)[number];

export const CAM_METHODS: Record<CamMethodName, CamExplainer> = {
  gradcam: singlePass(gradCam, "gradcam", "Grad-CAM"),
  "gradcam++": singlePass(gradCamPlusPlus, "gradcam++", "Grad-CAM++"),
  scorecam: singlePass(scoreCam, "scorecam", "Score-CAM"),
  eigencam: singlePass(eigenCam, "eigencam", "Eigen-CAM"),
  dtgradcam: dtGradCamExplainer,
};

export function camLabel(method: CamMethodName): string {
  return CAM_METHODS[method].label;
}

export function parseCamMethod(name: string): CamMethodName {
  const key = name.toLowerCase().replace(/[\s_-]/g, "").replace("plusplus", "++").replace(/^dt$/, "dtgradcam");
  if (!(CAM_METHOD_NAMES as readonly string[]).includes(key)) {
    throw new Error(`unknown CAM method '${name}': choose one of ${CAM_METHOD_NAMES.join(", ")}`);
  }
  return key as CamMethodName;
}

export async function explain(method: CamMethodName, model: FeatureModel, input: tf.Tensor4D, options: ExplainOptions = {}): Promise<Explanation> {
  const explainer: CamExplainer | undefined = CAM_METHODS[method];
  if (!explainer) throw new Error(`unknown CAM method '${method}': choose one of ${CAM_METHOD_NAMES.join(", ")}`);
  return explainer.explain(model, input, options);
}
