/**
 * A paired difference repeated over training seeds: each seed gives one difference on the same test
 * images; the seeds are the replicates. Their mean, standard deviation and Student-t interval say how
 * large the difference is and how much it depends on the seed; how many seeds agree in sign says how
 * often it would come out the other way.
 */
import { studentTCdf, studentTQuantile } from "./distributions";

export interface AcrossSeeds {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1); 0 for one seed. */
  sd: number;
  /** t interval of the mean at `confidence`; null for fewer than two seeds. */
  low: number | null;
  high: number | null;
  confidence: number;
  /** Two-sided one-sample t test of "mean difference 0" over the seeds; null for fewer than two seeds. */
  pValue: number | null;
  positive: number;
  negative: number;
}

export function acrossSeeds(differences: readonly number[], confidence = 0.95): AcrossSeeds {
  if (differences.length === 0) throw new Error("acrossSeeds: no seed has a value");
  for (const [i, d] of differences.entries()) if (!Number.isFinite(d)) throw new Error(`acrossSeeds: difference ${i} is ${d}`);
  if (!(confidence > 0 && confidence < 1)) throw new Error(`acrossSeeds: confidence must be in (0, 1), got ${confidence}`);
  const n = differences.length;
  const mean = differences.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(differences.reduce((s, d) => s + (d - mean) ** 2, 0) / (n - 1)) : 0;
  const half = n > 1 ? studentTQuantile(0.5 + confidence / 2, n - 1) * (sd / Math.sqrt(n)) : null;
  return {
    n,
    mean,
    sd,
    low: half === null ? null : mean - half,
    high: half === null ? null : mean + half,
    confidence,
    pValue: n > 1 ? tTestPValue(mean, sd / Math.sqrt(n), n - 1) : null,
    positive: differences.filter((d) => d > 0).length,
    negative: differences.filter((d) => d < 0).length,
  };
}

/** Two-sided p of a t statistic estimate / se; a zero standard error gives 0 or 1 (no spread at all). */
export function tTestPValue(estimate: number, standardError: number, df: number): number {
  if (standardError === 0) return estimate === 0 ? 1 : 0;
  return Math.min(1, 2 * studentTCdf(-Math.abs(estimate / standardError), df));
}
