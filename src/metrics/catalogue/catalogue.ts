/**
 * The metric catalogue: every score the kit reports, by name, as a pure function of a test set's
 * labels, predictions and probabilities, decided once here. The experiment runner (metrics.json), the
 * reproduction tables and the paired comparisons all read these definitions, so a name means one
 * number everywhere. The paper names its metrics but not their averaging; the readings below are the
 * ones its own numbers fit (notebooks 03, 04 and 07 show the evidence):
 *
 * - accuracy; F1 as the pair macro / weighted (the "a/b" cells of Tables 2, 7, 8);
 * - G-mean: imbalanced-learn's `geometric_mean_score` (multiclass: geometric mean of per-class recalls);
 * - IBA: imbalanced-learn's IBA of the G-mean with alpha 0.1 and `squared: false`, the dominance taken
 *   from the positive class for two classes (`average: "binary"`), macro otherwise: the only form that
 *   can produce every binary IBA of Table 7 from its G-mean (src/reproduction/iba-form.ts).
 *   `ibaSquared` is imbalanced-learn's default (squared, macro dominance), shown beside it;
 * - AUC-ROC (Table 2): binary = AUC of the positive class's probability; multiclass = one-vs-rest macro;
 * - sensitivity, specificity, PPV, NPV (Tables 11-12): for two classes those of the positive class,
 *   the clinical reading, which Table 11 fits (PPV > NPV with malignant the majority); for more
 *   classes the support-weighted one-vs-rest averages.
 */
import { accuracyScore } from "../accuracy";
import { balancedAccuracyScore } from "../balanced-accuracy";
import { f1Score } from "../precision-recall-f";
import { geometricMeanScore } from "../geometric-mean";
import { indexBalancedAccuracy } from "../index-balanced-accuracy";
import { predictiveValues } from "../predictive-values";
import { rocAucScore } from "../roc-auc";
import { sensitivitySpecificitySupport } from "../sensitivity-specificity";
import { sampleOf, type Sample, type TestPredictions } from "./predictions";

/**
 * The index of a binary data set's positive class in its class list: "malignant" for BreakHis and its
 * synthetic stand-in (classes benign, malignant). The one definition every binary reading uses.
 */
export const POSITIVE_CLASS = 1;

export interface MetricDefinition {
  /** How tables and figures name it. */
  label: string;
  /** Whether it reads the probabilities (a ranking metric) rather than the predicted labels. */
  usesProbabilities: boolean;
  compute(s: Sample): number;
}

const labelsOf = (s: Sample): number[] => Array.from({ length: s.numClasses }, (_, i) => i);

/** Two classes: the positive class's value; more: the support-weighted one-vs-rest average. */
function oneVsRest(metric: "sensitivity" | "specificity" | "ppv" | "npv"): (s: Sample) => number {
  return (s) => {
    const labels = labelsOf(s);
    const options = s.numClasses === 2 ? { labels, average: "binary" as const, posLabel: POSITIVE_CLASS } : { labels, average: "weighted" as const };
    if (metric === "sensitivity" || metric === "specificity") return sensitivitySpecificitySupport(s.labels, s.predictions, options)[metric];
    return predictiveValues(s.labels, s.predictions, options)[metric];
  };
}

const byLabels = (label: string, compute: (s: Sample) => number): MetricDefinition => ({ label, usesProbabilities: false, compute });

export const METRICS = {
  accuracy: byLabels("accuracy", (s) => accuracyScore(s.labels, s.predictions)),
  balancedAccuracy: byLabels("balanced accuracy", (s) => balancedAccuracyScore(s.labels, s.predictions)),
  f1Macro: byLabels("F1 macro", (s) => f1Score(s.labels, s.predictions, { labels: labelsOf(s), average: "macro" })),
  f1Weighted: byLabels("F1 weighted", (s) => f1Score(s.labels, s.predictions, { labels: labelsOf(s), average: "weighted" })),
  gmean: byLabels("G-mean", (s) => geometricMeanScore(s.labels, s.predictions, { labels: labelsOf(s) })),
  iba: byLabels("IBA", (s) =>
    s.numClasses === 2
      ? indexBalancedAccuracy(s.labels, s.predictions, { labels: labelsOf(s), alpha: 0.1, squared: false, average: "binary", posLabel: POSITIVE_CLASS })
      : indexBalancedAccuracy(s.labels, s.predictions, { labels: labelsOf(s), alpha: 0.1, squared: false }),
  ),
  ibaSquared: byLabels("IBA (squared)", (s) => indexBalancedAccuracy(s.labels, s.predictions, { labels: labelsOf(s), alpha: 0.1, squared: true })),
  aucRoc: {
    label: "AUC-ROC",
    usesProbabilities: true,
    compute: (s) =>
      s.numClasses === 2
        ? rocAucScore(s.labels, s.rows.map((r) => r[POSITIVE_CLASS]))
        : rocAucScore(s.labels, s.rows, { labels: labelsOf(s), multiClass: "ovr", average: "macro" }),
  },
  sensitivity: byLabels("sensitivity", oneVsRest("sensitivity")),
  specificity: byLabels("specificity", oneVsRest("specificity")),
  ppv: byLabels("PPV", oneVsRest("ppv")),
  npv: byLabels("NPV", oneVsRest("npv")),
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

export function metricLabel(name: MetricName): string {
  return METRICS[name].label;
}

/** The metric on a sample; NaN where it is undefined on the data (e.g. AUC with one class present). */
export function computeMetric(name: MetricName, s: Sample): number {
  const def: MetricDefinition | undefined = METRICS[name];
  if (!def) throw new Error(`unknown metric '${name}': choose one of ${METRIC_NAMES.join(", ")}`);
  try {
    return def.compute(s);
  } catch {
    return NaN;
  }
}

/**
 * The metric on the whole test set; null where it is undefined on well-formed data (AUC with one
 * class present). Malformed predictions (lengths that disagree) are an error.
 */
export function metricValue(name: MetricName, p: TestPredictions): number | null {
  const v = computeMetric(name, sampleOf(p));
  return Number.isFinite(v) ? v : null;
}

/** Every metric of the catalogue, and why each undefined one is undefined. */
export function allMetrics(p: TestPredictions): { scores: Record<MetricName, number | null>; undefinedMetrics: Partial<Record<MetricName, string>> } {
  const s = sampleOf(p);
  const scores = {} as Record<MetricName, number | null>;
  const undefinedMetrics: Partial<Record<MetricName, string>> = {};
  for (const name of METRIC_NAMES) {
    try {
      const v = METRICS[name].compute(s);
      scores[name] = Number.isFinite(v) ? v : null;
      if (!Number.isFinite(v)) undefinedMetrics[name] = `not finite (${v})`;
    } catch (e) {
      scores[name] = null;
      undefinedMetrics[name] = (e as Error).message;
    }
  }
  return { scores, undefinedMetrics };
}
