/**
 * What each run's metrics.json holds about its test set: every score of the metric catalogue (the same
 * definitions the reproduction tables use), the confusion matrix, and per-class one-vs-rest values for a
 * reader of the file. Every class of the data set is scored (labels 0..C-1), also when a small test set
 * lacks one. A score that is undefined on the data (ROC AUC with a single class present) is stored as
 * null with the reason in `undefinedMetrics`, instead of failing a finished training run.
 */
import { allMetrics, computeMetric, confusionMatrix, precisionRecallFscoreSupport, predictiveValues, sampleOf, sensitivitySpecificitySupport, type MetricName } from "../metrics/index";
import type { Predictions } from "../training/predict";

export interface PerClass {
  precision: number[];
  recall: number[];
  f1: number[];
  specificity: number[];
  ppv: number[];
  npv: number[];
}

export interface TestMetrics {
  classNames: string[];
  support: number[];
  /** Every metric of src/metrics/catalogue, by its catalogue name. */
  scores: Record<MetricName, number | null>;
  perClass: PerClass;
  confusionMatrix: number[][];
  undefinedMetrics: Partial<Record<MetricName, string>>;
}

export function testMetrics(p: Predictions): TestMetrics {
  const y = p.labels;
  const yHat = p.predictions;
  const labels = Array.from({ length: p.numClasses }, (_, i) => i);
  const prf = precisionRecallFscoreSupport(y, yHat, { labels, average: null });
  const ss = sensitivitySpecificitySupport(y, yHat, { labels, average: null });
  const pv = predictiveValues(y, yHat, { labels, average: null });
  const { scores, undefinedMetrics } = allMetrics(p);
  return {
    classNames: p.classNames,
    support: prf.support as number[],
    scores,
    perClass: { precision: prf.precision as number[], recall: prf.recall as number[], f1: prf.fscore as number[], specificity: ss.specificity, ppv: pv.ppv, npv: pv.npv },
    confusionMatrix: confusionMatrix(y, yHat, { labels }),
    undefinedMetrics,
  };
}

const VALIDATION_METRICS: MetricName[] = ["balancedAccuracy", "f1Macro", "gmean"];

/** The cheap subset logged per epoch on the validation set. */
export function validationMetrics(p: Predictions): Record<string, number> {
  const s = sampleOf(p);
  return Object.fromEntries(VALIDATION_METRICS.map((name) => [name, computeMetric(name, s)]));
}
