/**
 * Overlap between a binarised CAM and a ground-truth region mask: IoU, Dice, precision, recall and F1
 * per image and averaged over images (macro mean). For binary masks F1 and Dice are the same number
 * (2TP / (2TP + FP + FN)), as the paper's Table 14 shows. A ratio whose denominator is zero (empty
 * prediction, empty truth, or both) takes `zeroDivision` (default 0), scikit-learn's convention.
 */

export interface RegionScores {
  iou: number;
  dice: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface RegionCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export const REGION_METRICS = ["iou", "dice", "precision", "recall", "f1"] as const;

export function regionCounts(predicted: ArrayLike<number>, truth: ArrayLike<number>): RegionCounts {
  if (predicted.length !== truth.length) throw new Error(`region metrics: prediction has ${predicted.length} pixels, truth ${truth.length}`);
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (let i = 0; i < truth.length; i++) {
    const p = predicted[i] ? 1 : 0;
    const t = truth[i] ? 1 : 0;
    if (p && t) c.tp++;
    else if (p) c.fp++;
    else if (t) c.fn++;
    else c.tn++;
  }
  return c;
}

export function regionScores(predicted: ArrayLike<number>, truth: ArrayLike<number>, zeroDivision = 0): RegionScores {
  const { tp, fp, fn } = regionCounts(predicted, truth);
  const ratio = (num: number, den: number) => (den === 0 ? zeroDivision : num / den);
  const dice = ratio(2 * tp, 2 * tp + fp + fn);
  return {
    iou: ratio(tp, tp + fp + fn),
    dice,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: dice,
  };
}

export function meanScores(scores: readonly RegionScores[]): RegionScores {
  const out: RegionScores = { iou: 0, dice: 0, precision: 0, recall: 0, f1: 0 };
  if (scores.length === 0) throw new Error("meanScores: no images");
  for (const s of scores) for (const k of REGION_METRICS) out[k] += s[k] / scores.length;
  return out;
}
