/**
 * Balanced accuracy, scikit-learn's `balanced_accuracy_score(y_true, y_pred, *, sample_weight, adjusted)`.
 */
import { checkTargets, type Labels } from "./targets";
import { confusionMatrix } from "./confusion-matrix";

export interface BalancedAccuracyOptions {
  sampleWeight?: ArrayLike<number>;
  /** Rescale so that chance level is 0 and perfect is 1. Default false. */
  adjusted?: boolean;
}

/**
 * Mean of the per-class recalls over the classes present in yTrue. Classes that are only predicted
 * are left out (scikit-learn warns "y_pred contains classes not in y_true" and does the same).
 */
export function balancedAccuracyScore(yTrue: Labels, yPred: Labels, options: BalancedAccuracyOptions = {}): number {
  const targets = checkTargets("balancedAccuracyScore", yTrue, yPred, options.sampleWeight);
  const cm = confusionMatrix(yTrue, yPred, { labels: targets.present, sampleWeight: options.sampleWeight });
  const recalls: number[] = [];
  cm.forEach((row, i) => {
    const support = row.reduce((a, b) => a + b, 0);
    if (support > 0) recalls.push(row[i] / support);
  });
  let score = recalls.reduce((a, b) => a + b, 0) / recalls.length;
  if (options.adjusted) {
    const chance = 1 / recalls.length;
    score = (score - chance) / (1 - chance);
  }
  return score;
}
