/**
 * ROC curve and trapezoidal area, scikit-learn 1.2's `roc_curve(y_true, y_score, *, pos_label,
 * sample_weight, drop_intermediate=True)` and `auc(x, y)`.
 *
 * Tied scores form a single threshold, so a tie between a positive and a negative sample is a
 * diagonal step of the curve and counts one half in the area (scikit-learn's tie handling).
 * Samples with zero weight are dropped first, as scikit-learn does.
 */
import { checkIntegerLabels, checkSameLength, checkSampleWeight, uniqueLabels, type Labels } from "./targets";

export interface RocCurveOptions {
  /** The positive class. Default 1; required unless yTrue's labels are within {0, 1} or {-1, 1}. */
  posLabel?: number;
  sampleWeight?: ArrayLike<number>;
  /** Drop thresholds on straight segments of the curve (they do not change its area). Default true. */
  dropIntermediate?: boolean;
}

export interface RocCurve {
  /** False positive rate at each threshold, increasing from 0 to 1 (NaN if there are no negatives). */
  fpr: number[];
  /** True positive rate at each threshold (NaN if there are no positives). */
  tpr: number[];
  /** Decreasing thresholds; the first is max(score) + 1 (scikit-learn 1.2; later versions use infinity). */
  thresholds: number[];
}

/** Cumulative false/true positive (weighted) counts at each distinct score, from the highest score down. */
export function binaryClfCurve(
  yTrue: Labels,
  yScore: ArrayLike<number>,
  posLabel: number,
  sampleWeight?: ArrayLike<number>,
): { fps: number[]; tps: number[]; thresholds: number[] } {
  let idx = Array.from({ length: yTrue.length }, (_, i) => i);
  if (sampleWeight !== undefined) idx = idx.filter((i) => sampleWeight[i] !== 0);
  // numpy's argsort(kind="mergesort")[::-1]: stable ascending, then reversed.
  idx.sort((a, b) => yScore[a] - yScore[b] || a - b);
  idx.reverse();
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r];
    const w = sampleWeight === undefined ? 1 : sampleWeight[i];
    const positive = yTrue[i] === posLabel ? 1 : 0;
    tp += positive * w;
    if (sampleWeight !== undefined) fp += (1 - positive) * w;
    const last = r === idx.length - 1 || yScore[idx[r + 1]] !== yScore[i];
    if (last) {
      tps.push(tp);
      // Without weights scikit-learn derives fps from the position, which is exact.
      fps.push(sampleWeight === undefined ? 1 + r - tp : fp);
      thresholds.push(yScore[i]);
    }
  }
  return { fps, tps, thresholds };
}

/** The ROC curve of binary labels against scores for `posLabel`. */
export function rocCurve(yTrue: Labels, yScore: ArrayLike<number>, options: RocCurveOptions = {}): RocCurve {
  const fn = "rocCurve";
  checkSameLength(fn, yTrue, yScore, "yScore");
  checkIntegerLabels(fn, "yTrue", yTrue);
  checkSampleWeight(fn, options.sampleWeight, yTrue.length);
  for (let i = 0; i < yScore.length; i++) {
    if (!Number.isFinite(yScore[i])) throw new Error(`${fn}: yScore[${i}] = ${yScore[i]} is not finite`);
  }
  const classes = uniqueLabels(yTrue);
  if (classes.length > 2) throw new Error(`${fn}: yTrue has ${classes.length} classes; a ROC curve needs binary labels`);
  let posLabel = options.posLabel;
  if (posLabel === undefined) {
    const conventional = classes.every((c) => c === 0 || c === 1) || classes.every((c) => c === -1 || c === 1);
    if (!conventional) throw new Error(`${fn}: yTrue takes values in {${classes.join(", ")}} and posLabel is not specified`);
    posLabel = 1;
  }
  let { fps, tps, thresholds } = binaryClfCurve(yTrue, yScore, posLabel, options.sampleWeight);
  if (options.dropIntermediate !== false && fps.length > 2) {
    const keep: number[] = [0];
    for (let i = 1; i < fps.length - 1; i++) {
      const d2f = fps[i + 1] - fps[i] - (fps[i] - fps[i - 1]);
      const d2t = tps[i + 1] - tps[i] - (tps[i] - tps[i - 1]);
      if (d2f !== 0 || d2t !== 0) keep.push(i);
    }
    keep.push(fps.length - 1);
    fps = keep.map((i) => fps[i]);
    tps = keep.map((i) => tps[i]);
    thresholds = keep.map((i) => thresholds[i]);
  }
  fps = [0, ...fps];
  tps = [0, ...tps];
  thresholds = [thresholds[0] + 1, ...thresholds];
  const lastF = fps[fps.length - 1];
  const lastT = tps[tps.length - 1];
  return {
    fpr: fps.map((f) => (lastF <= 0 ? NaN : f / lastF)),
    tpr: tps.map((t) => (lastT <= 0 ? NaN : t / lastT)),
    thresholds,
  };
}

/**
 * Area under a curve by the trapezoidal rule, scikit-learn's `auc(x, y)`: x must be monotonic
 * (increasing, or decreasing, in which case the area is negated back to positive).
 */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new Error(`auc: x has ${x.length} points, y has ${y.length}`);
  if (x.length < 2) throw new Error(`auc: at least 2 points are needed to compute area under curve, but x.length = ${x.length}`);
  let increasing = true;
  let decreasing = true;
  for (let i = 1; i < x.length; i++) {
    if (x[i] < x[i - 1]) increasing = false;
    if (x[i] > x[i - 1]) decreasing = false;
  }
  if (!increasing && !decreasing) throw new Error(`auc: x is neither increasing nor decreasing: [${Array.from(x).join(", ")}]`);
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return increasing ? area : -area;
}
