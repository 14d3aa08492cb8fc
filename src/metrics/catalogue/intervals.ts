/**
 * Bootstrap intervals of a catalogue metric on a run's test predictions, resampling test images within
 * each true class (the class counts of a test split are fixed by the split, not random).
 */
import { bootstrapCi, bootstrapDifferenceCi, type BootstrapInterval } from "../bootstrap";
import { METRICS, type MetricName } from "./catalogue";
import { resample, sameTestSet, sampleOf, type TestPredictions } from "./predictions";

export interface CiOptions {
  nResamples: number;
  seed: number;
  confidence?: number;
}

/** Percentile interval of the metric; null where the metric is undefined on some resample. */
export function metricCi(name: MetricName, p: TestPredictions, options: CiOptions): BootstrapInterval | null {
  const s = sampleOf(p);
  // index j of the resampled "predictions" stands for test image j
  const indices = s.labels.map((_, i) => i);
  const score = (truth: number[], idx: number[]) => METRICS[name].compute(resample(s, truth, idx));
  try {
    return bootstrapCi(score, s.labels, indices, { nResamples: options.nResamples, seed: options.seed, confidence: options.confidence, stratify: true });
  } catch {
    return null;
  }
}

/**
 * Paired interval of metric(a) - metric(b) for two runs tested on the same images (the same resamples
 * score both), the answer to "is 0.985 vs 0.979 a difference?". Throws if the test sets differ.
 */
export function metricDifferenceCi(name: MetricName, a: TestPredictions, b: TestPredictions, options: CiOptions): BootstrapInterval | null {
  if (!sameTestSet(a, b)) throw new Error("metricDifferenceCi: the two runs were not tested on the same images in the same order");
  const sa = sampleOf(a);
  const sb = sampleOf(b);
  const n = sa.labels.length;
  // one store for both runs: entries 0..n-1 are run a's test images, n..2n-1 run b's
  const both = { numClasses: a.numClasses, labels: [...sa.labels, ...sb.labels], predictions: [...sa.predictions, ...sb.predictions], rows: [...sa.rows, ...sb.rows] };
  const score = (truth: number[], idx: number[]) => METRICS[name].compute(resample(both, truth, idx));
  const ia = sa.labels.map((_, i) => i);
  const ib = sa.labels.map((_, i) => i + n);
  try {
    return bootstrapDifferenceCi(score, sa.labels, ia, ib, { nResamples: options.nResamples, seed: options.seed, confidence: options.confidence, stratify: true });
  } catch {
    return null;
  }
}
