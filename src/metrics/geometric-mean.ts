/**
 * Geometric mean score, imbalanced-learn's
 * `geometric_mean_score(y_true, y_pred, *, labels, pos_label, average="multiclass", sample_weight, correction=0.0)`.
 *
 * - average "multiclass" (default): (prod_k recall_k)^(1/K) over the K scored labels (`labels`, or
 *   every label in yTrue or yPred), computed as exp(mean(log recall_k)) like scipy's `gmean`. A recall
 *   of 0 (including a label that is predicted but never true) is replaced by `correction`, so with the
 *   default correction 0 one missed class makes the score 0.
 * - any other average a (null, "binary", "micro", "macro", "weighted"):
 *   sqrt(sensitivity(a) * specificity(a)) from `sensitivitySpecificitySupport`; null gives one value
 *   per label; "binary" throws on multiclass targets.
 */
import { checkTargets, type Labels } from "./targets";
import type { Average, AveragingOptions } from "./options";
import { classCounts } from "./class-counts";
import { divideOrDefault } from "./average";
import { sensitivitySpecificityFor } from "./sensitivity-specificity";

export type GmeanAverage = Average | "multiclass";

export interface GeometricMeanOptions extends Omit<AveragingOptions, "average"> {
  average?: GmeanAverage;
  /** Substitute for a zero per-class recall with average "multiclass". Default 0. */
  correction?: number;
}

/** G-mean of yTrue vs yPred; see the module comment for `average` and `correction`. One value per label for average null. */
export function geometricMeanScore(yTrue: Labels, yPred: Labels, options: GeometricMeanOptions & { average: null }): number[];
export function geometricMeanScore(yTrue: Labels, yPred: Labels, options?: GeometricMeanOptions & { average?: Exclude<GmeanAverage, null> }): number;
export function geometricMeanScore(yTrue: Labels, yPred: Labels, options?: GeometricMeanOptions): number | number[];
export function geometricMeanScore(yTrue: Labels, yPred: Labels, options?: GeometricMeanOptions): number | number[] {
  const fn = "geometricMeanScore";
  const opts: GeometricMeanOptions = options ?? {};
  const average = opts.average === undefined ? "multiclass" : opts.average;
  if (average !== "multiclass") {
    const { sensitivity, specificity } = sensitivitySpecificityFor(fn, yTrue, yPred, { ...opts, average }, "binary");
    if (typeof sensitivity === "number") return Math.sqrt(sensitivity * (specificity as number));
    return sensitivity.map((s, i) => Math.sqrt(s * (specificity as number[])[i]));
  }
  const correction = opts.correction ?? 0;
  if (!Number.isFinite(correction) || correction < 0) throw new Error(`${fn}: correction must be a finite number >= 0; got ${correction}`);
  const targets = checkTargets(fn, yTrue, yPred, opts.sampleWeight);
  const labels = opts.labels === undefined ? targets.present : Array.from(opts.labels);
  if (labels.length === 0) throw new Error(`${fn}: labels must contain at least one label`);
  const c = classCounts(yTrue, yPred, labels, opts.sampleWeight);
  const recall = divideOrDefault(c.tp, c.support).map((r) => (r === 0 ? correction : r));
  let meanLog = 0;
  for (const r of recall) meanLog += Math.log(r);
  return Math.exp(meanLog / recall.length);
}
geometricMeanScore.defaultAverage = "multiclass" as const;
