/**
 * Index balanced accuracy (IBA, Garcia, Mollineda & Sanchez 2009), imbalanced-learn's
 * `make_index_balanced_accuracy(*, alpha=0.1, squared=True)` decorator factory.
 *
 *   IBA(score) = (1 + alpha * (sensitivity - specificity)) * (squared ? score^2 : score)
 *
 * where sensitivity and specificity come from `sensitivitySpecificitySupport` called with the same
 * yTrue, yPred, labels, posLabel, sampleWeight and average as the wrapped metric. The average is the
 * caller's, else the metric's own default (its `defaultAverage` property, e.g. "binary" for f1Score);
 * "multiclass" (geometricMeanScore's default) becomes "macro", and accuracy (whose defaultAverage is
 * "binary") always uses "binary", as imbalanced-learn does. A metric without `defaultAverage` gets
 * per-label sensitivity/specificity (imbalanced-learn's `average=None`). With average null the
 * result is one IBA per label.
 */
import type { Labels } from "./targets";
import type { Average } from "./options";
import { sensitivitySpecificityFor } from "./sensitivity-specificity";
import { geometricMeanScore, type GeometricMeanOptions, type GmeanAverage } from "./geometric-mean";

export interface IbaParameters {
  /** Weight of the dominance (sensitivity - specificity). Default 0.1. */
  alpha?: number;
  /** Square the wrapped score before weighting. Default true. */
  squared?: boolean;
}

/** The options IBA reads from a wrapped metric's call. */
export interface IbaReadableOptions {
  labels?: readonly number[];
  posLabel?: number;
  sampleWeight?: ArrayLike<number>;
  average?: GmeanAverage;
}

/** A metric on predicted labels that IBA can wrap. Metrics on scores (AUC) cannot be wrapped. */
export type PredictionMetric = ((yTrue: Labels, yPred: Labels, options?: any) => number | number[]) & {
  readonly defaultAverage?: GmeanAverage;
};

/** Elementwise a op b with numpy broadcasting of a scalar against a vector. */
function broadcast(a: number | number[], b: number | number[], op: (x: number, y: number) => number): number | number[] {
  if (typeof a === "number" && typeof b === "number") return op(a, b);
  if (typeof a === "number") return (b as number[]).map((y) => op(a, y));
  if (typeof b === "number") return a.map((x) => op(x, b));
  if (a.length !== b.length) throw new Error(`indexBalancedAccuracy: ${a.length} scores but ${b.length} dominance terms`);
  return a.map((x, i) => op(x, b[i]));
}

/**
 * Returns a decorator: `makeIndexBalancedAccuracy({ alpha, squared })(metric)` is a metric with the
 * same signature whose value is the IBA of `metric`'s value.
 */
export function makeIndexBalancedAccuracy({ alpha = 0.1, squared = true }: IbaParameters = {}) {
  if (!Number.isFinite(alpha)) throw new Error(`makeIndexBalancedAccuracy: alpha must be a finite number; got ${alpha}`);
  return function decorate<F extends PredictionMetric>(metric: F): F {
    const wrapped = (yTrue: Labels, yPred: Labels, options: IbaReadableOptions = {}): number | number[] => {
      let score = metric(yTrue, yPred, options);
      if (squared) score = broadcast(score, score, (x, y) => x * y);
      let average: GmeanAverage = options.average !== undefined ? options.average : metric.defaultAverage ?? null;
      if (average === "multiclass") average = "macro";
      const { sensitivity, specificity } = sensitivitySpecificityFor("indexBalancedAccuracy", yTrue, yPred, {
        labels: options.labels,
        posLabel: options.posLabel,
        sampleWeight: options.sampleWeight,
        average: average as Average,
      }, null);
      const dominance = broadcast(sensitivity, specificity, (s, p) => s - p);
      return broadcast(dominance, score, (d, s) => (1 + alpha * d) * s);
    };
    return Object.assign(wrapped, { defaultAverage: metric.defaultAverage }) as unknown as F;
  };
}

export interface IndexBalancedAccuracyOptions extends GeometricMeanOptions, IbaParameters {}

/**
 * IBA of the geometric mean, the form the paper's tables report:
 * `makeIndexBalancedAccuracy({ alpha, squared })(geometricMeanScore)(yTrue, yPred, options)`.
 * Defaults alpha 0.1, squared true, average "multiclass" (dominance over "macro").
 */
export function indexBalancedAccuracy(yTrue: Labels, yPred: Labels, options: IndexBalancedAccuracyOptions & { average: null }): number[];
export function indexBalancedAccuracy(yTrue: Labels, yPred: Labels, options?: IndexBalancedAccuracyOptions & { average?: Exclude<GmeanAverage, null> }): number;
export function indexBalancedAccuracy(yTrue: Labels, yPred: Labels, options?: IndexBalancedAccuracyOptions): number | number[];
export function indexBalancedAccuracy(yTrue: Labels, yPred: Labels, options?: IndexBalancedAccuracyOptions): number | number[] {
  const { alpha, squared, ...gmeanOptions } = options ?? ({} as IndexBalancedAccuracyOptions);
  return makeIndexBalancedAccuracy({ alpha, squared })(geometricMeanScore)(yTrue, yPred, gmeanOptions);
}
