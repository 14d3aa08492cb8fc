/**
 * Precision, recall and F-beta, scikit-learn's `precision_recall_fscore_support` and the
 * `precision_score` / `recall_score` / `fbeta_score` / `f1_score` shortcuts.
 *
 * Per label k: precision = TP/(TP+FP), recall = TP/(TP+FN), F-beta = (1+b^2) P R / (b^2 P + R)
 * computed from the rounded P and R as scikit-learn does (F is 0 when P and R are both 0).
 * A zero denominator gives `zeroDivision` (default 0: scikit-learn's "warn" value; no warning is
 * printed). With average "weighted" and no true samples of any scored label, the result follows
 * scikit-learn: all `zeroDivision` if nothing was predicted either, else precision 0, recall
 * `zeroDivision`, F 0. With "binary" on data holding a single label that is not `posLabel`, the
 * scores are computed for the absent label (so they are `zeroDivision`), as scikit-learn does.
 */
import { checkTargets, type Labels } from "./targets";
import { checkAverage, labelsToScore, type Average, type AveragingOptions } from "./options";
import { classCounts } from "./class-counts";
import { divideOrDefault, npAverage, sum, type ZeroDivision } from "./average";

export interface PrecisionRecallOptions extends AveragingOptions {
  /** Value of a ratio whose denominator is 0. Default 0. */
  zeroDivision?: ZeroDivision;
}

export interface FbetaOptions extends PrecisionRecallOptions {
  /** Weight of recall relative to precision. Default 1 (F1). */
  beta?: number;
}

export interface PrecisionRecallFscoreSupport<T> {
  precision: T;
  recall: T;
  fscore: T;
  /** Number of true samples per label for `average: null`; undefined when averaged. */
  support: number[] | undefined;
}

/**
 * All three scores and the support at once. Default `average` is null (one value per label),
 * as in scikit-learn.
 */
export function precisionRecallFscoreSupport(yTrue: Labels, yPred: Labels, options?: FbetaOptions & { average?: null }): PrecisionRecallFscoreSupport<number[]>;
export function precisionRecallFscoreSupport(yTrue: Labels, yPred: Labels, options: FbetaOptions & { average: Exclude<Average, null> }): PrecisionRecallFscoreSupport<number>;
export function precisionRecallFscoreSupport(yTrue: Labels, yPred: Labels, options?: FbetaOptions): PrecisionRecallFscoreSupport<number | number[]>;
export function precisionRecallFscoreSupport(
  yTrue: Labels,
  yPred: Labels,
  options: FbetaOptions = {},
): PrecisionRecallFscoreSupport<number | number[]> {
  return prfs("precisionRecallFscoreSupport", yTrue, yPred, options, null);
}

function prfs(
  fn: string,
  yTrue: Labels,
  yPred: Labels,
  options: FbetaOptions,
  defaultAverage: Average,
): PrecisionRecallFscoreSupport<number | number[]> {
  const beta = options.beta ?? 1;
  if (!(beta >= 0)) throw new Error(`${fn}: beta should be >= 0 in the F-beta score; got ${beta}`);
  const zd = options.zeroDivision ?? 0;
  if (zd !== 0 && zd !== 1) throw new Error(`${fn}: zeroDivision must be 0 or 1; got ${zd}`);
  const average = checkAverage(fn, options.average === undefined ? defaultAverage : options.average);
  const targets = checkTargets(fn, yTrue, yPred, options.sampleWeight);
  const { labels } = labelsToScore(fn, targets, average, options);
  const c = classCounts(yTrue, yPred, labels, options.sampleWeight);
  let tp = c.tp;
  let predicted = c.predicted;
  let support = c.support;
  if (average === "micro") {
    tp = [sum(tp)];
    predicted = [sum(predicted)];
    support = [sum(support)];
  }
  const precision = divideOrDefault(tp, predicted, zd);
  const recall = divideOrDefault(tp, support, zd);
  const beta2 = beta * beta;
  const fscore =
    beta === Infinity
      ? recall.slice()
      : precision.map((p, i) => {
          const denom = beta2 * p + recall[i];
          return ((1 + beta2) * p * recall[i]) / (denom === 0 ? 1 : denom);
        });
  if (average === null) return { precision, recall, fscore, support: c.support };
  let weights: number[] | undefined;
  if (average === "weighted") {
    weights = support;
    if (sum(weights) === 0) {
      if (sum(predicted) === 0) return { precision: zd, recall: zd, fscore: zd, support: undefined };
      return { precision: 0, recall: zd, fscore: 0, support: undefined };
    }
  }
  return {
    precision: npAverage(precision, weights),
    recall: npAverage(recall, weights),
    fscore: npAverage(fscore, weights),
    support: undefined,
  };
}

/** Precision TP/(TP+FP). Default `average` "binary" (scikit-learn's `precision_score`). */
export function precisionScore(yTrue: Labels, yPred: Labels, options: PrecisionRecallOptions & { average: null }): number[];
export function precisionScore(yTrue: Labels, yPred: Labels, options?: PrecisionRecallOptions & { average?: Exclude<Average, null> }): number;
export function precisionScore(yTrue: Labels, yPred: Labels, options?: PrecisionRecallOptions): number | number[];
export function precisionScore(yTrue: Labels, yPred: Labels, options?: PrecisionRecallOptions): number | number[] {
  return prfs("precisionScore", yTrue, yPred, options ?? {}, "binary").precision;
}
precisionScore.defaultAverage = "binary" as const;

/** Recall TP/(TP+FN). Default `average` "binary" (scikit-learn's `recall_score`). */
export function recallScore(yTrue: Labels, yPred: Labels, options: PrecisionRecallOptions & { average: null }): number[];
export function recallScore(yTrue: Labels, yPred: Labels, options?: PrecisionRecallOptions & { average?: Exclude<Average, null> }): number;
export function recallScore(yTrue: Labels, yPred: Labels, options?: PrecisionRecallOptions): number | number[];
export function recallScore(yTrue: Labels, yPred: Labels, options?: PrecisionRecallOptions): number | number[] {
  return prfs("recallScore", yTrue, yPred, options ?? {}, "binary").recall;
}
recallScore.defaultAverage = "binary" as const;

/** F-beta score (`beta` option, default 1). Default `average` "binary" (scikit-learn's `fbeta_score`). */
export function fbetaScore(yTrue: Labels, yPred: Labels, options: FbetaOptions & { average: null }): number[];
export function fbetaScore(yTrue: Labels, yPred: Labels, options?: FbetaOptions & { average?: Exclude<Average, null> }): number;
export function fbetaScore(yTrue: Labels, yPred: Labels, options?: FbetaOptions): number | number[];
export function fbetaScore(yTrue: Labels, yPred: Labels, options?: FbetaOptions): number | number[] {
  return prfs("fbetaScore", yTrue, yPred, options ?? {}, "binary").fscore;
}
fbetaScore.defaultAverage = "binary" as const;

/** F1 = 2PR/(P+R). Default `average` "binary" (scikit-learn's `f1_score`). */
export function f1Score(yTrue: Labels, yPred: Labels, options: PrecisionRecallOptions & { average: null }): number[];
export function f1Score(yTrue: Labels, yPred: Labels, options?: PrecisionRecallOptions & { average?: Exclude<Average, null> }): number;
export function f1Score(yTrue: Labels, yPred: Labels, options?: PrecisionRecallOptions): number | number[];
export function f1Score(yTrue: Labels, yPred: Labels, options?: PrecisionRecallOptions): number | number[] {
  return prfs("f1Score", yTrue, yPred, { ...(options ?? {}), beta: 1 }, "binary").fscore;
}
f1Score.defaultAverage = "binary" as const;
