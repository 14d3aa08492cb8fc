/**
 * Per-label one-vs-rest counts (true positives, false positives, false negatives, true negatives),
 * the sufficient statistics of every confusion-matrix metric. Same numbers as scikit-learn's
 * `multilabel_confusion_matrix` for multiclass input: counts are summed in sample order, so weighted
 * counts match numpy's `bincount` to the last bit.
 *
 * Deviation from imbalanced-learn 0.10: its `sensitivity_specificity_support` computes true negatives
 * as `n_samples - (pred + true - tp)` even when sample weights are given, mixing a count with weighted
 * sums. Here TN uses the total weight, as scikit-learn does; without weights both agree exactly.
 */
import type { Labels } from "./targets";

export interface ClassCounts {
  labels: number[];
  tp: number[];
  fp: number[];
  fn: number[];
  tn: number[];
  /** tp + fn: (weighted) number of true samples of each label. */
  support: number[];
  /** tp + fp: (weighted) number of predictions of each label. */
  predicted: number[];
}

/**
 * One-vs-rest counts for each of `labels` (in that order). Samples whose labels are not in `labels`
 * still count as negatives for every label, as in scikit-learn.
 */
export function classCounts(yTrue: Labels, yPred: Labels, labels: readonly number[], sampleWeight?: ArrayLike<number>): ClassCounts {
  const index = new Map<number, number>();
  labels.forEach((l, i) => { if (!index.has(l)) index.set(l, i); });
  const k = labels.length;
  const tpBy = new Array<number>(k).fill(0);
  const trueBy = new Array<number>(k).fill(0);
  const predBy = new Array<number>(k).fill(0);
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const w = sampleWeight === undefined ? 1 : sampleWeight[i];
    total += w;
    const t = index.get(yTrue[i]);
    const p = index.get(yPred[i]);
    if (t !== undefined) trueBy[t] += w;
    if (p !== undefined) predBy[p] += w;
    if (t !== undefined && yTrue[i] === yPred[i]) tpBy[t] += w;
  }
  // A label listed twice gets the counts of its first occurrence.
  const pick = (arr: number[]) => labels.map((l) => arr[index.get(l)!]);
  const tp = pick(tpBy);
  const support = pick(trueBy);
  const predicted = pick(predBy);
  const fp = predicted.map((p, i) => p - tp[i]);
  const fn = support.map((s, i) => s - tp[i]);
  const tn = tp.map((t, i) => total - t - fp[i] - fn[i]);
  return { labels: Array.from(labels), tp, fp, fn, tn, support, predicted };
}
