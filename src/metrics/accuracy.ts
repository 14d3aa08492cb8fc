/**
 * Accuracy, scikit-learn's `accuracy_score(y_true, y_pred, *, normalize, sample_weight)`.
 */
import { checkTargets, type Labels } from "./targets";

export interface AccuracyOptions {
  sampleWeight?: ArrayLike<number>;
  /** false: return the (weighted) number of correct predictions instead of their fraction. Default true. */
  normalize?: boolean;
}

/**
 * Fraction (or, with `normalize: false`, weighted count) of samples with yPred == yTrue.
 * Throws on empty or mismatched inputs.
 */
export function accuracyScore(yTrue: Labels, yPred: Labels, options: AccuracyOptions = {}): number {
  checkTargets("accuracyScore", yTrue, yPred, options.sampleWeight);
  const w = options.sampleWeight;
  let correct = 0;
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const wi = w === undefined ? 1 : w[i];
    if (yTrue[i] === yPred[i]) correct += wi;
    total += wi;
  }
  if (options.normalize === false) return correct;
  if (total === 0) throw new Error("accuracyScore: sample weights sum to zero");
  return correct / total;
}
// imbalanced-learn's IBA treats accuracy as a binary score: its dominance term uses average "binary".
accuracyScore.defaultAverage = "binary" as const;
