/**
 * The verdict of the model randomisation test (Adebayo et al., 2018) for one method: the mean over
 * images of |rho_s| between the maps of the trained and of the re-initialised model, with a Student-t
 * interval over the images. The absolute value is taken because a map that turns into its own
 * negative still follows the trained weights' structure; Adebayo et al. report both forms.
 *
 * Rule (written beside the table in notebook 06): a method FAILS when the lower end of the 95%
 * interval is above `threshold` (0.5 by default): its maps stay similar when the weights they should
 * explain are replaced. It PASSES when the upper end is below the threshold; otherwise, or with
 * fewer than two images with a defined rho_s, the run cannot tell ("inconclusive").
 */
import { acrossSeeds } from "./across-seeds";

export type RandomisationVerdict = "pass" | "fail" | "inconclusive";

export interface RandomisationSummary {
  /** Images with a defined rho_s (both maps non-constant). */
  images: number;
  /** Images left out because one of the two maps was constant. */
  undefinedImages: number;
  meanRho: number | null;
  meanAbsRho: number | null;
  low: number | null;
  high: number | null;
  confidence: number;
  threshold: number;
  verdict: RandomisationVerdict;
}

export const RANDOMISATION_THRESHOLD = 0.5;

export function randomisationVerdict(low: number | null, high: number | null, threshold = RANDOMISATION_THRESHOLD): RandomisationVerdict {
  if (low === null || high === null) return "inconclusive";
  if (low > threshold) return "fail";
  if (high < threshold) return "pass";
  return "inconclusive";
}

/** Summary and verdict of one method's per-image rho_s (null = undefined for that image). */
export function summariseRandomisation(rhos: readonly (number | null)[], options: { confidence?: number; threshold?: number } = {}): RandomisationSummary {
  const confidence = options.confidence ?? 0.95;
  const threshold = options.threshold ?? RANDOMISATION_THRESHOLD;
  const defined = rhos.filter((r): r is number => r !== null);
  const base = { images: defined.length, undefinedImages: rhos.length - defined.length, confidence, threshold };
  if (defined.length === 0) return { ...base, meanRho: null, meanAbsRho: null, low: null, high: null, verdict: "inconclusive" };
  // acrossSeeds is the kit's one-sample Student-t interval; here the images are the replicates
  const t = acrossSeeds(defined.map(Math.abs), confidence);
  return {
    ...base,
    meanRho: defined.reduce((s, r) => s + r, 0) / defined.length,
    meanAbsRho: t.mean,
    low: t.low,
    high: t.high,
    verdict: randomisationVerdict(t.low, t.high, threshold),
  };
}
