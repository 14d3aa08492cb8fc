/** Where the kit reads and writes, overridable by environment so that several machines can share one results tree. */
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..");

/** Generated tables, figures, executed notebooks and experiment runs (`DALA_RESULTS`). */
export function resultsDir(): string {
  return path.resolve(process.env.DALA_RESULTS ?? path.join(REPO_ROOT, "results"));
}

/**
 * Where a profile's results go when neither --results nor DALA_RESULTS says: the study profile's are
 * committed, so they live apart (results/study/) from the demo's and ci's, which git ignores; the
 * paper-smoke profile's come from stand-in data, so they never mix with a real run's (results/paper-smoke/).
 */
export function profileResultsDir(profile: string): string {
  if (process.env.DALA_RESULTS) return resultsDir();
  return profile === "study" || profile === "paper-smoke" ? path.join(REPO_ROOT, "results", profile) : resultsDir();
}

/** Downloaded and generated data sets (`DALA_DATA`). */
export function dataDir(): string {
  return path.resolve(process.env.DALA_DATA ?? path.join(REPO_ROOT, "data"));
}

/** Preprocessed image caches and downloaded weights (`DALA_CACHE`). */
export function cacheDir(): string {
  return path.resolve(process.env.DALA_CACHE ?? path.join(REPO_ROOT, "cache"));
}
