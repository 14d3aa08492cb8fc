/**
 * The paired bootstrap as a test: both classifiers scored on the same stratified resamples of the test
 * images (bootstrapDifferenceCi), the percentile interval of metric(A) - metric(B), and a two-sided
 * p-value by inverting that interval: twice the share of resampled differences on the far side of 0
 * (capped at 1), the smallest alpha whose interval would exclude 0.
 */
import { bootstrapDifferenceCi, type BootstrapInterval, type BootstrapOptions, type SampleData } from "../metrics/bootstrap";

export interface PairedBootstrapResult extends BootstrapInterval {
  pValue: number;
}

export function bootstrapPValue(values: readonly number[]): number {
  const valid = values.filter((v) => !Number.isNaN(v));
  if (valid.length === 0) throw new Error("bootstrapPValue: no valid resample");
  const atOrBelow = valid.filter((v) => v <= 0).length;
  const atOrAbove = valid.filter((v) => v >= 0).length;
  return Math.min(1, (2 * Math.min(atOrBelow, atOrAbove)) / valid.length);
}

export function pairedBootstrap<P extends SampleData>(
  metric: (yTrue: number[], predictions: P) => number,
  yTrue: ArrayLike<number>,
  a: P,
  b: P,
  options: BootstrapOptions = {},
): PairedBootstrapResult {
  const interval = bootstrapDifferenceCi(metric, yTrue, a, b, { stratify: true, ...options });
  return { ...interval, pValue: bootstrapPValue(interval.values) };
}
