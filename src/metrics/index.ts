/**
 * The kit's classification metrics: pure functions (no tfjs) with scikit-learn 1.2 / imbalanced-learn
 * 0.10 semantics, one signature shape: `metric(yTrue, yPred, { labels, average, posLabel, sampleWeight })`
 * with integer class indices (`rocAucScore(yTrue, yScore, ...)` for scores). Checked against both
 * libraries to 1e-12 (test/metrics). Where the kit deliberately differs:
 * - empty input throws (the libraries return NaN, or 0 for binary F1); mismatched lengths throw
 *   everywhere (imbalanced-learn's multiclass G-mean silently returns 0);
 * - with sample weights, true negatives use the total weight (imbalanced-learn 0.10 subtracts weighted
 *   counts from the unweighted sample count), so weighted specificity, G-mean and IBA differ from it;
 * - zero division gives `zeroDivision` (0 or 1, default 0, as scikit-learn's "warn") without warnings;
 * - `rocAucScore` defaults to multiClass "ovr" (scikit-learn requires it), accepts flat row-major score
 *   arrays and two-column binary matrices, and has no `max_fpr`;
 * - `sensitivitySpecificitySupport` leaves `support` undefined where imbalanced-learn's early exit for
 *   an absent posLabel returns 0;
 * - labels are integers only; multilabel input and average "samples" are not supported.
 */
export type { Labels, TargetType } from "./targets";
export type { Average, AveragingOptions, LabelOptions } from "./options";
export type { ZeroDivision } from "./average";
export { confusionMatrix, normalizeConfusionMatrix, type ConfusionMatrixOptions } from "./confusion-matrix";
export { accuracyScore, type AccuracyOptions } from "./accuracy";
export { balancedAccuracyScore, type BalancedAccuracyOptions } from "./balanced-accuracy";
export {
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  fbetaScore,
  f1Score,
  type PrecisionRecallOptions,
  type FbetaOptions,
} from "./precision-recall-f";
export { sensitivitySpecificitySupport, sensitivityScore, specificityScore } from "./sensitivity-specificity";
export { predictiveValues, ppvScore, npvScore } from "./predictive-values";
export { geometricMeanScore, type GeometricMeanOptions, type GmeanAverage } from "./geometric-mean";
export { makeIndexBalancedAccuracy, indexBalancedAccuracy, type IbaParameters, type PredictionMetric } from "./index-balanced-accuracy";
export { rocCurve, auc, type RocCurve, type RocCurveOptions } from "./roc-curve";
export { rocAucScore, type RocAucOptions, type RocAverage } from "./roc-auc";
export type { ScoreInput } from "./scores";
export {
  classificationReportImbalanced,
  classificationReportDict,
  type ClassificationReport,
  type ClassificationReportOptions,
} from "./classification-report";
export { formatFixed } from "./format-fixed";
export { formatScorePair, f1MacroWeighted, type F1Pair } from "./score-pair";
export { percentile } from "./percentile";
export {
  bootstrapCi,
  bootstrapDifferenceCi,
  type BootstrapInterval,
  type BootstrapOptions,
  type SampleData,
} from "./bootstrap";
export * from "./catalogue/index";
export { collapseCheck, type CollapseCheck } from "./collapse";
