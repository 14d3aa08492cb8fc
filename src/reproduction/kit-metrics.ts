/**
 * How each metric the paper reports is computed from a run's test predictions, decided once here, and
 * its bootstrap confidence interval. The paper names its metrics but not their averaging; the readings
 * below are the ones its own numbers fit (see the notebooks 03 and 04 for the evidence):
 *
 * - accuracy; F1 as the pair macro / weighted (the "a/b" cells of Tables 2, 7, 8);
 * - G-mean: imbalanced-learn's `geometric_mean_score` (multiclass: geometric mean of per-class recalls);
 * - IBA: imbalanced-learn's IBA of the G-mean with alpha 0.1 and `squared: false`, the dominance taken
 *   from the malignant class for two classes (`average: "binary"`), macro otherwise: the only form of
 *   the four in iba-form.ts that can produce every binary IBA of Table 7 from its G-mean. `ibaSquared`
 *   is imbalanced-learn's default (squared, macro dominance), shown beside it;
 * - AUC-ROC (Table 2): binary = AUC of the malignant (index 1) probability; multiclass = one-vs-rest macro;
 * - sensitivity, specificity, PPV, NPV (Tables 11-12): for two classes those of the positive class
 *   (malignant, index 1), the clinical reading, which Table 11 fits (PPV > NPV with malignant the
 *   majority); for more classes the support-weighted one-vs-rest averages.
 */
import {
  accuracyScore,
  bootstrapCi,
  f1Score,
  geometricMeanScore,
  indexBalancedAccuracy,
  predictiveValues,
  rocAucScore,
  sensitivitySpecificitySupport,
  bootstrapDifferenceCi,
  type BootstrapInterval,
} from "../metrics";

/** A run's test predictions: what every metric below reads. */
export interface TestPredictions {
  numClasses: number;
  classNames: string[];
  labels: ArrayLike<number>;
  predictions: ArrayLike<number>;
  /** Row-major [n, numClasses] softmax probabilities. */
  probabilities: ArrayLike<number>;
  /** Manifest row of each test image: two runs are comparable image by image only if these agree. */
  indices?: ArrayLike<number>;
}

export const KIT_METRICS = [
  "accuracy",
  "f1Macro",
  "f1Weighted",
  "gmean",
  "iba",
  "ibaSquared",
  "aucRoc",
  "sensitivity",
  "specificity",
  "ppv",
  "npv",
] as const;
export type KitMetric = (typeof KIT_METRICS)[number];

/** How tables and figures name each metric. */
export const KIT_METRIC_LABELS: Record<KitMetric, string> = {
  accuracy: "accuracy",
  f1Macro: "F1 macro",
  f1Weighted: "F1 weighted",
  gmean: "G-mean",
  iba: "IBA",
  ibaSquared: "IBA (squared)",
  aucRoc: "AUC-ROC",
  sensitivity: "sensitivity",
  specificity: "specificity",
  ppv: "PPV",
  npv: "NPV",
};

/** The index of a binary data set's positive class (BreakHis: malignant). */
export const POSITIVE_CLASS = 1;

type Sample = { labels: number[]; predictions: number[]; rows: number[][] };

function labelsOf(numClasses: number): number[] {
  return Array.from({ length: numClasses }, (_, i) => i);
}

function oneVsRest(metric: "sensitivity" | "specificity" | "ppv" | "npv", s: Sample, numClasses: number): number {
  const labels = labelsOf(numClasses);
  const binary = numClasses === 2;
  const options = binary ? { labels, average: "binary" as const, posLabel: POSITIVE_CLASS } : { labels, average: "weighted" as const };
  if (metric === "sensitivity" || metric === "specificity") return sensitivitySpecificitySupport(s.labels, s.predictions, options)[metric];
  return predictiveValues(s.labels, s.predictions, options)[metric];
}

function compute(metric: KitMetric, s: Sample, numClasses: number): number {
  const labels = labelsOf(numClasses);
  switch (metric) {
    case "accuracy":
      return accuracyScore(s.labels, s.predictions);
    case "f1Macro":
      return f1Score(s.labels, s.predictions, { labels, average: "macro" });
    case "f1Weighted":
      return f1Score(s.labels, s.predictions, { labels, average: "weighted" });
    case "gmean":
      return geometricMeanScore(s.labels, s.predictions, { labels });
    case "iba":
      return numClasses === 2
        ? indexBalancedAccuracy(s.labels, s.predictions, { labels, alpha: 0.1, squared: false, average: "binary", posLabel: POSITIVE_CLASS })
        : indexBalancedAccuracy(s.labels, s.predictions, { labels, alpha: 0.1, squared: false });
    case "ibaSquared":
      return indexBalancedAccuracy(s.labels, s.predictions, { labels, alpha: 0.1, squared: true });
    case "aucRoc":
      return numClasses === 2
        ? rocAucScore(s.labels, s.rows.map((r) => r[POSITIVE_CLASS]))
        : rocAucScore(s.labels, s.rows, { labels, multiClass: "ovr", average: "macro" });
    default:
      return oneVsRest(metric, s, numClasses);
  }
}

function rowsOf(p: TestPredictions): number[][] {
  const C = p.numClasses;
  if (p.probabilities.length !== p.labels.length * C) {
    throw new Error(`test predictions: ${p.probabilities.length} probabilities for ${p.labels.length} samples of ${C} classes`);
  }
  return Array.from({ length: p.labels.length }, (_, i) => Array.from({ length: C }, (_, j) => p.probabilities[i * C + j]));
}

function sampleOf(p: TestPredictions): Sample {
  if (p.labels.length !== p.predictions.length) throw new Error(`test predictions: ${p.labels.length} labels but ${p.predictions.length} predictions`);
  return { labels: Array.from(p.labels), predictions: Array.from(p.predictions), rows: rowsOf(p) };
}

/** The metric on the whole test set; null where it is undefined (e.g. AUC with one class present). */
export function kitMetric(metric: KitMetric, p: TestPredictions): number | null {
  // malformed predictions are an error; only a metric undefined on well-formed data is null
  const sample = sampleOf(p);
  try {
    const v = compute(metric, sample, p.numClasses);
    return Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

export interface CiOptions {
  nResamples: number;
  seed: number;
  confidence?: number;
}

/**
 * Percentile bootstrap interval of the metric, resampling test images within each true class (the
 * class counts of a test split are fixed by the split, not random). Null where the metric is undefined.
 */
export function kitMetricCi(metric: KitMetric, p: TestPredictions, options: CiOptions): BootstrapInterval | null {
  const s = sampleOf(p);
  // index j of the "predictions" stands for test image j; the metric reads labels/predictions/rows of the resample
  const indices = s.labels.map((_, i) => i);
  const score = (truth: number[], idx: number[]) =>
    compute(metric, { labels: truth, predictions: idx.map((i) => s.predictions[i]), rows: idx.map((i) => s.rows[i]) }, p.numClasses);
  try {
    return bootstrapCi(score, s.labels, indices, { nResamples: options.nResamples, seed: options.seed, confidence: options.confidence, stratify: true });
  } catch {
    return null;
  }
}

function sameTestSet(a: TestPredictions, b: TestPredictions): boolean {
  const n = a.labels.length;
  if (n !== b.labels.length || a.numClasses !== b.numClasses) return false;
  for (let i = 0; i < n; i++) {
    if (a.labels[i] !== b.labels[i]) return false;
    if (a.indices && b.indices && a.indices[i] !== b.indices[i]) return false;
  }
  return true;
}

/**
 * Paired bootstrap interval of metric(a) - metric(b) for two runs tested on the same images (the same
 * resamples score both), the answer to "is 0.985 vs 0.979 a difference?". Throws if the test sets differ.
 */
export function kitMetricDifferenceCi(metric: KitMetric, a: TestPredictions, b: TestPredictions, options: CiOptions): BootstrapInterval | null {
  if (!sameTestSet(a, b)) throw new Error("kitMetricDifferenceCi: the two runs were not tested on the same images in the same order");
  const sa = sampleOf(a);
  const sb = sampleOf(b);
  const n = sa.labels.length;
  // one store for both runs: entries 0..n-1 are run a's test images, n..2n-1 run b's
  const predictions = [...sa.predictions, ...sb.predictions];
  const rows = [...sa.rows, ...sb.rows];
  const score = (truth: number[], idx: number[]) => compute(metric, { labels: truth, predictions: idx.map((i) => predictions[i]), rows: idx.map((i) => rows[i]) }, a.numClasses);
  const ia = sa.labels.map((_, i) => i);
  const ib = sa.labels.map((_, i) => i + n);
  try {
    return bootstrapDifferenceCi(score, sa.labels, ia, ib, { nResamples: options.nResamples, seed: options.seed, confidence: options.confidence, stratify: true });
  } catch {
    return null;
  }
}
