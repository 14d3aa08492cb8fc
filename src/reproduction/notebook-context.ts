/**
 * The report context of a notebook (or any caller that writes results): the results directory, the
 * notebook writing them, the profile and data behind the numbers, and their provenance, gathered once
 * here so that report/ only copies plain data into every table and figure.
 */
import * as path from "node:path";
import { PROFILE_NAMES, getProfile, hasSyntheticPixels } from "../profiles";
import { resultsDir as defaultResultsDir } from "../paths";
import { provenance } from "../provenance";
import type { ReportContext } from "../report/context";

export interface NotebookContextOptions {
  resultsDir?: string;
  notebook?: string;
  profile?: string;
  dataset?: string;
  synthetic?: boolean;
  seed?: number;
  config?: unknown;
}

/**
 * Fills the gaps: results under `DALA_RESULTS` or the repository's `results/`, the notebook from
 * `DALA_NOTEBOOK` (set by a runner), `synthetic` from the profile's data when the profile is known.
 * Call it after `initBackend`, so the provenance names the backend.
 */
export function notebookContext(options: NotebookContextOptions = {}): ReportContext {
  const profile = options.profile ?? "demo";
  const known = (PROFILE_NAMES as readonly string[]).includes(profile);
  if (options.synthetic === undefined && !known) {
    throw new Error(`report context: profile '${profile}' is not one of ${PROFILE_NAMES.join(", ")}; say whether its data is synthetic (synthetic: true|false)`);
  }
  const synthetic = options.synthetic ?? hasSyntheticPixels(getProfile(profile));
  if (!synthetic && !options.dataset) throw new Error("report context: name the real data set behind these results (dataset: ...)");
  const dataset = options.dataset ?? "synthetic";
  return {
    resultsDir: path.resolve(options.resultsDir ?? defaultResultsDir()),
    notebook: options.notebook ?? process.env.DALA_NOTEBOOK,
    profile,
    dataset,
    synthetic,
    provenance: provenance({ config: options.config, seed: options.seed, profile, dataset }),
  };
}
