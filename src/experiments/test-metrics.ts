/**
 * The metrics stored in each run's metrics.json, computed from its test predictions with the kit's
 * scikit-learn / imbalanced-learn metrics: everything Tables 2, 7-8 and 11-12 report, per class and
 * averaged. Every class of the data set is scored (labels 0..C-1), also when a small test set lacks one.
 * A metric that is undefined on the data (ROC AUC with a single class present) is stored as null with
 * the reason in `undefinedMetrics`, instead of failing a finished training run.
 */
import {
  accuracyScore,
  balancedAccuracyScore,
  confusionMatrix,
  geometricMeanScore,
  indexBalancedAccuracy,
  precisionRecallFscoreSupport,
  predictiveValues,
  rocAucScore,
  sensitivitySpecificitySupport,
} from "../metrics";
import type { Predictions } from "../training/predict";

export interface Averaged {
  macro: number;
  weighted: number;
  perClass: number[];
}

export interface TestMetrics {
  classNames: string[];
  support: number[];
  accuracy: number;
  balancedAccuracy: number;
  precision: Averaged;
  recall: Averaged;
  f1: Averaged;
  sensitivity: Averaged;
  specificity: Averaged;
  ppv: Averaged;
  npv: Averaged;
  /** imbalanced-learn `geometric_mean_score` (multiclass: geometric mean of per-class recalls). */
  gmean: number;
  /** imbalanced-learn IBA of the G-mean, alpha 0.1, squared (its default). */
  iba: number | null;
  /** The same with squared = false, the form the paper's IBA values are closer to. */
  ibaUnsquared: number | null;
  /** Binary: AUC of class 1's probability; multiclass: one-vs-rest macro. */
  rocAuc: number | null;
  confusionMatrix: number[][];
  undefinedMetrics: Record<string, string>;
}

function orNull(name: string, undefinedMetrics: Record<string, string>, f: () => number): number | null {
  try {
    return f();
  } catch (e) {
    undefinedMetrics[name] = (e as Error).message;
    return null;
  }
}

export function testMetrics(p: Predictions): TestMetrics {
  const y = p.labels;
  const yHat = p.predictions;
  const C = p.numClasses;
  const labels = Array.from({ length: C }, (_, i) => i);
  const undefinedMetrics: Record<string, string> = {};
  const prf = (average: "macro" | "weighted") => precisionRecallFscoreSupport(y, yHat, { labels, average });
  const perClass = precisionRecallFscoreSupport(y, yHat, { labels, average: null });
  const [mac, wei] = [prf("macro"), prf("weighted")];
  const sM = sensitivitySpecificitySupport(y, yHat, { labels, average: "macro" });
  const sW = sensitivitySpecificitySupport(y, yHat, { labels, average: "weighted" });
  const sC = sensitivitySpecificitySupport(y, yHat, { labels, average: null });
  const pM = predictiveValues(y, yHat, { labels, average: "macro" });
  const pW = predictiveValues(y, yHat, { labels, average: "weighted" });
  const pC = predictiveValues(y, yHat, { labels, average: null });
  const rows: number[][] = Array.from({ length: y.length }, (_, i) => Array.from(p.probabilities.subarray(i * C, (i + 1) * C)));
  return {
    classNames: p.classNames,
    support: perClass.support as number[],
    accuracy: accuracyScore(y, yHat),
    balancedAccuracy: balancedAccuracyScore(y, yHat),
    precision: { macro: mac.precision as number, weighted: wei.precision as number, perClass: perClass.precision as number[] },
    recall: { macro: mac.recall as number, weighted: wei.recall as number, perClass: perClass.recall as number[] },
    f1: { macro: mac.fscore as number, weighted: wei.fscore as number, perClass: perClass.fscore as number[] },
    sensitivity: { macro: sM.sensitivity, weighted: sW.sensitivity, perClass: sC.sensitivity },
    specificity: { macro: sM.specificity, weighted: sW.specificity, perClass: sC.specificity },
    ppv: { macro: pM.ppv, weighted: pW.ppv, perClass: pC.ppv },
    npv: { macro: pM.npv, weighted: pW.npv, perClass: pC.npv },
    gmean: geometricMeanScore(y, yHat, { labels }),
    iba: orNull("iba", undefinedMetrics, () => indexBalancedAccuracy(y, yHat, { labels, alpha: 0.1, squared: true })),
    ibaUnsquared: orNull("ibaUnsquared", undefinedMetrics, () => indexBalancedAccuracy(y, yHat, { labels, alpha: 0.1, squared: false })),
    rocAuc: orNull("rocAuc", undefinedMetrics, () => rocAucScore(y, C === 2 ? rows.map((r) => r[1]) : rows, C === 2 ? {} : { labels, multiClass: "ovr", average: "macro" })),
    confusionMatrix: confusionMatrix(y, yHat, { labels }),
    undefinedMetrics,
  };
}

/** The cheap subset logged per epoch on the validation set. */
export function validationMetrics(p: Predictions): Record<string, number> {
  const labels = Array.from({ length: p.numClasses }, (_, i) => i);
  return {
    balancedAccuracy: balancedAccuracyScore(p.labels, p.predictions),
    f1Macro: precisionRecallFscoreSupport(p.labels, p.predictions, { labels, average: "macro" }).fscore as number,
    gmean: geometricMeanScore(p.labels, p.predictions, { labels }),
  };
}
