/**
 * Sensitivity and specificity, imbalanced-learn's `sensitivity_specificity_support`,
 * `sensitivity_score` and `specificity_score`.
 *
 * One-vs-rest per label k: sensitivity = TP/(TP+FN) (= recall), specificity = TN/(TN+FP).
 * A zero denominator gives 0 (imbalanced-learn warns and returns 0). "weighted" weights by support
 * and returns 0 for both when no scored label has a true sample; "micro" pools TP, FP, FN and TN over
 * labels. With "binary" on data holding a single label that is not `posLabel`, imbalanced-learn
 * returns 0 for both without computing anything, and so does this.
 * With sample weights, TN uses the total weight (see class-counts.ts for the imbalanced-learn quirk).
 */
import { checkTargets, type Labels } from "./targets";
import { checkAverage, labelsToScore, type Average, type AveragingOptions } from "./options";
import { classCounts } from "./class-counts";
import { divideOrDefault, npAverage, sum } from "./average";

export interface SensitivitySpecificitySupport<T> {
  sensitivity: T;
  specificity: T;
  /** Number of true samples per label for `average: null`; undefined when averaged. */
  support: number[] | undefined;
}

/** Both scores and the support. Default `average` is null (one value per label), as in imbalanced-learn. */
export function sensitivitySpecificitySupport(yTrue: Labels, yPred: Labels, options?: AveragingOptions & { average?: null }): SensitivitySpecificitySupport<number[]>;
export function sensitivitySpecificitySupport(yTrue: Labels, yPred: Labels, options: AveragingOptions & { average: Exclude<Average, null> }): SensitivitySpecificitySupport<number>;
export function sensitivitySpecificitySupport(yTrue: Labels, yPred: Labels, options?: AveragingOptions): SensitivitySpecificitySupport<number | number[]>;
export function sensitivitySpecificitySupport(
  yTrue: Labels,
  yPred: Labels,
  options: AveragingOptions = {},
): SensitivitySpecificitySupport<number | number[]> {
  return sensitivitySpecificityFor("sensitivitySpecificitySupport", yTrue, yPred, options, null);
}

/** The computation behind every sensitivity/specificity entry point; `defaultAverage` applies when options.average is undefined. */
export function sensitivitySpecificityFor(
  fn: string,
  yTrue: Labels,
  yPred: Labels,
  options: AveragingOptions,
  defaultAverage: Average,
): SensitivitySpecificitySupport<number | number[]> {
  const average = checkAverage(fn, options.average === undefined ? defaultAverage : options.average);
  const targets = checkTargets(fn, yTrue, yPred, options.sampleWeight);
  const { labels, posLabelAbsent } = labelsToScore(fn, targets, average, options);
  if (posLabelAbsent) return { sensitivity: 0, specificity: 0, support: undefined };
  const c = classCounts(yTrue, yPred, labels, options.sampleWeight);
  let { tp, fp, tn, support } = c;
  if (average === "micro") {
    tp = [sum(tp)];
    fp = [sum(fp)];
    tn = [sum(tn)];
    support = [sum(support)];
  }
  const specificity = divideOrDefault(tn, tn.map((t, i) => t + fp[i]));
  const sensitivity = divideOrDefault(tp, support);
  if (average === null) return { sensitivity, specificity, support: c.support };
  let weights: number[] | undefined;
  if (average === "weighted") {
    weights = support;
    if (sum(weights) === 0) return { sensitivity: 0, specificity: 0, support: undefined };
  }
  return { sensitivity: npAverage(sensitivity, weights), specificity: npAverage(specificity, weights), support: undefined };
}

/** Sensitivity TP/(TP+FN) (= recall). Default `average` "binary" (imbalanced-learn's `sensitivity_score`). */
export function sensitivityScore(yTrue: Labels, yPred: Labels, options: AveragingOptions & { average: null }): number[];
export function sensitivityScore(yTrue: Labels, yPred: Labels, options?: AveragingOptions & { average?: Exclude<Average, null> }): number;
export function sensitivityScore(yTrue: Labels, yPred: Labels, options?: AveragingOptions): number | number[];
export function sensitivityScore(yTrue: Labels, yPred: Labels, options?: AveragingOptions): number | number[] {
  return sensitivitySpecificityFor("sensitivityScore", yTrue, yPred, options ?? {}, "binary").sensitivity;
}
sensitivityScore.defaultAverage = "binary" as const;

/** Specificity TN/(TN+FP). Default `average` "binary" (imbalanced-learn's `specificity_score`). */
export function specificityScore(yTrue: Labels, yPred: Labels, options: AveragingOptions & { average: null }): number[];
export function specificityScore(yTrue: Labels, yPred: Labels, options?: AveragingOptions & { average?: Exclude<Average, null> }): number;
export function specificityScore(yTrue: Labels, yPred: Labels, options?: AveragingOptions): number | number[];
export function specificityScore(yTrue: Labels, yPred: Labels, options?: AveragingOptions): number | number[] {
  return sensitivitySpecificityFor("specificityScore", yTrue, yPred, options ?? {}, "binary").specificity;
}
specificityScore.defaultAverage = "binary" as const;
