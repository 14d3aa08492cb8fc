/**
 * Positive and negative predictive values (PPV, NPV), the other half of the paper's Tables 11-12.
 * Neither scikit-learn nor imbalanced-learn has them; they follow the same conventions as
 * `sensitivitySpecificitySupport`:
 *
 * One-vs-rest per label k: PPV = TP/(TP+FP) (= precision), NPV = TN/(TN+FN). A zero denominator gives
 * 0. "weighted" weights by support (true samples per label, like every other weighted score here) and
 * returns 0 for both when no scored label has a true sample; "micro" pools the counts over labels.
 * With "binary" and a `posLabel` absent from single-label data the counts are still computed (so PPV
 * is 0 and NPV is usually 1): there is no library behaviour to copy, and these are the true values.
 */
import { checkTargets, type Labels } from "./targets";
import { checkAverage, labelsToScore, type Average, type AveragingOptions } from "./options";
import { classCounts } from "./class-counts";
import { divideOrDefault, npAverage, sum } from "./average";

export interface PredictiveValues<T> {
  ppv: T;
  npv: T;
  /** Number of true samples per label for `average: null`; undefined when averaged. */
  support: number[] | undefined;
}

/** PPV, NPV and support. Default `average` is null (one value per label). */
export function predictiveValues(yTrue: Labels, yPred: Labels, options?: AveragingOptions & { average?: null }): PredictiveValues<number[]>;
export function predictiveValues(yTrue: Labels, yPred: Labels, options: AveragingOptions & { average: Exclude<Average, null> }): PredictiveValues<number>;
export function predictiveValues(yTrue: Labels, yPred: Labels, options?: AveragingOptions): PredictiveValues<number | number[]>;
export function predictiveValues(yTrue: Labels, yPred: Labels, options: AveragingOptions = {}): PredictiveValues<number | number[]> {
  return pv("predictiveValues", yTrue, yPred, options, null);
}

function pv(fn: string, yTrue: Labels, yPred: Labels, options: AveragingOptions, defaultAverage: Average): PredictiveValues<number | number[]> {
  const average = checkAverage(fn, options.average === undefined ? defaultAverage : options.average);
  const targets = checkTargets(fn, yTrue, yPred, options.sampleWeight);
  const { labels } = labelsToScore(fn, targets, average, options);
  const c = classCounts(yTrue, yPred, labels, options.sampleWeight);
  let { tp, fp, fn: fneg, tn, support } = c;
  if (average === "micro") {
    tp = [sum(tp)];
    fp = [sum(fp)];
    fneg = [sum(fneg)];
    tn = [sum(tn)];
    support = [sum(support)];
  }
  const ppv = divideOrDefault(tp, tp.map((t, i) => t + fp[i]));
  const npv = divideOrDefault(tn, tn.map((t, i) => t + fneg[i]));
  if (average === null) return { ppv, npv, support: c.support };
  let weights: number[] | undefined;
  if (average === "weighted") {
    weights = support;
    if (sum(weights) === 0) return { ppv: 0, npv: 0, support: undefined };
  }
  return { ppv: npAverage(ppv, weights), npv: npAverage(npv, weights), support: undefined };
}

/** Positive predictive value TP/(TP+FP). Default `average` "binary", like `specificityScore`. */
export function ppvScore(yTrue: Labels, yPred: Labels, options: AveragingOptions & { average: null }): number[];
export function ppvScore(yTrue: Labels, yPred: Labels, options?: AveragingOptions & { average?: Exclude<Average, null> }): number;
export function ppvScore(yTrue: Labels, yPred: Labels, options?: AveragingOptions): number | number[];
export function ppvScore(yTrue: Labels, yPred: Labels, options?: AveragingOptions): number | number[] {
  return pv("ppvScore", yTrue, yPred, options ?? {}, "binary").ppv;
}
ppvScore.defaultAverage = "binary" as const;

/** Negative predictive value TN/(TN+FN). Default `average` "binary", like `specificityScore`. */
export function npvScore(yTrue: Labels, yPred: Labels, options: AveragingOptions & { average: null }): number[];
export function npvScore(yTrue: Labels, yPred: Labels, options?: AveragingOptions & { average?: Exclude<Average, null> }): number;
export function npvScore(yTrue: Labels, yPred: Labels, options?: AveragingOptions): number | number[];
export function npvScore(yTrue: Labels, yPred: Labels, options?: AveragingOptions): number | number[] {
  return pv("npvScore", yTrue, yPred, options ?? {}, "binary").npv;
}
npvScore.defaultAverage = "binary" as const;
