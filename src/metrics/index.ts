/** The kit's classification metrics: scikit-learn / imbalanced-learn semantics, pure functions, no tfjs. */
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
